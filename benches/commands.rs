//! Whole-command benchmarks at 1,000, 10,000 and 100,000 tickets.
//!
//! Run with `cargo bench --bench commands`. Each size gets a fresh
//! repository built directly with the library (the model for tickets, the
//! codec for their bytes, git2 for blobs, sharded trees, one commit and the
//! tickets ref), so setting up 100,000 tickets takes seconds, not the hours
//! that 100,000 `tk new` runs would. Then the release `tk` binary is timed
//! as a user runs it: one process per command, start to exit.
//!
//! Settings, all optional:
//!
//! - `TK_BENCH_SIZES`: comma-separated ticket counts (default
//!   `1000,10000,100000`).
//! - `TK_BENCH_RUNS`: timed runs per command (default 20; at most 5 for
//!   the cold-cache list and at 100,000 tickets, where one run takes long).
//! - `TK_BENCH_LOOSE=1`: write the built objects as loose files instead of
//!   one pack (a clone or `git gc` packs them, so a pack is what a team
//!   has).
//! - `TK_BENCH_KEEP=1`: keep the repositories and print where they are.
//!
//! Prints a Markdown table on stdout; progress goes to stderr. There are no
//! assertions on times: performance is read from this table, not tested.

use git2::{FileMode, Repository, Signature};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tk::codec;
use tk::model::{
    Action, Changes, CloseReason, Event, IdGenerator, Level, Ticket, TicketId, TicketType,
    Timestamp,
};

/// The release binary under `cargo bench` (the bench profile inherits
/// `release`); a debug binary would make every number meaningless.
const TK: &str = env!("CARGO_BIN_EXE_tk");

/// The clock every command sees, so ages and events are reproducible.
const NOW: &str = "2026-11-22T12:00:00Z";

/// When the generated tickets were created: one per minute up to `NOW`.
const NOW_UNIX: i64 = 1_795_348_800;

const PEOPLE: [&str; 4] = [
    "Ana Lima <ana@example.com>",
    "Bo Chen <bo@example.com>",
    "Carla Diaz <carla@example.com>",
    "Dev Patel <dev@example.com>",
];

fn main() {
    let sizes = env_list("TK_BENCH_SIZES", &[1_000, 10_000, 100_000]);
    let runs = env_list("TK_BENCH_RUNS", &[20])[0].max(1);
    let loose = std::env::var("TK_BENCH_LOOSE").is_ok_and(|v| v == "1");
    let keep = std::env::var("TK_BENCH_KEEP").is_ok_and(|v| v == "1");
    if !TK.contains("release") {
        eprintln!("warning: {TK} is not a release build; run `cargo bench --bench commands`");
    }
    let mut rows = Vec::new();
    for &size in &sizes {
        let dir = tempfile::Builder::new()
            .prefix("tk-bench-")
            .tempdir()
            .expect("a temporary directory can be created");
        let bench = Bench::build(dir.path(), size, loose);
        let runs = if size >= 100_000 { runs.min(5) } else { runs };
        rows.extend(bench.measure(runs));
        if keep {
            eprintln!("kept {}", dir.keep().display());
        }
    }
    println!("| tickets | command | case | runs | median | p90 |");
    println!("|--------:|---------|------|-----:|-------:|----:|");
    for row in rows {
        println!(
            "| {} | `{}` | {} | {} | {} | {} |",
            thousands(row.size),
            row.command,
            row.case,
            row.samples.len(),
            millis(percentile(&row.samples, 50)),
            millis(percentile(&row.samples, 90)),
        );
    }
}

/// One benchmarked repository.
struct Bench {
    size: usize,
    repo: PathBuf,
    home: PathBuf,
    ids: Vec<TicketId>,
}

/// The timings of one command at one size.
struct Row {
    size: usize,
    command: String,
    case: String,
    samples: Vec<Duration>,
}

impl Bench {
    /// Builds a repository with `size` tickets on the tickets ref.
    ///
    /// Objects go to an in-memory backend and then into one pack file, as a
    /// clone would have them; with `loose` they are written one file each.
    fn build(root: &Path, size: usize, loose: bool) -> Bench {
        let started = Instant::now();
        let repo_dir = root.join("repo");
        let home = root.join("home");
        std::fs::create_dir_all(&home).expect("home can be created");
        let repo = Repository::init(&repo_dir).expect("git init works");
        let mut config = repo.config().expect("the repository has a config");
        config.set_str("user.name", "Bench").expect("config");
        config
            .set_str("user.email", "bench@example.com")
            .expect("config");
        let odb = repo.odb().expect("the repository has an object database");
        let mempack = (!loose).then(|| {
            odb.add_new_mempack_backend(1000)
                .expect("a mempack backend can be added")
        });

        let mut ids = IdGenerator::from_seed(size as u64);
        let mut shards: BTreeMap<String, Vec<(String, git2::Oid)>> = BTreeMap::new();
        let mut ticket_ids = Vec::with_capacity(size);
        for n in 0..size {
            let ticket = ticket(&mut ids, n, size);
            let blob = repo
                .blob(codec::encode(&ticket).as_bytes())
                .expect("a blob can be written");
            let id = ticket.id().clone();
            shards
                .entry(id.shard().to_string())
                .or_default()
                .push((format!("{id}.toml"), blob));
            ticket_ids.push(id);
        }
        let mut tickets = repo.treebuilder(None).expect("treebuilder");
        for (shard, files) in &shards {
            let mut builder = repo.treebuilder(None).expect("treebuilder");
            for (name, blob) in files {
                builder
                    .insert(name, *blob, FileMode::Blob.into())
                    .expect("insert");
            }
            let tree = builder.write().expect("a shard tree can be written");
            tickets
                .insert(shard, tree, FileMode::Tree.into())
                .expect("insert");
        }
        let tickets = tickets.write().expect("the tickets tree can be written");
        let config_blob = repo
            .blob(b"# tk team configuration, shared by everyone through the tickets ref.\nschema = 1\n")
            .expect("tk.toml");
        let mut top = repo.treebuilder(None).expect("treebuilder");
        top.insert(tk::store::CONFIG_FILE, config_blob, FileMode::Blob.into())
            .expect("insert");
        top.insert("tickets", tickets, FileMode::Tree.into())
            .expect("insert");
        let tree = repo
            .find_tree(top.write().expect("the root tree can be written"))
            .expect("tree");
        let who = Signature::new("Bench", "bench@example.com", &git2::Time::new(NOW_UNIX, 0))
            .expect("signature");
        let message = format!("tk: import {size} tickets\n\nTk-Action: import\n");
        let commit = repo
            .commit(None, &who, &who, &message, &tree, &[])
            .expect("the commit can be written");
        if let Some(mempack) = &mempack {
            let mut pack = git2::Buf::new();
            mempack.dump(&repo, &mut pack).expect("the objects pack");
            let mut writer = odb.packwriter().expect("a pack can be written");
            writer.write_all(&pack).expect("the pack is written");
            writer.commit().expect("the pack is indexed");
        }
        repo.reference(tk::store::DEFAULT_REF, commit, true, "bench")
            .expect("the tickets ref can be set");
        eprintln!(
            "{} tickets: built in {:.1} s ({})",
            thousands(size),
            started.elapsed().as_secs_f64(),
            if loose { "loose objects" } else { "one pack" },
        );
        Bench {
            size,
            repo: repo_dir,
            home,
            ids: ticket_ids,
        }
    }

    /// Times each command `runs` times.
    fn measure(&self, runs: usize) -> Vec<Row> {
        let mut rows = Vec::new();
        let cache = self.repo.join(".git").join("tk");

        let cold_runs = runs.min(5);
        let mut cold = Vec::new();
        for _ in 0..cold_runs {
            let _ = std::fs::remove_dir_all(&cache);
            cold.push(self.time(&["list"]));
        }
        rows.push(self.row("tk list", "cold cache", cold));
        let list = |_| vec!["list".to_string()];
        rows.push(self.row("tk list", "warm cache", self.times(runs, list)));
        let list_all = |_| vec!["list".to_string(), "--all".to_string()];
        rows.push(self.row("tk list --all", "warm cache", self.times(runs, list_all)));
        let show = |n| vec!["show".to_string(), self.pick(n)];
        rows.push(self.row("tk show ID", "", self.times(runs, show)));
        let comment = |n| {
            let text = format!("Bench comment {n}");
            vec![
                "comment".to_string(),
                self.pick(n + runs),
                "-m".into(),
                text,
            ]
        };
        rows.push(self.row("tk comment ID -m TEXT", "", self.times(runs, comment)));
        // The everyday case: someone wrote since the last list, so one
        // shard's cache entry is stale. The write itself is not timed.
        let after_write = (0..runs)
            .map(|n| {
                let id = self.pick(n + 2 * runs);
                self.time(&["comment", &id, "-m", "Untimed write"]);
                self.time(&["list"])
            })
            .collect();
        rows.push(self.row("tk list", "after a write (one shard stale)", after_write));
        let new = |n| vec!["new".to_string(), format!("Bench ticket {n}")];
        rows.push(self.row("tk new TITLE", "", self.times(runs, new)));
        rows
    }

    /// Returns the id prefix of a ticket spread over the set.
    fn pick(&self, n: usize) -> String {
        let id = &self.ids[(n * 7919) % self.ids.len()];
        id.as_str()[..10].to_string()
    }

    /// Times `runs` runs of the command that `args` gives for run `n`.
    fn times(&self, runs: usize, args: impl Fn(usize) -> Vec<String>) -> Vec<Duration> {
        (0..runs)
            .map(|n| {
                let args = args(n);
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                self.time(&args)
            })
            .collect()
    }

    fn row(&self, command: &str, case: &str, samples: Vec<Duration>) -> Row {
        let median = millis(percentile(&samples, 50));
        eprintln!("  {command} {case}: median {median}");
        Row {
            size: self.size,
            command: command.to_string(),
            case: case.to_string(),
            samples,
        }
    }

    /// Runs tk once with output discarded and returns how long it took.
    fn time(&self, args: &[&str]) -> Duration {
        let mut command = Command::new(TK);
        command
            .args(args)
            .current_dir(&self.repo)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Bench")
            .env("GIT_AUTHOR_EMAIL", "bench@example.com")
            .env("GIT_COMMITTER_NAME", "Bench")
            .env("GIT_COMMITTER_EMAIL", "bench@example.com")
            .env("TK_NOW", NOW)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let started = Instant::now();
        let output = command.output().expect("tk runs");
        let elapsed = started.elapsed();
        assert!(
            output.status.success(),
            "tk {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        elapsed
    }
}

/// Returns ticket number `n` of `size`: created, assigned and commented,
/// then taken to a status so that the set is a plausible mix (most
/// tickets of a long-lived team are closed).
fn ticket(ids: &mut IdGenerator, n: usize, size: usize) -> Ticket {
    let requester = PEOPLE[n % PEOPLE.len()];
    let agent = PEOPLE[(n + 1) % PEOPLE.len()];
    let agent_email = tk::model::email_of(agent).to_string();
    let types = TicketType::ALL;
    let levels = Level::ALL;
    let created = NOW_UNIX - 60 * (size - n) as i64;
    let mut at = created;
    let mut event = |ids: &mut IdGenerator, by: &str, action: Action| {
        let event = Event {
            id: ids.event_id(),
            clock: 0,
            at: Timestamp::from_unix(at),
            by: by.to_string(),
            action,
        };
        at += 30;
        event
    };
    let changes = Changes {
        title: Some(format!("Ticket {n}: printer on floor {} jams", n % 9)),
        ticket_type: Some(types[n % types.len()].clone()),
        impact: Some(levels[n % 3]),
        urgency: Some(levels[(n / 3) % 3]),
        category: Some(["network", "hardware", "access", "email"][n % 4].to_string()),
        tags: Some(vec![format!("site-{}", n % 5)]),
        description: Some(format!(
            "Reported by phone.\nThe device shows error E{n:04} since this morning."
        )),
        requester: Some(requester.to_string()),
        ..Changes::default()
    };
    let id = ids.ticket_id();
    let create = event(ids, requester, Action::Create(changes));
    let mut ticket = Ticket::create(id, create).expect("a create event makes a ticket");
    let mut record = |ids: &mut IdGenerator, by: &str, action: Action| {
        let e = event(ids, by, action);
        ticket.record(e).expect("the bench follows the lifecycle");
    };
    record(
        ids,
        agent,
        Action::Assign {
            assignee: agent_email,
        },
    );
    record(
        ids,
        agent,
        Action::Comment {
            body: "Looking into it; can you send a photo of the display?".into(),
            internal: false,
        },
    );
    match n % 10 {
        0..=5 => {
            record(ids, agent, Action::Start);
            record(
                ids,
                agent,
                Action::Resolve {
                    summary: "Replaced the fuser unit.".into(),
                },
            );
            record(
                ids,
                requester,
                Action::Rate {
                    score: (n % 5 + 1) as u8,
                    comment: None,
                    on_behalf: false,
                },
            );
            record(
                ids,
                agent,
                Action::Close {
                    reason: None,
                    note: None,
                },
            );
        }
        6 => record(
            ids,
            agent,
            Action::Close {
                reason: Some(CloseReason::Duplicate),
                note: None,
            },
        ),
        7 => record(ids, agent, Action::Start),
        8 => record(
            ids,
            agent,
            Action::Wait {
                reason: Some("Waiting for the spare part".into()),
            },
        ),
        _ => {}
    }
    ticket
}

fn env_list(name: &str, default: &[usize]) -> Vec<usize> {
    match std::env::var(name) {
        Ok(text) if !text.trim().is_empty() => text
            .split(',')
            .map(|n| {
                n.trim()
                    .replace('_', "")
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}: `{n}` is not a number"))
            })
            .collect(),
        _ => default.to_vec(),
    }
}

/// Returns the nearest-rank percentile `p` of the samples.
fn percentile(samples: &[Duration], p: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn millis(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 100.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
