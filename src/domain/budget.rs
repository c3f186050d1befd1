//! The participatory budget (budget participatif): a yearly edition with its envelope
//! and rules, its projects from the idea submitted to the delivery, and the rule that
//! fills the envelope with the winners in vote order.

use chrono::NaiveDate;

use super::DomainError;
use super::codes::{ProjectStage, Sector};
use super::ids::DispositifId;

/// A yearly edition and its rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub id: DispositifId,
    pub year: i32,
    pub envelope_cents: i64,
    /// The most one project may cost.
    pub max_project_cents: i64,
    /// Only investment spending (no running costs).
    pub investment_only: bool,
}

impl Edition {
    /// An edition of `year` with Grenoble's usual rules: 800,000 €, at most 400,000 €
    /// a project, investment only.
    pub fn new(id: DispositifId, year: i32) -> Edition {
        Edition {
            id,
            year,
            envelope_cents: 80_000_000,
            max_project_cents: 40_000_000,
            investment_only: true,
        }
    }

    /// Refuses an empty envelope, or a project ceiling above it.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.envelope_cents <= 0 {
            return Err(DomainError::Required("Enveloppe"));
        }
        if self.max_project_cents <= 0 || self.max_project_cents > self.envelope_cents {
            return Err(DomainError::CeilingAboveEnvelope);
        }
        Ok(())
    }
}

/// A project of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Project {
    pub id: i64,
    pub edition: DispositifId,
    /// Its number in the edition, as the ballot shows it.
    pub number: u32,
    pub title: String,
    pub sector: Option<Sector>,
    /// Who submitted it: an inhabitant or an association.
    pub proposer: String,
    pub stage: ProjectStage,
    /// The directorate that studied its feasibility.
    pub directorate: String,
    pub opinion_on: Option<NaiveDate>,
    pub opinion: String,
    pub estimated_cents: Option<i64>,
    pub votes: Option<u32>,
    /// Delivery progress, 0 to 100.
    pub progress: u8,
    pub spent_cents: i64,
    pub delivered_on: Option<NaiveDate>,
}

// The enumeration is made by the `coded!` macro, which derives no Default.
#[allow(clippy::derivable_impls)]
impl Default for ProjectStage {
    fn default() -> Self {
        ProjectStage::Submitted
    }
}

impl Project {
    /// Refuses a project without a title or proposer, a feasible one without its
    /// dated opinion and cost, a cost over the edition's ceiling, a progress over 100.
    pub fn validate(&self, edition: &Edition) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Intitulé du projet"));
        }
        if self.proposer.trim().is_empty() {
            return Err(DomainError::Required("Porté par"));
        }
        if let Some(cost) = self.estimated_cents
            && cost > edition.max_project_cents
            && self.stage != ProjectStage::Unfeasible
            && self.stage != ProjectStage::Rejected
        {
            return Err(DomainError::OverCeiling {
                cost,
                ceiling: edition.max_project_cents,
            });
        }
        if self.stage >= ProjectStage::Studied && self.stage != ProjectStage::Rejected {
            if self.opinion_on.is_none() {
                return Err(DomainError::Required("Avis de faisabilité rendu le"));
            }
            if self.stage != ProjectStage::Unfeasible && self.estimated_cents.is_none() {
                return Err(DomainError::Required("Coût estimé"));
            }
        }
        if self.progress > 100 {
            return Err(DomainError::OutOfRange {
                field: "Avancement",
                value: self.progress.into(),
                min: 0,
                max: 100,
            });
        }
        if self.spent_cents < 0 {
            return Err(DomainError::Negative("Dépensé"));
        }
        Ok(())
    }
}

/// One project of the ballot as the envelope rule treated it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub number: u32,
    pub votes: u32,
    pub cost: i64,
    pub winner: bool,
    /// The envelope used once this project is counted (winners only add).
    pub used: i64,
}

/// The envelope filled in vote order: each project on the ballot, most votes first
/// (ties by number), is a winner if its cost fits in what remains; otherwise it is
/// passed and the next one is examined.
pub fn fill_envelope(edition: &Edition, projects: &[Project]) -> Vec<Ranked> {
    let mut ballot: Vec<&Project> = projects
        .iter()
        .filter(|p| {
            matches!(
                p.stage,
                ProjectStage::OnBallot
                    | ProjectStage::Winner
                    | ProjectStage::NotChosen
                    | ProjectStage::Delivering
                    | ProjectStage::Delivered
            )
        })
        .collect();
    ballot.sort_by(|a, b| {
        b.votes
            .unwrap_or(0)
            .cmp(&a.votes.unwrap_or(0))
            .then(a.number.cmp(&b.number))
    });
    let mut used = 0;
    ballot
        .into_iter()
        .map(|p| {
            let cost = p.estimated_cents.unwrap_or(0);
            let winner = used + cost <= edition.envelope_cents;
            if winner {
                used += cost;
            }
            Ranked {
                number: p.number,
                votes: p.votes.unwrap_or(0),
                cost,
                winner,
                used,
            }
        })
        .collect()
}

/// The winners' delivery: (delivered, being delivered, spent, cost of the winners).
pub fn delivery(projects: &[Project]) -> (usize, usize, i64, i64) {
    let winners: Vec<&Project> = projects
        .iter()
        .filter(|p| {
            matches!(
                p.stage,
                ProjectStage::Winner | ProjectStage::Delivering | ProjectStage::Delivered
            )
        })
        .collect();
    (
        winners
            .iter()
            .filter(|p| p.stage == ProjectStage::Delivered)
            .count(),
        winners
            .iter()
            .filter(|p| p.stage == ProjectStage::Delivering)
            .count(),
        winners.iter().map(|p| p.spent_cents).sum(),
        winners.iter().filter_map(|p| p.estimated_cents).sum(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_ballot(number: u32, votes: u32, euros: i64) -> Project {
        Project {
            number,
            title: format!("Projet {number}"),
            proposer: "Association des habitants".into(),
            stage: ProjectStage::OnBallot,
            estimated_cents: Some(euros * 100),
            votes: Some(votes),
            ..Project::default()
        }
    }

    #[test]
    fn the_envelope_fills_in_vote_order_passing_what_does_not_fit() {
        let e = Edition::new(DispositifId(1), 2026);
        let projects = [
            on_ballot(1, 900, 300_000),
            on_ballot(2, 1_200, 350_000),
            on_ballot(3, 700, 250_000),
            on_ballot(4, 650, 120_000),
            on_ballot(5, 650, 30_000),
            Project {
                stage: ProjectStage::Unfeasible,
                ..on_ballot(6, 5_000, 10)
            },
        ];
        let ranked = fill_envelope(&e, &projects);
        let table: Vec<(u32, bool, i64)> = ranked
            .iter()
            .map(|r| (r.number, r.winner, r.used / 100))
            .collect();
        assert_eq!(
            table,
            [
                (2, true, 350_000),
                (1, true, 650_000),
                (3, false, 650_000),
                (4, true, 770_000),
                (5, true, 800_000),
            ],
            "3 does not fit in the 150,000 left; 4 and 5 (tied, by number) do"
        );
    }

    #[test]
    fn a_project_follows_the_rules_of_its_edition() {
        let e = Edition::new(DispositifId(1), 2026);
        let mut p = on_ballot(1, 0, 450_000);
        assert!(matches!(
            p.validate(&e),
            Err(DomainError::OverCeiling { .. })
        ));
        p.estimated_cents = Some(20_000_000);
        assert_eq!(
            p.validate(&e),
            Err(DomainError::Required("Avis de faisabilité rendu le"))
        );
        p.opinion_on = NaiveDate::from_ymd_opt(2026, 4, 2);
        assert!(p.validate(&e).is_ok());
        p.progress = 120;
        assert!(p.validate(&e).is_err());
        let mut bad = e.clone();
        bad.max_project_cents = bad.envelope_cents + 1;
        assert!(bad.validate().is_err());
    }
}
