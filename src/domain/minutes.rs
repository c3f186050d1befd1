//! The workflow of a compte rendu: brouillon → relu → validé → verrouillé. Only a draft
//! or a reviewed text can be edited; a locked one never changes, and a correction makes
//! a new version (with its reason) that starts again as a draft.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::DomainError;
use super::codes::MinutesStatus;

/// Whether the text, the notes and the decisions may still change.
pub fn check_editable(status: MinutesStatus) -> Result<(), DomainError> {
    match status {
        MinutesStatus::Draft | MinutesStatus::Reviewed => Ok(()),
        MinutesStatus::Locked => Err(DomainError::MinutesLocked),
        MinutesStatus::Validated => Err(DomainError::MinutesNotEditable(status.label())),
    }
}

/// The statuses a compte rendu may move to: one step forward, or back to draft
/// before it is locked.
pub fn next_statuses(status: MinutesStatus) -> &'static [MinutesStatus] {
    use MinutesStatus::*;
    match status {
        Draft => &[Reviewed],
        Reviewed => &[Validated, Draft],
        Validated => &[Locked, Draft],
        Locked => &[],
    }
}

/// Checks a move of the workflow.
pub fn check_transition(from: MinutesStatus, to: MinutesStatus) -> Result<(), DomainError> {
    if next_statuses(from).contains(&to) {
        Ok(())
    } else {
        Err(DomainError::StatusTransition {
            from: from.label(),
            to: to.label(),
        })
    }
}

/// The label of the button that moves a compte rendu to `to`.
pub fn action_label(to: MinutesStatus) -> &'static str {
    match to {
        MinutesStatus::Draft => "Repasser en brouillon",
        MinutesStatus::Reviewed => "Marquer comme relu",
        MinutesStatus::Validated => "Valider",
        MinutesStatus::Locked => "Verrouiller",
    }
}

/// What a version froze: the notes of each agenda item and the decisions, as they were
/// when the version was locked.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Snapshot {
    /// (number and title of the item, notes).
    pub items: Vec<(String, String)>,
    /// (number, text, vote result).
    pub decisions: Vec<(u32, String, String)>,
}

/// One version of a compte rendu.
#[derive(Debug, Clone, PartialEq)]
pub struct MinutesVersion {
    pub version: u32,
    pub body: String,
    /// Why this version was made (empty for the first).
    pub reason: String,
    pub created_at: NaiveDateTime,
    /// Filled when the version was locked or superseded.
    pub snapshot: Option<Snapshot>,
    pub validated_on: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use MinutesStatus::*;

    #[test]
    fn workflow_moves_one_step_and_locks_for_good() {
        assert!(check_transition(Draft, Reviewed).is_ok());
        assert!(check_transition(Reviewed, Validated).is_ok());
        assert!(check_transition(Validated, Locked).is_ok());
        assert!(check_transition(Validated, Draft).is_ok());
        assert!(check_transition(Draft, Locked).is_err());
        assert!(check_transition(Locked, Draft).is_err());
        assert!(next_statuses(Locked).is_empty());
    }

    #[test]
    fn only_drafts_and_reviewed_texts_are_editable() {
        assert!(check_editable(Draft).is_ok());
        assert!(check_editable(Reviewed).is_ok());
        assert_eq!(check_editable(Locked), Err(DomainError::MinutesLocked));
        assert!(matches!(
            check_editable(Validated),
            Err(DomainError::MinutesNotEditable(_))
        ));
    }
}
