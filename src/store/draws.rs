//! Volunteer pools (pseudonymous), quota tables and recorded draws.

use rusqlite::{OptionalExtension, params};

use chrono::NaiveDate;

use super::row::{code, date, now_stamp, opt_date};
use super::{Store, StoreError, Tx};
use crate::domain::codes::{DrawAlgorithm, PoolSource, SelectionRole};
use crate::domain::ids::{ContactId, ConventionId, DrawId, PoolId};
use crate::domain::sortition::{Draw, Pool, Quota, Selected, Volunteer, lottery};

/// A recorded draw with its pool, quotas and the people drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawView {
    pub draw: Draw,
    pub pool: Pool,
    pub quotas: Vec<Quota>,
    /// Members then reserves, by rank; withdrawn members stay, with their date.
    pub selected: Vec<Selected>,
    /// For a draw from a published lottery: which list, which number, how it was made.
    pub lottery: Option<LotteryInfo>,
}

/// How a draw used the published 1,000-panel list.
#[derive(Debug, Clone, PartialEq)]
pub struct LotteryInfo {
    pub portfolio: i64,
    pub number: u32,
    pub public_number: bool,
    pub list_sha256: String,
    pub number_how: String,
    /// How many reserves were read from the list at the draw.
    pub reserves: u32,
}

impl DrawView {
    /// The members sitting on the panel now (withdrawn ones left out).
    pub fn members(&self) -> impl Iterator<Item = &Volunteer> {
        self.selected
            .iter()
            .filter(|s| s.sits())
            .map(|s| &s.volunteer)
    }

    /// The reserves still waiting, in order.
    pub fn reserves(&self) -> impl Iterator<Item = &Volunteer> {
        self.selected
            .iter()
            .filter(|s| s.role == SelectionRole::Reserve)
            .map(|s| &s.volunteer)
    }
}

pub(crate) fn attributes(json: &str) -> Result<Vec<(String, String)>, StoreError> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json)
        .map_err(|e| StoreError::BadValue(format!("attributs illisibles : {e}")))?;
    Ok(map
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string()),
            )
        })
        .collect())
}

impl Store {
    /// A pool's volunteers as the draw sees them (pseudonym and attributes), in order.
    pub fn pool_volunteers(&self, pool: PoolId) -> Result<Vec<Volunteer>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT pseudonym, attributes FROM pool_members WHERE pool_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([pool.0], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|row| {
            let (pseudonym, json) = row?;
            Ok(Volunteer {
                pseudonym,
                attributes: attributes(&json)?,
            })
        })
        .collect()
    }

    /// The pools of a convention.
    pub fn pools(&self, convention: ConventionId) -> Result<Vec<Pool>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.source, p.description, (SELECT count(*) FROM pool_members m WHERE m.pool_id = p.id), p.purged_on \
             FROM pools p WHERE p.convention_id = ?1 ORDER BY p.id",
        )?;
        let rows = stmt.query_map([convention.0], |r| {
            Ok(Pool {
                id: PoolId(r.get(0)?),
                source: code(r, 1)?,
                description: r.get(2)?,
                size: r.get(3)?,
                purged_on: opt_date(r, 4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many volunteers of a pool have each (criterion, value).
    pub fn pool_counts(&self, pool: PoolId) -> Result<Vec<(String, String, u32)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT j.key, j.value, count(*) FROM pool_members m, json_each(m.attributes) j \
             WHERE m.pool_id = ?1 GROUP BY j.key, j.value ORDER BY j.key, j.value",
        )?;
        let rows = stmt.query_map([pool.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The most recent draw of a convention.
    pub fn latest_draw(&self, convention: ConventionId) -> Result<Option<DrawView>, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT id, pool_id, algorithm, seed, panel_size, drawn_on, witnesses, quota_table_id, \
                 portfolio_id, public_number, list_hash, number_how, reserves \
                 FROM draws WHERE convention_id = ?1 ORDER BY drawn_on DESC, id DESC LIMIT 1",
                [convention.0],
                |r| {
                    let lottery = match r.get::<_, Option<i64>>(8)? {
                        Some(portfolio) => {
                            let public: Option<String> = r.get(9)?;
                            let seed: String = r.get(3)?;
                            Some(LotteryInfo {
                                portfolio,
                                number: match &public {
                                    Some(n) => n.parse().unwrap_or(0),
                                    None => lottery::number_from_seed(&seed) as u32,
                                },
                                public_number: public.is_some(),
                                list_sha256: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                                number_how: r.get(11)?,
                                reserves: r.get(12)?,
                            })
                        }
                        None => None,
                    };
                    Ok((
                        Draw {
                            id: DrawId(r.get(0)?),
                            pool: PoolId(r.get(1)?),
                            algorithm: code::<DrawAlgorithm>(r, 2)?,
                            seed: r.get(3)?,
                            panel_size: r.get(4)?,
                            drawn_on: date(r, 5)?,
                            witnesses: r.get(6)?,
                        },
                        r.get::<_, Option<i64>>(7)?,
                        lottery,
                    ))
                },
            )
            .optional()?;
        let Some((draw, quota_table, lottery)) = found else {
            return Ok(None);
        };
        let pool = self
            .pools(convention)?
            .into_iter()
            .find(|p| p.id == draw.pool)
            .ok_or(StoreError::NotFound("vivier", draw.pool.0))?;
        let quotas = match quota_table {
            Some(t) => self.quotas(t)?,
            None => Vec::new(),
        };
        let mut stmt = self.conn.prepare(
            "SELECT m.pseudonym, m.attributes, s.role, s.rank, s.withdrawn_on, r.pseudonym, s.replacement_note \
             FROM draw_selections s JOIN pool_members m ON m.id = s.pool_member_id \
             LEFT JOIN pool_members r ON r.id = s.replaced_by WHERE s.draw_id = ?1 \
             ORDER BY s.role, s.rank, m.pseudonym",
        )?;
        type Raw = (
            String,
            String,
            SelectionRole,
            u32,
            Option<NaiveDate>,
            Option<String>,
            String,
        );
        let raw: Vec<Raw> = stmt
            .query_map([draw.id.0], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    code(r, 2)?,
                    r.get(3)?,
                    opt_date(r, 4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut selected = Vec::with_capacity(raw.len());
        for (pseudonym, json, role, rank, withdrawn_on, replaced_by, note) in raw {
            selected.push(Selected {
                volunteer: Volunteer {
                    pseudonym,
                    attributes: attributes(&json)?,
                },
                role,
                rank,
                withdrawn_on,
                replaced_by,
                note,
            });
        }
        Ok(Some(DrawView {
            draw,
            pool,
            quotas,
            selected,
            lottery,
        }))
    }

    pub(crate) fn quotas(&self, table: i64) -> Result<Vec<Quota>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT criterion, value, min, max FROM quotas WHERE quota_table_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([table], |r| {
            Ok(Quota {
                criterion: r.get(0)?,
                value: r.get(1)?,
                min: r.get(2)?,
                max: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Tx<'_> {
    pub(crate) fn insert_pool(
        &self,
        convention: ConventionId,
        source: PoolSource,
        description: &str,
    ) -> Result<PoolId, StoreError> {
        self.execute(
            "INSERT INTO pools (convention_id, source, description, created_on) VALUES (?1, ?2, ?3, ?4)",
            params![convention.0, source.code(), description, now_stamp()],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "pool",
            Some(id),
            &format!("Vivier créé ({})", source.label()),
        )?;
        Ok(PoolId(id))
    }

    /// Adds a volunteer without journaling: the caller journals the whole import.
    pub(crate) fn insert_pool_member(
        &self,
        pool: PoolId,
        v: &Volunteer,
        contact: Option<ContactId>,
    ) -> Result<i64, StoreError> {
        let map: serde_json::Map<String, serde_json::Value> = v
            .attributes
            .iter()
            .map(|(k, val)| (k.clone(), serde_json::Value::String(val.clone())))
            .collect();
        self.execute(
            "INSERT INTO pool_members (pool_id, pseudonym, contact_id, attributes) VALUES (?1, ?2, ?3, ?4)",
            params![pool.0, v.pseudonym, contact.map(|c| c.0), serde_json::Value::Object(map).to_string()],
        )?;
        Ok(self.last_insert_rowid())
    }

    pub(crate) fn insert_quota_table(
        &self,
        convention: ConventionId,
        name: &str,
        source: &str,
        year: Option<i32>,
        quotas: &[Quota],
        one_per_household: bool,
    ) -> Result<i64, StoreError> {
        self.execute(
            "INSERT INTO quota_tables (convention_id, name, source, year, one_per_household) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![convention.0, name, source, year, one_per_household],
        )?;
        let table = self.last_insert_rowid();
        self.insert_quota_rows(table, quotas)?;
        self.journal(
            "create",
            "quota_table",
            Some(table),
            &format!("Table de quotas « {name} » ({} quotas)", quotas.len()),
        )?;
        Ok(table)
    }

    /// A table's quota lines, each checked first; journaled with the table.
    pub(crate) fn insert_quota_rows(&self, table: i64, quotas: &[Quota]) -> Result<(), StoreError> {
        for q in quotas {
            q.validate()?;
            self.execute(
                "INSERT INTO quotas (quota_table_id, criterion, value, min, max) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![table, q.criterion, q.value, q.min, q.max],
            )?;
        }
        Ok(())
    }

    /// Records one person drawn; journaled with the draw.
    pub(crate) fn insert_selection(
        &self,
        draw: DrawId,
        member: i64,
        role: SelectionRole,
        rank: u32,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO draw_selections (draw_id, pool_member_id, role, rank) VALUES (?1, ?2, ?3, ?4)",
            params![draw.0, member, role.code(), rank],
        )?;
        Ok(())
    }
}
