//! LEGACY, the older greedy method many practitioners still use, kept for comparison:
//! k times, take the open (criterion, value) furthest from its minimum relative to the
//! candidates left, pick one of them at random, and drop whoever would break a maximum;
//! start again on a dead end. Its selection probabilities are estimated by running it
//! many times.

use super::instance::Instance;
use super::seed::Draws;

/// Attempts before LEGACY gives up on an instance.
const ATTEMPTS: usize = 2_000;

/// One LEGACY panel (person indices, in the order drawn), or `None` when every attempt
/// met a dead end.
pub fn draw(inst: &Instance, draws: &mut Draws) -> Option<Vec<usize>> {
    (0..ATTEMPTS).find_map(|_| attempt(inst, draws))
}

fn attempt(inst: &Instance, draws: &mut Draws) -> Option<Vec<usize>> {
    let mut remaining: Vec<bool> = vec![true; inst.len()];
    let zeros = || -> Vec<Vec<u32>> {
        inst.criteria
            .iter()
            .map(|c| vec![0; c.values.len()])
            .collect()
    };
    let mut counts = zeros();
    // Candidates left per value, kept up to date as people leave the running.
    let mut left = zeros();
    for row in &inst.values {
        for (c, &v) in row.iter().enumerate() {
            left[c][v] += 1;
        }
    }
    let leave = |p: usize, remaining: &mut Vec<bool>, left: &mut Vec<Vec<u32>>| {
        remaining[p] = false;
        for (c, &v) in inst.values[p].iter().enumerate() {
            left[c][v] -= 1;
        }
    };
    let mut panel = Vec::with_capacity(inst.k as usize);
    for _ in 0..inst.k {
        // The open value with the largest (min − selected) / candidates left.
        let mut best: Option<(f64, usize, usize)> = None;
        for (c, v, b) in inst.bounds() {
            if left[c][v] == 0 || counts[c][v] >= b.max {
                continue;
            }
            let ratio = (f64::from(b.min) - f64::from(counts[c][v])) / f64::from(left[c][v]);
            if best.is_none_or(|(r, _, _)| ratio > r) {
                best = Some((ratio, c, v));
            }
        }
        let (_, c, v) = best?;
        let candidates: Vec<usize> = (0..inst.len())
            .filter(|&p| remaining[p] && inst.values[p][c] == v)
            .collect();
        let chosen = candidates[draws.below(candidates.len() as u64) as usize];
        panel.push(chosen);
        leave(chosen, &mut remaining, &mut left);
        if let Some(h) = inst.household_of[chosen] {
            for &p in &inst.households[h] {
                if remaining[p] {
                    leave(p, &mut remaining, &mut left);
                }
            }
        }
        let mut full = Vec::new();
        for (c, &v) in inst.values[chosen].iter().enumerate() {
            counts[c][v] += 1;
            if counts[c][v] >= inst.criteria[c].values[v].max {
                full.push((c, v));
            }
        }
        // Only the chosen person's values can have reached their maximum.
        if !full.is_empty() {
            for p in 0..inst.len() {
                if remaining[p] && full.iter().any(|&(c, v)| inst.values[p][c] == v) {
                    leave(p, &mut remaining, &mut left);
                }
            }
        }
    }
    inst.is_feasible(&panel).then_some(panel)
}

/// Each person's selection frequency over `runs` LEGACY draws from one seed, and how
/// many runs found no panel.
pub fn estimate(inst: &Instance, seed: &str, runs: usize) -> (Vec<f64>, usize) {
    let mut draws = Draws::new(seed);
    let mut hits = vec![0u32; inst.len()];
    let mut failed = 0;
    for _ in 0..runs {
        match draw(inst, &mut draws) {
            Some(panel) => panel.iter().for_each(|&p| hits[p] += 1),
            None => failed += 1,
        }
    }
    let done = (runs - failed).max(1) as f64;
    (hits.iter().map(|&h| f64::from(h) / done).collect(), failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sortition::instance::tests::small;

    #[test]
    fn legacy_panels_meet_the_quotas() {
        let (pool, quotas) = small(
            &[
                ("a", "F", "jeune"),
                ("b", "F", "âgé"),
                ("c", "F", "âgé"),
                ("d", "H", "âgé"),
                ("e", "H", "âgé"),
                ("f", "H", "jeune"),
            ],
            &[
                ("genre", "F", 1, 2),
                ("genre", "H", 1, 2),
                ("âge", "jeune", 1, 1),
                ("âge", "âgé", 2, 3),
            ],
        );
        let inst = Instance::new(&pool, &quotas, 3).unwrap();
        let mut d = Draws::new("essai");
        for _ in 0..50 {
            assert!(inst.is_feasible(&draw(&inst, &mut d).unwrap()));
        }
        let (p, failed) = estimate(&inst, "essai", 400);
        assert_eq!(failed, 0);
        assert!((p.iter().sum::<f64>() - 3.0).abs() < 1e-9);
    }
}
