//! The organisation's logo, kept in the store (it travels with the backups).

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::domain::logo;

/// A logo as kept: the file name it came from and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Store {
    /// The logo, if one was chosen.
    pub fn logo(&self) -> Result<Option<Logo>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT name, bytes FROM logo WHERE id = 1", [], |r| {
                Ok(Logo {
                    name: r.get(0)?,
                    bytes: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Keeps `bytes` as the logo (a PNG or JPEG image of at most 2 MB).
    pub fn set_logo(&mut self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        logo::check(bytes)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO logo (id, name, bytes) VALUES (1, ?1, ?2) \
                 ON CONFLICT (id) DO UPDATE SET name = ?1, bytes = ?2",
                params![name, bytes],
            )?;
            tx.journal(
                "logo",
                "settings",
                None,
                "Logo de l’organisation enregistré",
            )
        })
    }

    /// Prints no logo any more.
    pub fn remove_logo(&mut self) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM logo", [])?;
            tx.journal("logo", "settings", None, "Logo de l’organisation retiré")
        })
    }
}
