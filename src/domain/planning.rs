//! Project management of a convention: tasks and milestones, the risk register,
//! budget lines.

use chrono::NaiveDate;

use super::DomainError;
use super::codes::{BudgetCategory, Priority, RiskStatus, TaskStatus};
use super::ids::{BudgetLineId, ConventionId, RiskId, SessionId, TaskId};

/// A task or milestone.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: TaskId,
    pub convention: ConventionId,
    pub title: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: TaskStatus,
    pub priority: Priority,
    pub milestone: bool,
    /// The session the task prepares, if any.
    pub session: Option<SessionId>,
}

impl Task {
    /// A title is needed.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Intitulé de la tâche"));
        }
        Ok(())
    }

    /// Not done and past its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != TaskStatus::Done && self.due.is_some_and(|d| d < today)
    }
}

/// Share of tasks done, None when there are no tasks.
pub fn progress(tasks: &[Task]) -> Option<f64> {
    let done = tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Done)
        .count();
    (!tasks.is_empty()).then(|| done as f64 / tasks.len() as f64)
}

/// A risk of the register, probability and impact on 1..=4.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub id: RiskId,
    pub convention: ConventionId,
    pub title: String,
    pub probability: u8,
    pub impact: u8,
    pub mitigation: String,
    pub owner: String,
    pub review: Option<NaiveDate>,
    pub status: RiskStatus,
}

impl Risk {
    /// A title, probability and impact on 1..=4.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Intitulé du risque"));
        }
        for (field, value) in [("Probabilité", self.probability), ("Impact", self.impact)] {
            if !(1..=4).contains(&value) {
                return Err(DomainError::OutOfRange {
                    field,
                    value: value.into(),
                    min: 1,
                    max: 4,
                });
            }
        }
        Ok(())
    }

    /// Probability × impact, 1..=16.
    pub fn score(&self) -> u8 {
        self.probability * self.impact
    }

    /// "Critique" (≥ 12), "Élevé" (≥ 8), "Modéré" (≥ 4), "Faible".
    pub fn level(&self) -> &'static str {
        match self.score() {
            12.. => "Critique",
            8..=11 => "Élevé",
            4..=7 => "Modéré",
            _ => "Faible",
        }
    }

    /// « 3 × 4 = 12 (critique) », as the registers print it.
    pub fn score_text(&self) -> String {
        format!(
            "{} × {} = {} ({})",
            self.probability,
            self.impact,
            self.score(),
            self.level().to_lowercase()
        )
    }

    /// Still open and its review date has come.
    pub fn review_due(&self, today: NaiveDate) -> bool {
        self.status != RiskStatus::Closed && self.review.is_some_and(|d| d <= today)
    }
}

/// The open risks, worst first.
pub fn top_risks(risks: &[Risk], n: usize) -> Vec<&Risk> {
    let mut open: Vec<&Risk> = risks
        .iter()
        .filter(|r| r.status != RiskStatus::Closed)
        .collect();
    open.sort_by(|a, b| b.score().cmp(&a.score()).then(a.title.cmp(&b.title)));
    open.truncate(n);
    open
}

/// The 4 × 4 matrix: `cells[impact - 1][probability - 1]` holds the open risks there.
pub fn risk_matrix(risks: &[Risk]) -> [[Vec<&Risk>; 4]; 4] {
    let mut cells: [[Vec<&Risk>; 4]; 4] = Default::default();
    for r in risks.iter().filter(|r| r.status != RiskStatus::Closed) {
        if (1..=4).contains(&r.probability) && (1..=4).contains(&r.impact) {
            cells[usize::from(r.impact - 1)][usize::from(r.probability - 1)].push(r);
        }
    }
    cells
}

/// A budget line, amounts in cents.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetLine {
    pub id: BudgetLineId,
    pub convention: ConventionId,
    pub category: BudgetCategory,
    pub label: String,
    pub planned_cents: i64,
    pub committed_cents: i64,
    pub spent_cents: i64,
}

impl BudgetLine {
    /// A label, and no negative amount.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.label.trim().is_empty() {
            return Err(DomainError::Required("Libellé de la ligne"));
        }
        Ok(())
    }
}

/// The compensation of panel members: days of presence × the daily amount.
pub fn compensation_cents(days: u32, daily_cents: i64) -> i64 {
    i64::from(days) * daily_cents
}

/// Totals of a budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BudgetTotals {
    pub planned_cents: i64,
    pub committed_cents: i64,
    pub spent_cents: i64,
}

/// Sums the lines.
pub fn budget_totals(lines: &[BudgetLine]) -> BudgetTotals {
    lines
        .iter()
        .fold(BudgetTotals::default(), |t, l| BudgetTotals {
            planned_cents: t.planned_cents + l.planned_cents,
            committed_cents: t.committed_cents + l.committed_cents,
            spent_cents: t.spent_cents + l.spent_cents,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_places_open_risks_by_impact_and_probability() {
        let mut a = risk(3, 2, RiskStatus::Open);
        a.title = "a".into();
        let b = risk(3, 2, RiskStatus::Mitigated);
        let closed = risk(4, 4, RiskStatus::Closed);
        let all = [a, b, closed];
        let m = risk_matrix(&all);
        assert_eq!(m[1][2].len(), 2, "impact 2, probability 3");
        assert!(m[3][3].is_empty(), "closed risks leave the matrix");
        let mut bad = risk(5, 1, RiskStatus::Open);
        assert!(bad.validate().is_err());
        bad.probability = 4;
        assert!(bad.validate().is_ok());
        assert_eq!(compensation_cents(109, 8_000), 872_000);
    }

    fn risk(p: u8, i: u8, status: RiskStatus) -> Risk {
        Risk {
            id: RiskId(1),
            convention: ConventionId(1),
            title: format!("{p}x{i}"),
            probability: p,
            impact: i,
            mitigation: String::new(),
            owner: String::new(),
            review: NaiveDate::from_ymd_opt(2026, 11, 1),
            status,
        }
    }

    #[test]
    fn risk_scores() {
        assert_eq!(risk(3, 4, RiskStatus::Open).score(), 12);
        assert_eq!(risk(3, 4, RiskStatus::Open).level(), "Critique");
        assert_eq!(risk(1, 3, RiskStatus::Open).level(), "Faible");
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert!(risk(1, 1, RiskStatus::Open).review_due(today));
        assert!(!risk(1, 1, RiskStatus::Closed).review_due(today));
        let all = [
            risk(1, 2, RiskStatus::Open),
            risk(4, 4, RiskStatus::Closed),
            risk(2, 3, RiskStatus::Mitigated),
        ];
        let top: Vec<u8> = top_risks(&all, 5).iter().map(|r| r.score()).collect();
        assert_eq!(top, vec![6, 2]);
    }

    #[test]
    fn budget_sums() {
        let line = |p, c, s| BudgetLine {
            id: BudgetLineId(1),
            convention: ConventionId(1),
            category: BudgetCategory::Venue,
            label: String::new(),
            planned_cents: p,
            committed_cents: c,
            spent_cents: s,
        };
        let t = budget_totals(&[line(100, 50, 10), line(200, 0, 0)]);
        assert_eq!(
            t,
            BudgetTotals {
                planned_cents: 300,
                committed_cents: 50,
                spent_cents: 10
            }
        );
    }
}
