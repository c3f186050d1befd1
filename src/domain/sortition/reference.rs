//! Reference population tables (a criterion's values with their share of the
//! population, a source and a year), Grenoble's shipped ones, the default quotas they
//! give for a panel of k, and quota bounds typed as counts or as percentages of k.

use super::Quota;
use crate::domain::DomainError;

/// One criterion's distribution in the reference population.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub criterion: String,
    pub name: String,
    pub source: String,
    pub year: Option<i32>,
    /// (value, share in per cent); the shares need not sum to 100, they are rescaled.
    pub shares: Vec<(String, f64)>,
}

impl Reference {
    /// Each value's share in per cent, rescaled so that they sum to 100 (an age table
    /// may leave the youngest out).
    pub fn percentages(&self) -> Vec<f64> {
        let total: f64 = self
            .shares
            .iter()
            .map(|s| s.1.max(0.0))
            .sum::<f64>()
            .max(f64::EPSILON);
        self.shares
            .iter()
            .map(|s| s.1.max(0.0) / total * 100.0)
            .collect()
    }
}

/// The tables shipped with Agora: Grenoble's age structure (INSEE) from 15 years on,
/// in the bands the invitation form asks, and the sex split.
pub fn grenoble() -> Vec<Reference> {
    let age = [
        ("16-29 ans", 29.8),
        ("30-44 ans", 20.0),
        ("45-59 ans", 14.7),
        ("60-74 ans", 11.6),
        ("75 ans et plus", 8.3),
    ];
    vec![
        Reference {
            criterion: "âge".into(),
            name: "Grenoble, structure par âge (15 ans et plus)".into(),
            source: "INSEE, recensement de la population 2023, commune de Grenoble ; la tranche 15-29 ans sert pour 16-29 ans, les moins de 15 ans sont retirés".into(),
            year: Some(2023),
            shares: age.iter().map(|(v, s)| (v.to_string(), *s)).collect(),
        },
        Reference {
            criterion: "genre".into(),
            name: "Grenoble, répartition femmes-hommes".into(),
            source: "INSEE, recensement de la population 2023, commune de Grenoble (parité à peu près)".into(),
            year: Some(2023),
            shares: vec![("Femme".into(), 50.0), ("Homme".into(), 50.0)],
        },
    ]
}

/// The default quotas a reference gives for a panel of `k`: each value's share of k,
/// give or take `tolerance` (a fraction of that target, at least one seat).
pub fn default_quotas(reference: &Reference, k: u32, tolerance: f64) -> Vec<Quota> {
    let total: f64 = reference.shares.iter().map(|(_, s)| s.max(0.0)).sum();
    reference
        .shares
        .iter()
        .map(|(value, share)| {
            let target = if total > 0.0 {
                f64::from(k) * share.max(0.0) / total
            } else {
                0.0
            };
            let room = (target * tolerance).max(1.0);
            Quota {
                criterion: reference.criterion.clone(),
                value: value.clone(),
                min: (target - room).floor().max(0.0) as u32,
                max: ((target + room).ceil() as u32).min(k),
            }
        })
        .collect()
}

/// Which bound a typed value is: a percentage rounds down for a minimum and up for a
/// maximum, so the quota never becomes stricter than typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Min,
    Max,
}

/// A bound typed as a count ("12") or a percentage of k ("30 %", "12,5%").
pub fn parse_bound(text: &str, k: u32, side: Side) -> Result<u32, DomainError> {
    let t = text.trim();
    let bad = || DomainError::BadNumber(t.to_string());
    if let Some(number) = t.strip_suffix('%') {
        let pct: f64 = number.trim().replace(',', ".").parse().map_err(|_| bad())?;
        if !(0.0..=100.0).contains(&pct) {
            return Err(DomainError::OutOfRange {
                field: "pourcentage",
                value: pct.round() as i64,
                min: 0,
                max: 100,
            });
        }
        let seats = f64::from(k) * pct / 100.0;
        // Guards against 30 % of 40 giving 11.999….
        let seats = (seats * 1e9).round() / 1e9;
        return Ok(match side {
            Side::Min => seats.floor(),
            Side::Max => seats.ceil(),
        } as u32);
    }
    t.parse().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_towards_the_looser_bound() {
        assert_eq!(parse_bound("30 %", 40, Side::Min).unwrap(), 12);
        assert_eq!(parse_bound("12,5%", 40, Side::Min).unwrap(), 5);
        assert_eq!(parse_bound("11 %", 40, Side::Min).unwrap(), 4);
        assert_eq!(parse_bound("11 %", 40, Side::Max).unwrap(), 5);
        assert_eq!(parse_bound(" 7 ", 40, Side::Max).unwrap(), 7);
        assert!(parse_bound("sept", 40, Side::Max).is_err());
        assert!(parse_bound("120 %", 40, Side::Max).is_err());
        assert!(parse_bound("-2", 40, Side::Min).is_err());
    }

    #[test]
    fn grenoble_ages_give_quotas_around_their_share_of_the_panel() {
        let age = &grenoble()[0];
        let q = default_quotas(age, 40, 0.15);
        assert_eq!(q.len(), 5);
        // 29.8 / 84.4 of 40 = 14.1 seats, give or take 2.1.
        assert_eq!((q[0].min, q[0].max), (12, 17));
        // 8.3 / 84.4 of 40 = 3.9 seats, give or take one.
        assert_eq!((q[4].min, q[4].max), (2, 5));
        let lowest: u32 = q.iter().map(|x| x.min).sum();
        let highest: u32 = q.iter().map(|x| x.max).sum();
        assert!(lowest <= 40 && highest >= 40, "the panel size is reachable");
        assert!(q.iter().all(|x| x.validate().is_ok()));
    }
}
