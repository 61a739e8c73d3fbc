//! The ticket model: identifiers, field values, the event timeline and the
//! lifecycle that replays it into a ticket's state.
//!
//! Everything here is pure: no git, no files, no terminal. The store reads and
//! writes tickets; the CLI renders them; this module decides what they mean.

mod attachment;
mod custom_field;
mod event;
mod fields;
mod id;
mod lifecycle;
mod person;
mod prefix;
mod set_field;
mod span;
mod state;
mod ticket;
mod time;

pub use attachment::{check_attachment_name, human_size, NameError};
pub use custom_field::{
    check_field_name, check_stored_value, Decimal, FieldDef, FieldKind, FieldValue, MAX_FIELDS,
    MAX_FIELD_NAME, MAX_FIELD_TEXT, MAX_NUMBER_DIGITS, RESERVED_NAMES,
};
pub use event::{Action, ActionKind, Changes, Event, MAX_CLOCK};
pub(crate) use fields::keyword_enum;
pub use fields::LinkRelation;
pub use fields::{CloseReason, Level, ParseFieldError, Priority, SlaTarget, Status, TicketType};
pub use id::{short_len, EventId, IdError, IdGenerator, TicketId, ID_ALPHABET, MIN_PREFIX_LEN};
pub use lifecycle::{allowed_actions, permission, Permission, Refusal};
pub use person::{email_of, Requester};
pub use prefix::TicketPrefix;
pub use set_field::SetField;
pub use span::{ParseSpanError, Span};
pub use state::{AttachmentInfo, Link};
pub use state::{Rating, Resolution, State};
pub use ticket::normalize_tags;
pub use ticket::{Clocks, Comment, Period, ReplayError, Ticket, TimelineEntry};
pub use time::{TimeError, Timestamp};
