//! Generated volunteer pools for benchmarks and tests, skewed as real pools are (older,
//! more diplomas, some sectors over-represented), with quotas from the population's
//! shares so that they bind.

use super::seed::Draws;
use super::{Quota, Volunteer};

/// (value, share among volunteers, share in the population).
type Shares = &'static [(&'static str, f64, f64)];

/// Each criterion and its values.
const CRITERIA: [(&str, Shares); 5] = [
    ("genre", &[("Femme", 0.58, 0.52), ("Homme", 0.42, 0.48)]),
    (
        "âge",
        &[
            ("18-24", 0.06, 0.17),
            ("25-34", 0.12, 0.21),
            ("35-44", 0.14, 0.15),
            ("45-59", 0.24, 0.20),
            ("60-74", 0.30, 0.17),
            ("75+", 0.14, 0.10),
        ],
    ),
    (
        "secteur",
        &[
            ("Secteur 1", 0.22, 0.16),
            ("Secteur 2", 0.24, 0.17),
            ("Secteur 3", 0.14, 0.17),
            ("Secteur 4", 0.16, 0.17),
            ("Secteur 5", 0.12, 0.17),
            ("Secteur 6", 0.12, 0.16),
        ],
    ),
    (
        "CSP",
        &[
            ("Cadres", 0.30, 0.18),
            ("Professions intermédiaires", 0.22, 0.18),
            ("Employés", 0.14, 0.18),
            ("Ouvriers", 0.06, 0.11),
            ("Retraités", 0.22, 0.22),
            ("Autres sans activité", 0.06, 0.13),
        ],
    ),
    (
        "diplôme",
        &[
            ("Sans diplôme", 0.06, 0.18),
            ("CAP-BEP", 0.12, 0.17),
            ("Bac", 0.18, 0.18),
            ("Bac+2 à +4", 0.32, 0.25),
            ("Bac+5 et plus", 0.32, 0.22),
        ],
    ),
];

fn pick(draws: &mut Draws, values: &[(&str, f64, f64)]) -> String {
    let u = draws.below(1_000_000) as f64 / 1_000_000.0;
    let mut acc = 0.0;
    for (v, share, _) in values {
        acc += share;
        if u < acc {
            return v.to_string();
        }
    }
    values[values.len() - 1].0.to_string()
}

/// `n` volunteers drawn from `seed`.
pub fn pool(n: usize, seed: &str) -> Vec<Volunteer> {
    let mut draws = Draws::new(seed);
    (0..n)
        .map(|i| Volunteer {
            pseudonym: format!("V-{:04}", i + 1),
            attributes: CRITERIA
                .iter()
                .map(|(c, values)| (c.to_string(), pick(&mut draws, values)))
                .collect(),
        })
        .collect()
}

/// Quotas for a panel of `k` from the population's shares: the share of k rounded,
/// give or take `slack` (a fraction of k, at least one seat).
pub fn quotas(k: u32, slack: f64) -> Vec<Quota> {
    let room = ((f64::from(k) * slack).round() as u32).max(1);
    CRITERIA
        .iter()
        .flat_map(|(c, values)| {
            values.iter().map(move |(v, _, population)| {
                let target = (f64::from(k) * population).round() as u32;
                Quota {
                    criterion: c.to_string(),
                    value: v.to_string(),
                    min: target.saturating_sub(room),
                    max: target + room,
                }
            })
        })
        .collect()
}
