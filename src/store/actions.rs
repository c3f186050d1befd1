//! Actions decided in meetings: per meeting, and across every meeting by owner and state.

use chrono::NaiveDate;
use rusqlite::{Row, params};

use super::row::{code, iso, opt_date, opt_iso};
use super::{Store, StoreError, Tx};
use crate::domain::DomainError;
use crate::domain::codes::ActionStatus;
use crate::domain::ids::{ActionId, ConventionId, MeetingId};
use crate::domain::meeting::Action;

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

/// Which actions to list across meetings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ActionView {
    /// Still to do.
    #[default]
    Open,
    /// To do and past their due date.
    Overdue,
    /// Done or cancelled.
    Closed,
    All,
}

impl ActionView {
    /// Every view, in display order.
    pub const ALL: [ActionView; 4] = [
        ActionView::Open,
        ActionView::Overdue,
        ActionView::Closed,
        ActionView::All,
    ];

    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            ActionView::Open => "À faire",
            ActionView::Overdue => "En retard",
            ActionView::Closed => "Faites ou annulées",
            ActionView::All => "Toutes",
        }
    }
}

/// An action with the meeting it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionRow {
    pub action: Action,
    pub meeting_title: String,
    pub meeting_date: Option<NaiveDate>,
}

impl Store {
    /// A meeting's actions.
    pub fn actions(&self, id: MeetingId) -> Result<Vec<Action>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ACTION_COLS} FROM actions WHERE meeting_id = ?1 ORDER BY due_date, id"
        ))?;
        let rows = stmt.query_map([id.0], action)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Actions across meetings, by due date; `owner` empty means everyone.
    pub fn all_actions(
        &self,
        view: ActionView,
        owner: &str,
        today: NaiveDate,
    ) -> Result<Vec<ActionRow>, StoreError> {
        let state = match view {
            ActionView::Open => "a.status = 'open'",
            ActionView::Overdue => "a.status = 'open' AND a.due_date < ?2",
            ActionView::Closed => "a.status <> 'open'",
            ActionView::All => "1",
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.id, a.meeting_id, a.title, a.owner, a.due_date, a.status, m.title, m.date \
             FROM actions a LEFT JOIN meetings m ON m.id = a.meeting_id \
             WHERE {state} AND (?1 = '' OR a.owner = ?1) AND ?2 = ?2 \
             ORDER BY a.due_date IS NULL, a.due_date, a.id"
        ))?;
        let rows = stmt.query_map(params![owner, iso(today)], |r| {
            Ok(ActionRow {
                action: action(r)?,
                meeting_title: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                meeting_date: opt_date(r, 7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Everyone who owns an action.
    pub fn action_owners(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT owner FROM actions WHERE owner <> '' ORDER BY owner COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records an action decided in a meeting (allowed at any stage: actions are
    /// followed up after the compte rendu is locked).
    pub fn add_action(
        &mut self,
        meeting: MeetingId,
        title: &str,
        owner: &str,
        due: Option<NaiveDate>,
    ) -> Result<ActionId, StoreError> {
        if title.trim().is_empty() {
            return Err(DomainError::Required("Intitulé de l'action").into());
        }
        let convention = self.meeting(meeting)?.convention;
        self.write(|tx| {
            tx.insert_action(
                &Action {
                    id: ActionId(0),
                    meeting: Some(meeting),
                    title: title.trim().to_string(),
                    owner: owner.trim().to_string(),
                    due,
                    status: ActionStatus::Open,
                },
                convention,
            )
        })
    }

    /// Marks an action done, cancelled or open again.
    pub fn set_action_status(
        &mut self,
        id: ActionId,
        status: ActionStatus,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE actions SET status = ?2 WHERE id = ?1",
                params![id.0, status.code()],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("action", id.0));
            }
            tx.journal(
                "update",
                "action",
                Some(id.0),
                &format!("Action n° {id} : {}", status.label()),
            )
        })
    }
}

impl Tx<'_> {
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
