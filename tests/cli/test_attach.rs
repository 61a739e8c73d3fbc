use crate::common::{json, TestEnv};
use std::path::Path;

/// Bytes no text tool would keep intact: NUL, CR LF, invalid UTF-8.
const BINARY: &[u8] = b"\x00\x01PK\x03\x04\r\n\xff\xfe\x00end\x00";

fn write(env: &TestEnv, name: &str, bytes: &[u8]) -> String {
    let path = env.repo().join(name);
    std::fs::write(&path, bytes).unwrap();
    name.to_string()
}

/// Runs `tk attachment get` and returns its exact stdout bytes.
fn get_bytes(env: &TestEnv, dir: &Path, id: &str, name: &str) -> Vec<u8> {
    let output = env
        .work_dir(dir)
        .tk_cmd(["attachment", "get", id, name])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
    output.stdout
}

#[test]
fn attachments_round_trip_byte_for_byte() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer crashes", &[]);
    write(&env, "dump.bin", BINARY);
    write(&env, "notes.txt", "first line\nsecond line\n".as_bytes());
    let count = env.commit_count();
    insta::assert_snapshot!(env.tk(["attach", &id[..5], "dump.bin", "notes.txt"]), @r#"
    ------- stderr -------
    Attached dump.bin (15 B), notes.txt (23 B) to tzsp6d6 "Printer crashes".
    [exit status: 0]
    "#);
    assert_eq!(env.commit_count(), count + 1, "one commit for both files");
    let log = env.git(["show", "--stat", "--format=%s", "tk/tickets"]);
    assert!(
        log.contains(&format!("attachments/{id}/dump.bin"))
            && log.contains(&format!("attachments/{id}/notes.txt")),
        "{log}"
    );
    assert_eq!(get_bytes(&env, &env.repo(), &id, "dump.bin"), BINARY);
    assert_eq!(
        get_bytes(&env, &env.repo(), &id, "notes.txt"),
        b"first line\nsecond line\n"
    );
    // Plain git sees the same bytes.
    let raw = env
        .git_cmd([
            "cat-file",
            "blob",
            &format!("tk/tickets:attachments/{id}/dump.bin"),
        ])
        .output()
        .unwrap();
    assert_eq!(raw.stdout, BINARY);

    insta::assert_snapshot!(env.tk(["attachment", "get", &id, "dump.bin", "-o", "copy.bin"]), @"
    ------- stderr -------
    Wrote dump.bin (15 B) to copy.bin.
    [exit status: 0]
    ");
    assert_eq!(std::fs::read(env.repo().join("copy.bin")).unwrap(), BINARY);
    let saved: json::SavedAttachment = env
        .tk([
            "attachment",
            "get",
            &id,
            "notes.txt",
            "-o",
            "n.txt",
            "--json",
        ])
        .json();
    assert_eq!(
        (saved.ticket.as_str(), saved.name.as_str(), saved.size),
        (id.as_str(), "notes.txt", 23)
    );
    insta::assert_snapshot!(env.tk(["attachment", "get", &id, "notes.txt", "--json"]), @"
    ------- stderr -------
    error: --json prints the attachment's details, so the bytes need -o FILE
    [exit status: 2]
    ");
}

#[test]
fn attachments_are_listed_in_show_and_as_json() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer crashes", &[]);
    insta::assert_snapshot!(env.tk(["attachments", &id]), @r#"
    ------- stderr -------
    No attachments on tzsp6d6 "Printer crashes".
    [exit status: 0]
    "#);
    let none: Vec<json::Attachment> = env.tk(["attachments", &id, "--json"]).json();
    assert!(none.is_empty());
    write(&env, "trace.log", &[b'x'; 1536]);
    write(&env, "dump.bin", BINARY);
    let written: json::Written = env
        .tk(["attach", &id, "trace.log", "dump.bin", "--json"])
        .json();
    assert_eq!(written.commit.as_deref(), Some(env.tip().as_str()));
    let names: Vec<_> = written
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.size))
        .collect();
    assert_eq!(names, [("dump.bin", 15), ("trace.log", 1536)]);
    let attach_events: Vec<_> = written
        .events
        .iter()
        .filter(|e| e.action == "attach")
        .map(|e| (e.name.as_deref().unwrap(), e.size.unwrap()))
        .collect();
    assert_eq!(attach_events, [("trace.log", 1536), ("dump.bin", 15)]);
    insta::assert_snapshot!(env.tk(["attachments", &id]), @"
     NAME       SIZE     BY                                 ATTACHED
     dump.bin   15 B     Test User <test.user@example.com>  2026-03-02 09:04
     trace.log  1.5 KiB  Test User <test.user@example.com>  2026-03-02 09:04
    [exit status: 0]
    ");
    let listed: Vec<json::Attachment> = env.tk(["attachments", &id, "--json"]).json();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].by, "Test User <test.user@example.com>");
    let page = env.tk(["show", &id]).success().stdout;
    assert!(
        page.contains("Attachments (2)\n  dump.bin  15 B  Test User"),
        "{page}"
    );
    // Attaching a name again replaces the entry and the bytes.
    write(&env, "trace.log", b"short");
    env.tk(["attach", &id, "trace.log"]).success();
    let listed: Vec<json::Attachment> = env.tk(["attachments", &id, "--json"]).json();
    assert_eq!((listed[1].name.as_str(), listed[1].size), ("trace.log", 5));
    assert_eq!(get_bytes(&env, &env.repo(), &id, "trace.log"), b"short");
}

#[test]
fn unknown_attachment_names_exit_3_and_list_the_names() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer crashes", &[]);
    insta::assert_snapshot!(env.tk(["attachment", "get", &id, "x.txt"]), @"
    ------- stderr -------
    error: ticket tzsp6d6 has no attachment `x.txt`; it has no attachments
    [exit status: 3]
    ");
    write(&env, "a.txt", b"a");
    write(&env, "b.txt", b"b");
    env.tk(["attach", &id, "a.txt", "b.txt"]).success();
    insta::assert_snapshot!(env.tk(["attachment", "get", &id, "c.txt"]), @"
    ------- stderr -------
    error: ticket tzsp6d6 has no attachment `c.txt`; it has a.txt, b.txt
    [exit status: 3]
    ");
    insta::assert_snapshot!(env.tk(["attach", "zzzz", "a.txt"]), @"
    ------- stderr -------
    error: no ticket matches `zzzz`
    hint: `tk list --all` shows every ticket
    [exit status: 3]
    ");
}

#[test]
fn unsafe_names_are_refused_and_nothing_is_committed() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer crashes", &[]);
    std::fs::create_dir(env.repo().join("sub")).unwrap();
    write(&env, "sub/.env", b"SECRET=1");
    write(&env, "back\\slash", b"x");
    write(&env, "new\nline", b"x");
    write(&env, "ok.txt", b"x");
    let count = env.commit_count();
    insta::assert_snapshot!(env.tk(["attach", &id, "sub/.env"]), @"
    ------- stderr -------
    error: cannot attach sub/.env: attachment name `.env` starts with a dot
    hint: copy or rename the file to a plain name first
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["attach", &id, ".."]), @"
    ------- stderr -------
    error: cannot attach ..: attachment name `..` starts with a dot
    hint: copy or rename the file to a plain name first
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["attach", &id, "sub/.."]), @"
    ------- stderr -------
    error: cannot attach sub/..: attachment name `..` starts with a dot
    hint: copy or rename the file to a plain name first
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["attach", &id, "ok.txt", "back\\slash"]), @r"
    ------- stderr -------
    error: cannot attach back\slash: attachment name `back\slash` contains a path separator
    hint: copy or rename the file to a plain name first
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["attach", &id, "new\nline"]), @r"
    ------- stderr -------
    error: cannot attach new\nline: attachment name `new\nline` contains a control character
    hint: copy or rename the file to a plain name first
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["attach", &id, "sub"]), @"
    ------- stderr -------
    error: cannot attach sub: not a regular file
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["attach", &id, "missing.txt"]), @"
    ------- stderr -------
    error: cannot read missing.txt: No such file or directory (os error 2)
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["attach", &id, "ok.txt", "sub/../ok.txt"]), @"
    ------- stderr -------
    error: two of the files are named `ok.txt`; attach them one at a time
    [exit status: 2]
    ");
    assert_eq!(env.commit_count(), count);
    // A path is reduced to its file name: `../x` is attached as `x`.
    let inner = env.repo().join("sub");
    let written: json::Written = env
        .work_dir(&inner)
        .tk(["attach", &id, "../ok.txt", "--json"])
        .json();
    assert_eq!(written.attachments[0].name, "ok.txt");
}

#[test]
fn the_size_limit_comes_from_the_team_config() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer crashes", &[]);
    env.tk(["config", "set", "attachments.max_size", "1KiB"])
        .success();
    write(&env, "big.bin", &[7u8; 1025]);
    write(&env, "fits.bin", &[7u8; 1024]);
    write(&env, "small.txt", b"small");
    let count = env.commit_count();
    insta::assert_snapshot!(env.tk(["attach", &id, "small.txt", "big.bin"]), @"
    ------- stderr -------
    error: big.bin is 1.0 KiB (1025 bytes), over the attachment limit of 1.0 KiB (1024 bytes)
    hint: the team sets the limit: tk config set attachments.max_size SIZE
    [exit status: 2]
    ");
    assert_eq!(
        env.commit_count(),
        count,
        "nothing committed, not even small.txt"
    );
    env.tk(["attach", &id, "fits.bin"]).success();
    // The default is 10 MiB.
    env.tk(["config", "set", "attachments.max_size", "10MiB"])
        .success();
    write(&env, "huge.bin", &vec![0u8; 10 * 1024 * 1024 + 1]);
    let out = env.tk(["attach", &id, "huge.bin"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr.contains("huge.bin is 10.0 MiB (10485761 bytes), over the attachment limit of 10.0 MiB (10485760 bytes)"),
        "{out}"
    );
}

/// Two clones attach different files to the same ticket offline; after
/// syncing, both have both files, byte for byte.
#[test]
fn attachments_from_two_clones_survive_sync() {
    let env = TestEnv::new();
    let server = env.root().join("server.git");
    env.init_repo(&server, true);
    let other = env.root().join("other");
    env.init_repo(&other, false);
    let server_url = server.display().to_string();
    env.git(["remote", "add", "origin", &server_url]);
    env.work_dir(&other)
        .git(["remote", "add", "origin", &server_url]);

    let id = env.new_ticket("Printer crashes", &[]);
    env.tk(["sync"]).success();
    env.work_dir(&other).tk(["sync"]).success();

    write(&env, "ours.bin", BINARY);
    env.tk(["attach", &id, "ours.bin"]).success();
    std::fs::write(other.join("theirs.txt"), b"from the other clone\n").unwrap();
    env.work_dir(&other)
        .tk(["attach", &id, "theirs.txt"])
        .success();

    env.tk(["sync"]).success();
    env.work_dir(&other).tk(["sync"]).success();
    env.tk(["sync"]).success();

    for dir in [env.repo(), other.clone()] {
        let listed: Vec<json::Attachment> =
            env.work_dir(&dir).tk(["attachments", &id, "--json"]).json();
        let names: Vec<_> = listed.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["ours.bin", "theirs.txt"], "in {}", dir.display());
        assert_eq!(get_bytes(&env, &dir, &id, "ours.bin"), BINARY);
        assert_eq!(
            get_bytes(&env, &dir, &id, "theirs.txt"),
            b"from the other clone\n"
        );
    }
    assert_eq!(
        env.tip(),
        env.work_dir(&other).git(["rev-parse", "tk/tickets"]).trim(),
        "both clones converged"
    );
}
