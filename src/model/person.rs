//! People on a ticket: the requester and the `Name <email>` form.

use serde::{Deserialize, Serialize};

/// The person who reported the ticket, with optional contact details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requester {
    /// Display name; may be empty when only an email is known.
    pub name: String,
    /// Email address; may be empty when only a name is known.
    pub email: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Office, site or desk.
    pub location: Option<String>,
    /// Department or team.
    pub department: Option<String>,
}

impl Requester {
    /// Parses `Name <email>`, a bare `email@host` or a bare name.
    ///
    /// Returns `None` for blank input.
    pub fn parse(text: &str) -> Option<Requester> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let (name, email) = split_name_email(text);
        Some(Requester {
            name,
            email,
            ..Requester::default()
        })
    }

    /// Returns `Name <email>`, or whichever part is known.
    pub fn display(&self) -> String {
        match (self.name.is_empty(), self.email.is_empty()) {
            (false, false) => format!("{} <{}>", self.name, self.email),
            (true, false) => self.email.clone(),
            _ => self.name.clone(),
        }
    }
}

/// Splits `Name <email>` into its parts; a bare word with `@` is an email.
fn split_name_email(text: &str) -> (String, String) {
    if let (Some(open), true) = (text.rfind('<'), text.ends_with('>')) {
        let name = text[..open].trim().to_string();
        let email = text[open + 1..text.len() - 1].trim().to_string();
        return (name, email);
    }
    if text.contains('@') && !text.contains(char::is_whitespace) {
        (String::new(), text.to_string())
    } else {
        (text.to_string(), String::new())
    }
}

/// Returns the email part of `Name <email>`, or the whole text when it has
/// no angle brackets. Used to compare authors with requesters.
pub fn email_of(person: &str) -> &str {
    match (person.rfind('<'), person.ends_with('>')) {
        (Some(open), true) => person[open + 1..person.len() - 1].trim(),
        _ => person.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        let full = Requester::parse("Ana Lima <ana@example.com>").unwrap();
        assert_eq!(
            (full.name.as_str(), full.email.as_str()),
            ("Ana Lima", "ana@example.com")
        );
        assert_eq!(full.display(), "Ana Lima <ana@example.com>");
        let email = Requester::parse("ana@example.com").unwrap();
        assert_eq!(
            (email.name.as_str(), email.email.as_str()),
            ("", "ana@example.com")
        );
        let name = Requester::parse(" Front desk ").unwrap();
        assert_eq!(name.display(), "Front desk");
        assert!(Requester::parse("  ").is_none());
    }

    #[test]
    fn email_of_extracts_the_address() {
        assert_eq!(email_of("Bo <bo@x.org>"), "bo@x.org");
        assert_eq!(email_of("bo@x.org"), "bo@x.org");
    }
}
