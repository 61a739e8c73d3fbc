//! `tk mail ingest`: hand-written messages from tests/fixtures/mail/ fed
//! through stdin, files, an mbox and a Maildir.

use crate::common::{json, TestEnv};
use serde::Deserialize;

/// One message's result in `tk mail ingest --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ingested {
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
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Returns a desk with its address and one team member.
fn desk() -> TestEnv {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    env.tk(["config", "set", "mail.address", "helpdesk@corp.example"])
        .success();
    env.tk(["team", "add", "tech@corp.example", "--name", "Tess Tech"])
        .success();
    env
}

fn ingest(env: &TestEnv, message: &str) -> Ingested {
    let out = env.tk_with_stdin(["mail", "ingest", "--json"], message);
    let mut all: Vec<Ingested> = out.json();
    assert_eq!(all.len(), 1, "{out}");
    all.remove(0)
}

fn show(env: &TestEnv, id: &str) -> json::Shown {
    env.tk(["show", id, "--json"]).json()
}

#[test]
fn a_new_thread_opens_a_ticket_with_requester_text_and_received_event() {
    let env = desk();
    let result = ingest(&env, &fixture("plain.eml"));
    assert_eq!(result.outcome, "created");
    assert_eq!(result.source, "stdin");
    assert_eq!(
        result.message_id.as_deref(),
        Some("CAF1-vpn-0001@mail.corp.example")
    );
    assert_eq!(result.commit.as_deref(), Some(env.tip().as_str()));
    let ticket = show(&env, result.ticket.as_deref().unwrap());
    assert_eq!(ticket.title, "VPN fällt alle 10 Minuten aus");
    let requester = ticket.requester.unwrap();
    assert_eq!(
        (requester.name.as_str(), requester.email.as_str()),
        ("Ann Müller", "ann.mueller@corp.example")
    );
    assert_eq!(
        ticket.description.as_deref(),
        Some("Hallo,\n\nseit heute früh bricht das VPN alle 10 Minuten ab.\n\nDanke, Ann")
    );
    let create = &ticket.events[0];
    assert_eq!(create.action, "create");
    assert_eq!(create.by, "Ann Müller <ann.mueller@corp.example>");
    // The Date lies before the pinned clock, within a week: the events
    // carry it, so two clones agree on them.
    assert_eq!(create.at, "2026-03-02T08:30:00Z");
    let received = ticket.events.last().unwrap();
    assert_eq!(received.action, "received");
    assert_eq!(
        received.message_id.as_deref(),
        Some("CAF1-vpn-0001@mail.corp.example")
    );
    assert_eq!(received.date.as_deref(), Some("2026-03-02T08:30:00Z"));
    let log = env.git(["log", "-1", "--format=%B", "refs/heads/tk/tickets"]);
    assert!(log.contains("Tk-Action: new"), "{log}");
}

#[test]
fn the_same_mail_twice_is_one_ticket_and_exit_0_with_a_line() {
    let env = desk();
    let first = ingest(&env, &fixture("plain.eml"));
    let commits = env.commit_count();
    let out = env.tk_with_stdin(["mail", "ingest"], &fixture("plain.eml"));
    insta::assert_snapshot!(out, @r"
    ------- stderr -------
    warning: ignored stdin: its Message-ID is already recorded
    [exit status: 0]
    ");
    assert_eq!(env.commit_count(), commits);
    // The id derives from the Message-ID, so another clone makes the same.
    let other = desk();
    assert_eq!(ingest(&other, &fixture("plain.eml")).ticket, first.ticket);
}

#[test]
fn replies_by_references_and_by_subject_tag_are_comments_with_quotes_trimmed() {
    let env = desk();
    let id = ingest(&env, &fixture("plain.eml")).ticket.unwrap();
    let reply = ingest(&env, &fixture("gmail-reply.eml"));
    assert_eq!(reply.outcome, "commented");
    assert_eq!(reply.ticket.as_deref(), Some(id.as_str()));
    let outlook = fixture("outlook-reply.eml").replace("TICKET7", &id[..7]);
    let second = ingest(&env, &outlook);
    assert_eq!(second.outcome, "commented");
    assert_eq!(second.ticket.as_deref(), Some(id.as_str()));
    let ticket = show(&env, &id);
    let bodies: Vec<(&str, &str, bool)> = ticket
        .comments
        .iter()
        .map(|c| (c.by.as_str(), c.body.as_str(), c.internal))
        .collect();
    assert_eq!(
        bodies,
        [
            (
                "Ann Mueller <ann.mueller@corp.example>",
                "It happened again at 9:05, on the office wifi too.",
                false
            ),
            (
                "Ann Mueller <ann.mueller@corp.example>",
                "Works now – thanks!",
                false
            ),
        ]
    );
    // The requester's own replies are no response from the team.
    assert_eq!(ticket.first_response, None);
}

#[test]
fn a_team_member_replying_comments_as_that_member() {
    let env = desk();
    let id = ingest(&env, &fixture("plain.eml")).ticket.unwrap();
    let reply = fixture("gmail-reply.eml")
        .replace(
            "From: Ann Mueller <ann.mueller@corp.example>",
            "From: Tess <TECH@corp.example>",
        )
        .replace("CAF1-vpn-0005", "tess-0001");
    assert_eq!(ingest(&env, &reply).outcome, "commented");
    let ticket = show(&env, &id);
    let comment = ticket.comments.last().unwrap();
    assert_eq!(comment.by, "Tess Tech <tech@corp.example>");
    assert!(ticket.first_response.is_some());
}

#[test]
fn a_digit_replied_to_a_resolved_ticket_is_the_requesters_rating() {
    let env = desk();
    let id = ingest(&env, &fixture("plain.eml")).ticket.unwrap();
    env.tk(["resolve", &id, "-m", "New VPN profile"]).success();
    let rated = ingest(&env, &fixture("rating.eml"));
    assert_eq!((rated.outcome.as_str(), rated.score), ("rated", Some(5)));
    let ticket = show(&env, &id);
    let rating = ticket.rating.unwrap();
    assert_eq!(rating.score, 5);
    assert_eq!(
        rating.comment.as_deref(),
        Some("Fast and friendly, thank you.")
    );
    assert_eq!(rating.by, "Ann Mueller <ann.mueller@corp.example>");
    assert_eq!(ticket.status, "resolved");
}

#[test]
fn another_reply_reopens_a_resolved_ticket_unless_configured_not_to() {
    let env = desk();
    let id = ingest(&env, &fixture("plain.eml")).ticket.unwrap();
    env.tk(["resolve", &id, "-m", "New VPN profile"]).success();
    let reply = ingest(&env, &fixture("gmail-reply.eml"));
    assert_eq!(reply.outcome, "reopened");
    assert_eq!(show(&env, &id).status, "new");
    env.tk(["resolve", &id, "-m", "Really fixed"]).success();
    env.tk(["config", "set", "mail.reopen_on_reply", "false"])
        .success();
    let again = fixture("gmail-reply.eml").replace("CAF1-vpn-0005", "CAF1-vpn-0006");
    assert_eq!(ingest(&env, &again).outcome, "commented");
    assert_eq!(show(&env, &id).status, "resolved");
}

#[test]
fn a_reply_to_a_closed_ticket_opens_a_new_linked_one() {
    let env = desk();
    let id = ingest(&env, &fixture("plain.eml")).ticket.unwrap();
    env.tk(["resolve", &id, "-m", "New VPN profile"]).success();
    env.tk(["close", &id]).success();
    let reply = ingest(&env, &fixture("gmail-reply.eml"));
    assert_eq!(reply.outcome, "follow-up");
    assert_eq!(reply.previous.as_deref(), Some(id.as_str()));
    let new = show(&env, reply.ticket.as_deref().unwrap());
    assert_ne!(new.id, id);
    assert_eq!(new.links.len(), 1);
    assert_eq!(
        (new.links[0].relation.as_str(), new.links[0].target.as_str()),
        ("relates", id.as_str())
    );
    assert_eq!(show(&env, &id).status, "closed");
}

#[test]
fn auto_replies_and_the_desks_own_mail_are_ignored_without_a_commit() {
    let env = desk();
    let commits = env.commit_count();
    let own = fixture("plain.eml").replace(
        "From: =?UTF-8?Q?Ann_M=C3=BCller?= <Ann.Mueller@corp.example>",
        "From: Help Desk <HelpDesk@corp.example>",
    );
    for (message, reason) in [
        (fixture("out-of-office.eml"), "Auto-Submitted: auto-replied"),
        (fixture("bulk.eml"), "Precedence: bulk"),
        (own, "the desk's own address"),
    ] {
        let result = ingest(&env, &message);
        assert_eq!(result.outcome, "ignored");
        let why = result.reason.unwrap();
        assert!(why.contains(reason), "{why}");
        assert_eq!(result.commit, None);
    }
    assert_eq!(env.commit_count(), commits);
}

#[test]
fn a_bounce_of_the_desks_mail_is_an_internal_note() {
    let env = desk();
    let id = ingest(&env, &fixture("plain.eml")).ticket.unwrap();
    let bounce = fixture("bounce.eml").replace("TICKETID", &id);
    let result = ingest(&env, &bounce);
    assert_eq!(result.outcome, "bounce");
    let ticket = show(&env, &id);
    let note = ticket.comments.last().unwrap();
    assert!(note.internal);
    assert!(
        note.body.contains("550 5.1.1 User unknown"),
        "{}",
        note.body
    );
    // A bounce that names no ticket is ignored.
    let stray = ingest(&env, &fixture("bounce.eml"));
    assert_eq!(stray.outcome, "ignored");
}

#[test]
fn multipart_charsets_and_html_only_mail_become_plain_text() {
    let env = desk();
    let qp = ingest(&env, &fixture("alternative-qp.eml"));
    let ticket = show(&env, qp.ticket.as_deref().unwrap());
    assert_eq!(ticket.title, "Drucker im 3. Stock überhitzt");
    assert_eq!(
        ticket.description.as_deref(),
        Some("Der Drucker riecht verbrannt und zeigt Fehler ü42. Bitte schnell anschauen.")
    );
    let html = ingest(&env, &fixture("html-only.eml"));
    let ticket = show(&env, html.ticket.as_deref().unwrap());
    assert_eq!(ticket.title, "Shared drive “S:” missing – urgent");
    let text = ticket.description.unwrap();
    assert!(text.contains("The shared drive S:\\ is gone."), "{text}");
    assert!(text.contains("Since \"yesterday\" & today."), "{text}");
    for markup in ["<", "alert", "color:red"] {
        assert!(!text.contains(markup), "{text}");
    }
}

#[test]
fn attachments_keep_safe_names_and_bytes() {
    let env = desk();
    let result = ingest(&env, &fixture("attachments.eml"));
    let id = result.ticket.unwrap();
    let ticket = show(&env, &id);
    let names: Vec<&str> = ticket.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Prüfbericht März.pdf",
            "attachment-1.png",
            "invoicefdp.exe",
            "passwd"
        ]
    );
    let pdf = env.file_on_ref(&format!("attachments/{id}/Prüfbericht März.pdf"));
    assert_eq!(pdf, "%PDF-1.4 fake report");
    let tree = env.git(["ls-tree", "-r", "--name-only", "refs/heads/tk/tickets"]);
    assert!(!tree.contains("etc/"), "{tree}");
}

#[test]
fn attachments_over_the_limit_are_named_not_kept() {
    let env = desk();
    env.tk(["config", "set", "attachments.max_size", "10B"])
        .success();
    let result = ingest(&env, &fixture("attachments.eml"));
    assert_eq!(
        result.dropped,
        ["attachment-1.png (18 B)", "Prüfbericht März.pdf (20 B)"]
    );
    let ticket = show(&env, result.ticket.as_deref().unwrap());
    assert_eq!(ticket.attachments.len(), 2);
    let text = ticket.description.unwrap();
    assert!(text.contains("[not attached, over attachments.max_size: attachment-1.png (18 B), Prüfbericht März.pdf (20 B)]"), "{text}");
}

#[test]
fn hostile_mail_is_refused_or_cleaned_never_a_panic() {
    let env = desk();
    // Header injection through an encoded subject, an invalid charset, a
    // MIME boundary never closed, NUL and escape bytes in the body.
    let result = ingest(&env, &fixture("malformed.eml"));
    assert_eq!(result.outcome, "created");
    let ticket = show(&env, result.ticket.as_deref().unwrap());
    assert_eq!(ticket.title, "Hi Bcc: everyone@corp.example");
    let text = ticket.description.unwrap_or_default();
    assert!(!text.contains('\0') && !text.contains('\u{1b}'), "{text:?}");
    // Deep nesting.
    let mut deep =
        String::from("From: a@corp.example\r\nSubject: deep\r\nMessage-ID: <deep@x>\r\n");
    for n in 0..300 {
        deep.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{n}\"\r\n\r\n--b{n}\r\n"
        ));
    }
    deep.push_str("Content-Type: text/plain\r\n\r\nbottom\r\n");
    let out = env.tk_with_stdin(["mail", "ingest"], &deep);
    assert!(out.status == 0 || out.status == 65, "{out}");
    // Not a message, no sender: refused for good.
    insta::assert_snapshot!(env.tk_with_stdin(["mail", "ingest"], "just some text\n"), @r"
    ------- stderr -------
    error: stdin: the input is not a mail message
    [exit status: 65]
    ");
    insta::assert_snapshot!(env.tk_with_stdin(["mail", "ingest"], "Subject: hi\r\n\r\nno sender\r\n"), @r"
    ------- stderr -------
    error: stdin: the message has no sender address in From
    [exit status: 65]
    ");
    insta::assert_snapshot!(env.tk_with_stdin(["mail", "ingest"], ""), @r"
    ------- stderr -------
    error: stdin: the input is not a mail message
    [exit status: 65]
    ");
}

#[test]
fn oversize_mail_and_strangers_are_refused_with_65() {
    let env = desk();
    env.tk(["config", "set", "mail.max_size", "200B"]).success();
    let commits = env.commit_count();
    insta::assert_snapshot!(env.tk_with_stdin(["mail", "ingest"], &fixture("plain.eml")), @r"
    ------- stderr -------
    error: stdin: the message has 201 bytes, over the limit of 200 (mail.max_size)
    [exit status: 65]
    ");
    env.tk(["config", "set", "mail.max_size", "1MiB"]).success();
    env.tk(["config", "set", "mail.allowed_senders", "partner.example"])
        .success();
    let commits_after = env.commit_count();
    insta::assert_snapshot!(env.tk_with_stdin(["mail", "ingest"], &fixture("plain.eml")), @r"
    ------- stderr -------
    error: stdin: ann.mueller@corp.example may not open tickets by mail (mail.allowed_senders)
    [exit status: 65]
    ");
    assert_eq!(env.commit_count(), commits_after);
    assert!(commits_after > commits);
}

#[test]
fn no_repository_is_try_again_later() {
    let env = TestEnv::without_repo();
    let out = env.tk_with_stdin(["mail", "ingest"], &fixture("plain.eml"));
    assert_eq!(out.status, 75, "{out}");
}

#[test]
fn regression_no_repository_test_failed_on_a_broken_pipe_when_tk_exited_before_reading() {
    // More than a pipe holds: writing it meets the exit of a tk that
    // never reads it, every time.
    let env = TestEnv::without_repo();
    let big = format!("{}\n{}", fixture("plain.eml"), "x".repeat(1 << 20));
    let out = env.tk_with_stdin(["mail", "ingest"], &big);
    assert_eq!(out.status, 75, "{out}");
}

#[test]
fn a_message_without_message_id_gets_a_stable_one() {
    let env = desk();
    let first = ingest(&env, &fixture("no-message-id.eml"));
    assert!(first.message_id.unwrap().starts_with("hash."));
    assert_eq!(
        ingest(&env, &fixture("no-message-id.eml")).outcome,
        "ignored"
    );
}

/// Returns a Maildir holding, in new/, a new thread, a reply to it, an
/// auto-reply and a message with no sender.
fn four_message_maildir(env: &TestEnv) -> std::path::PathBuf {
    let maildir = env.root().join("Maildir");
    for dir in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(dir)).unwrap();
    }
    let files = [
        ("1700000001.a.host", fixture("plain.eml")),
        ("1700000002.b.host", fixture("gmail-reply.eml")),
        ("1700000003.c.host", fixture("out-of-office.eml")),
        ("1700000004.d.host", "no sender at all\n".to_string()),
    ];
    for (name, text) in &files {
        std::fs::write(maildir.join("new").join(name), text).unwrap();
    }
    maildir
}

#[test]
fn a_maildir_moves_each_message_to_cur_after_its_commit() {
    let env = desk();
    let maildir = four_message_maildir(&env);
    let out = env.tk(["mail", "ingest", maildir.to_str().unwrap(), "--json"]);
    assert_eq!(out.status, 65, "{out}");
    let results: Vec<Ingested> = serde_json::from_str(&out.stdout).unwrap();
    let outcomes: Vec<&str> = results.iter().map(|r| r.outcome.as_str()).collect();
    assert_eq!(outcomes, ["created", "commented", "ignored", "refused"]);
    assert!(out.stderr.contains("1 of 4 messages were refused"), "{out}");
    assert_eq!(std::fs::read_dir(maildir.join("new")).unwrap().count(), 0);
    let mut cur: Vec<String> = std::fs::read_dir(maildir.join("cur"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cur.sort();
    assert_eq!(cur[0], "1700000001.a.host:2,S");
    assert_eq!(cur.len(), 4);
    assert_eq!(results[1].short_id, results[0].short_id);
}

#[test]
fn a_dry_run_says_what_each_message_would_do_and_changes_nothing() {
    let env = desk();
    let maildir = four_message_maildir(&env);
    let tip = env.tip();
    let path = maildir.to_str().unwrap();
    let tried = env.tk(["mail", "ingest", path, "--dry-run", "--json"]);
    assert_eq!(tried.status, 65, "{tried}");
    let tried: Vec<Ingested> = serde_json::from_str(&tried.stdout).unwrap();
    let outcomes: Vec<&str> = tried.iter().map(|r| r.outcome.as_str()).collect();
    // The reply threads onto the ticket the first message would open.
    assert_eq!(outcomes, ["created", "commented", "ignored", "refused"]);
    assert_eq!(tried[1].ticket, tried[0].ticket);
    assert!(tried.iter().all(|r| r.dry_run && r.commit.is_none()));
    assert_eq!(env.tip(), tip);
    assert_eq!(std::fs::read_dir(maildir.join("new")).unwrap().count(), 4);
    assert_eq!(std::fs::read_dir(maildir.join("cur")).unwrap().count(), 0);
    let human = env.tk(["mail", "ingest", path, "--dry-run"]);
    assert_eq!(human.status, 65, "{human}");
    assert!(
        human.stderr.contains(&format!(
            "Would create {} \"VPN fällt alle 10 Minuten aus\" from {path}/new/1700000001.a.host.",
            tried[0].short_id.as_deref().unwrap()
        )),
        "{human}"
    );
    assert!(human.stderr.contains("Would comment on"), "{human}");
    assert!(human.stderr.contains("would ignore"), "{human}");
    assert!(
        human.stderr.contains("Nothing committed (--dry-run)"),
        "{human}"
    );
    // The real run does what the dry run said, to the same ticket.
    let out = env.tk(["mail", "ingest", path, "--json"]);
    assert_eq!(out.status, 65, "{out}");
    let done: Vec<Ingested> = serde_json::from_str(&out.stdout).unwrap();
    for (done, tried) in done.iter().zip(&tried) {
        assert_eq!(
            (&done.outcome, &done.ticket, &done.short_id, done.dry_run),
            (&tried.outcome, &tried.ticket, &tried.short_id, false)
        );
    }
    assert_ne!(env.tip(), tip);
}

#[test]
fn a_dry_run_of_a_rating_leaves_the_ticket_unrated() {
    let env = desk();
    let id = ingest(&env, &fixture("plain.eml")).ticket.unwrap();
    env.tk(["resolve", &id, "-m", "New VPN profile"]).success();
    let tip = env.tip();
    let out = env.tk_with_stdin(
        ["mail", "ingest", "--dry-run", "--json"],
        &fixture("rating.eml"),
    );
    let tried: Vec<Ingested> = out.json();
    assert_eq!(
        (tried[0].outcome.as_str(), tried[0].score),
        ("rated", Some(5))
    );
    assert_eq!(env.tip(), tip);
    assert!(show(&env, &id).rating.is_none());
}

#[test]
fn an_mbox_is_taken_in_message_by_message() {
    let env = desk();
    let mbox = env.root().join("inbox.mbox");
    let text = format!(
        "From ann@corp.example Mon Mar  2 08:30:00 2026\n{}\nFrom bob@corp.example Mon Mar  2 08:40:00 2026\n{}\n",
        fixture("plain.eml").replace("\r\n", "\n"),
        fixture("alternative-qp.eml").replace("\r\n", "\n")
    );
    std::fs::write(&mbox, text).unwrap();
    let results: Vec<Ingested> = env
        .tk(["mail", "ingest", mbox.to_str().unwrap(), "--json"])
        .json();
    let outcomes: Vec<(&str, &str)> = results
        .iter()
        .map(|r| (r.outcome.as_str(), r.source.rsplit('#').next().unwrap()))
        .collect();
    assert_eq!(outcomes, [("created", "1"), ("created", "2")]);
    // Taking the same mbox in again changes nothing.
    let again: Vec<Ingested> = env
        .tk(["mail", "ingest", mbox.to_str().unwrap(), "--json"])
        .json();
    assert!(again.iter().all(|r| r.outcome == "ignored"));
}

#[test]
fn two_clones_that_take_in_the_same_mail_converge_on_one_ticket() {
    let (_env, clones) = TestEnv::with_clones(&["a", "b"]);
    let mut ids = Vec::new();
    for clone in &clones {
        clone.tk(["init"]).success();
        let out = clone.tk_with_stdin(["mail", "ingest", "--json"], &fixture("plain.eml"));
        let results: Vec<Ingested> = out.json();
        ids.push(results[0].ticket.clone().unwrap());
    }
    assert_eq!(ids[0], ids[1]);
    clones[0].tk(["sync"]).success();
    clones[1].tk(["sync"]).success();
    clones[0].tk(["sync"]).success();
    let a: json::Shown = clones[0].tk(["show", &ids[0], "--json"]).json();
    let b: json::Shown = clones[1].tk(["show", &ids[0], "--json"]).json();
    assert_eq!(a.events.len(), 2);
    let ids_of = |shown: &json::Shown| -> Vec<String> {
        shown
            .events
            .iter()
            .map(|e| format!("{} {} {}", e.id, e.at, e.by))
            .collect()
    };
    assert_eq!(ids_of(&a), ids_of(&b));
    let list = clones[0].tk(["list", "--json"]).stdout;
    assert_eq!(list.matches("\"short_id\"").count(), 1, "{list}");
}
