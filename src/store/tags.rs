//! Tags of the directory: the list with how many contacts carry each, and the tags of
//! one contact, replaced as a whole when the sheet is saved.

use rusqlite::{Connection, params};

use super::{Store, StoreError};
use crate::domain::ids::ContactId;

/// Adds tags to a contact (tags created on first use; one already there is kept).
pub(crate) fn add_tags(conn: &Connection, contact: i64, tags: &[String]) -> rusqlite::Result<()> {
    if tags.is_empty() {
        return Ok(());
    }
    let mut create = conn.prepare_cached("INSERT OR IGNORE INTO tags (name) VALUES (?1)")?;
    let mut link = conn.prepare_cached(
        "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT ?1, id FROM tags WHERE name = ?2",
    )?;
    for t in tags {
        create.execute([t])?;
        link.execute(params![contact, t])?;
    }
    Ok(())
}

/// Replaces a contact's tags; a tag nobody carries any more disappears.
pub(crate) fn replace_tags(
    conn: &Connection,
    contact: i64,
    tags: &[String],
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM contact_tags WHERE contact_id = ?1", [contact])?;
    add_tags(conn, contact, tags)?;
    conn.execute(
        "DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM contact_tags)",
        [],
    )?;
    Ok(())
}

/// A contact's tags, for [`super::contacts`]' read of a sheet.
pub(crate) fn tags_of(conn: &Connection, contact: ContactId) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id \
         WHERE ct.contact_id = ?1 ORDER BY t.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([contact.0], |r| r.get(0))?;
    rows.collect()
}

impl Store {
    /// Every tag with the number of contacts (not anonymised) carrying it, by name.
    pub fn tags(&self) -> Result<Vec<(String, u32)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT t.name, count(c.id) FROM tags t \
             LEFT JOIN contact_tags ct ON ct.tag_id = t.id \
             LEFT JOIN contacts c ON c.id = ct.contact_id AND c.anonymised = 0 \
             GROUP BY t.id ORDER BY t.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
