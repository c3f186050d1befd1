//! The uniform lottery for a public draw (Flanigan, Kehne, Procaccia, NeurIPS 2021): a
//! portfolio rounded into exactly 1,000 panels of people, numbered 000–999, so that a
//! number drawn with three ten-sided dice picks the panel. The list and its SHA-256 are
//! fixed before the number exists.

use super::instance::Instance;
use super::seed::Draws;

pub use super::rounding::round;

/// How many panels the lottery holds.
pub const PANELS: usize = 1_000;

/// A portfolio at the level of types: panels as counts per type, with probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct Mixture {
    /// Each panel: how many people of each type.
    pub panels: Vec<Vec<u32>>,
    /// The probability of each panel; they sum to 1.
    pub weights: Vec<f64>,
}

impl Mixture {
    /// The selection probability of one person of each type.
    pub fn type_probabilities(&self, inst: &Instance) -> Vec<f64> {
        let mut p = vec![0.0; inst.types()];
        for (panel, w) in self.panels.iter().zip(&self.weights) {
            for (t, &x) in panel.iter().enumerate() {
                p[t] += w * f64::from(x) / inst.members[t].len() as f64;
            }
        }
        p
    }

    /// The same mixture with each panel once (the weights of repeats added).
    pub fn merged(self) -> Mixture {
        let mut out = Mixture {
            panels: Vec::new(),
            weights: Vec::new(),
        };
        for (panel, w) in self.panels.into_iter().zip(self.weights) {
            match out.panels.iter().position(|p| *p == panel) {
                Some(i) => out.weights[i] += w,
                None => {
                    out.panels.push(panel);
                    out.weights.push(w);
                }
            }
        }
        out
    }

    /// Each person's selection probability.
    pub fn person_probabilities(&self, inst: &Instance) -> Vec<f64> {
        let by_type = self.type_probabilities(inst);
        inst.type_of.iter().map(|&t| by_type[t]).collect()
    }
}

/// The furthest a person's share of the 1,000 panels may lie from their probability.
pub const MAX_GAP: f64 = 0.005;
/// The furthest a person's share may fall below the lowest probability (for LEXIMIN
/// and MAXIMIN, the MAXIMIN optimum: what the worst-off were promised).
pub const LOWEST_GAP: f64 = 0.001;

/// The largest amount by which a person's share of the list falls below the lowest
/// probability (0 when no one's does).
pub fn lowest_shortfall(panels: &[Vec<usize>], probabilities: &[f64]) -> f64 {
    let mut hits = vec![0usize; probabilities.len()];
    for p in panels {
        p.iter().for_each(|&i| hits[i] += 1);
    }
    let lowest = probabilities.iter().copied().fold(f64::INFINITY, f64::min);
    hits.iter()
        .map(|&h| lowest - h as f64 / panels.len().max(1) as f64)
        .fold(0.0, f64::max)
}

/// The published list: 1,000 panels of people (indices, sorted), built from the copies
/// of each mixture panel by giving each type's seats to its members in turn, so that
/// members of one type appear a number of times that differs by one at most.
pub fn expand(inst: &Instance, mix: &Mixture, copies: &[usize]) -> Vec<Vec<usize>> {
    let mut next = vec![0usize; inst.types()];
    let mut out = Vec::with_capacity(PANELS);
    for (panel, &c) in mix.panels.iter().zip(copies) {
        for _ in 0..c {
            let mut people = Vec::with_capacity(inst.k as usize);
            for (t, &x) in panel.iter().enumerate() {
                let m = &inst.members[t];
                for _ in 0..x {
                    people.push(m[next[t] % m.len()]);
                    next[t] += 1;
                }
            }
            people.sort_unstable();
            out.push(people);
        }
    }
    out
}

/// The number of the panel a recorded seed picks (0–999).
pub fn number_from_seed(seed: &str) -> usize {
    Draws::new(seed).below(PANELS as u64) as usize
}

/// The largest gap between a person's share of the lottery and their probability.
pub fn deviation(inst: &Instance, panels: &[Vec<usize>], probabilities: &[f64]) -> f64 {
    let mut hits = vec![0usize; inst.len()];
    for p in panels {
        p.iter().for_each(|&i| hits[i] += 1);
    }
    hits.iter()
        .zip(probabilities)
        .map(|(&h, p)| (h as f64 / panels.len().max(1) as f64 - p).abs())
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sortition::generated;
    use crate::domain::sortition::leximin::{Goal, portfolio};

    #[test]
    fn a_thousand_panels_keep_every_share_within_its_limits() {
        let pool = generated::pool(80, "loterie");
        let quotas: Vec<_> = generated::quotas(10, 0.1)
            .into_iter()
            .filter(|q| q.criterion == "genre" || q.criterion == "âge")
            .collect();
        let inst = Instance::new(&pool, &quotas, 10).unwrap();
        let out = portfolio(&inst, Goal::Leximin, |_| true).unwrap();
        let copies = round(&inst, &out.mixture);
        assert_eq!(copies.iter().sum::<usize>(), PANELS);
        let panels = expand(&inst, &out.mixture, &copies);
        assert_eq!(panels.len(), PANELS);
        assert!(panels.iter().all(|p| inst.is_feasible(p)));
        let p = out.mixture.person_probabilities(&inst);
        let dev = deviation(&inst, &panels, &p);
        assert!(dev <= MAX_GAP, "deviation {dev} above {MAX_GAP}");
        let short = lowest_shortfall(&panels, &p);
        assert!(short <= LOWEST_GAP, "lowest share {short} below the lowest");
        // The published list numbers the 1,000 panels from 000.
        let ids: Vec<Vec<String>> = panels
            .iter()
            .map(|p| p.iter().map(|&i| inst.ids[i].clone()).collect())
            .collect();
        let list = crate::domain::sortition::portfolio::list_text(&ids);
        assert!(list.starts_with("000;") && list.lines().count() == PANELS);
    }

    #[test]
    fn a_seed_picks_the_same_number_on_every_machine() {
        // Pinned: ChaCha20 on SHA-256("convention climat"), rejection sampling below 1000.
        assert_eq!(
            number_from_seed("convention climat"),
            number_from_seed("convention climat")
        );
        let pinned: Vec<usize> = ["a", "b", "convention climat"]
            .iter()
            .map(|s| number_from_seed(s))
            .collect();
        assert_eq!(pinned, PINNED);
    }

    const PINNED: [usize; 3] = [488, 954, 37];
}
