//! A convention's registers: tasks and milestones, risks, budget lines — added,
//! changed, removed — and the compensation line computed from attendance.

use rusqlite::{OptionalExtension, params};

use super::row::opt_iso;
use super::{Store, StoreError};
use crate::domain::codes::BudgetCategory;
use crate::domain::ids::{BudgetLineId, ConventionId, RiskId, TaskId};
use crate::domain::planning::{BudgetLine, Risk, Task, compensation_cents};

/// The label the computed compensation line carries (its key, too).
const COMPENSATION_LABEL: &str = "Indemnités des membres du panel";

impl Store {
    /// Adds a task or milestone.
    pub fn add_task(&mut self, t: &Task) -> Result<TaskId, StoreError> {
        t.validate()?;
        self.write(|tx| tx.insert_task(t))
    }

    /// Changes a task (title, owner, due date, status, priority, milestone, session).
    pub fn update_task(&mut self, t: &Task) -> Result<(), StoreError> {
        t.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE tasks SET title = ?2, owner = ?3, due_date = ?4, status = ?5, priority = ?6, \
                    milestone = ?7, session_id = ?8 WHERE id = ?1",
                params![
                    t.id.0,
                    t.title.trim(),
                    t.owner.trim(),
                    opt_iso(t.due),
                    t.status.code(),
                    t.priority.code(),
                    t.milestone,
                    t.session.map(|s| s.0)
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("tâche", t.id.0));
            }
            tx.journal(
                "update",
                "task",
                Some(t.id.0),
                &format!("Tâche « {} » : {}", t.title.trim(), t.status.label()),
            )
        })
    }

    /// Removes a task.
    pub fn remove_task(&mut self, id: TaskId) -> Result<(), StoreError> {
        self.remove("tasks", "task", "tâche", id.0)
    }

    /// Adds a risk to the register.
    pub fn add_risk(&mut self, r: &Risk) -> Result<RiskId, StoreError> {
        r.validate()?;
        self.write(|tx| tx.insert_risk(r))
    }

    /// Changes a risk.
    pub fn update_risk(&mut self, r: &Risk) -> Result<(), StoreError> {
        r.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE risks SET title = ?2, probability = ?3, impact = ?4, mitigation = ?5, owner = ?6, \
                    review_date = ?7, status = ?8 WHERE id = ?1",
                params![
                    r.id.0,
                    r.title.trim(),
                    r.probability,
                    r.impact,
                    r.mitigation.trim(),
                    r.owner.trim(),
                    opt_iso(r.review),
                    r.status.code()
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("risque", r.id.0));
            }
            tx.journal(
                "update",
                "risk",
                Some(r.id.0),
                &format!(
                    "Risque « {} » : P {} × I {}, {}",
                    r.title.trim(),
                    r.probability,
                    r.impact,
                    r.status.label()
                ),
            )
        })
    }

    /// Removes a risk.
    pub fn remove_risk(&mut self, id: RiskId) -> Result<(), StoreError> {
        self.remove("risks", "risk", "risque", id.0)
    }

    /// Adds a budget line.
    pub fn add_budget_line(&mut self, b: &BudgetLine) -> Result<BudgetLineId, StoreError> {
        b.validate()?;
        self.write(|tx| tx.insert_budget_line(b))
    }

    /// Changes a budget line.
    pub fn update_budget_line(&mut self, b: &BudgetLine) -> Result<(), StoreError> {
        b.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE budget_lines SET category = ?2, label = ?3, planned_cents = ?4, committed_cents = ?5, \
                    spent_cents = ?6 WHERE id = ?1",
                params![
                    b.id.0,
                    b.category.code(),
                    b.label.trim(),
                    b.planned_cents,
                    b.committed_cents,
                    b.spent_cents
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("ligne budgétaire", b.id.0));
            }
            tx.journal(
                "update",
                "budget_line",
                Some(b.id.0),
                &format!("Ligne budgétaire « {} » modifiée", b.label.trim()),
            )
        })
    }

    /// Removes a budget line.
    pub fn remove_budget_line(&mut self, id: BudgetLineId) -> Result<(), StoreError> {
        self.remove("budget_lines", "budget_line", "ligne budgétaire", id.0)
    }

    /// Sets the planned amount of the compensation line to the days of presence of
    /// panel members at sessions times the daily amount (creating the line if needed).
    /// Returns the days counted.
    pub fn compute_compensation(
        &mut self,
        convention: ConventionId,
        daily_cents: i64,
    ) -> Result<u32, StoreError> {
        if daily_cents <= 0 {
            return Err(crate::domain::DomainError::Required("Montant journalier").into());
        }
        let days = self.compensation_days(convention)?;
        let planned = compensation_cents(days, daily_cents);
        let existing: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM budget_lines WHERE convention_id = ?1 AND category = 'compensation' \
                 AND label LIKE ?2 || '%' ORDER BY id LIMIT 1",
                params![convention.0, COMPENSATION_LABEL],
                |r| r.get(0),
            )
            .optional()?;
        let label = format!(
            "{COMPENSATION_LABEL} ({days} journées × {})",
            crate::domain::text::euros(daily_cents)
        );
        self.write(|tx| {
            match existing {
                Some(id) => {
                    tx.execute(
                        "UPDATE budget_lines SET label = ?2, planned_cents = ?3 WHERE id = ?1",
                        params![id, label, planned],
                    )?;
                }
                None => {
                    tx.insert_budget_line(&BudgetLine {
                        id: BudgetLineId(0),
                        convention,
                        category: BudgetCategory::Compensation,
                        label: label.clone(),
                        planned_cents: planned,
                        committed_cents: 0,
                        spent_cents: 0,
                    })?;
                }
            }
            tx.journal(
                "budget",
                "convention",
                Some(convention.0),
                &format!("Indemnités calculées : {label}"),
            )
        })?;
        Ok(days)
    }

    /// Deletes one row of a convention's register, journaled with its title.
    fn remove(
        &mut self,
        table: &str,
        entity: &str,
        what: &'static str,
        id: i64,
    ) -> Result<(), StoreError> {
        let column = if table == "budget_lines" {
            "label"
        } else {
            "title"
        };
        let title: String = self
            .conn
            .query_row(
                &format!("SELECT {column} FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound(what, id))?;
        self.write(|tx| {
            tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
            tx.journal(
                "delete",
                entity,
                Some(id),
                &format!("« {title} » retiré(e)"),
            )
        })
    }
}
