use crate::common::{json, TestEnv};

#[test]
fn watch_defaults_to_me_and_keeps_watchers_sorted() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    insta::assert_snapshot!(env.tk(["watch", &id]), @r#"
    ------- stderr -------
    test.user@example.com is watching tzsp6d6 "VPN drops".
    [exit status: 0]
    "#);
    let written: json::Written = env
        .tk(["watch", &id[..5], "ana@example.com", "--json"])
        .json();
    assert_eq!(written.commit.as_deref(), Some(env.tip().as_str()));
    assert_eq!(
        written.watchers,
        ["ana@example.com", "test.user@example.com"]
    );
    let event = written.events.last().unwrap();
    assert_eq!(
        (event.action.as_str(), event.who.as_deref()),
        ("watch", Some("ana@example.com"))
    );
    let page = env.tk(["show", &id]).success().stdout;
    assert!(
        page.contains("Watchers:   ana@example.com, test.user@example.com\n"),
        "{page}"
    );
    let file = env.file_on_ref(&format!("tickets/{}/{id}.toml", &id[..2]));
    assert!(
        file.contains("watchers = [\"ana@example.com\", \"test.user@example.com\"]\n"),
        "{file}"
    );
}

#[test]
fn watching_again_commits_nothing_and_unwatching_a_stranger_exits_5() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    env.tk(["watch", &id, "me"]).success();
    let count = env.commit_count();
    insta::assert_snapshot!(env.tk(["watch", &id]), @r#"
    ------- stderr -------
    Nothing changed on tzsp6d6 "VPN drops".
    [exit status: 0]
    "#);
    insta::assert_snapshot!(env.tk(["unwatch", &id, "bo@example.com"]), @"
    ------- stderr -------
    error: bo@example.com is not watching ticket tzsp6d6
    [exit status: 5]
    ");
    assert_eq!(env.commit_count(), count);
    insta::assert_snapshot!(env.tk(["unwatch", &id]), @r#"
    ------- stderr -------
    test.user@example.com stopped watching tzsp6d6 "VPN drops".
    [exit status: 0]
    "#);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert!(shown.watchers.is_empty());
    insta::assert_snapshot!(env.tk(["watch", &id, " "]), @"
    ------- stderr -------
    error: a person cannot be empty
    [exit status: 2]
    ");
}

#[test]
fn watchers_are_allowed_in_every_status() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    env.tk(["resolve", &id, "-m", "fixed"]).success();
    env.tk(["close", &id]).success();
    let written: json::Written = env.tk(["watch", &id, "--json"]).json();
    assert_eq!(
        (written.status.as_str(), written.watchers.len()),
        ("closed", 1)
    );
    env.tk(["unwatch", &id]).success();
}
