//! Building a draw's inputs: importing a volunteer pool, purging the volunteers not
//! drawn once the convention is over, the convention's current quota table, and the
//! reference population tables that give default quotas.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::row::iso;
use super::{Store, StoreError};
use crate::domain::codes::PoolSource;
use crate::domain::ids::{ConventionId, PoolId};
use crate::domain::sortition::reference::{self, Reference};
use crate::domain::sortition::{Quota, Volunteer};

/// A convention's current quota table.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotaTable {
    pub id: i64,
    pub name: String,
    pub source: String,
    pub year: Option<i32>,
    pub quotas: Vec<Quota>,
    /// At most one person per household in a panel.
    pub one_per_household: bool,
}

impl Store {
    /// Adds a pool of volunteers to a convention in one transaction: all or nothing.
    pub fn import_pool(
        &mut self,
        convention: ConventionId,
        source: PoolSource,
        description: &str,
        volunteers: &[Volunteer],
    ) -> Result<PoolId, StoreError> {
        if volunteers.is_empty() {
            return Err(StoreError::Refused(
                "Le fichier ne contient aucun volontaire.".into(),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(twice) = volunteers
            .iter()
            .find(|v| !seen.insert(v.pseudonym.as_str()))
        {
            return Err(StoreError::Refused(format!(
                "L’identifiant « {} » figure deux fois : chaque volontaire doit avoir le sien.",
                twice.pseudonym
            )));
        }
        self.write(|tx| {
            let pool = tx.insert_pool(convention, source, description)?;
            for v in volunteers {
                tx.insert_pool_member(pool, v, None)?;
            }
            tx.journal(
                "import",
                "pool",
                Some(pool.0),
                &format!("{} volontaires ajoutés au vivier", volunteers.len()),
            )?;
            Ok(pool)
        })
    }

    /// Builds a pool from the contacts who answered yes (or confirmed) to a campaign:
    /// each gets a pseudonym, linked to their record, and their profile (genre, âge,
    /// secteur, CSP, diplôme) as attributes; "Non renseigné" where the sheet is empty.
    pub fn pool_from_campaign(
        &mut self,
        convention: ConventionId,
        campaign: i64,
        source: PoolSource,
        description: &str,
    ) -> Result<PoolId, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT k.id, k.gender, k.age_band, k.sector, k.csp, k.diploma \
             FROM campaign_recipients r JOIN contacts k ON k.id = r.contact_id \
             WHERE r.campaign_id = ?1 AND r.status IN ('yes', 'confirmed') AND k.is_organisation = 0 \
             ORDER BY k.id",
        )?;
        type Row = (i64, String, String, Option<String>, String, String);
        let rows: Vec<Row> = stmt
            .query_map([campaign], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        drop(stmt);
        if rows.is_empty() {
            return Err(StoreError::Refused(
                "Personne n’a répondu oui à cette campagne : le vivier serait vide.".into(),
            ));
        }
        let given = |v: &str| {
            if v.trim().is_empty() {
                "Non renseigné".to_string()
            } else {
                v.trim().to_string()
            }
        };
        self.write(|tx| {
            let pool = tx.insert_pool(convention, source, description)?;
            for (n, (contact, gender, age, sector, csp, diploma)) in rows.iter().enumerate() {
                let sector = sector
                    .as_deref()
                    .and_then(crate::domain::codes::Sector::from_code)
                    .map(|s| s.label().to_string())
                    .unwrap_or_default();
                let v = Volunteer {
                    pseudonym: format!("V-{:04}", n + 1),
                    attributes: vec![
                        ("genre".into(), given(gender)),
                        ("âge".into(), given(age)),
                        ("secteur".into(), given(&sector)),
                        ("CSP".into(), given(csp)),
                        ("diplôme".into(), given(diploma)),
                    ],
                };
                tx.insert_pool_member(pool, &v, Some(crate::domain::ids::ContactId(*contact)))?;
            }
            tx.journal(
                "import",
                "pool",
                Some(pool.0),
                &format!(
                    "{} volontaires de la campagne n° {campaign} ajoutés au vivier",
                    rows.len()
                ),
            )?;
            Ok(pool)
        })
    }

    /// Deletes the volunteers of a pool who were never drawn (members, reserves or
    /// replacements), once a draw exists; the published portfolio keeps the draw
    /// verifiable with pseudonyms. Returns how many were deleted.
    /// A verified backup is taken first.
    pub fn purge_pool(&mut self, pool: PoolId, today: NaiveDate) -> Result<usize, StoreError> {
        self.backup_now("avant-purge-vivier")?;
        self.write(|tx| {
            let draws: i64 = tx.query_row(
                "SELECT count(*) FROM draws WHERE pool_id = ?1",
                [pool.0],
                |r| r.get(0),
            )?;
            if draws == 0 {
                return Err(StoreError::Refused(
                    "Ce vivier n’a servi à aucun tirage : il n’y a rien à purger, supprimez plutôt le vivier.".into(),
                ));
            }
            let gone = tx.execute(
                "DELETE FROM pool_members WHERE pool_id = ?1 AND id NOT IN \
                 (SELECT pool_member_id FROM draw_selections UNION \
                  SELECT replaced_by FROM draw_selections WHERE replaced_by IS NOT NULL)",
                [pool.0],
            )?;
            tx.execute(
                "UPDATE pools SET purged_on = ?2 WHERE id = ?1",
                params![pool.0, iso(today)],
            )?;
            tx.journal(
                "purge",
                "pool",
                Some(pool.0),
                &format!("Vivier purgé : {gone} volontaires non tirés supprimés"),
            )?;
            Ok(gone)
        })
    }

    /// Sets the size of the convention's panel (the k of the draw).
    pub fn set_panel_size(&mut self, convention: ConventionId, k: u32) -> Result<(), StoreError> {
        if k == 0 {
            return Err(StoreError::Refused(
                "Un panel compte au moins une personne.".into(),
            ));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE conventions SET target_panel_size = ?2 WHERE id = ?1",
                params![convention.0, k],
            )?;
            tx.journal(
                "update",
                "convention",
                Some(convention.0),
                &format!("Taille du panel : {k}"),
            )
        })
    }

    /// The convention's current quota table (the latest), if any.
    pub fn current_quotas(
        &self,
        convention: ConventionId,
    ) -> Result<Option<QuotaTable>, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT id, name, source, year, one_per_household FROM quota_tables \
                 WHERE convention_id = ?1 ORDER BY id DESC LIMIT 1",
                [convention.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((id, name, source, year, one_per_household)) = found else {
            return Ok(None);
        };
        Ok(Some(QuotaTable {
            id,
            name,
            source,
            year,
            quotas: self.quotas(id)?,
            one_per_household,
        }))
    }

    /// Saves the convention's quotas: the current table is rewritten while no draw or
    /// prepared lottery uses it, otherwise a new table is created, so that a recorded
    /// draw keeps the quotas it was drawn under.
    pub fn save_quotas(
        &mut self,
        convention: ConventionId,
        name: &str,
        source: &str,
        year: Option<i32>,
        quotas: &[Quota],
        one_per_household: bool,
    ) -> Result<i64, StoreError> {
        let current = self.current_quotas(convention)?;
        self.write(|tx| {
            if let Some(t) = current {
                let used: i64 = tx.query_row(
                    "SELECT (SELECT count(*) FROM draws WHERE quota_table_id = ?1) + \
                     (SELECT count(*) FROM portfolios WHERE quota_table_id = ?1)",
                    [t.id],
                    |r| r.get(0),
                )?;
                if used == 0 {
                    tx.execute("DELETE FROM quotas WHERE quota_table_id = ?1", [t.id])?;
                    tx.execute(
                        "UPDATE quota_tables SET name = ?2, source = ?3, year = ?4, one_per_household = ?5 \
                         WHERE id = ?1",
                        params![t.id, name, source, year, one_per_household],
                    )?;
                    tx.insert_quota_rows(t.id, quotas)?;
                    tx.journal(
                        "update",
                        "quota_table",
                        Some(t.id),
                        &format!("Quotas « {name} » enregistrés ({} lignes)", quotas.len()),
                    )?;
                    return Ok(t.id);
                }
            }
            tx.insert_quota_table(convention, name, source, year, quotas, one_per_household)
        })
    }

    /// The reference population tables: those saved, else the ones shipped (id `None`).
    pub fn reference_tables(&self) -> Result<Vec<(Option<i64>, Reference)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, criterion, name, source, year, shares FROM reference_tables ORDER BY id",
        )?;
        let rows: Vec<(i64, String, String, String, Option<i32>, String)> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        if rows.is_empty() {
            return Ok(reference::grenoble()
                .into_iter()
                .map(|r| (None, r))
                .collect());
        }
        rows.into_iter()
            .map(|(id, criterion, name, source, year, shares)| {
                let shares: Vec<(String, f64)> = serde_json::from_str(&shares).map_err(|e| {
                    StoreError::BadValue(format!("table de référence illisible : {e}"))
                })?;
                Ok((
                    Some(id),
                    Reference {
                        criterion,
                        name,
                        source,
                        year,
                        shares,
                    },
                ))
            })
            .collect()
    }

    /// Saves a reference table (a new one when `id` is `None`); the first save also
    /// keeps the shipped tables, so editing one never loses the others.
    pub fn save_reference(
        &mut self,
        id: Option<i64>,
        table: &Reference,
    ) -> Result<i64, StoreError> {
        if table.shares.iter().any(|(_, s)| !s.is_finite() || *s < 0.0) {
            return Err(StoreError::Refused(
                "Une part de la population de référence doit être un pourcentage positif.".into(),
            ));
        }
        let shipped = self.reference_tables()?;
        self.write(|tx| {
            let insert = |r: &Reference| -> Result<i64, StoreError> {
                tx.execute(
                    "INSERT INTO reference_tables (criterion, name, source, year, shares) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![r.criterion, r.name, r.source, r.year, serde_json::to_string(&r.shares).map_err(|e| StoreError::BadValue(e.to_string()))?],
                )?;
                Ok(tx.last_insert_rowid())
            };
            let mut saved = None;
            if shipped.iter().all(|(i, _)| i.is_none()) {
                for (_, r) in &shipped {
                    let new = insert(if r.name == table.name && id.is_none() { table } else { r })?;
                    if r.name == table.name {
                        saved = Some(new);
                    }
                }
            }
            let saved = match (saved, id) {
                (Some(s), _) => s,
                (None, Some(id)) => {
                    tx.execute(
                        "UPDATE reference_tables SET criterion = ?2, name = ?3, source = ?4, year = ?5, shares = ?6 WHERE id = ?1",
                        params![id, table.criterion, table.name, table.source, table.year, serde_json::to_string(&table.shares).map_err(|e| StoreError::BadValue(e.to_string()))?],
                    )?;
                    id
                }
                (None, None) => insert(table)?,
            };
            tx.journal(
                "update",
                "reference_table",
                Some(saved),
                &format!("Population de référence « {} » enregistrée", table.name),
            )?;
            Ok(saved)
        })
    }
}
