//! Attachment names and sizes: what a file attached to a ticket may be
//! called, and how big it may be.
//!
//! Attachment bytes live on the tickets ref at `attachments/<id>/<name>`,
//! so a name is one path component that every clone's git and file system
//! accept: no directories, no dot files, no control characters.

/// The attachment size limit when `tk.toml` sets none: 10 MiB.
pub const DEFAULT_MAX_ATTACHMENT_SIZE: u64 = 10 * 1024 * 1024;

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

/// Parses a size: a number of bytes, optionally followed by a unit
/// (`B`, `KB`, `MB`, `GB` in powers of 1000; `KiB`, `MiB`, `GiB` in
/// powers of 1024; case-insensitive, spaces allowed), like `10MiB`.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return None,
    };
    number.checked_mul(factor)
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
    fn sizes_parse_with_decimal_and_binary_units() {
        assert_eq!(parse_size("1234"), Some(1234));
        assert_eq!(parse_size("10MiB"), Some(10_485_760));
        assert_eq!(parse_size("500KiB"), Some(512_000));
        assert_eq!(parse_size("2MB"), Some(2_000_000));
        assert_eq!(parse_size(" 3 kb "), Some(3_000));
        assert_eq!(parse_size("1GiB"), Some(1 << 30));
        assert_eq!(parse_size("7B"), Some(7));
        for bad in [
            "",
            "MiB",
            "1.5MiB",
            "-1",
            "10 parsecs",
            "99999999999999999999",
        ] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
        assert_eq!(parse_size("99999999999GiB"), None);
    }

    #[test]
    fn human_sizes_use_binary_units() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(10_485_760), "10.0 MiB");
    }
}
