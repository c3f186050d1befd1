//! A citizens' convention: its frame (mandate, dates, size), calendar (phases and
//! sessions) and governance, with the rules on status changes and dates.

use chrono::{NaiveDate, NaiveTime};

use super::DomainError;
use super::codes::{ContactKind, ConventionRole, ConventionStatus, ParticipationKind};
use super::ids::{ContactId, ConventionId, PhaseId, SessionId};

/// A convention as kept in the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Convention {
    pub id: ConventionId,
    pub title: String,
    pub theme: String,
    pub status: ConventionStatus,
    pub participation: ParticipationKind,
    /// Who asks (the saisine).
    pub mandate_from: String,
    /// The question asked.
    pub question: String,
    /// What the city commits to do with the answers.
    pub commitment: String,
    pub elected_official: String,
    pub target_panel_size: u32,
    pub budget_envelope_cents: i64,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// The paragraph the chargé·e de mission writes for the synthesis note.
    pub synthesis_text: String,
    pub archived: bool,
}

impl Convention {
    /// A new convention in preparation with the given title.
    pub fn draft(title: impl Into<String>) -> Self {
        Convention {
            id: ConventionId(0),
            title: title.into(),
            theme: String::new(),
            status: ConventionStatus::Preparation,
            participation: ParticipationKind::Concertation,
            mandate_from: String::new(),
            question: String::new(),
            commitment: String::new(),
            elected_official: String::new(),
            target_panel_size: 0,
            budget_envelope_cents: 0,
            start_date: None,
            end_date: None,
            synthesis_text: String::new(),
            archived: false,
        }
    }

    /// Checks the fields a convention cannot do without.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Titre"));
        }
        check_range(self.start_date, self.end_date)
    }
}

/// Refuses an end date before the start date.
pub fn check_range(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<(), DomainError> {
    match (start, end) {
        (Some(start), Some(end)) if end < start => Err(DomainError::EndBeforeStart { start, end }),
        _ => Ok(()),
    }
}

impl ConventionStatus {
    /// A convention moves one step forward, or one step back to correct a mistake.
    pub fn can_move_to(self, to: ConventionStatus) -> bool {
        let (from, to) = (self as i32, to as i32);
        to == from + 1 || to == from - 1
    }

    /// Checks a status change.
    pub fn transition(self, to: ConventionStatus) -> Result<ConventionStatus, DomainError> {
        if self.can_move_to(to) {
            Ok(to)
        } else {
            Err(DomainError::StatusTransition {
                from: self.label(),
                to: to.label(),
            })
        }
    }
}

/// A phase of the calendar (appropriation, délibération, restitution…).
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub id: PhaseId,
    pub convention: ConventionId,
    pub position: u32,
    pub name: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

/// A session (séance) of a convention.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: SessionId,
    pub convention: ConventionId,
    pub phase: Option<PhaseId>,
    pub title: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub venue: String,
    pub programme: String,
    /// Séance plénière, atelier…
    pub kind: super::codes::MeetingKind,
}

impl Session {
    /// A title, and an end after the start.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Intitulé de la séance"));
        }
        if self.end <= self.start {
            return Err(DomainError::EndNotAfterStart {
                start: super::text::time(self.start),
                end: super::text::time(self.end),
            });
        }
        Ok(())
    }
}

impl Phase {
    /// A name, and dates in order.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.name.trim().is_empty() {
            return Err(DomainError::Required("Nom de la phase"));
        }
        check_range(self.start_date, self.end_date)
    }
}

/// Someone holding a role in a convention (COPIL, garant, animation, expert, panel).
#[derive(Debug, Clone, PartialEq)]
pub struct RoleHolder {
    /// The designation's own id.
    pub id: i64,
    pub contact: ContactId,
    pub name: String,
    pub kind: ContactKind,
    pub organisation: String,
    pub role: ConventionRole,
    pub since: Option<NaiveDate>,
    pub mode: String,
    pub until: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_moves_one_step() {
        use ConventionStatus::*;
        assert!(Preparation.can_move_to(Recruitment));
        assert!(Recruitment.can_move_to(Preparation));
        assert!(!Preparation.can_move_to(Deliberation));
        assert!(Closed.transition(Preparation).is_err());
        assert_eq!(FollowUp.transition(Closed), Ok(Closed));
    }

    #[test]
    fn dates_in_order() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day);
        assert!(check_range(d(10, 1), d(9, 1)).is_err());
        assert!(check_range(d(9, 1), d(9, 1)).is_ok());
        let mut c = Convention::draft("  ");
        assert_eq!(c.validate(), Err(DomainError::Required("Titre")));
        c.title = "Climat".into();
        assert!(c.validate().is_ok());
    }
}
