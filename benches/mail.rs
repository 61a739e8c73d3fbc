//! Benchmark of `tk mail ingest`: 1,000 mails into a desk of 10,000
//! tickets, in mails per second.
//!
//! Run with `cargo bench --bench mail` (release build). Setup writes the
//! 10,000 tickets with the library and git2 as one pack (seconds, rather
//! than 10,000 `tk` runs), then a Maildir of 1,000 hand-shaped messages in
//! arrival order: 600 new threads (plain text, every third one
//! multipart/alternative with an HTML part) and 400 replies, 300 of them
//! threaded by `In-Reply-To`/`References` to an earlier new thread (with a
//! Gmail-style quoted history), 100 by the subject tag of one of the
//! 10,000 tickets. It times the whole command, `tk mail ingest MAILDIR`
//! with the release binary, which makes one commit per message and moves
//! each to `cur/`, on a fresh copy of the desk and the Maildir per run.
//!
//! Then it times `tk mail outbox` over the whole desk, without and with
//! its local index (`.git/tk/mail-outbox`).
//!
//! `TK_BENCH_RUNS` sets the number of runs (default 3); `TK_BENCH_KEEP=1`
//! keeps the temp dir. Prints a Markdown table.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use git2::Repository;
#[path = "fixture/mod.rs"]
mod fixture;

use fixture::{commit_files, in_pack, write_files};
use tk::model::{Action, Changes, Event, IdGenerator, Ticket, Timestamp};

const TICKETS: usize = 10_000;
const MAILS: usize = 1_000;
const START: i64 = 1_772_442_000; // 2026-03-02T09:00:00Z

fn main() {
    let runs: usize = std::env::var("TK_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let temp = tempfile::Builder::new()
        .prefix("tk-bench-mail-")
        .tempdir()
        .expect("can create a temp dir");
    let root = temp.path();
    let home = root.join("home");
    std::fs::create_dir(&home).expect("can create a home");

    let started = Instant::now();
    let desk = root.join("desk");
    let repo = Repository::init(&desk).expect("can init the desk");
    {
        let mut config = repo.config().expect("the desk has config");
        config
            .set_str("user.name", "Help Desk")
            .expect("can set config");
        config
            .set_str("user.email", "helpdesk@corp.example")
            .expect("can set config");
    }
    let tickets = base_tickets();
    in_pack(&repo, |repo| {
        let files = write_files(repo, &tickets, BTreeMap::new());
        commit_files(repo, &files, &[], "Import tickets", START);
    });
    drop(repo);
    let shorts: Vec<String> = tickets
        .iter()
        .map(|t| t.id().prefix(7).to_string())
        .collect();
    let mails = mails(&shorts);
    eprintln!(
        "setup: {TICKETS} tickets, {MAILS} mails, in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut times = Vec::new();
    let (mut cold, mut warm) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let dir = root.join(format!("run-{run}"));
        std::fs::create_dir(&dir).expect("can create a run dir");
        let copy = dir.join("desk");
        let status = Command::new("cp")
            .arg("-a")
            .arg(&desk)
            .arg(&copy)
            .status()
            .expect("can run cp");
        assert!(status.success(), "cp -a failed");
        let maildir = dir.join("Maildir");
        write_maildir(&maildir, &mails);
        let tk = |args: &[&str]| {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_tk"));
            cmd.env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", &home)
                .env("XDG_CONFIG_HOME", &home)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("TZ", "UTC")
                .env("TK_NOW", "2026-03-02T12:00:00Z")
                .current_dir(&copy)
                .args(args);
            cmd
        };
        let started = Instant::now();
        let output = tk(&["mail", "ingest", "--json"])
            .arg(&maildir)
            .output()
            .expect("can run tk");
        let took = started.elapsed();
        assert!(
            output.status.success(),
            "tk mail ingest failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let results: Vec<serde_json::Value> =
            serde_json::from_slice(&output.stdout).expect("tk mail ingest --json prints JSON");
        let count = |outcome: &str| results.iter().filter(|r| r["outcome"] == outcome).count();
        assert_eq!(results.len(), MAILS);
        assert_eq!(count("created"), 600, "{results:?}");
        assert_eq!(count("commented"), 400, "{results:?}");
        let left = std::fs::read_dir(maildir.join("new"))
            .expect("the Maildir is there")
            .count();
        assert_eq!(left, 0, "every message moved to cur/");
        times.push(took);
        // The outbox over the whole desk: 10,600 tickets with a
        // requester, of which the 600 new ones owe their acknowledgement
        // (and a hundred or fewer base tickets a comment).
        // First without the local index (every ticket loaded, as before
        // the index), then with the index that run left.
        let outbox = || {
            let started = Instant::now();
            let output = tk(&["mail", "outbox", "--json"])
                .output()
                .expect("can run tk");
            let took = started.elapsed();
            assert!(output.status.success(), "tk mail outbox failed");
            let owed: Vec<serde_json::Value> =
                serde_json::from_slice(&output.stdout).expect("tk mail outbox --json prints JSON");
            // An acknowledgement per new ticket, and the tagged replies by
            // someone else than the ticket's requester, which tell them.
            assert!(owed.len() >= 600, "{}", owed.len());
            took
        };
        let _ = std::fs::remove_file(copy.join(".git/tk/mail-outbox"));
        cold.push(outbox());
        warm.push(outbox());
        let _ = std::fs::remove_dir_all(&dir);
    }
    times.sort();
    cold.sort();
    warm.sort();
    let rate = |d: Duration| format!("{:.0}", MAILS as f64 / d.as_secs_f64());
    let secs = |d: Duration| format!("{:.2} s", d.as_secs_f64());
    let (best, median, worst) = (times[0], times[times.len() / 2], times[times.len() - 1]);
    println!(
        "`tk mail ingest MAILDIR`: {MAILS} mails (600 new threads, 300 replies by \
         References, 100 by subject tag) into {TICKETS} tickets, one commit per mail, \
         {runs} runs:\n"
    );
    println!("| what | best | median | worst |");
    println!("|---|---:|---:|---:|");
    println!(
        "| whole command | {} | {} | {} |",
        secs(best),
        secs(median),
        secs(worst)
    );
    println!(
        "| mails per second | {} | {} | {} |",
        rate(best),
        rate(median),
        rate(worst)
    );
    println!(
        "| `tk mail outbox` after it, {} tickets with a requester, no local index | {} | {} | {} |",
        TICKETS + 600,
        secs(cold[0]),
        secs(cold[cold.len() / 2]),
        secs(cold[cold.len() - 1])
    );
    println!(
        "| `tk mail outbox` again, with the index the first left | {} | {} | {} |",
        secs(warm[0]),
        secs(warm[warm.len() / 2]),
        secs(warm[warm.len() - 1])
    );
    if std::env::var_os("TK_BENCH_KEEP").is_some() {
        eprintln!("kept {}", temp.keep().display());
    }
}

/// Returns the 1,000 messages in arrival order.
fn mails(shorts: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(MAILS);
    let mut threads = Vec::new();
    let mut tagged = 0usize;
    for n in 0..MAILS {
        let at = START + n as i64 * 7;
        let date = chrono::DateTime::from_timestamp(at, 0)
            .expect("a valid time")
            .to_rfc2822();
        let user = n % 150;
        let from = format!("User {user} <user{user}@corp.example>");
        let mail = match n % 5 {
            0..=2 => {
                let i = threads.len();
                threads.push(from.clone());
                new_thread(i, &from, &date)
            }
            3 | 4 if n % 10 == 9 && tagged < 100 => {
                tagged += 1;
                // One of the open tenth of the desk (a reply to a closed
                // ticket would open a follow-up instead).
                let short = &shorts[((n * 37) % (shorts.len() / 10)) * 10];
                format!(
                    "From: {from}\r\nTo: Help Desk <helpdesk@corp.example>\r\n\
                     Subject: Re: [tk:{short}] VPN drops every 10 minutes\r\nDate: {date}\r\n\
                     Message-ID: <tagged-{n}@mail.corp.example>\r\nMIME-Version: 1.0\r\n\
                     Content-Type: text/plain; charset=UTF-8\r\n\r\n\
                     Still happening this morning, on floor {}.\r\n",
                    n % 7
                )
            }
            _ => {
                // The requester answers in their own thread.
                let thread = (n * 31) % threads.len();
                reply(n, thread, &threads[thread], &date)
            }
        };
        out.push(mail);
    }
    out
}

fn new_thread(i: usize, from: &str, date: &str) -> String {
    let text = format!(
        "Hello,\r\n\r\nsince this morning the printer on floor {} jams on every second \
         page (request {i}). I tried another tray and turned it off and on again; the \
         display says E-{:03}.\r\n\r\nThanks,\r\n{from}\r\n",
        i % 7,
        i % 997
    );
    let head = format!(
        "From: {from}\r\nTo: Help Desk <helpdesk@corp.example>\r\n\
         Subject: Printer {i} jams on floor {}\r\nDate: {date}\r\n\
         Message-ID: <new-{i}@mail.corp.example>\r\nMIME-Version: 1.0\r\n",
        i % 7
    );
    if i % 3 == 0 {
        let html = text.replace("\r\n", "<br>\r\n");
        format!(
            "{head}Content-Type: multipart/alternative; boundary=\"b{i}\"\r\n\r\n\
             --b{i}\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n{text}\r\n\
             --b{i}\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n\
             <html><body><p>{html}</p></body></html>\r\n--b{i}--\r\n"
        )
    } else {
        format!("{head}Content-Type: text/plain; charset=UTF-8\r\n\r\n{text}")
    }
}

fn reply(n: usize, thread: usize, from: &str, date: &str) -> String {
    format!(
        "From: {from}\r\nTo: Help Desk <helpdesk@corp.example>\r\n\
         Subject: Re: Printer {thread} jams on floor {}\r\nDate: {date}\r\n\
         Message-ID: <reply-{n}@mail.gmail.com>\r\n\
         In-Reply-To: <new-{thread}@mail.corp.example>\r\n\
         References: <new-{thread}@mail.corp.example>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=UTF-8\r\n\r\n\
         It jammed again just now, three times in a row.\r\n\r\n\
         On Mon, 2 Mar 2026 at 09:00, {from} wrote:\r\n\
         > Hello,\r\n>\r\n> since this morning the printer jams on every second page.\r\n",
        thread % 7
    )
}

/// Writes the messages into a fresh Maildir's `new/`, named so that they
/// sort in arrival order.
fn write_maildir(dir: &Path, mails: &[String]) {
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(dir.join(sub)).expect("can create a Maildir");
    }
    for (n, mail) in mails.iter().enumerate() {
        let name = format!("{}.M{n:06}.bench", START + n as i64);
        std::fs::write(dir.join("new").join(name), mail).expect("can write a message");
    }
}

/// Returns the base tickets, each as if it had come in by mail and been
/// answered: created with a requester, the `received` mail, a public team
/// comment, and for nine in ten a resolution and a close; every mail the
/// desk owed for them is recorded as sent, so the closed history owes
/// nothing (what `tk mail outbox` must not pay for).
fn base_tickets() -> Vec<Ticket> {
    let mut ids = IdGenerator::from_seed(1 << 40);
    let team = "Test User <test.user@example.com>".to_string();
    (0..TICKETS)
        .map(|n| {
            let at = Timestamp::from_unix(START - 86_400 + n as i64);
            let email = format!("user{}@corp.example", n % 150);
            let requester = format!("User {} <{email}>", n % 150);
            let event = |ids: &mut IdGenerator, by: &str, action: Action| Event {
                id: ids.event_id(),
                clock: 0,
                at,
                by: by.to_string(),
                action,
            };
            let mut create = event(
                &mut ids,
                &requester,
                Action::Create(Changes {
                    title: Some(format!("Ticket {n}: VPN drops every 10 minutes")),
                    description: Some(
                        "Since Monday the VPN drops every ten minutes on floor 2.".to_string(),
                    ),
                    requester: Some(requester.clone()),
                    ..Changes::default()
                }),
            );
            create.clock = 1;
            let mut told = vec![create.id.clone()];
            let mut ticket = Ticket::create(ids.ticket_id(), create).expect("a create replays");
            let record = |ticket: &mut Ticket, event: Event| {
                ticket.record(event).expect("the lifecycle allows it");
            };
            let received = Action::Received {
                message_id: format!("base-{n}@mail.corp.example"),
                date: Some(at),
            };
            record(&mut ticket, event(&mut ids, &requester, received));
            let mut steps = vec![Action::Comment {
                body: "Looking into it.".to_string(),
                internal: false,
            }];
            if n % 10 != 0 {
                steps.push(Action::Resolve {
                    summary: "New VPN profile pushed; reconnect once.".to_string(),
                });
                steps.push(Action::Close {
                    reason: None,
                    note: None,
                });
            }
            for action in steps {
                let step = event(&mut ids, &team, action);
                told.push(step.id.clone());
                record(&mut ticket, step);
            }
            for about in told {
                let mailed = Action::Mailed {
                    message_id: format!("tk.{}.{about}@corp.example", ticket.id()),
                    to: email.clone(),
                    about,
                };
                record(&mut ticket, event(&mut ids, &team, mailed));
            }
            ticket
        })
        .collect()
}
