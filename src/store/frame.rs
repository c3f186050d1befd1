//! A convention's frame: creating one (with the default phases), changing it, moving
//! its status, archiving it, and duplicating an earlier one as a template — its
//! structure (frame, phases, tasks, risks, budget lines) without people or dates.

use rusqlite::params;

use super::row::opt_iso;
use super::{Store, StoreError};
use crate::domain::codes::ConventionStatus;
use crate::domain::convention::Convention;
use crate::domain::ids::ConventionId;

/// The phases every new convention starts with; they can be renamed and changed.
pub const DEFAULT_PHASES: [&str; 3] = [
    "Appropriation",
    "Délibération",
    "Harmonisation et restitution",
];

impl Store {
    /// Records a new convention, in preparation, with the default phases.
    pub fn create_convention(&mut self, c: &Convention) -> Result<ConventionId, StoreError> {
        c.validate()?;
        self.write(|tx| {
            let id = tx.insert_convention(&Convention {
                status: ConventionStatus::Preparation,
                archived: false,
                ..c.clone()
            })?;
            for (i, name) in DEFAULT_PHASES.iter().enumerate() {
                tx.insert_phase(&crate::domain::convention::Phase {
                    id: Default::default(),
                    convention: id,
                    position: i as u32 + 1,
                    name: (*name).into(),
                    start_date: None,
                    end_date: None,
                })?;
            }
            Ok(id)
        })
    }

    /// Saves the frame (title, theme, mandate, élu, size, envelope, dates); the status
    /// moves only through [`Store::set_convention_status`].
    pub fn update_convention(&mut self, c: &Convention) -> Result<(), StoreError> {
        c.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE conventions SET title = ?2, theme = ?3, participation = ?4, mandate_from = ?5, \
                    question = ?6, commitment = ?7, elected_official = ?8, target_panel_size = ?9, \
                    budget_envelope_cents = ?10, start_date = ?11, end_date = ?12 WHERE id = ?1",
                params![
                    c.id.0,
                    c.title.trim(),
                    c.theme.trim(),
                    c.participation.code(),
                    c.mandate_from.trim(),
                    c.question.trim(),
                    c.commitment.trim(),
                    c.elected_official.trim(),
                    c.target_panel_size,
                    c.budget_envelope_cents,
                    opt_iso(c.start_date),
                    opt_iso(c.end_date)
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("convention", c.id.0));
            }
            tx.journal(
                "update",
                "convention",
                Some(c.id.0),
                &format!("Cadre de la convention « {} » modifié", c.title.trim()),
            )
        })
    }

    /// Moves a convention one step along its life (or one back to correct a mistake).
    pub fn set_convention_status(
        &mut self,
        id: ConventionId,
        to: ConventionStatus,
    ) -> Result<(), StoreError> {
        let current = self.convention(id)?;
        current.status.transition(to)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE conventions SET status = ?2 WHERE id = ?1",
                params![id.0, to.code()],
            )?;
            tx.journal(
                "status",
                "convention",
                Some(id.0),
                &format!(
                    "Convention « {} » : {} → {}",
                    current.title,
                    current.status.label(),
                    to.label()
                ),
            )
        })
    }

    /// Archives a convention (or brings it back): it leaves the default list, nothing
    /// is deleted.
    pub fn archive_convention(
        &mut self,
        id: ConventionId,
        archived: bool,
    ) -> Result<(), StoreError> {
        let c = self.convention(id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE conventions SET archived = ?2 WHERE id = ?1",
                params![id.0, archived],
            )?;
            tx.journal(
                "archive",
                "convention",
                Some(id.0),
                &format!(
                    "Convention « {} » {}",
                    c.title,
                    if archived {
                        "archivée"
                    } else {
                        "désarchivée"
                    }
                ),
            )
        })
    }

    /// A new convention in preparation built on an earlier one: its frame, phases,
    /// tasks, risks and budget lines, without people, meetings, proposals, dates or
    /// amounts spent.
    pub fn duplicate_convention(
        &mut self,
        id: ConventionId,
        title: &str,
    ) -> Result<ConventionId, StoreError> {
        let source = self.convention(id)?;
        let copy = Convention {
            id: ConventionId(0),
            title: title.trim().to_string(),
            status: ConventionStatus::Preparation,
            start_date: None,
            end_date: None,
            synthesis_text: String::new(),
            archived: false,
            ..source.clone()
        };
        copy.validate()?;
        self.write(|tx| {
            let new = tx.insert_convention(&copy)?;
            tx.execute(
                "INSERT INTO phases (convention_id, position, name) \
                 SELECT ?2, position, name FROM phases WHERE convention_id = ?1 ORDER BY position",
                params![id.0, new.0],
            )?;
            tx.execute(
                "INSERT INTO tasks (convention_id, title, owner, status, priority, milestone) \
                 SELECT ?2, title, owner, 'todo', priority, milestone FROM tasks WHERE convention_id = ?1",
                params![id.0, new.0],
            )?;
            tx.execute(
                "INSERT INTO risks (convention_id, title, probability, impact, mitigation, owner, status) \
                 SELECT ?2, title, probability, impact, mitigation, owner, 'open' FROM risks WHERE convention_id = ?1",
                params![id.0, new.0],
            )?;
            tx.execute(
                "INSERT INTO budget_lines (convention_id, category, label, planned_cents) \
                 SELECT ?2, category, label, planned_cents FROM budget_lines WHERE convention_id = ?1",
                params![id.0, new.0],
            )?;
            tx.journal(
                "duplicate",
                "convention",
                Some(new.0),
                &format!("Convention « {} » créée sur le modèle de « {} »", copy.title, source.title),
            )?;
            Ok(new)
        })
    }
}
