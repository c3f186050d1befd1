//! A convention's calendar: its phases and sessions, added, changed and removed, and
//! (the `.ics` file is written by `export`).

use rusqlite::{OptionalExtension, params};

use super::row::{hm, iso, opt_iso};
use super::{Store, StoreError};
use crate::domain::convention::{Phase, Session};
use crate::domain::ids::{PhaseId, SessionId};

impl Store {
    /// Adds a phase at the end of the calendar.
    pub fn add_phase(&mut self, p: &Phase) -> Result<PhaseId, StoreError> {
        p.validate()?;
        self.write(|tx| {
            let position: u32 = tx.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM phases WHERE convention_id = ?1",
                [p.convention.0],
                |r| r.get(0),
            )?;
            tx.insert_phase(&Phase {
                position,
                name: p.name.trim().to_string(),
                ..p.clone()
            })
        })
    }

    /// Renames a phase or changes its dates.
    pub fn update_phase(&mut self, p: &Phase) -> Result<(), StoreError> {
        p.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE phases SET name = ?2, start_date = ?3, end_date = ?4 WHERE id = ?1",
                params![
                    p.id.0,
                    p.name.trim(),
                    opt_iso(p.start_date),
                    opt_iso(p.end_date)
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("phase", p.id.0));
            }
            tx.journal(
                "update",
                "phase",
                Some(p.id.0),
                &format!("Phase « {} » modifiée", p.name.trim()),
            )
        })
    }

    /// Removes a phase; its sessions stay, without a phase.
    pub fn remove_phase(&mut self, id: PhaseId) -> Result<(), StoreError> {
        let (convention, name, position): (i64, String, u32) = self
            .conn
            .query_row(
                "SELECT convention_id, name, position FROM phases WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("phase", id.0))?;
        self.write(|tx| {
            tx.execute("DELETE FROM phases WHERE id = ?1", [id.0])?;
            tx.execute(
                "UPDATE phases SET position = position - 1 WHERE convention_id = ?1 AND position > ?2",
                params![convention, position],
            )?;
            tx.journal(
                "delete",
                "phase",
                Some(id.0),
                &format!("Phase « {name} » retirée du calendrier"),
            )
        })
    }

    /// Plans a session.
    pub fn add_session(&mut self, s: &Session) -> Result<SessionId, StoreError> {
        s.validate()?;
        self.write(|tx| tx.insert_session(s))
    }

    /// Changes a session.
    pub fn update_session(&mut self, s: &Session) -> Result<(), StoreError> {
        s.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE sessions SET phase_id = ?2, title = ?3, date = ?4, start_time = ?5, end_time = ?6, \
                    venue = ?7, programme = ?8, kind = ?9 WHERE id = ?1",
                params![
                    s.id.0,
                    s.phase.map(|p| p.0),
                    s.title.trim(),
                    iso(s.date),
                    hm(s.start),
                    hm(s.end),
                    s.venue.trim(),
                    s.programme.trim(),
                    s.kind.code()
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("séance", s.id.0));
            }
            tx.journal(
                "update",
                "session",
                Some(s.id.0),
                &format!("Séance « {} » modifiée", s.title.trim()),
            )
        })
    }

    /// Removes a session from the calendar (a meeting that held it stays, unlinked).
    pub fn remove_session(&mut self, id: SessionId) -> Result<(), StoreError> {
        let title: String = self
            .conn
            .query_row("SELECT title FROM sessions WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(StoreError::NotFound("séance", id.0))?;
        self.write(|tx| {
            tx.execute("DELETE FROM sessions WHERE id = ?1", [id.0])?;
            tx.journal(
                "delete",
                "session",
                Some(id.0),
                &format!("Séance « {title} » retirée du calendrier"),
            )
        })
    }
}
