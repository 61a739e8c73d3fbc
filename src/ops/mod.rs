//! Operations: what tk does, independent of how it is asked.
//!
//! Each operation takes a [`Session`] and an `XxxOptions` struct (cargo's
//! `ops::new(&NewOptions, gctx)` shape) and returns a result for a frontend
//! to render. Every change to tickets goes through one write path,
//! [`write::write()`]: it plans the actions against the ticket at the tip,
//! applies the team's policy to them, builds their events (the only place
//! events are built), and commits every ticket of the change in one commit,
//! published by compare-and-swap and re-planned when another writer won.
//!
//! This module must not import clap, comfy-table, dialoguer or git2, and
//! prints nothing: terminals belong to `cli`, git to `store`.

mod error;
mod session;

pub mod assign;
pub mod attach;
pub mod children;
pub mod config;
pub mod edit;
pub mod escalate;
pub mod export;
pub mod field;
pub mod group;
pub mod import;
pub mod init;
pub mod link;
pub mod mail;
pub mod mail_fetch;
pub mod mail_send;
pub mod new;
pub mod rate;
pub mod record;
pub mod resolve;
pub mod set;
pub mod team;
pub mod template;
pub mod types;
pub mod watch;
pub mod write;

pub use error::Error;
pub use resolve::find;
pub use session::Session;
pub use write::{write, Origin, TicketChange, WriteOptions};

/// The result of a ticket write, re-exported for frontends.
pub use crate::store::Written;

#[cfg(test)]
mod tests;
