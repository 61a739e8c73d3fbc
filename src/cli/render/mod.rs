//! Human output for the terminal, one job per file: the ticket table of
//! `tk list` ([`list`]), the ticket page of `tk show` ([`page`]), one-line
//! descriptions of events ([`describe`]), the attachment table
//! ([`attachments`]), the text and HTML reports ([`report`],
//! [`report_html`]) and durations and times ([`duration`]).
//!
//! Everything here writes into a [`Doc`](super::ui::Doc), so ticket text is
//! sanitized on the way to the terminal. No git, no store: a renderer gets
//! what it shows.

mod attachments;
mod describe;
mod duration;
mod list;
mod page;
mod report;
pub mod report_html;

pub use attachments::attachment_table;
pub use duration::local_time;
pub use list::{ticket_lines, ticket_table, write_lines, Cells, Column, ListFormat};
pub use page::TicketPage;
pub use report::text_report;
