//! Reading attachment bytes and the team file `tk.toml` from the tip.
//!
//! Attachments are written with their `attach` events by
//! [`Store::update_with_files`]; merges keep both sides' files (see
//! `tree_merge`).

use super::error::Error;
use super::{tree, Store, CONFIG_FILE};
use crate::codec;
use crate::model::TicketId;

impl Store {
    /// Returns the bytes attached to ticket `id` under `name`, if the tip
    /// holds them.
    pub fn attachment(&self, id: &TicketId, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let Some(root) = self.tip_tree()? else {
            return Ok(None);
        };
        let path = codec::attachment_path(id, name);
        Ok(tree::read_blob(&self.repo, &root, &path)?.map(|(_, bytes)| bytes))
    }

    /// Returns the text of `tk.toml` at the tip, if there is one.
    ///
    /// Bytes that are not UTF-8 are replaced, so a damaged file still
    /// yields whatever settings remain readable.
    pub fn config_text(&self) -> Result<Option<String>, Error> {
        let Some(root) = self.tip_tree()? else {
            return Ok(None);
        };
        Ok(tree::read_blob(&self.repo, &root, CONFIG_FILE)?
            .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned()))
    }
}

#[cfg(test)]
mod tests;
