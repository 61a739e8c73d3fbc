use crate::common::{json, TestEnv, TICKETS_REF};
use std::process::Stdio;

/// Gives the repository a first commit on `main` (a README).
fn commit_readme(env: &TestEnv) {
    std::fs::write(env.repo().join("README"), "hello\n").unwrap();
    env.git(["add", "README"]);
    env.git(["commit", "-q", "-m", "Initial commit"]);
}

#[test]
fn tickets_are_sharded_toml_files_on_the_tickets_branch() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &["--tag", "vpn", "-m", "Since Monday."]);
    let path = format!("tickets/{}/{id}.toml", &id[..2]);
    let tree = env.git(["ls-tree", "-r", "--name-only", TICKETS_REF]);
    assert_eq!(tree, format!("tickets/{}/{id}.toml\ntk.toml\n", &id[..2]));
    insta::assert_snapshot!(env.file_on_ref(&path), @r#"
    schema = 1
    id = "tzsp6d65r8gysczp"
    title = "VPN drops"
    type = "incident"
    status = "new"
    priority = "medium"
    impact = "medium"
    urgency = "medium"
    response_target = "4h"
    resolution_target = "3d"
    tags = ["vpn"]
    created = "2026-03-02T09:01:00Z"
    updated = "2026-03-02T09:01:00Z"
    description = "Since Monday."

    [requester]
    name = "Test User"
    email = "test.user@example.com"

    [[events]]
    id = "3g4ch6d1sxsd"
    clock = 1
    at = "2026-03-02T09:01:00Z"
    by = "Test User <test.user@example.com>"
    action = "create"
    title = "VPN drops"
    priority = "medium"
    response_target = "4h"
    resolution_target = "3d"
    tags = ["vpn"]
    requester = "Test User <test.user@example.com>"
    description = "Since Monday."
    "#);
    // The tickets branch is an orphan: one root commit, no shared history.
    assert_eq!(
        env.git(["rev-list", "--max-parents=0", TICKETS_REF])
            .lines()
            .count(),
        1
    );
}

#[test]
fn every_change_is_one_commit_with_trailers() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    env.tk(["assign", &id, "me"]).success();
    env.tk(["resolve", &id, "-m", "Fixed"]).success();
    assert_eq!(env.commit_count(), 3);
    insta::assert_snapshot!(env.git(["log", "--format=%B", TICKETS_REF]), @r#"
        tk: resolve tzsp6d6 "VPN drops"

        Tk-Action: resolve
        Tk-Ticket: tzsp6d65r8gysczp

        tk: assign tzsp6d6 "VPN drops"

        Tk-Action: assign
        Tk-Ticket: tzsp6d65r8gysczp

        tk: new tzsp6d6 "VPN drops"

        Tk-Action: new
        Tk-Ticket: tzsp6d65r8gysczp
        "#);
    insta::assert_snapshot!(
        env.git(["log", "--format=%(trailers:key=Tk-Action,valueonly)%(trailers:key=Tk-Ticket,valueonly)", TICKETS_REF]),
        @r"
        resolve
        tzsp6d65r8gysczp

        assign
        tzsp6d65r8gysczp

        new
        tzsp6d65r8gysczp
        "
    );
}

#[test]
fn git_config_tk_ref_moves_the_tickets() {
    let env = TestEnv::new();
    env.git(["config", "tk.ref", "refs/tk/tickets"]);
    let id = env.new_ticket("Hidden from branch lists", &[]);
    assert_eq!(env.ref_target(TICKETS_REF), None);
    let tree = env.git(["ls-tree", "-r", "--name-only", "refs/tk/tickets"]);
    assert!(tree.contains(&format!("{id}.toml")), "{tree}");
    let listed: Vec<json::Listed> = env.tk(["list", "--json"]).json();
    assert_eq!(listed.len(), 1);
    insta::assert_snapshot!(env.tk(["init"]), @r"
        ------- stderr -------
        Tickets already live on refs/tk/tickets; nothing to do.
        [exit status: 0]
        ");
    env.git(["config", "tk.ref", "not a ref"]);
    insta::assert_snapshot!(env.tk(["list"]), @r"
        ------- stderr -------
        error: git config tk.ref `not a ref` is not a valid reference name (like refs/heads/tk/tickets)
        [exit status: 1]
        ");
}

#[test]
fn the_author_is_who_git_would_use() {
    let env = TestEnv::new();
    let mut cmd = env.tk_cmd(["new", "From the night shift"]);
    cmd.env("GIT_AUTHOR_NAME", "Night Shift")
        .env("GIT_AUTHOR_EMAIL", "night@example.com");
    let id = env.run(cmd).success().stdout.trim_end().to_string();
    insta::assert_snapshot!(
        env.git(["log", "-1", "--format=author %an <%ae> %aI%ncommitter %cn <%ce> %cI", TICKETS_REF]),
        @r"
        author Night Shift <night@example.com> 2026-03-02T09:01:00Z
        committer Test User <test.user@example.com> 2026-03-02T09:01:00Z
        "
    );
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.events[0].by, "Night Shift <night@example.com>");
    assert_eq!(shown.requester.unwrap().email, "night@example.com");
}

#[test]
fn working_tree_index_and_head_are_untouched() {
    let env = TestEnv::new();
    commit_readme(&env);
    std::fs::write(env.repo().join("README"), "edited\n").unwrap();
    std::fs::write(env.repo().join("notes.txt"), "untracked\n").unwrap();
    env.git(["add", "notes.txt"]);
    let snapshot = |env: &TestEnv| {
        (
            env.git(["status", "--porcelain"]),
            env.git(["symbolic-ref", "HEAD"]),
            env.git(["rev-parse", "HEAD"]),
            env.git(["ls-files", "--stage"]),
            env.git([
                "for-each-ref",
                "--format=%(refname) %(objectname)",
                "refs/heads/main",
            ]),
        )
    };
    let before = snapshot(&env);
    assert_eq!(before.0, " M README\nA  notes.txt\n");
    let id = env.new_ticket("Printer", &[]);
    env.tk(["comment", &id, "-m", "Noted"]).success();
    env.tk(["list"]).success();
    assert_eq!(snapshot(&env), before);
    assert_eq!(
        std::fs::read_to_string(env.repo().join("README")).unwrap(),
        "edited\n"
    );
}

#[test]
fn works_from_a_subdirectory() {
    let env = TestEnv::new();
    let sub = env.repo().join("src/deep");
    std::fs::create_dir_all(&sub).unwrap();
    let out = env.work_dir(&sub).tk(["new", "From below"]).success();
    let id = out.stdout.trim_end();
    let listed: Vec<json::Listed> = env.tk(["list", "--json"]).json();
    assert_eq!(listed[0].id, id);
    // -C names the directory to work in.
    let listed: Vec<json::Listed> = env
        .work_dir(env.root())
        .tk(["-C", "repo/src", "list", "--json"])
        .json();
    assert_eq!(listed[0].id, id);
}

#[test]
fn works_in_a_linked_worktree() {
    let env = TestEnv::new();
    commit_readme(&env);
    env.git(["worktree", "add", "-q", "../linked"]);
    let linked = env.root().join("linked");
    let id = env
        .work_dir(&linked)
        .tk(["new", "From a worktree"])
        .success()
        .stdout;
    let listed: Vec<json::Listed> = env.tk(["list", "--json"]).json();
    assert_eq!(listed[0].id, id.trim_end(), "worktrees share the ref");
    env.work_dir(&linked).tk(["start", id.trim_end()]).success();
    assert_eq!(env.work_dir(&linked).git(["status", "--porcelain"]), "");
}

#[test]
fn works_in_a_bare_repository() {
    let env = TestEnv::without_repo();
    let bare = env.root().join("server.git");
    env.init_repo(&bare, true);
    let out = env
        .work_dir(env.root())
        .tk(["-C", "server.git", "new", "From a bot"])
        .success();
    let id = out.stdout.trim_end();
    let shown: json::Shown = env.work_dir(&bare).tk(["show", id, "--json"]).json();
    assert_eq!(shown.title, "From a bot");
    let log = env.work_dir(&bare).git(["log", "--format=%s", TICKETS_REF]);
    assert!(log.starts_with("tk: new "), "{log}");
}

#[test]
fn refuses_to_write_a_checked_out_tickets_branch() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    env.git(["worktree", "add", "-q", "../tickets-wt", "tk/tickets"]);
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["comment", &id, "-m", "hello"]), @"
    ------- stderr -------
    error: refs/heads/tk/tickets is checked out in $TEST_ENV/tickets-wt; tk does not write a checked-out branch (check out another branch there, or set git config tk.ref)
    [exit status: 1]
    ");
    let out = env.tk(["new", "Another"]);
    assert_eq!(out.status, 1, "{out}");
    assert!(out.stderr.contains("checked out"), "{out}");
    assert_eq!(env.tip(), tip, "nothing was written");
    // Reading is fine.
    env.tk(["list"]).success();
}

#[test]
fn parallel_writers_lose_nothing() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let before = env.commit_count();
    let children: Vec<_> = (0..4)
        .map(|n| {
            let mut cmd = env.tk_cmd(["new", &format!("Parallel {n}")]);
            cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
            cmd.spawn().expect("can start tk")
        })
        .collect();
    let mut ids: Vec<String> = children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8(output.stdout)
                .unwrap()
                .trim_end()
                .to_string()
        })
        .collect();
    let listed: Vec<json::Listed> = env.tk(["list", "--json"]).json();
    let mut listed: Vec<String> = listed.into_iter().map(|t| t.id).collect();
    ids.sort();
    listed.sort();
    assert_eq!(listed, ids);
    assert_eq!(env.commit_count(), before + 4);
}

#[test]
fn a_repeated_id_seed_never_makes_a_ticket_unreadable() {
    // Demos and scripts may pin TK_ID_SEED for every command; each run
    // then draws the same event id.
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    for args in [["assign", id.as_str(), "me"], ["comment", &id, "-m=hi"]] {
        let mut cmd = env.tk_cmd(args);
        cmd.env("TK_ID_SEED", "42");
        env.run(cmd).success();
    }
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    let mut ids: Vec<&str> = shown.events.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "{:?}", shown.events);
}

/// tk writes a ticket write's objects itself (not through libgit2): git
/// must read them as its own, with and without `core.fsync`, and no
/// temporary file may stay behind.
#[test]
fn objects_tk_writes_itself_are_sound_for_git_and_leave_no_temporary_files() {
    let env = TestEnv::new();
    let first = env.new_ticket("Printer jams", &[]);
    env.tk(["comment", &first, "-m", "Paper tray 2."]).success();
    env.git(["config", "core.fsync", "committed"]);
    let second = env.new_ticket("Badge reader", &[]);
    env.tk(["resolve", &first, "-m", "Tray replaced."])
        .success();
    env.git(["fsck", "--strict", "--no-dangling"]);
    for id in [&first, &second] {
        let path = format!("tickets/{}/{id}.toml", &id[..2]);
        let shown: serde_json::Value = env.tk(["show", id, "--json"]).json();
        assert_eq!(shown["id"].as_str(), Some(id.as_str()));
        assert!(env.file_on_ref(&path).contains(&format!("id = \"{id}\"")));
    }
    let objects = env.repo().join(".git/objects");
    let strays: Vec<String> = std::fs::read_dir(&objects)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("tmp_"))
        .collect();
    assert!(strays.is_empty(), "temporary files left: {strays:?}");
    // Four writes, four commits, each naming the tree and parent git reads.
    assert_eq!(env.commit_count(), 4);
    let subjects = env.git(["log", "--format=%s", TICKETS_REF]);
    assert_eq!(subjects.lines().count(), 4, "{subjects}");
    assert!(subjects.starts_with("tk: resolve "), "{subjects}");
}
