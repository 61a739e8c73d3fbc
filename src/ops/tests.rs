//! The write path against a real repository: several tickets in one
//! commit, the team's policy on every `set`, and all-or-nothing refusals.

use super::write::{create, write, TicketChange, WriteOptions};
use super::Session;
use crate::model::{Action, Changes, Level, Priority, TicketPrefix};
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("git prints UTF-8")
}

fn session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["config", "user.name", "Ana"]);
    git(dir.path(), &["config", "user.email", "ana@example.com"]);
    let settings = crate::config::Settings::from_env().expect("no TK_* variables in tests");
    let session = Session::new(dir.path().to_path_buf(), settings);
    (dir, session)
}

fn new_ticket(session: &Session, title: &str) -> TicketPrefix {
    let changes = Changes {
        title: Some(title.to_string()),
        ..Changes::default()
    };
    let written = create(session, changes).expect("the ticket is created");
    TicketPrefix::from(written.ticket.id())
}

fn commits(dir: &Path) -> usize {
    git(dir, &["rev-list", "--count", "refs/heads/tk/tickets"])
        .trim()
        .parse()
        .expect("a count")
}

fn comment(text: &str) -> Action {
    Action::Comment {
        body: text.to_string(),
        internal: false,
    }
}

#[test]
fn several_tickets_change_in_one_commit() {
    let (dir, session) = session();
    let a = new_ticket(&session, "VPN drops");
    let b = new_ticket(&session, "VPN slow");
    let before = commits(dir.path());
    let set = Changes {
        impact: Some(Level::High),
        urgency: Some(Level::High),
        ..Changes::default()
    };
    let written = write(
        &session,
        WriteOptions {
            label: "bulk",
            files: Vec::new(),
            changes: vec![
                TicketChange::record(a.clone(), vec![comment("same cause")]),
                TicketChange::record(b.clone(), vec![Action::Set(set)]),
            ],
        },
    )
    .expect("the write commits");
    assert_eq!(commits(dir.path()), before + 1);
    assert_eq!(written.len(), 2);
    assert!(written[0].commit.is_some());
    assert_eq!(written[0].commit, written[1].commit);
    assert_eq!(written[0].ticket.comments().count(), 1);
    // The policy completed the set: the matrix gives high × high its
    // priority, as it does for `tk set`.
    let config = session.team_config().expect("the default tk.toml");
    let expected = config.priority(Level::High, Level::High);
    assert_eq!(written[1].ticket.state().priority, expected);
    assert_ne!(expected, Priority::Medium);
    let message = git(
        dir.path(),
        &["log", "-1", "--format=%B", "refs/heads/tk/tickets"],
    );
    assert!(message.starts_with("tk: bulk 2 tickets"), "{message}");
    for id in [&written[0].ticket, &written[1].ticket].map(|t| t.id().to_string()) {
        assert!(message.contains(&format!("Tk-Ticket: {id}")), "{message}");
    }
}

#[test]
fn one_refused_ticket_commits_nothing() {
    let (dir, session) = session();
    let a = new_ticket(&session, "Printer jams");
    let b = new_ticket(&session, "Printer offline");
    let before = commits(dir.path());
    let result = write(
        &session,
        WriteOptions {
            label: "bulk",
            files: Vec::new(),
            changes: vec![
                TicketChange::record(a, vec![comment("looking")]),
                // A new ticket cannot be rated: the lifecycle refuses.
                TicketChange::record(
                    b,
                    vec![Action::Rate {
                        score: 5,
                        comment: None,
                        on_behalf: false,
                    }],
                ),
            ],
        },
    );
    let error = result.expect_err("the rating is refused");
    assert!(error.to_string().contains("rate"), "{error}");
    assert_eq!(commits(dir.path()), before);
}

#[test]
fn a_policy_failure_is_reported_as_itself() {
    let (_dir, session) = session();
    let a = new_ticket(&session, "Laptop");
    let set = Changes {
        category: Some("no-such-category".to_string()),
        ..Changes::default()
    };
    let error = write(
        &session,
        WriteOptions {
            label: "set",
            files: Vec::new(),
            changes: vec![TicketChange::record(a, vec![Action::Set(set)])],
        },
    )
    .expect_err("the category is refused");
    assert!(
        matches!(&error, super::Error::Invalid(m) if m.contains("no-such-category")),
        "{error:?}"
    );
}

#[test]
fn a_ticket_named_twice_is_refused() {
    let (_dir, session) = session();
    let a = new_ticket(&session, "Mouse");
    let error = write(
        &session,
        WriteOptions {
            label: "bulk",
            files: Vec::new(),
            changes: vec![
                TicketChange::record(a.clone(), vec![comment("one")]),
                TicketChange::record(a, vec![comment("two")]),
            ],
        },
    )
    .expect_err("the same ticket twice is refused");
    assert!(error.to_string().contains("named twice"), "{error}");
}

#[test]
fn an_import_creates_many_tickets_in_one_commit() {
    let (dir, session) = session();
    let existing = new_ticket(&session, "Old printer");
    let before = commits(dir.path());
    let titled = |title: &str| Changes {
        title: Some(title.to_string()),
        impact: Some(Level::High),
        ..Changes::default()
    };
    let written = write(
        &session,
        WriteOptions {
            label: "import",
            files: Vec::new(),
            changes: vec![
                TicketChange::create(titled("Imported one")),
                TicketChange::record(existing, vec![comment("see the import")]),
                TicketChange::create(titled("Imported two")),
            ],
        },
    )
    .expect("the import commits");
    assert_eq!(commits(dir.path()), before + 1);
    let titles: Vec<&str> = written
        .iter()
        .map(|w| w.ticket.state().title.as_str())
        .collect();
    assert_eq!(titles, ["Imported one", "Old printer", "Imported two"]);
    // Created tickets get the policy too: the matrix's priority and the
    // SLA targets recorded in their create event.
    let config = session.team_config().expect("the default tk.toml");
    let priority = config.priority(Level::High, Level::Medium);
    assert_eq!(written[0].ticket.state().priority, priority);
    let listing = session
        .store()
        .expect("the store")
        .list()
        .expect("a listing");
    assert_eq!(listing.tickets.len(), 3);
}
