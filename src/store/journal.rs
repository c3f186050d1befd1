//! The journal (appended by every write) and the export log.
//!
//! The journal never holds a person's name: a summary refers to a contact as
//! `{contact:N}` ([`person`]), and the name is put in when the journal is read, so an
//! anonymised person reads « Anonyme n° N » everywhere, past entries included.

use rusqlite::params;

use super::row::{datetime, now_stamp, stamp};
use super::{Store, StoreError, Tx};
use crate::domain::journal::{ExportRecord, JournalEntry};

/// How a journal summary names a contact: by id, rendered when read.
pub(crate) fn person(id: impl std::fmt::Display) -> String {
    format!("{{contact:{id}}}")
}

impl Tx<'_> {
    /// Appends a journal entry in the current transaction.
    pub(crate) fn journal(
        &self,
        kind: &str,
        entity: &str,
        entity_id: Option<i64>,
        summary: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO journal (at, kind, entity, entity_id, summary) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![now_stamp(), kind, entity, entity_id, summary],
        )?;
        self.journaled
            .borrow_mut()
            .push((kind.to_string(), entity.to_string(), entity_id));
        Ok(())
    }
}

impl Store {
    /// The latest journal entries, newest first.
    pub fn journal(&self, limit: u32, offset: u32) -> Result<Vec<JournalEntry>, StoreError> {
        self.journal_where("1", params![limit, offset])
    }

    /// The journal of one record (a contact, a meeting…), newest first.
    pub fn journal_of(
        &self,
        entity: &str,
        id: i64,
        limit: u32,
    ) -> Result<Vec<JournalEntry>, StoreError> {
        self.journal_where(
            "entity = ?3 AND entity_id = ?4",
            params![limit, 0, entity, id],
        )
    }

    fn journal_where(
        &self,
        clause: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<JournalEntry>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT at, kind, entity, entity_id, summary FROM journal WHERE {clause} \
             ORDER BY id DESC LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = stmt.query_map(args, |r| {
            Ok(JournalEntry {
                at: datetime(r, 0)?,
                kind: r.get(1)?,
                entity: r.get(2)?,
                entity_id: r.get(3)?,
                summary: r.get(4)?,
            })
        })?;
        let mut entries: Vec<JournalEntry> = rows.collect::<Result<_, _>>()?;
        // Each contact is read once for the whole page, however often it is named.
        let mut names = std::collections::HashMap::new();
        for e in &mut entries {
            e.summary = self.with_names(&e.summary, &mut names)?;
        }
        Ok(entries)
    }

    /// A summary with each `{contact:N}` replaced by the contact's name as it is now
    /// (« Anonyme n° N » once anonymised).
    fn with_names(
        &self,
        summary: &str,
        names: &mut std::collections::HashMap<i64, String>,
    ) -> Result<String, StoreError> {
        let mut out = String::with_capacity(summary.len());
        let mut rest = summary;
        while let Some(start) = rest.find("{contact:") {
            out.push_str(&rest[..start]);
            let after = &rest[start + "{contact:".len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            match (
                after[..digits].parse::<i64>(),
                after[digits..].starts_with('}'),
            ) {
                (Ok(id), true) => {
                    use std::collections::hash_map::Entry;
                    let name = match names.entry(id) {
                        Entry::Occupied(known) => known.into_mut(),
                        Entry::Vacant(slot) => {
                            slot.insert(match self.contact(crate::domain::ids::ContactId(id)) {
                                Ok(c) => c.display_name(),
                                Err(StoreError::NotFound(..)) => {
                                    format!("contact n° {id} (supprimé)")
                                }
                                Err(e) => return Err(e),
                            })
                        }
                    };
                    out.push_str(name);
                    rest = &after[digits + 1..];
                }
                _ => {
                    out.push_str("{contact:");
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Ok(out)
    }

    /// Records an export in the export log and the journal.
    pub fn log_export(&mut self, record: &ExportRecord) -> Result<(), StoreError> {
        self.log_export_with(record, || Ok(()))
    }

    /// Records an export and runs `deliver` (the rename that puts the file in place)
    /// in the same transaction: the entry is committed if and only if the file was
    /// delivered.
    pub fn log_export_with(
        &mut self,
        record: &ExportRecord,
        deliver: impl FnOnce() -> std::io::Result<()>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO export_log (at, document, entity, entity_id, path, personal_data, outcome) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    stamp(record.at),
                    record.document,
                    record.entity,
                    record.entity_id,
                    record.path,
                    record.personal_data,
                    record.outcome
                ],
            )?;
            let personal = if record.personal_data {
                " (données personnelles)"
            } else {
                ""
            };
            tx.journal(
                "export",
                &record.entity,
                record.entity_id,
                &format!(
                    "{} exporté vers {}{personal} : {}",
                    record.document, record.path, record.outcome
                ),
            )?;
            deliver()?;
            Ok(())
        })
    }

    /// The export log, newest first.
    pub fn export_log(&self, limit: u32) -> Result<Vec<ExportRecord>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {EXPORT_COLS} FROM export_log ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], export_record)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The columns an export record is read from, in `export_record`'s order.
pub(super) const EXPORT_COLS: &str =
    "at, document, entity, entity_id, path, personal_data, outcome";

/// An export-log row read with `EXPORT_COLS`.
pub(super) fn export_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<ExportRecord> {
    Ok(ExportRecord {
        at: datetime(r, 0)?,
        document: r.get(1)?,
        entity: r.get(2)?,
        entity_id: r.get(3)?,
        path: r.get(4)?,
        personal_data: r.get(5)?,
        outcome: r.get(6)?,
    })
}

impl Store {
    /// One committed journal entry numbered `n` (diagnostic writes for crash tests).
    #[doc(hidden)]
    pub fn probe_write(&mut self, n: u32) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.journal(
                "probe",
                "probe",
                Some(i64::from(n)),
                "écriture de diagnostic",
            )
        })
    }

    /// The numbers of the probe entries present.
    #[doc(hidden)]
    pub fn probe_entries(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT entity_id FROM journal WHERE kind = 'probe' ORDER BY entity_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
