//! Proposals of a convention and the city's dated answers.

use chrono::NaiveDate;

use super::DomainError;
use super::codes::ProposalStatus;
use super::ids::{ConventionId, ProposalId};

/// A proposal and where its follow-up stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub id: ProposalId,
    pub convention: ConventionId,
    pub number: u32,
    pub title: String,
    pub text: String,
    pub theme: String,
    pub vote_result: String,
    pub status: ProposalStatus,
    pub directorate: String,
    pub progress: u8,
    pub members_grade: Option<u8>,
}

impl Proposal {
    /// A title; progress 0–100; a grade 0–10.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Titre de la proposition"));
        }
        if self.progress > 100 {
            return Err(DomainError::OutOfRange {
                field: "Avancement",
                value: self.progress.into(),
                min: 0,
                max: 100,
            });
        }
        if let Some(g) = self.members_grade.filter(|g| *g > 10) {
            return Err(DomainError::OutOfRange {
                field: "Note des membres",
                value: g.into(),
                min: 0,
                max: 10,
            });
        }
        Ok(())
    }
}

/// How many proposals per theme, most first.
pub fn count_by_theme(proposals: &[Proposal]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in proposals {
        let theme = if p.theme.trim().is_empty() {
            "Sans thème".to_string()
        } else {
            p.theme.trim().to_string()
        };
        match counts.iter_mut().find(|(t, _)| *t == theme) {
            Some((_, n)) => *n += 1,
            None => counts.push((theme, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// One dated answer of the city.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub proposal: ProposalId,
    pub date: NaiveDate,
    pub status: ProposalStatus,
    pub text: String,
}

/// How many proposals per status, in the statuses' order, zeros left out.
pub fn count_by_status(proposals: &[Proposal]) -> Vec<(ProposalStatus, usize)> {
    ProposalStatus::ALL
        .iter()
        .map(|&s| (s, proposals.iter().filter(|p| p.status == s).count()))
        .filter(|&(_, n)| n > 0)
        .collect()
}
