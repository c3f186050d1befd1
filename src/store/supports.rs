//! Support to the directorates: requests recorded and changed (journaled), the
//! mission's time counted by month, and a request that becomes a convention.

use rusqlite::{OptionalExtension, params};

use super::dispositifs::{DISPOSITIF_COLS, dispositif};
use super::row::{code, date, iso};
use super::{Store, StoreError, Tx};
use crate::domain::codes::{ConventionStatus, DispositifKind, ParticipationKind};
use crate::domain::convention::Convention;
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::{ConventionId, DispositifId};
use crate::domain::support::{Support, TimeSpent};

impl Store {
    /// One request with its process.
    pub fn support(&self, id: DispositifId) -> Result<(Dispositif, Support), StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {DISPOSITIF_COLS}, s.question, s.level_asked, s.advice, s.steps, \
                        s.outcome, s.became_convention \
                     FROM dispositifs d JOIN supports s ON s.dispositif_id = d.id WHERE d.id = ?1"
                ),
                [id.0],
                |r| {
                    Ok((
                        dispositif(r)?,
                        Support {
                            id,
                            question: r.get(9)?,
                            level_asked: code(r, 10)?,
                            advice: r.get(11)?,
                            steps: r.get(12)?,
                            outcome: r.get(13)?,
                            became: r.get::<_, Option<i64>>(14)?.map(ConventionId),
                        },
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound("accompagnement", id.0))
    }

    /// Records a request.
    pub fn add_support(&mut self, d: &Dispositif, s: &Support) -> Result<DispositifId, StoreError> {
        self.write(|tx| tx.insert_support(d, s))
    }

    /// Changes a request and its process.
    pub fn update_support(&mut self, d: &Dispositif, s: &Support) -> Result<(), StoreError> {
        s.validate()?;
        self.write(|tx| {
            tx.update_dispositif(d)?;
            tx.execute(
                "UPDATE supports SET question = ?2, level_asked = ?3, advice = ?4, steps = ?5, \
                    outcome = ?6 WHERE dispositif_id = ?1",
                params![
                    d.id.0,
                    s.question.trim(),
                    s.level_asked.code(),
                    s.advice.trim(),
                    s.steps.trim(),
                    s.outcome.trim()
                ],
            )?;
            tx.journal(
                "update",
                "dispositif",
                Some(d.id.0),
                &format!("Accompagnement « {} » modifié", d.title.trim()),
            )
        })
    }

    /// The time spent on a request, month by month.
    pub fn support_time(&self, id: DispositifId) -> Result<Vec<TimeSpent>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT month, minutes FROM support_time WHERE dispositif_id = ?1 ORDER BY month",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(TimeSpent {
                month: date(r, 0)?,
                minutes: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets the time spent on a request in one month (0 removes the month).
    pub fn set_support_time(&mut self, id: DispositifId, t: TimeSpent) -> Result<(), StoreError> {
        let (d, _) = self.support(id)?;
        self.write(|tx| tx.set_support_time(id, t, &d.title))
    }

    /// Makes a convention of a request: a draft with its project, question, level and
    /// directorate, remembered as what the request became.
    pub fn support_to_convention(&mut self, id: DispositifId) -> Result<ConventionId, StoreError> {
        let (d, s) = self.support(id)?;
        if let Some(c) = s.became {
            return Ok(c);
        }
        let c = Convention {
            status: ConventionStatus::Preparation,
            participation: match s.level_asked {
                ParticipationKind::Information => ParticipationKind::Consultation,
                other => other,
            },
            question: s.question.clone(),
            mandate_from: d.directorate.clone(),
            elected_official: d.elected_official.clone(),
            ..Convention::draft(d.title.clone())
        };
        self.write(|tx| {
            let conv = tx.insert_convention(&c)?;
            tx.execute(
                "UPDATE supports SET became_convention = ?2 WHERE dispositif_id = ?1",
                [id.0, conv.0],
            )?;
            tx.journal(
                "update",
                "dispositif",
                Some(id.0),
                &format!("Accompagnement « {} » : devient une convention", d.title),
            )?;
            Ok(conv)
        })
    }
}

impl Tx<'_> {
    pub(crate) fn insert_support(
        &self,
        d: &Dispositif,
        s: &Support,
    ) -> Result<DispositifId, StoreError> {
        s.validate()?;
        let d = Dispositif {
            kind: DispositifKind::Support,
            ..d.clone()
        };
        let id = self.insert_dispositif(&d)?;
        self.execute(
            "INSERT INTO supports (dispositif_id, question, level_asked, advice, steps, outcome) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.0,
                s.question.trim(),
                s.level_asked.code(),
                s.advice.trim(),
                s.steps.trim(),
                s.outcome.trim()
            ],
        )?;
        self.journal(
            "create",
            "dispositif",
            Some(id.0),
            &format!(
                "Demande d’accompagnement « {} » ({})",
                d.title.trim(),
                d.directorate.trim()
            ),
        )?;
        Ok(id)
    }

    pub(crate) fn set_support_time(
        &self,
        id: DispositifId,
        t: TimeSpent,
        title: &str,
    ) -> Result<(), StoreError> {
        if t.minutes == 0 {
            self.execute(
                "DELETE FROM support_time WHERE dispositif_id = ?1 AND month = ?2",
                params![id.0, iso(t.month)],
            )?;
        } else {
            self.execute(
                "INSERT INTO support_time (dispositif_id, month, minutes) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (dispositif_id, month) DO UPDATE SET minutes = excluded.minutes",
                params![id.0, iso(t.month), t.minutes],
            )?;
        }
        self.journal(
            "update",
            "dispositif",
            Some(id.0),
            &format!(
                "Accompagnement « {title} » : {} en {}",
                crate::domain::attestation::duration(t.minutes.into()),
                t.month.format("%m/%Y")
            ),
        )
    }
}
