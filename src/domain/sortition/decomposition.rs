//! A mixture of real panels with given probabilities, found without any LP by
//! Carathéodory's descent on the quota polytope: take a panel on the smallest face of
//! the polytope that holds the target, move the target away from that panel as far as
//! the polytope allows (a new constraint becomes tight, so the face shrinks), and
//! again, until the target is a panel itself. Each step costs one integer program;
//! there are at most as many steps as types, plus one.
//!
//! It succeeds when every face met holds a real panel; otherwise it says so, and the
//! caller generates columns instead (the panels found still help it). A success is
//! checked: the mixture's expected count of every type is recomputed and compared.

use super::instance::Instance;
use super::lottery::Mixture;
use super::pricing::{self, Counts, Face, PricingError};

/// A constraint counts as tight within this (in people).
const TIGHT: f64 = 1e-7;
/// How many branch-and-bound nodes one step's integer program may explore.
const NODES: u64 = 2_000;
/// The descent stops when the weight left to place is below this; the panels taken
/// share it in proportion, which moves no probability by more than this (far below the
/// 1e-4 the probabilities are checked to), while the last steps of an exact descent
/// would divide rounding errors by as small a weight.
const LEFT: f64 = 1e-6;

/// The outcome of a descent.
pub enum Descent {
    /// Every step found a panel and the mixture's probabilities check.
    Reached(Mixture),
    /// A face held no panel, the check failed, or the descent was stopped: the panels
    /// taken so far, for the column generation.
    Stuck(Vec<Counts>),
}

/// Decomposes the per-type probabilities `levels` into a mixture of panels. After each
/// step `go` is told how many panels were taken and the share of the weight placed
/// (on a log scale, 0 to 1); when it returns `false` the descent stops, unfinished.
pub fn descend(
    inst: &Instance,
    levels: &[f64],
    mut go: impl FnMut(usize, f64) -> bool,
) -> Result<Descent, PricingError> {
    let types = inst.types();
    let size: Vec<f64> = inst.members.iter().map(|m| m.len() as f64).collect();
    let target: Vec<f64> = levels.iter().zip(&size).map(|(l, n)| l * n).collect();
    // The residual, in expected people per type; Σ = k throughout.
    let mut r = target.clone();
    let mut left = 1.0;
    let (mut panels, mut weights) = (Vec::new(), Vec::new());
    let groups: Vec<(usize, usize, u32, u32)> = inst
        .bounds()
        .map(|(c, v, b)| (c, v, b.min, b.max))
        .collect();
    let quota_sum =
        |r: &[f64], c: usize, v: usize| -> f64 { inst.types_with(c, v).map(|t| r[t]).sum() };
    let home_sum = |r: &[f64], h: usize| -> f64 {
        inst.households[h]
            .iter()
            .map(|&i| r[inst.type_of[i]] / size[inst.type_of[i]])
            .sum()
    };
    for _ in 0..=types + 1 {
        if left < LEFT {
            let total: f64 = weights.iter().sum();
            weights.iter_mut().for_each(|w| *w /= total);
            break;
        }
        let face = Face {
            types: (0..types)
                .map(|t| {
                    if r[t] <= TIGHT {
                        (0, 0)
                    } else if r[t] >= size[t] - TIGHT {
                        let n = inst.members[t].len() as u32;
                        (n, n)
                    } else {
                        (0, inst.members[t].len() as u32)
                    }
                })
                .collect(),
            quotas: groups
                .iter()
                .map(|&(c, v, lo, hi)| {
                    let s = quota_sum(&r, c, v);
                    if s <= f64::from(lo) + TIGHT {
                        (lo, lo)
                    } else if s >= f64::from(hi) - TIGHT {
                        (hi, hi)
                    } else {
                        (lo, hi)
                    }
                })
                .collect(),
            households_full: (0..inst.households.len())
                .map(|h| home_sum(&r, h) >= 1.0 - TIGHT)
                .collect(),
        };
        let weights_now: Vec<f64> = r.iter().zip(&size).map(|(r, n)| r / n).collect();
        let Some(y) = pricing::best_in_face(inst, &weights_now, &face, NODES)? else {
            return Ok(Descent::Stuck(panels));
        };
        let yf: Vec<f64> = y.iter().map(|&x| f64::from(x)).collect();
        // The largest θ with (r − θy)/(1 − θ) still in the polytope.
        let mut theta: f64 = 1.0;
        let mut bound = |num: f64, den: f64| {
            if den > 1e-12 {
                theta = theta.min((num / den).max(0.0));
            }
        };
        for t in 0..types {
            // ≥ 0: θ·y ≤ r. ≤ n: θ·(n − y) ≤ n − r.
            bound(r[t], yf[t]);
            bound(size[t] - r[t], size[t] - yf[t]);
        }
        for &(c, v, lo, hi) in &groups {
            let (s, sy) = (quota_sum(&r, c, v), quota_sum(&yf, c, v));
            // (s − θ·sy)/(1 − θ) ≥ lo ⇔ θ·(sy − lo) ≤ s − lo; ≤ hi likewise.
            bound(s - f64::from(lo), sy - f64::from(lo));
            bound(f64::from(hi) - s, f64::from(hi) - sy);
        }
        for h in 0..inst.households.len() {
            let (s, sy) = (home_sum(&r, h), home_sum(&yf, h));
            bound(1.0 - s, 1.0 - sy);
        }
        if theta >= 1.0 - 1e-12 {
            // The residual is this panel.
            panels.push(y);
            weights.push(left);
            break;
        }
        panels.push(y);
        weights.push(left * theta);
        left *= 1.0 - theta;
        if !go(panels.len(), (left.ln() / LEFT.ln()).clamp(0.0, 1.0)) {
            return Ok(Descent::Stuck(panels));
        }
        for t in 0..types {
            r[t] = ((r[t] - theta * yf[t]) / (1.0 - theta)).clamp(0.0, size[t]);
        }
    }
    // The check: the mixture's probabilities against the levels.
    let total: f64 = weights.iter().sum();
    let mixture = Mixture { panels, weights };
    let exact = (total - 1.0).abs() < 1e-9
        && mixture
            .type_probabilities(inst)
            .iter()
            .zip(levels)
            .all(|(got, want)| (got - want).abs() < 10.0 * LEFT);
    Ok(if exact {
        Descent::Reached(mixture)
    } else {
        Descent::Stuck(mixture.panels)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sortition::{generated, relaxed};

    #[test]
    fn the_descent_reaches_the_levels_with_panels_that_meet_the_quotas() {
        let pool = generated::pool(200, "descente");
        let quotas = generated::quotas(20, 0.05);
        let inst = Instance::new(&pool, &quotas, 20).unwrap();
        let levels = relaxed::leximin(&inst, &[]).unwrap();
        let mut calls = 0;
        let descent = descend(&inst, &levels, |_, placed| {
            assert!((0.0..=1.0).contains(&placed));
            calls += 1;
            true
        })
        .unwrap();
        let Descent::Reached(mix) = descent else {
            panic!("generated pools decompose")
        };
        assert!(calls + 1 >= mix.panels.len(), "a report after each step");
        assert!(mix.panels.len() <= inst.types() + 1);
        assert!((mix.weights.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        for p in &mix.panels {
            assert!(inst.is_feasible(&pricing::people(&inst, p)));
        }
        for (got, want) in mix.type_probabilities(&inst).iter().zip(&levels) {
            assert!((got - want).abs() < 1e-5, "{got} against {want}");
        }
        // Stopped at once: no mixture, the first panel kept.
        let stopped = descend(&inst, &levels, |_, _| false).unwrap();
        assert!(matches!(stopped, Descent::Stuck(p) if p.len() == 1));
    }
}
