//! Ticket templates: saving and removing them in `tk.toml`
//! (`[template.NAME]`, so they merge per name through sync), and opening
//! a parent ticket with its children from one, in one commit.

use super::assign::{pick, Pick};
use super::config::replace_with;
use super::write::{check_fields, write, TicketChange, WriteOptions};
use super::{Error, Session, Written};
use crate::model::{Action, Changes, LinkRelation};
use crate::team::{Expansion, TeamConfig, Template};

/// What `tk new --template` asks for.
pub struct FromTemplateOptions {
    /// The template's name.
    pub name: String,
    /// What the command line gives; it wins over the template (tags are
    /// added to the template's). `title` replaces the template's title.
    pub given: Changes,
    /// Whether to assign the parent by skill and workload; the children
    /// get the same assignee.
    pub auto_assign: bool,
}

/// The tickets a template opened.
pub struct FromTemplate {
    /// The parent, as committed.
    pub parent: Written,
    /// The children, in the template's order, as committed.
    pub children: Vec<Written>,
    /// The auto-assignment's pick, when asked for.
    pub pick: Option<Pick>,
}

/// Returns the template `name`, or not found naming it.
pub fn template_or_fail<'c>(config: &'c TeamConfig, name: &str) -> Result<&'c Template, Error> {
    config.templates.get(name).ok_or_else(|| {
        Error::NotFound(format!(
            "no template `{name}`: `tk template list` shows the templates"
        ))
    })
}

/// Opens the parent ticket of template `name` and its children, each
/// child linked `child-of` the parent, in one commit.
pub fn create(session: &Session, options: FromTemplateOptions) -> Result<FromTemplate, Error> {
    let FromTemplateOptions {
        name,
        given,
        auto_assign,
    } = options;
    let config = session.team_config()?;
    let template = template_or_fail(config, &name)?;
    // What the command line gives is checked as given; what the template
    // adds is named as the template's, for a template older than a change
    // of the team's types or categories.
    check_fields(config, &given)?;
    let Expansion {
        mut parent,
        mut children,
    } = template.expand(&given);
    check_fields(config, &parent).map_err(|e| match e {
        Error::Invalid(message) => Error::Invalid(format!("template {name}: {message}")),
        other => other,
    })?;
    let pick = if auto_assign {
        // Within the group the parent will have, as for `tk new`.
        let group = match parent.group.as_deref() {
            Some(group) => Some(group.to_string()),
            None => config.routed_group(parent.category.as_deref()),
        };
        let pick = pick(session, parent.category.as_deref(), group.as_deref())?;
        parent.assignee = Some(pick.email.clone());
        for child in &mut children {
            child.assignee = Some(pick.email.clone());
        }
        Some(pick)
    } else {
        None
    };
    let id = session.ids().ticket_id();
    let link = Action::Link {
        relation: LinkRelation::ChildOf,
        target: id.clone(),
    };
    let mut changes = vec![TicketChange::create_with_id(id, parent, Vec::new())];
    changes.extend(
        children
            .into_iter()
            .map(|child| TicketChange::create_then(child, vec![link.clone()])),
    );
    let mut written = write(
        session,
        WriteOptions {
            label: "new",
            files: Vec::new(),
            changes,
        },
    )?
    .into_iter();
    let parent = written
        .next()
        .ok_or_else(|| Error::Internal("a template write returned no parent".to_string()))?;
    Ok(FromTemplate {
        parent,
        children: written.collect(),
        pick,
    })
}

/// Saves `template` as `name`; an existing template of that name is
/// refused (exit 5) unless `replace`. The template is checked against the
/// team's types and categories before anything is committed. Returns the
/// commit, if anything changed.
pub fn add(
    session: &Session,
    name: &str,
    template: Template,
    replace: bool,
) -> Result<Option<String>, Error> {
    let template = template.checked(name)?;
    replace_with(session, "template", |text| {
        let mut config = TeamConfig::parse(text)?;
        config
            .check_fields(template.ticket_type.as_ref(), template.category.as_deref())
            .map_err(|e| Error::Invalid(format!("template {name}: {e}")))?;
        if config.templates.contains_key(name) && !replace {
            return Err(Error::NotAllowed(format!(
                "template `{name}` exists already: pass --force to replace it"
            )));
        }
        config.templates.insert(name.to_string(), template.clone());
        let text = config.to_toml();
        let limit = crate::store::MAX_CONFIG_BYTES;
        if u64::try_from(text.len()).unwrap_or(u64::MAX) > limit {
            return Err(Error::Invalid(format!(
                "template {name}: tk.toml would be {} bytes, over the limit of {limit}",
                text.len()
            )));
        }
        Ok(Some(text))
    })
}

/// Removes the template `name` (a missing one is not found); returns the
/// commit.
pub fn remove(session: &Session, name: &str) -> Result<Option<String>, Error> {
    replace_with(session, "template", |text| {
        let mut config = TeamConfig::parse(text)?;
        template_or_fail(&config, name)?;
        config.templates.remove(name);
        Ok(Some(config.to_toml()))
    })
}
