use crate::common::{json, TestEnv};

#[test]
fn log_shows_the_history_of_all_tickets_or_one() {
    let env = TestEnv::new();
    let vpn = env.new_ticket("VPN drops", &[]);
    let printer = env.new_ticket("Printer jams", &[]);
    env.tk(["start", &vpn]).success();
    env.tk(["resolve", &printer, "-m", "Rollers"]).success();
    insta::assert_snapshot!(env.tk(["log"]), @r#"
    6b1c71239b 2026-03-02 09:04 Test User <test.user@example.com>  tk: resolve 29x08eh "Printer jams"
    110369016e 2026-03-02 09:03 Test User <test.user@example.com>  tk: start tzsp6d6 "VPN drops"
    8362e9d69d 2026-03-02 09:02 Test User <test.user@example.com>  tk: new 29x08eh "Printer jams"
    ce6b74840d 2026-03-02 09:01 Test User <test.user@example.com>  tk: new tzsp6d6 "VPN drops"
    [exit status: 0]
    "#);
    insta::assert_snapshot!(env.tk(["log", &vpn[..5]]), @r#"
    110369016e 2026-03-02 09:03 Test User <test.user@example.com>  tk: start tzsp6d6 "VPN drops"
    ce6b74840d 2026-03-02 09:01 Test User <test.user@example.com>  tk: new tzsp6d6 "VPN drops"
    [exit status: 0]
    "#);
    insta::assert_snapshot!(env.tk(["log", "-n", "1"]), @r#"
    6b1c71239b 2026-03-02 09:04 Test User <test.user@example.com>  tk: resolve 29x08eh "Printer jams"
    [exit status: 0]
    "#);
    insta::assert_snapshot!(env.tk(["log", "zzzz"]), @r"
        ------- stderr -------
        error: no ticket matches `zzzz`
        hint: `tk list --all` shows every ticket
        [exit status: 3]
        ");
}

#[test]
fn log_json_reads_the_trailers() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let id = env.new_ticket("VPN drops", &[]);
    env.tk(["comment", &id, "-m", "Looking"]).success();
    let log: Vec<json::LogEntry> = env.tk(["log", "--json"]).json();
    let summary: Vec<(Option<&str>, Vec<&str>, &str)> = log
        .iter()
        .map(|e| {
            (
                e.action.as_deref(),
                e.tickets.iter().map(String::as_str).collect(),
                e.author.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                Some("comment"),
                vec![id.as_str()],
                "Test User <test.user@example.com>"
            ),
            (
                Some("new"),
                vec![id.as_str()],
                "Test User <test.user@example.com>"
            ),
            (Some("init"), vec![], "Test User <test.user@example.com>"),
        ]
    );
    assert_eq!(log[0].commit, env.tip());
    assert_eq!(log[0].at, TestEnv::time_of(3));
    assert!(log[0].subject.starts_with("tk: comment "), "{:?}", log[0]);
    let limited: Vec<json::LogEntry> = env.tk(["log", "--json", "-n", "2", &id]).json();
    assert_eq!(limited.len(), 2);
}
