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
//! - `TK_BENCH_FOSSIL=0`: skip Fossil even when it is installed.
//!
//! When `fossil` is on `PATH`, each size is also built as a Fossil
//! repository holding the same tickets (two ticket-change artifacts per
//! ticket, its creation with its final status and its comment, loaded with
//! `fossil reconstruct`), and every operation is timed in pairs, tk then
//! Fossil, then Fossil then tk, alternating, so both see the same machine
//! load. The table then adds Fossil's median and the median of the pair
//! ratios tk/Fossil.
//!
//! Prints a Markdown table on stdout, then a second one with the CPU time
//! (user + sys, from `getrusage` of the reaped child) of the same runs, so
//! that a row's wall time can be told apart from what its process
//! computed; progress goes to stderr. There are no assertions on times:
//! performance is read from these tables, not tested.

use git2::{FileMode, Repository, Signature};
use std::cell::Cell;
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
    let fossil = std::env::var("TK_BENCH_FOSSIL").map_or(true, |v| v != "0")
        && Command::new("fossil")
            .arg("version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    let mut rows = Vec::new();
    // Every size's files stay until all sizes are timed: removing a size's
    // thousands of files made the next size's writes pay for it (see
    // `Fossil::remove_artifacts`).
    let mut measured = Vec::new();
    for &size in &sizes {
        let dir = tempfile::Builder::new()
            .prefix("tk-bench-")
            .tempdir()
            .expect("a temporary directory can be created");
        let mut bench = Bench::build(dir.path(), size, loose);
        if fossil {
            bench.fossil = Some(Fossil::build(dir.path(), &bench));
        }
        let runs = if size >= 100_000 { runs.min(5) } else { runs };
        rows.extend(bench.measure(runs));
        measured.push((dir, bench));
    }
    if fossil {
        println!("| tickets | operation | case | runs | tk median | tk p90 | Fossil median | tk/Fossil |");
        println!("|--------:|-----------|------|-----:|----------:|-------:|--------------:|----------:|");
    } else {
        println!("| tickets | command | case | runs | median | p90 |");
        println!("|--------:|---------|------|-----:|-------:|----:|");
    }
    for row in &rows {
        let mut line = format!(
            "| {} | `{}` | {} | {} | {} | {} |",
            thousands(row.size),
            row.command,
            row.case,
            row.samples.len(),
            millis(percentile(&row.samples, 50)),
            millis(percentile(&row.samples, 90)),
        );
        if fossil {
            line.push_str(&versus(&row.samples, row.fossil.as_deref()));
        }
        println!("{line}");
    }
    println!();
    if fossil {
        println!("| tickets | operation | case | tk CPU median | tk CPU p90 | Fossil CPU median | tk/Fossil CPU |");
        println!("|--------:|-----------|------|--------------:|-----------:|------------------:|--------------:|");
    } else {
        println!("| tickets | command | case | CPU median | CPU p90 |");
        println!("|--------:|---------|------|-----------:|--------:|");
    }
    for row in &rows {
        let mut line = format!(
            "| {} | `{}` | {} | {} | {} |",
            thousands(row.size),
            row.command,
            row.case,
            millis(percentile(&row.cpu, 50)),
            millis(percentile(&row.cpu, 90)),
        );
        if fossil {
            line.push_str(&versus(&row.cpu, row.fossil_cpu.as_deref()));
        }
        println!("{line}");
    }
    for (dir, bench) in measured {
        if let Some(fossil) = &bench.fossil {
            fossil.remove_artifacts();
        }
        if keep {
            eprintln!("kept {}", dir.keep().display());
        }
    }
}

/// Returns a row's Fossil cells: Fossil's median and the median of the
/// pair ratios tk/Fossil of `tk` against `fossil`, run by run; empty cells
/// for an operation Fossil has no counterpart of.
fn versus(tk: &[Duration], fossil: Option<&[Duration]>) -> String {
    let Some(fossil) = fossil else {
        return " | |".to_string();
    };
    let ratios: Vec<f64> = tk
        .iter()
        .zip(fossil)
        .map(|(t, f)| t.as_secs_f64() / f.as_secs_f64().max(1e-6))
        .collect();
    format!(
        " {} | {:.2} |",
        millis(percentile(fossil, 50)),
        median(&ratios)
    )
}

thread_local! {
    /// The CPU time of the last command run by `Bench::time` or
    /// `Fossil::time`.
    static LAST_CPU: Cell<Duration> = const { Cell::new(Duration::ZERO) };
}

/// Returns the CPU time (user + sys) of every child process reaped so far
/// (and of their reaped descendants).
fn children_cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole `rusage` into the pointer it is
    // given, which points at one; the zeroed value is valid either way.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Returns the CPU time of the last command timed.
fn last_cpu() -> Duration {
    LAST_CPU.with(Cell::get)
}

/// Runs `command` to its end and returns its output, its wall time and
/// (in `LAST_CPU`) its CPU time.
fn run(command: &mut Command) -> (std::process::Output, Duration) {
    let cpu = children_cpu();
    let started = Instant::now();
    let output = command.output().expect("the command runs");
    let elapsed = started.elapsed();
    LAST_CPU.with(|last| last.set(children_cpu().saturating_sub(cpu)));
    (output, elapsed)
}

/// Returns the median of `values`.
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// One benchmarked repository.
struct Bench {
    size: usize,
    repo: PathBuf,
    home: PathBuf,
    ids: Vec<TicketId>,
    fossil: Option<Fossil>,
}

/// The same tickets in a Fossil repository.
struct Fossil {
    repo: PathBuf,
    home: PathBuf,
    /// The artifact files `fossil reconstruct` read, removed only after
    /// every size is measured (see [`Fossil::remove_artifacts`]).
    artifacts: PathBuf,
}

/// The Fossil ticket uuid of a tk ticket: its id in hex, padded to 40.
fn fossil_uuid(id: &TicketId) -> String {
    let hex: String = id.as_str().bytes().map(|b| format!("{b:02x}")).collect();
    format!("{hex:0<40}")
}

/// Escapes a value for a Fossil J card.
fn fossil_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(' ', "\\s")
        .replace('\n', "\\n")
}

/// Returns a ticket-change artifact: the cards, then the Z card with the
/// MD5 of everything before it.
fn fossil_artifact(cards: &[String]) -> String {
    let mut body: String = cards.iter().map(|c| format!("{c}\n")).collect();
    let sum = md5::compute(body.as_bytes());
    body.push_str(&format!("Z {sum:x}\n"));
    body
}

impl Fossil {
    /// Writes two artifacts per ticket of `bench` and runs `fossil
    /// reconstruct` on them.
    fn build(root: &Path, bench: &Bench) -> Fossil {
        let started = Instant::now();
        let artifacts = root.join("fossil-artifacts");
        let home = root.join("fossil-home");
        std::fs::create_dir_all(&home).expect("fossil home can be created");
        let mut ids = IdGenerator::from_seed(bench.size as u64);
        for n in 0..bench.size {
            let ticket = ticket(&mut ids, n, bench.size);
            let state = ticket.state();
            let dir = artifacts.join(format!("{:03}", n % 256));
            std::fs::create_dir_all(&dir).expect("artifact dir");
            let uuid = fossil_uuid(ticket.id());
            let date = |at: Timestamp| format!("D {}", at.to_utc().format("%Y-%m-%dT%H:%M:%S%.3f"));
            let status = if state.status.is_open() {
                "Open"
            } else {
                "Closed"
            };
            let mut cards = vec![
                date(state.created),
                format!(
                    "J comment {}",
                    fossil_escape(state.description.as_deref().unwrap_or(""))
                ),
                format!("J priority {}", fossil_escape(state.priority.as_str())),
                format!("J status {status}"),
                format!(
                    "J subsystem {}",
                    fossil_escape(state.category.as_deref().unwrap_or(""))
                ),
                format!("J title {}", fossil_escape(&state.title)),
                format!("J type {}", fossil_escape(state.ticket_type.as_str())),
                format!("K {uuid}"),
                "U bench".to_string(),
            ];
            std::fs::write(dir.join(format!("{n}-a")), fossil_artifact(&cards)).expect("artifact");
            let comment = ticket.comments().next().map_or("", |c| c.body);
            cards = vec![
                date(Timestamp::from_unix(state.created.unix() + 60)),
                format!("J +comment {}", fossil_escape(&format!("\n\n{comment}"))),
                format!("K {uuid}"),
                "U bench".to_string(),
            ];
            std::fs::write(dir.join(format!("{n}-b")), fossil_artifact(&cards)).expect("artifact");
        }
        let repo = root.join("bench.fossil");
        let output = Command::new("fossil")
            .arg("reconstruct")
            .arg(&repo)
            .arg(&artifacts)
            .env("USER", "bench")
            .env("HOME", &home)
            .output()
            .expect("fossil runs");
        assert!(
            output.status.success(),
            "fossil reconstruct failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        eprintln!(
            "{} tickets: Fossil repository built in {:.1} s",
            thousands(bench.size),
            started.elapsed().as_secs_f64(),
        );
        Fossil {
            repo,
            home,
            artifacts,
        }
    }

    /// Removes the artifact files, once every size is timed.
    ///
    /// Removing 20,000 files (200,000 at 100,000 tickets) right before the
    /// timed runs made every file that a timed write created cost kernel
    /// CPU for minutes after: on ext4 without a journal (this machine's),
    /// allocating an inode skips each recently freed inode of its group,
    /// one buffer lookup each (`recently_deleted` in `find_inode_bit`), and
    /// a tk write creates six to eleven files (five objects, their
    /// directories when new, the ref's lock) where Fossil's creates one.
    /// Both tools then paid for Fossil's setup; now neither does.
    fn remove_artifacts(&self) {
        let _ = std::fs::remove_dir_all(&self.artifacts);
    }

    /// Runs fossil once with output discarded and returns how long it took.
    fn time(&self, args: &[String]) -> Duration {
        let mut command = Command::new("fossil");
        command
            .args(args)
            .arg("-R")
            .arg(&self.repo)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("USER", "bench")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let (output, elapsed) = run(&mut command);
        assert!(
            output.status.success(),
            "fossil {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        elapsed
    }
}

/// Fossil's open tickets as one JSON array, the counterpart of `tk list
/// --json`.
const FOSSIL_LIST_JSON: &str = "SELECT json_group_array(json_object('uuid', tkt_uuid, \
    'title', title, 'type', type, 'status', status, 'priority', priority, \
    'subsystem', subsystem, 'mtime', tkt_mtime, 'comment', comment)) \
    FROM ticket WHERE status <> 'Closed'";

/// The timings of one command at one size.
struct Row {
    size: usize,
    command: String,
    case: String,
    samples: Vec<Duration>,
    /// Fossil's timings of the same operation, paired run by run.
    fossil: Option<Vec<Duration>>,
    /// The CPU time of each of `samples`.
    cpu: Vec<Duration>,
    /// The CPU time of each of `fossil`.
    fossil_cpu: Option<Vec<Duration>>,
}

/// Arguments for run `n` of an operation.
type Args<'a> = &'a dyn Fn(usize) -> Vec<String>;

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
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
        foreground_maintenance(&mut config);
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
            fossil: None,
        }
    }

    /// Times each operation `runs` times, paired with Fossil when there.
    fn measure(&self, runs: usize) -> Vec<Row> {
        let mut rows = Vec::new();
        let cache = self.repo.join(".git").join("tk");
        let none = |_: usize| {};
        let fossil_list = |_: usize| strings(&["ticket", "show", "1", "status <> 'Closed'"]);

        let cold_runs = runs.min(5);
        let drop_cache = |_: usize| {
            let _ = std::fs::remove_dir_all(&cache);
        };
        let list = |_: usize| strings(&["list"]);
        rows.push(self.pair(
            "tk list",
            "cold cache",
            cold_runs,
            &drop_cache,
            &list,
            Some(&fossil_list),
        ));
        rows.push(self.pair(
            "tk list",
            "warm cache",
            runs,
            &none,
            &list,
            Some(&fossil_list),
        ));
        let list_json = |_: usize| strings(&["list", "--json"]);
        let fossil_json = |_: usize| strings(&["sql", FOSSIL_LIST_JSON]);
        rows.push(self.pair(
            "tk list --json",
            "warm cache",
            runs,
            &none,
            &list_json,
            Some(&fossil_json),
        ));
        let list_all = |_: usize| strings(&["list", "--all"]);
        let fossil_all = |_: usize| strings(&["ticket", "show", "1"]);
        rows.push(self.pair(
            "tk list --all",
            "warm cache",
            runs,
            &none,
            &list_all,
            Some(&fossil_all),
        ));
        let show = |n: usize| vec!["show".to_string(), self.pick(n)];
        let fossil_show = |n: usize| {
            let uuid = fossil_uuid(&self.ids[self.index(n)]);
            vec![
                "ticket".into(),
                "show".into(),
                "0".into(),
                format!("tkt_uuid = '{uuid}'"),
            ]
        };
        rows.push(self.pair("tk show ID", "", runs, &none, &show, Some(&fossil_show)));
        let search = |n: usize| vec!["search".to_string(), format!("E{:04}", self.index(n))];
        let fossil_search = |n: usize| {
            let word = format!("E{:04}", self.index(n));
            vec![
                "sql".into(),
                format!(
                    "SELECT tkt_uuid, title FROM ticket WHERE status <> 'Closed' \
                     AND (title LIKE '%{word}%' OR comment LIKE '%{word}%')"
                ),
            ]
        };
        rows.push(self.pair(
            "tk search WORD",
            "vs LIKE",
            runs,
            &none,
            &search,
            Some(&fossil_search),
        ));
        let comment = |n: usize| {
            vec![
                "comment".to_string(),
                self.pick(n + runs),
                "-m".into(),
                format!("Bench comment {n}"),
            ]
        };
        let fossil_comment = |n: usize| {
            vec![
                "ticket".into(),
                "change".into(),
                fossil_uuid(&self.ids[self.index(n + runs)]),
                "+comment".into(),
                format!("Bench comment {n}"),
            ]
        };
        rows.push(self.pair(
            "tk comment ID -m TEXT",
            "",
            runs,
            &none,
            &comment,
            Some(&fossil_comment),
        ));
        // The everyday case: someone wrote since the last list, so one
        // bucket of the cache is stale. The write itself is not timed.
        let write = |n: usize| {
            self.time(&["comment", &self.pick(n + 2 * runs), "-m", "Untimed write"]);
            if let Some(fossil) = &self.fossil {
                fossil.time(&fossil_comment(n + 2 * runs));
            }
        };
        rows.push(self.pair(
            "tk list",
            "after a write",
            runs,
            &write,
            &list,
            Some(&fossil_list),
        ));
        // The other writes, before the cases that change 1,000 tickets:
        // those leave thousands of loose objects that the untimed `tk sync`
        // has git pack and delete, and on ext4 without a journal every file
        // created in the minutes after such a deletion costs kernel CPU
        // (see `Fossil::remove_artifacts`), which fell on the writes timed
        // after it (1,000 tickets) and not on the others.
        let resolve = |n: usize| {
            vec![
                "resolve".to_string(),
                self.pick_open(n),
                "-m".into(),
                "Fixed by the bench".into(),
            ]
        };
        let fossil_resolve = |n: usize| {
            vec![
                "ticket".into(),
                "change".into(),
                fossil_uuid(&self.ids[self.index_open(n)]),
                "status".into(),
                "Fixed".into(),
                "resolution".into(),
                "Fixed".into(),
            ]
        };
        rows.push(self.pair(
            "tk resolve ID -m TEXT",
            "",
            runs,
            &none,
            &resolve,
            Some(&fossil_resolve),
        ));
        let new = |n: usize| vec!["new".to_string(), format!("Bench ticket {n}")];
        let fossil_new = |n: usize| {
            vec![
                "ticket".into(),
                "add".into(),
                "title".into(),
                format!("Bench ticket {n}"),
                "status".into(),
                "Open".into(),
            ]
        };
        rows.push(self.pair("tk new TITLE", "", runs, &none, &new, Some(&fossil_new)));
        // A fetch that brought 1,000 changed tickets (committed here with
        // git2, untimed, as a fast-forward would leave the ref).
        let fetch = |n: usize| self.change_many(&self.repo, n, 1_000);
        rows.push(self.pair(
            "tk list",
            "after 1,000 changed",
            runs.min(5),
            &fetch,
            &list,
            None,
        ));
        // The same, brought by a real `tk sync` from a remote on a local
        // path: 1,000 tickets changed there (other ones each run), then an
        // untimed `tk sync` here fast-forwards to them.
        let remote = self.remote();
        let synced = |n: usize| {
            self.change_many(&remote, 100 + n, 1_000);
            self.time(&["sync"]);
        };
        rows.push(self.pair(
            "tk list",
            "after a tk sync of 1,000",
            runs.min(5),
            &synced,
            &list,
            None,
        ));
        rows
    }

    /// Times `runs` runs of an operation in tk and, when there, in Fossil,
    /// alternating which goes first; `prep` runs untimed before each pair.
    fn pair(
        &self,
        command: &str,
        case: &str,
        runs: usize,
        prep: &dyn Fn(usize),
        tk: Args<'_>,
        fossil: Option<Args<'_>>,
    ) -> Row {
        let mut samples = Vec::with_capacity(runs);
        let mut theirs = Vec::with_capacity(runs);
        let mut cpu = Vec::with_capacity(runs);
        let mut their_cpu = Vec::with_capacity(runs);
        let fossil = self.fossil.as_ref().zip(fossil);
        for n in 0..runs {
            prep(n);
            let args = tk(n);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let mut ours = || {
                samples.push(self.time(&args));
                cpu.push(last_cpu());
            };
            match fossil {
                Some((f, fargs)) if n % 2 == 1 => {
                    theirs.push(f.time(&fargs(n)));
                    their_cpu.push(last_cpu());
                    ours();
                }
                Some((f, fargs)) => {
                    ours();
                    theirs.push(f.time(&fargs(n)));
                    their_cpu.push(last_cpu());
                }
                None => ours(),
            }
        }
        let fossil_cpu = fossil.map(|_| their_cpu);
        let fossil = fossil.map(|_| theirs);
        let median = millis(percentile(&samples, 50));
        let median_cpu = millis(percentile(&cpu, 50));
        match (&fossil, &fossil_cpu) {
            (Some(f), Some(fc)) => eprintln!(
                "  {command} {case}: median {median} (CPU {median_cpu}), Fossil {} (CPU {})",
                millis(percentile(f, 50)),
                millis(percentile(fc, 50))
            ),
            _ => eprintln!("  {command} {case}: median {median} (CPU {median_cpu})"),
        }
        Row {
            size: self.size,
            command: command.to_string(),
            case: case.to_string(),
            samples,
            fossil,
            cpu,
            fossil_cpu,
        }
    }

    /// Makes a bare repository beside the bench's, adds it as the remote
    /// `origin` and publishes the tickets ref to it with an untimed
    /// `tk sync`; returns its path.
    fn remote(&self) -> PathBuf {
        let path = self
            .repo
            .parent()
            .expect("the repository is in the bench directory")
            .join("remote.git");
        let remote = Repository::init_bare(&path).expect("the remote can be created");
        foreground_maintenance(&mut remote.config().expect("the remote has a config"));
        let repo = Repository::open(&self.repo).expect("the bench repository opens");
        let url = path.to_str().expect("the temp path is UTF-8");
        repo.remote("origin", url).expect("the remote can be added");
        self.time(&["sync"]);
        path
    }

    /// Adds a comment to `count` tickets (a different set for each `run`)
    /// in one commit on the tickets ref of the repository at `dir`, without
    /// tk.
    fn change_many(&self, dir: &Path, run: usize, count: usize) {
        let repo = Repository::open(dir).expect("the bench repository opens");
        let tip = repo
            .find_reference(tk::store::DEFAULT_REF)
            .and_then(|r| r.peel_to_commit())
            .expect("the tickets ref points at a commit");
        let root = tip.tree().expect("the tip has a tree");
        let mut update = git2::build::TreeUpdateBuilder::new();
        let mut ids = IdGenerator::from_seed(run as u64 + 1);
        for k in 0..count.min(self.ids.len()) {
            let id = &self.ids[(run * count + k) % self.ids.len()];
            let path = codec::ticket_path(id);
            let entry = root.get_path(Path::new(&path)).expect("the ticket exists");
            let blob = repo.find_blob(entry.id()).expect("the blob exists");
            let text = std::str::from_utf8(blob.content()).expect("tickets are UTF-8");
            let mut ticket = codec::decode(text).expect("bench tickets decode").ticket;
            let event = Event {
                id: ids.event_id(),
                clock: ticket.next_clock(),
                at: Timestamp::from_unix(NOW_UNIX + run as i64),
                by: PEOPLE[0].to_string(),
                action: Action::Comment {
                    body: format!("Fetched change {run}"),
                    internal: false,
                },
            };
            ticket
                .record(event)
                .expect("a comment is allowed in every status");
            let new = repo
                .blob(codec::encode(&ticket).as_bytes())
                .expect("a blob can be written");
            update.upsert(path, new, FileMode::Blob);
        }
        let tree = update
            .create_updated(&repo, &root)
            .and_then(|oid| repo.find_tree(oid))
            .expect("the updated tree can be written");
        let who = Signature::new("Bench", "bench@example.com", &git2::Time::new(NOW_UNIX, 0))
            .expect("signature");
        repo.commit(
            Some(tk::store::DEFAULT_REF),
            &who,
            &who,
            "bench: 1,000 changed tickets",
            &tree,
            &[&tip],
        )
        .expect("the commit can be written");
    }

    /// Returns the index of a ticket spread over the set.
    fn index(&self, n: usize) -> usize {
        (n * 7919) % self.ids.len()
    }

    /// Returns the index of an in-progress ticket (every tenth, from 7).
    fn index_open(&self, n: usize) -> usize {
        let tenths = (self.ids.len() / 10).max(1);
        ((n * 7919) % tenths) * 10 + 7
    }

    /// Returns the id prefix of an in-progress ticket.
    fn pick_open(&self, n: usize) -> String {
        self.ids[self.index_open(n)].as_str()[..10].to_string()
    }

    /// Returns the id prefix of a ticket spread over the set.
    fn pick(&self, n: usize) -> String {
        self.ids[self.index(n)].as_str()[..10].to_string()
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
        let (output, elapsed) = run(&mut command);
        assert!(
            output.status.success(),
            "tk {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        elapsed
    }
}

/// Makes git's automatic maintenance run in the foreground of the git
/// command that starts it.
///
/// The untimed `tk sync` of the list cases runs `git fetch` and `git push`,
/// and after the 1,000-ticket changes of the cases before them (loose
/// objects written with git2) they start `git maintenance run --auto`: a
/// repack that git runs detached by default, and that went on in the
/// background while the next cases were timed (3.8 s of it at 1,000
/// tickets). In the foreground it is charged to the untimed sync that
/// caused it; the work is the same.
fn foreground_maintenance(config: &mut git2::Config) {
    config
        .set_bool("maintenance.autoDetach", false)
        .expect("config");
    config.set_bool("gc.autoDetach", false).expect("config");
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
