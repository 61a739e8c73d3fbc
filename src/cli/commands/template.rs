//! `tk template`: ticket templates for recurring requests, kept in
//! `tk.toml` (`[template.NAME]`) so the team shares them and they merge
//! per template through sync. `tk new --template NAME` uses them.

use crate::cli::args::keyword;
use crate::cli::config_table::{self, dash};
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::input::BodyArgs;
use crate::cli::ui::{one_line, Ui};
use crate::model::{Level, Priority, TicketType};
use crate::team::Template;

/// Save, list, show or remove ticket templates
///
/// A template is a parent ticket's fields and the titles of its children,
/// for a request that comes back (onboarding: accounts, laptop, badge).
/// `tk new --template NAME [TITLE]` opens the parent and its children in
/// one commit.
#[derive(clap::Args, Debug)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub command: TemplateCommand,
}

/// The `tk template` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum TemplateCommand {
    /// Save a template
    ///
    /// -m or --file gives the parent ticket's description. The type and
    /// category must be the team's. A template of the same name is refused
    /// (exit 5) unless --force replaces it.
    Add(AddArgs),
    /// List the templates
    List,
    /// Show one template
    Show {
        /// The template's name
        name: String,
    },
    /// Remove a template
    Remove {
        /// The template's name
        name: String,
    },
}

/// The arguments of `tk template add`.
#[derive(clap::Args, Debug)]
pub struct AddArgs {
    /// The template's name (a-z, 0-9, - and _)
    pub name: String,
    /// The parent ticket's title, unless `tk new` gives one
    #[arg(long)]
    pub title: String,
    /// The parent ticket's description (-m or --file)
    #[command(flatten)]
    pub body: BodyArgs,
    /// The type of the parent and its children
    #[arg(long = "type", short = 't', value_parser = keyword::<TicketType>)]
    pub ticket_type: Option<TicketType>,
    /// The category of the parent and its children
    #[arg(long)]
    pub category: Option<String>,
    /// A tag of the parent and its children (can be repeated)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The impact: low, medium or high
    #[arg(long, value_parser = keyword::<Level>)]
    pub impact: Option<Level>,
    /// The urgency: low, medium or high
    #[arg(long, value_parser = keyword::<Level>)]
    pub urgency: Option<Level>,
    /// An explicit priority: critical, high, medium, low or planning
    #[arg(long, value_parser = keyword::<Priority>)]
    pub priority: Option<Priority>,
    /// A child ticket's title; `{title}` stands for the parent's title
    /// (can be repeated)
    #[arg(long = "child", value_name = "TITLE")]
    pub children: Vec<String>,
    /// Replace a template of the same name
    #[arg(long)]
    pub force: bool,
}

/// A template as `--json` shows it.
#[derive(serde::Serialize)]
struct TemplateView<'a> {
    name: &'a str,
    title: &'a str,
    #[serde(rename = "type")]
    ticket_type: Option<&'a str>,
    category: Option<&'a str>,
    impact: Option<String>,
    urgency: Option<String>,
    priority: Option<String>,
    tags: &'a [String],
    children: &'a [String],
    description: Option<&'a str>,
}

impl<'a> TemplateView<'a> {
    fn new(name: &'a str, t: &'a Template) -> TemplateView<'a> {
        TemplateView {
            name,
            title: &t.title,
            ticket_type: t.ticket_type.as_ref().map(TicketType::as_str),
            category: t.category.as_deref(),
            impact: t.impact.map(|l| l.to_string()),
            urgency: t.urgency.map(|l| l.to_string()),
            priority: t.priority.map(|p| p.to_string()),
            tags: &t.tags,
            children: &t.children,
            description: t.description.as_deref(),
        }
    }
}

/// The result of `tk template add` and `remove` with `--json`.
#[derive(serde::Serialize)]
struct WrittenJson<'a> {
    name: &'a str,
    template: Option<TemplateView<'a>>,
    commit: Option<&'a str>,
}

/// Runs `tk template`.
pub fn cmd_template(ui: &Ui, ctx: &Ctx, args: &TemplateArgs) -> Result<(), CliError> {
    match &args.command {
        TemplateCommand::Add(add) => {
            let template = Template {
                title: add.title.clone(),
                ticket_type: add.ticket_type.clone(),
                category: add.category.clone(),
                description: add.body.given()?,
                tags: add.tags.clone(),
                impact: add.impact,
                urgency: add.urgency,
                priority: add.priority,
                children: add.children.clone(),
            };
            let commit = crate::ops::template::add(ctx, &add.name, template, add.force)?;
            if ui.json() {
                let config = ctx.store()?.team_config()?;
                let saved = crate::ops::template::template_or_fail(&config, &add.name)?;
                return ui.out_json(&WrittenJson {
                    name: &add.name,
                    template: Some(TemplateView::new(&add.name, saved)),
                    commit: commit.as_deref(),
                });
            }
            let children = add.children.len();
            let line = match (commit.is_some(), children) {
                (false, _) => format!("Template {} is already saved as given.", add.name),
                (true, 0) => format!("Saved template {}.", add.name),
                (true, 1) => format!("Saved template {} with 1 child.", add.name),
                (true, n) => format!("Saved template {} with {n} children.", add.name),
            };
            ui.status(line);
        }
        TemplateCommand::Remove { name } => {
            let commit = crate::ops::template::remove(ctx, name)?;
            if ui.json() {
                return ui.out_json(&WrittenJson {
                    name,
                    template: None,
                    commit: commit.as_deref(),
                });
            }
            ui.status(format!("Removed template {name}."));
        }
        TemplateCommand::List => {
            let config = ctx.team_config_lenient(ui)?;
            let views: Vec<TemplateView<'_>> = config
                .templates
                .iter()
                .map(|(name, t)| TemplateView::new(name, t))
                .collect();
            config_table::print(
                ui,
                &views,
                Some("No templates: save one with `tk template add NAME --title TITLE`."),
                &["NAME", "TITLE", "TYPE", "CATEGORY", "CHILDREN"],
                |v| {
                    vec![
                        one_line(v.name),
                        one_line(v.title),
                        dash(v.ticket_type),
                        dash(v.category),
                        v.children.len().to_string(),
                    ]
                },
            )?;
        }
        TemplateCommand::Show { name } => {
            let config = ctx.team_config_lenient(ui)?;
            let template = crate::ops::template::template_or_fail(&config, name)?;
            if ui.json() {
                return ui.out_json(&TemplateView::new(name, template));
            }
            let mut doc = ui.doc();
            let line = |doc: &mut crate::cli::ui::Doc, key: &str, value: Option<&str>| {
                if let Some(value) = value {
                    doc.text(format!("{key:<10}{}\n", one_line(value)));
                }
            };
            let impact = template.impact.map(|l| l.to_string());
            let urgency = template.urgency.map(|l| l.to_string());
            let priority = template.priority.map(|p| p.to_string());
            let tags = template.tags.join(", ");
            line(&mut doc, "Template", Some(name));
            line(&mut doc, "Title", Some(&template.title));
            line(
                &mut doc,
                "Type",
                template.ticket_type.as_ref().map(TicketType::as_str),
            );
            line(&mut doc, "Category", template.category.as_deref());
            line(&mut doc, "Impact", impact.as_deref());
            line(&mut doc, "Urgency", urgency.as_deref());
            line(&mut doc, "Priority", priority.as_deref());
            line(
                &mut doc,
                "Tags",
                (!tags.is_empty()).then_some(tags.as_str()),
            );
            for child in &template.children {
                line(&mut doc, "Child", Some(child));
            }
            if let Some(description) = &template.description {
                doc.text(format!("\n{description}\n"));
            }
            ui.out(&doc)?;
        }
    }
    Ok(())
}
