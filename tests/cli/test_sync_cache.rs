//! The list cache after `tk sync`: the sync brings the buckets it changed
//! up to date from the tickets its merge read, so the next list decodes
//! nothing; and whatever happens to that update, a list is never wrong.

use crate::common::{json, Pair, TestEnv, TestWorkDir, TICKETS_REF};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Returns the cache directory of the default ref in `dir`.
fn cache_dir(dir: &TestWorkDir) -> PathBuf {
    dir.path()
        .join(".git/tk/cache")
        .join("refs-heads-tk-tickets")
}

/// Returns every cache file of `dir` by name, with its bytes.
fn cache_files(dir: &TestWorkDir) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(cache_dir(dir))
        .expect("the cache exists")
        .map(|e| e.expect("readable dir").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&p).expect("readable file"))
        })
        .collect()
}

/// Replaces the cache files of `dir` with `files`.
fn put_cache_files(dir: &TestWorkDir, files: &BTreeMap<String, Vec<u8>>) {
    let cache = cache_dir(dir);
    std::fs::remove_dir_all(&cache).expect("the cache exists");
    std::fs::create_dir_all(&cache).expect("creatable");
    for (name, bytes) in files {
        std::fs::write(cache.join(name), bytes).expect("writable");
    }
}

/// Returns `tk list --all --json` in `dir`.
fn list_all(dir: &TestWorkDir) -> String {
    let out = dir.tk(["list", "--all", "--json"]).success();
    assert_eq!(out.stderr, "", "{out}");
    out.stdout
}

/// Returns what a cold list (no cache at all) prints in `dir`, leaving the
/// cache as it was.
fn cold_list(dir: &TestWorkDir) -> String {
    let kept = cache_files(dir);
    std::fs::remove_dir_all(dir.path().join(".git/tk")).expect("removable");
    let cold = list_all(dir);
    put_cache_files(dir, &kept);
    cold
}

/// Runs `tk sync --json` in `dir`, which must succeed.
#[track_caller]
fn sync(dir: &TestWorkDir) -> json::Sync {
    dir.tk(["sync", "--json"]).success().json()
}

/// Alice and Bob share `count` tickets through the remote; Bob has listed
/// them, so his cache is current. Returns the ids.
fn shared_tickets(pair: &Pair, count: usize) -> Vec<String> {
    let Pair { env, alice, bob } = pair;
    env.init_repo(&env.repo(), false);
    let ids = env.import_tickets(count, "Printer");
    let remote = env.remote_dir();
    env.work_dir(env.repo()).git([
        "push",
        "-q",
        remote.to_str().expect("the temp dir path is UTF-8"),
        &format!("{TICKETS_REF}:{TICKETS_REF}"),
    ]);
    sync(alice);
    sync(bob);
    list_all(bob);
    ids
}

/// Asserts that a list in `dir` now finds every bucket current (it
/// rewrites nothing in the cache) and prints what a cold list prints.
#[track_caller]
fn assert_list_is_warm_and_right(dir: &TestWorkDir) {
    let before = cache_files(dir);
    let warm = list_all(dir);
    assert!(
        before == cache_files(dir),
        "the list rebuilt a bucket the sync should have brought up to date"
    );
    assert_eq!(warm, cold_list(dir));
}

#[test]
fn a_list_after_a_fast_forward_finds_the_cache_current() {
    for changed in [90, 12] {
        // 90 files are read by the merge's threads, 12 inline.
        let pair = TestEnv::alice_and_bob();
        let ids = shared_tickets(&pair, 100);
        let Pair { alice, bob, .. } = &pair;
        alice
            .tk([
                "comment",
                &ids[..changed].join(","),
                "-m",
                "Alice had a look.",
            ])
            .success();
        alice.tk(["set", &ids[changed], "title=Renamed"]).success();
        sync(alice);
        let before = cache_files(bob);
        let report = sync(bob);
        assert_eq!(report.outcome, "fast-forward", "{report:?}");
        assert!(before != cache_files(bob), "the sync updated the cache");
        assert_list_is_warm_and_right(bob);
        assert!(list_all(bob).contains("Renamed"));
    }
}

#[test]
fn a_list_after_a_merge_finds_the_cache_current() {
    let pair = TestEnv::alice_and_bob();
    let ids = shared_tickets(&pair, 100);
    let Pair { alice, bob, .. } = &pair;
    // 30 one-sided changes on each side, 30 tickets changed on both.
    alice
        .tk(["comment", &ids[..60].join(","), "-m", "Alice had a look."])
        .success();
    bob.tk(["comment", &ids[30..90].join(","), "-m", "Bob had a look."])
        .success();
    // Bob lists after his own write, so his cache is current for his tip.
    list_all(bob);
    sync(alice);
    let report = sync(bob);
    assert_eq!(report.outcome, "merged", "{report:?}");
    assert_list_is_warm_and_right(bob);
    let shown: json::Shown = bob.tk(["show", &ids[45], "--json"]).json();
    assert_eq!(shown.comments.len(), 2);
}

#[test]
fn a_bucket_left_stale_before_the_sync_is_rebuilt_by_the_list() {
    let pair = TestEnv::alice_and_bob();
    let ids = shared_tickets(&pair, 100);
    let Pair { alice, bob, .. } = &pair;
    alice
        .tk(["comment", &ids[..80].join(","), "-m", "Alice had a look."])
        .success();
    sync(alice);
    // Bob writes after his last list: the bucket of that ticket names a
    // tree the sync does not start from, so the sync leaves it alone.
    bob.tk(["set", &ids[90], "title=Bob's title"]).success();
    let report = sync(bob);
    assert_eq!(report.outcome, "merged", "{report:?}");
    let warm = list_all(bob);
    assert!(warm.contains("Bob's title"));
    assert_eq!(warm, cold_list(bob));
}

#[test]
fn a_change_behind_tks_back_after_the_sync_is_listed() {
    let pair = TestEnv::alice_and_bob();
    let ids = shared_tickets(&pair, 100);
    let Pair { alice, bob, .. } = &pair;
    alice
        .tk(["comment", &ids[..80].join(","), "-m", "Alice had a look."])
        .success();
    sync(alice);
    sync(bob);
    // Another writer moves the ref right after the sync's cache update:
    // a plain git commit to one of the tickets the sync brought in.
    let path = format!("tickets/{}/{}.toml", &ids[3][..2], ids[3]);
    let text = bob.file_on_ref(&path);
    let edited = text.replacen("\"Printer 3\"", "\"Edited by hand\"", 1);
    assert_ne!(edited, text, "the title is in the file");
    bob.commit_with_git(&path, &edited, ("Web", "web@example.com"));
    let warm = list_all(bob);
    assert!(warm.contains("Edited by hand"));
    assert_eq!(warm, cold_list(bob));
}

#[test]
fn an_interrupted_update_leaves_buckets_the_list_rebuilds() {
    let pair = TestEnv::alice_and_bob();
    let ids = shared_tickets(&pair, 100);
    let Pair { alice, bob, .. } = &pair;
    alice
        .tk(["comment", &ids[..90].join(","), "-m", "Alice had a look."])
        .success();
    sync(alice);
    let old = cache_files(bob);
    sync(bob);
    let new = cache_files(bob);
    let expected = cold_list(bob);
    // Each cache file is replaced whole by a rename, so an update stopped
    // at any point leaves each file either as it was or as it became:
    // every bucket's base and delta from either side, in every mix.
    let names: Vec<&String> = old.keys().chain(new.keys()).collect();
    for mix in 0..4 {
        let mut files = BTreeMap::new();
        for (n, name) in names.iter().enumerate() {
            let take_old = match mix {
                0 => name.ends_with(".delta"),
                1 => name.ends_with(".base"),
                2 => n % 2 == 0,
                _ => n % 3 == 0,
            };
            let side = if take_old { &old } else { &new };
            if let Some(bytes) = side.get(*name) {
                files.insert((*name).clone(), bytes.clone());
            }
        }
        put_cache_files(bob, &files);
        assert_eq!(list_all(bob), expected, "mix {mix}");
    }
}

#[test]
fn a_corrupt_cache_fails_no_sync_and_is_rebuilt() {
    let pair = TestEnv::alice_and_bob();
    let ids = shared_tickets(&pair, 100);
    let Pair { alice, bob, .. } = &pair;
    alice
        .tk(["comment", &ids[..90].join(","), "-m", "Alice had a look."])
        .success();
    alice.tk(["set", &ids[95], "title=Renamed"]).success();
    sync(alice);
    // Flip a byte in the middle of every cache file, as a bad disk would.
    let mut files = cache_files(bob);
    for bytes in files.values_mut() {
        let at = bytes.len() / 2;
        bytes[at] ^= 0x55;
    }
    put_cache_files(bob, &files);
    let report = sync(bob);
    assert_eq!(report.outcome, "fast-forward", "{report:?}");
    let warm = list_all(bob);
    assert!(warm.contains("Renamed"));
    assert_eq!(warm, cold_list(bob));
}

#[test]
fn a_cache_that_cannot_be_written_fails_no_sync() {
    let pair = TestEnv::alice_and_bob();
    let ids = shared_tickets(&pair, 100);
    let Pair { alice, bob, .. } = &pair;
    alice
        .tk(["comment", &ids[..90].join(","), "-m", "Alice had a look."])
        .success();
    alice.tk(["set", &ids[95], "title=Renamed"]).success();
    sync(alice);
    // A directory where each bucket's delta goes: every attempt to write
    // a delta fails, the sync's and the list's.
    let cache = cache_dir(bob);
    for name in cache_files(bob).keys() {
        if let Some(bucket) = name.strip_suffix(".base") {
            let delta = cache.join(format!("{bucket}.delta"));
            let _ = std::fs::remove_file(&delta);
            std::fs::create_dir(&delta).expect("creatable");
        }
    }
    let out = bob.tk(["sync", "--json"]).success();
    assert_eq!(out.stderr, "", "{out}");
    let report: json::Sync = out.json();
    assert_eq!(report.outcome, "fast-forward", "{report:?}");
    let listed = list_all(bob);
    assert!(listed.contains("Renamed"));
    for entry in std::fs::read_dir(&cache).expect("the cache exists") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            std::fs::remove_dir(&path).expect("removable");
        }
    }
    assert_eq!(listed, cold_list(bob));
}
