//! A convention's timeline, gathered from the tables that date each event: sessions,
//! meetings, decisions, draws, exports and answers to proposals.

use rusqlite::params;

use super::row::{date, opt_date};
use super::{Store, StoreError};
use crate::domain::codes::{DrawAlgorithm, ProposalStatus, TimelineKind};
use crate::domain::ids::{ConventionId, MeetingId};
use crate::domain::timeline::{TimelineEntry, TimelineFilter, arrange};

impl Store {
    /// The events of a convention, oldest first, as the filter keeps them.
    pub fn timeline(
        &self,
        convention: ConventionId,
        filter: &TimelineFilter,
    ) -> Result<Vec<TimelineEntry>, StoreError> {
        let c = &self.conn;
        let mut entries = Vec::new();
        let id = convention.0;
        // Sessions that no meeting records (a meeting holding a session stands for it).
        let mut stmt = c.prepare(
            "SELECT s.date, s.start_time, s.title, s.venue FROM sessions s WHERE s.convention_id = ?1 \
             AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.session_id = s.id)",
        )?;
        for e in stmt.query_map([id], |r| {
            Ok(TimelineEntry {
                date: date(r, 0)?,
                time: Some(super::row::time(r, 1)?),
                kind: TimelineKind::Session,
                title: r.get(2)?,
                detail: r.get(3)?,
                meeting: None,
            })
        })? {
            entries.push(e?);
        }
        let mut stmt = c.prepare(
            "SELECT m.id, m.date, m.start_time, m.title, m.kind, m.venue, \
                (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present'), \
                (SELECT status FROM minutes n WHERE n.meeting_id = m.id) \
             FROM meetings m WHERE m.convention_id = ?1",
        )?;
        for e in stmt.query_map([id], |r| {
            let kind: crate::domain::codes::MeetingKind = super::row::code(r, 4)?;
            let present: u32 = r.get(6)?;
            let minutes: Option<String> = r.get(7)?;
            let minutes = minutes
                .and_then(|s| crate::domain::codes::MinutesStatus::from_code(&s))
                .map(|s| format!(" · compte rendu {}", s.label().to_lowercase()))
                .unwrap_or_default();
            let venue: String = r.get(5)?;
            Ok(TimelineEntry {
                date: date(r, 1)?,
                time: Some(super::row::time(r, 2)?),
                kind: TimelineKind::Meeting,
                title: r.get(3)?,
                detail: format!("{} · {venue} · {present} présent(s){minutes}", kind.label()),
                meeting: Some(MeetingId(r.get(0)?)),
            })
        })? {
            entries.push(e?);
        }
        let mut stmt = c.prepare(
            "SELECT m.id, m.date, d.number, d.text, d.vote_result, m.title FROM decisions d \
             JOIN meetings m ON m.id = d.meeting_id WHERE m.convention_id = ?1",
        )?;
        for e in stmt.query_map([id], |r| {
            let (number, vote, meeting): (u32, String, String) = (r.get(2)?, r.get(4)?, r.get(5)?);
            Ok(TimelineEntry {
                date: date(r, 1)?,
                time: None,
                kind: TimelineKind::Decision,
                title: format!("Décision n° {number} : {}", r.get::<_, String>(3)?),
                detail: if vote.is_empty() {
                    meeting
                } else {
                    format!("{meeting} · {vote}")
                },
                meeting: Some(MeetingId(r.get(0)?)),
            })
        })? {
            entries.push(e?);
        }
        let mut stmt = c.prepare(
            "SELECT substr(d.drawn_on, 1, 10), d.algorithm, d.panel_size, d.witnesses FROM draws d WHERE d.convention_id = ?1",
        )?;
        for e in stmt.query_map([id], |r| {
            let algorithm: DrawAlgorithm = super::row::code(r, 1)?;
            let (size, witnesses): (u32, String) = (r.get(2)?, r.get(3)?);
            Ok(TimelineEntry {
                date: date(r, 0)?,
                time: None,
                kind: TimelineKind::Draw,
                title: format!("Tirage au sort d'un panel de {size} membres"),
                detail: if witnesses.is_empty() {
                    algorithm.label().to_string()
                } else {
                    format!("{} · témoins : {witnesses}", algorithm.label())
                },
                meeting: None,
            })
        })? {
            entries.push(e?);
        }
        let mut stmt = c.prepare(
            "SELECT substr(e.at, 1, 10), e.document, e.path, CASE WHEN e.entity = 'meeting' THEN e.entity_id END \
             FROM export_log e WHERE (e.entity = 'convention' AND e.entity_id = ?1) \
                OR (e.entity = 'meeting' AND e.entity_id IN (SELECT id FROM meetings WHERE convention_id = ?1))",
        )?;
        for e in stmt.query_map([id], |r| {
            Ok(TimelineEntry {
                date: date(r, 0)?,
                time: None,
                kind: TimelineKind::Export,
                title: r.get(1)?,
                detail: r.get(2)?,
                meeting: r.get::<_, Option<i64>>(3)?.map(MeetingId),
            })
        })? {
            entries.push(e?);
        }
        let mut stmt = c.prepare(
            "SELECT a.date, p.number, p.title, a.status, a.text FROM proposal_answers a \
             JOIN proposals p ON p.id = a.proposal_id WHERE p.convention_id = ?1",
        )?;
        for e in stmt.query_map(params![id], |r| {
            let status: ProposalStatus = super::row::code(r, 3)?;
            let (number, title): (u32, String) = (r.get(1)?, r.get(2)?);
            Ok(TimelineEntry {
                date: opt_date(r, 0)?.unwrap_or_default(),
                time: None,
                kind: TimelineKind::Answer,
                title: format!("Proposition n° {number} « {title} » : {}", status.label()),
                detail: r.get(4)?,
                meeting: None,
            })
        })? {
            entries.push(e?);
        }
        Ok(arrange(entries, filter))
    }
}
