use crate::common::{json, TestEnv, TICKETS_REF};

/// Returns the configuration `tk config show --json` prints.
fn config(env: &TestEnv) -> json::Config {
    let shown: json::ConfigResult = env.tk(["config", "show", "--json"]).json();
    assert_eq!(shown.commit, None, "showing never commits");
    shown.config
}

/// Returns the message of the last commit on the tickets ref.
fn last_message(env: &TestEnv) -> String {
    env.git(["log", "-1", "--format=%B", TICKETS_REF])
}

fn targets(response: Option<&str>, resolution: Option<&str>) -> json::SlaTargets {
    json::SlaTargets {
        response: response.map(str::to_string),
        resolution: resolution.map(str::to_string),
    }
}

#[test]
fn config_show_prints_the_defaults_as_canonical_toml() {
    let env = TestEnv::new();
    // Before `tk init` there is no tk.toml: the defaults are in effect.
    insta::assert_snapshot!(env.tk(["config", "show"]), @r#"
    # tk team configuration, shared through the tickets ref like the tickets.
    # Change it with `tk config set KEY VALUE`, `tk config edit` or `tk team`.
    schema = 1
    types = ["incident", "request", "problem", "question", "improvement", "training", "emergency"]
    categories = ["network", "hardware", "software", "access", "security", "other"]

    [priority_matrix.high]
    high = "critical"
    low = "medium"
    medium = "high"

    [priority_matrix.low]
    high = "medium"
    low = "planning"
    medium = "low"

    [priority_matrix.medium]
    high = "high"
    low = "low"
    medium = "medium"

    [sla.critical]
    response = "15m"
    resolution = "4h"

    [sla.high]
    response = "1h"
    resolution = "1d"

    [sla.low]
    response = "1d"
    resolution = "1w"

    [sla.medium]
    response = "4h"
    resolution = "3d"

    [attachments]
    max_size = "10MiB"

    [type.emergency]
    min_priority = "critical"
    [exit status: 0]
    "#);
    assert_eq!(env.ref_target(TICKETS_REF), None, "showing creates nothing");
    // The same document parses as TOML and matches what `tk init` writes.
    env.tk(["init"]).success();
    let shown = env.tk(["config", "show"]).success();
    assert_eq!(shown.stdout, env.file_on_ref("tk.toml"));
    toml::from_str::<toml::Table>(&shown.stdout).expect("config show prints TOML");

    let config = config(&env);
    assert_eq!(config.schema, 1);
    assert_eq!(
        config.types,
        [
            "incident",
            "request",
            "problem",
            "question",
            "improvement",
            "training",
            "emergency"
        ]
    );
    assert_eq!(
        config.categories,
        ["network", "hardware", "software", "access", "security", "other"]
    );
    assert_eq!(config.sla["critical"], targets(Some("15m"), Some("4h")));
    assert_eq!(config.sla["high"], targets(Some("1h"), Some("1d")));
    assert_eq!(config.sla["medium"], targets(Some("4h"), Some("3d")));
    assert_eq!(config.sla["low"], targets(Some("1d"), Some("1w")));
    assert!(
        !config.sla.contains_key("planning"),
        "planning has no SLA targets by default"
    );
    // The ITIL matrix: impact row, urgency column.
    let cell = |i: &str, u: &str| config.priority_matrix[i][u].as_str();
    assert_eq!(
        [
            cell("high", "high"),
            cell("high", "medium"),
            cell("high", "low")
        ],
        ["critical", "high", "medium"]
    );
    assert_eq!(
        [
            cell("medium", "high"),
            cell("medium", "medium"),
            cell("medium", "low")
        ],
        ["high", "medium", "low"]
    );
    assert_eq!(
        [
            cell("low", "high"),
            cell("low", "medium"),
            cell("low", "low")
        ],
        ["medium", "low", "planning"]
    );
    assert_eq!(config.business_hours, None, "calendar time by default");
    assert_eq!(config.attachments.max_size, "10MiB");
    assert!(config.team.is_none(), "no members by default");
}

#[test]
fn config_set_commits_each_key_once() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    // One change of every key family; each is one commit with a trailer.
    let sets: &[(&str, &str)] = &[
        ("types", "incident, request,problem"),
        ("categories", "Network,printers,access"),
        ("priority_matrix.low.low", "low"),
        ("sla.high.response", "30m"),
        ("sla.planning.resolution", "2w"),
        ("sla.low.resolution", "none"),
        ("business_hours.timezone", "Europe/Berlin"),
        ("business_hours.days", "mon,tue,wed,thu"),
        ("business_hours.start", "08:00"),
        ("business_hours.end", "16:30"),
        ("business_hours.holidays", "2026-12-25,2026-12-24"),
        ("attachments.max_size", "5MiB"),
    ];
    for (key, value) in sets {
        let before = env.commit_count();
        let out = env.tk(["config", "set", key, value]).success();
        assert_eq!(out.stderr, format!("Set {key} = {value}.\n"));
        assert_eq!(env.commit_count(), before + 1, "one commit for {key}");
        assert_eq!(last_message(&env), "tk: config\n\nTk-Action: config\n\n");
    }
    // Lists are trimmed and lower-cased, holidays sorted, days in week
    // order; the whole file is rewritten canonically.
    insta::assert_snapshot!(env.file_on_ref("tk.toml"), @r#"
    # tk team configuration, shared through the tickets ref like the tickets.
    # Change it with `tk config set KEY VALUE`, `tk config edit` or `tk team`.
    schema = 1
    types = ["incident", "request", "problem"]
    categories = ["network", "printers", "access"]

    [priority_matrix.high]
    high = "critical"
    low = "medium"
    medium = "high"

    [priority_matrix.low]
    high = "medium"
    low = "low"
    medium = "low"

    [priority_matrix.medium]
    high = "high"
    low = "low"
    medium = "medium"

    [sla.critical]
    response = "15m"
    resolution = "4h"

    [sla.high]
    response = "30m"
    resolution = "1d"

    [sla.low]
    response = "1d"

    [sla.medium]
    response = "4h"
    resolution = "3d"

    [sla.planning]
    resolution = "2w"

    [business_hours]
    timezone = "Europe/Berlin"
    days = ["mon", "tue", "wed", "thu"]
    start = "08:00"
    end = "16:30"
    holidays = ["2026-12-24", "2026-12-25"]

    [attachments]
    max_size = "5MiB"
    "#);
    let shown = config(&env);
    assert_eq!(shown.sla["high"], targets(Some("30m"), Some("1d")));
    assert_eq!(shown.sla["low"], targets(Some("1d"), None));
    assert_eq!(shown.sla["planning"], targets(None, Some("2w")));
    assert_eq!(shown.attachments.max_size, "5MiB");
    assert_eq!(
        shown.business_hours,
        Some(json::BusinessHours {
            timezone: "Europe/Berlin".to_string(),
            days: vec!["mon", "tue", "wed", "thu"]
                .into_iter()
                .map(String::from)
                .collect(),
            start: "08:00".to_string(),
            end: "16:30".to_string(),
            holidays: vec!["2026-12-24".to_string(), "2026-12-25".to_string()],
        })
    );

    // `none` removes the business hours: SLA clocks count calendar time.
    let before = env.commit_count();
    env.tk(["config", "set", "business_hours", "none"])
        .success();
    assert_eq!(env.commit_count(), before + 1);
    assert_eq!(config(&env).business_hours, None);
    // Setting what is already there commits nothing.
    let tip = env.tip();
    env.tk(["config", "set", "sla.high.response", "30m"])
        .success();
    assert_eq!(env.tip(), tip);

    // With --json, a write prints the new configuration and the commit.
    let written: json::ConfigResult = env
        .tk(["config", "set", "attachments.max_size", "2048", "--json"])
        .json();
    assert_eq!(written.commit.as_deref(), Some(env.tip().as_str()));
    assert_eq!(written.config.attachments.max_size, "2KiB");
}

#[test]
fn config_set_refuses_invalid_values_before_committing() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["config", "set", "sla.high.response", "soon"]), @r"
    ------- stderr -------
    error: invalid tk.toml key `sla.high.response`: invalid duration `soon`: use numbers with units w, d, h, m, like 15m, 4h, 1d or 1d4h
    [exit status: 2]
    ");
    insta::assert_snapshot!(env.tk(["config", "set", "colour", "red"]), @r"
    ------- stderr -------
    error: invalid tk.toml key `colour`: not a key tk config set knows; use one of types, categories, type.TYPE.min_priority, type.TYPE.response, type.TYPE.resolution, priority_matrix.IMPACT.URGENCY, sla.PRIORITY.response, sla.PRIORITY.resolution, business_hours (none), business_hours.timezone, business_hours.days, business_hours.start, business_hours.end, business_hours.holidays, attachments.max_size, mail.address, mail.name, mail.type, mail.category, mail.subject_tag, mail.allowed_senders, mail.max_size, mail.reopen_on_reply, views.NAME, group.NAME.members, group.NAME.categories, group.NAME.escalate_to, field.NAME.kind, field.NAME.choices, field.NAME.description, report.sla_compliance, report.satisfaction; use `tk team` for members
    [exit status: 2]
    ");
    // Every key family refuses a bad value and names the key.
    let bad: &[(&str, &str, &str)] = &[
        ("types", "incident,Out Age", "`types`"),
        ("types", "", "`types`: list at least one ticket type"),
        (
            "categories",
            " , ",
            "`categories`: list at least one category",
        ),
        (
            "priority_matrix.low.low",
            "urgent",
            "`priority_matrix.low.low`",
        ),
        ("priority_matrix.huge.low", "low", "`priority_matrix.huge`"),
        ("sla.urgent.response", "1h", "`sla.urgent`"),
        ("sla.high.resolution", "1 day", "`sla.high.resolution`"),
        ("sla.high.deadline", "1h", "`sla.high.deadline`"),
        (
            "business_hours.timezone",
            "Mars/Olympus",
            "`business_hours.timezone`: `Mars/Olympus` is not an IANA time zone",
        ),
        (
            "business_hours.days",
            "mon,funday",
            "`business_hours.days`: `funday` is not a weekday",
        ),
        (
            "business_hours.start",
            "9am",
            "`business_hours.start`: `9am` is not a time like 09:00",
        ),
        (
            "business_hours.end",
            "08:00",
            "`business_hours.end`: must be later than business_hours.start",
        ),
        (
            "business_hours.holidays",
            "2026-12-25,Christmas",
            "`business_hours.holidays`: `Christmas` is not a date",
        ),
        ("business_hours.lunch", "12:00", "`business_hours.lunch`"),
        (
            "attachments.max_size",
            "10 parsecs",
            "`attachments.max_size`: `10 parsecs` has an unknown unit",
        ),
        ("attachments.max_size", "0", "`attachments.max_size`"),
    ];
    for (key, value, expected) in bad {
        let out = env.tk(["config", "set", key, value]);
        assert_eq!(out.status, 2, "{key} = {value:?}:\n{out}");
        assert!(
            out.stderr
                .contains(&format!("invalid tk.toml key {expected}")),
            "{key} = {value:?}:\n{out}"
        );
        assert_eq!(env.tip(), tip, "{key} = {value:?} committed something");
    }
}

#[test]
fn config_edit_commits_a_valid_edit() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let editor = env.write_script(
        "editor.sh",
        r#"sed -i.orig -e 's/^response = "1h"/response = "45m"/' "$1""#,
    );
    let before = env.commit_count();
    let old = env.file_on_ref("tk.toml");
    let mut cmd = env.tk_cmd(["config", "edit"]);
    cmd.env("EDITOR", &editor);
    insta::assert_snapshot!(env.run(cmd), @r"
    ------- stderr -------
    Saved tk.toml.
    [exit status: 0]
    ");
    assert_eq!(env.commit_count(), before + 1);
    assert_eq!(last_message(&env), "tk: config\n\nTk-Action: config\n\n");
    // The edit is saved as written, down to the final newline.
    assert_eq!(
        env.file_on_ref("tk.toml"),
        old.replace("response = \"1h\"", "response = \"45m\"")
    );
    assert_eq!(config(&env).sla["high"], targets(Some("45m"), Some("1d")));
}

#[test]
fn config_edit_commits_nothing_when_invalid_or_unchanged() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let tip = env.tip();

    let invalid = env.write_script(
        "invalid.sh",
        r#"sed -i.orig -e 's/^resolution = "4h"/resolution = "soon"/' "$1""#,
    );
    let mut cmd = env.tk_cmd(["config", "edit"]);
    cmd.env("EDITOR", &invalid);
    insta::assert_snapshot!(env.run(cmd), @r"
    ------- stderr -------
    error: invalid edit, nothing saved: invalid tk.toml key `sla.critical.resolution`: invalid duration `soon`: use numbers with units w, d, h, m, like 15m, 4h, 1d or 1d4h
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip);

    // A TOML syntax error names the line.
    let garbled = env.write_script("garbled.sh", r#"echo 'types = [' >> "$1""#);
    let mut cmd = env.tk_cmd(["config", "edit"]);
    cmd.env("VISUAL", &garbled);
    let out = env.run(cmd);
    assert_eq!(out.status, 2, "{out}");
    assert!(
        out.stderr
            .starts_with("error: invalid edit, nothing saved: invalid tk.toml key `line "),
        "{out}"
    );
    assert_eq!(env.tip(), tip);

    let unchanged = env.write_script("unchanged.sh", "true");
    let mut cmd = env.tk_cmd(["config", "edit"]);
    cmd.env("EDITOR", &unchanged);
    insta::assert_snapshot!(env.run(cmd), @r"
    ------- stderr -------
    No changes.
    [exit status: 0]
    ");
    assert_eq!(env.tip(), tip);

    let mut cmd = env.tk_cmd(["config", "edit", "--no-input"]);
    cmd.env("EDITOR", &unchanged);
    insta::assert_snapshot!(env.run(cmd), @r"
    ------- stderr -------
    error: tk config edit opens an editor, which --no-input forbids
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip);
}

#[test]
fn a_broken_config_does_not_stop_reading_tickets() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    let mut broken = env.file_on_ref("tk.toml");
    broken = broken.replace("response = \"1h\"", "response = \"an hour\"");
    env.commit_with_git("tk.toml", &broken, ("Sam Ops", "sam@example.com"));

    let out = env.tk(["list"]);
    assert_eq!(out.status, 0, "{out}");
    assert!(out.stdout.contains("VPN drops"), "{out}");
    insta::assert_snapshot!(out.stderr, @"warning: tk.toml on refs/heads/tk/tickets: invalid tk.toml key `sla.high.response`: invalid duration `an hour`: use numbers with units w, d, h, m, like 15m, 4h, 1d or 1d4h; using the default configuration");
    let out = env.tk(["show", &id]);
    assert_eq!(out.status, 0, "{out}");
    assert!(out.stdout.contains("VPN drops"), "{out}");
    assert!(
        out.stderr.contains(
            "warning: tk.toml on refs/heads/tk/tickets: invalid tk.toml key `sla.high.response`"
        ),
        "{out}"
    );
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.title, "VPN drops");

    insta::assert_snapshot!(env.tk(["config", "show"]), @r"
    ------- stderr -------
    error: tk.toml on refs/heads/tk/tickets: invalid tk.toml key `sla.high.response`: invalid duration `an hour`: use numbers with units w, d, h, m, like 15m, 4h, 1d or 1d4h
    [exit status: 1]
    ");
    // Writes that need the policy (priority matrix, SLA targets) refuse
    // rather than record targets from a configuration nobody wrote; the
    // others go on.
    let tip = env.tip();
    let out = env.tk(["new", "Printer"]);
    assert_eq!(out.status, 1, "{out}");
    assert!(
        out.stderr
            .contains("invalid tk.toml key `sla.high.response`"),
        "{out}"
    );
    let out = env.tk(["set", &id, "impact=high"]);
    assert_eq!(out.status, 1, "{out}");
    assert_eq!(env.tip(), tip);
    env.tk(["comment", &id, "-m", "Still on it."]).success();

    // `tk config edit` repairs it.
    let tip = env.tip();
    let fix = env.write_script(
        "fix.sh",
        r#"sed -i.orig -e 's/^response = "an hour"/response = "1h"/' "$1""#,
    );
    let mut cmd = env.tk_cmd(["config", "edit"]);
    cmd.env("EDITOR", &fix);
    env.run(cmd).success();
    assert_ne!(env.tip(), tip);
    let out = env.tk(["config", "show"]).success();
    assert_eq!(out.stderr, "");
    assert_eq!(config(&env).sla["high"], targets(Some("1h"), Some("1d")));
}

#[test]
fn tickets_only_take_the_team_categories_and_types() {
    let env = TestEnv::new();
    env.tk(["init"]).success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["new", "Leak", "--category", "plumbing"]), @"
    ------- stderr -------
    error: unknown category `plumbing`: use one of network, hardware, software, access, security, other
    [exit status: 2]
    ");
    assert_eq!(env.tip(), tip);
    // Categories match in any case and are stored lower-case.
    let id = env.new_ticket("VPN drops", &["--category", "Network"]);
    let shown: json::Shown = env.tk(["show", &id, "--json"]).json();
    assert_eq!(shown.category.as_deref(), Some("network"));

    env.tk(["config", "set", "categories", "network,plumbing"])
        .success();
    env.new_ticket("Leak", &["--category", "plumbing"]);
    let tip = env.tip();
    let out = env.tk(["set", &id, "category=hardware"]);
    assert_eq!(out.status, 2, "{out}");
    assert_eq!(
        out.stderr,
        "error: unknown category `hardware`: use one of network, plumbing\n"
    );
    assert_eq!(env.tip(), tip);

    env.tk(["config", "set", "types", "incident,request"])
        .success();
    let tip = env.tip();
    insta::assert_snapshot!(env.tk(["new", "Root cause", "--type", "problem"]), @"
    ------- stderr -------
    error: this team does not use type `problem`: use one of incident, request
    [exit status: 2]
    ");
    let out = env.tk(["set", &id, "type=question"]);
    assert_eq!(out.status, 2, "{out}");
    assert!(out.stderr.contains("use one of incident, request"), "{out}");
    assert_eq!(env.tip(), tip);
    env.new_ticket("New laptop", &["--type", "request"]);
}
