//! A real IMAP server for the tests: Dovecot (Debian `dovecot-imapd`),
//! started in the foreground with a configuration written into a temp
//! dir, listening on a free loopback port, with one passwd-file user
//! (`desk`, password `secret`) whose Maildir the test fills over IMAP
//! (APPEND). Stopped (SIGTERM, then waited for) when dropped. Started
//! with a test CA's server certificate, it also listens for IMAPS; started
//! with an OAuth 2 token, it also takes `XOAUTH2` logins, checking the
//! token with a small token-info server of the test's own (Python's
//! `http.server`) as it would ask Microsoft's or Google's.
//!
//! Outside CI a missing Dovecot skips the test with a note; with
//! `CI=true` it fails it (`.ci/run` installs `dovecot-imapd`).

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use super::tls::TestCa;

/// The user the server knows.
pub const USER: &str = "desk";
/// Its password.
pub const PASSWORD: &str = "secret";

/// A running Dovecot.
pub struct Dovecot {
    child: Option<Child>,
    token_server: Option<Child>,
    port: u16,
    imaps_port: Option<u16>,
    dir: tempfile::TempDir,
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Returns the dovecot binary, if installed.
fn binary() -> Option<PathBuf> {
    ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Returns the output of `id ARGS` as a number.
fn id(args: &[&str]) -> u32 {
    let out = Command::new("id").args(args).output().expect("can run id");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("id {args:?} printed no number"))
}

impl Dovecot {
    /// Starts the server, or returns `None` (outside CI) when Dovecot is
    /// not installed.
    pub fn start() -> Option<Dovecot> {
        Dovecot::start_with(None)
    }

    /// Starts the server with IMAPS on a second port as well, presenting
    /// the server certificate of `ca`.
    pub fn start_with_tls(ca: &TestCa) -> Option<Dovecot> {
        Dovecot::start_with(Some(ca))
    }

    /// Starts the server taking `XOAUTH2` logins of the user with the
    /// access token `token` (letters and digits), besides its password.
    pub fn start_with_oauth(token: &str) -> Option<Dovecot> {
        let port = free_port();
        let mut dovecot = Dovecot::start_configured(None, Some(port))?;
        dovecot.token_server = Some(
            Command::new("python3")
                .args(["-c", TOKEN_SERVER, &port.to_string(), token, USER])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("can start python3"),
        );
        // Wait until it listens: a readiness check, not a timing assert.
        for _ in 0..200 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(dovecot);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the token-info server did not start listening on port {port}");
    }

    fn start_with(tls: Option<&TestCa>) -> Option<Dovecot> {
        Dovecot::start_configured(tls, None)
    }

    fn start_configured(tls: Option<&TestCa>, token_port: Option<u16>) -> Option<Dovecot> {
        let Some(binary) = binary() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "dovecot is missing: .ci/run installs it with apt-get install -y dovecot-imapd"
            );
            eprintln!("skipping: dovecot is not installed (apt-get install dovecot-imapd)");
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("tk-dovecot-")
            .tempdir()
            .unwrap();
        let root = dir.path();
        let home = root.join("home");
        std::fs::create_dir_all(home.join(USER)).unwrap();
        std::fs::write(root.join("passwd"), format!("{USER}:{{PLAIN}}{PASSWORD}\n")).unwrap();
        // Dovecot never runs its login processes or a user's mail as root:
        // as root, mail belongs to its own `dovecot` user, which must be
        // able to reach the home directory.
        let root_user = id(&["-u"]) == 0;
        let (uid, gid, users) = if root_user {
            let (uid, gid) = (id(&["-u", "dovecot"]), id(&["-g", "dovecot"]));
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
            std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o755)).unwrap();
            std::os::unix::fs::chown(home.join(USER), Some(uid), Some(gid)).unwrap();
            (uid, gid, String::new())
        } else {
            let name =
                String::from_utf8_lossy(&Command::new("id").arg("-un").output().unwrap().stdout)
                    .trim()
                    .to_string();
            (
                id(&["-u"]),
                id(&["-g"]),
                format!("default_login_user = {name}\ndefault_internal_user = {name}\n"),
            )
        };
        let port = free_port();
        let imaps_port = tls.map(|_| free_port());
        let ssl = match tls {
            None => "ssl = no".to_string(),
            Some(ca) => format!(
                "ssl = yes\nssl_cert = <{}\nssl_key = <{}",
                ca.cert.display(),
                ca.key.display()
            ),
        };
        let imaps = match imaps_port {
            None => "port = 0".to_string(),
            Some(port) => format!("address = 127.0.0.1\n    port = {port}"),
        };
        let (mechanisms, oauth) = match token_port {
            None => ("plain login", String::new()),
            Some(port) => {
                std::fs::write(
                    root.join("oauth2.conf.ext"),
                    format!(
                        "tokeninfo_url = http://127.0.0.1:{port}/tokeninfo?access_token=\nusername_attribute = username\n"
                    ),
                )
                .unwrap();
                (
                    "plain login xoauth2",
                    format!(
                        "passdb {{\n  driver = oauth2\n  mechanisms = xoauth2\n  args = {}/oauth2.conf.ext\n}}\n",
                        root.display()
                    ),
                )
            }
        };
        let r = root.display();
        let config = format!(
            "base_dir = {r}/run
state_dir = {r}/state
log_path = {r}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
first_valid_uid = 0
{users}{oauth}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={r}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    {imaps}
  }}
}}
service anvil {{
  chroot =
}}
"
        );
        std::fs::write(root.join("dovecot.conf"), config).unwrap();
        let child = Command::new(binary)
            .arg("-F")
            .arg("-c")
            .arg(root.join("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("can start dovecot");
        let server = Dovecot {
            child: Some(child),
            token_server: None,
            port,
            imaps_port,
            dir,
        };
        // Wait until it listens: a readiness check, not a timing assert.
        for _ in 0..200 {
            let listening = |port| TcpStream::connect(("127.0.0.1", port)).is_ok();
            if listening(port) && imaps_port.is_none_or(listening) {
                return Some(server);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!(
            "dovecot did not start listening on port {port}: {}",
            server.log()
        );
    }

    /// Returns `tk.mail.imap.url` for the user's INBOX.
    pub fn url(&self) -> String {
        format!("imap://{USER}@127.0.0.1:{}/INBOX", self.port)
    }

    /// Returns `tk.mail.imap.url` for the user's INBOX over IMAPS, when the
    /// server was started with TLS.
    pub fn imaps_url(&self) -> String {
        let port = self.imaps_port.expect("the server was started with TLS");
        format!("imaps://{USER}@127.0.0.1:{port}/INBOX")
    }

    /// Returns the server's port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Returns the server's log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    fn session(&self) -> imap::Session<TcpStream> {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut client = imap::Client::new(stream);
        client.read_greeting().unwrap();
        let mut session = client
            .login(USER, PASSWORD)
            .map_err(|(e, _)| e)
            .unwrap_or_else(|e| panic!("login to dovecot failed: {e}\n{}", self.log()));
        session.select("INBOX").unwrap();
        session
    }

    /// Puts a message into the INBOX, seen or not; returns its UID.
    pub fn append(&self, message: &str, seen: bool) -> u32 {
        let mut session = self.session();
        let mut append = session.append("INBOX", message.as_bytes());
        if seen {
            append.flag(imap::types::Flag::Seen);
        }
        append.finish().unwrap();
        // The newest message has the highest UID.
        let uid = session
            .uid_search("ALL")
            .unwrap()
            .into_iter()
            .max()
            .expect("the INBOX holds the message just appended");
        session.logout().unwrap();
        uid
    }

    /// Returns the UIDs in the INBOX with whether each is seen, by UID.
    pub fn seen(&self) -> Vec<(u32, bool)> {
        let mut session = self.session();
        let fetched = session.uid_fetch("1:*", "FLAGS").unwrap();
        let mut all: Vec<(u32, bool)> = fetched
            .iter()
            .map(|f| {
                let seen = f.flags().contains(&imap::types::Flag::Seen);
                (f.uid.expect("UID FETCH returns UIDs"), seen)
            })
            .collect();
        session.logout().unwrap();
        all.sort_unstable();
        all
    }

    /// Clears the seen flag of message `uid`.
    pub fn mark_unseen(&self, uid: u32) {
        let mut session = self.session();
        session
            .uid_store(uid.to_string(), "-FLAGS (\\Seen)")
            .unwrap();
        session.logout().unwrap();
    }

    /// Stops the server (SIGTERM, so it takes its login and mail processes
    /// with it) and waits for it.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
        if let Some(mut server) = self.token_server.take() {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}

/// Returns a free loopback port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A token-info endpoint (`python3 -c TOKEN_SERVER PORT TOKEN USER`): the
/// user for the one token it knows, 401 for any other, as an OAuth 2
/// provider answers Dovecot's `tokeninfo_url`.
const TOKEN_SERVER: &str = r#"
import http.server, json, sys
port, token, user = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class Info(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        known = self.path == "/tokeninfo?access_token=" + token
        body = json.dumps({"username": user} if known else {"error": "invalid_token"}).encode()
        self.send_response(200 if known else 401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Info).serve_forever()
"#;
