//! Attachment names and sizes: what a file attached to a ticket may be
//! called, and how its size reads. The size limit is team configuration
//! (`attachments.max_size`, see `crate::team`).
//!
//! Attachment bytes live on the tickets ref at `attachments/<id>/<name>`,
//! so a name is one path component that every clone's git and file system
//! accept: no directories, no dot files, no control characters.

/// Why a name cannot be used for an attachment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Nothing left once directories are stripped.
    #[error("the attachment name is empty")]
    Empty,
    /// `.`, `..` or a dot file.
    #[error("attachment name `{0}` starts with a dot")]
    Dot(String),
    /// A `/` or `\`.
    #[error("attachment name `{0}` contains a path separator")]
    Separator(String),
    /// A control character (newline, escape, ...).
    #[error("attachment name `{}` contains a control character", .0.escape_debug())]
    Control(String),
}

/// Checks that `name` can be stored as `attachments/<id>/<name>`.
pub fn check_attachment_name(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        Err(NameError::Empty)
    } else if name.starts_with('.') {
        Err(NameError::Dot(name.to_string()))
    } else if name.contains(['/', '\\']) {
        Err(NameError::Separator(name.to_string()))
    } else if name.chars().any(char::is_control) {
        Err(NameError::Control(name.to_string()))
    } else {
        Ok(())
    }
}

/// Returns a size for people: `512 B`, `1.5 KiB`, `10.0 MiB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_safe_path_component() {
        for good in ["log.txt", "screen shot (1).png", "a..b", "résumé.pdf", "x"] {
            assert_eq!(check_attachment_name(good), Ok(()), "{good}");
        }
        assert_eq!(check_attachment_name(""), Err(NameError::Empty));
        for dot in [".", "..", ".env", "...", "../x"] {
            assert!(
                matches!(check_attachment_name(dot), Err(NameError::Dot(_))),
                "{dot}"
            );
        }
        for sep in ["a/b", "a\\b", "x/../y", "a/"] {
            assert!(
                matches!(check_attachment_name(sep), Err(NameError::Separator(_))),
                "{sep}"
            );
        }
        for control in ["a\nb", "a\x1b[2J", "tab\there", "nul\0"] {
            assert!(
                matches!(check_attachment_name(control), Err(NameError::Control(_))),
                "{control:?}"
            );
        }
        assert_eq!(
            check_attachment_name("a\nb").unwrap_err().to_string(),
            "attachment name `a\\nb` contains a control character"
        );
    }

    #[test]
    fn human_sizes_use_binary_units() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(10_485_760), "10.0 MiB");
    }
}
