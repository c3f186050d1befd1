//! How the portfolio's weights become whole copies among the lottery's 1,000 panels
//! (Flanigan, Kehne, Procaccia, NeurIPS 2021): a greedy walk, then a local search that
//! relieves the most strained types.

use super::instance::Instance;
use super::lottery::{LOWEST_GAP, MAX_GAP, Mixture, PANELS};

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
    let (probability, lowest) = limits(inst, mix);
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
    let mut seats = seats(inst, mix, counts);
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

/// Each type's probability and the lowest of them: what the limits are set from.
fn limits(inst: &Instance, mix: &Mixture) -> (Vec<f64>, f64) {
    let probability = mix.type_probabilities(inst);
    let lowest = probability.iter().copied().fold(f64::INFINITY, f64::min);
    (probability, lowest)
}

/// The seats each type holds among the 1,000 panels with these copies.
fn seats(inst: &Instance, mix: &Mixture, counts: &[usize]) -> Vec<i64> {
    let mut seats = vec![0i64; inst.types()];
    for (panel, &c) in mix.panels.iter().zip(counts) {
        for (t, &x) in panel.iter().enumerate() {
            seats[t] += c as i64 * i64::from(x);
        }
    }
    seats
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sortition::generated;
    use crate::domain::sortition::leximin::{Goal, portfolio};
    use crate::domain::sortition::lottery::{deviation, expand, lowest_shortfall};

    #[test]
    fn the_local_search_brings_every_type_within_its_limits() {
        let pool = generated::pool(300, "arrondi");
        let inst = Instance::new(&pool, &generated::quotas(30, 0.1), 30).unwrap();
        let mix = portfolio(&inst, Goal::Leximin, |_| true).unwrap().mixture;
        let walked = greedy(&inst, &mix);
        let searched = round(&inst, &mix);
        assert_eq!(searched.iter().sum::<usize>(), PANELS);
        let (probability, lowest) = limits(&inst, &mix);
        let worst = |counts: &[usize]| {
            let seats = seats(&inst, &mix, counts);
            (0..inst.types())
                .map(|t| strain(seats[t], inst.members[t].len(), probability[t], lowest))
                .fold(0.0, f64::max)
        };
        // On this pool the greedy walk leaves a type outside its limits; the search
        // brings every type within, and so every volunteer's share of the list.
        assert!(worst(&walked) > 1.0 && worst(&searched) <= 1.0);
        let p = mix.person_probabilities(&inst);
        let panels = expand(&inst, &mix, &searched);
        assert!(deviation(&inst, &panels, &p) <= MAX_GAP);
        assert!(lowest_shortfall(&panels, &p) <= LOWEST_GAP + 1e-12);
    }
}
