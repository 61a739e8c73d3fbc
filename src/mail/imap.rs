//! Reading the desk's IMAP mailbox (`tk mail fetch`): the address in
//! `tk.mail.imap.url`, one connection with bounded timeouts, the unseen
//! messages by UID, each read without setting `\Seen` (`BODY.PEEK[]`) and
//! flagged `\Seen` only when the caller says its change is on the ref.
//!
//! The protocol is the `imap` crate's; TLS is rustls with the web PKI
//! roots and `tk.mail.cafile` (the same as outgoing SMTP, see [`trust`]). This module decides nothing about
//! tickets and must not import `store`, `ops`, `sync` or `cli`.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use super::transport::{Auth, Security, Server};
use super::trust::{self, Trusted};

/// How long connecting, and then each read or write, may take before the
/// server counts as gone, unless `tk.mail.imap.timeout` says otherwise: a
/// server that stops answering ends the run instead of hanging a cron job.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The mailbox in `tk.mail.imap.url`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mailbox {
    /// The host name or address.
    pub host: String,
    /// The port.
    pub port: u16,
    /// How the connection is protected.
    pub security: Security,
    /// The user named in the URL (`imaps://user@host/`), percent-decoded.
    pub user: Option<String>,
    /// The mailbox (folder) name, percent-decoded; `INBOX` by default.
    pub name: String,
}

/// The SASL `XOAUTH2` exchange: the user and the bearer token first; an
/// empty answer to the server's error challenge, after which it says NO.
struct Xoauth2<'a> {
    user: &'a str,
    token: &'a str,
}

impl imap::Authenticator for Xoauth2<'_> {
    type Response = String;

    fn process(&self, challenge: &[u8]) -> String {
        if challenge.is_empty() {
            format!("user={}\x01auth=Bearer {}\x01\x01", self.user, self.token)
        } else {
            String::new()
        }
    }
}

/// Why the mailbox could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server is there but will not let us in as configured (login
    /// refused, no STARTTLS, no such mailbox): a person must fix the
    /// settings; retrying does not help.
    #[error("{0}")]
    Setup(String),
    /// The server cannot be reached or stopped answering, or the
    /// connection broke: try again later.
    #[error("{0}")]
    Unavailable(String),
}

impl Mailbox {
    /// Parses `imaps://[user@]host[:port][/MAILBOX]` (TLS, port 993) or
    /// `imap://…` (STARTTLS, required, port 143; plain only to a loopback
    /// address). A user that is a mail address writes its `@` as `%40`.
    pub fn parse(url: &str) -> Result<Mailbox, String> {
        let bad = || {
            format!(
                "tk.mail.imap.url `{url}` is not like imaps://user@imap.corp.example/INBOX or imap://user@127.0.0.1:143/INBOX"
            )
        };
        let (scheme, rest) = url.trim().split_once("://").ok_or_else(bad)?;
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, hostport) = match authority.rsplit_once('@') {
            Some((user, hostport)) => (Some(percent_decode(user).ok_or_else(bad)?), hostport),
            None => (None, authority),
        };
        let Server {
            host,
            port,
            loopback,
        } = Server::parse(hostport).ok_or_else(bad)?;
        let (security, default_port) = match scheme.to_ascii_lowercase().as_str() {
            "imaps" => (Security::Tls, 993),
            "imap" if loopback => (Security::Plain, 143),
            "imap" => (Security::StartTls, 143),
            _ => return Err(bad()),
        };
        let name = percent_decode(path.trim_end_matches('/')).ok_or_else(bad)?;
        // A mailbox name goes into an IMAP command as a quoted string.
        if name
            .chars()
            .any(|c| c.is_control() || c == '"' || c == '\\')
        {
            return Err(bad());
        }
        Ok(Mailbox {
            host: host.to_string(),
            port: port.unwrap_or(default_port),
            security,
            user: user.filter(|u| !u.is_empty()),
            name: if name.is_empty() {
                "INBOX".to_string()
            } else {
                name
            },
        })
    }

    /// Returns `host:port/MAILBOX`, for messages.
    pub fn label(&self) -> String {
        format!("{}:{}/{}", self.host, self.port, self.name)
    }

    /// Connects, logs in as `user` with `secret` (a password, or an access
    /// token for [`Auth::Xoauth2`]) and selects the mailbox; TLS trusts the
    /// web PKI roots and `trusted`.
    pub fn open(
        &self,
        user: &str,
        secret: &str,
        auth: Auth,
        timeout: Duration,
        trusted: &Trusted,
    ) -> Result<Connection, Error> {
        let label = self.label();
        let gone = |what: &str, e: &dyn std::fmt::Display| {
            Error::Unavailable(format!("the IMAP server {label} {what}: {e}"))
        };
        let addrs = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| gone("cannot be found", &e))?;
        let mut last = None;
        let mut tcp = None;
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, timeout) {
                Ok(stream) => {
                    tcp = Some(stream);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let tcp = match (tcp, last) {
            (Some(tcp), _) => tcp,
            (None, Some(e)) => return Err(gone("cannot be reached", &e)),
            (None, None) => {
                return Err(gone("cannot be found", &"the name has no address"));
            }
        };
        for set in [TcpStream::set_read_timeout, TcpStream::set_write_timeout] {
            set(&tcp, Some(timeout)).map_err(|e| gone("cannot be reached", &e))?;
        }
        let protocol = |e: imap::Error| classify(&label, timeout, e);
        let client = match self.security {
            Security::Tls => {
                let mut client =
                    imap::Client::new(Stream::Tls(Box::new(tls(&self.host, tcp, trusted)?)));
                client.read_greeting().map_err(protocol)?;
                client
            }
            Security::Plain => {
                let mut client = imap::Client::new(Stream::Plain(tcp));
                client.read_greeting().map_err(protocol)?;
                client
            }
            Security::StartTls => {
                let mut tcp = tcp;
                starttls(&mut tcp, &label, timeout)?;
                let mut client =
                    imap::Client::new(Stream::Tls(Box::new(tls(&self.host, tcp, trusted)?)));
                // After STARTTLS the server sends no second greeting.
                client.greeting_read = true;
                client
            }
        };
        let logged_in = match auth {
            Auth::Login => client.login(user, secret),
            Auth::Xoauth2 => client.authenticate(
                "XOAUTH2",
                &Xoauth2 {
                    user,
                    token: secret,
                },
            ),
        };
        let mut session = logged_in.map_err(|(e, _)| match e {
            imap::Error::No(no) => Error::Setup(format!(
                "the IMAP server {label} refused the login of {user}: {}",
                no.information
            )),
            imap::Error::Bad(bad) => Error::Setup(format!(
                "the IMAP server {label} refused the login of {user}: {}",
                bad.information
            )),
            e => classify(&label, timeout, e),
        })?;
        session.select(&self.name).map_err(|e| match e {
            imap::Error::No(no) => Error::Setup(format!(
                "the IMAP server {label} has no mailbox {} for {user}: {}",
                self.name, no.information
            )),
            e => classify(&label, timeout, e),
        })?;
        Ok(Connection {
            session,
            label,
            timeout,
        })
    }
}

/// A logged-in connection with the mailbox selected.
pub struct Connection {
    session: imap::Session<Stream>,
    label: String,
    timeout: Duration,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl Connection {
    /// Returns the UIDs of the unseen messages, oldest first (UIDs grow
    /// with arrival, so a reply never comes before its thread).
    pub fn unseen(&mut self) -> Result<Vec<u32>, Error> {
        let mut uids: Vec<u32> = self
            .session
            .uid_search("UNSEEN")
            .map_err(|e| classify(&self.label, self.timeout, e))?
            .into_iter()
            .collect();
        uids.sort_unstable();
        Ok(uids)
    }

    /// Returns message `uid` without setting its `\Seen` flag, cut one
    /// byte past `limit` (the server sends no more than that), or `None`
    /// when it is gone (expunged meanwhile).
    pub fn message(&mut self, uid: u32, limit: u64) -> Result<Option<Vec<u8>>, Error> {
        let label = self.label.clone();
        let sizes = self
            .session
            .uid_fetch(uid.to_string(), "RFC822.SIZE")
            .map_err(|e| classify(&label, self.timeout, e))?;
        let Some(size) = sizes.iter().find(|f| f.uid == Some(uid)).map(|f| f.size) else {
            return Ok(None);
        };
        let cut = limit.saturating_add(1);
        let query = match size {
            Some(size) if u64::from(size) <= limit => "BODY.PEEK[]".to_string(),
            _ => format!("BODY.PEEK[]<0.{}>", cut.min(u64::from(u32::MAX))),
        };
        let fetched = self
            .session
            .uid_fetch(uid.to_string(), query)
            .map_err(|e| classify(&label, self.timeout, e))?;
        let body = fetched
            .iter()
            .find(|f| f.uid == Some(uid))
            .and_then(|f| f.body())
            .map(|b| {
                let end = usize::try_from(cut).unwrap_or(usize::MAX).min(b.len());
                b[..end].to_vec()
            });
        Ok(body)
    }

    /// Sets the `\Seen` flag of message `uid`, so no later fetch takes it
    /// again.
    pub fn mark_seen(&mut self, uid: u32) -> Result<(), Error> {
        self.session
            .uid_store(uid.to_string(), "+FLAGS.SILENT (\\Seen)")
            .map(|_| ())
            .map_err(|e| classify(&self.label, self.timeout, e))
    }

    /// Logs out; a failure here changes nothing, so it is not reported.
    pub fn logout(mut self) {
        let _ = self.session.logout();
    }
}

/// Speaks the plain-text start of an IMAP session by hand, up to the
/// server's yes to `STARTTLS` (the imap crate keeps that step to its own
/// TLS connectors): the greeting, `CAPABILITY`, `STARTTLS`.
fn starttls(tcp: &mut TcpStream, label: &str, timeout: Duration) -> Result<(), Error> {
    let gone = |e: std::io::Error| {
        let why = match e.kind() {
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                format!("did not answer within {}s", timeout.as_secs())
            }
            _ => format!("failed: {e}"),
        };
        Error::Unavailable(format!("the IMAP server {label} {why}"))
    };
    let greeting = read_line(tcp).map_err(gone)?;
    if !greeting.starts_with("* OK") {
        return Err(Error::Unavailable(format!(
            "the IMAP server {label} did not greet: {}",
            greeting.trim_end()
        )));
    }
    let mut offered = false;
    for (tag, command) in [("t1", "CAPABILITY"), ("t2", "STARTTLS")] {
        tcp.write_all(format!("{tag} {command}\r\n").as_bytes())
            .map_err(gone)?;
        loop {
            let line = read_line(tcp).map_err(gone)?;
            let upper = line.to_ascii_uppercase();
            if upper.starts_with("* CAPABILITY ") {
                offered |= upper.split_whitespace().any(|w| w == "STARTTLS");
            }
            let Some(status) = upper.strip_prefix(&format!("{} ", tag.to_ascii_uppercase())) else {
                continue;
            };
            if !status.starts_with("OK") || (command == "CAPABILITY" && !offered) {
                return Err(Error::Setup(format!(
                    "the IMAP server {label} does not offer STARTTLS, and tk sends no password in the clear: use imaps://"
                )));
            }
            break;
        }
    }
    Ok(())
}

/// Reads one line, byte by byte so that nothing after it (the TLS
/// handshake) is taken from the socket; at most 64 KiB.
fn read_line(tcp: &mut TcpStream) -> std::io::Result<String> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while line.len() < 64 * 1024 {
        if tcp.read(&mut byte)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        line.push(byte[0]);
        if byte[0] == b'\n' {
            break;
        }
    }
    Ok(String::from_utf8_lossy(&line).into_owned())
}

/// Returns an IMAP error as unavailable (try again later): everything
/// that is not a refusal of the settings. A server certificate tk does not
/// trust is a setting to fix (`tk.mail.cafile`), not a reason to retry.
fn classify(label: &str, timeout: Duration, e: imap::Error) -> Error {
    if let imap::Error::Io(io) = &e {
        if trust::is_untrusted_certificate(io) {
            return Error::Setup(format!(
                "the IMAP server {label} has a certificate tk does not trust ({io}): if a company CA signs it, set git config tk.mail.cafile to its PEM file"
            ));
        }
    }
    let why = match &e {
        imap::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            format!("did not answer within {}s", timeout.as_secs())
        }
        imap::Error::No(no) => format!("said NO: {}", no.information),
        imap::Error::Bad(bad) => format!("said BAD: {}", bad.information),
        imap::Error::Bye(bye) => format!("closed the connection: {}", bye.information),
        e => format!("failed: {e}"),
    };
    Error::Unavailable(format!("the IMAP server {label} {why}"))
}

/// Opens TLS over `tcp` to `host`, checked against the web PKI roots and
/// `trusted`.
fn tls(
    host: &str,
    tcp: TcpStream,
    trusted: &Trusted,
) -> Result<rustls::StreamOwned<rustls::ClientConnection, TcpStream>, Error> {
    let roots = trusted.roots();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Setup(format!("cannot set up TLS for {host}: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from(host.to_string())
        .map_err(|e| Error::Setup(format!("cannot set up TLS for {host}: {e}")))?;
    let connection = rustls::ClientConnection::new(Arc::new(config), name)
        .map_err(|e| Error::Setup(format!("cannot set up TLS for {host}: {e}")))?;
    Ok(rustls::StreamOwned::new(connection, tcp))
}

/// The connection under the IMAP protocol: plain (loopback only) or TLS.
enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stream::Plain(_) => "Stream::Plain",
            Stream::Tls(_) => "Stream::Tls",
        })
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are
/// not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imap_urls_pick_tls_user_and_mailbox() {
        let parse = |u: &str| Mailbox::parse(u);
        assert_eq!(
            parse("imaps://helpdesk%40corp.example@outlook.office365.com/INBOX"),
            Ok(Mailbox {
                host: "outlook.office365.com".into(),
                port: 993,
                security: Security::Tls,
                user: Some("helpdesk@corp.example".into()),
                name: "INBOX".into(),
            })
        );
        let local = parse("imap://desk@127.0.0.1:10143").unwrap();
        assert_eq!(
            (local.port, local.security, local.name.as_str()),
            (10143, Security::Plain, "INBOX")
        );
        let starttls = parse("imap://imap.corp.example/Help%20Desk").unwrap();
        assert_eq!(
            (
                starttls.port,
                starttls.security,
                starttls.user,
                starttls.name
            ),
            (143, Security::StartTls, None, "Help Desk".to_string())
        );
        assert_eq!(parse("imaps://[::1]:993/").unwrap().host, "::1");
        assert!(parse("https://imap.corp.example").is_err());
        assert!(parse("imaps://host:port/INBOX").is_err());
        assert!(parse("imaps://host/IN%ZZ").is_err());
        assert!(parse("imaps://host/a%22b").is_err());
        assert!(parse("imap.corp.example").is_err());
    }
}
