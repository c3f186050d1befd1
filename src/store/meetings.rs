//! Meetings and their traces: agenda, attendance, minutes, decisions, actions.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{code, date, hm, iso, now_stamp, opt_date, opt_iso, time};
use super::{Store, StoreError, Tx};
use crate::domain::codes::{AttendanceStatus, MinutesStatus};
use crate::domain::ids::{ActionId, ContactId, ConventionId, MeetingId, SessionId};
use crate::domain::meeting::{Action, AgendaItem, Attendance, Decision, Meeting, Minutes};

/// A line of the meetings list.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub meeting: Meeting,
    pub convention_title: Option<String>,
    pub present: u32,
    pub invited: u32,
}

const MEETING_COLS: &str = "m.id, m.convention_id, m.session_id, m.kind, m.title, m.date, m.start_time, m.end_time, \
    m.venue, m.format, m.services, m.facilitators";

fn meeting(r: &Row<'_>) -> rusqlite::Result<Meeting> {
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

pub(crate) const ACTION_COLS: &str = "id, meeting_id, title, owner, due_date, status";

pub(crate) fn action(r: &Row<'_>) -> rusqlite::Result<Action> {
    Ok(Action {
        id: ActionId(r.get(0)?),
        meeting: r.get::<_, Option<i64>>(1)?.map(MeetingId),
        title: r.get(2)?,
        owner: r.get(3)?,
        due: opt_date(r, 4)?,
        status: code(r, 5)?,
    })
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
    pub fn meetings_list(
        &self,
        convention: Option<ConventionId>,
    ) -> Result<Vec<MeetingRow>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEETING_COLS}, c.title, \
                (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present'), \
                (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) \
             FROM meetings m LEFT JOIN conventions c ON c.id = m.convention_id \
             WHERE ?1 IS NULL OR m.convention_id = ?1 ORDER BY m.date DESC, m.start_time DESC"
        ))?;
        let rows = stmt.query_map([convention.map(|c| c.0)], |r| {
            Ok(MeetingRow {
                meeting: meeting(r)?,
                convention_title: r.get(12)?,
                present: r.get(13)?,
                invited: r.get(14)?,
            })
        })?;
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

    /// A meeting's agenda, in order.
    pub fn agenda(&self, id: MeetingId) -> Result<Vec<AgendaItem>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT position, title, duration_minutes, speaker, notes FROM agenda_items WHERE meeting_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(AgendaItem {
                position: r.get(0)?,
                title: r.get(1)?,
                duration_minutes: r.get(2)?,
                speaker: r.get(3)?,
                notes: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A meeting's participants, sorted by name.
    pub fn attendance(&self, id: MeetingId) -> Result<Vec<Attendance>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT k.id, k.first_name, k.last_name, k.organisation, a.status FROM attendance a \
             JOIN contacts k ON k.id = a.contact_id WHERE a.meeting_id = ?1 \
             ORDER BY k.last_name COLLATE NOCASE, k.first_name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            let (first, last): (String, String) = (r.get(1)?, r.get(2)?);
            Ok(Attendance {
                contact: ContactId(r.get(0)?),
                name: format!("{last} {first}").trim().to_string(),
                organisation: r.get(3)?,
                status: code(r, 4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest version of a meeting's compte rendu, if any.
    pub fn minutes(&self, id: MeetingId) -> Result<Option<Minutes>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT m.status, v.version, v.body, m.validated_on FROM minutes m \
                 JOIN minutes_versions v ON v.minutes_id = m.id WHERE m.meeting_id = ?1 \
                 ORDER BY v.version DESC LIMIT 1",
                [id.0],
                |r| {
                    Ok(Minutes {
                        status: code(r, 0)?,
                        version: r.get(1)?,
                        body: r.get(2)?,
                        validated_on: opt_date(r, 3)?,
                    })
                },
            )
            .optional()?)
    }

    /// A meeting's decisions, by number.
    pub fn decisions(&self, id: MeetingId) -> Result<Vec<Decision>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT number, text, vote_result FROM decisions WHERE meeting_id = ?1 ORDER BY number",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(Decision {
                meeting: id,
                number: r.get(0)?,
                text: r.get(1)?,
                vote_result: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A meeting's actions.
    pub fn actions(&self, id: MeetingId) -> Result<Vec<Action>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ACTION_COLS} FROM actions WHERE meeting_id = ?1 ORDER BY due_date, id"
        ))?;
        let rows = stmt.query_map([id.0], action)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Tx<'_> {
    pub(crate) fn insert_meeting(&self, m: &Meeting) -> Result<MeetingId, StoreError> {
        self.execute(
            "INSERT INTO meetings (convention_id, session_id, kind, title, date, start_time, end_time, venue, format, \
                services, facilitators) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                m.convention.map(|c| c.0),
                m.session.map(|s| s.0),
                m.kind.code(),
                m.title,
                iso(m.date),
                hm(m.start),
                hm(m.end),
                m.venue,
                m.format.code(),
                m.services,
                m.facilitators
            ],
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

    pub(crate) fn insert_agenda_item(
        &self,
        meeting: MeetingId,
        item: &AgendaItem,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO agenda_items (meeting_id, position, title, duration_minutes, speaker, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![meeting.0, item.position, item.title, item.duration_minutes, item.speaker, item.notes],
        )?;
        self.journal(
            "create",
            "agenda_item",
            Some(self.last_insert_rowid()),
            &format!("Point « {} » ajouté à l'ordre du jour", item.title),
        )
    }

    pub(crate) fn set_attendance(
        &self,
        meeting: MeetingId,
        contact: ContactId,
        status: AttendanceStatus,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO attendance (meeting_id, contact_id, status) VALUES (?1, ?2, ?3) \
             ON CONFLICT(meeting_id, contact_id) DO UPDATE SET status = excluded.status",
            params![meeting.0, contact.0, status.code()],
        )?;
        self.journal(
            "attendance",
            "meeting",
            Some(meeting.0),
            &format!("Contact n° {contact} : {}", status.label()),
        )
    }

    pub(crate) fn insert_minutes(
        &self,
        meeting: MeetingId,
        status: MinutesStatus,
        body: &str,
        validated_on: Option<chrono::NaiveDate>,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO minutes (meeting_id, status, validated_on) VALUES (?1, ?2, ?3)",
            params![meeting.0, status.code(), opt_iso(validated_on)],
        )?;
        let minutes = self.last_insert_rowid();
        self.execute(
            "INSERT INTO minutes_versions (minutes_id, version, body, created_at) VALUES (?1, 1, ?2, ?3)",
            params![minutes, body, now_stamp()],
        )?;
        self.journal(
            "create",
            "minutes",
            Some(meeting.0),
            &format!("Compte rendu rédigé ({})", status.label()),
        )
    }

    pub(crate) fn insert_decision(&self, d: &Decision) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO decisions (meeting_id, number, text, vote_result) VALUES (?1, ?2, ?3, ?4)",
            params![d.meeting.0, d.number, d.text, d.vote_result],
        )?;
        self.journal(
            "decision",
            "meeting",
            Some(d.meeting.0),
            &format!("Décision n° {} enregistrée", d.number),
        )
    }

    pub(crate) fn insert_action(
        &self,
        a: &Action,
        convention: Option<ConventionId>,
    ) -> Result<ActionId, StoreError> {
        self.execute(
            "INSERT INTO actions (meeting_id, convention_id, title, owner, due_date, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![a.meeting.map(|m| m.0), convention.map(|c| c.0), a.title, a.owner, opt_iso(a.due), a.status.code()],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "action",
            Some(id),
            &format!("Action « {} » confiée à {}", a.title, a.owner),
        )?;
        Ok(ActionId(id))
    }
}
