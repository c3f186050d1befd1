//! The health check behind `agora check`: integrity, schema version, counts.

use super::{Store, StoreError};

/// What `agora check` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// "ok", or the problems `integrity_check` lists.
    pub integrity: String,
    pub schema_version: i64,
    pub foreign_key_violations: i64,
    /// (French label, rows) for the main tables.
    pub counts: Vec<(&'static str, i64)>,
}

impl CheckReport {
    /// Whether the store is healthy.
    pub fn healthy(&self) -> bool {
        self.integrity == "ok" && self.foreign_key_violations == 0
    }
}

const COUNTED: &[(&str, &str)] = &[
    ("Conventions", "conventions"),
    ("Séances", "sessions"),
    ("Contacts", "contacts"),
    ("Consentements", "consents"),
    ("Réunions", "meetings"),
    ("Propositions", "proposals"),
    ("Tâches", "tasks"),
    ("Risques", "risks"),
    ("Volontaires des viviers", "pool_members"),
    ("Tirages", "draws"),
    ("Entrées du journal", "journal"),
    ("Exports", "export_log"),
];

impl Store {
    /// Runs the full integrity check and counts the records.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let fk: i64 = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |_| Ok(()))?
            .count() as i64;
        let mut counts = Vec::new();
        for (label, table) in COUNTED {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            counts.push((*label, n));
        }
        Ok(CheckReport {
            integrity: lines.join("; "),
            schema_version: self.user_version()?,
            foreign_key_violations: fk,
            counts,
        })
    }
}
