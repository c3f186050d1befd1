//! The tirage au sort: quotas, volunteer pools, draws and the check of a panel's
//! composition; the algorithms (feasibility and relaxation, LEXIMIN, MAXIMIN, LEGACY),
//! the 1,000-panel lottery and the named generator live in the submodules, all pure.

pub mod decomposition;
pub mod generated;
pub mod instance;
pub mod invitation;
pub mod legacy;
pub mod leximin;
pub mod lottery;
pub mod portfolio;
pub mod pricing;
pub mod reference;
pub mod relaxed;
pub mod replacement;
pub mod reserves;
pub mod rounding;
pub mod seed;

use chrono::NaiveDate;

use super::DomainError;
use super::codes::{DrawAlgorithm, PoolSource, SelectionRole};
use super::ids::{DrawId, PoolId};

/// Bounds for one value of one criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    pub criterion: String,
    pub value: String,
    pub min: u32,
    pub max: u32,
}

impl Quota {
    /// Refuses a minimum above the maximum.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.min > self.max {
            return Err(DomainError::QuotaMinAboveMax {
                criterion: self.criterion.clone(),
                value: self.value.clone(),
                min: self.min,
                max: self.max,
            });
        }
        Ok(())
    }

    /// Whether a count meets the quota.
    pub fn is_met(&self, count: u32) -> bool {
        (self.min..=self.max).contains(&count)
    }
}

/// A volunteer pool.
#[derive(Debug, Clone, PartialEq)]
pub struct Pool {
    pub id: PoolId,
    pub source: PoolSource,
    pub description: String,
    pub size: u32,
    /// When the volunteers not drawn were deleted (RGPD), if they were.
    pub purged_on: Option<NaiveDate>,
}

/// One volunteer as the draw sees them: a pseudonym and attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Volunteer {
    pub pseudonym: String,
    /// (criterion, value) pairs.
    pub attributes: Vec<(String, String)>,
}

impl Volunteer {
    /// The value of one criterion.
    pub fn value(&self, criterion: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(c, _)| c == criterion)
            .map(|(_, v)| v.as_str())
    }
}

/// A draw as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    pub id: DrawId,
    pub pool: PoolId,
    pub algorithm: DrawAlgorithm,
    pub seed: String,
    pub panel_size: u32,
    pub drawn_on: NaiveDate,
    pub witnesses: String,
}

/// One person drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    pub volunteer: Volunteer,
    pub role: SelectionRole,
    pub rank: u32,
    /// When a member withdrew, who took the seat and how they were chosen.
    pub withdrawn_on: Option<NaiveDate>,
    pub replaced_by: Option<String>,
    pub note: String,
}

impl Selected {
    /// A member still sitting on the panel.
    pub fn sits(&self) -> bool {
        self.role == SelectionRole::Member && self.withdrawn_on.is_none()
    }
}

/// A quota with the count reached by a panel.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotaCheck {
    pub quota: Quota,
    pub count: u32,
}

impl QuotaCheck {
    /// Whether the count meets the quota.
    pub fn met(&self) -> bool {
        self.quota.is_met(self.count)
    }
}

/// Counts a panel against every quota.
pub fn check_composition(quotas: &[Quota], panel: &[&Volunteer]) -> Vec<QuotaCheck> {
    quotas
        .iter()
        .map(|q| QuotaCheck {
            quota: q.clone(),
            count: panel
                .iter()
                .filter(|v| {
                    v.value(&q.criterion)
                        .is_some_and(|x| x.eq_ignore_ascii_case(&q.value))
                })
                .count() as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composition_counts_case_insensitively() {
        let v = |g: &str| Volunteer {
            pseudonym: "V".into(),
            attributes: vec![("genre".into(), g.into())],
        };
        let q = Quota {
            criterion: "genre".into(),
            value: "Femme".into(),
            min: 1,
            max: 1,
        };
        let (a, b, c) = (v("femme"), v("Homme"), v("FEMME"));
        let checks = check_composition(std::slice::from_ref(&q), &[&a, &b]);
        assert_eq!(checks[0].count, 1);
        assert!(checks[0].met());
        assert!(!check_composition(std::slice::from_ref(&q), &[&a, &c])[0].met());
        assert!(
            Quota {
                min: 3,
                max: 2,
                ..q
            }
            .validate()
            .is_err()
        );
    }
}
