//! The documented exit codes (docs/exit-codes.md) that other modules do not already pin
//! down (3 and 4 are in test_show, 5 in test_lifecycle, 1 in
//! test_storage and test_foreign_edits).

use crate::common::{TestEnv, TICKETS_REF};

#[test]
fn outside_a_repository_exits_7() {
    let env = TestEnv::without_repo();
    insta::assert_snapshot!(env.tk(["list"]), @r"
        ------- stderr -------
        error: not in a git repository (looked in $TEST_ENV/repo and its parents)
        hint: run tk inside a git repository, or create one with `git init`
        [exit status: 7]
        ");
    insta::assert_snapshot!(env.tk(["new", "Nowhere"]), @r"
        ------- stderr -------
        error: not in a git repository (looked in $TEST_ENV/repo and its parents)
        hint: run tk inside a git repository, or create one with `git init`
        [exit status: 7]
        ");
    // Help and completions need no repository.
    env.tk(["--help"]).success();
    env.tk(["completions", "bash"]).success();
}

#[test]
fn no_identity_exits_7_and_writes_nothing() {
    let env = TestEnv::without_repo();
    git2::Repository::init(env.repo()).unwrap();
    insta::assert_snapshot!(env.tk(["new", "Anonymous"]), @r#"
        ------- stderr -------
        error: no git identity: set one with `git config --global user.name "Your Name"` and `git config --global user.email you@example.com`
        [exit status: 7]
        "#);
    assert_eq!(env.ref_target(TICKETS_REF), None);
    // Reading needs no identity.
    env.tk(["list"]).success();
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.tk(["frobnicate"]), @r"
        ------- stderr -------
        error: unrecognized subcommand 'frobnicate'

        Usage: tk [OPTIONS] <COMMAND>

        For more information, try '--help'.
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["list", "--status", "open"]), @r"
        ------- stderr -------
        error: invalid value 'open' for '--status <STATUS>': invalid status `open`: expected one of new, assigned, in-progress, waiting, resolved, closed

        For more information, try '--help'.
        [exit status: 2]
        ");
    let mut cmd = env.tk_cmd(["list"]);
    cmd.env("TK_NOW", "yesterday");
    insta::assert_snapshot!(env.run(cmd), @r"
        ------- stderr -------
        error: TK_NOW `yesterday` is not an RFC 3339 time (like 2026-11-22T15:04:05Z): premature end of input
        [exit status: 2]
        ");
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let env = TestEnv::without_repo();
    let out = env.tk(["--version"]).success();
    assert_eq!(out.stdout, format!("tk {}\n", env!("CARGO_PKG_VERSION")));
    let out = env.tk(["list", "--help"]).success();
    assert!(out.stdout.contains("--requester"), "{out}");
    assert_eq!(out.stderr, "");
}
