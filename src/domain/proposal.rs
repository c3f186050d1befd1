//! Proposals of a convention and the city's dated answers.

use chrono::NaiveDate;

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
