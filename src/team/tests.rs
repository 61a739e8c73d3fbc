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
    assert_eq!(err("types = [\"bug\"]"), "types");
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
    let pick = pick_assignee(&config, Some("network"), &open).unwrap();
    assert_eq!(pick.email, "al@x.org", "tie broken by email");
    open.insert("al@x.org".to_string(), 2);
    assert_eq!(
        pick_assignee(&config, Some("network"), &open)
            .unwrap()
            .email,
        "bo@x.org"
    );
    let pick = pick_assignee(&config, Some("security"), &open).unwrap();
    assert_eq!(pick.email, "bo@x.org");
    assert!(
        pick.reason.contains("nobody has the skill security"),
        "{}",
        pick.reason
    );
    assert!(pick_assignee(&TeamConfig::default(), None, &open).is_none());
    // The category is matched as the ticket stores it: trimmed, any case.
    let pick = pick_assignee(&config, Some(" Hardware "), &open).unwrap();
    assert_eq!(pick.email, "cy@x.org");
    assert!(
        pick.reason.contains("the skill hardware"),
        "{}",
        pick.reason
    );
}
