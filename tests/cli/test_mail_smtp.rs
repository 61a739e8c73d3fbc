//! `tk mail send` over SMTP to a real server: Python's aiosmtpd, started
//! on a free loopback port for each test and stopped after it. In CI
//! (`CI=true`) a missing aiosmtpd fails the test instead of skipping it;
//! `.ci/run` installs it.

use crate::common::tls::TestCa;
use crate::common::TestEnv;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running aiosmtpd that stores what it receives in a Maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpServer {
    /// Starts the server, or returns `None` (outside CI) when aiosmtpd is
    /// not installed.
    fn start(root: &Path) -> Option<SmtpServer> {
        SmtpServer::start_with(root, None)
    }

    /// Starts the server speaking SMTPS (TLS from the first byte) with the
    /// server certificate of `ca`.
    fn start_smtps(root: &Path, ca: &TestCa) -> Option<SmtpServer> {
        SmtpServer::start_with(root, Some(ca))
    }

    /// Starts a server that takes mail only after `AUTH XOAUTH2` of `user`
    /// with the access token `token`.
    fn start_oauth(root: &Path, user: &str, token: &str) -> Option<SmtpServer> {
        SmtpServer::spawn(root, |port, maildir| {
            let mut command = Command::new("python3");
            command
                .args(["-c", OAUTH_SERVER, &port.to_string()])
                .arg(maildir)
                .args([user, token]);
            command
        })
    }

    fn start_with(root: &Path, tls: Option<&TestCa>) -> Option<SmtpServer> {
        SmtpServer::spawn(root, |port, maildir| {
            let mut command = Command::new("python3");
            command
                .args(["-m", "aiosmtpd", "-n", "-l"])
                .arg(format!("127.0.0.1:{port}"))
                .args(tls.iter().flat_map(|ca| {
                    [
                        "--smtpscert".as_ref(),
                        ca.cert.as_os_str(),
                        "--smtpskey".as_ref(),
                        ca.key.as_os_str(),
                    ]
                }))
                .args(["-c", "aiosmtpd.handlers.Mailbox"])
                .arg(maildir);
            command
        })
    }

    /// Starts the command `server(port, maildir)` builds on a free port
    /// and waits until it listens.
    fn spawn(root: &Path, server: impl FnOnce(u16, &Path) -> Command) -> Option<SmtpServer> {
        let have = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !have {
            assert!(
                std::env::var_os("CI").is_none(),
                "aiosmtpd is missing: .ci/run installs it with pip install aiosmtpd"
            );
            eprintln!("skipping: aiosmtpd is not installed (pip install aiosmtpd)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let maildir = root.join("smtp-received");
        let child = server(port, &maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("can start aiosmtpd");
        let server = SmtpServer {
            child,
            port,
            maildir,
        };
        // Wait until it listens: a readiness check, not a timing assert.
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(server);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("aiosmtpd did not start listening on port {port}");
    }

    /// Checks that exactly one mail arrived, the acknowledgement of the
    /// ingested message.
    fn received_one_acknowledgement(&self) {
        let received = self.received();
        assert_eq!(received.len(), 1);
        assert!(
            received[0].contains("We received your request"),
            "{}",
            received[0]
        );
    }

    /// Returns the messages received so far.
    fn received(&self) -> Vec<String> {
        let Ok(dir) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        dir.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect()
    }
}

/// An SMTP server (`python3 -c OAUTH_SERVER PORT MAILDIR USER TOKEN`) that
/// requires `AUTH XOAUTH2` with the one user and token it knows, as
/// Microsoft 365 does, and stores what it accepts in a Maildir.
const OAUTH_SERVER: &str = r#"
import base64, mailbox, sys, threading
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
port, maildir, user, token = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
box = mailbox.Maildir(maildir, create=True)
class Desk:
    async def handle_DATA(self, server, session, envelope):
        box.add(envelope.original_content)
        return "250 OK"
    async def auth_XOAUTH2(self, server, args):
        if len(args) < 2:
            blob = await server.challenge_auth("")
        else:
            blob = base64.b64decode(args[1])
        known = blob == ("user=%s\x01auth=Bearer %s\x01\x01" % (user, token)).encode()
        return AuthResult(success=known, handled=False)
Controller(Desk(), hostname="127.0.0.1", port=port, auth_required=True, auth_require_tls=False).start()
threading.Event().wait()
"#;

/// Sets up a desk that owes one mail (the acknowledgement of an ingested
/// message) and sends through the SMTP server at `url`.
fn desk_owing_a_mail(env: &TestEnv, url: &str) {
    env.tk(["init"]).success();
    env.tk(["config", "set", "mail.address", "helpdesk@corp.example"])
        .success();
    env.tk_with_stdin(["mail", "ingest"], &fixture("plain.eml"))
        .success();
    env.git(["config", "tk.mail.smtp.url", url]);
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/mail/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[test]
fn send_over_smtp_delivers_to_a_real_server_once() {
    let env = TestEnv::new();
    let Some(server) = SmtpServer::start(env.root()) else {
        return;
    };
    desk_owing_a_mail(&env, &format!("smtp://127.0.0.1:{}", server.port));
    env.tk(["mail", "send"]).success();
    let received = server.received();
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    assert!(mail.contains("To: ann.mueller@corp.example"), "{mail}");
    assert!(mail.contains("Auto-Submitted: auto-generated"), "{mail}");
    assert!(mail.contains("We received your request"), "{mail}");
    let commits = env.commit_count();
    env.tk(["mail", "send"]).success();
    assert_eq!(server.received().len(), 1);
    assert_eq!(env.commit_count(), commits);
}

#[test]
fn smtp_login_needs_a_password_from_a_command_or_the_environment() {
    let env = TestEnv::new();
    desk_owing_a_mail(&env, "smtp://127.0.0.1:9");
    env.git(["config", "tk.mail.smtp.user", "desk"]);
    let out = env.tk(["mail", "send"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("TK_MAIL_SMTP_PASSWORD"), "{out}");
    // Nothing listens on port 9: a failure that leaves the outbox as it was.
    env.git(["config", "tk.mail.smtp.password-command", "echo secret"]);
    let commits = env.commit_count();
    let out = env.tk(["mail", "send"]);
    assert_eq!(out.status, 1, "{out}");
    assert!(out.stderr.contains("refused the mail"), "{out}");
    assert!(!out.stderr.contains("secret"), "{out}");
    assert_eq!(env.commit_count(), commits);
}

#[test]
fn smtps_to_a_server_signed_by_the_ca_in_cafile_delivers_and_without_it_is_refused() {
    let env = TestEnv::new();
    let Some(ca) = TestCa::create() else {
        return;
    };
    let Some(server) = SmtpServer::start_smtps(env.root(), &ca) else {
        return;
    };
    desk_owing_a_mail(&env, &format!("smtps://127.0.0.1:{}", server.port));
    let commits = env.commit_count();
    let out = env.tk(["mail", "send"]);
    assert_eq!(out.status, 1, "{out}");
    assert!(
        out.stderr.contains("has a certificate tk does not trust")
            && out.stderr.contains("tk.mail.cafile"),
        "{out}"
    );
    assert_eq!(env.commit_count(), commits);
    assert!(server.received().is_empty());
    env.git(["config", "tk.mail.cafile", ca.ca.to_str().unwrap()]);
    env.tk(["mail", "send"]).success();
    server.received_one_acknowledgement();
}

#[test]
fn smtp_xoauth2_logs_in_with_the_access_token_and_a_refused_token_sends_nothing() {
    let env = TestEnv::new();
    let Some(server) = SmtpServer::start_oauth(env.root(), "helpdesk@corp.example", "t0ken4desk")
    else {
        return;
    };
    desk_owing_a_mail(&env, &format!("smtp://127.0.0.1:{}", server.port));
    env.git(["config", "tk.mail.smtp.user", "helpdesk@corp.example"]);
    env.git(["config", "tk.mail.smtp.auth", "xoauth2"]);
    env.git(["config", "tk.mail.smtp.password-command", "echo expired99"]);
    let commits = env.commit_count();
    let out = env.tk(["mail", "send"]);
    assert_eq!(out.status, 1, "{out}");
    assert!(out.stderr.contains("refused the mail"), "{out}");
    assert!(!out.stderr.contains("expired99"), "{out}");
    assert_eq!(env.commit_count(), commits);
    assert!(server.received().is_empty());
    env.git(["config", "tk.mail.smtp.password-command", "echo t0ken4desk"]);
    env.tk(["mail", "send"]).success();
    server.received_one_acknowledgement();
    env.git(["config", "tk.mail.smtp.auth", "ntlm"]);
    let out = env.tk(["mail", "send"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr
            .contains("tk.mail.smtp.auth `ntlm` is not login or xoauth2"),
        "{out}"
    );
}
