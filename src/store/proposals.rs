//! A convention's proposals and the city's follow-up: proposals added and changed,
//! dated answers that move their status, and the follow-up CSV applied in one
//! transaction after a backup — or not at all.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::domain::DomainError;
use crate::domain::ids::{ConventionId, ProposalId};
use crate::domain::proposal::{Answer, Proposal};
use crate::import::followup::Followup;

impl Store {
    /// Records a proposal; number 0 takes the next free number.
    pub fn add_proposal(&mut self, p: &Proposal) -> Result<ProposalId, StoreError> {
        p.validate()?;
        self.write(|tx| {
            let number = if p.number == 0 {
                tx.query_row(
                    "SELECT coalesce(max(number), 0) + 1 FROM proposals WHERE convention_id = ?1",
                    [p.convention.0],
                    |r| r.get(0),
                )?
            } else {
                p.number
            };
            tx.insert_proposal(&Proposal {
                number,
                ..p.clone()
            })
        })
    }

    /// Changes a proposal's text and follow-up fields (its status moves with answers).
    pub fn update_proposal(&mut self, p: &Proposal) -> Result<(), StoreError> {
        p.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE proposals SET title = ?2, text = ?3, theme = ?4, vote_result = ?5, directorate = ?6, \
                    progress = ?7, members_grade = ?8 WHERE id = ?1",
                params![
                    p.id.0,
                    p.title.trim(),
                    p.text.trim(),
                    p.theme.trim(),
                    p.vote_result.trim(),
                    p.directorate.trim(),
                    p.progress,
                    p.members_grade
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("proposition", p.id.0));
            }
            tx.journal(
                "update",
                "proposal",
                Some(p.id.0),
                &format!("Proposition n° {} modifiée", p.number),
            )
        })
    }

    /// Records a dated answer of the city; the proposal takes its status.
    pub fn add_answer(&mut self, a: &Answer) -> Result<(), StoreError> {
        if a.text.trim().is_empty() {
            return Err(DomainError::Required("Texte de la réponse").into());
        }
        self.write(|tx| {
            tx.insert_answer(a)?;
            tx.execute(
                "UPDATE proposals SET status = ?2 WHERE id = ?1",
                params![a.proposal.0, a.status.code()],
            )?;
            Ok(())
        })
    }

    /// Checks a follow-up file against the convention: every number must be one of its
    /// proposals. Adds those errors to the file's own.
    pub fn check_followup(
        &self,
        convention: ConventionId,
        f: &mut Followup,
    ) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT 1 FROM proposals WHERE convention_id = ?1 AND number = ?2")?;
        let mut unknown = Vec::new();
        for l in &f.lines {
            let found: Option<i64> = stmt
                .query_row(params![convention.0, l.number], |r| r.get(0))
                .optional()?;
            if found.is_none() {
                unknown.push(format!(
                    "Ligne {} : la convention n'a pas de proposition n° {}.",
                    l.line, l.number
                ));
            }
        }
        f.errors.extend(unknown);
        Ok(())
    }

    /// Applies a clean follow-up file in one transaction after a backup: status and
    /// progress of each proposal, and the answer (dated `today`) when the line has one.
    /// Refused whole when any line is wrong. Returns the lines applied.
    pub fn apply_followup(
        &mut self,
        convention: ConventionId,
        f: &Followup,
        today: NaiveDate,
    ) -> Result<usize, StoreError> {
        let mut checked = f.clone();
        self.check_followup(convention, &mut checked)?;
        if !checked.is_clean() {
            return Err(StoreError::Refused(format!(
                "le fichier n'est pas appliqué, rien n'a changé : {}",
                checked.errors.join(" ")
            )));
        }
        self.backup_now("avant-import-suivi")?;
        self.write(|tx| {
            for l in &checked.lines {
                let id: i64 = tx.query_row(
                    "SELECT id FROM proposals WHERE convention_id = ?1 AND number = ?2",
                    params![convention.0, l.number],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "UPDATE proposals SET status = ?2, progress = ?3 WHERE id = ?1",
                    params![id, l.status.code(), l.progress],
                )?;
                if !l.answer.trim().is_empty() {
                    tx.insert_answer(&Answer {
                        proposal: ProposalId(id),
                        date: today,
                        status: l.status,
                        text: l.answer.trim().to_string(),
                    })?;
                }
            }
            tx.journal(
                "import",
                "convention",
                Some(convention.0),
                &format!(
                    "Suivi des propositions importé : {} ligne(s) appliquée(s)",
                    checked.lines.len()
                ),
            )
        })?;
        Ok(checked.lines.len())
    }
}
