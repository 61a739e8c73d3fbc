//! The list cache under `.git/tk/cache/`: checksummed, updated by deltas,
//! deletable.

use crate::common::{json, TestEnv};
use std::path::PathBuf;

/// Returns the cache directory of the default ref.
fn cache_dir(env: &TestEnv) -> PathBuf {
    env.repo()
        .join(".git/tk/cache")
        .join("refs-heads-tk-tickets")
}

fn titles(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    let listed: Vec<json::Listed> = env.tk(all).success().json();
    let mut titles: Vec<String> = listed.into_iter().map(|t| t.title).collect();
    titles.sort();
    titles
}

/// Returns every cache file with its bytes.
fn cache_files(env: &TestEnv) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(cache_dir(env))
        .expect("the cache exists")
        .map(|e| e.expect("readable dir").path())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable file");
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn regression_a_corrupted_cache_is_trusted_forever() {
    let env = TestEnv::new();
    env.new_ticket("Printer on fire", &[]);
    env.new_ticket("VPN drops", &[]);
    assert_eq!(titles(&env, &[]), ["Printer on fire", "VPN drops"]);
    // Flip one byte of a title inside the cache, as a bad disk would.
    let mut flipped = 0;
    for (path, mut bytes) in cache_files(&env) {
        if let Some(at) = bytes.windows(7).position(|w| w == b"Printer") {
            bytes[at] = b'Q';
            std::fs::write(&path, bytes).expect("writable cache");
            flipped += 1;
        }
    }
    assert!(flipped > 0, "the title is in the cache");
    for _ in 0..2 {
        assert_eq!(titles(&env, &[]), ["Printer on fire", "VPN drops"]);
    }
    // And the rebuilt file is whole again.
    let rebuilt = cache_files(&env);
    assert!(rebuilt
        .iter()
        .any(|(_, b)| b.windows(7).any(|w| w == b"Printer")));
}

#[test]
fn a_truncated_or_emptied_cache_file_is_rebuilt() {
    let env = TestEnv::new();
    env.new_ticket("Disk full", &[]);
    titles(&env, &[]);
    for (i, (path, bytes)) in cache_files(&env).into_iter().enumerate() {
        let cut = if i % 2 == 0 { 0 } else { bytes.len() / 2 };
        std::fs::write(&path, &bytes[..cut]).expect("writable cache");
    }
    assert_eq!(titles(&env, &[]), ["Disk full"]);
}

#[test]
fn a_write_adds_a_delta_and_leaves_the_base_alone() {
    let env = TestEnv::new();
    let ids = env.import_tickets(300, "Imported");
    assert_eq!(titles(&env, &[]).len(), 300);
    let before = cache_files(&env);
    assert!(before.iter().all(|(p, _)| p.extension().unwrap() == "base"));
    env.tk(["set", &ids[7], "title=Renamed"]).success();
    let listed = titles(&env, &[]);
    assert!(listed.contains(&"Renamed".to_string()));
    assert!(!listed.contains(&"Imported 7".to_string()));
    assert_eq!(listed.len(), 300);
    let after = cache_files(&env);
    let deltas: Vec<&PathBuf> = after
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.extension().unwrap() == "delta")
        .collect();
    assert_eq!(deltas.len(), 1, "one bucket changed: {after:?}");
    for (path, bytes) in &before {
        let now = after.iter().find(|(p, _)| p == path).expect("base kept");
        assert_eq!(&now.1, bytes, "{} was rewritten", path.display());
    }
    // A second change to the same bucket replaces its delta, and the
    // list still sees both.
    env.tk(["set", &ids[7], "title=Renamed again"]).success();
    let listed = titles(&env, &[]);
    assert!(listed.contains(&"Renamed again".to_string()));
    assert_eq!(listed.len(), 300);
}

/// A delta hides the base rows it replaces; reading the base, each row's
/// key is looked up in the hidden keys by binary search, which must hold
/// whatever order the delta wrote them in (changed in reverse here).
#[test]
fn a_delta_hiding_several_base_rows_shows_each_row_once() {
    let env = TestEnv::new();
    let ids = env.import_tickets(300, "Imported");
    titles(&env, &[]);
    let first = ids[0].chars().next().unwrap();
    let mut bucket: Vec<&String> = ids.iter().filter(|id| id.starts_with(first)).collect();
    bucket.sort();
    // Three: more would fold the delta into a new base.
    bucket.truncate(3);
    for (n, id) in bucket.iter().rev().enumerate() {
        env.tk(["set", id, &format!("title=Changed {n}")]).success();
        let listed = titles(&env, &[]);
        assert_eq!(listed.len(), 300, "after {} changes", n + 1);
        for m in 0..=n {
            let title = format!("Changed {m}");
            assert_eq!(listed.iter().filter(|t| **t == title).count(), 1, "{title}");
        }
    }
    assert!(
        cache_files(&env)
            .iter()
            .any(|(p, _)| p.extension().unwrap() == "delta"),
        "the changes are in a delta"
    );
}

#[test]
fn many_changes_fold_the_delta_into_a_new_base() {
    let env = TestEnv::new();
    let ids = env.import_tickets(300, "Imported");
    titles(&env, &[]);
    let before = cache_files(&env);
    // Close the tickets of one bucket (ids starting with the same
    // character) one by one: soon the delta outgrows its base's share.
    let first = ids[0].chars().next().unwrap();
    let bucket: Vec<&String> = ids.iter().filter(|id| id.starts_with(first)).collect();
    assert!(
        bucket.len() >= 6,
        "the import spreads 300 ids over 32 buckets"
    );
    for id in &bucket {
        env.tk(["close", id, "--reason", "cancelled"]).success();
        titles(&env, &[]);
    }
    assert_eq!(titles(&env, &[]).len(), 300 - bucket.len());
    assert_eq!(titles(&env, &["--all"]).len(), 300);
    let base = cache_dir(&env).join(format!("{first}.base"));
    let old = before.iter().find(|(p, _)| *p == base).expect("a base");
    let new = std::fs::read(&base).expect("a base");
    assert_ne!(old.1, new, "the bucket's base was rewritten");
}

#[test]
fn deleting_the_cache_at_any_time_is_harmless() {
    let env = TestEnv::new();
    env.new_ticket("Mail bounces", &[]);
    titles(&env, &[]);
    std::fs::remove_dir_all(env.repo().join(".git/tk")).expect("removable");
    assert_eq!(titles(&env, &[]), ["Mail bounces"]);
    assert!(cache_dir(&env).is_dir(), "the cache is written again");
}

#[test]
fn a_cache_of_another_format_is_ignored() {
    let env = TestEnv::new();
    env.new_ticket("Laptop slow", &[]);
    titles(&env, &[]);
    for (path, mut bytes) in cache_files(&env) {
        // The format number follows the 8-byte magic.
        bytes[8] ^= 0xff;
        std::fs::write(&path, bytes).expect("writable cache");
    }
    assert_eq!(titles(&env, &[]), ["Laptop slow"]);
}

#[test]
fn regression_a_corrupted_bucket_that_is_also_stale_loses_no_rows() {
    let env = TestEnv::new();
    let ids = env.import_tickets(300, "Imported");
    titles(&env, &[]);
    let first = ids[0].chars().next().unwrap();
    let base = cache_dir(&env).join(format!("{first}.base"));
    let mut bytes = std::fs::read(&base).expect("a base");
    let at = bytes
        .windows(8)
        .position(|w| w == b"Imported")
        .expect("a title in the base");
    bytes[at] = b'J';
    std::fs::write(&base, bytes).expect("writable cache");
    // The change makes the bucket stale too: it must be rebuilt from git,
    // not amended with a delta on top of the corrupt base.
    env.tk(["set", &ids[0], "title=Renamed"]).success();
    let listed = titles(&env, &[]);
    assert_eq!(listed.len(), 300);
    assert!(listed
        .iter()
        .all(|t| t.starts_with("Imported") || t == "Renamed"));
}

#[test]
fn a_corrupt_base_folded_with_many_changes_is_read_again_from_git() {
    let env = TestEnv::new();
    let ids = env.import_tickets(600, "Imported");
    titles(&env, &[]);
    let first = ids[0].chars().next().unwrap();
    let bucket: Vec<&String> = ids.iter().filter(|id| id.starts_with(first)).collect();
    assert!(
        bucket.len() > 9,
        "the import spreads 600 ids over 32 buckets"
    );
    let base = cache_dir(&env).join(format!("{first}.base"));
    let mut bytes = std::fs::read(&base).expect("a base");
    let at = bytes
        .windows(8)
        .position(|w| w == b"Imported")
        .expect("a title in the base");
    bytes[at] = b'J';
    std::fs::write(&base, bytes).expect("writable cache");
    // One commit closing the whole bucket: the delta would outgrow the
    // base, so the rows of the corrupt base are needed for a new one.
    let stdin: String = bucket.iter().map(|id| format!("{id}\n")).collect();
    env.tk_with_stdin(["close", "-", "--reason", "cancelled"], &stdin)
        .success();
    assert_eq!(titles(&env, &[]).len(), 600 - bucket.len());
    let all = titles(&env, &["--all"]);
    assert_eq!(all.len(), 600);
    assert!(all.iter().all(|t| t.starts_with("Imported")), "{all:?}");
}

/// Returns the sources `tk show ID --json` lists under "Linked from".
fn linked_from(env: &TestEnv, id: &str) -> Vec<String> {
    let shown: json::Shown = env.tk(["show", id, "--json"]).success().json();
    let mut sources: Vec<String> = shown.linked_from.into_iter().map(|l| l.source).collect();
    sources.sort();
    sources
}

#[test]
fn the_links_index_follows_every_change_and_survives_corruption() {
    let env = TestEnv::new();
    let target = env.new_ticket("Mail relay down", &[]);
    let first = env.new_ticket("Mail bounces", &[]);
    let second = env.new_ticket("Mail is slow", &[]);
    assert!(linked_from(&env, &target).is_empty());
    let index = cache_dir(&env).join("links.idx");
    assert!(index.exists(), "show wrote the links index");
    env.tk(["link", &first, &target]).success();
    assert_eq!(linked_from(&env, &target), std::slice::from_ref(&first));
    env.tk(["link", &second, &target]).success();
    let mut both = vec![first.clone(), second.clone()];
    both.sort();
    assert_eq!(linked_from(&env, &target), both);
    // A flipped byte anywhere in the index is caught, and it is rebuilt.
    let bytes = std::fs::read(&index).expect("the index exists");
    for at in [0, 12, 20, bytes.len() - 1] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x20;
        std::fs::write(&index, &bad).expect("writable cache");
        assert_eq!(linked_from(&env, &target), both, "byte {at} flipped");
    }
    assert_eq!(std::fs::read(&index).expect("rebuilt"), bytes);
    env.tk(["unlink", &first, &target]).success();
    assert_eq!(linked_from(&env, &target), [second]);
}

#[test]
fn a_write_gathers_again_only_the_links_of_the_bucket_it_changed() {
    let env = TestEnv::new();
    let ids = env.import_tickets(100, "Imported");
    let bucket = |id: &str| id.chars().next().unwrap();
    // A source and a target in two buckets, and a third bucket that the
    // writes below never touch.
    let target = &ids[0];
    let source = ids.iter().find(|id| bucket(id) != bucket(target)).unwrap();
    let idle = ids
        .iter()
        .map(|id| bucket(id))
        .find(|b| *b != bucket(target) && *b != bucket(source))
        .unwrap();
    env.tk(["link", source, target]).success();
    assert_eq!(linked_from(&env, target), std::slice::from_ref(source));
    // The idle bucket's segments go; its entry in the links index still
    // names its shards, so it is not read (nor rebuilt) again.
    let segments =
        |b: char| ["base", "delta"].map(|ext| cache_dir(&env).join(format!("{b}.{ext}")));
    for path in segments(idle) {
        let _ = std::fs::remove_file(path);
    }
    env.tk(["comment", source, "-m", "Still linked"]).success();
    assert_eq!(linked_from(&env, target), std::slice::from_ref(source));
    assert!(
        segments(idle).iter().all(|p| !p.exists()),
        "a bucket that no write changed was gathered again"
    );
    // The bucket of the write was: the link it holds is gone after unlink.
    env.tk(["unlink", source, target]).success();
    assert!(linked_from(&env, target).is_empty());
    let (warm, cold) = warm_and_cold(&env);
    assert_eq!(warm, cold);
}

#[test]
fn the_links_index_brought_up_to_date_from_git_is_the_one_gathered_afresh() {
    let env = TestEnv::new();
    let ids = env.import_tickets(60, "Imported");
    let target = &ids[0];
    let index = cache_dir(&env).join("links.idx");
    // After each change: the links index as `tk show` brings it up to
    // date, then as it is gathered from the buckets with no index at all,
    // byte for byte.
    let check = |step: &str| {
        let shown = linked_from(&env, target);
        let updated = std::fs::read(&index).expect("show wrote the index");
        std::fs::remove_file(&index).expect("removable");
        assert_eq!(linked_from(&env, target), shown, "{step}");
        assert_eq!(std::fs::read(&index).expect("rewritten"), updated, "{step}");
        shown
    };
    assert!(check("no links").is_empty());
    env.tk(["link", &ids[1], target]).success();
    assert_eq!(check("one link"), [ids[1].clone()]);
    env.tk(["link", &ids[2], target, "--as", "blocks"])
        .success();
    env.tk(["link", &ids[3], target]).success();
    env.tk(["unlink", &ids[1], target]).success();
    let mut two = vec![ids[2].clone(), ids[3].clone()];
    two.sort();
    assert_eq!(check("links added and removed"), two);
    let child = env
        .tk(["new", "Follow-up", "--parent", target])
        .success()
        .stdout;
    let child = child.trim().to_string();
    let mut three = vec![child, ids[2].clone(), ids[3].clone()];
    three.sort();
    assert_eq!(check("a new child"), three);
    // A source file broken by plain git: its links are gone everywhere.
    let path = format!("tickets/{}/{}.toml", &ids[3][..2], ids[3]);
    env.commit_with_git(&path, "not = [toml", ("Web", "web@example.com"));
    three.retain(|id| id != &ids[3]);
    assert_eq!(check("a broken source"), three);
}

#[test]
fn a_links_index_of_an_earlier_version_is_replaced() {
    let env = TestEnv::new();
    let target = env.new_ticket("Mail relay down", &[]);
    let source = env.new_ticket("Mail bounces", &[]);
    env.tk(["link", &source, &target]).success();
    assert_eq!(linked_from(&env, &target), std::slice::from_ref(&source));
    // The index of earlier versions: one entry for the whole tickets/
    // tree (magic, format, tree id, CRC, links).
    let index = cache_dir(&env).join("links.idx");
    let mut old = b"tklinks\x01".to_vec();
    old.extend_from_slice(&[7; 8 + 20 + 4 + 16]);
    std::fs::write(&index, &old).expect("writable cache");
    assert_eq!(linked_from(&env, &target), std::slice::from_ref(&source));
    let now = std::fs::read(&index).expect("the index was rewritten");
    assert!(now.starts_with(b"tklinks\x02"), "{:?}", &now[..8]);
}

/// Returns `tk list --all --json` as it is now, then as a cold list (the
/// cache deleted) gives it.
fn warm_and_cold(env: &TestEnv) -> (String, String) {
    let warm = env.tk(["list", "--all", "--json"]).success().stdout;
    std::fs::remove_dir_all(env.repo().join(".git/tk")).expect("removable");
    let cold = env.tk(["list", "--all", "--json"]).success().stdout;
    (warm, cold)
}

#[test]
fn a_write_after_a_change_behind_tks_back_lists_as_a_cold_list_does() {
    let env = TestEnv::new();
    let ids = env.import_tickets(100, "Imported");
    titles(&env, &[]);
    // Two tickets of one bucket: one edited with plain git after the last
    // list, so the bucket no longer describes the tip, then one by tk.
    let first = ids[0].chars().next().unwrap();
    let pair: Vec<&String> = ids.iter().filter(|id| id.starts_with(first)).collect();
    assert!(pair.len() >= 2, "100 ids over 32 buckets share one");
    let path = format!("tickets/{}/{}.toml", &pair[0][..2], pair[0]);
    let text = env.file_on_ref(&path);
    let n = ids.iter().position(|id| id == pair[0]).unwrap();
    let edited = text.replacen(&format!("\"Imported {n}\""), "\"Edited by hand\"", 1);
    assert_ne!(edited, text, "the title is in the file");
    env.commit_with_git(&path, &edited, ("Web", "web@example.com"));
    env.tk(["set", pair[1], "title=Renamed"]).success();
    let (warm, cold) = warm_and_cold(&env);
    assert!(warm.contains("Edited by hand") && warm.contains("Renamed"));
    assert_eq!(warm, cold);
}

#[test]
fn a_cache_that_cannot_be_written_fails_no_write() {
    let env = TestEnv::new();
    let ids = env.import_tickets(100, "Imported");
    titles(&env, &[]);
    // A directory where the bucket's delta goes: every attempt to write
    // the delta fails; the write and the lists must not.
    let bucket = ids[5].chars().next().unwrap();
    std::fs::create_dir(cache_dir(&env).join(format!("{bucket}.delta"))).expect("creatable");
    env.tk(["set", &ids[5], "title=Renamed"]).success();
    assert!(titles(&env, &[]).contains(&"Renamed".to_string()));
    std::fs::remove_dir(cache_dir(&env).join(format!("{bucket}.delta"))).expect("removable");
    let (warm, cold) = warm_and_cold(&env);
    assert_eq!(warm, cold);
}
