//! One error type for the CLI, classified into the documented exit codes.

use crate::model::IdError;
use crate::store;
use std::fmt;
use std::process::ExitCode;

/// How an error ends the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// 1: anything else that went wrong.
    Failure,
    /// 2: the command line or an input value is wrong.
    Usage,
    /// 3: no ticket matches.
    NotFound,
    /// 4: several tickets match.
    Ambiguous,
    /// 5: the lifecycle does not allow the change.
    Transition,
    /// 6: sync needs attention.
    Sync,
    /// 7: not in a git repository, or no git identity.
    Environment,
    /// 65 (sysexits `EX_DATAERR`): `tk mail ingest` refused a message for
    /// good; an MTA bounces it.
    MailRefused,
    /// 75 (sysexits `EX_TEMPFAIL`): `tk mail ingest` could not take a
    /// message in now; an MTA keeps it and tries again later.
    MailLater,
    /// Stdout was closed (`tk list | head -1`): exit 0 quietly.
    BrokenPipe,
    /// 255: a bug in tk.
    Internal,
}

impl Kind {
    /// Returns the process exit code for this kind.
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::BrokenPipe => 0,
            Kind::Failure => 1,
            Kind::Usage => 2,
            Kind::NotFound => 3,
            Kind::Ambiguous => 4,
            Kind::Transition => 5,
            Kind::Sync => 6,
            Kind::Environment => 7,
            Kind::MailRefused => 65,
            Kind::MailLater => 75,
            Kind::Internal => 255,
        }
    }
}

/// An error on its way to the user: what kind it is, the error itself and
/// hints on what to do about it.
#[derive(Debug)]
pub struct CliError {
    /// Decides the exit code.
    pub kind: Kind,
    /// The error and its causes.
    pub error: Box<dyn std::error::Error + Send + Sync>,
    /// Lines printed as `hint: …`.
    pub hints: Vec<String>,
}

impl CliError {
    /// Returns an error of `kind` with a message.
    pub fn new(kind: Kind, message: impl Into<String>) -> CliError {
        CliError {
            kind,
            error: message.into().into(),
            hints: Vec::new(),
        }
    }

    /// Returns a usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError::new(Kind::Usage, message)
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> CliError {
        self.hints.push(hint.into());
        self
    }

    fn from_error(kind: Kind, error: impl std::error::Error + Send + Sync + 'static) -> CliError {
        CliError {
            kind,
            error: Box::new(error),
            hints: Vec::new(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)
    }
}

impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> Self {
        let kind = if error.kind() == std::io::ErrorKind::BrokenPipe {
            Kind::BrokenPipe
        } else {
            Kind::Failure
        };
        CliError::from_error(kind, error)
    }
}

impl From<store::Error> for CliError {
    fn from(error: store::Error) -> Self {
        use store::Error as E;
        let (kind, hint) = match &error {
            E::NotARepository { .. } => (
                Kind::Environment,
                Some("run tk inside a git repository, or create one with `git init`"),
            ),
            E::NoIdentity => (Kind::Environment, None),
            E::NotFound(_) => (Kind::NotFound, Some("`tk list --all` shows every ticket")),
            E::Ambiguous { .. } => (Kind::Ambiguous, Some("give more characters of the id")),
            E::Refused { .. } => (Kind::Transition, None),
            E::Contention { .. } => (
                Kind::Failure,
                Some("run the command again, or run `tk sync`"),
            ),
            E::Malformed { .. } => (
                Kind::Failure,
                Some("fix the file with plain git, or inspect it with `git show`"),
            ),
            _ => (Kind::Failure, None),
        };
        let mut error = CliError::from_error(kind, error);
        error.hints.extend(hint.map(str::to_string));
        error
    }
}

impl From<crate::ops::Error> for CliError {
    fn from(error: crate::ops::Error) -> Self {
        use crate::ops::Error as E;
        match error {
            E::Store(e) => e.into(),
            E::Id(e) => e.into(),
            E::Team(e) => e.into(),
            E::Field(e) => e.into(),
            E::Invalid(message) => CliError::usage(message),
            E::NotAllowed(message) => CliError::new(Kind::Transition, message),
            E::NotFound(message) => CliError::new(Kind::NotFound, message),
            E::MissingBytes { .. } => CliError::from_error(Kind::Failure, error)
                .hint("run `tk sync`: the clone that attached it may not have pushed yet"),
            E::NoTeamMembers => CliError::from_error(Kind::Usage, error)
                .hint("add one with `tk team add EMAIL --skills network,access`"),
            E::Internal(message) => CliError::new(Kind::Internal, message),
        }
    }
}

impl From<IdError> for CliError {
    fn from(error: IdError) -> Self {
        let kind = match error {
            IdError::TooShort(_) => Kind::Usage,
            IdError::BadCharacter(_) | IdError::BadLength(_) => Kind::NotFound,
        };
        CliError::from_error(kind, error)
    }
}

impl From<crate::config::Error> for CliError {
    fn from(error: crate::config::Error) -> Self {
        CliError::from_error(Kind::Usage, error)
    }
}

impl From<crate::model::ParseFieldError> for CliError {
    fn from(error: crate::model::ParseFieldError) -> Self {
        CliError::from_error(Kind::Usage, error)
    }
}

impl From<crate::team::Error> for CliError {
    fn from(error: crate::team::Error) -> Self {
        CliError::from_error(Kind::Usage, error)
    }
}

impl From<dialoguer::Error> for CliError {
    fn from(error: dialoguer::Error) -> Self {
        let dialoguer::Error::IO(io) = error;
        CliError::from(io)
    }
}

impl From<serde_json::Error> for CliError {
    fn from(error: serde_json::Error) -> Self {
        if error.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe) {
            return CliError::new(Kind::BrokenPipe, "broken pipe");
        }
        CliError::from_error(Kind::Internal, error)
    }
}

/// Prints the error with its causes and hints, and returns the exit code.
///
/// Messages carry text from other people's clones (titles in an ambiguous
/// id, tree entry names, `tk.toml` keys), so they are written through a
/// [`Doc`](super::ui::Doc) like all other output.
pub fn report(ui: &super::ui::Ui, error: &CliError) -> ExitCode {
    use super::ui::Paint;
    if error.kind == Kind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    let prefix = if error.kind == Kind::Internal {
        "internal error"
    } else {
        "error"
    };
    let mut doc = ui.doc_stderr();
    doc.paint(Paint::Error, prefix)
        .text(format_args!(": {}\n", error.error));
    let mut source = error.error.source();
    while let Some(cause) = source {
        doc.text(format_args!("Caused by: {cause}\n"));
        source = cause.source();
    }
    for hint in &error.hints {
        doc.paint(Paint::Hint, "hint")
            .text(format_args!(": {hint}\n"));
    }
    ui.err(&doc);
    ExitCode::from(error.kind.exit_code())
}
