//! Reading GitHub issues as `gh issue list --json
//! number,title,body,state,author,createdAt,closedAt,labels,comments`
//! prints them: labels become tags, comments keep their authors and times,
//! and a closed issue is resolved ("closed on GitHub") and closed.

use super::{derived_id, origin, parse_time, Error, Place, Record, RowError};
use crate::model::{Action, Changes, Timestamp};
use crate::ops::write::{Stamp, TicketChange};
use serde::Deserialize;
use serde_json::Value;

/// The resolution of an issue closed on GitHub.
pub const RESOLUTION: &str = "closed on GitHub";

/// Who resolved and closed an issue closed on GitHub (gh's JSON does not
/// say who closed it).
pub const CLOSER: &str = "GitHub <noreply@github.com>";

/// One issue, with the fields tk reads; gh's others are ignored.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Issue {
    number: u64,
    title: String,
    #[serde(default)]
    body: Option<String>,
    state: String,
    #[serde(default)]
    author: Option<Author>,
    created_at: String,
    #[serde(default)]
    closed_at: Option<String>,
    #[serde(default)]
    labels: Vec<Label>,
    #[serde(default)]
    comments: Vec<IssueComment>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
struct Author {
    login: String,
}

#[derive(Deserialize)]
struct Label {
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IssueComment {
    #[serde(default)]
    author: Option<Author>,
    #[serde(default)]
    body: String,
    created_at: String,
}

/// Returns the records of gh's JSON; `source` names the repository when
/// the issues carry no `url`.
pub(super) fn records<'a>(
    input: &[u8],
    source: Option<&str>,
) -> Result<Vec<Result<Record<'a>, RowError>>, Error> {
    let value: Value =
        serde_json::from_slice(input).map_err(|e| Error::Input(format!("not JSON: {e}")))?;
    let Value::Array(items) = value else {
        return Err(Error::Input(
            "not gh issue list JSON: it is not an array of issues".to_string(),
        ));
    };
    let named = |item: &Value| {
        item.get("url")
            .and_then(Value::as_str)
            .and_then(repository_of)
            .is_some()
    };
    if source.is_none() && !items.iter().all(named) {
        return Err(Error::Input(
            "the issues name no repository (gh's JSON has no `url` unless asked): give --source OWNER/REPO"
                .to_string(),
        ));
    }
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let place = Place::Index(index);
            issue(item, source, place).map_err(|message| RowError { place, message })
        })
        .collect())
}

/// Returns one issue as a ticket to create.
fn issue<'a>(item: Value, source: Option<&str>, place: Place) -> Result<Record<'a>, String> {
    let issue: Issue = serde_json::from_value(item).map_err(|e| format!("not an issue: {e}"))?;
    let repo = match (source, issue.url.as_deref().and_then(repository_of)) {
        (Some(source), _) => source.to_string(),
        (None, Some(repo)) => repo,
        (None, None) => {
            return Err(format!(
                "issue #{} names no repository: give --source OWNER/REPO",
                issue.number
            ))
        }
    };
    let source = format!("github:{repo}#{}", issue.number);
    let id = derived_id(&source);
    let at = parse_time(&issue.created_at).map_err(|e| format!("createdAt: {e}"))?;
    let by = person(issue.author.as_ref());
    let mut comments = issue
        .comments
        .iter()
        .map(|c| {
            let at = parse_time(&c.created_at).map_err(|e| format!("comment createdAt: {e}"))?;
            Ok((at, c))
        })
        .collect::<Result<Vec<_>, String>>()?;
    comments.sort_by_key(|(at, _)| *at);
    let mut then: Vec<(Action, Option<Stamp>)> = comments
        .into_iter()
        .map(|(at, c)| {
            let action = Action::Comment {
                body: c.body.clone(),
                internal: false,
            };
            let stamp = Stamp {
                by: person(c.author.as_ref()),
                at,
            };
            (action, Some(stamp))
        })
        .collect();
    match issue.state.to_ascii_uppercase().as_str() {
        "OPEN" => {}
        "CLOSED" => {
            let closed = closed_time(issue.closed_at.as_deref())?.unwrap_or_else(|| {
                then.iter()
                    .filter_map(|(_, s)| s.as_ref())
                    .fold(at, |t, s| t.max(s.at))
            });
            let stamp = Stamp {
                by: CLOSER.to_string(),
                at: closed,
            };
            then.push((
                Action::Resolve {
                    summary: RESOLUTION.to_string(),
                },
                Some(stamp.clone()),
            ));
            then.push((
                Action::Close {
                    reason: None,
                    note: None,
                },
                Some(stamp),
            ));
        }
        other => return Err(format!("issue #{}: unknown state `{other}`", issue.number)),
    }
    let tags: Vec<String> = issue.labels.into_iter().map(|l| l.name).collect();
    let changes = Changes {
        title: Some(issue.title),
        description: issue.body.filter(|b| !b.trim().is_empty()),
        tags: (!tags.is_empty()).then_some(tags),
        requester: Some(by.clone()),
        ..Changes::default()
    };
    let origin = origin(&id, by, at);
    Ok(Record {
        place,
        source,
        id: id.clone(),
        change: TicketChange::create_foreign_stamped(id, changes, then, origin),
        warnings: Vec::new(),
    })
}

/// Returns a GitHub user as tk names people: the login, with the address
/// GitHub itself uses for people who keep theirs private (a login has no
/// email in gh's JSON). A deleted account is GitHub's `ghost`.
fn person(author: Option<&Author>) -> String {
    let login = author
        .map(|a| a.login.trim())
        .filter(|l| !l.is_empty())
        .unwrap_or("ghost");
    format!("{login} <{login}@users.noreply.github.com>")
}

/// Returns when a closed issue was closed; gh prints no time, `null` or
/// the zero time `0001-01-01T00:00:00Z` when it does not know.
fn closed_time(text: Option<&str>) -> Result<Option<Timestamp>, String> {
    match text {
        None => Ok(None),
        Some(t) if t.starts_with("0001-") || t.trim().is_empty() => Ok(None),
        Some(t) => parse_time(t)
            .map(Some)
            .map_err(|e| format!("closedAt: {e}")),
    }
}

/// Returns `owner/name` from an issue's URL
/// (`https://github.com/owner/name/issues/12`).
fn repository_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let mut parts = rest.split('/');
    let _host = parts.next()?;
    let owner = parts.next().filter(|p| !p.is_empty())?;
    let name = parts.next().filter(|p| !p.is_empty())?;
    Some(format!("{owner}/{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repositories_come_from_issue_urls() {
        assert_eq!(
            repository_of("https://github.com/acme/desk/issues/12").as_deref(),
            Some("acme/desk")
        );
        assert_eq!(repository_of("https://github.com/"), None);
    }

    #[test]
    fn logins_get_github_noreply_addresses() {
        let author = Author {
            login: "octocat".to_string(),
        };
        assert_eq!(
            person(Some(&author)),
            "octocat <octocat@users.noreply.github.com>"
        );
        assert_eq!(person(None), "ghost <ghost@users.noreply.github.com>");
    }

    #[test]
    fn unknown_close_times_are_none() {
        assert_eq!(closed_time(None), Ok(None));
        assert_eq!(closed_time(Some("0001-01-01T00:00:00Z")), Ok(None));
        assert!(closed_time(Some("2026-11-23T09:00:00Z")).is_ok_and(|t| t.is_some()));
    }
}
