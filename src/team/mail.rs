//! The desk's mail settings in `tk.toml` (`[mail]`): its address, what
//! mailed tickets look like, who may open them and how replies behave.
//!
//! Shared by the team through the ref like the rest of `tk.toml`; machine
//! settings (transports, credentials) live in local git config instead and
//! are not here. Pure: no I/O.

use crate::model::TicketType;

/// The subject tag when `mail.subject_tag` is not set.
pub const DEFAULT_SUBJECT_TAG: &str = "[tk:SHORTID]";

/// The largest message accepted when `mail.max_size` is not set: 25 MiB.
pub const DEFAULT_MAIL_LIMIT: u64 = 25 * 1024 * 1024;

/// The `[mail]` table, with defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailSettings {
    /// The desk's address (From and Reply-To of outgoing mail); mail from
    /// it is never ingested, which breaks loops.
    pub address: Option<String>,
    /// The display name that goes with the address.
    pub name: Option<String>,
    /// The type of tickets opened by mail (`None`: the ticket default).
    pub ticket_type: Option<TicketType>,
    /// The category of tickets opened by mail.
    pub category: Option<String>,
    /// The subject tag; `SHORTID` stands for the ticket's short id.
    pub subject_tag: String,
    /// Addresses (`ann@corp.example`) or domains (`corp.example`) allowed
    /// to open tickets; empty means anyone.
    pub allowed_senders: Vec<String>,
    /// The largest message accepted, in bytes.
    pub max_size: u64,
    /// Whether a requester's reply to a resolved ticket reopens it.
    pub reopen_on_reply: bool,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            address: None,
            name: None,
            ticket_type: None,
            category: None,
            subject_tag: DEFAULT_SUBJECT_TAG.to_string(),
            allowed_senders: Vec::new(),
            max_size: DEFAULT_MAIL_LIMIT,
            reopen_on_reply: true,
        }
    }
}

impl MailSettings {
    /// Returns whether `email` may open a ticket by mail.
    pub fn allows(&self, email: &str) -> bool {
        if self.allowed_senders.is_empty() {
            return true;
        }
        let email = email.trim().to_lowercase();
        let domain = email.rsplit_once('@').map_or("", |(_, d)| d);
        self.allowed_senders.iter().any(|allowed| {
            let allowed = allowed.trim().trim_start_matches('@');
            if allowed.contains('@') {
                allowed.eq_ignore_ascii_case(&email)
            } else {
                allowed.eq_ignore_ascii_case(domain)
            }
        })
    }

    /// Returns whether `email` is the desk's own address.
    pub fn is_own_address(&self, email: &str) -> bool {
        self.address
            .as_deref()
            .is_some_and(|a| a.trim().eq_ignore_ascii_case(email.trim()))
    }

    /// Returns the tag for a ticket's short id, like `[tk:4f3a9c2]`.
    pub fn tag(&self, short_id: &str) -> String {
        self.subject_tag.replace("SHORTID", short_id)
    }

    /// Returns the id prefix a subject's tag names, if it has one: the
    /// text where `SHORTID` stands in the tag, matched case-insensitively.
    pub fn tagged_prefix(&self, subject: &str) -> Option<String> {
        let (before, after) = self.subject_tag.split_once("SHORTID")?;
        let lower = subject.to_lowercase();
        let before = before.to_lowercase();
        let after = after.to_lowercase();
        let mut from = 0;
        while let Some(found) = lower.get(from..)?.find(&before) {
            let start = from + found + before.len();
            let rest = lower.get(start..)?;
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !id.is_empty() && rest[id.len()..].starts_with(&after) {
                return Some(id);
            }
            from = start;
        }
        None
    }
}

/// Checks a subject tag: it must hold `SHORTID` once, with text around it.
pub(super) fn check_tag(tag: &str) -> Result<(), String> {
    if tag.matches("SHORTID").count() != 1 {
        return Err(format!(
            "`{tag}` must contain SHORTID once, like [tk:SHORTID]"
        ));
    }
    if tag.trim() == "SHORTID" {
        return Err(format!(
            "`{tag}` needs text around SHORTID, like [tk:SHORTID]"
        ));
    }
    if tag.chars().any(char::is_control) {
        return Err("the tag cannot contain control characters".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_senders_match_addresses_and_domains() {
        let mut mail = MailSettings::default();
        assert!(mail.allows("anyone@example.net"));
        mail.allowed_senders = vec!["corp.example".into(), "bo@partner.example".into()];
        assert!(mail.allows("Ann@Corp.Example"));
        assert!(mail.allows("bo@partner.example"));
        assert!(!mail.allows("eve@partner.example"));
        assert!(!mail.allows("eve@evilcorp.example"));
    }

    #[test]
    fn tags_are_found_in_subjects() {
        let mail = MailSettings::default();
        assert_eq!(mail.tag("4f3a9c2"), "[tk:4f3a9c2]");
        assert_eq!(
            mail.tagged_prefix("Re: [TK:4F3A9C2] VPN drops").as_deref(),
            Some("4f3a9c2")
        );
        assert_eq!(mail.tagged_prefix("[tk:] nothing"), None);
        assert_eq!(mail.tagged_prefix("no tag here"), None);
        assert_eq!(
            mail.tagged_prefix("[tk:ab [tk:abcd]").as_deref(),
            Some("abcd")
        );
        assert!(check_tag("[tk:SHORTID]").is_ok());
        assert!(check_tag("SHORTID").is_err());
        assert!(check_tag("[tk]").is_err());
    }

    #[test]
    fn mail_keys_are_set_validated_and_round_trip() {
        use crate::team::TeamConfig;
        let text = TeamConfig::set_key(None, "mail.address", "Helpdesk@Corp.Example").unwrap();
        let text = TeamConfig::set_key(
            Some(&text),
            "mail.allowed_senders",
            "corp.example, bo@x.example",
        )
        .unwrap();
        let text = TeamConfig::set_key(Some(&text), "mail.max_size", "5MiB").unwrap();
        let text = TeamConfig::set_key(Some(&text), "mail.reopen_on_reply", "no").unwrap();
        let config = TeamConfig::parse(Some(&text)).unwrap();
        assert_eq!(
            config.mail.address.as_deref(),
            Some("helpdesk@corp.example")
        );
        assert_eq!(
            config.mail.allowed_senders,
            ["corp.example", "bo@x.example"]
        );
        assert_eq!(config.mail.max_size, 5 << 20);
        assert!(!config.mail.reopen_on_reply);
        assert_eq!(config.to_toml(), text);
        for (key, value) in [
            ("mail.address", "not an address"),
            ("mail.type", "holiday"),
            ("mail.category", "plumbing"),
            ("mail.subject_tag", "[tk]"),
            ("mail.reopen_on_reply", "maybe"),
            ("mail.allowed_senders", "localhost"),
        ] {
            let error = TeamConfig::set_key(Some(&text), key, value).unwrap_err();
            assert_eq!(error.key, key, "{value}");
        }
        assert!(!TeamConfig::default().to_toml().contains("[mail]"));
    }
}
