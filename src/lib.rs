//! tk: a git-backed ticket tracker for small IT support teams.
//!
//! Tickets are canonical TOML files on a dedicated git ref. The crate is a
//! library with a thin binary; its modules, from the pure core outwards:
//!
//! - [`model`]: ids, field values, the event timeline, lifecycle and replay.
//! - [`codec`]: ticket files to and from canonical TOML.
//! - [`store`]: the only module that uses git; reads and writes the ref.
//! - [`config`]: settings from the environment (`TK_NOW`, `TK_ID_SEED`).
//! - [`mail`]: incoming messages parsed, and the mailboxes they come from.
//! - [`merge`], [`team`], [`sla`], [`report`], [`search`]: pure domain logic.
//! - [`sync`]: fetch, merge and push through the system `git`.
//! - [`ops`]: the operations, with the one write path every change takes.
//! - [`cli`]: argument parsing, prompts, rendering and exit codes; each
//!   command is a thin wrapper around one operation.

// `unwrap()` panics without saying why; library code states the invariant
// with `expect("… because …")` instead. Tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod cli;
pub mod codec;
pub mod config;
pub mod mail;
pub mod merge;
pub mod model;
pub mod ops;
pub mod report;
pub mod search;
pub mod sla;
pub mod store;
pub mod sync;
pub mod team;
