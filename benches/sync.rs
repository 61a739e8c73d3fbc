//! Benchmark of `tk sync` at 10,000 tickets with 1,000 divergent changes
//! on each of two clones (500 tickets changed on both sides).
//!
//! Run with `cargo bench --bench sync` (release build). Setup writes the
//! tickets with the library and git2 in seconds rather than running `tk`
//! 12,000 times. It then times, on the second clone:
//!
//! - `tk sync`, the whole command (the release binary): fetch from a
//!   remote that is a local path, merge, push;
//! - the merge alone: `Store::integrate` after a plain `git fetch`, and
//!   once more with its objects already stored, which leaves out the
//!   creation of its 1,000 or so loose object files;
//! - the transport alone: that `git fetch`, and a `git push` of the
//!   merge, with the options tk passes for a remote on a local path, for
//!   comparison.
//!
//! Besides wall time it reports the CPU time (user and system) of the
//! whole `tk sync` and `fossil sync`, every process of both ends included,
//! which a loaded machine disturbs less.
//!
//! When `fossil` is on `PATH` (and `TK_BENCH_FOSSIL` is not `0`), the same
//! work is built in Fossil (see [`Fossil`]) and each `tk sync` is paired
//! with a `fossil sync`, the pair's order alternating run by run; the table
//! adds Fossil's times and the pair ratios.
//!
//! Each run starts from a fresh copy of the clone and the remote, so no
//! run finds the objects an earlier one wrote. `TK_BENCH_RUNS` sets the
//! number of runs (default 5); `TK_BENCH_KEEP=1` keeps the temp dir.
//! Prints a Markdown table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use git2::{Oid, Repository};
#[path = "fixture/mod.rs"]
mod fixture;

use fixture::{commit_files, in_pack, write_files, REF};
use tk::model::{Action, Changes, Event, IdGenerator, Ticket, TicketId, Timestamp};

const TICKETS: usize = 10_000;
const CHANGES: usize = 1_000;
/// Clone B changes tickets `OVERLAP..OVERLAP + CHANGES`, clone A
/// `0..CHANGES`: the tickets in between changed on both sides.
const OVERLAP: usize = 500;
const TRACKING: &str = "refs/remotes/origin/tk/tickets";
const START: i64 = 1_772_442_000; // 2026-03-02T09:00:00Z

fn main() {
    let runs: usize = std::env::var("TK_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let temp = tempfile::Builder::new()
        .prefix("tk-bench-sync-")
        .tempdir()
        .expect("can create a temp dir");
    let root = temp.path();
    let bench = Bench::new(root);

    let started = Instant::now();
    let remote = root.join("remote.git");
    let repo = Repository::init_bare(&remote).expect("can init the remote");
    let mut tickets = base_tickets();
    let files = in_pack(&repo, |repo| {
        let files = write_files(repo, &tickets, BTreeMap::new());
        commit_files(repo, &files, &[], "Import tickets", START);
        files
    });
    drop(repo);
    let (a, b) = (root.join("a"), root.join("b"));
    for (dir, name) in [(&a, "Alice"), (&b, "Bob")] {
        bench.clone(&remote, dir, name);
    }
    // Alice's changes reach Bob as a pack, the way a fetch brings them.
    // Bob's own are loose objects, the way 1,000 tk commands leave them
    // until `git gc`: reading those is the slower case.
    let mut alices = tickets.clone();
    diverge(&a, &mut alices, &files, 0, 1, "Alice", Objects::Packed);
    diverge(&b, &mut tickets, &files, OVERLAP, 2, "Bob", Objects::Loose);
    bench.git(&a, &["push", "-q", "origin", "tk/tickets"]);
    eprintln!(
        "setup: {TICKETS} tickets, {CHANGES} changes per clone ({} on both), in {:.1} s",
        CHANGES - OVERLAP,
        started.elapsed().as_secs_f64()
    );

    // Every run works on a fresh copy of Bob's clone and the remote, so
    // none finds the objects an earlier run's merge wrote.
    let fresh = |run: &str| -> PathBuf {
        let dir = root.join(run);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).expect("can create a run dir");
        let (b_copy, remote_copy) = (dir.join("b"), dir.join("remote.git"));
        for (from, to) in [(&b, &b_copy), (&remote, &remote_copy)] {
            let status = Command::new("cp")
                .arg("-a")
                .arg(from)
                .arg(to)
                .status()
                .expect("can run cp");
            assert!(status.success(), "cp -a {} failed", from.display());
        }
        let url = remote_copy.to_str().expect("the temp path is UTF-8");
        bench.git(&b_copy, &["remote", "set-url", "origin", url]);
        b_copy
    };
    // The transport alone, with the options tk passes for a remote on a
    // local path (see `tk::sync::transport`).
    let fetch_into = |dir: &Path| {
        let refspec = format!("+{REF}:{TRACKING}");
        let upload = "--upload-pack=git -c pack.window=0 upload-pack";
        bench.git(
            dir,
            &["fetch", "-q", "--no-tags", upload, "origin", &refspec],
        );
    };
    let integrate = |dir: &Path| -> Duration {
        let store = tk::store::Store::discover(dir).expect("clone b is a repository");
        let who = store.identities().expect("clone b has an identity");
        let remote = store
            .resolve_remote(None)
            .expect("can list remotes")
            .expect("origin exists");
        let now = Timestamp::from_unix(START + 3 * 3600);
        let started = Instant::now();
        let outcome = store
            .integrate(&remote, &who, now)
            .expect("the merge works");
        let took = started.elapsed();
        assert!(
            matches!(outcome, tk::store::Integration::Merged { .. }),
            "{outcome:?}"
        );
        took
    };

    let fossil = Fossil::wanted().then(|| Fossil::build(root, &base_tickets()));

    let mut whole = Vec::new();
    let mut fossil_whole = Vec::new();
    let mut ratios = Vec::new();
    let mut fetch = Vec::new();
    let mut merge = Vec::new();
    let mut push = Vec::new();
    let mut remerge = Vec::new();
    let mut cpu = Vec::new();
    let mut fossil_cpu = Vec::new();
    let mut cpu_ratios = Vec::new();
    for run in 0..runs {
        let b = fresh(&format!("whole-{run}"));
        let time_tk = || {
            let cpu = children_cpu();
            let started = Instant::now();
            let output = bench
                .tk(&b)
                .args(["sync", "--json"])
                .output()
                .expect("can run tk");
            let took = started.elapsed();
            let cpu = children_cpu() - cpu;
            assert!(
                output.status.success(),
                "tk sync failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let report: serde_json::Value =
                serde_json::from_slice(&output.stdout).expect("tk sync --json prints JSON");
            assert_eq!(report["outcome"], "merged", "{report}");
            assert_eq!(report["pushed"], true, "{report}");
            assert_eq!(
                report["incoming"]["updated"].as_array().map(Vec::len),
                Some(CHANGES)
            );
            (took, cpu)
        };
        // tk and Fossil in pairs, the pair's order alternating run by run,
        // so both see the same load from whatever else runs.
        match &fossil {
            Some(fossil) => {
                let copy = fossil.fresh(&root.join(format!("fossil-{run}")));
                let ((tk, tk_cpu), (theirs, theirs_cpu)) = if run % 2 == 0 {
                    let tk = time_tk();
                    (tk, fossil.sync(&copy))
                } else {
                    let theirs = fossil.sync(&copy);
                    (time_tk(), theirs)
                };
                whole.push(tk);
                fossil_whole.push(theirs);
                ratios.push(tk.as_secs_f64() / theirs.as_secs_f64());
                cpu.push(tk_cpu);
                fossil_cpu.push(theirs_cpu);
                cpu_ratios.push(tk_cpu.as_secs_f64() / theirs_cpu.as_secs_f64());
                let _ = std::fs::remove_dir_all(&copy.dir);
            }
            None => {
                let (tk, tk_cpu) = time_tk();
                whole.push(tk);
                cpu.push(tk_cpu);
            }
        }
        let _ = std::fs::remove_dir_all(b.parent().expect("b is in a run dir"));

        let b = fresh(&format!("parts-{run}"));
        let started = Instant::now();
        fetch_into(&b);
        fetch.push(started.elapsed());
        merge.push(integrate(&b));
        let started = Instant::now();
        bench.git(
            &b,
            &[
                "-c",
                "pack.window=0",
                "push",
                "--no-thin",
                "-q",
                "origin",
                &format!("{REF}:{REF}"),
            ],
        );
        push.push(started.elapsed());
        // The same merge again, now that its objects are stored: what is
        // left is reading, merging and hashing, without file creation.
        bench.git(&b, &["update-ref", TRACKING, &format!("{REF}^2")]);
        bench.git(&b, &["update-ref", REF, &format!("{REF}^1")]);
        remerge.push(integrate(&b));
        let _ = std::fs::remove_dir_all(b.parent().expect("b is in a run dir"));
    }
    println!(
        "`tk sync` at {TICKETS} tickets, {CHANGES} changes on each of two clones \
         ({} tickets changed on both), {runs} runs, remote on a local path:\n",
        CHANGES - OVERLAP
    );
    println!("| what | min | median | max |");
    println!("|---|---:|---:|---:|");
    row("`tk sync` (whole command: fetch, merge, push)", &mut whole);
    if fossil.is_some() {
        row(
            "`fossil sync` of the same work (remote a local file)",
            &mut fossil_whole,
        );
        ratios.sort_by(f64::total_cmp);
        println!(
            "| tk/Fossil, pair by pair | {:.2} | {:.2} | {:.2} |",
            ratios[0],
            ratios[ratios.len() / 2],
            ratios[ratios.len() - 1]
        );
    }
    row(
        "`tk sync` CPU (user + sys of every process, both ends)",
        &mut cpu,
    );
    if fossil.is_some() {
        row("`fossil sync` CPU (the same)", &mut fossil_cpu);
        cpu_ratios.sort_by(f64::total_cmp);
        println!(
            "| tk/Fossil CPU, pair by pair | {:.2} | {:.2} | {:.2} |",
            cpu_ratios[0],
            cpu_ratios[cpu_ratios.len() / 2],
            cpu_ratios[cpu_ratios.len() - 1]
        );
    }
    row("merge alone (`Store::integrate`)", &mut merge);
    row(
        "merge alone, its objects already stored (no new files)",
        &mut remerge,
    );
    row("fetch alone (`git fetch`)", &mut fetch);
    row("push alone (`git push` of the merge)", &mut push);
    if std::env::var_os("TK_BENCH_KEEP").is_some() {
        eprintln!("kept {}", temp.keep().display());
    }
}

/// Returns the CPU time (user and system) of every child process this
/// process has waited for, and theirs: a whole command with the git or
/// Fossil processes it ran, on both ends of the transfer.
fn children_cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_CHILDREN is a
    // valid target.
    let usage = unsafe {
        assert_eq!(
            libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()),
            0
        );
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

fn row(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    println!(
        "| {what} | {} | {} | {} |",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

/// Returns the base tickets: a create and one comment each, so files have
/// a realistic size.
fn base_tickets() -> Vec<Ticket> {
    let mut ids = IdGenerator::from_seed(1 << 40);
    let by = "Test User <test.user@example.com>".to_string();
    (0..TICKETS)
        .map(|n| {
            let at = Timestamp::from_unix(START - 86_400 + n as i64);
            let create = Event {
                id: ids.event_id(),
                clock: 1,
                at,
                by: by.clone(),
                action: Action::Create(Changes {
                    title: Some(format!("Ticket {n}: VPN drops every 10 minutes")),
                    description: Some(
                        "Since Monday the VPN drops every ten minutes on floor 2.".to_string(),
                    ),
                    ..Changes::default()
                }),
            };
            let mut ticket = Ticket::create(ids.ticket_id(), create).expect("a create replays");
            ticket
                .record(comment(&mut ids, at, &by, "Looking into it."))
                .expect("a new ticket takes comments");
            ticket
        })
        .collect()
}

fn comment(ids: &mut IdGenerator, at: Timestamp, by: &str, body: &str) -> Event {
    Event {
        id: ids.event_id(),
        clock: 0,
        at,
        by: by.to_string(),
        action: Action::Comment {
            body: body.to_string(),
            internal: false,
        },
    }
}

/// How a clone stores the objects of its own changes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Objects {
    Loose,
    Packed,
}

/// Appends a comment by `name` to `CHANGES` tickets from `first` on,
/// `hours` after the start, and commits them in the clone at `dir` as one
/// commit on top of the base (`files`).
fn diverge(
    dir: &Path,
    tickets: &mut [Ticket],
    files: &BTreeMap<TicketId, Oid>,
    first: usize,
    hours: i64,
    name: &str,
    objects: Objects,
) {
    let repo = Repository::open(dir).expect("the clone opens");
    let parent = repo.refname_to_id(REF).expect("the clone has tickets");
    let mut ids = IdGenerator::from_seed(1000 + hours as u64);
    let by = format!("{name} <{}@example.com>", name.to_lowercase());
    let at = Timestamp::from_unix(START + hours * 3600);
    let changed = &mut tickets[first..first + CHANGES];
    for ticket in changed.iter_mut() {
        ticket
            .record(comment(&mut ids, at, &by, &format!("{name} had a look.")))
            .expect("an open ticket takes comments");
    }
    let write = |repo: &Repository| {
        let files = write_files(repo, changed, files.clone());
        commit_files(
            repo,
            &files,
            &[parent],
            &format!("{name}'s changes"),
            START + hours * 3600,
        )
    };
    match objects {
        Objects::Packed => in_pack(&repo, write),
        Objects::Loose => write(&repo),
    };
}

/// Runs commands in an isolated environment.
struct Bench {
    home: PathBuf,
}

impl Bench {
    fn new(root: &Path) -> Bench {
        let home = root.join("home");
        std::fs::create_dir(&home).expect("can create a home");
        Bench { home }
    }

    fn isolate(&self, mut cmd: Command) -> Command {
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TZ", "UTC");
        cmd
    }

    fn git(&self, dir: &Path, args: &[&str]) {
        let mut cmd = self.isolate(Command::new("git"));
        let output = cmd
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .expect("can run git");
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn tk(&self, dir: &Path) -> Command {
        let mut cmd = self.isolate(Command::new(env!("CARGO_BIN_EXE_tk")));
        cmd.current_dir(dir)
            .env("TK_NOW", "2026-03-02T12:00:00Z")
            .env("TK_ID_SEED", "7");
        cmd
    }

    /// Makes a clone of `remote` at `dir` with `name`'s identity and the
    /// tickets ref fetched.
    fn clone(&self, remote: &Path, dir: &Path, name: &str) {
        let repo = Repository::init(dir).expect("can init a clone");
        let mut config = repo.config().expect("the clone has config");
        config.set_str("user.name", name).expect("can set config");
        config
            .set_str(
                "user.email",
                &format!("{}@example.com", name.to_lowercase()),
            )
            .expect("can set config");
        let url = remote.to_str().expect("the temp path is UTF-8");
        self.git(dir, &["remote", "add", "origin", url]);
        self.git(dir, &["fetch", "-q", "origin", &format!("{REF}:{REF}")]);
    }
}

/// The same workload in Fossil: a repository of the same tickets (a
/// ticket-change artifact that creates each, and one that appends its
/// comment), two clones that each append a comment to `CHANGES` tickets
/// with `fossil ticket change`, the first of them pushed. Each run syncs a
/// fresh copy of the second clone with a fresh copy of the remote, as the
/// tk side does.
struct Fossil {
    home: PathBuf,
    remote: PathBuf,
    b: PathBuf,
}

/// One run's copies of the Fossil remote and second clone.
struct FossilRun {
    dir: PathBuf,
    remote: PathBuf,
    b: PathBuf,
}

impl Fossil {
    /// Whether to compare with Fossil: it is on `PATH` and
    /// `TK_BENCH_FOSSIL` is not `0`.
    fn wanted() -> bool {
        std::env::var("TK_BENCH_FOSSIL").map_or(true, |v| v != "0")
            && Command::new("fossil")
                .arg("version")
                .output()
                .is_ok_and(|o| o.status.success())
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("fossil");
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("USER", "bench")
            .env("TZ", "UTC");
        cmd
    }

    fn run(&self, args: &[&std::ffi::OsStr]) {
        let output = self.command().args(args).output().expect("fossil runs");
        assert!(
            output.status.success(),
            "fossil {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn build(root: &Path, tickets: &[Ticket]) -> Fossil {
        let started = Instant::now();
        let home = root.join("fossil-home");
        std::fs::create_dir_all(&home).expect("can create the fossil home");
        let fossil = Fossil {
            home,
            remote: root.join("remote.fossil"),
            b: root.join("b.fossil"),
        };
        let artifacts = root.join("fossil-artifacts");
        for (n, ticket) in tickets.iter().enumerate() {
            let state = ticket.state();
            let dir = artifacts.join(format!("{:03}", n % 256));
            std::fs::create_dir_all(&dir).expect("can create an artifact dir");
            let uuid = fossil_uuid(ticket.id());
            let created = state.created.unix();
            let cards = vec![
                fossil_date(created),
                format!(
                    "J comment {}",
                    fossil_escape(state.description.as_deref().unwrap_or(""))
                ),
                "J status Open".to_string(),
                format!("J title {}", fossil_escape(&state.title)),
                format!("K {uuid}"),
                "U bench".to_string(),
            ];
            std::fs::write(dir.join(format!("{n}-a")), fossil_artifact(&cards))
                .expect("can write an artifact");
            let comment = ticket.comments().next().map_or("", |c| c.body);
            let cards = vec![
                fossil_date(created + 1),
                format!("J +comment {}", fossil_escape(&format!("\n\n{comment}"))),
                format!("K {uuid}"),
                "U bench".to_string(),
            ];
            std::fs::write(dir.join(format!("{n}-b")), fossil_artifact(&cards))
                .expect("can write an artifact");
        }
        fossil.run(&[
            "reconstruct".as_ref(),
            fossil.remote.as_os_str(),
            artifacts.as_os_str(),
        ]);
        let _ = std::fs::remove_dir_all(&artifacts);
        let a = root.join("a.fossil");
        for clone in [&a, &fossil.b] {
            fossil.run(&[
                "clone".as_ref(),
                fossil.remote.as_os_str(),
                clone.as_os_str(),
            ]);
            fossil.run(&[
                "settings".as_ref(),
                "autosync".as_ref(),
                "off".as_ref(),
                "-R".as_ref(),
                clone.as_os_str(),
            ]);
        }
        // The two clones' changes are made at once, one process each.
        std::thread::scope(|scope| {
            for (clone, first, name) in [(&a, 0, "Alice"), (&fossil.b, OVERLAP, "Bob")] {
                let fossil = &fossil;
                scope.spawn(move || {
                    let text = format!("\n\n{name} had a look.");
                    for ticket in &tickets[first..first + CHANGES] {
                        fossil.run(&[
                            "ticket".as_ref(),
                            "change".as_ref(),
                            fossil_uuid(ticket.id()).as_ref(),
                            "+comment".as_ref(),
                            text.as_ref(),
                            "-R".as_ref(),
                            clone.as_os_str(),
                        ]);
                    }
                });
            }
        });
        fossil.run(&["push".as_ref(), "-R".as_ref(), a.as_os_str()]);
        let _ = std::fs::remove_file(&a);
        eprintln!(
            "setup: the same in Fossil in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        fossil
    }

    /// Copies the remote and the second clone into `dir`.
    fn fresh(&self, dir: &Path) -> FossilRun {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir(dir).expect("can create a run dir");
        let run = FossilRun {
            dir: dir.to_path_buf(),
            remote: dir.join("remote.fossil"),
            b: dir.join("b.fossil"),
        };
        std::fs::copy(&self.remote, &run.remote).expect("can copy the remote");
        std::fs::copy(&self.b, &run.b).expect("can copy the clone");
        run
    }

    /// Times `fossil sync` of the run's clone with its remote (wall and
    /// CPU), and checks that both sides' changes arrived on both.
    fn sync(&self, run: &FossilRun) -> (Duration, Duration) {
        let mut cmd = self.command();
        cmd.arg("sync")
            .arg(&run.remote)
            .arg("--once")
            .arg("-R")
            .arg(&run.b);
        let cpu = children_cpu();
        let started = Instant::now();
        let output = cmd.output().expect("fossil runs");
        let took = started.elapsed();
        let cpu = children_cpu() - cpu;
        assert!(
            output.status.success(),
            "fossil sync failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let want = (2 * TICKETS + 2 * CHANGES).to_string();
        for repo in [&run.b, &run.remote] {
            let output = self
                .command()
                .args(["sql", "SELECT count(*) FROM ticketchng", "-R"])
                .arg(repo)
                .output()
                .expect("fossil runs");
            let count = String::from_utf8_lossy(&output.stdout);
            assert_eq!(count.trim(), want, "ticket changes in {}", repo.display());
        }
        (took, cpu)
    }
}

/// The Fossil ticket uuid of a tk ticket: its id in hex, padded to 40.
fn fossil_uuid(id: &TicketId) -> String {
    let hex: String = id.as_str().bytes().map(|b| format!("{b:02x}")).collect();
    format!("{hex:0<40}")
}

fn fossil_date(unix: i64) -> String {
    format!(
        "D {}",
        Timestamp::from_unix(unix)
            .to_utc()
            .format("%Y-%m-%dT%H:%M:%S%.3f")
    )
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
