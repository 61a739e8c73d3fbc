//! The attachment table of `tk attachments`.

use super::duration::local_time;
use super::list::new_table;
use crate::cli::ui::{one_line, Doc, Ui};
use crate::model::{human_size, AttachmentInfo};
use comfy_table::{Cell, Row};

/// Returns the table `tk attachments` prints.
pub fn attachment_table(ui: &Ui, attachments: &[AttachmentInfo]) -> Doc {
    let mut table = new_table(ui);
    table.set_header(["NAME", "SIZE", "BY", "ATTACHED"].map(|h| {
        let cell = Cell::new(h);
        if ui.color() {
            cell.add_attribute(comfy_table::Attribute::Bold)
        } else {
            cell
        }
    }));
    for a in attachments {
        let mut row = Row::from(vec![
            Cell::new(one_line(&a.name)),
            Cell::new(human_size(a.size)),
            Cell::new(one_line(&a.by)),
            Cell::new(local_time(a.at)),
        ]);
        row.max_height(1);
        table.add_row(row);
    }
    let mut doc = ui.doc();
    doc.table(&table);
    doc
}
