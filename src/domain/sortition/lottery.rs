//! The uniform lottery for a public draw (Flanigan, Kehne, Procaccia, NeurIPS 2021): a
//! portfolio rounded into exactly 1,000 panels of people, numbered 000–999, so that a
//! number drawn with three ten-sided dice picks the panel. The list and its SHA-256 are
//! fixed before the number exists.

use super::instance::Instance;
use super::seed::Draws;

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

/// How many times each panel of the mixture is copied into the lottery: the counts sum
/// to 1,000. A greedy walk first (floors, then the remaining units given where the
/// running error of the types in the panel is lowest), then [`improve`] moves copies
/// between panels while that brings the worst person closer to their limits.
pub fn round(inst: &Instance, mix: &Mixture) -> Vec<usize> {
    let mut counts = greedy(inst, mix);
    improve(inst, mix, &mut counts);
    counts
}

fn greedy(inst: &Instance, mix: &Mixture) -> Vec<usize> {
    let n = PANELS as f64;
    let mut counts: Vec<usize> = mix
        .weights
        .iter()
        .map(|w| (w * n).floor().max(0.0) as usize)
        .collect();
    let mut left = PANELS.saturating_sub(counts.iter().sum());
    // Running error per type: (lottery share − probability) × n_t.
    let share = |panel: &Vec<u32>, t: usize| f64::from(panel[t]) / inst.members[t].len() as f64;
    let mut err = vec![0.0; inst.types()];
    for (i, panel) in mix.panels.iter().enumerate() {
        let delta = counts[i] as f64 / n - mix.weights[i];
        for (t, e) in err.iter_mut().enumerate() {
            *e += delta * share(panel, t);
        }
    }
    let mut open: Vec<usize> = (0..mix.panels.len())
        .filter(|&i| mix.weights[i] * n - counts[i] as f64 > 1e-12)
        .collect();
    while left > 0 {
        // The panel whose extra copy leaves the worst type's error smallest.
        let pick = open
            .iter()
            .copied()
            .min_by(|&a, &b| {
                let worst = |i: usize| {
                    err.iter()
                        .enumerate()
                        .map(|(t, e)| (e + share(&mix.panels[i], t) / n).abs())
                        .fold(0.0, f64::max)
                };
                worst(a).total_cmp(&worst(b))
            })
            .or_else(|| {
                (0..mix.panels.len()).max_by(|&a, &b| mix.weights[a].total_cmp(&mix.weights[b]))
            });
        let Some(i) = pick else { break };
        counts[i] += 1;
        for (t, e) in err.iter_mut().enumerate() {
            *e += share(&mix.panels[i], t) / n;
        }
        open.retain(|&j| j != i);
        left -= 1;
    }
    counts
}

/// How far a type's members stand from their limits with `seats` seats among the
/// 1,000 panels: 1 is at the limit ([`MAX_GAP`] either way, and no lower than
/// [`LOWEST_GAP`] below the lowest probability), 0 is exact. Members of a type get
/// ⌊seats/n⌋ or ⌈seats/n⌉ panels each (see [`expand`]).
fn strain(seats: i64, size: usize, probability: f64, lowest: f64) -> f64 {
    let n = PANELS as f64;
    let (few, many) = (
        seats.div_euclid(size as i64) as f64 / n,
        (seats + size as i64 - 1).div_euclid(size as i64) as f64 / n,
    );
    let down = MAX_GAP.min(probability - lowest + LOWEST_GAP).max(1e-9);
    ((probability - few) / down)
        .max((many - probability) / MAX_GAP)
        .max(0.0)
}

/// Local search on the copies: while the most strained type can be relieved by moving
/// one copy from a panel to another without straining any type as much, the move that
/// leaves the least strain among the types it touches is made. Deterministic: ties go
/// to the first pair in panel order.
fn improve(inst: &Instance, mix: &Mixture, counts: &mut [usize]) {
    let types = inst.types();
    let probability = mix.type_probabilities(inst);
    let lowest = (0..types)
        .map(|t| probability[t])
        .fold(f64::INFINITY, f64::min);
    let support: Vec<Vec<(usize, i64)>> = mix
        .panels
        .iter()
        .map(|p| {
            p.iter()
                .enumerate()
                .filter(|(_, x)| **x > 0)
                .map(|(t, &x)| (t, i64::from(x)))
                .collect()
        })
        .collect();
    let mut seats = vec![0i64; types];
    for (panel, &c) in support.iter().zip(counts.iter()) {
        for &(t, x) in panel {
            seats[t] += c as i64 * x;
        }
    }
    let strain_of = |t: usize, s: i64| strain(s, inst.members[t].len(), probability[t], lowest);
    let mut with: Vec<Vec<usize>> = vec![Vec::new(); types];
    for (i, panel) in support.iter().enumerate() {
        for &(t, _) in panel {
            with[t].push(i);
        }
    }
    let mut delta = vec![0i64; types];
    // Σ strain⁸: a smooth stand-in for the largest strain that still rewards relieving
    // the second worst; a move must lower it and strain no type more than the worst.
    let cost = |x: f64| x.powi(8);
    for _ in 0..20 * PANELS {
        let mut order: Vec<(usize, f64)> =
            (0..types).map(|t| (t, strain_of(t, seats[t]))).collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let top = order[0].1;
        if top <= 0.0 {
            break;
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for &(focus, strained) in order.iter().take(FOCUS) {
            if strained <= 0.0 {
                break;
            }
            let too_many = strain_of(focus, seats[focus] - 1) < strained;
            let count_in = |i: usize| {
                support[i]
                    .iter()
                    .find(|(t, _)| *t == focus)
                    .map_or(0, |x| x.1)
            };
            let (froms, tos): (Vec<usize>, Vec<usize>) = if too_many {
                (with[focus].clone(), (0..support.len()).collect())
            } else {
                ((0..support.len()).collect(), with[focus].clone())
            };
            for &a in froms.iter().filter(|&&a| counts[a] > 0) {
                for &b in &tos {
                    if a == b || (count_in(a) > count_in(b)) != too_many {
                        continue;
                    }
                    for &(t, x) in &support[a] {
                        delta[t] -= x;
                    }
                    for &(t, x) in &support[b] {
                        delta[t] += x;
                    }
                    let (mut gain, mut worst) = (0.0, 0.0f64);
                    for &(t, _) in support[a].iter().chain(&support[b]) {
                        if delta[t] != 0 {
                            let now = strain_of(t, seats[t] + delta[t]);
                            gain += cost(strain_of(t, seats[t])) - cost(now);
                            worst = worst.max(now);
                            delta[t] = 0;
                        }
                    }
                    if worst <= top && gain > 1e-12 && best.is_none_or(|(g, _, _)| gain > g) {
                        best = Some((gain, a, b));
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        let Some((_, a, b)) = best else { break };
        counts[a] -= 1;
        counts[b] += 1;
        for &(t, x) in &support[a] {
            seats[t] -= x;
        }
        for &(t, x) in &support[b] {
            seats[t] += x;
        }
    }
}

/// How many of the most strained types [`improve`] tries to relieve, in turn.
const FOCUS: usize = 20;

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
        // The local search only ever relieves: the greedy walk alone is no better.
        let alone = expand(&inst, &out.mixture, &greedy(&inst, &out.mixture));
        assert!(deviation(&inst, &alone, &p) >= dev - 1e-12);
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
