//! Meetings: the filtered list, the week, creating, changing and deleting one.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};

use super::row::{code, date, hm, iso, time};
use super::{Store, StoreError, Tx};
use crate::domain::codes::MeetingKind;
use crate::domain::ids::{ConventionId, MeetingId, SessionId};
use crate::domain::meeting::Meeting;

/// A line of the meetings list.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub meeting: Meeting,
    pub convention_title: Option<String>,
    pub present: u32,
    pub invited: u32,
}

/// Which meetings to list.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeetingFilter {
    pub convention: Option<ConventionId>,
    pub kind: Option<MeetingKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub(super) const MEETING_COLS: &str = "m.id, m.convention_id, m.session_id, m.kind, m.title, m.date, m.start_time, m.end_time, \
    m.venue, m.format, m.services, m.facilitators";

pub(super) fn meeting(r: &Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: MeetingId(r.get(0)?),
        convention: r.get::<_, Option<i64>>(1)?.map(ConventionId),
        session: r.get::<_, Option<i64>>(2)?.map(SessionId),
        kind: code(r, 3)?,
        title: r.get(4)?,
        date: date(r, 5)?,
        start: time(r, 6)?,
        end: time(r, 7)?,
        venue: r.get(8)?,
        format: code(r, 9)?,
        services: r.get(10)?,
        facilitators: r.get(11)?,
    })
}

/// A meeting's columns in table order, its id first (0 for a new one): the values
/// of both the insertion and the update.
fn meeting_values(m: &Meeting) -> rusqlite::ParamsFromIter<[Value; 12]> {
    let text = |s: &str| Value::Text(s.to_string());
    rusqlite::params_from_iter([
        Value::Integer(m.id.0),
        m.convention.map_or(Value::Null, |c| Value::Integer(c.0)),
        m.session.map_or(Value::Null, |s| Value::Integer(s.0)),
        text(m.kind.code()),
        text(&m.title),
        Value::Text(iso(m.date)),
        Value::Text(hm(m.start)),
        Value::Text(hm(m.end)),
        text(&m.venue),
        text(m.format.code()),
        text(&m.services),
        text(&m.facilitators),
    ])
}

impl Store {
    /// Meetings of a convention (or every meeting), by date.
    pub fn meetings_of(
        &self,
        convention: Option<ConventionId>,
    ) -> Result<Vec<Meeting>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEETING_COLS} FROM meetings m WHERE ?1 IS NULL OR m.convention_id = ?1 ORDER BY m.date, m.start_time"
        ))?;
        let rows = stmt.query_map([convention.map(|c| c.0)], meeting)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The meetings list, newest first, with attendance counts.
    pub fn meetings_list(&self, filter: &MeetingFilter) -> Result<Vec<MeetingRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEETING_COLS}, c.title, \
                (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present'), \
                (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) \
             FROM meetings m LEFT JOIN conventions c ON c.id = m.convention_id \
             WHERE (?1 IS NULL OR m.convention_id = ?1) AND (?2 IS NULL OR m.kind = ?2) \
               AND (?3 IS NULL OR m.date >= ?3) AND (?4 IS NULL OR m.date <= ?4) \
             ORDER BY m.date DESC, m.start_time DESC"
        ))?;
        let rows = stmt.query_map(
            params![
                filter.convention.map(|c| c.0),
                filter.kind.map(MeetingKind::code),
                filter.from.map(iso),
                filter.to.map(iso)
            ],
            |r| {
                Ok(MeetingRow {
                    meeting: meeting(r)?,
                    convention_title: r.get(12)?,
                    present: r.get(13)?,
                    invited: r.get(14)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One meeting.
    pub fn meeting(&self, id: MeetingId) -> Result<Meeting, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {MEETING_COLS} FROM meetings m WHERE m.id = ?1"),
                [id.0],
                meeting,
            )
            .optional()?
            .ok_or(StoreError::NotFound("réunion", id.0))
    }

    /// Records a new meeting.
    pub fn create_meeting(&mut self, m: &Meeting) -> Result<MeetingId, StoreError> {
        m.validate()?;
        self.write(|tx| tx.insert_meeting(m))
    }

    /// Saves a meeting's details.
    pub fn update_meeting(&mut self, m: &Meeting) -> Result<(), StoreError> {
        m.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE meetings SET convention_id = ?2, session_id = ?3, kind = ?4, title = ?5, date = ?6, \
                    start_time = ?7, end_time = ?8, venue = ?9, format = ?10, services = ?11, facilitators = ?12 \
                 WHERE id = ?1",
                meeting_values(m),
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("réunion", m.id.0));
            }
            tx.journal(
                "update",
                "meeting",
                Some(m.id.0),
                &format!("Réunion « {} » modifiée", m.title),
            )
        })
    }

    /// Deletes a meeting with its agenda, attendance, minutes, decisions and actions.
    /// A meeting whose compte rendu is locked is part of the record and is kept.
    /// A verified backup is taken first: the deletion cascades.
    pub fn delete_meeting(&mut self, id: MeetingId) -> Result<(), StoreError> {
        let m = self.meeting(id)?;
        self.backup_now("avant-suppression-reunion")?;
        self.write(|tx| {
            tx.ensure_editable(id)?;
            tx.execute("DELETE FROM meetings WHERE id = ?1", [id.0])?;
            tx.journal(
                "delete",
                "meeting",
                Some(id.0),
                &format!("Réunion « {} » du {} supprimée", m.title, iso(m.date)),
            )
        })
    }
}

impl Tx<'_> {
    pub(crate) fn insert_meeting(&self, m: &Meeting) -> Result<MeetingId, StoreError> {
        self.execute(
            "INSERT INTO meetings (id, convention_id, session_id, kind, title, date, start_time, end_time, \
                venue, format, services, facilitators) \
             VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            meeting_values(m),
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "meeting",
            Some(id),
            &format!("Réunion « {} » planifiée", m.title),
        )?;
        Ok(MeetingId(id))
    }
}
