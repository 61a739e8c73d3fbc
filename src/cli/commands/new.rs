//! `tk new`.

use crate::cli::args::keyword as parse;
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::input::BodyArgs;
use crate::cli::ui::Ui;
use crate::cli::written::{named, write_json};
use crate::model::{Changes, Level, Priority, TicketType};
use crate::ops::new::NewOptions;
use dialoguer::{Input, Select};

/// Report a new ticket and print its id
///
/// Prints the full id on stdout, so `id=$(tk new "…")` works. Priority
/// follows impact × urgency (both default to medium) unless --priority is
/// given. On a terminal, a missing title is asked for, with the type,
/// impact and urgency.
#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// One-line summary of the problem or request
    pub title: Option<String>,
    #[command(flatten)]
    pub body: BodyArgs,
    /// incident, request, problem, question, improvement, training or emergency
    #[arg(long = "type", short = 't', value_parser = parse::<TicketType>)]
    pub ticket_type: Option<TicketType>,
    /// How many people or services it affects: low, medium or high
    #[arg(long, value_parser = parse::<Level>)]
    pub impact: Option<Level>,
    /// How soon it hurts: low, medium or high
    #[arg(long, value_parser = parse::<Level>)]
    pub urgency: Option<Level>,
    /// Override the matrix: critical, high, medium, low or planning
    #[arg(long, value_parser = parse::<Priority>)]
    pub priority: Option<Priority>,
    /// Category, e.g. network, hardware, access
    #[arg(long)]
    pub category: Option<String>,
    /// The group to work it (default: the group that takes its category;
    /// "" for none)
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    /// A tag (can be repeated)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Who reported it, as "Name <email>" (default: you)
    #[arg(long)]
    pub requester: Option<String>,
    /// Assign it right away (`me` for yourself)
    #[arg(long, conflicts_with = "auto_assign")]
    pub assignee: Option<String>,
    /// Assign it to the available team member with the category's skill
    /// and the fewest open tickets, within its group (as on tk assign)
    #[arg(long)]
    pub auto_assign: bool,
    /// Open it as follow-up work of PARENT (linked child-of, one commit)
    #[arg(long, value_name = "PARENT")]
    pub parent: Option<crate::model::TicketPrefix>,
}

/// Runs `tk new`.
pub fn cmd_new(ui: &Ui, ctx: &Ctx, args: &NewArgs) -> Result<(), CliError> {
    let mut changes = Changes {
        title: args.title.clone(),
        ticket_type: args.ticket_type.clone(),
        impact: args.impact,
        urgency: args.urgency,
        priority: args.priority,
        category: args.category.clone(),
        group: args.group.as_deref().map(|g| g.trim().to_lowercase()),
        tags: (!args.tags.is_empty()).then(|| args.tags.clone()),
        description: args.body.given()?,
        requester: Some(match &args.requester {
            Some(r) => ctx.person(r)?,
            None => ctx.who()?.author.display(),
        }),
        assignee: args
            .assignee
            .as_deref()
            .map(|a| ctx.person(a))
            .transpose()?,
        ..Changes::default()
    };
    if changes.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        if !ui.interactive() {
            return Err(CliError::usage(
                "missing title: give it as the first argument, e.g. tk new \"VPN drops\"",
            ));
        }
        let types = ctx.team_config()?.types.clone();
        ask(&mut changes, &types)?;
    }
    let options = NewOptions {
        changes,
        auto_assign: args.auto_assign,
    };
    let created = match &args.parent {
        Some(parent) => crate::ops::children::create_child(ctx, options, parent)?,
        None => crate::ops::new::create(ctx, options)?,
    };
    if let Some(pick) = &created.pick {
        ui.status(format_args!(
            "Auto-assigning to {}: {}.",
            pick.email, pick.reason
        ));
    }
    let written = created.written;
    if ui.json() {
        return write_json(
            ui,
            ctx,
            &written.ticket,
            written.short_len,
            written.commit.as_deref(),
        );
    }
    ui.print(format_args!("{}\n", written.ticket.id()))?;
    ui.status(format_args!(
        "Created {}.",
        named(written.short_id(), &written.ticket.state().title)
    ));
    Ok(())
}

/// Asks for the title, and for the type, impact and urgency not given.
fn ask(changes: &mut Changes, types: &[TicketType]) -> Result<(), CliError> {
    let title: String = Input::new()
        .with_prompt("Title")
        .validate_with(|t: &String| {
            if t.trim().is_empty() {
                Err("the title cannot be empty")
            } else {
                Ok(())
            }
        })
        .interact_text()?;
    changes.title = Some(title);
    if changes.ticket_type.is_none() {
        let words: Vec<&str> = types.iter().map(TicketType::as_str).collect();
        changes.ticket_type = Some(choose("Type", types, &words, 0)?);
    }
    if changes.impact.is_none() {
        changes.impact = Some(choose("Impact", Level::ALL, Level::WORDS, 1)?);
    }
    if changes.urgency.is_none() {
        changes.urgency = Some(choose("Urgency", Level::ALL, Level::WORDS, 1)?);
    }
    Ok(())
}

fn choose<T: Clone>(
    prompt: &str,
    values: &[T],
    words: &[&str],
    default: usize,
) -> Result<T, CliError> {
    let index = Select::new()
        .with_prompt(prompt)
        .items(words)
        .default(default)
        .interact()?;
    Ok(values[index].clone())
}
