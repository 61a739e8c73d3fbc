//! `tk link` and `tk unlink`.

use crate::cli::args::keyword;
use crate::cli::context::Ctx;
use crate::cli::error::CliError;
use crate::cli::ui::Ui;
use crate::cli::written::{named, report_line};
use crate::model::{LinkRelation, TicketPrefix};
use crate::ops::link::{LinkOptions, UnlinkOptions, UnlinkedEnd};

/// Link a ticket to another one
///
/// RELATION says how ID relates to OTHER: relates (the default),
/// duplicates, blocks, or caused-by (an incident caused by a problem).
/// `tk show` lists the link on both tickets. Linking again changes
/// nothing. Allowed in every status.
#[derive(clap::Args, Debug)]
pub struct LinkArgs {
    /// Ticket id or unique prefix
    pub id: TicketPrefix,
    /// The other ticket's id or unique prefix
    pub other: TicketPrefix,
    /// relates, duplicates, blocks or caused-by
    #[arg(long = "as", value_name = "RELATION", default_value = "relates", value_parser = keyword::<LinkRelation>)]
    pub relation: LinkRelation,
}

/// Remove a link from a ticket to another one
///
/// Without --as, removes every link from ID to OTHER. Removing a link that
/// does not exist is refused (exit 5).
#[derive(clap::Args, Debug)]
pub struct UnlinkArgs {
    /// Ticket id or unique prefix
    pub id: TicketPrefix,
    /// The other ticket's id or unique prefix
    pub other: TicketPrefix,
    /// Only the link with this relation: relates, duplicates, blocks or caused-by
    #[arg(long = "as", value_name = "RELATION", value_parser = keyword::<LinkRelation>)]
    pub relation: Option<LinkRelation>,
}

/// Returns how a relation reads in a sentence: `blocks`, `relates to`.
fn phrase(relation: LinkRelation) -> &'static str {
    match relation {
        LinkRelation::Relates => "relates to",
        LinkRelation::Duplicates => "duplicates",
        LinkRelation::Blocks => "blocks",
        LinkRelation::CausedBy => "is caused by",
        LinkRelation::ChildOf => "is a child of",
    }
}

/// Runs `tk link`.
pub fn cmd_link(ui: &Ui, ctx: &Ctx, args: &LinkArgs) -> Result<(), CliError> {
    let options = LinkOptions {
        from: args.id.clone(),
        to: args.other.clone(),
        relation: args.relation,
    };
    let linked = crate::ops::link::link(ctx, &options)?;
    let line = format!(
        "Linked: {} {} {}.",
        named(
            linked.written.short_id(),
            &linked.written.ticket.state().title
        ),
        phrase(args.relation),
        named(linked.other.short_id(), &linked.other.ticket.state().title)
    );
    report_line(ui, ctx, &linked.written, &line)
}

/// Runs `tk unlink`.
pub fn cmd_unlink(ui: &Ui, ctx: &Ctx, args: &UnlinkArgs) -> Result<(), CliError> {
    let options = UnlinkOptions {
        from: args.id.clone(),
        other: args.other.clone(),
        relation: args.relation,
    };
    let unlinked = crate::ops::link::unlink(ctx, &options)?;
    let other = match &unlinked.other {
        UnlinkedEnd::Found(to) => named(to.short_id(), &to.ticket.state().title),
        UnlinkedEnd::Missing(id) => id.to_string(),
    };
    let line = format!(
        "Unlinked: {} from {other}.",
        named(
            unlinked.written.short_id(),
            &unlinked.written.ticket.state().title
        ),
    );
    report_line(ui, ctx, &unlinked.written, &line)
}
