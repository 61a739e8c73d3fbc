//! Argument types and value parsers shared by the subcommands' `XxxArgs`
//! (a shared CLI module, not a handler).

use crate::model::ParseFieldError;

/// Parses a keyword value for clap, keeping the model's error message.
pub fn keyword<T: std::str::FromStr<Err = ParseFieldError>>(text: &str) -> Result<T, String> {
    text.parse().map_err(|e: ParseFieldError| e.to_string())
}
