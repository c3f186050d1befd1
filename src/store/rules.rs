//! The rules of participation of a convention: every saved version kept with its
//! date, a version adopted on a date.

use chrono::NaiveDate;
use rusqlite::params;

use super::row::{datetime, iso, now_stamp, opt_date};
use super::{Store, StoreError, Tx};
use crate::domain::DomainError;
use crate::domain::ids::ConventionId;
use crate::domain::rules::{RulesVersion, Section};

impl Store {
    /// Every version of a convention's rules, oldest first.
    pub fn rules_versions(
        &self,
        convention: ConventionId,
    ) -> Result<Vec<RulesVersion>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT version, saved_at, sections, adopted_on FROM rules_versions \
             WHERE convention_id = ?1 ORDER BY version",
        )?;
        let rows = stmt.query_map([convention.0], |r| {
            let json: String = r.get(2)?;
            Ok((r.get::<_, u32>(0)?, datetime(r, 1)?, json, opt_date(r, 3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (version, saved_at, json, adopted_on) = row?;
            let sections: Vec<Section> = serde_json::from_str(&json)
                .map_err(|e| StoreError::BadValue(format!("règles du jeu illisibles : {e}")))?;
            out.push(RulesVersion {
                version,
                saved_at,
                sections,
                adopted_on,
            });
        }
        Ok(out)
    }

    /// Saves the sections as a new version (a draft); returns its number.
    pub fn save_rules(
        &mut self,
        convention: ConventionId,
        sections: &[Section],
    ) -> Result<u32, StoreError> {
        if sections.is_empty() {
            return Err(DomainError::Required("Au moins une section").into());
        }
        if sections.iter().any(|s| s.title.trim().is_empty()) {
            return Err(DomainError::Required("Titre de section").into());
        }
        let json =
            serde_json::to_string(sections).map_err(|e| StoreError::BadValue(e.to_string()))?;
        self.write(|tx| {
            let version: u32 = tx.query_row(
                "SELECT coalesce(max(version), 0) + 1 FROM rules_versions WHERE convention_id = ?1",
                [convention.0],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO rules_versions (convention_id, version, saved_at, sections) VALUES (?1, ?2, ?3, ?4)",
                params![convention.0, version, now_stamp(), json],
            )?;
            tx.journal(
                "rules",
                "convention",
                Some(convention.0),
                &format!("Règles du jeu : version {version} enregistrée"),
            )?;
            Ok(version)
        })
    }

    /// Adopts a version on a date.
    pub fn adopt_rules(
        &mut self,
        convention: ConventionId,
        version: u32,
        on: NaiveDate,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE rules_versions SET adopted_on = ?3 WHERE convention_id = ?1 AND version = ?2",
                params![convention.0, version, iso(on)],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("version des règles du jeu", version.into()));
            }
            tx.journal(
                "rules",
                "convention",
                Some(convention.0),
                &format!("Règles du jeu : version {version} adoptée le {}", iso(on)),
            )
        })
    }
}

impl Tx<'_> {
    /// A version saved at a given moment (the demo dossier's history).
    pub(crate) fn insert_rules_version(
        &self,
        convention: ConventionId,
        version: u32,
        sections: &[Section],
        saved_at: chrono::NaiveDateTime,
        adopted_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        let json =
            serde_json::to_string(sections).map_err(|e| StoreError::BadValue(e.to_string()))?;
        self.execute(
            "INSERT INTO rules_versions (convention_id, version, saved_at, sections, adopted_on) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                convention.0,
                version,
                super::row::stamp(saved_at),
                json,
                adopted_on.map(iso)
            ],
        )?;
        self.journal(
            "rules",
            "convention",
            Some(convention.0),
            &format!("Règles du jeu : version {version} enregistrée"),
        )
    }
}
