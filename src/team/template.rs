//! Ticket templates (`[template.NAME]` in `tk.toml`): a recurring request
//! such as onboarding, written down once as a parent ticket's fields and
//! the titles of its children, and expanded by `tk new --template NAME`.
//!
//! Pure like the rest of `team`: what a template may hold and how it turns
//! into the fields of new tickets. The write (one commit for the parent
//! and its children) is `ops::template`'s.

use super::Error;
use crate::codec::MAX_TITLE_CHARS;
use crate::model::{normalize_tags, Changes, Level, Priority, TicketType};

/// The longest template description, in characters.
pub const MAX_TEMPLATE_DESCRIPTION_CHARS: usize = 16_384;

/// The most children one template opens.
pub const MAX_TEMPLATE_CHILDREN: usize = 50;

/// The most tags one template gives.
pub const MAX_TEMPLATE_TAGS: usize = 32;

/// The longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 100;

/// The placeholder a child's title may hold: the parent's title.
pub const TITLE_PLACEHOLDER: &str = "{title}";

/// A saved ticket template.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template {
    /// The parent ticket's title, unless `tk new` gives one.
    pub title: String,
    /// The type of the parent and its children.
    pub ticket_type: Option<TicketType>,
    /// The category of the parent and its children.
    pub category: Option<String>,
    /// The parent's description.
    pub description: Option<String>,
    /// Tags of the parent and its children (normalized: trimmed, lower
    /// case, sorted, without repeats).
    pub tags: Vec<String>,
    /// The impact of the parent and its children.
    pub impact: Option<Level>,
    /// The urgency of the parent and its children.
    pub urgency: Option<Level>,
    /// An explicit priority for the parent and its children.
    pub priority: Option<Priority>,
    /// The children's titles, in order; `{title}` stands for the parent's.
    pub children: Vec<String>,
}

/// The tickets a template expands to: the parent's fields and each
/// child's, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expansion {
    /// The parent ticket.
    pub parent: Changes,
    /// The children, in the template's order.
    pub children: Vec<Changes>,
}

impl Template {
    /// Returns the template with its text trimmed and tags normalized, or
    /// the error naming the key (`template.NAME.FIELD`) of the first value
    /// out of its limits.
    pub fn checked(mut self, name: &str) -> Result<Template, Error> {
        check_template_name(name)?;
        let key = |field: &str| format!("template.{name}.{field}");
        self.title = self.title.trim().to_string();
        check_title(&key("title"), &self.title)?;
        self.category = self
            .category
            .map(|c| c.trim().to_lowercase())
            .filter(|c| !c.is_empty());
        self.description = self
            .description
            .map(|d| d.trim_end().to_string())
            .filter(|d| !d.trim().is_empty());
        if let Some(description) = &self.description {
            let chars = description.chars().count();
            if chars > MAX_TEMPLATE_DESCRIPTION_CHARS {
                return Err(Error::new(
                    key("description"),
                    format!(
                        "{chars} characters, over the limit of {MAX_TEMPLATE_DESCRIPTION_CHARS}"
                    ),
                ));
            }
        }
        self.tags = normalize_tags(&self.tags);
        if self.tags.len() > MAX_TEMPLATE_TAGS {
            return Err(Error::new(
                key("tags"),
                format!(
                    "{} tags, over the limit of {MAX_TEMPLATE_TAGS}",
                    self.tags.len()
                ),
            ));
        }
        if let Some(tag) = self.tags.iter().find(|t| t.chars().count() > MAX_TAG_CHARS) {
            return Err(Error::new(
                key("tags"),
                format!("tag `{tag}` is over the limit of {MAX_TAG_CHARS} characters"),
            ));
        }
        self.children = self
            .children
            .into_iter()
            .map(|c| c.trim().to_string())
            .collect();
        if self.children.len() > MAX_TEMPLATE_CHILDREN {
            return Err(Error::new(
                key("children"),
                format!(
                    "{} children, over the limit of {MAX_TEMPLATE_CHILDREN}",
                    self.children.len()
                ),
            ));
        }
        for child in &self.children {
            check_title(&key("children"), child)?;
        }
        Ok(self)
    }

    /// Expands the template into new tickets.
    ///
    /// `given` holds what `tk new` was given on the command line: each
    /// field it sets replaces the template's, except tags, which are added
    /// to the template's. The children get the parent's type, category,
    /// impact, urgency, priority, tags, requester, assignee and group, no
    /// description, and their own title with every `{title}` replaced by
    /// the parent's title.
    pub fn expand(&self, given: &Changes) -> Expansion {
        let mut parent = given.clone();
        if parent.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            parent.title = Some(self.title.clone());
        }
        parent.ticket_type = parent.ticket_type.or_else(|| self.ticket_type.clone());
        parent.category = parent.category.or_else(|| self.category.clone());
        parent.description = parent.description.or_else(|| self.description.clone());
        parent.impact = parent.impact.or(self.impact);
        parent.urgency = parent.urgency.or(self.urgency);
        parent.priority = parent.priority.or(self.priority);
        let mut tags = self.tags.clone();
        tags.extend(given.tags.iter().flatten().cloned());
        parent.tags = (!tags.is_empty()).then(|| normalize_tags(&tags));
        let title = parent.title.clone().unwrap_or_default();
        let children = self
            .children
            .iter()
            .map(|child| Changes {
                title: Some(child.replace(TITLE_PLACEHOLDER, &title)),
                ticket_type: parent.ticket_type.clone(),
                category: parent.category.clone(),
                impact: parent.impact,
                urgency: parent.urgency,
                priority: parent.priority,
                tags: parent.tags.clone(),
                requester: parent.requester.clone(),
                requester_phone: parent.requester_phone.clone(),
                requester_location: parent.requester_location.clone(),
                requester_department: parent.requester_department.clone(),
                assignee: parent.assignee.clone(),
                group: parent.group.clone(),
                ..Changes::default()
            })
            .collect();
        Expansion { parent, children }
    }
}

/// Refuses a template name other than 1 to 64 of `a-z`, `0-9`, `-`, `_`.
pub fn check_template_name(name: &str) -> Result<(), Error> {
    super::record::check_plain_name(name, format!("template.{name}"), "template")
}

/// Refuses an empty title, one over the ticket title limit, or one with
/// a line break (a title is one line).
fn check_title(key: &str, title: &str) -> Result<(), Error> {
    if title.is_empty() {
        return Err(Error::new(key, "a title cannot be empty"));
    }
    let chars = title.chars().count();
    if chars > MAX_TITLE_CHARS {
        return Err(Error::new(
            key,
            format!("a title of {chars} characters is over the limit of {MAX_TITLE_CHARS}"),
        ));
    }
    if title.contains(['\n', '\r']) {
        return Err(Error::new(key, "a title is one line"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn onboarding() -> Template {
        Template {
            title: "Onboarding".to_string(),
            ticket_type: Some(TicketType::REQUEST),
            category: Some("access".to_string()),
            description: Some("A new colleague starts.".to_string()),
            tags: vec!["onboarding".to_string()],
            children: vec![
                "{title}: accounts".to_string(),
                "Laptop".to_string(),
                "{title}: badge ({title})".to_string(),
            ],
            ..Template::default()
        }
    }

    #[test]
    fn the_template_fills_what_the_command_line_does_not_give() {
        let given = Changes {
            title: Some("Onboard Fay Wong".to_string()),
            requester: Some("Fay Wong <fay@example.com>".to_string()),
            category: Some("hardware".to_string()),
            tags: Some(vec!["VIP".to_string()]),
            urgency: Some(Level::High),
            ..Changes::default()
        };
        let expansion = onboarding().expand(&given);
        let parent = &expansion.parent;
        assert_eq!(parent.title.as_deref(), Some("Onboard Fay Wong"));
        assert_eq!(parent.ticket_type, Some(TicketType::REQUEST));
        assert_eq!(parent.category.as_deref(), Some("hardware"), "given wins");
        assert_eq!(
            parent.description.as_deref(),
            Some("A new colleague starts.")
        );
        assert_eq!(
            parent.tags,
            Some(vec!["onboarding".to_string(), "vip".to_string()]),
            "given tags add to the template's"
        );
        assert_eq!(parent.urgency, Some(Level::High));
        assert_eq!(parent.impact, None, "the matrix default applies later");
        let titles: Vec<_> = expansion
            .children
            .iter()
            .map(|c| c.title.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            titles,
            [
                "Onboard Fay Wong: accounts",
                "Laptop",
                "Onboard Fay Wong: badge (Onboard Fay Wong)"
            ]
        );
        for child in &expansion.children {
            assert_eq!(child.category.as_deref(), Some("hardware"));
            assert_eq!(child.requester, parent.requester);
            assert_eq!(child.tags, parent.tags);
            assert_eq!(child.urgency, Some(Level::High));
            assert_eq!(child.description, None);
        }
    }

    #[test]
    fn without_a_title_the_template_title_is_the_parents() {
        let expansion = onboarding().expand(&Changes::default());
        assert_eq!(expansion.parent.title.as_deref(), Some("Onboarding"));
        assert_eq!(
            expansion.children[0].title.as_deref(),
            Some("Onboarding: accounts")
        );
        let blank = Changes {
            title: Some("  ".to_string()),
            ..Changes::default()
        };
        assert_eq!(
            onboarding().expand(&blank).parent.title.as_deref(),
            Some("Onboarding")
        );
    }

    #[test]
    fn checked_trims_and_normalizes() {
        let template = Template {
            title: "  Onboarding ".to_string(),
            category: Some(" Access ".to_string()),
            description: Some("  \n".to_string()),
            tags: vec!["B".to_string(), "a".to_string(), "b ".to_string()],
            children: vec![" Laptop ".to_string()],
            ..Template::default()
        }
        .checked("onboarding")
        .unwrap();
        assert_eq!(template.title, "Onboarding");
        assert_eq!(template.category.as_deref(), Some("access"));
        assert_eq!(template.description, None);
        assert_eq!(template.tags, ["a", "b"]);
        assert_eq!(template.children, ["Laptop"]);
    }

    #[test]
    fn checked_refuses_values_out_of_their_limits() {
        let refused = |template: Template, name: &str| {
            template
                .checked(name)
                .expect_err("the template is out of its limits")
                .to_string()
        };
        assert_eq!(
            refused(onboarding(), "On Boarding"),
            "invalid tk.toml key `template.On Boarding`: template names are 1 to 64 of a-z, 0-9, - and _"
        );
        assert!(refused(onboarding(), &"x".repeat(65)).contains("1 to 64"));
        let blank = Template {
            title: " ".to_string(),
            ..onboarding()
        };
        assert_eq!(
            refused(blank, "onboarding"),
            "invalid tk.toml key `template.onboarding.title`: a title cannot be empty"
        );
        let long = Template {
            title: "x".repeat(MAX_TITLE_CHARS + 1),
            ..onboarding()
        };
        assert!(refused(long, "o").contains("over the limit of 1000"));
        let two_lines = Template {
            children: vec!["Laptop\nand more".to_string()],
            ..onboarding()
        };
        assert_eq!(
            refused(two_lines, "o"),
            "invalid tk.toml key `template.o.children`: a title is one line"
        );
        let many = Template {
            children: vec!["Laptop".to_string(); MAX_TEMPLATE_CHILDREN + 1],
            ..onboarding()
        };
        assert!(refused(many, "o").contains("51 children, over the limit of 50"));
        let empty_child = Template {
            children: vec![String::new()],
            ..onboarding()
        };
        assert!(refused(empty_child, "o").contains("children`: a title cannot be empty"));
        let tags = Template {
            tags: (0..=MAX_TEMPLATE_TAGS).map(|n| format!("t{n}")).collect(),
            ..onboarding()
        };
        assert!(refused(tags, "o").contains("33 tags"));
        let text = Template {
            description: Some("x".repeat(MAX_TEMPLATE_DESCRIPTION_CHARS + 1)),
            ..onboarding()
        };
        assert!(refused(text, "o").contains("description`: 16385 characters"));
    }

    #[test]
    fn templates_round_trip_through_tk_toml_and_bad_values_name_their_key() {
        use crate::team::TeamConfig;
        let mut config = TeamConfig::default();
        config.templates.insert(
            "onboarding".to_string(),
            onboarding().checked("onboarding").unwrap(),
        );
        config.templates.insert(
            "printer".to_string(),
            Template {
                title: "Printer".to_string(),
                impact: Some(Level::Low),
                urgency: Some(Level::High),
                priority: Some(Priority::High),
                ..Template::default()
            },
        );
        let text = config.to_toml();
        assert!(
            text.contains(
                "[template.printer]\ntitle = \"Printer\"\nimpact = \"low\"\nurgency = \"high\"\npriority = \"high\"\n"
            ),
            "only the keys a template sets are written: {text}"
        );
        assert_eq!(TeamConfig::parse(Some(&text)).unwrap(), config);
        let err = |text: &str| TeamConfig::parse(Some(text)).unwrap_err().to_string();
        assert_eq!(
            err("[template.x]\ntitle = \"X\"\nimpact = \"huge\""),
            "invalid tk.toml key `template.x.impact`: invalid level `huge`: expected one of low, medium, high"
        );
        assert!(
            err("[template.x]\ntitle = \"X\"\ntype = \"no spaces\"").contains("`template.x.type`")
        );
        assert!(err("[template.x]\ntitle = \"X\"\npriority = \"asap\"")
            .contains("`template.x.priority`"));
        assert!(err("[template.x]\ntitle = \"X\"\ncolour = 1").contains("unknown field `colour`"));
        assert!(err("[template.x]\ntype = \"request\"").contains("missing field `title`"));
        assert!(err("[template.Big]\ntitle = \"X\"").contains("`template.Big`"));
        // A template's category is not checked against `categories` when
        // read: a sync must not make tk.toml unreadable.
        let text = "categories = [\"network\"]\n[template.x]\ntitle = \"X\"\ncategory = \"access\"";
        let parsed = TeamConfig::parse(Some(text)).unwrap();
        assert_eq!(parsed.templates["x"].category.as_deref(), Some("access"));
    }
}
