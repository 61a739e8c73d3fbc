//! The test environment: a temporary git repository, an isolated home, and
//! the real `tk` binary run with a pinned clock and pinned ids.
//!
//! Modelled on jj's `cli/tests/common/test_environment.rs`: a [`TestEnv`]
//! owns the temp dir, the clock and the command counter; a [`TestWorkDir`]
//! is one repository inside it (the default `repo/`, a clone, the bare
//! remote) and runs `tk` and `git` there. Every command gets the next
//! `TK_NOW` (one minute later) and the next `TK_ID_SEED`, so ids, times and
//! commit hashes are the same on every run and snapshots can show them.
//!
//! `TestEnv` dereferences to the work dir of its default repository, so
//! `env.tk([...])` runs in `repo/`; elsewhere, `env.work_dir(path).tk([...])`
//! or a fixture's work dirs ([`TestEnv::with_clones`], [`Pair`]).

pub mod dovecot;
pub mod hostile;
pub mod json;
pub mod tls;

use std::cell::Cell;
use std::ffi::OsStr;
use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::rc::Rc;

/// The ref tk writes when `tk.ref` is not configured.
pub const TICKETS_REF: &str = "refs/heads/tk/tickets";

/// The clock at command 0; command N runs N minutes later.
const EPOCH: i64 = 1_772_442_000; // 2026-03-02T09:00:00Z

/// What every work dir of one environment shares: the temp dir, the
/// command counter and the clock.
struct Shared {
    _temp: tempfile::TempDir,
    root: PathBuf,
    command_number: Cell<u64>,
    /// Seconds added to the default clock, moved by `set_time`/`advance`.
    clock_offset: Cell<i64>,
}

/// A temporary directory holding a home, a config dir and (usually) a git
/// repository at `repo/`.
pub struct TestEnv {
    /// The default repository; `Deref` hands it out.
    repo: TestWorkDir,
}

/// One directory of a [`TestEnv`] that commands run in: a repository, a
/// clone, the bare remote or a plain directory. Cheap to clone; every work
/// dir of an environment shares its clock and counter.
#[derive(Clone)]
pub struct TestWorkDir {
    shared: Rc<Shared>,
    path: PathBuf,
}

/// Two clones of one bare remote, `alice/` and `bob/`: the set-up most sync
/// tests start from.
pub struct Pair {
    /// The environment (its `repo/` is a plain directory).
    pub env: TestEnv,
    /// `Alice <alice@example.com>`'s clone.
    pub alice: TestWorkDir,
    /// `Bob <bob@example.com>`'s clone.
    pub bob: TestWorkDir,
}

impl Deref for TestEnv {
    type Target = TestWorkDir;

    /// Returns the default repository, so the common case reads
    /// `env.tk([...])`.
    fn deref(&self) -> &TestWorkDir {
        &self.repo
    }
}

impl TestEnv {
    /// Returns an environment with a fresh repository whose config names
    /// `Test User <test.user@example.com>`.
    pub fn new() -> TestEnv {
        let env = TestEnv::without_repo();
        env.init_repo(&env.repo(), false);
        env
    }

    /// Returns an environment whose `repo/` is a plain directory.
    pub fn without_repo() -> TestEnv {
        let temp = tempfile::Builder::new()
            .prefix("tk-test-")
            .tempdir()
            .expect("can create a temp dir");
        let root = temp.path().canonicalize().expect("temp dir has a path");
        for dir in ["home", "config", "tmp", "repo"] {
            std::fs::create_dir(root.join(dir)).expect("can create dirs in temp dir");
        }
        let shared = Rc::new(Shared {
            _temp: temp,
            root: root.clone(),
            command_number: Cell::new(0),
            clock_offset: Cell::new(0),
        });
        TestEnv {
            repo: TestWorkDir {
                shared,
                path: root.join("repo"),
            },
        }
    }

    /// Creates a repository at `dir` (bare when asked) with the test identity.
    pub fn init_repo(&self, dir: &Path, bare: bool) {
        self.init_repo_as(dir, bare, ("Test User", "test.user@example.com"));
    }

    /// Creates a repository at `dir` (bare when asked) whose config names
    /// `who` (name, email).
    pub fn init_repo_as(&self, dir: &Path, bare: bool, who: (&str, &str)) {
        let mut opts = git2::RepositoryInitOptions::new();
        opts.bare(bare).initial_head("main");
        let repo = git2::Repository::init_opts(dir, &opts).expect("can init a repo");
        let mut config = repo.config().expect("repo has config");
        config.set_str("user.name", who.0).unwrap();
        config.set_str("user.email", who.1).unwrap();
    }

    /// Returns an environment with a bare repository at `remote.git` and one
    /// clone per name at `<name>/`, each its own repository with its own
    /// identity (`Alice <alice@example.com>` for `alice`) and `origin`
    /// pointing at the bare repository by path. `repo/` stays a plain
    /// directory. Commands in every clone share one counter, so `TK_NOW`
    /// and `TK_ID_SEED` (and so ids) stay unique across clones.
    ///
    /// The shape of git-branchless's `make_git_with_remote_repo`.
    pub fn with_clones(names: &[&str]) -> (TestEnv, Vec<TestWorkDir>) {
        let env = TestEnv::without_repo();
        env.init_repo(&env.remote_dir(), true);
        let clones = names.iter().map(|name| env.add_clone(name)).collect();
        (env, clones)
    }

    /// Returns an environment with one clone, `alice/`, of a bare remote.
    pub fn with_clone() -> (TestEnv, TestWorkDir) {
        let (env, mut clones) = TestEnv::with_clones(&["alice"]);
        let alice = clones.pop().expect("one clone was made");
        (env, alice)
    }

    /// Returns the bare remote and the clones `alice/` and `bob/` of it.
    pub fn alice_and_bob() -> Pair {
        let (env, mut clones) = TestEnv::with_clones(&["alice", "bob"]);
        let bob = clones.pop().expect("two clones were made");
        let alice = clones.pop().expect("two clones were made");
        Pair { env, alice, bob }
    }

    /// Returns the bare repository [`TestEnv::with_clones`] makes.
    pub fn remote_dir(&self) -> PathBuf {
        self.root().join("remote.git")
    }

    /// Returns the work dir of the bare remote.
    pub fn remote(&self) -> TestWorkDir {
        self.work_dir(self.remote_dir())
    }

    /// Creates a clone named `name` (see [`TestEnv::with_clones`]) with
    /// `origin` pointing at [`TestEnv::remote_dir`], and returns it.
    pub fn add_clone(&self, name: &str) -> TestWorkDir {
        let clone = self.work_dir(self.root().join(name));
        let mut display = name.to_string();
        display[..1].make_ascii_uppercase();
        self.init_repo_as(
            clone.path(),
            false,
            (&display, &format!("{name}@example.com")),
        );
        let remote = self.remote_dir();
        let remote = remote.to_str().expect("the temp dir path is UTF-8");
        clone.git(["remote", "add", "origin", remote]);
        clone
    }

    /// Returns a work dir at `path` (absolute, or relative to the temp dir).
    pub fn work_dir(&self, path: impl AsRef<Path>) -> TestWorkDir {
        TestWorkDir {
            shared: Rc::clone(&self.repo.shared),
            path: self.root().join(path),
        }
    }

    /// Returns the temp dir everything lives in.
    pub fn root(&self) -> &Path {
        &self.repo.shared.root
    }

    /// Returns the repository (or plain directory) `env.tk` runs in.
    pub fn repo(&self) -> PathBuf {
        self.repo.path.clone()
    }

    /// Returns the `TK_NOW` of command `n`.
    pub fn time_of(n: u64) -> String {
        let seconds = EPOCH + 60 * i64::try_from(n).unwrap();
        chrono::DateTime::from_timestamp(seconds, 0)
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// Moves the clock so that the next command runs at `time` (RFC 3339);
    /// the ones after it still run a minute apart. For SLA tests that need
    /// a Friday afternoon or a daylight-saving change.
    pub fn set_time(&self, time: &str) {
        let target = chrono::DateTime::parse_from_rfc3339(time)
            .expect("set_time takes RFC 3339")
            .timestamp();
        let shared = &self.repo.shared;
        let next = EPOCH + 60 * i64::try_from(shared.command_number.get() + 1).unwrap();
        shared.clock_offset.set(target - next);
    }

    /// Moves the clock forward by `seconds` on top of the minute every
    /// command adds.
    pub fn advance(&self, seconds: i64) {
        let shared = &self.repo.shared;
        shared.clock_offset.set(shared.clock_offset.get() + seconds);
    }

    /// Returns the `TK_ID_SEED` the next command will get.
    pub fn next_seed(&self) -> u64 {
        self.repo.shared.command_number.get() + 1
    }

    /// Writes an executable shell script into the temp dir and returns its
    /// path, for use as `$EDITOR`.
    pub fn write_script(&self, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = self.root().join(name);
        std::fs::write(&path, format!("#!/bin/sh\nset -e\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    /// Commits `count` new tickets titled `TITLE N` onto a fresh tickets
    /// ref in one commit, without running tk: fast setup for tests that
    /// need many tickets. Returns their ids.
    pub fn import_tickets(&self, count: usize, title: &str) -> Vec<String> {
        use tk::model::{Action, Changes, Event, IdGenerator, Ticket, Timestamp};
        let repo = git2::Repository::open(self.repo()).unwrap();
        let at = Timestamp::parse_rfc3339(&TestEnv::time_of(0)).unwrap();
        let mut generator = IdGenerator::from_seed(1 << 40);
        let mut shards: std::collections::BTreeMap<String, Vec<(String, git2::Oid)>> =
            Default::default();
        let mut ids = Vec::new();
        for n in 0..count {
            let id = generator.ticket_id();
            let create = Event {
                id: generator.event_id(),
                clock: 1,
                at,
                by: "Test User <test.user@example.com>".to_string(),
                action: Action::Create(Changes {
                    title: Some(format!("{title} {n}")),
                    ..Changes::default()
                }),
            };
            let ticket = Ticket::create(id.clone(), create).unwrap();
            let blob = repo.blob(tk::codec::encode(&ticket).as_bytes()).unwrap();
            let name = format!("{id}.toml");
            shards
                .entry(id.shard().to_string())
                .or_default()
                .push((name, blob));
            ids.push(id.to_string());
        }
        let mut tickets = repo.treebuilder(None).unwrap();
        for (shard, files) in shards {
            let mut builder = repo.treebuilder(None).unwrap();
            for (name, blob) in files {
                builder.insert(name, blob, 0o100644).unwrap();
            }
            tickets
                .insert(shard, builder.write().unwrap(), 0o040000)
                .unwrap();
        }
        let mut root = repo.treebuilder(None).unwrap();
        root.insert("tickets", tickets.write().unwrap(), 0o040000)
            .unwrap();
        let config = repo.blob(b"schema = 1\n").unwrap();
        root.insert("tk.toml", config, 0o100644).unwrap();
        let tree = repo.find_tree(root.write().unwrap()).unwrap();
        let who = git2::Signature::new(
            "Test User",
            "test.user@example.com",
            &git2::Time::new(at.unix(), 0),
        )
        .unwrap();
        repo.commit(Some(TICKETS_REF), &who, &who, "Import tickets", &tree, &[])
            .unwrap();
        ids
    }
}

impl Shared {
    /// Returns the next command number, which pins its clock and ids.
    fn next_number(&self) -> u64 {
        let n = self.command_number.get() + 1;
        self.command_number.set(n);
        n
    }

    /// Returns the `TK_NOW` command `n` runs at, with the clock moved by
    /// `set_time` and `advance` (`time_of(n)` while it was not moved).
    fn now_of(&self, n: u64) -> String {
        let seconds = EPOCH + 60 * i64::try_from(n).unwrap() + self.clock_offset.get();
        chrono::DateTime::from_timestamp(seconds, 0)
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// Sets the isolated environment on a command: no inherited variables
    /// but `PATH`, a temp home, UTC, and no system git config.
    fn isolate(&self, cmd: &mut Command) {
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root.join("home"))
            .env("XDG_CONFIG_HOME", self.root.join("config"))
            .env("TMPDIR", self.root.join("tmp"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CEILING_DIRECTORIES", &self.root)
            .env("TZ", "UTC");
    }
}

impl TestWorkDir {
    /// Returns the directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Returns a `tk` command here with the next clock and id seed;
    /// callers may add arguments, environment and stdio before running it
    /// with [`TestWorkDir::run`].
    pub fn tk_cmd<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let shared = &self.shared;
        let n = shared.next_number();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tk"));
        shared.isolate(&mut cmd);
        cmd.current_dir(&self.path)
            .env("TK_NOW", shared.now_of(n))
            .env("TK_ID_SEED", n.to_string())
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    /// Runs `tk` here.
    #[must_use = "check the output: call .success() or assert on it"]
    pub fn tk<I, S>(&self, args: I) -> CommandOutput
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run(self.tk_cmd(args))
    }

    /// Runs `tk` here with `stdin` as its standard input.
    #[must_use = "check the output: call .success() or assert on it"]
    pub fn tk_with_stdin<I, S>(&self, args: I, stdin: &str) -> CommandOutput
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        use std::io::Write;
        let mut cmd = self.tk_cmd(args);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("can run tk");
        let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        // tk may fail and exit before it reads its input (no repository):
        // the closed pipe is then the expected end, not a test failure.
        match written {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.unwrap(),
        }
        self.wrap(child.wait_with_output().unwrap())
    }

    /// Runs `tk` here as another person: `GIT_AUTHOR_*` and
    /// `GIT_COMMITTER_*` name them, as git would.
    #[must_use = "check the output: call .success() or assert on it"]
    pub fn tk_as<I, S>(&self, who: (&str, &str), args: I) -> CommandOutput
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.tk_cmd(args);
        cmd.env("GIT_AUTHOR_NAME", who.0)
            .env("GIT_AUTHOR_EMAIL", who.1)
            .env("GIT_COMMITTER_NAME", who.0)
            .env("GIT_COMMITTER_EMAIL", who.1);
        self.run(cmd)
    }

    /// Runs a prepared command and captures its output.
    #[must_use = "check the output: call .success() or assert on it"]
    pub fn run(&self, mut cmd: Command) -> CommandOutput {
        self.wrap(cmd.output().expect("can run the command"))
    }

    fn wrap(&self, output: Output) -> CommandOutput {
        CommandOutput {
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            status: output
                .status
                .code()
                .expect("tk exited, not killed by a signal"),
            root: self.shared.root.display().to_string(),
        }
    }

    /// Runs `tk new TITLE ARGS…` here, checks it succeeded and returns the
    /// id.
    pub fn new_ticket(&self, title: &str, args: &[&str]) -> String {
        let mut all = vec!["new", title];
        all.extend_from_slice(args);
        let out = self.tk(all);
        assert_eq!(out.status, 0, "tk new failed:\n{out}");
        out.stdout.trim_end().to_string()
    }

    /// Returns a command running `program` here with the isolated
    /// environment (for helpers like `git-daemon`).
    pub fn isolated_cmd(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        self.shared.isolate(&mut cmd);
        cmd.current_dir(&self.path).stdin(Stdio::null());
        cmd
    }

    /// Returns a `git` command here with the isolated environment and
    /// pinned dates, so plain-git commits are reproducible too.
    pub fn git_cmd<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let shared = &self.shared;
        let date = format!(
            "{} +0000",
            EPOCH + 60 * shared.command_number.get() as i64 + 30 + shared.clock_offset.get()
        );
        let mut cmd = self.isolated_cmd("git");
        cmd.env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .args(args);
        cmd
    }

    /// Runs git here, checks it succeeded and returns its stdout.
    pub fn git<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.git_cmd(args);
        let output = cmd.output().expect("can run git");
        assert!(
            output.status.success(),
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("git output is UTF-8")
    }

    /// Returns the object `rev` names here, if any.
    pub fn ref_target(&self, rev: &str) -> Option<String> {
        let output = self
            .git_cmd(["rev-parse", "--verify", "--quiet", rev])
            .output()
            .unwrap();
        output
            .status
            .success()
            .then(|| String::from_utf8(output.stdout).unwrap().trim().to_string())
    }

    /// Returns the commit the tickets ref points at.
    pub fn tip(&self) -> String {
        self.ref_target(TICKETS_REF)
            .unwrap_or_else(|| panic!("{TICKETS_REF} exists in {}", self.path.display()))
    }

    /// Returns the tree the tickets ref points at: equal trees mean
    /// byte-identical tickets.
    pub fn tree(&self) -> String {
        self.ref_target(&format!("{TICKETS_REF}^{{tree}}"))
            .unwrap_or_else(|| panic!("{TICKETS_REF} exists in {}", self.path.display()))
    }

    /// Returns the number of commits on the tickets ref.
    pub fn commit_count(&self) -> usize {
        self.git(["rev-list", "--count", TICKETS_REF])
            .trim()
            .parse()
            .unwrap()
    }

    /// Returns the file at `path` on the tickets ref.
    pub fn file_on_ref(&self, path: &str) -> String {
        self.git(["show", &format!("{TICKETS_REF}:{path}")])
    }

    /// Commits `content` at `path` on top of the tickets ref with plain git
    /// plumbing, as someone's hand edit or a host's web editor would: a
    /// temporary index, read-tree, update-index, write-tree, commit-tree
    /// and a compare-and-swap update-ref. Returns the new commit.
    pub fn commit_with_git(&self, path: &str, content: &str, author: (&str, &str)) -> String {
        let index = self.shared.root.join("tmp").join("plumbing-index");
        let git = |args: &[&str], stdin: Option<&str>| -> String {
            use std::io::Write;
            let mut cmd = self.git_cmd(args);
            cmd.env("GIT_INDEX_FILE", &index)
                .env("GIT_AUTHOR_NAME", author.0)
                .env("GIT_AUTHOR_EMAIL", author.1)
                .env("GIT_COMMITTER_NAME", author.0)
                .env("GIT_COMMITTER_EMAIL", author.1)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            let mut input = child.stdin.take().unwrap();
            input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
            drop(input);
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "git {args:?} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8(output.stdout).unwrap().trim().to_string()
        };
        let old = self.tip();
        git(&["read-tree", TICKETS_REF], None);
        let blob = git(&["hash-object", "-w", "--stdin"], Some(content));
        let info = format!("100644,{blob},{path}");
        git(&["update-index", "--add", "--cacheinfo", &info], None);
        let tree = git(&["write-tree"], None);
        let message = format!("Edit {path} by hand");
        let commit = git(&["commit-tree", &tree, "-p", &old, "-m", &message], None);
        git(&["update-ref", TICKETS_REF, &commit, &old], None);
        std::fs::remove_file(&index).unwrap();
        commit
    }
}

/// What a command printed and how it exited.
///
/// Displays as stdout, then `------- stderr -------` and stderr when there
/// is any, then `[exit status: N]`, with the temp dir shown as `$TEST_ENV`
/// and trailing spaces (table padding) removed, for inline snapshots.
#[derive(Debug)]
pub struct CommandOutput {
    /// Standard output, verbatim.
    pub stdout: String,
    /// Standard error, verbatim.
    pub stderr: String,
    /// The exit code.
    pub status: i32,
    root: String,
}

impl CommandOutput {
    /// Panics unless the command exited 0; returns self for chaining.
    #[track_caller]
    pub fn success(self) -> CommandOutput {
        assert_eq!(self.status, 0, "command failed:\n{self}");
        self
    }

    /// Returns stdout parsed as exactly one JSON document of type `T`.
    #[track_caller]
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        assert_eq!(self.status, 0, "command failed:\n{self}");
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("stdout is not one JSON document of the expected shape: {e}\n{self}")
        })
    }

    fn normalize(&self, text: &str) -> String {
        text.replace(&self.root, "$TEST_ENV")
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for CommandOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stdout = self.normalize(&self.stdout);
        if !stdout.is_empty() {
            writeln!(f, "{stdout}")?;
        }
        if !self.stderr.is_empty() {
            writeln!(f, "------- stderr -------")?;
            writeln!(f, "{}", self.normalize(&self.stderr))?;
        }
        write!(f, "[exit status: {}]", self.status)
    }
}
