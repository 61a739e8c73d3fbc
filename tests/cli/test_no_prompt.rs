//! Off a terminal (tests never have one) a missing value is an error that
//! names the flag, never a prompt.

use crate::common::TestEnv;

#[test]
fn missing_title_is_a_usage_error() {
    let env = TestEnv::new();
    insta::assert_snapshot!(env.tk(["new"]), @r#"
        ------- stderr -------
        error: missing title: give it as the first argument, e.g. tk new "VPN drops"
        [exit status: 2]
        "#);
    insta::assert_snapshot!(env.tk(["new", "--type", "request", "--no-input"]), @r#"
        ------- stderr -------
        error: missing title: give it as the first argument, e.g. tk new "VPN drops"
        [exit status: 2]
        "#);
}

#[test]
fn missing_bodies_are_usage_errors() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer", &[]);
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["comment", &id]), @r"
        ------- stderr -------
        error: missing comment: give -m TEXT, -m - (stdin) or --file FILE
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk(["resolve", &id]), @r"
        ------- stderr -------
        error: missing resolution summary: give -m TEXT, -m - (stdin) or --file FILE
        [exit status: 2]
        ");
    insta::assert_snapshot!(env.tk_with_stdin(["comment", &id, "-m", "-"], " \n"), @r"
        ------- stderr -------
        error: the comment is empty
        [exit status: 2]
        ");
    assert_eq!(env.tip(), tip, "nothing was written");
    // Optional reasons stay optional.
    env.tk(["wait", &id]).success();
}
