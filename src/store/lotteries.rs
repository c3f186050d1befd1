//! The published lottery in the store: a prepared portfolio (with LEGACY's estimated
//! probabilities for comparison), the draw made from it with a seed or a public number
//! (members and ordered reserves), and a member's withdrawal with the replacement that
//! keeps every quota, both kept in the history.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::row::iso;
use super::{Store, StoreError, Tx};
use crate::domain::codes::{DrawAlgorithm, SelectionRole};
use crate::domain::ids::{ConventionId, DrawId, PoolId};
use crate::domain::sortition::instance::Instance;
use crate::domain::sortition::portfolio::{Algorithm, Choice, Portfolio};
use crate::domain::sortition::{replacement, reserves};

/// A prepared lottery as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub id: i64,
    pub pool: PoolId,
    pub quota_table: Option<i64>,
    pub prepared_on: NaiveDate,
    /// Time the computation took.
    pub seconds: f64,
    pub portfolio: Portfolio,
    /// LEGACY's estimated probability for each person of the portfolio, same order.
    pub legacy: Vec<f64>,
}

/// How a draw is made from a prepared lottery.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawRequest {
    pub choice: Choice,
    /// How the public number was produced (dice, a published lottery…).
    pub number_how: String,
    pub witnesses: String,
    pub reserves: usize,
    pub drawn_on: NaiveDate,
}

/// What a withdrawal did.
#[derive(Debug, Clone, PartialEq)]
pub struct Replacement {
    pub withdrawn: String,
    pub replacement: Option<String>,
    pub note: String,
}

fn json_error(e: serde_json::Error) -> StoreError {
    StoreError::BadValue(format!("portefeuille illisible : {e}"))
}

fn algorithm_code(a: Algorithm) -> DrawAlgorithm {
    match a {
        Algorithm::Leximin => DrawAlgorithm::Leximin,
        Algorithm::Maximin => DrawAlgorithm::Maximin,
        Algorithm::Legacy => DrawAlgorithm::Legacy,
    }
}

impl Store {
    /// Records a prepared lottery for a pool and the quota table it was prepared under.
    pub fn save_portfolio(
        &mut self,
        convention: ConventionId,
        pool: PoolId,
        quota_table: Option<i64>,
        portfolio: &Portfolio,
        legacy: &[f64],
        seconds: f64,
    ) -> Result<i64, StoreError> {
        let prepared = Prepared {
            id: 0,
            pool,
            quota_table,
            prepared_on: chrono::Local::now().date_naive(),
            seconds,
            portfolio: portfolio.clone(),
            legacy: legacy.to_vec(),
        };
        self.write(|tx| tx.insert_portfolio(convention, &prepared))
    }

    /// A prepared lottery.
    pub fn portfolio(&self, id: i64) -> Result<Prepared, StoreError> {
        let (pool, quota_table, prepared_on, seconds, content, legacy): (i64, Option<i64>, String, f64, String, String) = self
            .conn
            .query_row(
                "SELECT pool_id, quota_table_id, prepared_on, seconds, content, legacy FROM portfolios WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("loterie préparée", id))?;
        Ok(Prepared {
            id,
            pool: PoolId(pool),
            quota_table,
            prepared_on: NaiveDate::parse_from_str(
                &prepared_on[..10.min(prepared_on.len())],
                "%Y-%m-%d",
            )
            .map_err(|e| StoreError::BadValue(e.to_string()))?,
            seconds,
            portfolio: serde_json::from_str(&content).map_err(json_error)?,
            legacy: serde_json::from_str(&legacy).map_err(json_error)?,
        })
    }

    /// The convention's latest prepared lottery.
    pub fn latest_portfolio(
        &self,
        convention: ConventionId,
    ) -> Result<Option<Prepared>, StoreError> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM portfolios WHERE convention_id = ?1 ORDER BY id DESC LIMIT 1",
                [convention.0],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.portfolio(id)).transpose()
    }

    /// Draws the panel from a prepared lottery: the panel the seed or the public number
    /// picks, then the reserves read further down the same list. Refused when the pool
    /// no longer holds the volunteers the lottery was prepared with.
    pub fn draw_from_portfolio(
        &mut self,
        convention: ConventionId,
        portfolio: i64,
        request: &DrawRequest,
    ) -> Result<DrawId, StoreError> {
        let prepared = self.portfolio(portfolio)?;
        let p = &prepared.portfolio;
        if let Choice::Seed(s) = &request.choice
            && s.trim().is_empty()
        {
            return Err(StoreError::Refused("Indiquez la graine du tirage.".into()));
        }
        let number = request.choice.number();
        let Some(panel) = p.panels.get(number) else {
            return Err(StoreError::Refused(format!(
                "Le numéro {number} n’existe pas : la liste va de 000 à 999."
            )));
        };
        let reserve_ids = reserves::reserves(&p.panels, number, request.reserves);
        let members = self.member_ids(prepared.pool)?;
        let id_of = |pseudonym: &String| {
            members
                .iter()
                .find(|(p, _)| p == pseudonym)
                .map(|(_, id)| *id)
                .ok_or_else(|| {
                    StoreError::Refused(format!(
                        "Le volontaire « {pseudonym} » n’est plus dans le vivier : préparez de nouveau la loterie."
                    ))
                })
        };
        let panel_ids: Vec<i64> = panel.iter().map(id_of).collect::<Result<_, _>>()?;
        let reserve_rows: Vec<i64> = reserve_ids.iter().map(id_of).collect::<Result<_, _>>()?;
        self.write(|tx| {
            tx.insert_lottery_draw(
                convention,
                (portfolio, &prepared),
                request,
                &panel_ids,
                &reserve_rows,
            )
        })
    }

    fn member_ids(&self, pool: PoolId) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT pseudonym, id FROM pool_members WHERE pool_id = ?1")?;
        let rows = stmt.query_map([pool.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that a member withdrew and gives the seat to the first reserve whose entry
    /// keeps every quota met; failing that, to a volunteer of the pool who does, drawn
    /// with the named generator from the draw's seed or number and the member's id.
    pub fn withdraw_member(
        &mut self,
        draw: DrawId,
        pseudonym: &str,
        on: NaiveDate,
    ) -> Result<Replacement, StoreError> {
        let (pool, panel_size, seed, public, quota_table): (i64, u32, String, Option<String>, Option<i64>) = self
            .conn
            .query_row(
                "SELECT pool_id, panel_size, seed, public_number, quota_table_id FROM draws WHERE id = ?1",
                [draw.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("tirage", draw.0))?;
        let volunteers = self.pool_volunteers(PoolId(pool))?;
        let quotas = match quota_table {
            Some(t) => self.quotas(t)?,
            None => Vec::new(),
        };
        let apart: bool = match quota_table {
            Some(t) => self.conn.query_row(
                "SELECT one_per_household FROM quota_tables WHERE id = ?1",
                [t],
                |r| r.get(0),
            )?,
            None => false,
        };
        let inst = if apart {
            Instance::one_per_household(&volunteers, &quotas, panel_size)
        } else {
            Instance::new(&volunteers, &quotas, panel_size)
        }
        .map_err(|e| StoreError::Refused(e.to_string()))?;
        // (pseudonym, role, withdrawn) in rank order.
        let mut stmt = self.conn.prepare(
            "SELECT m.pseudonym, s.role, s.withdrawn_on IS NOT NULL FROM draw_selections s \
             JOIN pool_members m ON m.id = s.pool_member_id WHERE s.draw_id = ?1 ORDER BY s.role, s.rank",
        )?;
        let rows: Vec<(String, String, bool)> = stmt
            .query_map([draw.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        drop(stmt);
        let index = |id: &str| inst.position(id);
        let sitting: Vec<usize> = rows
            .iter()
            .filter(|(_, role, gone)| role == "member" && !gone)
            .filter_map(|(p, ..)| index(p))
            .collect();
        let Some(leaving) = index(pseudonym).filter(|i| sitting.contains(i)) else {
            return Err(StoreError::Refused(format!(
                "« {pseudonym} » ne siège pas au panel de ce tirage."
            )));
        };
        let waiting: Vec<usize> = rows
            .iter()
            .filter(|(_, role, _)| role == "reserve")
            .filter_map(|(p, ..)| index(p))
            .collect();
        let from_reserves = reserves::first_fitting(&inst, &sitting, leaving, &waiting);
        let (chosen, note) = match from_reserves {
            Some(r) => (
                Some(r),
                "premier·e remplaçant·e de la liste qui garde tous les quotas".to_string(),
            ),
            None => {
                let stream = format!(
                    "{}/remplacement/{pseudonym}",
                    public.as_deref().unwrap_or(&seed)
                );
                let drawn_before: Vec<usize> = rows.iter().filter_map(|(p, ..)| index(p)).collect();
                // Never someone already drawn (a withdrawn member, a reserve).
                let pick = replacement::replace(&inst, &sitting, leaving, &drawn_before, &stream);
                match pick {
                    Some(p) => (
                        Some(p),
                        format!(
                            "aucun·e remplaçant·e ne gardait les quotas : tiré·e dans le vivier (ChaCha20, graine « {stream} »)"
                        ),
                    ),
                    None => (
                        None,
                        "personne ne peut prendre ce siège sans rompre un quota".to_string(),
                    ),
                }
            }
        };
        let replacement = chosen.map(|i| inst.ids[i].clone());
        self.write(|tx| {
            record_withdrawal(
                tx,
                draw,
                PoolId(pool),
                pseudonym,
                replacement.as_deref(),
                from_reserves.is_some(),
                &note,
                on,
            )
        })?;
        Ok(Replacement {
            withdrawn: pseudonym.to_string(),
            replacement,
            note,
        })
    }
}

#[allow(clippy::too_many_arguments)]
fn record_withdrawal(
    tx: &Tx<'_>,
    draw: DrawId,
    pool: PoolId,
    pseudonym: &str,
    replacement: Option<&str>,
    from_reserves: bool,
    note: &str,
    on: NaiveDate,
) -> Result<(), StoreError> {
    let member_id = |p: &str| -> Result<i64, StoreError> {
        Ok(tx.query_row(
            "SELECT id FROM pool_members WHERE pool_id = ?1 AND pseudonym = ?2",
            params![pool.0, p],
            |r| r.get(0),
        )?)
    };
    let leaving = member_id(pseudonym)?;
    let rank: u32 = tx.query_row(
        "SELECT rank FROM draw_selections WHERE draw_id = ?1 AND pool_member_id = ?2",
        params![draw.0, leaving],
        |r| r.get(0),
    )?;
    let taking = replacement.map(member_id).transpose()?;
    tx.execute(
        "UPDATE draw_selections SET withdrawn_on = ?3, replaced_by = ?4, replacement_note = ?5 \
         WHERE draw_id = ?1 AND pool_member_id = ?2",
        params![draw.0, leaving, iso(on), taking, note],
    )?;
    if let Some(t) = taking {
        if from_reserves {
            tx.execute(
                "UPDATE draw_selections SET role = 'member', rank = ?3 WHERE draw_id = ?1 AND pool_member_id = ?2",
                params![draw.0, t, rank],
            )?;
        } else {
            tx.insert_selection(draw, t, SelectionRole::Member, rank)?;
        }
    }
    tx.journal(
        "withdraw",
        "draw",
        Some(draw.0),
        &match replacement {
            Some(r) => format!("Retrait de {pseudonym} : remplacé·e par {r} ({note})"),
            None => format!("Retrait de {pseudonym} : {note}"),
        },
    )
}

impl Tx<'_> {
    pub(crate) fn insert_portfolio(
        &self,
        convention: ConventionId,
        prepared: &Prepared,
    ) -> Result<i64, StoreError> {
        let portfolio = &prepared.portfolio;
        let content = serde_json::to_string(portfolio).map_err(json_error)?;
        let legacy = serde_json::to_string(&prepared.legacy).map_err(json_error)?;
        self.execute(
            "INSERT INTO portfolios (convention_id, pool_id, quota_table_id, prepared_on, seconds, content, legacy) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                convention.0,
                prepared.pool.0,
                prepared.quota_table,
                iso(prepared.prepared_on),
                prepared.seconds,
                content,
                legacy
            ],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "prepare",
            "portfolio",
            Some(id),
            &format!(
                "Loterie préparée ({}), liste de 1 000 panels publiée : SHA-256 {}",
                algorithm_code(portfolio.algorithm).label(),
                portfolio.list_sha256
            ),
        )?;
        Ok(id)
    }

    /// Records a draw from a prepared lottery: members and reserves are pool member
    /// row ids, in order.
    pub(crate) fn insert_lottery_draw(
        &self,
        convention: ConventionId,
        (portfolio, prepared): (i64, &Prepared),
        request: &DrawRequest,
        panel: &[i64],
        reserves: &[i64],
    ) -> Result<DrawId, StoreError> {
        let p = &prepared.portfolio;
        let number = request.choice.number();
        let (seed, public) = match &request.choice {
            Choice::Seed(s) => (s.clone(), None),
            Choice::Number(n) => (String::new(), Some(format!("{n:03}"))),
        };
        self.execute(
            "INSERT INTO draws (convention_id, pool_id, quota_table_id, algorithm, seed, public_number, list_hash, \
             panel_size, drawn_on, witnesses, portfolio_id, number_how, reserves) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                convention.0,
                prepared.pool.0,
                prepared.quota_table,
                algorithm_code(p.algorithm).code(),
                seed,
                public,
                p.list_sha256,
                p.panel_size,
                iso(request.drawn_on),
                request.witnesses,
                portfolio,
                request.number_how,
                reserves.len() as i64
            ],
        )?;
        let draw = DrawId(self.last_insert_rowid());
        for (rank, m) in panel.iter().enumerate() {
            self.insert_selection(draw, *m, SelectionRole::Member, rank as u32 + 1)?;
        }
        for (rank, m) in reserves.iter().enumerate() {
            self.insert_selection(draw, *m, SelectionRole::Reserve, rank as u32 + 1)?;
        }
        self.journal(
            "draw",
            "draw",
            Some(draw.0),
            &format!(
                "Tirage au sort : panel n° {number:03} de la liste {}…, {}, {} membres, {} remplaçant·e·s",
                &p.list_sha256[..16.min(p.list_sha256.len())],
                match &request.choice {
                    Choice::Seed(s) => format!("graine « {s} »"),
                    Choice::Number(_) => format!("numéro public {number:03}"),
                },
                panel.len(),
                reserves.len()
            ),
        )?;
        Ok(draw)
    }
}
