//! Reading attachment bytes from the tip.
//!
//! Attachments are written with their `attach` events by
//! [`Store::update_with_files`]; merges keep both sides' files (see
//! `tree_merge`).

use super::error::Error;
use super::{tree, Store};
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
}

#[cfg(test)]
mod tests;
