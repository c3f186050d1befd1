//! Volunteer pools (pseudonymous), quota tables and recorded draws.

use rusqlite::{OptionalExtension, params};

use super::row::{code, date, iso, now_stamp};
use super::{Store, StoreError, Tx};
use crate::domain::codes::{DrawAlgorithm, PoolSource, SelectionRole};
use crate::domain::ids::{ContactId, ConventionId, DrawId, PoolId};
use crate::domain::sortition::{Draw, Pool, Quota, Selected, Volunteer};

/// A recorded draw with its pool, quotas and the people drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawView {
    pub draw: Draw,
    pub pool: Pool,
    pub quotas: Vec<Quota>,
    /// Members then reserves, by rank.
    pub selected: Vec<Selected>,
}

impl DrawView {
    /// The panel's members.
    pub fn members(&self) -> impl Iterator<Item = &Volunteer> {
        self.selected
            .iter()
            .filter(|s| s.role == SelectionRole::Member)
            .map(|s| &s.volunteer)
    }

    /// The reserves, in order.
    pub fn reserves(&self) -> impl Iterator<Item = &Volunteer> {
        self.selected
            .iter()
            .filter(|s| s.role == SelectionRole::Reserve)
            .map(|s| &s.volunteer)
    }
}

fn attributes(json: &str) -> Result<Vec<(String, String)>, StoreError> {
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
            "SELECT p.id, p.source, p.description, (SELECT count(*) FROM pool_members m WHERE m.pool_id = p.id) \
             FROM pools p WHERE p.convention_id = ?1 ORDER BY p.id",
        )?;
        let rows = stmt.query_map([convention.0], |r| {
            Ok(Pool {
                id: PoolId(r.get(0)?),
                source: code(r, 1)?,
                description: r.get(2)?,
                size: r.get(3)?,
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
                "SELECT id, pool_id, algorithm, seed, panel_size, drawn_on, witnesses, quota_table_id \
                 FROM draws WHERE convention_id = ?1 ORDER BY drawn_on DESC, id DESC LIMIT 1",
                [convention.0],
                |r| {
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
                    ))
                },
            )
            .optional()?;
        let Some((draw, quota_table)) = found else {
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
            "SELECT m.pseudonym, m.attributes, s.role, s.rank FROM draw_selections s \
             JOIN pool_members m ON m.id = s.pool_member_id WHERE s.draw_id = ?1 \
             ORDER BY s.role, s.rank",
        )?;
        let raw: Vec<(String, String, SelectionRole, u32)> = stmt
            .query_map([draw.id.0], |r| {
                Ok((r.get(0)?, r.get(1)?, code(r, 2)?, r.get(3)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut selected = Vec::with_capacity(raw.len());
        for (pseudonym, json, role, rank) in raw {
            selected.push(Selected {
                volunteer: Volunteer {
                    pseudonym,
                    attributes: attributes(&json)?,
                },
                role,
                rank,
            });
        }
        Ok(Some(DrawView {
            draw,
            pool,
            quotas,
            selected,
        }))
    }

    fn quotas(&self, table: i64) -> Result<Vec<Quota>, StoreError> {
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
    ) -> Result<i64, StoreError> {
        self.execute(
            "INSERT INTO quota_tables (convention_id, name, source, year) VALUES (?1, ?2, ?3, ?4)",
            params![convention.0, name, source, year],
        )?;
        let table = self.last_insert_rowid();
        for q in quotas {
            q.validate()?;
            self.execute(
                "INSERT INTO quotas (quota_table_id, criterion, value, min, max) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![table, q.criterion, q.value, q.min, q.max],
            )?;
        }
        self.journal(
            "create",
            "quota_table",
            Some(table),
            &format!("Table de quotas « {name} » ({} quotas)", quotas.len()),
        )?;
        Ok(table)
    }

    pub(crate) fn insert_draw(
        &self,
        convention: ConventionId,
        quota_table: i64,
        draw: &Draw,
    ) -> Result<DrawId, StoreError> {
        self.execute(
            "INSERT INTO draws (convention_id, pool_id, quota_table_id, algorithm, seed, panel_size, drawn_on, witnesses) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                convention.0,
                draw.pool.0,
                quota_table,
                draw.algorithm.code(),
                draw.seed,
                draw.panel_size,
                iso(draw.drawn_on),
                draw.witnesses
            ],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "draw",
            "draw",
            Some(id),
            &format!(
                "Tirage au sort ({}), graine « {} », panel de {}",
                draw.algorithm.label(),
                draw.seed,
                draw.panel_size
            ),
        )?;
        Ok(DrawId(id))
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
