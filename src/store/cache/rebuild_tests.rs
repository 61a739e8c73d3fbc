//! The cold rebuild's read-ahead of the ticket files, against libgit2's
//! reads of the same files.

use super::*;
use git2::Repository;

/// Returns a store on a new, empty repository in a temporary directory.
pub(super) fn scratch_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("can create a temp dir");
    let repo = Repository::init(dir.path()).expect("can init a repository");
    let store = Store {
        repo,
        refname: "refs/heads/tk/tickets".to_string(),
    };
    (dir, store)
}

/// A repository holding a `tickets/` tree of `n` similar files in each of
/// two shards (each file broken on its last line, so that its error
/// message quotes its own bytes), every object packed (with deltas) and
/// none loose, and one symbolic link per shard; returns the tree's id.
fn packed_ref(n: usize) -> (tempfile::TempDir, Store, Oid) {
    let (dir, store) = scratch_store();
    let tickets = write_and_pack(&store.repo, n);
    (dir, store, tickets)
}

/// Writes the tree of [`packed_ref`] and packs it; returns its id.
fn write_and_pack(repo: &Repository, n: usize) -> Oid {
    let mut shards = Vec::new();
    for shard in ["ab", "cd"] {
        let mut builder = repo.treebuilder(None).expect("can build a tree");
        for i in 0..n {
            let mut text = format!("schema = 1\nid = \"{shard}{i:014}\"\n");
            for line in 0..i {
                text.push_str(&format!("[[events]]\nnote = \"line {line} of the file\"\n"));
            }
            text.push_str(&format!("= broken line {shard}{i}\n"));
            let blob = repo.blob(text.as_bytes()).expect("can write a blob");
            let name = format!("{shard}{i:014}.toml");
            builder
                .insert(&name, blob, 0o100644)
                .expect("can add a file");
        }
        let link = repo.blob(b"elsewhere").expect("can write a blob");
        builder
            .insert(format!("{shard}zzzzzzzzzzzzzz.toml"), link, 0o120000)
            .expect("can add a link");
        shards.push((shard, builder.write().expect("can write the shard")));
    }
    let mut tickets = repo.treebuilder(None).expect("can build a tree");
    for (shard, tree) in shards {
        tickets
            .insert(shard, tree, 0o040000)
            .expect("can add a shard");
    }
    let tickets = tickets.write().expect("can write the tickets tree");
    let mut root = repo.treebuilder(None).expect("can build a tree");
    root.insert("tickets", tickets, 0o040000)
        .expect("can add the tickets tree");
    let root = root.write().expect("can write the root tree");
    {
        let mut pack = repo.packbuilder().expect("can build a pack");
        pack.insert_tree(root).expect("can add the trees");
        pack.write(&repo.path().join("objects/pack"), 0o444)
            .expect("can write the pack");
    }
    let loose = repo.path().join("objects");
    for entry in std::fs::read_dir(&loose).expect("objects/ lists").flatten() {
        if entry.file_name().len() == 2 {
            std::fs::remove_dir_all(entry.path()).expect("can remove loose objects");
        }
    }
    tickets
}

#[test]
fn a_cold_rebuild_reads_every_packed_file_ahead_as_libgit2_reads_it() {
    let (_dir, store, tickets_id) = packed_ref(30);
    let tickets = store
        .repo
        .find_tree(tickets_id)
        .expect("the tickets tree reads");
    let plans = plans(&tickets);
    let cold: Vec<&Plan> = plans.iter().collect();
    for threads in [1, 2] {
        let ahead = ReadAhead::new(&store, &cold, None, 1, cold.len()).expect("there are files");
        let (path, refname) = (store.repo.path().to_path_buf(), store.refname.clone());
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| ahead.run(&mut None, &path, &refname));
            }
        });
        let mut read: Vec<Prefetched> = ahead
            .read
            .into_iter()
            .map(|m| m.into_inner().expect("no reader panicked"))
            .collect();
        assert_eq!(read.len(), 2, "one set per bucket");
        for (plan, read) in plans.iter().zip(&mut read) {
            let shard = &plan.shards[0];
            let tree = store
                .repo
                .find_tree(Oid::from_bytes(&shard.tree).expect("20 bytes make an id"))
                .expect("the shard reads");
            let mut files = 0;
            for entry in tree.iter() {
                let path = format!("tickets/{}/{}", shard.name, entry.name().expect("a name"));
                if super::super::tree::not_a_file(&entry).is_some() {
                    assert!(
                        read.files.iter().all(|f| f.0 != entry.id()),
                        "{path} is not a file, not read"
                    );
                    continue;
                }
                let ahead = read.take(entry.id());
                let ahead = ahead.unwrap_or_else(|| panic!("{path} was read ahead"));
                let through_libgit2 = Read::new(read_ticket(&store, &path, entry.id()));
                assert_eq!(ahead.body, through_libgit2.body, "{path}");
                assert_eq!(ahead.status, through_libgit2.status, "{path}");
                assert_eq!(ahead.title, through_libgit2.title, "{path}");
                assert_eq!(ahead.text, through_libgit2.text, "{path}");
                files += 1;
            }
            assert_eq!(files, 30);
            assert!(
                read.files.iter().all(|f| f.1.is_none()),
                "nothing else was read"
            );
        }
    }
}

#[test]
fn the_progress_of_a_rebuild_from_nothing_never_goes_back() {
    // Two buckets of 300 files: the reading reports every 256 files read,
    // as the first part of two, and the buckets' rebuilds after it.
    let (_dir, store, tickets_id) = packed_ref(300);
    let tickets = store
        .repo
        .find_tree(tickets_id)
        .expect("the tickets tree reads");
    let seen = Mutex::new(Vec::new());
    let progress = |done: usize, total: usize| {
        seen.lock()
            .expect("no test thread panics")
            .push((done, total));
    };
    let visited = each_bucket(&store, &tickets, Some(&progress), &|_| true, &|_| Ok(()))
        .expect("the buckets are rebuilt");
    assert_eq!(visited.len(), 2);
    let seen = seen.into_inner().expect("no test thread panicked");
    let done: Vec<usize> = seen.iter().map(|&(done, _)| done).collect();
    assert!(seen.iter().all(|&(_, total)| total == 2), "{seen:?}");
    // Two reports of the reading (600 files), at 0 of the 1 part it
    // takes, then one per bucket, at 1 and 2 in either order.
    assert_eq!(done.len(), 4, "{seen:?}");
    assert_eq!(done[..2], [0, 0], "{seen:?}");
    let mut buckets = done[2..].to_vec();
    buckets.sort();
    assert_eq!(buckets, [1, 2], "{seen:?}");
}

#[test]
fn files_read_ahead_are_taken_in_order_and_a_missing_one_is_skipped() {
    let id = |n: u8| Oid::from_bytes(&[n; 20]).expect("20 bytes make an id");
    let read = |title: &str| Read {
        status: None,
        body: Err(String::new()),
        links: Vec::new(),
        title: title.to_string(),
        text: String::new(),
    };
    // The same blob twice (two files with the same bytes), one file left
    // out (its shard was not read ahead), one declined by the reader.
    let mut ahead = Prefetched {
        files: vec![
            (id(1), Some(read("first"))),
            (id(1), Some(read("second"))),
            (id(3), None),
            (id(4), Some(read("fourth"))),
        ],
        next: 0,
    };
    let title = |r: Option<Read>| r.map(|r| r.title);
    assert_eq!(title(ahead.take(id(1))).as_deref(), Some("first"));
    assert_eq!(title(ahead.take(id(1))).as_deref(), Some("second"));
    assert_eq!(title(ahead.take(id(9))), None, "not planned");
    assert_eq!(title(ahead.take(id(4))).as_deref(), Some("fourth"));
    assert_eq!(title(ahead.take(id(3))), None, "taken past it");
    assert_eq!(title(ahead.take(id(1))), None, "taken already");
}

#[test]
fn a_loose_file_of_a_stale_bucket_reads_as_libgit2_reads_it() {
    // The files a stale bucket decodes are read loose when they are: a
    // valid ticket, a broken one, one over the size limit and a damaged
    // loose file each read as libgit2 reads them.
    let (dir, store) = scratch_store();
    let id = TicketId::parse("abcdefghjkmnpqrs").expect("a valid id");
    let path = crate::codec::ticket_path(&id);
    let valid = format!("schema = 1\nid = \"{id}\"\ntitle = \"Loose\"\n");
    let bad = format!("schema = 1\nid = \"{id}\"\n= broken\n");
    let huge = "#".repeat(super::super::tree::MAX_READ_BYTES as usize + 1);
    let through_libgit2 = |blob: Oid| match super::super::tree::blob_within(
        &store.repo,
        blob,
        &path,
        super::super::tree::MAX_READ_BYTES,
    ) {
        Ok(bytes) => Read::new(decode_ticket(&store, &path, blob, bytes.content())),
        Err(e) => Read::new(Err(broken(e))),
    };
    for text in [valid.as_str(), bad.as_str(), huge.as_str()] {
        let blob = store.repo.blob(text.as_bytes()).expect("can write a blob");
        let loose = Read::new(read_ticket(&store, &path, blob));
        let expected = through_libgit2(blob);
        assert_eq!(loose.body, expected.body, "{}", &text[..text.len().min(40)]);
        assert_eq!(loose.status, expected.status);
        assert_eq!(loose.title, expected.title);
        assert_eq!(loose.text, expected.text);
    }
    // A loose file whose stream is damaged is declined, and libgit2's
    // error is the row's.
    let blob = store.repo.blob(b"schema = 1\n").expect("can write a blob");
    let hex = blob.to_string();
    let file = dir
        .path()
        .join(".git/objects")
        .join(&hex[..2])
        .join(&hex[2..]);
    let mut bytes = std::fs::read(&file).expect("the loose file reads");
    let last = bytes.len() - 3;
    bytes[last] ^= 0xff;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644))
        .expect("can make the file writable");
    std::fs::write(&file, &bytes).expect("can damage the file");
    let loose = Read::new(read_ticket(&store, &path, blob));
    assert_eq!(loose.body, through_libgit2(blob).body);
    assert!(loose.body.is_err(), "a damaged object is broken");
}
