//! Comptes rendus and decisions: the text and the notes per agenda item, the workflow
//! brouillon → relu → validé → verrouillé, versions made by corrections, decisions
//! numbered per meeting, and the proposals a meeting discussed.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::row::{code, datetime, now_stamp, opt_date, opt_iso};
use super::{Store, StoreError, Tx};
use crate::domain::DomainError;
use crate::domain::codes::MinutesStatus;
use crate::domain::ids::{AgendaItemId, DecisionId, MeetingId, ProposalId};
use crate::domain::meeting::{Decision, MeetingRecord, Minutes, numbered_agenda};
use crate::domain::minutes::{MinutesVersion, Snapshot, check_editable, check_transition};

/// A proposal linked to a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedProposal {
    pub id: ProposalId,
    pub number: u32,
    pub title: String,
}

fn linked(r: &rusqlite::Row<'_>) -> rusqlite::Result<LinkedProposal> {
    Ok(LinkedProposal {
        id: ProposalId(r.get(0)?),
        number: r.get(1)?,
        title: r.get(2)?,
    })
}

impl Store {
    /// Everything recorded about a meeting.
    pub fn meeting_record(&self, id: MeetingId) -> Result<MeetingRecord, StoreError> {
        let meeting = self.meeting(id)?;
        let convention_title = match meeting.convention {
            Some(c) => Some(self.convention(c)?.title),
            None => None,
        };
        let minutes = self.minutes(id)?;
        let version_reason = self
            .minutes_versions(id)?
            .pop()
            .map(|v| v.reason)
            .unwrap_or_default();
        Ok(MeetingRecord {
            convention_title,
            agenda: self.agenda(id)?,
            attendance: self.attendance(id)?,
            minutes,
            version_reason,
            decisions: self.decisions(id)?,
            actions: self.actions(id)?,
            proposals: self
                .meeting_proposals(id)?
                .into_iter()
                .map(|p| (p.number, p.title))
                .collect(),
            meeting,
        })
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

    /// Every version of a meeting's compte rendu, oldest first.
    pub fn minutes_versions(&self, id: MeetingId) -> Result<Vec<MinutesVersion>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT v.version, v.body, v.reason, v.created_at, v.snapshot, v.validated_on \
             FROM minutes_versions v JOIN minutes m ON m.id = v.minutes_id \
             WHERE m.meeting_id = ?1 ORDER BY v.version",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            let snapshot: Option<String> = r.get(4)?;
            Ok(MinutesVersion {
                version: r.get(0)?,
                body: r.get(1)?,
                reason: r.get(2)?,
                created_at: datetime(r, 3)?,
                snapshot: snapshot.and_then(|s| serde_json::from_str(&s).ok()),
                validated_on: opt_date(r, 5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Saves the text and the notes per agenda item; starts a draft when there is no
    /// compte rendu yet. Refused once validated or locked.
    pub fn save_minutes(
        &mut self,
        meeting: MeetingId,
        body: &str,
        notes: &[(AgendaItemId, String)],
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.ensure_editable(meeting)?;
            let current = tx.current_version(meeting)?;
            match current {
                Some(version_id) => {
                    tx.execute(
                        "UPDATE minutes_versions SET body = ?2 WHERE id = ?1",
                        params![version_id, body],
                    )?;
                }
                None => tx.insert_minutes(meeting, MinutesStatus::Draft, body, None)?,
            }
            let mut stmt =
                tx.prepare("UPDATE agenda_items SET notes = ?3 WHERE id = ?1 AND meeting_id = ?2")?;
            for (item, text) in notes {
                stmt.execute(params![item.0, meeting.0, text])?;
            }
            tx.journal("update", "minutes", Some(meeting.0), "Compte rendu modifié")
        })
    }

    /// Moves the compte rendu along its workflow; validating dates it, locking freezes
    /// the notes and decisions into the version.
    pub fn set_minutes_status(
        &mut self,
        meeting: MeetingId,
        to: MinutesStatus,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let Some(current) = self.minutes(meeting)? else {
            return Err(StoreError::Refused(
                "cette réunion n'a pas encore de compte rendu".into(),
            ));
        };
        check_transition(current.status, to)?;
        let snapshot = if to == MinutesStatus::Locked {
            Some(
                serde_json::to_string(&self.snapshot(meeting)?)
                    .map_err(|e| StoreError::BadValue(e.to_string()))?,
            )
        } else {
            None
        };
        self.write(|tx| {
            let validated = match to {
                MinutesStatus::Validated => Some(today),
                MinutesStatus::Locked => current.validated_on,
                _ => None,
            };
            tx.execute(
                "UPDATE minutes SET status = ?2, validated_on = ?3 WHERE meeting_id = ?1",
                params![meeting.0, to.code(), opt_iso(validated)],
            )?;
            if let Some(s) = &snapshot {
                let version = tx.current_version(meeting)?.unwrap_or_default();
                tx.execute(
                    "UPDATE minutes_versions SET snapshot = ?2, validated_on = ?3 WHERE id = ?1",
                    params![version, s, opt_iso(validated)],
                )?;
            }
            tx.journal(
                "minutes",
                "meeting",
                Some(meeting.0),
                &format!(
                    "Compte rendu (version {}) : {}",
                    current.version,
                    to.label()
                ),
            )
        })
    }

    /// Corrects a locked compte rendu: a new version, with its reason, starts again as a
    /// draft from the locked text; the locked version stays readable as it was.
    pub fn correct_minutes(&mut self, meeting: MeetingId, reason: &str) -> Result<u32, StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(DomainError::Required("Motif de la correction").into());
        }
        let Some(current) = self.minutes(meeting)? else {
            return Err(StoreError::Refused(
                "cette réunion n'a pas encore de compte rendu".into(),
            ));
        };
        if current.status != MinutesStatus::Locked {
            return Err(DomainError::NotLocked.into());
        }
        let version = current.version + 1;
        self.write(|tx| {
            let minutes_id: i64 = tx.query_row(
                "SELECT id FROM minutes WHERE meeting_id = ?1",
                [meeting.0],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO minutes_versions (minutes_id, version, body, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![minutes_id, version, current.body, reason, now_stamp()],
            )?;
            tx.execute(
                "UPDATE minutes SET status = 'draft', validated_on = NULL WHERE id = ?1",
                [minutes_id],
            )?;
            tx.journal(
                "minutes",
                "meeting",
                Some(meeting.0),
                &format!("Compte rendu corrigé : version {version} ouverte (motif : {reason})"),
            )
        })?;
        Ok(version)
    }

    fn snapshot(&self, meeting: MeetingId) -> Result<Snapshot, StoreError> {
        let agenda = self.agenda(meeting)?;
        Ok(Snapshot {
            items: numbered_agenda(&agenda)
                .into_iter()
                .map(|(n, i)| (format!("{n}. {}", i.title), i.notes.clone()))
                .collect(),
            decisions: self
                .decisions(meeting)?
                .into_iter()
                .map(|d| (d.number, d.text, d.vote_result))
                .collect(),
        })
    }

    /// A meeting's decisions, by number.
    pub fn decisions(&self, id: MeetingId) -> Result<Vec<Decision>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, number, text, vote_result FROM decisions WHERE meeting_id = ?1 ORDER BY number",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(Decision {
                id: DecisionId(r.get(0)?),
                meeting: id,
                number: r.get(1)?,
                text: r.get(2)?,
                vote_result: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records a decision with the next number.
    pub fn add_decision(
        &mut self,
        meeting: MeetingId,
        text: &str,
        vote_result: &str,
    ) -> Result<u32, StoreError> {
        if text.trim().is_empty() {
            return Err(DomainError::Required("Texte de la décision").into());
        }
        self.write(|tx| {
            tx.ensure_editable(meeting)?;
            let number: u32 = tx.query_row(
                "SELECT coalesce(max(number), 0) + 1 FROM decisions WHERE meeting_id = ?1",
                [meeting.0],
                |r| r.get(0),
            )?;
            tx.insert_decision(&Decision {
                id: DecisionId(0),
                meeting,
                number,
                text: text.trim().to_string(),
                vote_result: vote_result.trim().to_string(),
            })?;
            Ok(number)
        })
    }

    /// Withdraws a decision recorded by mistake (before the compte rendu is validated).
    pub fn remove_decision(&mut self, id: DecisionId) -> Result<(), StoreError> {
        let (meeting, number): (i64, u32) = self
            .conn
            .query_row(
                "SELECT meeting_id, number FROM decisions WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("décision", id.0))?;
        self.write(|tx| {
            tx.ensure_editable(MeetingId(meeting))?;
            tx.execute("DELETE FROM decisions WHERE id = ?1", [id.0])?;
            tx.journal(
                "delete",
                "meeting",
                Some(meeting),
                &format!("Décision n° {number} retirée"),
            )
        })
    }

    /// Proposals a meeting discussed.
    pub fn meeting_proposals(&self, id: MeetingId) -> Result<Vec<LinkedProposal>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.number, p.title FROM meeting_proposals l JOIN proposals p ON p.id = l.proposal_id \
             WHERE l.meeting_id = ?1 ORDER BY p.number",
        )?;
        let rows = stmt.query_map([id.0], linked)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Proposals of the meeting's convention, to link.
    pub fn linkable_proposals(&self, id: MeetingId) -> Result<Vec<LinkedProposal>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.number, p.title FROM proposals p JOIN meetings m ON m.convention_id = p.convention_id \
             WHERE m.id = ?1 ORDER BY p.number",
        )?;
        let rows = stmt.query_map([id.0], linked)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Links (or unlinks) a proposal to a meeting.
    pub fn link_proposal(
        &mut self,
        meeting: MeetingId,
        proposal: ProposalId,
        linked: bool,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.ensure_editable(meeting)?;
            if linked {
                tx.execute(
                    "INSERT OR IGNORE INTO meeting_proposals (meeting_id, proposal_id) VALUES (?1, ?2)",
                    params![meeting.0, proposal.0],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM meeting_proposals WHERE meeting_id = ?1 AND proposal_id = ?2",
                    params![meeting.0, proposal.0],
                )?;
            }
            tx.journal(
                "link",
                "meeting",
                Some(meeting.0),
                &format!(
                    "Proposition n° {proposal} {}",
                    if linked { "rattachée" } else { "détachée" }
                ),
            )
        })
    }
}

impl Tx<'_> {
    /// Refuses any change to a meeting whose compte rendu is validated or locked.
    pub(crate) fn ensure_editable(&self, meeting: MeetingId) -> Result<(), StoreError> {
        let status: Option<MinutesStatus> = self
            .query_row(
                "SELECT status FROM minutes WHERE meeting_id = ?1",
                [meeting.0],
                |r| code(r, 0),
            )
            .optional()?;
        match status {
            None => Ok(()),
            Some(s) => Ok(check_editable(s)?),
        }
    }

    fn current_version(&self, meeting: MeetingId) -> Result<Option<i64>, StoreError> {
        Ok(self
            .query_row(
                "SELECT v.id FROM minutes_versions v JOIN minutes m ON m.id = v.minutes_id \
                 WHERE m.meeting_id = ?1 ORDER BY v.version DESC LIMIT 1",
                [meeting.0],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub(crate) fn insert_minutes(
        &self,
        meeting: MeetingId,
        status: MinutesStatus,
        body: &str,
        validated_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO minutes (meeting_id, status, validated_on) VALUES (?1, ?2, ?3)",
            params![meeting.0, status.code(), opt_iso(validated_on)],
        )?;
        let minutes = self.last_insert_rowid();
        self.execute(
            "INSERT INTO minutes_versions (minutes_id, version, body, created_at, validated_on) VALUES (?1, 1, ?2, ?3, ?4)",
            params![minutes, body, now_stamp(), opt_iso(validated_on)],
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
}
