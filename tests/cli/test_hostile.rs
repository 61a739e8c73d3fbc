//! The hostile-repository suite: repositories a careless or hostile
//! teammate can push with plain git plumbing (random bytes, TOML bombs,
//! huge fields, NUL, invalid UTF-8, symlinks, gitlinks and trees where
//! files belong, a shard replaced by a blob, a file whose id is not its
//! name, `tk.toml` as a directory, a stale ref lock), built with git2.
//!
//! For each, `list`, `show`, `report`, a write and a `sync` between two
//! clones must never panic, hang or use more than about 100 MB; the bad
//! entry is named; the other tickets still list and take writes; and
//! nothing is lost: the hostile entry itself stays on the ref until a
//! person repairs it.

use crate::common::hostile::{assert_repository_sound, assert_sane, tk_bounded, Finished};
use crate::common::{TestEnv, TestWorkDir, TICKETS_REF};

/// The memory bound for one command on one hostile file, in MiB: no single
/// hostile file may make a command use more than about 100 MB.
const MAX_MIB: i64 = 128;

/// The id hostile files use: a valid id in its own shard.
const BAD_ID: &str = "zzzz000000000000";

/// Where a ticket with [`BAD_ID`] lives.
const BAD_PATH: &str = "tickets/zz/zzzz000000000000.toml";

/// What a teammate's plumbing puts at a path.
enum Entry {
    /// A regular file with these bytes.
    Blob(Vec<u8>),
    /// A symbolic link to this target.
    Symlink(&'static str),
    /// A submodule entry pointing at a commit that is not in the repo.
    Gitlink,
    /// A directory holding one file `name` with these bytes.
    Tree(&'static str, Vec<u8>),
}

/// Two clones of one remote; Alice made three tickets (one with a
/// comment), everything is synced.
struct Team {
    /// Owns the temporary directory the clones live in.
    _env: TestEnv,
    alice: TestWorkDir,
    bob: TestWorkDir,
    good: Vec<String>,
    /// The highest peak memory of any command so far, in KiB.
    peak_kib: std::cell::Cell<i64>,
}

impl Team {
    fn new() -> Team {
        let (env, clones) = TestEnv::with_clones(&["alice", "bob"]);
        let (alice, bob) = (clones[0].clone(), clones[1].clone());
        alice.tk(["init"]).success();
        let good: Vec<String> = ["Printer jams", "VPN drops", "New laptop"]
            .iter()
            .map(|t| alice.new_ticket(t, &[]))
            .collect();
        alice
            .tk(["comment", &good[0], "-m", "first look"])
            .success();
        alice.tk(["sync"]).success();
        bob.tk(["sync"]).success();
        Team {
            _env: env,
            alice,
            bob,
            good,
            peak_kib: std::cell::Cell::new(0),
        }
    }

    /// Commits `entry` at `path` on Alice's tickets ref, as plain git
    /// would, and returns the new tip.
    fn plant(&self, path: &str, entry: Entry) -> git2::Oid {
        let repo = git2::Repository::open(self.alice.path()).expect("alice is a repository");
        let (id, mode) = match entry {
            Entry::Blob(bytes) => (repo.blob(&bytes).expect("can write a blob"), 0o100644),
            Entry::Symlink(target) => (
                repo.blob(target.as_bytes()).expect("can write a blob"),
                0o120000,
            ),
            Entry::Gitlink => (
                git2::Oid::from_str("1234567890123456789012345678901234567890")
                    .expect("a valid oid"),
                0o160000,
            ),
            Entry::Tree(name, bytes) => {
                let blob = repo.blob(&bytes).expect("can write a blob");
                let mut builder = repo.treebuilder(None).expect("can build trees");
                builder
                    .insert(name, blob, 0o100644)
                    .expect("can insert a file");
                (builder.write().expect("can write a tree"), 0o040000)
            }
        };
        let tip = repo
            .find_reference(TICKETS_REF)
            .and_then(|r| r.peel_to_commit())
            .expect("alice has the tickets ref");
        let parts: Vec<&str> = path.split('/').collect();
        let tree = put(
            &repo,
            Some(tip.tree().expect("commits have trees")),
            &parts,
            id,
            mode,
        );
        let tree = repo.find_tree(tree).expect("the new tree exists");
        let who = git2::Signature::now("Mallory", "mallory@example.com").expect("a signature");
        repo.commit(
            Some(TICKETS_REF),
            &who,
            &who,
            &format!("plumbing: {path}"),
            &tree,
            &[&tip],
        )
        .expect("can commit on the tickets ref")
    }

    fn tk(&self, dir: &TestWorkDir, args: &[&str]) -> Finished {
        let done = tk_bounded(dir, args);
        assert_sane(&format!("tk {}", args.join(" ")), &done, MAX_MIB);
        self.peak_kib.set(self.peak_kib.get().max(done.max_rss_kib));
        done
    }

    /// Returns the ids `tk list --all --json` prints in `dir`, asserting
    /// that it succeeds.
    fn listed(&self, dir: &TestWorkDir) -> (Vec<String>, String) {
        let done = self.tk(dir, &["list", "--all", "--json"]);
        assert_eq!(done.code, Some(0), "tk list failed:\n{done}");
        let value: serde_json::Value =
            serde_json::from_slice(&done.stdout).expect("tk list --json prints JSON");
        let ids = value
            .as_array()
            .expect("an array")
            .iter()
            .map(|t| t["id"].as_str().expect("tickets have ids").to_string())
            .collect();
        (ids, done.stderr)
    }

    /// Returns the object at `path` on the tip in `dir`, if any.
    fn object_at(&self, dir: &TestWorkDir, path: &str) -> Option<String> {
        dir.ref_target(&format!("{TICKETS_REF}:{path}"))
    }
}

/// Returns the tree `tree` with `leaf` (id, mode) at `parts`, replacing
/// whatever was there, creating directories on the way.
fn put(
    repo: &git2::Repository,
    tree: Option<git2::Tree<'_>>,
    parts: &[&str],
    leaf: git2::Oid,
    mode: i32,
) -> git2::Oid {
    let mut builder = repo.treebuilder(tree.as_ref()).expect("can build trees");
    let (name, rest) = parts.split_first().expect("paths have a name");
    let id = if rest.is_empty() {
        leaf
    } else {
        let below = tree
            .as_ref()
            .and_then(|t| t.get_name(name))
            .and_then(|e| e.to_object(repo).ok())
            .and_then(|o| o.into_tree().ok());
        put(repo, below, rest, leaf, mode)
    };
    let entry_mode = if rest.is_empty() { mode } else { 0o040000 };
    builder
        .insert(name, id, entry_mode)
        .expect("can insert an entry");
    builder.write().expect("can write a tree")
}

/// What a case expects beyond the checks every case makes.
struct Expect {
    /// A text the warnings or errors must contain to name the bad entry.
    named: &'static str,
    /// The path whose object must survive every command and sync.
    kept: &'static str,
    /// Whether `tk show` of the bad id must fail (it is not a ticket).
    show_bad_fails: bool,
    /// Whether `tk new` may refuse, naming the entry: a new ticket takes
    /// its priority and SLA from the team configuration, so a broken
    /// `tk.toml` may stop it; nothing else.
    new_may_refuse: bool,
}

const FILE: Expect = Expect {
    named: BAD_ID,
    kept: BAD_PATH,
    show_bad_fails: true,
    new_may_refuse: false,
};

/// Runs every command against the planted entry and checks the outcome.
fn survive(team: &Team, expect: Expect) {
    let (alice, bob) = (&team.alice, &team.bob);
    let planted = team.object_at(alice, expect.kept);

    // Reads: the good tickets still list, the bad entry is named.
    let (ids, warnings) = team.listed(alice);
    for id in &team.good {
        assert!(
            ids.contains(id),
            "good ticket {id} is missing from the list"
        );
    }
    assert!(
        warnings.contains(expect.named),
        "tk list does not name `{}`; stderr:\n{warnings}",
        expect.named
    );
    let shown = team.tk(alice, &["show", &team.good[0], "--json"]);
    assert_eq!(
        shown.code,
        Some(0),
        "tk show of a good ticket failed:\n{shown}"
    );
    let bad = team.tk(alice, &["show", &BAD_ID[..6]]);
    if expect.show_bad_fails {
        assert_ne!(
            bad.code,
            Some(0),
            "tk show of the bad entry succeeded:\n{bad}"
        );
        assert!(
            bad.stderr.lines().count() >= 1,
            "tk show of the bad entry says nothing:\n{bad}"
        );
    }
    let report = team.tk(alice, &["report", "--json"]);
    assert_eq!(report.code, Some(0), "tk report failed:\n{report}");

    // A write to a good ticket works and keeps the bad entry.
    let wrote = team.tk(alice, &["comment", &team.good[1], "-m", "still here"]);
    assert_eq!(
        wrote.code,
        Some(0),
        "a write next to the bad entry failed:\n{wrote}"
    );
    assert_eq!(
        team.object_at(alice, expect.kept),
        planted,
        "a write changed or dropped `{}`",
        expect.kept
    );

    // Sync carries it to Bob; Bob's change comes back; nothing is lost.
    let pushed = team.tk(alice, &["sync"]);
    assert_eq!(pushed.code, Some(0), "alice's sync failed:\n{pushed}");
    let pulled = team.tk(bob, &["sync"]);
    assert_eq!(pulled.code, Some(0), "bob's sync failed:\n{pulled}");
    let wrote = team.tk(bob, &["comment", &team.good[2], "-m", "bob was here"]);
    assert_eq!(wrote.code, Some(0), "bob's write failed:\n{wrote}");
    let new = team.tk(bob, &["new", "Bob's ticket"]);
    let refused = expect.new_may_refuse && new.code == Some(1) && new.stderr.contains(expect.named);
    assert!(new.code == Some(0) || refused, "bob's new failed:\n{new}");
    let bobs: Vec<String> = (!refused)
        .then(|| new.stdout_text().trim().to_string())
        .into_iter()
        .collect();
    assert_eq!(team.tk(bob, &["sync"]).code, Some(0));
    let back = team.tk(alice, &["sync"]);
    assert_eq!(back.code, Some(0), "alice's second sync failed:\n{back}");
    for dir in [alice, bob] {
        let (ids, _) = team.listed(dir);
        for id in team.good.iter().chain(&bobs) {
            assert!(
                ids.contains(id),
                "{id} is missing in {}",
                dir.path().display()
            );
        }
        assert_eq!(
            team.object_at(dir, expect.kept),
            planted,
            "`{}` was changed or dropped in {}",
            expect.kept,
            dir.path().display()
        );
        assert_repository_sound(dir, false);
    }
    let shown = team.tk(alice, &["show", &team.good[2], "--json"]);
    assert!(
        shown.stdout_text().contains("bob was here"),
        "bob's comment did not arrive:\n{shown}"
    );
    // The test harness names each test's thread after the test.
    eprintln!(
        "{}: survived; peak memory of any command {} MiB",
        std::thread::current().name().unwrap_or("hostile"),
        team.peak_kib.get() / 1024
    );
}

/// A valid ticket file for [`BAD_ID`], for cases that break one part of it.
fn bad_ticket_text(title: &str, clock: &str) -> String {
    format!(
        "schema = 1\nid = \"{BAD_ID}\"\ntitle = {title}\ntype = \"incident\"\nstatus = \"new\"\n\
         priority = \"medium\"\nimpact = \"medium\"\nurgency = \"medium\"\ntags = []\n\
         created = \"2026-03-02T09:00:00Z\"\nupdated = \"2026-03-02T09:00:00Z\"\n\n\
         [[events]]\nid = \"ev0000000001\"\nclock = {clock}\nat = \"2026-03-02T09:00:00Z\"\n\
         by = \"Mallory <mallory@example.com>\"\naction = \"create\"\ntitle = {title}\n"
    )
}

fn random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut dice = crate::common::hostile::Dice::new(seed);
    (0..len).map(|_| dice.next() as u8).collect()
}

#[test]
fn random_bytes_in_a_ticket_file() {
    let team = Team::new();
    team.plant(BAD_PATH, Entry::Blob(random_bytes(4096, 1)));
    survive(&team, FILE);
}

#[test]
fn toml_bomb_of_nested_arrays_in_a_ticket_file() {
    let team = Team::new();
    let depth = 200_000;
    let bomb = format!("bomb = {}{}\n", "[".repeat(depth), "]".repeat(depth));
    team.plant(BAD_PATH, Entry::Blob(bomb.into_bytes()));
    survive(&team, FILE);
}

#[test]
fn toml_bomb_of_nested_tables_in_tk_toml() {
    let team = Team::new();
    let depth = 100_000;
    let bomb = format!(
        "schema = 1\nx = {}1{}\n",
        "{a = ".repeat(depth),
        "}".repeat(depth)
    );
    team.plant("tk.toml", Entry::Blob(bomb.into_bytes()));
    survive(
        &team,
        Expect {
            named: "tk.toml",
            kept: "tk.toml",
            show_bad_fails: false,
            new_may_refuse: true,
        },
    );
}

#[test]
fn huge_title_in_a_ticket_file() {
    let team = Team::new();
    let title = format!("\"{}\"", "x".repeat(30 * 1024 * 1024));
    team.plant(
        BAD_PATH,
        Entry::Blob(bad_ticket_text(&title, "1").into_bytes()),
    );
    survive(&team, FILE);
}

#[test]
fn nul_bytes_in_a_ticket_file() {
    let team = Team::new();
    let mut text = bad_ticket_text("\"nul\"", "1").into_bytes();
    text.splice(20..20, [0u8, 0, 0]);
    team.plant(BAD_PATH, Entry::Blob(text));
    survive(&team, FILE);
}

#[test]
fn invalid_utf8_in_a_ticket_file() {
    let team = Team::new();
    let mut text = bad_ticket_text("\"bad\"", "1").into_bytes();
    text.splice(40..40, [0xff, 0xfe, 0xc3]);
    team.plant(BAD_PATH, Entry::Blob(text));
    survive(&team, FILE);
}

#[test]
fn symlink_where_a_ticket_file_belongs() {
    let team = Team::new();
    team.plant(BAD_PATH, Entry::Symlink("/etc/passwd"));
    survive(&team, FILE);
}

#[test]
fn gitlink_where_a_ticket_file_belongs() {
    let team = Team::new();
    team.plant(BAD_PATH, Entry::Gitlink);
    survive(&team, FILE);
}

#[test]
fn directory_where_a_ticket_file_belongs() {
    let team = Team::new();
    team.plant(
        BAD_PATH,
        Entry::Tree("inner.toml", bad_ticket_text("\"t\"", "1").into_bytes()),
    );
    survive(&team, FILE);
}

#[test]
fn shard_replaced_by_a_blob() {
    let team = Team::new();
    team.plant("tickets/zz", Entry::Blob(b"not a directory\n".to_vec()));
    survive(
        &team,
        Expect {
            named: "tickets/zz",
            kept: "tickets/zz",
            show_bad_fails: true,
            new_may_refuse: false,
        },
    );
}

#[test]
fn file_whose_id_is_not_its_name() {
    let team = Team::new();
    // Ticket zzzz…'s content under another ticket's name.
    let path = "tickets/zz/zzzz111111111111.toml";
    team.plant(
        path,
        Entry::Blob(bad_ticket_text("\"imposter\"", "1").into_bytes()),
    );
    survive(
        &team,
        Expect {
            named: "zzzz111111111111",
            kept: path,
            show_bad_fails: true,
            new_may_refuse: false,
        },
    );
}

#[test]
fn tk_toml_as_a_directory() {
    let team = Team::new();
    team.plant("tk.toml", Entry::Tree("schema", b"1\n".to_vec()));
    survive(
        &team,
        Expect {
            named: "tk.toml",
            kept: "tk.toml",
            show_bad_fails: false,
            new_may_refuse: true,
        },
    );
}

#[test]
fn clock_at_u64_max_in_a_comment() {
    let team = Team::new();
    let mut text = bad_ticket_text("\"max clock\"", "1");
    text.push_str(
        "\n[[events]]\nid = \"ev0000000002\"\nclock = 18446744073709551615\n\
         at = \"2026-03-02T09:01:00Z\"\nby = \"Mallory <mallory@example.com>\"\n\
         action = \"comment\"\nbody = \"max\"\n",
    );
    team.plant(BAD_PATH, Entry::Blob(text.into_bytes()));
    // Readable or refused, the file must stay and every command cope.
    let alice = &team.alice;
    let planted = team.object_at(alice, BAD_PATH);
    let (ids, _) = team.listed(alice);
    for id in &team.good {
        assert!(ids.contains(id), "good ticket {id} is missing");
    }
    let wrote = team.tk(alice, &["comment", BAD_ID, "-m", "after the max"]);
    assert!(
        wrote.code != Some(0) || team.listed(alice).0.contains(&BAD_ID.to_string()),
        "a comment on the max-clock ticket was acknowledged but the ticket no longer lists:\n{wrote}"
    );
    if wrote.code != Some(0) {
        assert_eq!(team.object_at(alice, BAD_PATH), planted);
    }
    assert_repository_sound(alice, false);
}

#[test]
fn stale_tickets_lock_is_named_at_once() {
    let team = Team::new();
    let lock = team.alice.path().join(".git/refs/heads/tk/tickets.lock");
    std::fs::write(&lock, b"").expect("can leave a lock file");
    let wrote = team.tk(&team.alice, &["comment", &team.good[0], "-m", "locked"]);
    assert_ne!(wrote.code, Some(0), "a write through a held lock succeeded");
    assert!(
        wrote.stderr.contains("tickets.lock"),
        "the error does not name the lock file:\n{wrote}"
    );
    // Reads never take the lock.
    let (ids, _) = team.listed(&team.alice);
    assert_eq!(ids.len(), team.good.len());
    std::fs::remove_file(&lock).expect("can remove the lock");
    let wrote = team.tk(&team.alice, &["comment", &team.good[0], "-m", "unlocked"]);
    assert_eq!(
        wrote.code,
        Some(0),
        "a write after removing the lock failed:\n{wrote}"
    );
}

#[test]
fn ticket_file_in_the_wrong_shard() {
    let team = Team::new();
    let path = "tickets/yy/zzzz000000000000.toml";
    team.plant(
        path,
        Entry::Blob(bad_ticket_text("\"lost\"", "1").into_bytes()),
    );
    survive(
        &team,
        Expect {
            named: "tickets/yy",
            kept: path,
            show_bad_fails: true,
            new_may_refuse: false,
        },
    );
}

#[test]
fn ticket_with_a_hundred_thousand_events() {
    let team = Team::new();
    let mut text = bad_ticket_text("\"busy\"", "1");
    for n in 0..100_000u64 {
        text.push_str(&format!(
            "\n[[events]]\nid = \"c{n:011}\"\nclock = {}\nat = \"2026-03-02T09:01:00Z\"\n\
             by = \"Mallory <mallory@example.com>\"\naction = \"comment\"\nbody = \"spam {n}\"\n",
            n + 2
        ));
    }
    team.plant(BAD_PATH, Entry::Blob(text.into_bytes()));
    survive(&team, FILE);
}

#[test]
fn tk_toml_with_two_hundred_thousand_members() {
    let team = Team::new();
    let mut text = String::from("schema = 1\n");
    for n in 0..200_000u64 {
        text.push_str(&format!(
            "\n[members.\"m{n}@example.com\"]\nname = \"Member {n}\"\nskills = [\"network\"]\n"
        ));
    }
    team.plant("tk.toml", Entry::Blob(text.into_bytes()));
    survive(
        &team,
        Expect {
            named: "tk.toml",
            kept: "tk.toml",
            show_bad_fails: false,
            new_may_refuse: true,
        },
    );
}
