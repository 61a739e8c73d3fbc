//! How the `tk … list` commands of tk.toml's tables (team, group, field,
//! template, type) print their entries: a JSON array with `--json`, a hint
//! when there are none, otherwise a borderless table.
//!
//! Shared by the handlers, and not a handler itself: handlers never import
//! each other.

use super::error::CliError;
use super::ui::{one_line, Ui};
use comfy_table::{presets, Table};

/// Prints `views`: as JSON with `--json`; `empty` as a status line when
/// there are none (a table of headers alone when it is `None`); otherwise a
/// table with `header` and one row per view from `row`.
pub fn print<V: serde::Serialize>(
    ui: &Ui,
    views: &[V],
    empty: Option<&str>,
    header: &[&str],
    row: impl Fn(&V) -> Vec<String>,
) -> Result<(), CliError> {
    if ui.json() {
        return ui.out_json(&views);
    }
    if let (true, Some(hint)) = (views.is_empty(), empty) {
        ui.status(hint);
        return Ok(());
    }
    let mut table = Table::new();
    table.load_preset(presets::NOTHING).set_header(header);
    for view in views {
        table.add_row(row(view));
    }
    let mut doc = ui.doc();
    doc.table(&table);
    ui.out(&doc)?;
    Ok(())
}

/// Returns a cell for an optional value, `-` when it is absent.
pub fn dash(value: Option<&str>) -> String {
    value.map_or_else(|| "-".to_string(), one_line)
}

/// Returns a cell for a list, its items joined by `separator`, `-` when it
/// is empty.
pub fn joined(items: &[String], separator: &str) -> String {
    if items.is_empty() {
        "-".to_string()
    } else {
        one_line(&items.join(separator))
    }
}
