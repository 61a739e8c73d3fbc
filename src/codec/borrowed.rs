//! A borrowed view of a [`State`] decoded from the read cache's bytes.
//!
//! The cache stores each state as postcard bytes. Decoding a whole
//! [`State`] allocates every string it holds (title, requester, assignee,
//! description, tags…) and frees them again, for a list row that shows a
//! few of them: at 100,000 tickets that was most of decoding a row.
//! [`StateRef`] has the same serde shape with every string borrowed from
//! the bytes, so a row is read without allocating anything but its short
//! lists (tags, watchers, links and custom fields, when it has any).
//!
//! Kept in step with [`State`] by construction: [`StateRef::of`] takes a
//! state apart field by field with no `..`, so a field added to `State`
//! does not compile here until it is added to the view, and a unit test
//! decodes the bytes of states that set every field and compares.

use crate::model::{AttachmentInfo, CloseReason, FieldValue, Level, Link, LinkRelation};
use crate::model::{Priority, Rating, Requester, Resolution, Span, State, Status, Timestamp};
use serde::{Deserialize, Deserializer};

/// A ticket's state, its strings borrowed from the bytes it was decoded
/// from (or from the [`State`] it views): see [`State`] for each field.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct StateRef<'a> {
    /// Full id.
    pub id: &'a str,
    /// One-line summary.
    pub title: &'a str,
    /// Ticket type, its word.
    pub ticket_type: &'a str,
    /// Lifecycle status.
    pub status: Status,
    /// Priority.
    pub priority: Priority,
    /// Impact.
    pub impact: Level,
    /// Urgency.
    pub urgency: Level,
    /// How soon the team must first respond.
    pub response_target: Option<Span>,
    /// How soon the ticket must be resolved.
    pub resolution_target: Option<Span>,
    /// Category.
    #[serde(borrow)]
    pub category: Option<&'a str>,
    /// The assignment group.
    #[serde(borrow)]
    pub group: Option<&'a str>,
    /// Tags, sorted and unique.
    #[serde(borrow)]
    pub tags: Vec<&'a str>,
    /// Who reported it.
    #[serde(borrow)]
    pub requester: Option<RequesterRef<'a>>,
    /// Who owns it.
    #[serde(borrow)]
    pub assignee: Option<&'a str>,
    /// When it was reported.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// Long description.
    #[serde(borrow)]
    pub description: Option<&'a str>,
    /// When someone other than the requester first responded.
    pub first_response: Option<Timestamp>,
    /// When it was resolved.
    pub resolved: Option<Timestamp>,
    /// When it was closed.
    pub closed: Option<Timestamp>,
    /// Why it closed without a resolution.
    pub close_reason: Option<CloseReason>,
    /// The solution, once resolved.
    #[serde(borrow)]
    pub resolution: Option<ResolutionRef<'a>>,
    /// The rating of the current resolution.
    #[serde(borrow)]
    pub rating: Option<RatingRef<'a>>,
    /// Links to other tickets, sorted and unique.
    #[serde(borrow)]
    pub links: Vec<LinkRef<'a>>,
    /// Who follows the ticket, sorted and unique.
    #[serde(borrow)]
    pub watchers: Vec<&'a str>,
    /// Attached files, sorted by name.
    #[serde(borrow)]
    pub attachments: Vec<AttachmentRef<'a>>,
    /// Custom fields that have a value, sorted by name (a map in the
    /// bytes, read into a list: the map's order is kept).
    #[serde(borrow, deserialize_with = "pairs")]
    pub fields: Vec<(&'a str, FieldRef<'a>)>,
}

/// A [`Requester`], borrowed.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RequesterRef<'a> {
    /// Display name.
    pub name: &'a str,
    /// Email address.
    pub email: &'a str,
    /// Phone number.
    #[serde(borrow)]
    pub phone: Option<&'a str>,
    /// Office, site or desk.
    #[serde(borrow)]
    pub location: Option<&'a str>,
    /// Department or team.
    #[serde(borrow)]
    pub department: Option<&'a str>,
}

/// A [`Resolution`], borrowed.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ResolutionRef<'a> {
    /// What was done.
    pub summary: &'a str,
    /// Who resolved it.
    pub by: &'a str,
    /// When.
    pub at: Timestamp,
}

/// A [`Rating`], borrowed.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RatingRef<'a> {
    /// 1 to 5.
    pub score: u8,
    /// Free-text feedback.
    #[serde(borrow)]
    pub comment: Option<&'a str>,
    /// Who entered it.
    pub by: &'a str,
    /// When.
    pub at: Timestamp,
    /// Whether a team member entered it on the requester's behalf.
    pub on_behalf: bool,
}

/// A [`Link`], borrowed.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct LinkRef<'a> {
    /// How the ticket relates to the target.
    pub relation: LinkRelation,
    /// The other ticket's full id.
    pub target: &'a str,
}

/// An [`AttachmentInfo`], borrowed.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AttachmentRef<'a> {
    /// The file name.
    pub name: &'a str,
    /// Size in bytes.
    pub size: u64,
    /// Who attached it.
    pub by: &'a str,
    /// When.
    pub at: Timestamp,
}

/// A [`FieldValue`], borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum FieldRef<'a> {
    /// A text, date or choice field's value.
    Text(&'a str),
    /// A number field's value, in its canonical text.
    Number(&'a str),
}

impl<'a> FieldRef<'a> {
    /// Returns the value as people read and type it ([`FieldValue::text`]).
    pub fn text(self) -> &'a str {
        match self {
            FieldRef::Text(text) | FieldRef::Number(text) => text,
        }
    }

    /// Returns the view of `value`.
    pub fn of(value: &'a FieldValue) -> FieldRef<'a> {
        match value {
            FieldValue::Text(text) => FieldRef::Text(text),
            FieldValue::Number(n) => FieldRef::Number(n.as_str()),
        }
    }
}

impl RequesterRef<'_> {
    /// Returns `Name <email>`, or whichever part is known
    /// ([`Requester::display`]).
    pub fn display(&self) -> String {
        match (self.name.is_empty(), self.email.is_empty()) {
            (false, false) => format!("{} <{}>", self.name, self.email),
            (true, false) => self.email.to_string(),
            _ => self.name.to_string(),
        }
    }
}

/// Reads a map as its list of pairs, in the order the bytes hold them.
fn pairs<'de: 'a, 'a, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<(&'a str, FieldRef<'a>)>, D::Error> {
    struct Pairs;
    impl<'de> serde::de::Visitor<'de> for Pairs {
        type Value = Vec<(&'de str, FieldRef<'de>)>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map of custom fields")
        }

        fn visit_map<M: serde::de::MapAccess<'de>>(
            self,
            mut map: M,
        ) -> Result<Self::Value, M::Error> {
            let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
            while let Some(pair) = map.next_entry()? {
                out.push(pair);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Pairs)
}

/// The first fields of a cached state's bytes, up to `updated`: what
/// sorting a list by priority, creation or change needs, read without
/// the rest. Its strings but the id are stepped over unread (not even
/// checked as UTF-8), and nothing after `updated` is read at all: a
/// `tk list --json` that filters by status only reads this to sort the
/// rows, then each shown row whole once, to print it.
///
/// Kept in step with [`StateRef`] by a unit test that reads the bytes of
/// states that set every field (and none) as a head and compares.
#[derive(Clone, Debug, Deserialize)]
pub struct StateHead<'a> {
    /// Full id.
    pub id: &'a str,
    _title: Skipped,
    _ticket_type: Skipped,
    /// Lifecycle status.
    pub status: Status,
    /// Priority.
    pub priority: Priority,
    _impact: Level,
    _urgency: Level,
    _response_target: Option<Span>,
    _resolution_target: Option<Span>,
    _category: Option<Skipped>,
    _group: Option<Skipped>,
    _tags: SkippedList,
    _requester: Option<SkippedRequester>,
    _assignee: Option<Skipped>,
    /// When it was reported.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
}

/// A string (or any byte string) of the bytes, stepped over: its length
/// is read, its bytes are not.
#[derive(Clone, Copy, Debug)]
struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = Skipped;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_bytes<E>(self, _: &'de [u8]) -> Result<Skipped, E> {
                Ok(Skipped)
            }

            fn visit_bytes<E>(self, _: &[u8]) -> Result<Skipped, E> {
                Ok(Skipped)
            }
        }
        // postcard writes a string as a byte string (its length, then its
        // bytes); read as bytes, it is not checked as UTF-8.
        deserializer.deserialize_bytes(Bytes)
    }
}

/// A list of strings, stepped over.
#[derive(Clone, Copy, Debug)]
struct SkippedList;

impl<'de> Deserialize<'de> for SkippedList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items;
        impl<'de> serde::de::Visitor<'de> for Items {
            type Value = SkippedList;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of strings")
            }

            fn visit_seq<S: serde::de::SeqAccess<'de>>(
                self,
                mut seq: S,
            ) -> Result<SkippedList, S::Error> {
                while seq.next_element::<Skipped>()?.is_some() {}
                Ok(SkippedList)
            }
        }
        deserializer.deserialize_seq(Items)
    }
}

/// A [`RequesterRef`], stepped over.
#[derive(Clone, Copy, Debug, Deserialize)]
struct SkippedRequester {
    _name: Skipped,
    _email: Skipped,
    _phone: Option<Skipped>,
    _location: Option<Skipped>,
    _department: Option<Skipped>,
}

impl<'a> StateRef<'a> {
    /// Returns the view of an owned state.
    pub fn of(state: &'a State) -> StateRef<'a> {
        // No `..`: a field added to `State` must be added here too.
        let State {
            id,
            title,
            ticket_type,
            status,
            priority,
            impact,
            urgency,
            response_target,
            resolution_target,
            category,
            group,
            tags,
            requester,
            assignee,
            created,
            updated,
            description,
            first_response,
            resolved,
            closed,
            close_reason,
            resolution,
            rating,
            links,
            watchers,
            attachments,
            fields,
        } = state;
        let requester_of = |r: &'a Requester| RequesterRef {
            name: &r.name,
            email: &r.email,
            phone: r.phone.as_deref(),
            location: r.location.as_deref(),
            department: r.department.as_deref(),
        };
        let resolution_of = |r: &'a Resolution| ResolutionRef {
            summary: &r.summary,
            by: &r.by,
            at: r.at,
        };
        let rating_of = |r: &'a Rating| RatingRef {
            score: r.score,
            comment: r.comment.as_deref(),
            by: &r.by,
            at: r.at,
            on_behalf: r.on_behalf,
        };
        let link = |l: &'a Link| LinkRef {
            relation: l.relation,
            target: l.target.as_str(),
        };
        let attachment = |a: &'a AttachmentInfo| AttachmentRef {
            name: &a.name,
            size: a.size,
            by: &a.by,
            at: a.at,
        };
        StateRef {
            id: id.as_str(),
            title,
            ticket_type: ticket_type.as_str(),
            status: *status,
            priority: *priority,
            impact: *impact,
            urgency: *urgency,
            response_target: *response_target,
            resolution_target: *resolution_target,
            category: category.as_deref(),
            group: group.as_deref(),
            tags: tags.iter().map(String::as_str).collect(),
            requester: requester.as_ref().map(requester_of),
            assignee: assignee.as_deref(),
            created: *created,
            updated: *updated,
            description: description.as_deref(),
            first_response: *first_response,
            resolved: *resolved,
            closed: *closed,
            close_reason: *close_reason,
            resolution: resolution.as_ref().map(resolution_of),
            rating: rating.as_ref().map(rating_of),
            links: links.iter().map(link).collect(),
            watchers: watchers.iter().map(String::as_str).collect(),
            attachments: attachments.iter().map(attachment).collect(),
            fields: fields
                .iter()
                .map(|(name, value)| (name.as_str(), FieldRef::of(value)))
                .collect(),
        }
    }

    /// Returns the first `len` characters of the id (all of it when
    /// shorter), as [`crate::model::TicketId::prefix`].
    pub fn id_prefix(&self, len: usize) -> &'a str {
        &self.id[..len.min(self.id.len())]
    }

    /// Returns the value of the custom field `name`, if set.
    pub fn field(&self, name: &str) -> Option<FieldRef<'a>> {
        self.fields
            .binary_search_by(|(have, _)| (*have).cmp(name))
            .ok()
            .map(|at| self.fields[at].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Clocks, Decimal, Period, TicketId};

    /// A state with nothing optional set.
    fn bare() -> State {
        let id = TicketId::parse("4f3a9c2k8m1p0q7r").expect("a valid id");
        State::new(
            id,
            Timestamp::from_unix(1_700_000_000),
            Level::High,
            Level::Low,
        )
    }

    /// A state with every field set, text that is not plain ASCII, and
    /// custom fields of both kinds.
    fn full() -> State {
        let at = Timestamp::from_unix(1_700_000_123);
        let mut state = bare();
        state.title = "Printer \"3\" jams — é".into();
        state.ticket_type = "change".parse().expect("a valid type name");
        state.status = Status::Waiting;
        state.response_target = Some(Span {
            weeks: 0,
            days: 1,
            minutes: 30,
        });
        state.resolution_target = Some(Span {
            weeks: 1,
            days: 0,
            minutes: 0,
        });
        state.category = Some("hardware".into());
        state.group = Some("desk".into());
        state.tags = vec!["a".into(), "site-3".into()];
        state.requester = Some(Requester {
            name: "Ana Lima".into(),
            email: "ana@example.com".into(),
            phone: Some("+1 555".into()),
            location: Some("floor 8".into()),
            department: Some("it".into()),
        });
        state.assignee = Some("bo@example.com".into());
        state.description = Some("line 1\nline 2\n".into());
        state.first_response = Some(at);
        state.resolved = Some(at);
        state.closed = Some(at);
        state.close_reason = Some(CloseReason::Duplicate);
        state.resolution = Some(Resolution {
            summary: "fixed".into(),
            by: "bo@example.com".into(),
            at,
        });
        state.rating = Some(Rating {
            score: 4,
            comment: Some("ok".into()),
            by: "ana@example.com".into(),
            at,
            on_behalf: true,
        });
        state.links = vec![Link {
            relation: LinkRelation::Blocks,
            target: TicketId::parse("8yyfzcqnnhz6hbes").expect("a valid id"),
        }];
        state.watchers = vec!["carla@example.com".into(), "dan@example.com".into()];
        state.attachments = vec![AttachmentInfo {
            name: "log.txt".into(),
            size: 12_345,
            by: "ana@example.com".into(),
            at,
        }];
        state.fields.insert(
            "cost".into(),
            FieldValue::Number(Decimal::parse("12.50").expect("a number")),
        );
        state
            .fields
            .insert("note".into(), FieldValue::Text("x\"y".into()));
        state
    }

    /// The bytes of a cached row's state and clocks read as a view are
    /// the state's own values, and the clocks after them are intact.
    #[test]
    fn cached_bytes_read_back_as_the_view_of_the_state() {
        let clocks = Clocks {
            paused: vec![Period {
                from: Timestamp::from_unix(5),
                to: None,
            }],
            ..Clocks::default()
        };
        for state in [bare(), full()] {
            let bytes = postcard::to_allocvec(&(&state, &clocks)).expect("states serialize");
            let (view, read_clocks): (StateRef<'_>, Clocks) =
                postcard::from_bytes(&bytes).expect("the view reads a state's bytes");
            assert_eq!(view, StateRef::of(&state));
            assert_eq!(read_clocks, clocks);
            let owned: (State, Clocks) = postcard::from_bytes(&bytes).expect("a state");
            assert_eq!(owned.0, state);
        }
    }

    /// A head read from a state's bytes holds the state's own values.
    #[test]
    fn cached_bytes_read_back_as_the_head_of_the_state() {
        let mut other = full();
        other.status = Status::Resolved;
        other.priority = Priority::Low;
        other.updated = Timestamp::from_unix(1_800_000_000);
        for state in [bare(), full(), other] {
            let bytes = postcard::to_allocvec(&(&state, &Clocks::default())).expect("a state");
            let head: StateHead<'_> = postcard::from_bytes(&bytes).expect("a head");
            assert_eq!(head.id, state.id.as_str());
            assert_eq!(head.status, state.status);
            assert_eq!(head.priority, state.priority);
            assert_eq!(head.created, state.created);
            assert_eq!(head.updated, state.updated);
        }
    }

    #[test]
    fn the_view_answers_as_the_state_does() {
        let state = full();
        let view = StateRef::of(&state);
        assert_eq!(view.id_prefix(7), state.id.prefix(7));
        assert_eq!(view.id_prefix(40), state.id.as_str());
        for name in ["cost", "note", "missing", ""] {
            assert_eq!(
                view.field(name).map(FieldRef::text),
                state.fields.get(name).map(FieldValue::text)
            );
        }
        let requester = state.requester.as_ref().expect("set");
        let view_requester = view.requester.as_ref().expect("set");
        assert_eq!(view_requester.display(), requester.display());
        for (name, email) in [("", "a@b"), ("Ana", ""), ("", "")] {
            let owned = Requester {
                name: name.into(),
                email: email.into(),
                ..Requester::default()
            };
            let borrowed = RequesterRef {
                name,
                email,
                phone: None,
                location: None,
                department: None,
            };
            assert_eq!(borrowed.display(), owned.display());
        }
    }
}
