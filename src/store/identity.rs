//! Who is writing: the identity git itself would use.

use super::error::{Error, GitContext};
use git2::Repository;

/// A person as git records them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// `user.name` or `GIT_*_NAME`.
    pub name: String,
    /// `user.email` or `GIT_*_EMAIL`.
    pub email: String,
}

impl Identity {
    /// Returns `Name <email>`, the form stored in events.
    pub fn display(&self) -> String {
        format!("{} <{}>", self.name, self.email)
    }
}

/// The author and committer of tk's commits.
#[derive(Clone, Debug)]
pub struct Identities {
    /// Who made the change; recorded in events.
    pub author: Identity,
    /// Who committed it; usually the same person.
    pub committer: Identity,
}

/// Resolves author and committer as git does: `GIT_AUTHOR_*` and
/// `GIT_COMMITTER_*` first, then `user.name` / `user.email`.
pub(super) fn resolve(repo: &Repository) -> Result<Identities, Error> {
    let config = repo.config().context(|| "cannot read git config".into())?;
    let configured = |key: &str| config.get_string(key).ok().filter(|v| !v.trim().is_empty());
    let env = |key: &str| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
    let pick = |role: &str| -> Result<Identity, Error> {
        let name = env(&format!("GIT_{role}_NAME")).or_else(|| configured("user.name"));
        let email = env(&format!("GIT_{role}_EMAIL"))
            .or_else(|| configured("user.email"))
            .or_else(|| env("EMAIL"));
        match (name, email) {
            (Some(name), Some(email)) => Ok(Identity {
                name: name.trim().to_string(),
                email: email.trim().to_string(),
            }),
            _ => Err(Error::NoIdentity),
        }
    };
    Ok(Identities {
        author: pick("AUTHOR")?,
        committer: pick("COMMITTER")?,
    })
}
