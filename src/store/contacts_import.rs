//! Importing a checked contact file into the directory: duplicates found against the
//! directory (same email, or same names with the same phone or postal code) and
//! skipped, merged or created as the person chooses; the whole file in one transaction
//! after a backup, or nothing.

use rusqlite::{OptionalExtension, params};

use super::row::{iso, now_stamp};
use super::{Store, StoreError};
use crate::domain::codes::{ConsentChannel, ConsentScope};
use crate::domain::contact::Contact;
use crate::domain::ids::ContactId;
use crate::import::contacts::{ContactFile, ImportRow};

/// What to do with a row that matches a contact already in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Duplicates {
    /// Leave the directory's contact as it is.
    #[default]
    Skip,
    /// Fill the directory contact's empty fields from the row.
    Merge,
    /// Create the row as a new contact anyway.
    Create,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub created: usize,
    pub merged: usize,
    pub skipped: usize,
    pub consents: usize,
}

/// From this many rows, the full-text index is rebuilt once rather than row by row.
const BULK_ROWS: usize = 10_000;

const MATCH: &str = "SELECT id FROM contacts WHERE anonymised = 0 AND ( \
        (?1 <> '' AND email = ?1 COLLATE NOCASE) \
     OR (last_name = ?2 COLLATE NOCASE AND first_name = ?3 COLLATE NOCASE AND ?2 <> '' \
         AND ((?4 <> '' AND phone = ?4) OR (?5 <> '' AND postal_code = ?5)))) \
     ORDER BY id LIMIT 1";

impl Store {
    /// The directory contact each row duplicates, if any: (line, contact, its name).
    pub fn import_duplicates(
        &self,
        rows: impl IntoIterator<Item = ImportRow>,
    ) -> Result<Vec<(usize, ContactId, String)>, StoreError> {
        let mut out = Vec::new();
        let empty: bool =
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM contacts)", [], |r| {
                    r.get(0)
                })?;
        if empty {
            return Ok(out);
        }
        let mut stmt = self.conn.prepare(MATCH)?;
        for r in rows {
            let c = &r.contact;
            let found: Option<i64> = stmt
                .query_row(
                    params![c.email, c.last_name, c.first_name, c.phone, c.postal_code],
                    |row| row.get(0),
                )
                .optional()?;
            if let Some(id) = found {
                out.push((
                    r.line,
                    ContactId(id),
                    self.contact(ContactId(id))?.display_name(),
                ));
            }
        }
        Ok(out)
    }

    /// Imports a clean file; refused whole when any line is wrong.
    pub fn import_contacts(
        &mut self,
        file: &ContactFile,
        duplicates: Duplicates,
        source: &str,
    ) -> Result<ImportReport, StoreError> {
        if !file.is_clean() {
            return Err(StoreError::Refused(format!(
                "le fichier n'est pas importé, rien n'a changé : {}",
                file.errors.join(" ")
            )));
        }
        self.backup_now("avant-import-contacts")?;
        let source = source.to_string();
        let years = self.settings()?.retention_years;
        let report = self.write(|tx| {
            // A large file skips the per-row full-text trigger and rebuilds the index
            // once at the end; when no row is looked up (duplicates created), the
            // directory's indexes are also built once at the end rather than row by row.
            // Several times faster, same result.
            let bulk = file.good_rows >= BULK_ROWS;
            let mut deferred: Vec<(String, String)> = Vec::new();
            if bulk {
                let indexes = if duplicates == Duplicates::Create {
                    "OR (type = 'index' AND tbl_name = 'contacts' AND sql IS NOT NULL)"
                } else {
                    ""
                };
                let mut stmt = tx.prepare(&format!(
                    "SELECT type, name, sql FROM sqlite_schema \
                     WHERE (type = 'trigger' AND name = 'contacts_fts_insert') {indexes}"
                ))?;
                let rows = stmt.query_map([], |r| {
                    Ok((
                        format!("DROP {} {}", r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                        r.get::<_, String>(2)?,
                    ))
                })?;
                deferred = rows.collect::<Result<_, _>>()?;
            }
            for (drop, _) in &deferred {
                tx.execute_batch(drop)?;
            }
            let mut report = ImportReport::default();
            let mut find = tx.prepare(MATCH)?;
            let mut insert = tx.prepare(super::contacts::INSERT_CONTACT)?;
            let mut merge = tx.prepare(
                "UPDATE contacts SET \
                    civility = CASE WHEN civility = '' THEN ?2 ELSE civility END, \
                    email = CASE WHEN email = '' THEN ?3 ELSE email END, \
                    phone = CASE WHEN phone = '' THEN ?4 ELSE phone END, \
                    address = CASE WHEN address = '' THEN ?5 ELSE address END, \
                    postal_code = CASE WHEN postal_code = '' THEN ?6 ELSE postal_code END, \
                    city = CASE WHEN city = '' THEN ?7 ELSE city END, \
                    sector = coalesce(sector, ?8), \
                    neighbourhood = CASE WHEN neighbourhood = '' THEN ?9 ELSE neighbourhood END, \
                    organisation = CASE WHEN organisation = '' THEN ?10 ELSE organisation END, \
                    role = CASE WHEN role = '' THEN ?11 ELSE role END, \
                    notes = CASE WHEN ?12 = '' THEN notes WHEN notes = '' THEN ?12 ELSE notes || char(10) || ?12 END, \
                    updated_at = ?13 \
                 WHERE id = ?1",
            )?;
            let mut consent = tx.prepare(
                "INSERT INTO consents (contact_id, scope, given, date, channel, wording_version) \
                 VALUES (?1, ?2, 1, ?3, ?4, ?5)",
            )?;
            let now = now_stamp();
            // A new contact's last participation is today: the policy's date, set at once.
            let review = tx.query_row(
                &format!("SELECT date(?1, '+{years} years')"),
                [&now[..10]],
                |r| super::row::date(r, 0),
            )?;
            for r in file.rows() {
                let c = &r.contact;
                let existing: Option<i64> = if duplicates == Duplicates::Create {
                    None
                } else {
                    find.query_row(
                        params![c.email, c.last_name, c.first_name, c.phone, c.postal_code],
                        |row| row.get(0),
                    )
                    .optional()?
                };
                let id = match (existing, duplicates) {
                    (Some(_), Duplicates::Skip) => {
                        report.skipped += 1;
                        continue;
                    }
                    (Some(id), _) => {
                        merge.execute(params![
                            id,
                            c.civility,
                            c.email,
                            c.phone,
                            c.address,
                            c.postal_code,
                            c.city,
                            c.sector.map(|s| s.code()),
                            c.neighbourhood,
                            c.organisation,
                            c.role,
                            c.notes,
                            now
                        ])?;
                        report.merged += 1;
                        super::tags::add_tags(tx, id, &c.tags)?;
                        id
                    }
                    (None, _) => {
                        let c = Contact {
                            retention_review: c.retention_review.or(Some(review)),
                            ..r.contact
                        };
                        super::contacts::insert_row(&mut insert, &c, &now)?;
                        report.created += 1;
                        let id = tx.last_insert_rowid();
                        super::tags::add_tags(tx, id, &c.tags)?;
                        id
                    }
                };
                if let Some(date) = r.consent {
                    consent.execute(params![
                        id,
                        ConsentScope::Convocations.code(),
                        iso(date),
                        ConsentChannel::Paper.code(),
                        format!("import « {source} »")
                    ])?;
                    report.consents += 1;
                }
            }
            if !deferred.is_empty() {
                tx.execute_batch("INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild')")?;
                for (_, create) in &deferred {
                    tx.execute_batch(create)?;
                }
            }
            tx.journal(
                "import",
                "contact",
                None,
                &format!(
                    "Import « {source} » : {} créé(s), {} fusionné(s), {} doublon(s) laissé(s), {} consentement(s)",
                    report.created, report.merged, report.skipped, report.consents
                ),
            )?;
            Ok(report)
        })?;
        // A merged contact may have a later participation now (a consent in the file).
        if report.merged > 0 {
            self.apply_retention_policy()?;
        }
        Ok(report)
    }
}
