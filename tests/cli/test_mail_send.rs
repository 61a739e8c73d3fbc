//! `tk mail outbox` and `tk mail send` through a real sendmail-style
//! command (a script that reads one message on stdin and appends it to a
//! file).

use crate::common::{json, TestEnv};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Mail {
    ticket: String,
    short_id: String,
    to: String,
    notice: String,
    about: String,
    message_id: String,
    subject: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SendResult {
    sent: Vec<Mail>,
    commits: Vec<String>,
    dry_run: bool,
}

#[derive(Debug, Deserialize)]
struct Ingested {
    ticket: Option<String>,
    outcome: String,
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/mail/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A desk with a mailed ticket and a sendmail command that appends each
/// message to `sent.mbox`; returns the ticket id and the file.
fn desk() -> (TestEnv, String, PathBuf) {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    env.tk(["config", "set", "mail.address", "helpdesk@corp.example"])
        .success();
    env.tk(["config", "set", "mail.name", "Corp IT"]).success();
    let out = env.tk_with_stdin(["mail", "ingest", "--json"], &fixture("plain.eml"));
    let ingested: Vec<Ingested> = out.json();
    let sent = env.root().join("sent.mbox");
    let script = env.write_script(
        "sendmail",
        &format!(
            "cat >> '{}'\necho '=== end ===' >> '{}'",
            sent.display(),
            sent.display()
        ),
    );
    env.git(["config", "tk.mail.sendmail", script.to_str().unwrap()]);
    (env, ingested[0].ticket.clone().unwrap(), sent)
}

fn outbox(env: &TestEnv) -> Vec<Mail> {
    env.tk(["mail", "outbox", "--json"]).json()
}

#[test]
fn a_mailed_ticket_owes_its_acknowledgement_and_public_team_comments_only() {
    let (env, id, _) = desk();
    let owed = outbox(&env);
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0].notice, "acknowledged");
    assert_eq!(owed[0].to, "ann.mueller@corp.example");
    assert_eq!(owed[0].ticket, id);
    assert!(owed[0]
        .subject
        .starts_with(&format!("[tk:{}] Received: VPN", owed[0].short_id)));
    env.tk([
        "comment",
        &id,
        "-m",
        "Internal: check the firewall",
        "--internal",
    ])
    .success();
    env.tk(["comment", &id, "-m", "Please try the new profile."])
        .success();
    env.tk(["wait", &id, "-m", "your answer"]).success();
    let notices: Vec<String> = outbox(&env).into_iter().map(|m| m.notice).collect();
    assert_eq!(notices, ["acknowledged", "comment", "waiting"]);
    // A ticket that did not come in by mail gets no mail.
    env.tk(["new", "Printer", "--requester", "Bo <bo@corp.example>"])
        .success();
    assert_eq!(outbox(&env).len(), 3);
}

#[test]
fn send_delivers_records_and_never_sends_twice() {
    let (env, id, sent) = desk();
    env.tk([
        "comment",
        &id,
        "-m",
        "Hi Ann,\r\nBcc: everyone@corp.example\nplease retry.",
    ])
    .success();
    env.tk(["resolve", &id, "-m", "New VPN profile"]).success();
    let result: SendResult = env.tk(["mail", "send", "--json"]).json();
    assert!(!result.dry_run);
    assert_eq!(result.sent.len(), 3);
    assert_eq!(result.commits.len(), 3);
    assert_eq!(result.commits.last(), Some(&env.tip()));
    let text = std::fs::read_to_string(&sent).unwrap();
    let mails: Vec<&str> = text
        .split("=== end ===\n")
        .filter(|m| !m.is_empty())
        .collect();
    assert_eq!(mails.len(), 3);
    for mail in &mails {
        let (headers, _) = mail.split_once("\r\n\r\n").unwrap();
        assert!(
            headers.contains("From: \"Corp IT\" <helpdesk@corp.example>"),
            "{headers}"
        );
        assert!(
            headers.contains("Reply-To: \"Corp IT\" <helpdesk@corp.example>"),
            "{headers}"
        );
        assert!(
            headers.contains("To: ann.mueller@corp.example"),
            "{headers}"
        );
        assert!(
            headers.contains("Auto-Submitted: auto-generated"),
            "{headers}"
        );
        assert!(
            headers.contains("In-Reply-To: <CAF1-vpn-0001@mail.corp.example>"),
            "{headers}"
        );
        assert!(
            headers.contains(&format!("Message-ID: <tk.{id}.")),
            "{headers}"
        );
        assert!(!headers.contains("Bcc:"), "{headers}");
    }
    assert!(
        mails[2].contains("Reply with a digit from 1"),
        "{}",
        mails[2]
    );
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    let mailed = shown.events.iter().filter(|e| e.action == "mailed").count();
    assert_eq!(mailed, 3);
    let commits = env.commit_count();
    insta::assert_snapshot!(env.tk(["mail", "send"]), @r"
    ------- stderr -------
    Nothing to send.
    [exit status: 0]
    ");
    assert_eq!(env.commit_count(), commits);
    assert!(outbox(&env).is_empty());
}

#[test]
fn a_refusing_mail_system_records_nothing_and_leaves_the_outbox() {
    let (env, _, _) = desk();
    let script = env.write_script(
        "broken-sendmail",
        "cat > /dev/null\necho 'queue full' >&2\nexit 75",
    );
    env.git(["config", "tk.mail.sendmail", script.to_str().unwrap()]);
    let commits = env.commit_count();
    let out = env.tk(["mail", "send"]);
    assert_eq!(out.status, 1, "{out}");
    assert!(out.stderr.contains("refused the mail"), "{out}");
    assert!(out.stderr.contains("queue full"), "{out}");
    assert_eq!(env.commit_count(), commits);
    assert_eq!(outbox(&env).len(), 1);
}

#[test]
fn send_without_a_transport_or_address_says_what_to_set() {
    let (env, _, _) = desk();
    env.git(["config", "--unset", "tk.mail.sendmail"]);
    let out = env.tk(["mail", "send"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("tk.mail.sendmail"), "{out}");
}

#[test]
fn dry_run_prints_the_mails_and_sends_nothing() {
    let (env, _, sent) = desk();
    let out = env.tk(["mail", "send", "--dry-run"]).success();
    assert!(
        out.stdout.contains("Auto-Submitted: auto-generated"),
        "{out}"
    );
    assert!(out.stderr.contains("Would send 1 mail."), "{out}");
    assert!(!sent.exists());
    assert_eq!(outbox(&env).len(), 1);
}

#[test]
fn a_reply_to_a_mail_tk_sent_finds_its_ticket() {
    let (env, id, _) = desk();
    let owed = outbox(&env);
    env.tk(["mail", "send"]).success();
    let reply = format!(
        "From: Ann Mueller <ann.mueller@corp.example>\r\nTo: helpdesk@corp.example\r\nSubject: Re: your request\r\nMessage-ID: <reply-to-ack@corp.example>\r\nIn-Reply-To: <{}>\r\n\r\nThanks!\r\n",
        owed[0].message_id
    );
    let out = env.tk_with_stdin(["mail", "ingest", "--json"], &reply);
    let result: Vec<Ingested> = out.json();
    assert_eq!(result[0].outcome, "commented");
    assert_eq!(result[0].ticket.as_deref(), Some(id.as_str()));
    assert_eq!(owed[0].about.len(), 12);
}

#[test]
fn regression_dry_run_said_would_send_1_mails() {
    let (env, _, _) = desk();
    let out = env.tk(["mail", "send", "--dry-run"]).success();
    assert!(out.stderr.contains("Would send 1 mail.\n"), "{out}");
    assert!(!out.stderr.contains("1 mails"), "{out}");
}

#[test]
fn a_functional_escalation_is_mailed_with_its_reason_and_one_for_a_breach_is_not() {
    let (env, id, sent) = desk();
    env.tk(["mail", "send"]).success();
    env.tk(["team", "add", "bo@corp.example", "--name", "Bo"])
        .success();
    env.tk([
        "escalate",
        &id,
        "--to",
        "bo@corp.example",
        "-m",
        "Needs the network tier",
    ])
    .success();
    let owed = outbox(&env);
    assert_eq!(owed.len(), 1, "{owed:?}");
    assert_eq!(owed[0].notice, "escalated");
    assert!(owed[0]
        .subject
        .starts_with(&format!("[tk:{}] Escalated: VPN", owed[0].short_id)));
    env.tk(["mail", "send"]).success();
    let mails = std::fs::read_to_string(&sent).unwrap();
    assert!(
        mails.contains("handed on to the people who can solve it: Needs"),
        "{mails}"
    );
    assert!(!mails.contains("bo@corp.example"), "{mails}");
    // Days later the resolution target is missed: the cron escalation is
    // the team's business, not the requester's.
    env.advance(30 * 86_400);
    env.tk(["escalate", "--breached"]).success();
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    let breaches = shown
        .events
        .iter()
        .filter(|e| e.action == "escalate" && e.breach.is_some())
        .count();
    assert!(breaches > 0, "{shown:?}");
    assert!(outbox(&env).is_empty());
}

#[test]
fn the_local_outbox_index_skips_quiet_tickets_but_never_hides_a_change() {
    let (env, id, _) = desk();
    env.tk(["mail", "send"]).success();
    assert!(outbox(&env).is_empty());
    let index = env.repo().join(".git/tk/mail-outbox");
    let text = std::fs::read_to_string(&index).unwrap();
    assert!(text.contains(&format!("{id} ")), "{text}");
    // A new public comment changes the file, so the ticket is read again.
    env.tk(["comment", &id, "-m", "Please try the new profile"])
        .success();
    let owed = outbox(&env);
    assert_eq!(owed.len(), 1, "{owed:?}");
    assert_eq!(owed[0].notice, "comment");
    // The index is disposable: garbage or none changes nothing.
    std::fs::write(&index, "not an index\n").unwrap();
    assert_eq!(outbox(&env).len(), 1);
    std::fs::remove_file(&index).unwrap();
    assert_eq!(outbox(&env).len(), 1);
    env.tk(["mail", "send"]).success();
    assert!(outbox(&env).is_empty());
    // Another desk address makes a different set of recipients: the
    // index written for the old one is not used.
    env.tk(["config", "set", "mail.address", "desk@corp.example"])
        .success();
    assert!(outbox(&env).is_empty());
    let text = std::fs::read_to_string(&index).unwrap();
    assert!(text.contains("address desk@corp.example"), "{text}");
}
