//! The vocabularies of a ticket: type (built-in or the team's own),
//! status, impact and urgency levels, priority and close reasons.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A value that is not one of a field's allowed words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field} `{value}`: expected one of {}", .allowed.join(", "))]
pub struct ParseFieldError {
    /// The field being parsed, e.g. `type`.
    pub field: &'static str,
    /// The rejected input.
    pub value: String,
    /// The words the field accepts.
    pub allowed: &'static [&'static str],
}

/// Declares a keyword enum with its canonical words, `Display`, `FromStr`
/// and serde as those words, so every vocabulary parses and prints alike.
macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, { $($(#[$vmeta:meta])* $variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $word)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The canonical words, in declaration order.
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// Returns the canonical word for this value.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Returns the value whose canonical word is exactly `word`:
            /// no trimming, no case folding, for formats that must read
            /// back only what they write.
            pub fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ParseFieldError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let lower = s.trim().to_ascii_lowercase();
                match lower.as_str() {
                    $($word => Ok($name::$variant),)+
                    _ => Err(ParseFieldError { field: $field, value: s.to_string(), allowed: Self::WORDS }),
                }
            }
        }
    };
}

pub(crate) use keyword_enum;

/// What kind of work a ticket is: one of the seven built-in types, or a
/// name the team added (`tk type add change`).
///
/// A name is 1 to 32 lower-case ASCII letters, digits and `-`, starting
/// with a letter; input is trimmed and lower-cased. Whether the team uses
/// a type is the team configuration's business, not the model's.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
// Serde reads the name as it is: it only carries states tk validated
// (the read cache); files and config parse through `FromStr`.
#[serde(from = "String", into = "String")]
pub struct TicketType(std::borrow::Cow<'static, str>);

impl TicketType {
    /// Something is broken or degraded.
    pub const INCIDENT: TicketType = TicketType::built_in("incident");
    /// A service request: access, equipment, a change.
    pub const REQUEST: TicketType = TicketType::built_in("request");
    /// The underlying cause of one or more incidents.
    pub const PROBLEM: TicketType = TicketType::built_in("problem");
    /// A request for information.
    pub const QUESTION: TicketType = TicketType::built_in("question");
    /// A suggestion to improve a service.
    pub const IMPROVEMENT: TicketType = TicketType::built_in("improvement");
    /// A request for training.
    pub const TRAINING: TicketType = TicketType::built_in("training");
    /// An incident that stops the business right now.
    pub const EMERGENCY: TicketType = TicketType::built_in("emergency");

    /// The built-in types, in the order a new team lists them.
    pub const ALL: &'static [TicketType] = &[
        TicketType::INCIDENT,
        TicketType::REQUEST,
        TicketType::PROBLEM,
        TicketType::QUESTION,
        TicketType::IMPROVEMENT,
        TicketType::TRAINING,
        TicketType::EMERGENCY,
    ];

    /// The built-in types' names, in the same order.
    pub const WORDS: &'static [&'static str] = &[
        "incident",
        "request",
        "problem",
        "question",
        "improvement",
        "training",
        "emergency",
    ];

    const fn built_in(name: &'static str) -> TicketType {
        TicketType(std::borrow::Cow::Borrowed(name))
    }

    /// Returns the type's name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Returns whether `name` is a valid type name as written in files.
    fn valid(name: &str) -> bool {
        let mut bytes = name.bytes();
        name.len() <= 32
            && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
            && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }
}

impl fmt::Display for TicketType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for TicketType {
    type Err = ParseFieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        if let Some(known) = TicketType::ALL.iter().find(|t| t.as_str() == lower) {
            return Ok(known.clone());
        }
        if TicketType::valid(&lower) {
            Ok(TicketType(std::borrow::Cow::Owned(lower)))
        } else {
            Err(ParseFieldError {
                field: "type",
                value: s.to_string(),
                allowed: &[
                    "a built-in type",
                    "a name of lower-case letters, digits and `-` (at most 32)",
                ],
            })
        }
    }
}

impl From<String> for TicketType {
    fn from(text: String) -> Self {
        TicketType(std::borrow::Cow::Owned(text))
    }
}

impl From<TicketType> for String {
    fn from(t: TicketType) -> String {
        t.0.into_owned()
    }
}

keyword_enum!(
    /// One of a ticket's two SLA targets.
    SlaTarget, "target", {
        /// Time to the first response.
        Response => "response",
        /// Time to resolution.
        Resolution => "resolution",
    }
);

keyword_enum!(
    /// Where a ticket is in its lifecycle.
    Status, "status", {
        /// Reported, nobody assigned yet.
        New => "new",
        /// Someone owns it but has not started.
        Assigned => "assigned",
        /// Being worked on.
        InProgress => "in-progress",
        /// Blocked on the requester or a third party.
        Waiting => "waiting",
        /// A solution was delivered and written down.
        Resolved => "resolved",
        /// Done: confirmed or closed with a reason.
        Closed => "closed",
    }
);

keyword_enum!(
    /// Impact or urgency on the three-step ITIL scale.
    Level, "level", {
        /// Affects one person, or can wait.
        Low => "low",
        /// The default.
        Medium => "medium",
        /// Affects many people, or cannot wait.
        High => "high",
    }
);

keyword_enum!(
    /// The order in which tickets are worked, most urgent first.
    Priority, "priority", {
        /// Drop everything.
        Critical => "critical",
        /// Next in line.
        High => "high",
        /// Normal work.
        Medium => "medium",
        /// When there is time.
        Low => "low",
        /// Scheduled work, no clock.
        Planning => "planning",
    }
);

keyword_enum!(
    /// Why a ticket was closed without being resolved.
    CloseReason, "close reason", {
        /// Another ticket tracks the same thing.
        Duplicate => "duplicate",
        /// The requester withdrew it.
        Cancelled => "cancelled",
        /// The team decided not to do it.
        Wontfix => "wontfix",
    }
);

keyword_enum!(
    /// How a ticket relates to the ticket a link points at.
    LinkRelation, "link relation", {
        /// The two tickets are about related things.
        Relates => "relates",
        /// This ticket reports the same thing as the target.
        Duplicates => "duplicates",
        /// This ticket has to be done before the target can be.
        Blocks => "blocks",
        /// This ticket (an incident) was caused by the target (a problem).
        CausedBy => "caused-by",
        /// This ticket is follow-up work of the target, its parent
        /// (`tk new --parent`).
        ChildOf => "child-of",
    }
);

impl Status {
    /// Returns whether work on the ticket is still outstanding.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }
}

impl Priority {
    /// Returns the ITIL priority for an impact and an urgency.
    ///
    /// high/high is critical; high/medium and medium/high are high;
    /// high/low, medium/medium and low/high are medium; medium/low and
    /// low/medium are low; low/low is planning.
    pub fn from_matrix(impact: Level, urgency: Level) -> Priority {
        let score = level_rank(impact) + level_rank(urgency);
        match score {
            4 => Priority::Critical,
            3 => Priority::High,
            2 => Priority::Medium,
            1 => Priority::Low,
            _ => Priority::Planning,
        }
    }
}

fn level_rank(level: Level) -> u8 {
    match level {
        Level::Low => 0,
        Level::Medium => 1,
        Level::High => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn itil_matrix() {
        use Level::*;
        let expect = [
            (High, High, Priority::Critical),
            (High, Medium, Priority::High),
            (Medium, High, Priority::High),
            (High, Low, Priority::Medium),
            (Medium, Medium, Priority::Medium),
            (Low, High, Priority::Medium),
            (Medium, Low, Priority::Low),
            (Low, Medium, Priority::Low),
            (Low, Low, Priority::Planning),
        ];
        for (impact, urgency, priority) in expect {
            assert_eq!(
                Priority::from_matrix(impact, urgency),
                priority,
                "{impact}/{urgency}"
            );
        }
    }

    #[test]
    fn keywords_parse_case_insensitively_and_name_the_choices() {
        assert_eq!("In-Progress".parse::<Status>().unwrap(), Status::InProgress);
        let err = "urgent".parse::<Priority>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid priority `urgent`: expected one of critical, high, medium, low, planning"
        );
    }
}
