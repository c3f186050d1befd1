//! A co-written text — Grenoble's « Charte de la démocratie coopérative » and its
//! « pactes de coopération »: articles in order, the contributions received on them
//! with the answer published to each, the versions of the whole text (compared word by
//! word with the rules of the game's comparison), the adoption by the council.

use chrono::NaiveDate;

use super::DomainError;
use super::codes::ContributionStatus;
use super::ids::{ArticleId, CharterId, ContactId, ContributionId, MeetingId, PacteId};
pub use super::rules::Section;

/// A charter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Charter {
    pub id: CharterId,
    pub title: String,
    /// What it is for, in a few lines (printed under the title).
    pub preamble: String,
    /// The council's adoption: date and deliberation number.
    pub adopted_on: Option<NaiveDate>,
    pub deliberation: String,
}

impl Charter {
    /// A title, and an adoption that names its deliberation.
    pub fn check(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Titre"));
        }
        if self.adopted_on.is_some() && self.deliberation.trim().is_empty() {
            return Err(DomainError::Required("Numéro de la délibération"));
        }
        Ok(())
    }
}

/// One article, its current text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    pub id: ArticleId,
    pub position: u32,
    pub title: String,
    pub text: String,
}

impl Article {
    pub fn check(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Titre de l’article"));
        }
        Ok(())
    }
}

/// A contribution: who (a contact of the directory, or a participant named as they
/// wished, or nobody), when, on which article (none: on the whole text), from which
/// meeting or workshop, the text proposed; what became of it and why.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contribution {
    pub id: ContributionId,
    /// Numbered in the order received, per charter.
    pub number: u32,
    pub article: Option<ArticleId>,
    pub contact: Option<ContactId>,
    /// « Participante de l'atelier du 12 mars », when not a contact (may be empty).
    pub participant: String,
    pub meeting: Option<MeetingId>,
    pub received_on: Option<NaiveDate>,
    pub proposal: String,
    pub status: Option<ContributionStatus>,
    /// The answer published beside it: why retained, in part, or set aside.
    pub answer: String,
    pub answered_on: Option<NaiveDate>,
}

impl Contribution {
    /// The status, « à examiner » until answered.
    pub fn state(&self) -> ContributionStatus {
        self.status.unwrap_or(ContributionStatus::ToReview)
    }

    /// Refuses an empty proposal, and a decision without the answer that explains it:
    /// the published answer is what makes the co-construction credible.
    pub fn check(&self) -> Result<(), DomainError> {
        if self.proposal.trim().is_empty() {
            return Err(DomainError::Required("Contribution"));
        }
        if self.state() != ContributionStatus::ToReview && self.answer.trim().is_empty() {
            return Err(DomainError::Required("Réponse publiée"));
        }
        Ok(())
    }

    /// Whether it was taken into the text, whole or in part.
    pub fn retained(&self) -> bool {
        matches!(
            self.state(),
            ContributionStatus::Retained | ContributionStatus::PartlyRetained
        )
    }
}

/// A pacte de coopération: who signs, about which common, for how long, committing to
/// what.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pacte {
    pub id: PacteId,
    pub title: String,
    /// The parties, one a line (the city, the collective, the association…).
    pub parties: String,
    /// The common concerned (a garden, a room, a street…).
    pub common: String,
    pub signed_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// When its renewal is to be discussed.
    pub renewal_on: Option<NaiveDate>,
    pub commitments: String,
}

impl Pacte {
    pub fn check(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Intitulé du pacte"));
        }
        if let (Some(s), Some(e)) = (self.signed_on, self.ends_on)
            && e < s
        {
            return Err(DomainError::EndBeforeStart { start: s, end: e });
        }
        Ok(())
    }
}

/// A saved version of the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterVersion {
    pub number: u32,
    pub label: String,
    pub saved_on: NaiveDate,
    pub articles: Vec<Section>,
}

/// The articles as the comparison reads them.
pub fn sections(articles: &[Article]) -> Vec<Section> {
    articles
        .iter()
        .map(|a| Section {
            title: a.title.clone(),
            text: a.text.clone(),
        })
        .collect()
}

/// How many contributions stand in each state, in the states' order.
pub fn count_by_state(contributions: &[Contribution]) -> Vec<(ContributionStatus, usize)> {
    ContributionStatus::ALL
        .iter()
        .map(|&s| (s, contributions.iter().filter(|c| c.state() == s).count()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_needs_its_published_answer() {
        let mut c = Contribution {
            proposal: "Ajouter le droit d’interpellation des enfants.".into(),
            ..Default::default()
        };
        assert_eq!(c.check(), Ok(()));
        assert_eq!(c.state(), ContributionStatus::ToReview);
        for s in [
            ContributionStatus::Retained,
            ContributionStatus::PartlyRetained,
            ContributionStatus::Dismissed,
        ] {
            c.status = Some(s);
            c.answer.clear();
            assert_eq!(c.check(), Err(DomainError::Required("Réponse publiée")));
            c.answer = "Parce que…".into();
            assert_eq!(c.check(), Ok(()));
        }
        c.status = Some(ContributionStatus::Retained);
        assert!(c.retained());
        c.status = Some(ContributionStatus::Dismissed);
        assert!(!c.retained());
        c.proposal = "  ".into();
        assert_eq!(c.check(), Err(DomainError::Required("Contribution")));
    }

    #[test]
    fn states_are_counted_in_order() {
        let c = |s| Contribution {
            status: s,
            ..Default::default()
        };
        let all = [
            c(None),
            c(Some(ContributionStatus::Retained)),
            c(Some(ContributionStatus::Retained)),
            c(Some(ContributionStatus::Dismissed)),
        ];
        assert_eq!(
            count_by_state(&all),
            vec![
                (ContributionStatus::ToReview, 1),
                (ContributionStatus::Retained, 2),
                (ContributionStatus::PartlyRetained, 0),
                (ContributionStatus::Dismissed, 1)
            ]
        );
    }

    #[test]
    fn a_pacte_ends_after_it_is_signed() {
        let d = |m| NaiveDate::from_ymd_opt(2026, m, 1);
        let mut p = Pacte {
            title: "Jardin partagé".into(),
            signed_on: d(6),
            ends_on: d(3),
            ..Default::default()
        };
        assert!(p.check().is_err());
        p.ends_on = d(12);
        assert!(p.check().is_ok());
    }
}
