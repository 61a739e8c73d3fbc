use crate::common::{json, TestEnv, TICKETS_REF};

#[test]
fn init_creates_the_ref_once() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.tk(["init"]), @r"
        ------- stderr -------
        Initialized tickets on refs/heads/tk/tickets.
        [exit status: 0]
        ");
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["init"]), @r"
        ------- stderr -------
        Tickets already live on refs/heads/tk/tickets; nothing to do.
        [exit status: 0]
        ");
    assert_eq!(env.tip(), tip, "a second init must not commit");
    assert_eq!(env.commit_count(), 1);
    insta::assert_snapshot!(env.git(["ls-tree", "-r", "--name-only", TICKETS_REF]), @"tk.toml");
    // The defaults themselves are spelled out in test_config's snapshot of
    // `tk config show`; here, init writes exactly them.
    let written = env.file_on_ref("tk.toml");
    assert!(written.starts_with("# tk team configuration"), "{written}");
    assert_eq!(written, tk::team::TeamConfig::default().to_toml());
}

#[test]
fn init_json_reports_whether_it_created_the_ref() {
    let env = TestEnv::new();
    let first: json::Init = env.tk(["init", "--json"]).json();
    assert_eq!(first.refname, TICKETS_REF);
    assert!(first.created);
    assert_eq!(first.commit.as_deref(), Some(env.tip().as_str()));
    let again = env.tk(["init", "--json"]);
    assert_eq!(again.stderr, "");
    let again: json::Init = again.json();
    assert!(!again.created);
    assert_eq!(again.commit, None);
}

#[test]
fn head_and_branches_are_untouched_by_init() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    // HEAD still points at the unborn main branch, and the tickets ref is
    // the only ref.
    insta::assert_snapshot!(env.git(["symbolic-ref", "HEAD"]), @"refs/heads/main");
    insta::assert_snapshot!(env.git(["for-each-ref", "--format=%(refname)"]), @"refs/heads/tk/tickets");
}
