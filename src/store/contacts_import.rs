//! Importing a checked contact file into the directory: duplicates found against the
//! directory (same email, or same names with the same phone or postal code) and
//! skipped, merged or created as the person chooses; the whole file in one transaction
//! after a backup, or nothing.

use std::collections::HashMap;

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

/// What a row of the file repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateOf {
    /// A contact of the directory, with its name.
    Contact(ContactId, String),
    /// An earlier line of the same file.
    Line(usize),
}

/// A row of the file that probably repeats someone: its line, and whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub line: usize,
    pub of: DuplicateOf,
}

/// The rows met so far in a file, found by the directory's rule ([`MATCH`]: the same
/// email, or the same names with the same phone or postal code; ASCII case ignored
/// as SQLite's NOCASE does).
#[derive(Default)]
struct EarlierRows {
    emails: HashMap<String, usize>,
    names: HashMap<(String, String, char, String), usize>,
}

impl EarlierRows {
    fn keys(c: &Contact) -> Vec<(String, String, char, String)> {
        if c.last_name.is_empty() {
            return Vec::new();
        }
        let name = (
            c.last_name.to_ascii_lowercase(),
            c.first_name.to_ascii_lowercase(),
        );
        [('t', &c.phone), ('p', &c.postal_code)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(kind, v)| (name.0.clone(), name.1.clone(), kind, v.clone()))
            .collect()
    }

    /// The first earlier line this contact repeats.
    fn find(&self, c: &Contact) -> Option<usize> {
        let by_email = (!c.email.is_empty())
            .then(|| self.emails.get(&c.email.to_ascii_lowercase()))
            .flatten();
        let by_name = Self::keys(c).iter().filter_map(|k| self.names.get(k)).min();
        by_email.into_iter().chain(by_name).min().copied()
    }

    fn add(&mut self, c: &Contact, line: usize) {
        if !c.email.is_empty() {
            self.emails
                .entry(c.email.to_ascii_lowercase())
                .or_insert(line);
        }
        for k in Self::keys(c) {
            self.names.entry(k).or_insert(line);
        }
    }
}

impl Store {
    /// The rows that probably repeat someone: a contact of the directory, or an earlier
    /// row of the file (which the import then treats as it treats the directory's:
    /// skipped, merged or created).
    pub fn import_duplicates(
        &self,
        rows: impl IntoIterator<Item = ImportRow>,
    ) -> Result<Vec<Duplicate>, StoreError> {
        let mut out = Vec::new();
        let empty: bool =
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM contacts)", [], |r| {
                    r.get(0)
                })?;
        let mut stmt = self.conn.prepare(MATCH)?;
        let mut earlier = EarlierRows::default();
        for r in rows {
            let c = &r.contact;
            let found: Option<i64> = if empty {
                None
            } else {
                stmt.query_row(
                    params![c.email, c.last_name, c.first_name, c.phone, c.postal_code],
                    |row| row.get(0),
                )
                .optional()?
            };
            let of = match found {
                Some(id) => Some(DuplicateOf::Contact(
                    ContactId(id),
                    self.contact(ContactId(id))?.display_name(),
                )),
                None => earlier.find(c).map(DuplicateOf::Line),
            };
            match of {
                Some(of) => out.push(Duplicate { line: r.line, of }),
                // A repeated row is not imported when skipped: later rows are not
                // compared with it.
                None => earlier.add(c, r.line),
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
