//! The operations' error type: the library errors they pass on, and the
//! refusals that are the operations' own.

use crate::model::{IdError, ParseFieldError};

/// Everything that can stop an operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing the tickets ref failed.
    #[error(transparent)]
    Store(#[from] crate::store::Error),
    /// A ticket id or prefix is invalid.
    #[error(transparent)]
    Id(#[from] IdError),
    /// A team configuration value is invalid.
    #[error(transparent)]
    Team(#[from] crate::team::Error),
    /// A field value is invalid.
    #[error(transparent)]
    Field(#[from] ParseFieldError),
    /// An input value the operation refuses, like a link of a ticket to
    /// itself or a type the team does not use.
    #[error("{0}")]
    Invalid(String),
    /// The ticket's state does not allow the change, like unwatching
    /// someone who does not watch it.
    #[error("{0}")]
    NotAllowed(String),
    /// Something named does not exist, like a member not on the team.
    #[error("{0}")]
    NotFound(String),
    /// An attachment is recorded on a ticket but its bytes are not on the
    /// ref (the clone that attached it has not pushed them).
    #[error("the bytes of attachment `{name}` of ticket {ticket} are missing from {refname}")]
    MissingBytes {
        /// The attachment's name.
        name: String,
        /// The ticket's short id.
        ticket: String,
        /// The ref read.
        refname: String,
    },
    /// Auto-assignment found nobody to assign to.
    #[error("no team members to assign to")]
    NoTeamMembers,
    /// A bug: an invariant of tk itself does not hold.
    #[error("{0}")]
    Internal(String),
}
