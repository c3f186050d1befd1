//! The participatory processes other than conventions: listed with filters and the
//! stage each one is at, changed and removed (journaled), and the meetings linked to
//! them. What a kind adds lives in its own file (`interpellations.rs`).

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::meetings::{MEETING_COLS, meeting};
use super::row::{code, opt_date, opt_iso};
use super::{Store, StoreError, Tx};
use crate::domain::codes::{DispositifKind, ProjectStage};
use crate::domain::dispositif::{Dispositif, DispositifLine};
use crate::domain::ids::{DispositifId, MeetingId};
use crate::domain::meeting::Meeting;

pub(super) const DISPOSITIF_COLS: &str = "d.id, d.kind, d.title, d.level, d.directorate, \
    d.elected_official, d.start_date, d.end_date, d.notes";

pub(super) fn dispositif(r: &Row<'_>) -> rusqlite::Result<Dispositif> {
    Ok(Dispositif {
        id: DispositifId(r.get(0)?),
        kind: code(r, 1)?,
        title: r.get(2)?,
        level: code(r, 3)?,
        directorate: r.get(4)?,
        elected_official: r.get(5)?,
        start: opt_date(r, 6)?,
        end: opt_date(r, 7)?,
        notes: r.get(8)?,
    })
}

/// The stored fields in the order INSERT and UPDATE bind them (?1 … ?8).
fn values(d: &Dispositif) -> [Value; 8] {
    [
        d.kind.code().to_string().into(),
        d.title.trim().to_string().into(),
        d.level.code().to_string().into(),
        d.directorate.trim().to_string().into(),
        d.elected_official.trim().to_string().into(),
        opt_iso(d.start).into(),
        opt_iso(d.end).into(),
        d.notes.trim().to_string().into(),
    ]
}

/// Which processes to list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DispositifFilter {
    pub kind: Option<DispositifKind>,
    /// Those running during that year.
    pub year: Option<i32>,
    /// Part of the directorate's name, any case.
    pub directorate: String,
    /// Only those still running (`true`) or ended (`false`) on the day asked.
    pub running: Option<bool>,
}

impl Store {
    /// The processes the filter keeps, newest first, each with its stage as of `today`.
    pub fn dispositifs(
        &self,
        filter: &DispositifFilter,
        today: NaiveDate,
    ) -> Result<Vec<DispositifLine>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {DISPOSITIF_COLS} FROM dispositifs d \
             WHERE (?1 IS NULL OR d.kind = ?1) AND instr(lower(d.directorate), lower(?2)) > 0 \
             ORDER BY d.start_date IS NULL, d.start_date DESC, d.id DESC"
        ))?;
        let rows = stmt.query_map(
            params![
                filter.kind.map(DispositifKind::code),
                filter.directorate.trim()
            ],
            dispositif,
        )?;
        let rules = self.interpellation_rules()?;
        let mut out = Vec::new();
        for d in rows {
            let d = d?;
            let ended = d.end.is_some_and(|e| e < today);
            if filter.year.is_some_and(|y| !d.runs_in(y)) || filter.running == Some(ended) {
                continue;
            }
            let (stage, summary, next) = match d.kind {
                DispositifKind::Interpellation => {
                    let i = self.interpellation(d.id)?.1;
                    (
                        i.stage(&rules, today).label(),
                        i.summary(&rules),
                        i.next_due(&rules, today),
                    )
                }
                DispositifKind::Body => {
                    let (_, b) = self.body(d.id)?;
                    let sitting = self
                        .body_members(d.id)?
                        .iter()
                        .filter(|m| m.sits_on(today))
                        .count();
                    (
                        if d.end.is_some_and(|e| e < today) {
                            "Dissoute"
                        } else {
                            "En cours"
                        },
                        format!("{sitting} membre(s) sur {} sièges", b.seats),
                        None,
                    )
                }
                DispositifKind::Budget => {
                    let projects = self.projects(d.id)?;
                    let winners = projects
                        .iter()
                        .filter(|p| {
                            matches!(
                                p.stage,
                                ProjectStage::Winner
                                    | ProjectStage::Delivering
                                    | ProjectStage::Delivered
                            )
                        })
                        .count();
                    let stage = if projects.iter().any(|p| p.stage == ProjectStage::OnBallot) {
                        "Vote"
                    } else if winners > 0 {
                        "Réalisations"
                    } else {
                        "Dépôt et étude des idées"
                    };
                    (
                        stage,
                        format!("{} projet(s) · {winners} lauréat(s)", projects.len()),
                        None,
                    )
                }
                DispositifKind::Support => {
                    let (_, s) = self.support(d.id)?;
                    let minutes: u32 = self.support_time(d.id)?.iter().map(|t| t.minutes).sum();
                    let mut summary = format!(
                        "{} de la mission",
                        crate::domain::attestation::duration(minutes.into())
                    );
                    if s.became.is_some() {
                        summary.push_str(" · devenu une convention");
                    }
                    (
                        if d.end.is_some_and(|e| e <= today) {
                            "Terminé"
                        } else {
                            "En cours"
                        },
                        summary,
                        None,
                    )
                }
            };
            out.push(DispositifLine {
                dispositif: d,
                stage,
                summary,
                next,
            });
        }
        Ok(out)
    }

    /// One process.
    pub fn dispositif(&self, id: DispositifId) -> Result<Dispositif, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {DISPOSITIF_COLS} FROM dispositifs d WHERE d.id = ?1"),
                [id.0],
                dispositif,
            )
            .optional()?
            .ok_or(StoreError::NotFound("dispositif", id.0))
    }

    /// Removes a process with what its kind adds (an interpellation's counts and
    /// checks); the meetings linked to it stay, unlinked.
    pub fn remove_dispositif(&mut self, id: DispositifId) -> Result<(), StoreError> {
        let d = self.dispositif(id)?;
        self.write(|tx| {
            tx.execute("DELETE FROM dispositifs WHERE id = ?1", [id.0])?;
            tx.journal(
                "delete",
                "dispositif",
                Some(id.0),
                &format!("{} « {} » supprimé·e", d.kind.label(), d.title),
            )
        })
    }

    /// The meetings linked to a process, by date.
    pub fn dispositif_meetings(&self, id: DispositifId) -> Result<Vec<Meeting>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEETING_COLS} FROM meetings m \
             JOIN dispositif_meetings l ON l.meeting_id = m.id AND l.dispositif_id = ?1 \
             ORDER BY m.date, m.start_time"
        ))?;
        let rows = stmt.query_map([id.0], meeting)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The meetings linked to a process with their attendance (present, invited).
    pub fn dispositif_meeting_rows(
        &self,
        id: DispositifId,
    ) -> Result<Vec<crate::store::MeetingRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEETING_COLS}, NULL, \
                (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present'), \
                (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) \
             FROM meetings m JOIN dispositif_meetings l ON l.meeting_id = m.id AND l.dispositif_id = ?1 \
             ORDER BY m.date, m.start_time"
        ))?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(crate::store::MeetingRow {
                meeting: meeting(r)?,
                convention_title: None,
                present: r.get(13)?,
                invited: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Links a meeting to a process (nothing changes if it already is).
    pub fn link_meeting(&mut self, id: DispositifId, m: MeetingId) -> Result<(), StoreError> {
        self.set_link(id, m, true)
    }

    /// Unlinks a meeting from a process; the meeting stays.
    pub fn unlink_meeting(&mut self, id: DispositifId, m: MeetingId) -> Result<(), StoreError> {
        self.set_link(id, m, false)
    }

    fn set_link(&mut self, id: DispositifId, m: MeetingId, linked: bool) -> Result<(), StoreError> {
        let d = self.dispositif(id)?;
        let meeting = self.meeting(m)?;
        self.write(|tx| {
            tx.execute(
                if linked {
                    "INSERT OR IGNORE INTO dispositif_meetings (dispositif_id, meeting_id) VALUES (?1, ?2)"
                } else {
                    "DELETE FROM dispositif_meetings WHERE dispositif_id = ?1 AND meeting_id = ?2"
                },
                [id.0, m.0],
            )?;
            let how = if linked { "liée à" } else { "détachée de" };
            tx.journal(
                "update",
                "dispositif",
                Some(id.0),
                &format!("Réunion « {} » {how} « {} »", meeting.title, d.title),
            )
        })
    }
}

impl Tx<'_> {
    /// Inserts the part every process has.
    pub(crate) fn insert_dispositif(&self, d: &Dispositif) -> Result<DispositifId, StoreError> {
        d.validate()?;
        self.execute(
            "INSERT INTO dispositifs (kind, title, level, directorate, elected_official, \
                start_date, end_date, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params_from_iter(values(d)),
        )?;
        Ok(DispositifId(self.last_insert_rowid()))
    }

    /// Changes the part every process has (its kind stays).
    pub(crate) fn update_dispositif(&self, d: &Dispositif) -> Result<(), StoreError> {
        d.validate()?;
        let n = self.execute(
            "UPDATE dispositifs SET title = ?2, level = ?3, directorate = ?4, \
                elected_official = ?5, start_date = ?6, end_date = ?7, notes = ?8 \
             WHERE id = ?9 AND kind = ?1",
            params_from_iter(values(d).into_iter().chain([Value::Integer(d.id.0)])),
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("dispositif", d.id.0));
        }
        Ok(())
    }
}
