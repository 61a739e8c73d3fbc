//! The fields `tk set` changes: one table that the command, its help, the
//! timeline's description of a change and the docs all read.

use super::event::Changes;
use super::fields::{keyword_enum, ParseFieldError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

keyword_enum!(
    /// A field `tk set ID FIELD=VALUE` can change, by the name users type.
    ///
    /// Status is not among them: status changes have their own commands.
    SetField, "field", {
        /// The one-line summary.
        Title => "title",
        /// The ticket type.
        Type => "type",
        /// Impact; recomputes the priority from the matrix.
        Impact => "impact",
        /// Urgency; recomputes the priority from the matrix.
        Urgency => "urgency",
        /// An explicit priority.
        Priority => "priority",
        /// The category.
        Category => "category",
        /// The assignment group (empty for none).
        Group => "group",
        /// The full set of tags, comma-separated.
        Tags => "tags",
        /// The long description.
        Description => "description",
        /// The requester, `Name <email>`.
        Requester => "requester",
        /// The requester's phone.
        RequesterPhone => "requester.phone",
        /// The requester's location.
        RequesterLocation => "requester.location",
        /// The requester's department.
        RequesterDepartment => "requester.department",
        /// The assignee; becomes an `assign` or `unassign` event.
        Assignee => "assignee",
    }
);

impl SetField {
    /// Returns the field names as a sentence: `a, b, … or z`.
    pub fn choices() -> String {
        match Self::WORDS.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => Self::WORDS.join(", "),
        }
    }
}

impl Changes {
    /// Returns the value `changes` gives `field`, as text, or `None` when
    /// it leaves the field alone.
    pub fn text(&self, field: SetField) -> Option<String> {
        fn word(value: Option<impl ToString>) -> Option<String> {
            value.map(|v| v.to_string())
        }
        match field {
            SetField::Title => self.title.clone(),
            SetField::Type => word(self.ticket_type.as_ref()),
            SetField::Impact => word(self.impact),
            SetField::Urgency => word(self.urgency),
            SetField::Priority => word(self.priority),
            SetField::Category => self.category.clone(),
            SetField::Group => self.group.clone(),
            SetField::Tags => self.tags.as_ref().map(|t| t.join(",")),
            SetField::Description => self.description.clone(),
            SetField::Requester => self.requester.clone(),
            SetField::RequesterPhone => self.requester_phone.clone(),
            SetField::RequesterLocation => self.requester_location.clone(),
            SetField::RequesterDepartment => self.requester_department.clone(),
            SetField::Assignee => self.assignee.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_read_as_a_sentence() {
        assert_eq!(
            SetField::choices(),
            "title, type, impact, urgency, priority, category, group, tags, description, requester, requester.phone, requester.location, requester.department or assignee"
        );
    }

    #[test]
    fn every_field_reads_back_what_changes_hold() {
        let changes = Changes {
            title: Some("t".into()),
            tags: Some(vec!["a".into(), "b".into()]),
            ..Changes::default()
        };
        assert_eq!(changes.text(SetField::Title).as_deref(), Some("t"));
        assert_eq!(changes.text(SetField::Tags).as_deref(), Some("a,b"));
        for field in SetField::ALL {
            if !matches!(field, SetField::Title | SetField::Tags) {
                assert_eq!(changes.text(*field), None, "{field}");
            }
        }
    }
}

/// The guide lists every field `tk set` changes, and the help does too.
#[cfg(test)]
#[test]
fn docs_name_every_set_field() {
    let guide = include_str!("../../docs/first-day.md");
    let man = include_str!("../../man/tk-set.1");
    for field in SetField::ALL {
        assert!(
            guide.contains(&format!("`{field}`")),
            "docs/first-day.md does not name the tk set field `{field}`"
        );
        assert!(
            man.contains(field.as_str()),
            "the tk set help (man/tk-set.1) does not name the field `{field}`"
        );
    }
}
