//! Handing a mail to the machine's mail system: a sendmail-compatible
//! command (`git config tk.mail.sendmail`, like `/usr/sbin/sendmail -t
//! -i`) that reads one message on stdin and exits 0 once it accepted it.

use super::trust::{is_untrusted_certificate, Trusted};
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `command` through `sh -c` with `message` on its stdin; `Ok` once
/// it exited 0, which is when the mail system took the mail.
pub fn sendmail(command: &str, message: &[u8]) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tk.mail.sendmail `{command}`: {e}"))?;
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(message))
        .transpose();
    let output = child
        .wait_with_output()
        .map_err(|e| format!("tk.mail.sendmail `{command}` failed: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or_default().trim().to_string();
        return Err(format!(
            "tk.mail.sendmail `{command}` refused the mail ({}){}",
            output.status,
            if first.is_empty() {
                String::new()
            } else {
                format!(": {first}")
            }
        ));
    }
    written.map_err(|e| format!("cannot write to tk.mail.sendmail `{command}`: {e}"))?;
    Ok(())
}

/// An SMTP server to submit mail to, from `tk.mail.smtp.url`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Smtp {
    /// The host name or address.
    pub host: String,
    /// The port.
    pub port: u16,
    /// How the connection is protected.
    pub security: Security,
}

/// A mail server as its URL names it: `host[:port]`, the host a name, an
/// IPv4 address or a bracketed IPv6 one.
pub(super) struct Server<'a> {
    /// The host, without brackets.
    pub host: &'a str,
    /// The port, when the URL gives one.
    pub port: Option<u16>,
    /// Whether the host is this machine (`localhost` or a loopback
    /// address), the only place a connection may go without TLS.
    pub loopback: bool,
}

impl<'a> Server<'a> {
    /// Parses `host[:port]`; `None` for an empty host, whitespace in it, an
    /// unclosed bracket or a port that is not a number.
    pub(super) fn parse(hostport: &'a str) -> Option<Server<'a>> {
        let (host, port) = match hostport.strip_prefix('[') {
            Some(bracketed) => {
                let (host, rest) = bracketed.split_once(']')?;
                let port = match rest {
                    "" => None,
                    _ => Some(rest.strip_prefix(':')?),
                };
                (host, port)
            }
            None => match hostport.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (hostport, None),
            },
        };
        let port = match port {
            Some(port) => Some(port.parse::<u16>().ok()?),
            None => None,
        };
        if host.is_empty() || host.contains(char::is_whitespace) {
            return None;
        }
        let loopback = host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        Some(Server {
            host,
            port,
            loopback,
        })
    }
}

/// How tk logs in to a mail server (`tk.mail.imap.auth`,
/// `tk.mail.smtp.auth`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Auth {
    /// The user and a password (or an app password): IMAP `LOGIN`, SMTP
    /// `AUTH PLAIN` or `LOGIN`.
    #[default]
    Login,
    /// SASL `XOAUTH2` with the user and an OAuth 2 access token, which
    /// Microsoft 365 and Google require where they refuse passwords.
    Xoauth2,
}

impl Auth {
    /// Parses the setting `key`'s value, `login` or `xoauth2`.
    pub fn parse(key: &str, text: &str) -> Result<Auth, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "login" => Ok(Auth::Login),
            "xoauth2" => Ok(Auth::Xoauth2),
            _ => Err(format!("{key} `{text}` is not login or xoauth2")),
        }
    }

    /// Returns what the secret is called in messages.
    pub fn secret(self) -> &'static str {
        match self {
            Auth::Login => "password",
            Auth::Xoauth2 => "access token",
        }
    }
}

/// How an SMTP connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// `smtps://`: TLS from the first byte (port 465).
    Tls,
    /// `smtp://`: STARTTLS, required (port 587).
    StartTls,
    /// `smtp://` to a loopback address: no TLS (a local relay).
    Plain,
}

impl Smtp {
    /// Parses `smtp://host[:port]` (STARTTLS; plain only to a loopback
    /// address) or `smtps://host[:port]` (TLS).
    pub fn parse(url: &str) -> Result<Smtp, String> {
        let bad =
            || format!("tk.mail.smtp.url `{url}` is not like smtp://host:587 or smtps://host:465");
        let (scheme, rest) = url.trim().split_once("://").ok_or_else(bad)?;
        let authority = rest.split('/').next().unwrap_or_default();
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        let server = Server::parse(authority).ok_or_else(bad)?;
        let (security, default_port) = match scheme.to_ascii_lowercase().as_str() {
            "smtps" => (Security::Tls, 465),
            "smtp" if server.loopback => (Security::Plain, 25),
            "smtp" => (Security::StartTls, 587),
            _ => return Err(bad()),
        };
        Ok(Smtp {
            host: server.host.to_string(),
            port: server.port.unwrap_or(default_port),
            security,
        })
    }

    /// Submits `message` from `from` to `to`, logging in when a user and
    /// secret (a password, or an access token for [`Auth::Xoauth2`]) are
    /// given; `Ok` once the server accepted it. TLS trusts the web PKI
    /// roots and `trusted`.
    pub fn send(
        &self,
        login: Option<(&str, &str, Auth)>,
        trusted: &Trusted,
        from: &str,
        to: &str,
        message: &[u8],
    ) -> Result<(), String> {
        use lettre::transport::smtp::authentication::{Credentials, Mechanism};
        use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
        use lettre::Transport;
        let tls = || {
            let setup = |e: lettre::transport::smtp::Error| {
                format!("cannot set up TLS for {}: {e}", self.host)
            };
            let mut builder = TlsParameters::builder(self.host.clone());
            if !trusted.pem().is_empty() {
                builder = builder
                    .add_root_certificate(Certificate::from_pem(trusted.pem()).map_err(setup)?);
            }
            builder.build_rustls().map_err(setup)
        };
        let mut builder =
            lettre::SmtpTransport::builder_dangerous(self.host.as_str()).port(self.port);
        builder = match self.security {
            Security::Tls => builder.tls(Tls::Wrapper(tls()?)),
            Security::StartTls => builder.tls(Tls::Required(tls()?)),
            Security::Plain => builder.tls(Tls::None),
        };
        if let Some((user, secret, auth)) = login {
            builder = builder.credentials(Credentials::new(user.to_string(), secret.to_string()));
            if auth == Auth::Xoauth2 {
                builder = builder.authentication(vec![Mechanism::Xoauth2]);
            }
        }
        let transport = builder
            .timeout(Some(std::time::Duration::from_secs(60)))
            .build();
        let envelope = lettre::address::Envelope::new(
            Some(from.parse().map_err(|e| format!("sender `{from}`: {e}"))?),
            vec![to.parse().map_err(|e| format!("recipient `{to}`: {e}"))?],
        )
        .map_err(|e| format!("cannot address the mail: {e}"))?;
        transport
            .send_raw(&envelope, message)
            .map(|_| ())
            .map_err(|e| {
                if is_untrusted_certificate(&e) {
                    format!(
                        "the SMTP server {}:{} has a certificate tk does not trust ({e}): if a company CA signs it, set git config tk.mail.cafile to its PEM file",
                        self.host, self.port
                    )
                } else {
                    format!(
                        "the SMTP server {}:{} refused the mail: {e}",
                        self.host, self.port
                    )
                }
            })
    }
}

/// Returns the first line a password command prints (`key` names the
/// setting, like `tk.mail.smtp.password-command`; the command is like
/// `pass show desk/smtp`).
pub fn password_from(key: &str, command: &str) -> Result<String, String> {
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {key}: {e}"))?;
    if !output.status.success() {
        return Err(format!("{key} failed ({})", output.status));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text.lines().next().unwrap_or_default().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_reads_login_and_xoauth2_in_any_case_and_names_the_key_otherwise() {
        assert_eq!(Auth::parse("k", "login"), Ok(Auth::Login));
        assert_eq!(Auth::parse("k", " XOAuth2 "), Ok(Auth::Xoauth2));
        assert_eq!(
            Auth::parse("tk.mail.imap.auth", "plain"),
            Err("tk.mail.imap.auth `plain` is not login or xoauth2".to_string())
        );
        assert_eq!(Auth::Xoauth2.secret(), "access token");
    }

    #[test]
    fn regression_a_bracketed_ipv6_host_without_a_port_parses() {
        let server = Server::parse("[::1]").expect("a bracketed host alone is valid");
        assert_eq!(
            (server.host, server.port, server.loopback),
            ("::1", None, true)
        );
        let server = Server::parse("[2001:db8::1]:2525").expect("valid");
        assert_eq!(
            (server.host, server.port, server.loopback),
            ("2001:db8::1", Some(2525), false)
        );
        assert!(Server::parse("[::1]25").is_none());
        assert!(Server::parse("").is_none());
        assert!(Server::parse("mail host").is_none());
    }

    #[test]
    fn smtp_urls_pick_tls_and_refuse_plain_off_loopback() {
        let parse = |u: &str| Smtp::parse(u).map(|s| (s.host, s.port, s.security));
        assert_eq!(
            parse("smtp://mail.corp.example"),
            Ok(("mail.corp.example".into(), 587, Security::StartTls))
        );
        assert_eq!(
            parse("smtps://smtp.gmail.com:465"),
            Ok(("smtp.gmail.com".into(), 465, Security::Tls))
        );
        assert_eq!(
            parse("smtp://127.0.0.1:2525"),
            Ok(("127.0.0.1".into(), 2525, Security::Plain))
        );
        assert_eq!(
            parse("smtp://[::1]:25"),
            Ok(("::1".into(), 25, Security::Plain))
        );
        assert_eq!(
            parse("smtp://user@localhost"),
            Ok(("localhost".into(), 25, Security::Plain))
        );
        assert!(parse("http://mail").is_err());
        assert!(parse("smtp://host:port").is_err());
        assert!(parse("smtp://[::1:25").is_err());
        assert!(parse("mail.corp.example").is_err());
    }
}
