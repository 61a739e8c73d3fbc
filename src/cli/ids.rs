//! Ticket ids on the command line, the one place they are parsed for every
//! command that changes tickets: one id or prefix, several separated by
//! commas (`tk start a1b2,c3d4`), or `-` for ids read from stdin, one or
//! more a line (`tk list --format ids | tk close - --reason wontfix`).
//!
//! A shared CLI module, not a handler.

use super::error::CliError;
use crate::model::TicketPrefix;
use std::io::Read;

/// The tickets a command changes, as given.
#[derive(Clone, Debug)]
pub enum TicketIds {
    /// Ids or prefixes from the command line.
    Given(Vec<TicketPrefix>),
    /// `-`: read them from stdin.
    Stdin,
}

impl std::str::FromStr for TicketIds {
    type Err = String;

    fn from_str(text: &str) -> Result<TicketIds, String> {
        if text.trim() == "-" {
            return Ok(TicketIds::Stdin);
        }
        let ids = parse_words(text.split(','))?;
        if ids.is_empty() {
            return Err("give a ticket id, several separated by commas, or - for stdin".into());
        }
        Ok(TicketIds::Given(ids))
    }
}

fn parse_words<'a>(words: impl Iterator<Item = &'a str>) -> Result<Vec<TicketPrefix>, String> {
    let mut ids: Vec<TicketPrefix> = Vec::new();
    for word in words.map(str::trim).filter(|w| !w.is_empty()) {
        let id = TicketPrefix::parse(word).map_err(|e| e.to_string())?;
        // The same ticket named twice is changed once.
        if !ids.iter().any(|known| known.as_str() == id.as_str()) {
            ids.push(id);
        }
    }
    Ok(ids)
}

impl TicketIds {
    /// Returns whether exactly one ticket was named on the command line:
    /// its result prints as one object, as before bulk ids existed.
    pub fn is_single(&self) -> bool {
        matches!(self, TicketIds::Given(ids) if ids.len() == 1)
    }

    /// Returns whether the ids come from stdin.
    pub fn is_stdin(&self) -> bool {
        matches!(self, TicketIds::Stdin)
    }

    /// Returns the ids, reading stdin for `-` (whitespace or commas
    /// between them); none at all is a usage error.
    pub fn resolve(&self) -> Result<Vec<TicketPrefix>, CliError> {
        let ids = match self {
            TicketIds::Given(ids) => ids.clone(),
            TicketIds::Stdin => {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text)?;
                parse_words(text.split(|c: char| c.is_whitespace() || c == ','))
                    .map_err(|e| CliError::usage(format!("ids from stdin: {e}")))?
            }
        };
        if ids.is_empty() {
            return Err(CliError::usage("no ticket ids on stdin"));
        }
        Ok(ids)
    }

    /// Returns the one id of a single-ticket form, or a usage error naming
    /// `what` cannot take several.
    pub fn one(&self, what: &str) -> Result<TicketPrefix, CliError> {
        match self {
            TicketIds::Given(ids) if ids.len() == 1 => Ok(ids[0].clone()),
            _ => Err(CliError::usage(format!("{what} takes one ticket"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_split_on_commas_and_repeat_once() {
        let TicketIds::Given(ids) = "abcd, efgh,abcd,".parse::<TicketIds>().unwrap() else {
            panic!("not given");
        };
        let words: Vec<&str> = ids.iter().map(TicketPrefix::as_str).collect();
        assert_eq!(words, ["abcd", "efgh"]);
        assert!(matches!("-".parse::<TicketIds>(), Ok(TicketIds::Stdin)));
        assert!("ab".parse::<TicketIds>().is_err(), "too short");
        assert!(",".parse::<TicketIds>().is_err());
    }
}
