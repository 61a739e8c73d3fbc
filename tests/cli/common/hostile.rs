//! Helpers for the campaigns that test tk like a storage engine (crash,
//! hostile repositories, load): running `tk` with a time limit while
//! measuring its peak memory, killing a whole process group, the campaign
//! size and seed from the environment, and checks of a repository's health.
//!
//! Peak memory is the child's `VmHWM`, sampled from `/proc` while it runs:
//! `wait4`'s `ru_maxrss` would count the test process's own memory, which
//! the child shares between fork and exec. A command that outlives its
//! limit is killed with its git children and reported as a hang, so a hang
//! fails the test instead of stalling the suite.

use super::{TestWorkDir, TICKETS_REF};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long any single tk command may run in a campaign before it counts
/// as a hang. Generous: debug builds on a loaded machine are slow, and this
/// is a limit for catching infinite loops, not a timing assertion.
pub const HANG_LIMIT: Duration = Duration::from_secs(60);

/// Whether the long version of the campaigns was asked for with
/// `TK_CAMPAIGN=long`.
pub fn long_campaign() -> bool {
    std::env::var("TK_CAMPAIGN").is_ok_and(|v| v == "long")
}

/// Returns the campaign seed: `TK_CAMPAIGN_SEED`, or `default`.
pub fn campaign_seed(default: u64) -> u64 {
    std::env::var("TK_CAMPAIGN_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// How a bounded run ended.
#[derive(Debug)]
pub struct Finished {
    /// The exit code, when the process exited.
    pub code: Option<i32>,
    /// The signal that ended it, when one did.
    pub signal: Option<i32>,
    /// Whether it outlived its limit and was killed for it.
    pub hung: bool,
    /// Peak resident memory in KiB, as last sampled (0 when the process
    /// ended before the first sample).
    pub max_rss_kib: i64,
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error, lossily decoded.
    pub stderr: String,
}

impl Finished {
    /// Returns stdout as text (lossily).
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

impl std::fmt::Display for Finished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.stdout_text())?;
        writeln!(f, "------- stderr -------\n{}", self.stderr)?;
        write!(
            f,
            "[code {:?}, signal {:?}, hung {}, peak {} KiB]",
            self.code, self.signal, self.hung, self.max_rss_kib
        )
    }
}

/// A child running in its own process group, with stdout and stderr going
/// to anonymous temporary files (so a full pipe never blocks it).
pub struct Running {
    pid: libc::pid_t,
    peak_kib: std::cell::Cell<i64>,
    started: Instant,
    out: std::cell::RefCell<File>,
    err: std::cell::RefCell<File>,
}

/// Starts `cmd` in a new process group, so that killing the group kills
/// the git children tk starts as well.
pub fn start(mut cmd: Command) -> Running {
    let file = || tempfile::tempfile().expect("can create a temporary file");
    let (out, err) = (file(), file());
    cmd.process_group(0)
        .stdout(Stdio::from(out.try_clone().expect("can share a file")))
        .stderr(Stdio::from(err.try_clone().expect("can share a file")));
    // Reaped by waitpid in `reap`, which also gives the exit status of a
    // killed group; std's `Child::wait` cannot kill a group.
    #[allow(clippy::zombie_processes)]
    let child = cmd.spawn().expect("can start the command");
    Running {
        pid: libc::pid_t::try_from(child.id()).expect("pids fit pid_t"),
        peak_kib: std::cell::Cell::new(0),
        started: Instant::now(),
        out: std::cell::RefCell::new(out),
        err: std::cell::RefCell::new(err),
    }
}

/// Returns everything written to `file` from its start.
fn read_all(file: &std::cell::RefCell<File>) -> Vec<u8> {
    let mut file = file.borrow_mut();
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))
        .and_then(|_| file.read_to_end(&mut bytes))
        .expect("can read a temporary file");
    bytes
}

impl Running {
    /// Returns how long the child has been running.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Reaps the child if it has ended; `None` while it runs.
    pub fn try_finish(&self) -> Option<Finished> {
        self.sample();
        self.reap(libc::WNOHANG, false)
    }

    /// Records the child's memory high-water mark, which only `/proc` of a
    /// running process shows.
    fn sample(&self) {
        let Ok(status) = std::fs::read_to_string(format!("/proc/{}/status", self.pid)) else {
            return;
        };
        let hwm = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok());
        if let Some(hwm) = hwm {
            self.peak_kib.set(self.peak_kib.get().max(hwm));
        }
    }

    /// Kills the whole process group with SIGKILL unless the child already
    /// ended, then reaps it.
    pub fn kill_group(&self) -> Finished {
        if let Some(done) = self.try_finish() {
            return done;
        }
        // The child is not reaped yet, so its pid (the group id) cannot
        // have been reused.
        // SAFETY: killpg only sends a signal; a stale group gives ESRCH.
        unsafe {
            libc::killpg(self.pid, libc::SIGKILL);
        }
        self.reap(0, false)
            .expect("a blocking waitpid returns the child")
    }

    /// Waits for the child, killing its group after `limit`.
    pub fn finish_within(&self, limit: Duration) -> Finished {
        loop {
            if let Some(done) = self.try_finish() {
                return done;
            }
            if self.elapsed() > limit {
                // SAFETY: as in kill_group.
                unsafe {
                    libc::killpg(self.pid, libc::SIGKILL);
                }
                return self
                    .reap(0, true)
                    .expect("a blocking waitpid returns the child");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn reap(&self, flags: libc::c_int, hung: bool) -> Option<Finished> {
        let mut status: libc::c_int = 0;
        // SAFETY: a valid pointer to a local; pid is our own child.
        let got = unsafe { libc::waitpid(self.pid, &mut status, flags) };
        assert!(
            got >= 0,
            "waitpid failed: {}",
            std::io::Error::last_os_error()
        );
        if got == 0 {
            return None;
        }
        // Children of the killed group that outlived it are orphans now;
        // make sure none is left running.
        // SAFETY: as in kill_group; ESRCH when the group is gone.
        unsafe {
            libc::killpg(self.pid, libc::SIGKILL);
        }
        let exited = libc::WIFEXITED(status);
        Some(Finished {
            code: exited.then(|| libc::WEXITSTATUS(status)),
            signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
            hung,
            max_rss_kib: self.peak_kib.get(),
            stdout: read_all(&self.out),
            stderr: String::from_utf8_lossy(&read_all(&self.err)).into_owned(),
        })
    }
}

/// Runs `tk ARGS` in `dir` with [`HANG_LIMIT`], measuring peak memory.
pub fn tk_bounded<I, S>(dir: &TestWorkDir, args: I) -> Finished
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    start(dir.tk_cmd(args)).finish_within(HANG_LIMIT)
}

/// Asserts that a finished command neither panicked (exit 101, or 255 for
/// an internal error), nor died of a signal, nor hung, nor used more than
/// `max_mib` of memory.
#[track_caller]
pub fn assert_sane(what: &str, done: &Finished, max_mib: i64) {
    assert!(!done.hung, "{what}: hung\n{done}");
    assert_eq!(done.signal, None, "{what}: died of a signal\n{done}");
    assert!(
        !matches!(done.code, Some(101) | Some(255)),
        "{what}: panicked or hit an internal error\n{done}"
    );
    assert!(
        !done.stderr.contains("panicked at"),
        "{what}: panicked\n{done}"
    );
    assert!(
        done.max_rss_kib <= max_mib * 1024,
        "{what}: used {} MiB, over the {max_mib} MiB bound\n{done}",
        done.max_rss_kib / 1024
    );
}

/// Runs git in `dir` with the test environment and returns (success,
/// stdout, stderr) without asserting.
pub fn git_status<I, S>(dir: &TestWorkDir, args: I) -> (bool, String, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = dir.git_cmd(args).output().expect("can run git");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Asserts that the repository at `dir` is healthy: the tickets ref (when
/// it exists) names a commit with a tree, and `git fsck` finds nothing
/// wrong (dangling objects are fine: an interrupted write leaves some).
#[track_caller]
pub fn assert_repository_sound(dir: &TestWorkDir, strict: bool) {
    if dir.ref_target(TICKETS_REF).is_some() {
        let (ok, _, err) = git_status(
            dir,
            ["rev-parse", "--verify", &format!("{TICKETS_REF}^{{tree}}")],
        );
        assert!(
            ok,
            "{TICKETS_REF} in {} is not a commit: {err}",
            dir.path().display()
        );
    }
    let mut args = vec!["fsck", "--no-dangling", "--no-progress"];
    if strict {
        args.push("--strict");
    }
    let (ok, out, err) = git_status(dir, args);
    assert!(
        ok && !err.contains("error") && !out.contains("error"),
        "git fsck in {} failed:\n{out}\n{err}",
        dir.path().display()
    );
}

/// A small deterministic generator for campaign choices (SplitMix64): the
/// tests need reproducible choices, not statistical quality.
pub struct Dice(u64);

impl Dice {
    /// Returns a generator seeded with `seed`.
    pub fn new(seed: u64) -> Dice {
        Dice(seed)
    }

    /// Returns the next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Returns a number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
