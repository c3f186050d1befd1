//! The veille's notes: added, changed, removed (journaled), listed by the day read,
//! searched in full text as the directory is (accents ignored, words by their start),
//! and chosen by tag for a note de veille.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{code, opt_date, opt_iso};
use super::search::fts_query;
use super::{Store, StoreError, Tx};
use crate::domain::contact::parse_tags;
use crate::domain::ids::{ContactId, DispositifId};
use crate::domain::veille::Note;

/// What a note of the veille is linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VeilleLink {
    /// « Qui a fait ça ? »: a person or an organisation of the directory.
    Contact(ContactId),
    Dispositif(DispositifId),
}

const COLUMNS: &str =
    "n.id, n.title, n.body, n.source_url, n.publication, n.read_on, n.place, n.tags";

fn note(r: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        title: r.get(1)?,
        body: r.get(2)?,
        source_url: r.get(3)?,
        publication: r.get(4)?,
        read_on: opt_date(r, 5)?,
        place: code(r, 6)?,
        tags: parse_tags(&r.get::<_, String>(7)?),
    })
}

impl Store {
    /// The notes a search finds (every note when the search is empty), the latest
    /// read first; with a tag, only those carrying it.
    pub fn veille(&self, search: &str, tag: Option<&str>) -> Result<Vec<Note>, StoreError> {
        let notes: Vec<Note> = match fts_query(search) {
            None => {
                let mut stmt = self.conn.prepare(&format!(
                    "SELECT {COLUMNS} FROM veille_notes n ORDER BY n.read_on IS NULL, n.read_on DESC, n.id DESC"
                ))?;
                let rows = stmt.query_map([], note)?;
                rows.collect::<Result<_, _>>()?
            }
            Some(q) => {
                let mut stmt = self.conn.prepare(&format!(
                    "SELECT {COLUMNS} FROM veille_search s JOIN veille_notes n ON n.id = s.rowid \
                     WHERE veille_search MATCH ?1 \
                     ORDER BY n.read_on IS NULL, n.read_on DESC, n.id DESC"
                ))?;
                let rows = stmt.query_map([q], note)?;
                rows.collect::<Result<_, _>>()?
            }
        };
        Ok(match tag.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => notes.into_iter().filter(|n| n.has_tag(t)).collect(),
            None => notes,
        })
    }

    /// One note.
    pub fn veille_note(&self, id: i64) -> Result<Note, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM veille_notes n WHERE n.id = ?1"),
                [id],
                note,
            )
            .optional()?
            .ok_or(StoreError::NotFound("note de veille", id))
    }

    /// Every tag of the veille, sorted, each once.
    pub fn veille_tags(&self) -> Result<Vec<String>, StoreError> {
        let mut all: Vec<String> = Vec::new();
        for n in self.veille("", None)? {
            for t in n.tags {
                if !all.iter().any(|a| a.eq_ignore_ascii_case(&t)) {
                    all.push(t);
                }
            }
        }
        all.sort_by_key(|t| crate::domain::text::sort_key(t));
        Ok(all)
    }

    /// Adds a note or changes it; returns its id.
    pub fn save_veille_note(&mut self, n: &Note) -> Result<i64, StoreError> {
        n.validate()?;
        self.write(|tx| tx.save_veille_note(n))
    }

    /// Imports the notes of a checked file or folder, all in one transaction; refused
    /// while one line or file is wrong.
    pub fn import_veille(
        &mut self,
        bulk: &crate::import::veille::Bulk,
    ) -> Result<usize, StoreError> {
        if !bulk.is_clean() {
            return Err(StoreError::Refused(
                "des lignes ou des fichiers sont à corriger : rien n’a été importé".into(),
            ));
        }
        for n in &bulk.notes {
            n.validate()?;
        }
        self.write(|tx| {
            for n in &bulk.notes {
                tx.save_veille_note(n)?;
            }
            tx.journal(
                "import",
                "veille",
                None,
                &format!("{} note(s) de veille importées", bulk.notes.len()),
            )
        })?;
        Ok(bulk.notes.len())
    }

    /// Who did what a note tells (contacts of the directory) and the dispositifs it
    /// bears on: (contact or dispositif, its name), contacts first.
    pub fn veille_links(&self, note: i64) -> Result<Vec<(VeilleLink, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT l.contact_id, l.dispositif_id, \
                coalesce(CASE WHEN k.is_organisation = 1 THEN k.organisation \
                    ELSE trim(k.first_name || ' ' || k.last_name) END, d.title) \
             FROM veille_links l LEFT JOIN contacts k ON k.id = l.contact_id \
             LEFT JOIN dispositifs d ON d.id = l.dispositif_id \
             WHERE l.note_id = ?1 ORDER BY l.contact_id IS NULL, 3",
        )?;
        let rows = stmt.query_map([note], |r| {
            let link = match (r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?) {
                (Some(c), _) => VeilleLink::Contact(ContactId(c)),
                (None, d) => VeilleLink::Dispositif(DispositifId(d.unwrap_or_default())),
            };
            Ok((link, r.get(2)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The titles of the notes of the veille a contact is linked to.
    pub fn veille_notes_of(&self, contact: ContactId) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT n.title FROM veille_links l JOIN veille_notes n ON n.id = l.note_id \
             WHERE l.contact_id = ?1 ORDER BY n.title",
        )?;
        let rows = stmt.query_map([contact.0], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Links a note to a contact or a dispositif, or unlinks it.
    pub fn set_veille_link(
        &mut self,
        note: i64,
        link: VeilleLink,
        linked: bool,
    ) -> Result<(), StoreError> {
        let n = self.veille_note(note)?;
        let (contact, dispositif) = match link {
            VeilleLink::Contact(c) => (Some(c.0), None),
            VeilleLink::Dispositif(d) => (None, Some(d.0)),
        };
        self.write(|tx| {
            if linked {
                tx.execute(
                    "INSERT OR IGNORE INTO veille_links (note_id, contact_id, dispositif_id) \
                     VALUES (?1, ?2, ?3)",
                    params![note, contact, dispositif],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM veille_links WHERE note_id = ?1 AND contact_id IS ?2 \
                        AND dispositif_id IS ?3",
                    params![note, contact, dispositif],
                )?;
            }
            tx.journal(
                "update",
                "veille",
                Some(note),
                &format!(
                    "Note de veille « {} » : lien {}",
                    n.title,
                    if linked { "ajouté" } else { "retiré" }
                ),
            )
        })
    }

    /// Removes a note.
    pub fn remove_veille_note(&mut self, id: i64) -> Result<(), StoreError> {
        let n = self.veille_note(id)?;
        self.write(|tx| {
            tx.execute("DELETE FROM veille_notes WHERE id = ?1", [id])?;
            tx.journal(
                "delete",
                "veille",
                Some(id),
                &format!("Note de veille « {} » supprimée", n.title),
            )
        })
    }
}

impl Tx<'_> {
    pub(crate) fn save_veille_note(&self, n: &Note) -> Result<i64, StoreError> {
        let values = params![
            n.title.trim(),
            n.body.trim(),
            n.source_url.trim(),
            n.publication.trim(),
            opt_iso(n.read_on),
            n.place.code(),
            n.tags.join(", "),
            n.id
        ];
        let id = if n.id == 0 {
            self.execute(
                "INSERT INTO veille_notes (title, body, source_url, publication, read_on, place, tags) \
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE ?8 = 0",
                values,
            )?;
            self.last_insert_rowid()
        } else {
            let changed = self.execute(
                "UPDATE veille_notes SET title = ?1, body = ?2, source_url = ?3, publication = ?4, \
                    read_on = ?5, place = ?6, tags = ?7 WHERE id = ?8",
                values,
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound("note de veille", n.id));
            }
            n.id
        };
        self.journal(
            if n.id == 0 { "create" } else { "update" },
            "veille",
            Some(id),
            &format!("Note de veille « {} »", n.title.trim()),
        )?;
        Ok(id)
    }
}
