//! How the write commands report what an operation wrote: the JSON result
//! (the ticket after the change plus its commit) or one status line.
//!
//! Shared by the handlers, and not a handler itself: handlers never import
//! each other.

use super::context::Ctx;
use super::error::CliError;
use super::json::WriteView;
use super::ui::{one_line, Ui};
use crate::model::Ticket;
use crate::store::{Loaded, Written};

/// Returns `short-id "title"` for status lines.
pub fn named(short_id: &str, title: &str) -> String {
    format!("{short_id} \"{}\"", one_line(title))
}

/// Prints the JSON result of a write: the ticket with its SLA clocks and
/// the commit (`None` when nothing changed).
pub fn write_json(
    ui: &Ui,
    ctx: &Ctx,
    ticket: &Ticket,
    short_len: usize,
    commit: Option<&str>,
) -> Result<(), CliError> {
    let sla = ctx.sla(&*ctx.team_config_lenient(ui)?, ticket);
    ui.out_json(&WriteView::new(ticket, short_len, &sla, commit))
}

/// Prints a write's result: the JSON document, or a status line
/// `{verb} id "title".` (or that nothing changed).
pub fn report_write(ui: &Ui, ctx: &Ctx, written: &Written, verb: &str) -> Result<(), CliError> {
    if ui.json() {
        return write_json(
            ui,
            ctx,
            &written.ticket,
            written.short_len,
            written.commit.as_deref(),
        );
    }
    let name = named(written.short_id(), &written.ticket.state().title);
    match written.commit {
        Some(_) => ui.status(format_args!("{verb} {name}.")),
        None => ui.status(format_args!("Nothing changed on {name}.")),
    }
    Ok(())
}

/// Prints a write's result like [`report_write`], with `line` as the
/// status line when it committed.
pub fn report_line(ui: &Ui, ctx: &Ctx, written: &Written, line: &str) -> Result<(), CliError> {
    if ui.json() || written.commit.is_none() {
        return report_write(ui, ctx, written, "");
    }
    ui.status(line);
    Ok(())
}

/// Prints the result of a write that found nothing to change.
pub fn report_unchanged(ui: &Ui, ctx: &Ctx, loaded: &Loaded) -> Result<(), CliError> {
    if ui.json() {
        return write_json(ui, ctx, &loaded.ticket, loaded.short_len, None);
    }
    Ok(())
}

/// Prints the result of a write to several tickets (bulk ids): a JSON
/// array of what [`report_write`] prints for one, or a status line each.
pub fn report_writes(ui: &Ui, ctx: &Ctx, written: &[Written], verb: &str) -> Result<(), CliError> {
    if ui.json() {
        let config = ctx.team_config_lenient(ui)?;
        let slas: Vec<_> = written
            .iter()
            .map(|w| ctx.sla(&config, &w.ticket))
            .collect();
        let views: Vec<WriteView<'_>> = written
            .iter()
            .zip(&slas)
            .map(|(w, sla)| WriteView::new(&w.ticket, w.short_len, sla, w.commit.as_deref()))
            .collect();
        return ui.out_json(&views);
    }
    for one in written {
        report_write(ui, ctx, one, verb)?;
    }
    Ok(())
}

/// Reports a change of `tk.toml`: with `--json` the whole configuration
/// and the commit (`null` when nothing changed), else `line` on stderr.
pub fn report_config_change(
    ui: &Ui,
    ctx: &Ctx,
    line: &str,
    commit: Option<String>,
) -> Result<(), CliError> {
    if ui.json() {
        return ui.out_json(&super::json::ConfigView {
            config: ctx.store()?.team_config()?.to_table(),
            commit: commit.as_deref(),
        });
    }
    ui.status(line);
    Ok(())
}
