use super::*;
use std::collections::HashMap;

#[test]
fn defaults_round_trip_through_the_canonical_text() {
    let config = TeamConfig::default();
    let text = config.to_toml();
    assert_eq!(TeamConfig::parse(Some(&text)).unwrap(), config);
    assert_eq!(TeamConfig::parse(None).unwrap(), config);
    assert!(
        text.contains("[sla.critical]\nresponse = \"15m\"\nresolution = \"4h\""),
        "{text}"
    );
    assert_eq!(config.targets(Priority::Planning), Targets::default());
    assert_eq!(config.attachment_limit, 10 * 1024 * 1024);
}

#[test]
fn invalid_values_name_the_key() {
    let err = |text: &str| TeamConfig::parse(Some(text)).unwrap_err().key;
    assert_eq!(err("[sla.high]\nresponse = \"soon\""), "sla.high.response");
    assert_eq!(err("[sla.urgent]\nresponse = \"1h\""), "sla.urgent");
    assert_eq!(
        err("[business_hours]\ntimezone = \"Mars/Olympus\""),
        "business_hours.timezone"
    );
    assert_eq!(
        err("[business_hours]\nstart = \"18:00\""),
        "business_hours.end"
    );
    assert_eq!(
        err("[priority_matrix.high]\nlow = \"meh\""),
        "priority_matrix.high.low"
    );
    assert_eq!(err("types = [\"no spaces\"]"), "types");
    assert_eq!(
        err("[attachments]\nmax_size = \"lots\""),
        "attachments.max_size"
    );
    assert_eq!(err("colour = 1"), "line 1");
    assert_eq!(err("schema = 1\ncolour = 1"), "line 2");
    assert_eq!(err("schema = 1\n\ntypes = [\n"), "line 3");
}

#[test]
fn set_key_validates_and_writes_canonically() {
    let text = TeamConfig::set_key(None, "sla.high.response", "30m").unwrap();
    let config = TeamConfig::parse(Some(&text)).unwrap();
    assert_eq!(
        config.targets(Priority::High).response,
        Some("30m".parse().unwrap())
    );
    assert_eq!(
        config.targets(Priority::Medium),
        TeamConfig::default().targets(Priority::Medium)
    );
    let text =
        TeamConfig::set_key(Some(&text), "business_hours.timezone", "Europe/Berlin").unwrap();
    let hours = TeamConfig::parse(Some(&text))
        .unwrap()
        .business_hours
        .unwrap();
    assert_eq!(
        (hours.timezone, hours.days.len()),
        (chrono_tz::Europe::Berlin, 5)
    );
    let text = TeamConfig::set_key(Some(&text), "categories", "Network, printers").unwrap();
    assert_eq!(
        TeamConfig::parse(Some(&text)).unwrap().categories,
        ["network", "printers"]
    );
    let text = TeamConfig::set_key(Some(&text), "business_hours", "none").unwrap();
    assert!(TeamConfig::parse(Some(&text))
        .unwrap()
        .business_hours
        .is_none());
    let err = TeamConfig::set_key(Some(&text), "sla.high.response", "soon").unwrap_err();
    assert_eq!(err.key, "sla.high.response");
    let err = TeamConfig::set_key(Some(&text), "colour", "red").unwrap_err();
    assert!(
        err.to_string().contains("not a key tk config set knows"),
        "{err}"
    );
}

#[test]
fn policy_fills_priority_and_targets() {
    let mut config = TeamConfig::default();
    config.matrix[0][0] = Priority::Low;
    let mut changes = Changes {
        impact: Some(Level::Low),
        urgency: Some(Level::Low),
        ..Changes::default()
    };
    config.apply_policy(&mut changes, None);
    assert_eq!(changes.priority, Some(Priority::Low));
    assert_eq!(changes.resolution_target, Some(Some("1w".parse().unwrap())));
    let mut explicit = Changes {
        priority: Some(Priority::Planning),
        ..Changes::default()
    };
    config.apply_policy(&mut explicit, None);
    assert_eq!(explicit.response_target, Some(None));
    let mut title_only = Changes {
        title: Some("x".into()),
        ..Changes::default()
    };
    let existing = crate::model::Ticket::create(
        crate::model::TicketId::parse("abcdabcdabcdabcd").unwrap(),
        crate::model::Event {
            id: crate::model::EventId::parse("e1").unwrap(),
            clock: 1,
            at: crate::model::Timestamp::from_unix(0),
            by: "a".into(),
            action: crate::model::Action::Create(Changes {
                title: Some("t".into()),
                ..Changes::default()
            }),
        },
    )
    .unwrap();
    config.apply_policy(&mut title_only, Some(existing.state()));
    assert_eq!(
        title_only.priority, None,
        "a title change leaves the SLA alone"
    );
}

#[test]
fn auto_assign_prefers_skill_then_load_then_email() {
    let text = "[team.\"bo@x.org\"]\nskills = [\"network\"]\n[team.\"al@x.org\"]\nskills = [\"network\"]\n[team.\"cy@x.org\"]\nskills = [\"hardware\"]\n";
    let config = TeamConfig::parse(Some(text)).unwrap();
    let mut open = HashMap::new();
    let pick = pick_assignee(&config, Some("network"), None, &open, day()).unwrap();
    assert_eq!(pick.email, "al@x.org", "tie broken by email");
    open.insert("al@x.org".to_string(), 2);
    assert_eq!(
        pick_assignee(&config, Some("network"), None, &open, day())
            .unwrap()
            .email,
        "bo@x.org"
    );
    let pick = pick_assignee(&config, Some("security"), None, &open, day()).unwrap();
    assert_eq!(pick.email, "bo@x.org");
    assert!(
        pick.reason.contains("nobody has the skill security"),
        "{}",
        pick.reason
    );
    assert_eq!(
        pick_assignee(&TeamConfig::default(), None, None, &open, day()),
        Err(NoPick::NoMembers)
    );
    // The category is matched as the ticket stores it: trimmed, any case.
    let pick = pick_assignee(&config, Some(" Hardware "), None, &open, day()).unwrap();
    assert_eq!(pick.email, "cy@x.org");
    assert!(
        pick.reason.contains("the skill hardware"),
        "{}",
        pick.reason
    );
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

#[test]
fn auto_assign_skips_members_away_or_at_their_cap() {
    let text = "[team.\"al@x.org\"]\nskills = [\"network\"]\naway = true\n[team.\"bo@x.org\"]\nskills = [\"network\"]\nmax_open = 2\n[team.\"cy@x.org\"]\nskills = [\"network\"]\naway = \"2026-12-03\"\n";
    let config = TeamConfig::parse(Some(text)).unwrap();
    let mut open = HashMap::new();
    // Al is away until back, Cy through the 3rd: Bo, the only one left.
    let pick = pick_assignee(&config, Some("network"), None, &open, day()).unwrap();
    assert_eq!(pick.email, "bo@x.org");
    assert!(
        pick.reason.contains("2 away or at their cap skipped"),
        "{}",
        pick.reason
    );
    // Bo at his cap of 2: nobody is available.
    open.insert("bo@x.org".to_string(), 2);
    assert_eq!(
        pick_assignee(&config, Some("network"), None, &open, day()),
        Err(NoPick::NobodyAvailable {
            members: 3,
            group: None
        })
    );
    // On the 4th Cy is back.
    let fourth = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let pick = pick_assignee(&config, Some("network"), None, &open, fourth).unwrap();
    assert_eq!(pick.email, "cy@x.org");
    // The load spreads: the fewest open tickets among the available wins.
    open.insert("bo@x.org".to_string(), 1);
    open.insert("cy@x.org".to_string(), 3);
    let pick = pick_assignee(&config, Some("network"), None, &open, fourth).unwrap();
    assert_eq!(pick.email, "bo@x.org");
}

#[test]
fn availability_round_trips_and_bad_values_name_their_key() {
    let text = "[team.\"al@x.org\"]\naway = \"2026-12-24\"\nmax_open = 5\n";
    let config = TeamConfig::parse(Some(text)).unwrap();
    let again = TeamConfig::parse(Some(&config.to_toml())).unwrap();
    assert_eq!(again, config);
    let member = &config.members["al@x.org"];
    assert_eq!(member.max_open, Some(5));
    assert!(member.is_away(day()));
    let bad = TeamConfig::parse(Some("[team.\"al@x.org\"]\naway = \"soon\"\n")).unwrap_err();
    assert_eq!(bad.key, "team.\"al@x.org\".away");
    let bad = TeamConfig::parse(Some("[team.\"al@x.org\"]\nmax_open = 0\n")).unwrap_err();
    assert_eq!(bad.key, "team.\"al@x.org\".max_open");
}

#[test]
fn a_types_minimum_priority_raises_the_matrix_and_its_targets_replace_the_prioritys() {
    let text = "types = [\"incident\", \"emergency\", \"change\"]\n[type.change]\nmin_priority = \"high\"\nresponse = \"30m\"\nresolution = \"2d\"\n";
    let config = TeamConfig::parse(Some(text)).unwrap();
    // The built-in emergency keeps its default minimum: critical.
    let mut emergency = Changes {
        ticket_type: Some(TicketType::EMERGENCY),
        ..Changes::default()
    };
    config.apply_policy(&mut emergency, None);
    assert_eq!(emergency.priority, Some(Priority::Critical));
    assert_eq!(
        emergency.response_target,
        Some(Some("15m".parse().unwrap()))
    );
    // A change of low impact and urgency is raised to high, with its own targets.
    let mut change = Changes {
        ticket_type: Some("change".parse().unwrap()),
        impact: Some(Level::Low),
        urgency: Some(Level::Low),
        ..Changes::default()
    };
    config.apply_policy(&mut change, None);
    assert_eq!(change.priority, Some(Priority::High));
    assert_eq!(change.response_target, Some(Some("30m".parse().unwrap())));
    assert_eq!(change.resolution_target, Some(Some("2d".parse().unwrap())));
    // A matrix result above the minimum stays.
    let mut urgent = Changes {
        ticket_type: Some("change".parse().unwrap()),
        impact: Some(Level::High),
        urgency: Some(Level::High),
        ..Changes::default()
    };
    config.apply_policy(&mut urgent, None);
    assert_eq!(urgent.priority, Some(Priority::Critical));
    // An explicit priority wins over the minimum.
    let mut explicit = Changes {
        ticket_type: Some(TicketType::EMERGENCY),
        priority: Some(Priority::Low),
        ..Changes::default()
    };
    config.apply_policy(&mut explicit, None);
    assert_eq!(explicit.priority, Some(Priority::Low));
    // The canonical text keeps the policies.
    assert_eq!(TeamConfig::parse(Some(&config.to_toml())).unwrap(), config);
}

#[test]
fn type_policies_are_validated_and_files_without_them_keep_working() {
    let old = "types = [\"incident\", \"emergency\"]\n";
    let config = TeamConfig::parse(Some(old)).unwrap();
    assert_eq!(
        config.type_policies[&TicketType::EMERGENCY].min_priority,
        Some(Priority::Critical)
    );
    let bad = TeamConfig::parse(Some("[type.change]\nmin_priority = \"high\"\n")).unwrap_err();
    assert_eq!(bad.key, "type.change");
    let bad = TeamConfig::parse(Some("[type.emergency]\nmin_priority = \"urgent\"\n")).unwrap_err();
    assert_eq!(bad.key, "type.emergency.min_priority");
    // An empty table drops emergency's minimum.
    let none = TeamConfig::parse(Some("[type.emergency]\n")).unwrap();
    assert_eq!(
        none.type_policies[&TicketType::EMERGENCY],
        TypePolicy::default()
    );
    let set = TeamConfig::set_key(None, "type.emergency.min_priority", "high").unwrap();
    let set = TeamConfig::parse(Some(&set)).unwrap();
    assert_eq!(
        set.type_policies[&TicketType::EMERGENCY].min_priority,
        Some(Priority::High)
    );
}

fn grouped() -> TeamConfig {
    let text = r#"
[team."ana@x.org"]
skills = ["network"]
[team."bo@x.org"]
skills = []
[team."cy@x.org"]
skills = ["network"]
[group.network]
members = ["ana@x.org", "bo@x.org", "gone@x.org"]
categories = ["network", "Hardware"]
[group.desk]
members = ["cy@x.org"]
categories = ["access"]
escalate_to = "network"
[group.empty]
members = []
"#;
    TeamConfig::parse(Some(text)).unwrap()
}

#[test]
fn groups_round_trip_one_table_each() {
    let config = grouped();
    assert_eq!(config.groups["network"].categories, ["network", "hardware"]);
    assert_eq!(
        config.groups["desk"].escalate_to.as_deref(),
        Some("network")
    );
    let text = config.to_toml();
    assert!(text.contains("[group.desk]\nmembers = [\"cy@x.org\"]\ncategories = [\"access\"]\nescalate_to = \"network\"\n"), "{text}");
    assert_eq!(TeamConfig::parse(Some(&text)).unwrap(), config);
    // A config without groups writes no group table.
    assert!(!TeamConfig::default().to_toml().contains("[group"));
}

#[test]
fn bad_groups_name_their_key() {
    let err = |text: &str| TeamConfig::parse(Some(text)).unwrap_err();
    assert_eq!(err("[group.\"Net Work\"]\n").key, "group.Net Work");
    assert_eq!(err("[group.none]\n").key, "group.none");
    assert_eq!(
        err("[group.net]\nmembers = [\"ana\"]\n").key,
        "group.net.members"
    );
    assert_eq!(
        err("[group.net]\nescalate_to = \"net\"\n").key,
        "group.net.escalate_to"
    );
    assert_eq!(err("[group.net]\ncolour = 1\n").key, "line 2");
}

#[test]
fn a_new_ticket_is_routed_by_category_and_an_explicit_group_wins() {
    let config = grouped();
    assert_eq!(config.group_for_category(" Hardware "), Some("network"));
    assert_eq!(config.group_for_category("access"), Some("desk"));
    assert_eq!(config.group_for_category("software"), None);
    let mut routed = Changes {
        category: Some("network".into()),
        ..Changes::default()
    };
    config.apply_policy(&mut routed, None);
    assert_eq!(routed.group.as_deref(), Some("network"));
    let mut chosen = Changes {
        category: Some("network".into()),
        group: Some(String::new()),
        ..Changes::default()
    };
    config.apply_policy(&mut chosen, None);
    assert_eq!(chosen.group.as_deref(), Some(""), "an explicit none stays");
    // Only at creation: a set of the category does not move the ticket.
    let mut set = Changes {
        category: Some("access".into()),
        ..Changes::default()
    };
    let state = crate::model::Ticket::create(
        crate::model::TicketId::parse("abcdabcdabcdabcd").unwrap(),
        crate::model::Event {
            id: crate::model::EventId::parse("e1").unwrap(),
            clock: 1,
            at: crate::model::Timestamp::from_unix(0),
            by: "a".into(),
            action: crate::model::Action::Create(Changes {
                title: Some("t".into()),
                ..Changes::default()
            }),
        },
    )
    .unwrap();
    config.apply_policy(&mut set, Some(state.state()));
    assert_eq!(set.group, None);
    // Two groups claiming one category (after a merge): the first name wins.
    let mut both = config.clone();
    both.groups
        .get_mut("desk")
        .unwrap()
        .categories
        .push("network".into());
    assert_eq!(both.group_for_category("network"), Some("desk"));
    assert_eq!(config.check_group("desk"), Ok(()));
    assert_eq!(config.check_group(""), Ok(()));
    assert_eq!(
        config.check_group("nope"),
        Err("unknown group `nope`: use one of desk, empty, network".to_string())
    );
}

#[test]
fn auto_assignment_picks_only_among_the_groups_members() {
    let config = grouped();
    let mut open = HashMap::new();
    // Cy has the skill but is not in network; Ana has it and is.
    let pick = pick_assignee(&config, Some("network"), Some("network"), &open, day()).unwrap();
    assert_eq!(pick.email, "ana@x.org");
    assert_eq!(
        pick.reason,
        "0 open tickets, the fewest (1 of 2 members of group network has the skill network)"
    );
    // In the desk, Cy is the only one, whatever the skill.
    let pick = pick_assignee(&config, Some("hardware"), Some("desk"), &open, day()).unwrap();
    assert_eq!(pick.email, "cy@x.org");
    // The load spreads within the group; gone@x.org is not on the team.
    open.insert("ana@x.org".to_string(), 3);
    let pick = pick_assignee(&config, None, Some("network"), &open, day()).unwrap();
    assert_eq!(pick.email, "bo@x.org");
    assert_eq!(
        pick_assignee(&config, None, Some("empty"), &open, day()),
        Err(NoPick::EmptyGroup {
            group: "empty".into()
        })
    );
    assert_eq!(
        pick_assignee(&config, None, Some("gone"), &open, day()),
        Err(NoPick::UnknownGroup {
            group: "gone".into()
        })
    );
    let mut away = config.clone();
    away.members.get_mut("cy@x.org").unwrap().away = Some(Away::UntilBack);
    assert_eq!(
        pick_assignee(&away, None, Some("desk"), &open, day()),
        Err(NoPick::NobodyAvailable {
            members: 1,
            group: Some("desk".into())
        })
    );
}

#[test]
fn escalation_targets_are_groups_before_people() {
    let config = grouped();
    assert_eq!(
        config.escalation_target("Network"),
        EscalationTarget::Group("network".into())
    );
    assert_eq!(
        config.escalation_target("bo@x.org"),
        EscalationTarget::Person("bo@x.org".into())
    );
    let mut config = config;
    assert!(config.remove_member("ana@x.org"));
    assert_eq!(config.groups["network"].members, ["bo@x.org", "gone@x.org"]);
}

#[test]
fn report_targets_are_set_written_back_and_removed_by_key() {
    let text = TeamConfig::set_key(None, "report.sla_compliance", "97.5%").unwrap();
    let text = TeamConfig::set_key(Some(&text), "report.satisfaction", "4").unwrap();
    assert!(
        text.contains("[report]\nsla_compliance = \"97.5%\"\nsatisfaction = 4.0\n"),
        "{text}"
    );
    let config = TeamConfig::parse(Some(&text)).unwrap();
    assert_eq!(config.report.sla_compliance, Some(975));
    assert_eq!(config.report.satisfaction, Some(40));
    // Written back canonically, it reads the same.
    assert_eq!(TeamConfig::parse(Some(&config.to_toml())).unwrap(), config);
    let error = TeamConfig::set_key(Some(&text), "report.satisfaction", "6").unwrap_err();
    assert_eq!(error.key, "report.satisfaction");
    let error = TeamConfig::set_key(Some(&text), "report.sla_compliance", "0%").unwrap_err();
    assert_eq!(error.key, "report.sla_compliance");
    let text = TeamConfig::set_key(Some(&text), "report.sla_compliance", "none").unwrap();
    let text = TeamConfig::set_key(Some(&text), "report.satisfaction", "none").unwrap();
    assert!(!text.contains("[report]"), "{text}");
    let error = TeamConfig::parse(Some("[report]\nsla_compliance = true\n")).unwrap_err();
    assert_eq!(error.key, "report.sla_compliance");
    assert!(TeamConfig::parse(Some("[report]\nbudget = 3\n")).is_err());
}
