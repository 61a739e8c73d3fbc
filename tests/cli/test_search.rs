//! `tk search`: words, phrases, prefixes, ranking, and `tk list`'s filters.

use crate::common::{json, TestEnv};

/// Returns the titles `tk search ARGS --json` prints, in order.
fn found(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let listed: Vec<json::Listed> = env.tk(all).success().json();
    listed.into_iter().map(|t| t.title).collect()
}

/// Three tickets that mention the VPN in different places.
fn desk() -> (TestEnv, [String; 3]) {
    let env = TestEnv::new();
    let body = env.new_ticket("Printer jams", &["-m", "Paper jam, not the VPN."]);
    let title = env.new_ticket("VPN drops every ten minutes", &["-m", "Since Monday."]);
    let comment = env.new_ticket("Mail bounces", &["-m", "SMTP relay refuses mail."]);
    env.tk(["comment", &comment, "-m", "Checked: the VPN is fine."])
        .success();
    (env, [body, title, comment])
}

#[test]
fn search_ranks_title_matches_first_and_finds_comments() {
    let (env, _) = desk();
    let titles = found(&env, &["vpn"]);
    assert_eq!(titles[0], "VPN drops every ten minutes");
    assert_eq!(
        titles.len(),
        3,
        "title, description and comment: {titles:?}"
    );
    insta::assert_snapshot!(env.tk(["search", "VPN"]), @"
     ID       PRI     STATUS  TYPE      AGE  DUE    ASSIGNEE  TITLE
     29x08eh  medium  new     incident  4m   in 3h  -         VPN drops every ten minutes
     tzsp6d6  medium  new     incident  5m   in 3h  -         Printer jams
     m3zb45p  medium  new     incident  3m   in 3h  -         Mail bounces
    [exit status: 0]
    ");
}

#[test]
fn phrases_need_their_words_in_order_and_words_do_not() {
    let (env, _) = desk();
    assert_eq!(
        found(&env, &["\"drops every\""]),
        ["VPN drops every ten minutes"]
    );
    assert!(found(&env, &["\"every drops\""]).is_empty());
    assert_eq!(
        found(&env, &["every", "drops"]),
        ["VPN drops every ten minutes"]
    );
    // Every term must match.
    assert_eq!(found(&env, &["vpn", "mail"]), ["Mail bounces"]);
}

#[test]
fn prefixes_match_the_start_of_words() {
    let (env, _) = desk();
    assert_eq!(found(&env, &["refus*"]), ["Mail bounces"]);
    assert!(found(&env, &["efuses*"]).is_empty());
    assert!(found(&env, &["refus"]).is_empty(), "a word is a whole word");
}

#[test]
fn search_takes_the_list_filters() {
    let (env, [body, title, _]) = desk();
    env.tk(["resolve", &title, "-m", "Replaced the VPN concentrator"])
        .success();
    env.tk(["close", &body, "--reason", "duplicate"]).success();
    assert_eq!(
        found(&env, &["vpn", "--status", "resolved"]),
        ["VPN drops every ten minutes"]
    );
    // Closed tickets are left out unless asked for, as in tk list.
    assert_eq!(found(&env, &["paper"]), Vec::<String>::new());
    assert_eq!(found(&env, &["paper", "--all"]), ["Printer jams"]);
    // Resolutions are searched too.
    assert_eq!(
        found(&env, &["concentrator"]),
        ["VPN drops every ten minutes"]
    );
    // --sort replaces the ranking.
    assert_eq!(
        found(&env, &["vpn", "--all", "--sort", "created"]),
        [
            "Printer jams",
            "VPN drops every ten minutes",
            "Mail bounces"
        ]
    );
}

#[test]
fn search_sees_every_write_and_survives_a_deleted_cache() {
    let (env, [body, _, _]) = desk();
    assert!(found(&env, &["toner"]).is_empty());
    env.tk(["comment", &body, "-m", "Out of toner as well"])
        .success();
    assert_eq!(found(&env, &["toner"]), ["Printer jams"]);
    env.tk(["set", &body, "title=Toner empty"]).success();
    assert_eq!(found(&env, &["printer"]), Vec::<String>::new());
    std::fs::remove_dir_all(env.repo().join(".git/tk")).expect("removable");
    assert_eq!(found(&env, &["toner"]), ["Toner empty"]);
}

#[test]
fn an_empty_or_broken_query_is_a_usage_error() {
    let (env, _) = desk();
    insta::assert_snapshot!(env.tk(["search", "--", "---"]), @"
    ------- stderr -------
    error: nothing to search for: give at least one word
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["search", "\"vpn"]), @"
    ------- stderr -------
    error: unclosed quote in the search text
    [exit status: 2]
    ");
}

#[test]
fn a_search_that_finds_only_closed_tickets_says_so() {
    let (env, [_, vpn, _]) = desk();
    env.tk(["close", &vpn, "--reason", "duplicate"]).success();
    let out = env.tk(["search", "drops"]);
    assert_eq!(out.status, 0, "{out}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "No tickets match.\n1 closed ticket matches: add --all to include closed tickets.\n"
    );
    // The other filters still apply, and --all or --status need no hint.
    let out = env.tk(["search", "drops", "--assignee", "none"]);
    assert!(out.stderr.contains("1 closed ticket matches"), "{out}");
    let out = env.tk(["search", "drops", "--category", "nothing-here"]);
    assert_eq!(out.stderr, "No tickets match.\n", "{out}");
    let out = env.tk(["search", "drops", "--status", "new"]);
    assert_eq!(out.stderr, "No tickets match.\n", "{out}");
    assert_eq!(found(&env, &["drops"]), Vec::<String>::new());
    assert_eq!(found(&env, &["drops", "--all"]).len(), 1);
}
