//! `tk mail fetch` against a real IMAP server: Dovecot on a free loopback
//! port, started for each test and stopped after it, its INBOX filled
//! over IMAP. In CI (`CI=true`) a missing Dovecot fails the test instead
//! of skipping it; `.ci/run` installs it.

use crate::common::dovecot::{Dovecot, PASSWORD};
use crate::common::tls::TestCa;
use crate::common::{json, TestEnv};
use serde::Deserialize;

/// `tk mail fetch --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fetched {
    mailbox: String,
    unseen: usize,
    messages: Vec<Message>,
    stopped: Option<String>,
}

/// One message in `tk mail fetch --json`.
// Every field is there for deny_unknown_fields; not all are read.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Message {
    uid: u32,
    seen: bool,
    source: String,
    message_id: Option<String>,
    outcome: String,
    ticket: Option<String>,
    short_id: Option<String>,
    commit: Option<String>,
    previous: Option<String>,
    score: Option<u8>,
    reason: Option<String>,
    dropped: Vec<String>,
    dry_run: bool,
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/mail/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    // Mail on the wire ends its lines in CRLF.
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Returns a desk whose git config points `tk mail fetch` at the server,
/// with the password in the environment of every command.
fn desk(server: &Dovecot) -> TestEnv {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    env.tk(["config", "set", "mail.address", "helpdesk@corp.example"])
        .success();
    env.git(["config", "tk.mail.imap.url", &server.url()]);
    env.git([
        "config",
        "tk.mail.imap.password-command",
        &format!("echo {PASSWORD}"),
    ]);
    env
}

fn fetch(env: &TestEnv) -> (Fetched, i32) {
    let out = env.tk(["mail", "fetch", "--json"]);
    // Parsed whatever the exit code: a run that stopped still reports.
    let fetched: Fetched = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not fetch --json ({e}):\n{out}"));
    (fetched, out.status)
}

#[test]
fn an_unseen_message_opens_a_ticket_and_is_flagged_seen_while_seen_ones_are_left_alone() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    let old = server.append(&fixture("bulk.eml"), true);
    let new = server.append(&fixture("plain.eml"), false);
    let (fetched, status) = fetch(&env);
    assert_eq!(status, 0, "{fetched:?}");
    assert_eq!(
        fetched.mailbox,
        format!("127.0.0.1:{}/INBOX", server.port())
    );
    assert_eq!(fetched.unseen, 1);
    assert_eq!(fetched.stopped, None);
    assert_eq!(fetched.messages.len(), 1, "{fetched:?}");
    let message = &fetched.messages[0];
    assert_eq!((message.uid, message.seen), (new, true));
    assert_eq!(message.outcome, "created");
    assert_eq!(message.source, format!("INBOX;UID={new}"));
    assert_eq!(
        message.message_id.as_deref(),
        Some("CAF1-vpn-0001@mail.corp.example")
    );
    assert_eq!(message.commit.as_deref(), Some(env.tip().as_str()));
    let ticket = message.ticket.clone().unwrap();
    let shown: json::Shown = env.tk(["show", &ticket, "--json"]).json();
    assert_eq!(shown.title, "VPN fällt alle 10 Minuten aus");
    assert_eq!(server.seen(), vec![(old, true), (new, true)]);
    // The already-seen newsletter was never taken: one ticket only.
    let listed: Vec<json::Listed> = env.tk(["list", "--json"]).json();
    assert_eq!(listed.len(), 1);
}

#[test]
fn a_reply_in_the_mailbox_threads_onto_the_ticket_its_first_message_opened() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    server.append(&fixture("plain.eml"), false);
    server.append(&fixture("gmail-reply.eml"), false);
    let (fetched, status) = fetch(&env);
    assert_eq!(status, 0, "{fetched:?}");
    let outcomes: Vec<&str> = fetched
        .messages
        .iter()
        .map(|m| m.outcome.as_str())
        .collect();
    assert_eq!(outcomes, ["created", "commented"]);
    assert_eq!(fetched.messages[0].ticket, fetched.messages[1].ticket);
    let shown: json::Shown = env
        .tk([
            "show",
            fetched.messages[0].ticket.as_deref().unwrap(),
            "--json",
        ])
        .json();
    assert_eq!(shown.comments.len(), 1);
    assert!(shown.comments[0].body.contains("It happened again at 9:05"));
    assert!(server.seen().iter().all(|(_, seen)| *seen));
}

#[test]
fn a_dry_run_fetch_says_what_each_message_would_do_and_leaves_them_unseen() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    server.append(&fixture("plain.eml"), false);
    server.append(&fixture("gmail-reply.eml"), false);
    let tip = env.tip();
    let out = env.tk(["mail", "fetch", "--dry-run", "--json"]);
    assert_eq!(out.status, 0, "{out}");
    let tried: Fetched = serde_json::from_str(&out.stdout).unwrap();
    let outcomes: Vec<(&str, bool, bool)> = tried
        .messages
        .iter()
        .map(|m| (m.outcome.as_str(), m.seen, m.dry_run))
        .collect();
    assert_eq!(
        outcomes,
        [("created", false, true), ("commented", false, true)]
    );
    assert_eq!(tried.messages[0].ticket, tried.messages[1].ticket);
    assert_eq!(env.tip(), tip);
    assert!(server.seen().iter().all(|(_, seen)| !*seen));
    let human = env.tk(["mail", "fetch", "--dry-run"]);
    assert!(human.stderr.contains("Would create"), "{human}");
    assert!(
        human
            .stderr
            .contains("every message stays unseen in 127.0.0.1:"),
        "{human}"
    );
    // The real fetch then takes both in, as the dry run said.
    let (fetched, status) = fetch(&env);
    assert_eq!(status, 0, "{fetched:?}");
    assert_eq!(fetched.messages[0].ticket, tried.messages[0].ticket);
    assert!(server.seen().iter().all(|(_, seen)| *seen));
}

#[test]
fn a_second_fetch_takes_nothing_and_a_message_unseen_again_is_ignored_as_recorded() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    let uid = server.append(&fixture("plain.eml"), false);
    env.tk(["mail", "fetch"]).success();
    let commits = env.commit_count();
    let out = env.tk(["mail", "fetch"]).success();
    assert!(out.stderr.contains("No unseen mail in 127.0.0.1:"), "{out}");
    assert_eq!(env.commit_count(), commits);
    // Someone marks it unread in their mail client: the same Message-ID
    // is recognised, nothing is written, and it is flagged again.
    server.mark_unseen(uid);
    let (fetched, status) = fetch(&env);
    assert_eq!(status, 0, "{fetched:?}");
    assert_eq!(fetched.messages[0].outcome, "ignored");
    assert_eq!(
        fetched.messages[0].reason.as_deref(),
        Some("its Message-ID is already recorded")
    );
    assert_eq!(env.commit_count(), commits);
    assert_eq!(server.seen(), vec![(uid, true)]);
}

#[test]
fn a_message_whose_commit_fails_stays_unseen_with_the_rest_and_exit_75() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    let first = server.append(&fixture("plain.eml"), false);
    let second = server.append(&fixture("gmail-reply.eml"), false);
    // A killed writer's lock file: no write can commit until it is gone.
    let lock = env.repo().join(".git/refs/heads/tk/tickets.lock");
    std::fs::write(&lock, "").unwrap();
    let commits = env.commit_count();
    let (fetched, status) = fetch(&env);
    assert_eq!(status, 75, "{fetched:?}");
    assert_eq!(fetched.messages.len(), 1, "{fetched:?}");
    assert_eq!(fetched.messages[0].outcome, "later");
    assert!(!fetched.messages[0].seen);
    assert!(fetched.stopped.is_some());
    assert_eq!(env.commit_count(), commits);
    assert_eq!(server.seen(), vec![(first, false), (second, false)]);
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 75, "{out}");
    assert!(out.stderr.contains("stay unseen"), "{out}");
    std::fs::remove_file(&lock).unwrap();
    let (fetched, status) = fetch(&env);
    assert_eq!(status, 0, "{fetched:?}");
    let outcomes: Vec<&str> = fetched
        .messages
        .iter()
        .map(|m| m.outcome.as_str())
        .collect();
    assert_eq!(outcomes, ["created", "commented"]);
    assert_eq!(server.seen(), vec![(first, true), (second, true)]);
}

#[test]
fn a_message_refused_for_good_is_flagged_seen_and_the_run_exits_65() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    env.tk(["config", "set", "mail.max_size", "200"]).success();
    let big = server.append(&fixture("plain.eml"), false);
    let (fetched, status) = fetch(&env);
    assert_eq!(status, 65, "{fetched:?}");
    assert_eq!(fetched.messages[0].outcome, "refused");
    assert!(fetched.messages[0].seen);
    assert_eq!(server.seen(), vec![(big, true)]);
    let listed: Vec<json::Listed> = env.tk(["list", "--json"]).json();
    assert!(listed.is_empty());
}

#[test]
fn limit_takes_the_oldest_unseen_messages_and_leaves_the_rest() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    let first = server.append(&fixture("plain.eml"), false);
    let second = server.append(&fixture("gmail-reply.eml"), false);
    let out = env.tk(["mail", "fetch", "--limit", "1"]).success();
    assert!(
        out.stderr.contains(&format!("from INBOX;UID={first}")),
        "{out}"
    );
    assert_eq!(server.seen(), vec![(first, true), (second, false)]);
}

#[test]
fn a_wrong_password_is_a_clear_error_with_exit_1_and_changes_nothing() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    let uid = server.append(&fixture("plain.eml"), false);
    env.git([
        "config",
        "tk.mail.imap.password-command",
        "echo wrong-horse",
    ]);
    let commits = env.commit_count();
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 1, "{out}");
    assert!(
        out.stderr.contains(&format!(
            "error: the IMAP server 127.0.0.1:{}/INBOX refused the login of desk",
            server.port()
        )),
        "{out}"
    );
    assert!(!out.stderr.contains("wrong-horse"), "{out}");
    assert_eq!(env.commit_count(), commits);
    assert_eq!(server.seen(), vec![(uid, false)]);
}

#[test]
fn the_password_can_come_from_the_environment() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    env.git(["config", "--unset", "tk.mail.imap.password-command"]);
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("TK_MAIL_IMAP_PASSWORD"), "{out}");
    server.append(&fixture("plain.eml"), false);
    let mut cmd = env.tk_cmd(["mail", "fetch"]);
    cmd.env("TK_MAIL_IMAP_PASSWORD", PASSWORD);
    let out = env.run(cmd);
    assert_eq!(out.status, 0, "{out}");
    assert!(out.stderr.contains("Created "), "{out}");
}

/// Starts Dovecot with IMAPS, its certificate signed by a test CA, and a
/// desk pointed at it over IMAPS; `None` when a server is not installed.
fn tls_desk() -> Option<(Dovecot, TestCa, TestEnv)> {
    let ca = TestCa::create()?;
    let server = Dovecot::start_with_tls(&ca)?;
    let env = desk(&server);
    env.git(["config", "tk.mail.imap.url", &server.imaps_url()]);
    Some((server, ca, env))
}

#[test]
fn imaps_to_a_server_signed_by_the_ca_in_cafile_fetches_over_tls() {
    let Some((server, ca, env)) = tls_desk() else {
        return;
    };
    let uid = server.append(&fixture("plain.eml"), false);
    env.git(["config", "tk.mail.cafile", ca.ca.to_str().unwrap()]);
    let (fetched, status) = fetch(&env);
    assert_eq!(status, 0, "{fetched:?}\n{}", server.log());
    assert_eq!(fetched.messages.len(), 1, "{fetched:?}");
    assert_eq!(fetched.messages[0].outcome, "created");
    assert_eq!(server.seen(), vec![(uid, true)]);
    assert!(server.log().contains("TLS"), "{}", server.log());
}

#[test]
fn imaps_to_a_certificate_tk_does_not_trust_is_exit_1_naming_cafile_and_changes_nothing() {
    let Some((server, _ca, env)) = tls_desk() else {
        return;
    };
    let uid = server.append(&fixture("plain.eml"), false);
    let commits = env.commit_count();
    let out = env.tk(["mail", "fetch"]);
    // Retrying cannot help (not 75): the settings must change.
    assert_eq!(out.status, 1, "{out}");
    assert!(
        out.stderr.contains("has a certificate tk does not trust"),
        "{out}"
    );
    assert!(out.stderr.contains("tk.mail.cafile"), "{out}");
    assert!(!out.stderr.contains(PASSWORD), "{out}");
    assert_eq!(env.commit_count(), commits);
    assert_eq!(server.seen(), vec![(uid, false)]);
}

#[test]
fn a_cafile_without_certificates_is_a_usage_error_before_connecting() {
    let Some((server, _ca, env)) = tls_desk() else {
        return;
    };
    let uid = server.append(&fixture("plain.eml"), false);
    let bogus = env.root().join("not-a-ca.pem");
    std::fs::write(&bogus, "hello\n").unwrap();
    env.git(["config", "tk.mail.cafile", bogus.to_str().unwrap()]);
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr.contains("tk.mail.cafile") && out.stderr.contains("holds no certificate"),
        "{out}"
    );
    assert_eq!(server.seen(), vec![(uid, false)]);
}

#[test]
fn xoauth2_logs_in_with_the_access_token_the_password_command_prints() {
    let Some(server) = Dovecot::start_with_oauth("t0ken4desk") else {
        return;
    };
    let env = desk(&server);
    env.git(["config", "tk.mail.imap.auth", "xoauth2"]);
    env.git(["config", "tk.mail.imap.password-command", "echo t0ken4desk"]);
    let uid = server.append(&fixture("plain.eml"), false);
    let (fetched, status) = fetch(&env);
    assert_eq!(status, 0, "{fetched:?}\n{}", server.log());
    assert_eq!(fetched.messages.len(), 1, "{fetched:?}");
    assert_eq!(fetched.messages[0].outcome, "created");
    assert_eq!(server.seen(), vec![(uid, true)]);
}

#[test]
fn xoauth2_with_a_token_the_server_refuses_is_exit_1_and_changes_nothing() {
    let Some(server) = Dovecot::start_with_oauth("t0ken4desk") else {
        return;
    };
    let env = desk(&server);
    env.git(["config", "tk.mail.imap.auth", "XOAUTH2"]);
    env.git(["config", "tk.mail.imap.password-command", "echo expired99"]);
    let uid = server.append(&fixture("plain.eml"), false);
    let commits = env.commit_count();
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 1, "{out}\n{}", server.log());
    assert!(
        out.stderr.contains(&format!(
            "error: the IMAP server 127.0.0.1:{}/INBOX refused the login of desk",
            server.port()
        )),
        "{out}"
    );
    assert!(!out.stderr.contains("expired99"), "{out}");
    assert_eq!(env.commit_count(), commits);
    assert_eq!(server.seen(), vec![(uid, false)]);
}

#[test]
fn an_unknown_login_method_or_a_missing_token_is_a_usage_error() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    env.git([
        "config",
        "tk.mail.imap.url",
        "imaps://desk@imap.corp.example/INBOX",
    ]);
    env.git(["config", "tk.mail.imap.auth", "kerberos"]);
    env.git(["config", "tk.mail.imap.password-command", "echo x"]);
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr
            .contains("tk.mail.imap.auth `kerberos` is not login or xoauth2"),
        "{out}"
    );
    env.git(["config", "tk.mail.imap.auth", "xoauth2"]);
    env.git(["config", "--unset", "tk.mail.imap.password-command"]);
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr.contains("no IMAP access token for desk"),
        "{out}"
    );
}

#[test]
fn a_server_that_is_gone_is_exit_75() {
    let Some(mut server) = Dovecot::start() else {
        return;
    };
    let env = desk(&server);
    server.stop();
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 75, "{out}");
    assert!(out.stderr.contains("cannot be reached"), "{out}");
}

#[test]
fn a_server_that_stops_answering_is_exit_75_after_the_timeout() {
    // Accepts the connection and never says a word.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let env = TestEnv::new();
    env.tk(["init"]).success();
    env.git([
        "config",
        "tk.mail.imap.url",
        &format!("imap://desk@127.0.0.1:{port}/INBOX"),
    ]);
    env.git(["config", "tk.mail.imap.password-command", "echo x"]);
    env.git(["config", "tk.mail.imap.timeout", "1"]);
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 75, "{out}");
    assert!(out.stderr.contains("did not answer within 1s"), "{out}");
    drop(listener);
}

#[test]
fn fetch_without_a_mailbox_a_known_scheme_or_a_user_is_a_usage_error() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("tk.mail.imap.url"), "{out}");
    env.git(["config", "tk.mail.imap.url", "pop3://mail.corp.example"]);
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 2, "{out}");
    env.git([
        "config",
        "tk.mail.imap.url",
        "imaps://mail.corp.example/INBOX",
    ]);
    let out = env.tk(["mail", "fetch"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("tk.mail.imap.user"), "{out}");
}
