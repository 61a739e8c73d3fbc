//! The sync merge alone, once, for profiling: `Store::integrate` in the
//! repository named on the command line, after its remote-tracking ref was
//! fetched (see "Session 6: the merge" in docs/sync.md for the setup on
//! the sync benchmark's kept clones). Prints whether it merged and how
//! long it took; run it under `perf stat` or `perf record` for its CPU.
//!
//! Build with `cargo build --release --example sync_merge`.

use std::path::Path;
use std::time::Instant;
use tk::model::Timestamp;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: sync_merge REPOSITORY");
    let store = tk::store::Store::discover(Path::new(&dir)).expect("a repository");
    let who = store.identities().expect("the repository has an identity");
    let remote = store
        .resolve_remote(None)
        .expect("can list remotes")
        .expect("the repository has a remote");
    // The time the sync benchmark merges at, so commits are the same.
    let now = Timestamp::from_unix(1_772_442_000 + 3 * 3600);
    let started = Instant::now();
    let outcome = store
        .integrate(&remote, &who, now)
        .expect("the merge works");
    eprintln!("{outcome:?} in {:?}", started.elapsed());
}
