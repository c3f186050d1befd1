//! Invitation samples, the first stage of a draw: the rows drawn from an invitation
//! list (with the list's SHA-256, the seed and the stratifying column) kept for the
//! mail merge.

use chrono::NaiveDate;
use rusqlite::params;

use super::row::{date, iso};
use super::{Store, StoreError};
use crate::domain::ids::ConventionId;
use crate::domain::sortition::invitation::InvitationSample;

/// A sample's row as read, before its JSON is parsed.
type Raw = (
    i64,
    String,
    String,
    u32,
    String,
    String,
    NaiveDate,
    String,
    String,
);

fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::BadValue(format!("échantillon illisible : {e}")))
}

impl Store {
    /// Records a sample; `id` is ignored.
    pub fn record_invitation_sample(
        &mut self,
        convention: ConventionId,
        s: &InvitationSample,
    ) -> Result<i64, StoreError> {
        let header =
            serde_json::to_string(&s.header).map_err(|e| StoreError::BadValue(e.to_string()))?;
        let rows =
            serde_json::to_string(&s.rows).map_err(|e| StoreError::BadValue(e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO invitation_samples (convention_id, list_name, list_sha256, list_rows, stratum, seed, drawn_on, header, rows) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![convention.0, s.list_name, s.list_sha256, s.list_rows, s.stratum, s.seed, iso(s.drawn_on), header, rows],
            )?;
            let id = tx.last_insert_rowid();
            tx.journal(
                "draw",
                "invitation_sample",
                Some(id),
                &format!(
                    "Échantillon d’invitation : {} lignes tirées sur {} de « {} » (graine « {} »{})",
                    s.rows.len(),
                    s.list_rows,
                    s.list_name,
                    s.seed,
                    if s.stratum.is_empty() { String::new() } else { format!(", au prorata de « {} »", s.stratum) }
                ),
            )?;
            Ok(id)
        })
    }

    /// A convention's samples, newest first.
    pub fn invitation_samples(
        &self,
        convention: ConventionId,
    ) -> Result<Vec<InvitationSample>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, list_name, list_sha256, list_rows, stratum, seed, drawn_on, header, rows \
             FROM invitation_samples WHERE convention_id = ?1 ORDER BY id DESC",
        )?;
        let raw: Vec<Raw> = stmt
            .query_map([convention.0], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    date(r, 6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        raw.into_iter()
            .map(
                |(id, list_name, list_sha256, list_rows, stratum, seed, drawn_on, header, rows)| {
                    Ok(InvitationSample {
                        id,
                        list_name,
                        list_sha256,
                        list_rows,
                        stratum,
                        seed,
                        drawn_on,
                        header: json(&header)?,
                        rows: json(&rows)?,
                    })
                },
            )
            .collect()
    }
}
