//! Settings that come from the environment: `TK_NOW` and `TK_ID_SEED`.
//!
//! These are testing aids; they are read here and nowhere else. Settings
//! kept in git config (`tk.ref`) are read by the store, the only module
//! that talks to git.

use crate::model::{IdGenerator, Timestamp};
use chrono::Utc;

/// A malformed environment variable.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `TK_NOW` is not RFC 3339, or outside 1970 to 9999.
    #[error("TK_NOW `{value}` is not an RFC 3339 time (like 2026-11-22T15:04:05Z): {cause}")]
    Now {
        /// The rejected value.
        value: String,
        /// The parser's complaint.
        cause: crate::model::TimeError,
    },
    /// `TK_ID_SEED` is not an unsigned integer.
    #[error("TK_ID_SEED `{0}` is not a non-negative integer")]
    Seed(String),
}

/// Environment-derived settings for one run.
#[derive(Clone, Debug)]
pub struct Settings {
    now: Timestamp,
    id_seed: Option<u64>,
    smtp_password: Option<String>,
    imap_password: Option<String>,
}

impl Settings {
    /// Reads `TK_NOW` (the clock override) and `TK_ID_SEED` (deterministic
    /// ids) from the environment.
    pub fn from_env() -> Result<Settings, Error> {
        let now = match std::env::var("TK_NOW") {
            Ok(value) if !value.is_empty() => {
                Timestamp::parse_rfc3339(&value).map_err(|cause| Error::Now { value, cause })?
            }
            _ => Timestamp::clamped(Utc::now().timestamp()),
        };
        let id_seed = match std::env::var("TK_ID_SEED") {
            Ok(value) if !value.is_empty() => {
                Some(value.trim().parse().map_err(|_| Error::Seed(value))?)
            }
            _ => None,
        };
        // The SMTP password for `tk mail send`, for machines that keep
        // secrets in the environment rather than behind a command.
        let smtp_password = std::env::var("TK_MAIL_SMTP_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty());
        // The IMAP password for `tk mail fetch`, likewise.
        let imap_password = std::env::var("TK_MAIL_IMAP_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty());
        Ok(Settings {
            now,
            id_seed,
            smtp_password,
            imap_password,
        })
    }

    /// Returns `TK_MAIL_SMTP_PASSWORD`, the SMTP password when no
    /// `tk.mail.smtp.password-command` is configured.
    pub fn smtp_password(&self) -> Option<&str> {
        self.smtp_password.as_deref()
    }

    /// Returns `TK_MAIL_IMAP_PASSWORD`, the IMAP password when no
    /// `tk.mail.imap.password-command` is configured.
    pub fn imap_password(&self) -> Option<&str> {
        self.imap_password.as_deref()
    }

    /// Returns the current time, or `TK_NOW` when set.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Returns an id generator: seeded from `TK_ID_SEED` when set.
    pub fn id_generator(&self) -> IdGenerator {
        match self.id_seed {
            Some(seed) => IdGenerator::from_seed(seed),
            None => IdGenerator::from_entropy(),
        }
    }
}
