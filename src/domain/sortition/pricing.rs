//! The one integer program every method needs (solved by `microlp`, branch and bound):
//! a quota-feasible panel maximising a weight per type, one integer variable per type
//! bounded by its size; and, when no panel can meet the quotas, the smallest relaxation
//! of the quotas that lets one.

use microlp::{ComparisonOp, Error, OptimizationDirection, Problem, Variable};

use super::instance::Instance;

/// What the solver could not do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    #[error("Aucun panel ne respecte tous les quotas.")]
    Infeasible,
    #[error("Le solveur de programmes en nombres entiers a échoué : {0}")]
    Solver(String),
}

/// A panel as counts per type.
pub type Counts = Vec<u32>;

/// The integer program of a panel in `face`: maximising Σ weight × count, or with
/// `relax`, minimising the seats by which the quotas must move (the slacks returned).
fn model(
    inst: &Instance,
    weights: &[f64],
    face: &Face,
    relax: bool,
) -> (Problem, Vec<Variable>, Vec<(Variable, Variable)>) {
    let mut p = Problem::new(if relax {
        OptimizationDirection::Minimize
    } else {
        OptimizationDirection::Maximize
    });
    let x: Vec<Variable> = face
        .types
        .iter()
        .enumerate()
        .map(|(t, &(lo, hi))| {
            p.add_integer_var(if relax { 0.0 } else { weights[t] }, (lo as i32, hi as i32))
        })
        .collect();
    p.add_constraint(
        x.iter().map(|&v| (v, 1.0)),
        ComparisonOp::Eq,
        f64::from(inst.k),
    );
    // One person per household: its members are types of one person each.
    for (home, &full) in inst.households.iter().zip(&face.households_full) {
        let op = if full {
            ComparisonOp::Eq
        } else {
            ComparisonOp::Le
        };
        p.add_constraint(
            home.iter().map(|&person| (x[inst.type_of[person]], 1.0)),
            op,
            1.0,
        );
    }
    let mut slacks = Vec::new();
    for ((c, v, _), &(min, max)) in inst.bounds().zip(&face.quotas) {
        let terms: Vec<(Variable, f64)> = inst.types_with(c, v).map(|t| (x[t], 1.0)).collect();
        if relax {
            // Below the minimum by `lo`, above the maximum by `hi`, each costing 1.
            let lo = p.add_integer_var(1.0, (0, inst.k as i32));
            let hi = p.add_integer_var(1.0, (0, inst.k as i32));
            let mut ge = terms.clone();
            ge.push((lo, 1.0));
            p.add_constraint(ge, ComparisonOp::Ge, f64::from(min));
            let mut le = terms;
            le.push((hi, -1.0));
            p.add_constraint(le, ComparisonOp::Le, f64::from(max));
            slacks.push((lo, hi));
        } else if min == max {
            // As one equality: the descent's faces pin quotas, and branch and bound
            // finds their panels far sooner this way than with two inequalities.
            p.add_constraint(terms, ComparisonOp::Eq, f64::from(min));
        } else {
            if min > 0 {
                p.add_constraint(terms.clone(), ComparisonOp::Ge, f64::from(min));
            }
            if (max as usize) < inst.len() {
                p.add_constraint(terms, ComparisonOp::Le, f64::from(max));
            }
        }
    }
    (p, x, slacks)
}

/// A panel found by branch and bound stopped at a relative gap, with the proven upper
/// bound on the best panel's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub counts: Counts,
    /// No quota-feasible panel is worth more than this.
    pub bound: f64,
}

/// A quota-feasible panel within a relative `gap` of the largest Σ weight × count, and
/// the bound that proves it (the exact optimum when `gap` is 0). With a `node_limit`,
/// the search stops after that many branch-and-bound nodes and returns its best panel
/// and bound so far: a count, so the result does not depend on the machine's speed.
pub fn near_best_panel(
    inst: &Instance,
    weights: &[f64],
    gap: f64,
    node_limit: Option<u64>,
) -> Result<Priced, PricingError> {
    let top = weights.iter().copied().fold(0.0, f64::max);
    let clean: Vec<f64> = weights
        .iter()
        .map(|&w| if w > top * 1e-7 { w } else { 0.0 })
        .collect();
    let (p, x, _) = model(inst, &clean, &Face::whole(inst), false);
    let mut options = microlp::SolveOptions::default();
    options.mip_gap = gap;
    options.node_limit = node_limit;
    let fail = |e: Error| match e {
        Error::Infeasible => PricingError::Infeasible,
        e => PricingError::Solver(e.to_string()),
    };
    let mut outcome = p.solve_with(options).map_err(fail)?;
    // A node limit reached before any panel was found: search on, limit by limit.
    while outcome.solution().is_none() {
        outcome = outcome.resume().map_err(fail)?;
    }
    let solution = outcome
        .into_solution()
        .map_err(|_| PricingError::Solver("interrompu".into()))?;
    let counts: Counts = x
        .iter()
        .map(|&v| solution.var_value(v).round().max(0.0) as u32)
        .collect();
    let value: f64 = counts
        .iter()
        .zip(weights)
        .map(|(&c, w)| f64::from(c) * w)
        .sum();
    // The weights left out above could add at most this much.
    let dropped: f64 = weights
        .iter()
        .zip(&clean)
        .zip(&inst.members)
        .map(|((w, c), m)| (w - c) * m.len() as f64)
        .sum();
    let proven = match solution.status() {
        microlp::SolutionStatus::Optimal => solution.objective(),
        microlp::SolutionStatus::Feasible => solution.stats().best_bound.unwrap_or(f64::INFINITY),
    };
    Ok(Priced {
        counts,
        bound: proven.max(value) + dropped,
    })
}

/// Where a panel must lie: per type, the least and most people of it; per quota bound
/// (in [`Instance::bounds`] order), the least and most; per household, whether it
/// must have exactly one member on the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Face {
    pub types: Vec<(u32, u32)>,
    pub quotas: Vec<(u32, u32)>,
    pub households_full: Vec<bool>,
}

impl Face {
    /// Every panel: each type from none to all its members, the quotas as set.
    pub fn whole(inst: &Instance) -> Face {
        Face {
            types: inst.members.iter().map(|m| (0, m.len() as u32)).collect(),
            quotas: inst.bounds().map(|(_, _, b)| (b.min, b.max)).collect(),
            households_full: vec![false; inst.households.len()],
        }
    }
}

/// The panel with the largest Σ weight × count among those in `face`, or `None` when
/// there is none or none was found within `node_limit` branch-and-bound nodes.
pub fn best_in_face(
    inst: &Instance,
    weights: &[f64],
    face: &Face,
    node_limit: u64,
) -> Result<Option<Counts>, PricingError> {
    let (p, x, _) = model(inst, weights, face, false);
    let mut options = microlp::SolveOptions::default();
    options.node_limit = Some(node_limit);
    let outcome = match p.solve_with(options) {
        Ok(o) => o,
        Err(Error::Infeasible) => return Ok(None),
        Err(e) => return Err(PricingError::Solver(e.to_string())),
    };
    let Some(solution) = outcome.solution() else {
        return Ok(None);
    };
    Ok(Some(
        x.iter()
            .map(|&v| solution.var_value(v).round().max(0.0) as u32)
            .collect(),
    ))
}

/// The quota-feasible panel with the largest Σ weight × count (weights per person of
/// each type), as counts per type.
pub fn best_panel(inst: &Instance, weights: &[f64]) -> Result<Counts, PricingError> {
    Ok(near_best_panel(inst, weights, 0.0, None)?.counts)
}

/// Whether some panel meets every quota.
pub fn feasible(inst: &Instance) -> Result<bool, PricingError> {
    match best_panel(inst, &vec![0.0; inst.types()]) {
        Ok(_) => Ok(true),
        Err(PricingError::Infeasible) => Ok(false),
        Err(e) => Err(e),
    }
}

/// One quota moved by the smallest relaxation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relaxed {
    pub criterion: String,
    pub value: String,
    pub min: u32,
    pub max: u32,
    pub new_min: u32,
    pub new_max: u32,
}

/// The quotas to move, by as few seats in all as possible, so that a panel exists
/// (empty when the quotas can already be met).
pub fn relaxation(inst: &Instance) -> Result<Vec<Relaxed>, PricingError> {
    let (p, _, slacks) = model(inst, &[], &Face::whole(inst), true);
    let solution = match p.solve() {
        Ok(outcome) => outcome
            .into_solution()
            .map_err(|_| PricingError::Solver("interrompu".into()))?,
        Err(e) => return Err(PricingError::Solver(e.to_string())),
    };
    let mut out = Vec::new();
    for ((c, _, b), (lo, hi)) in inst.bounds().zip(slacks) {
        let (lo, hi) = (
            solution.var_value(lo).round() as u32,
            solution.var_value(hi).round() as u32,
        );
        if lo > 0 || hi > 0 {
            out.push(Relaxed {
                criterion: inst.criteria[c].name.clone(),
                value: b.value.clone(),
                min: b.min,
                max: b.max,
                new_min: b.min.saturating_sub(lo),
                new_max: b.max + hi,
            });
        }
    }
    Ok(out)
}

/// Turns counts per type into people: the first members of each type.
pub fn people(inst: &Instance, counts: &[u32]) -> Vec<usize> {
    let mut out: Vec<usize> = counts
        .iter()
        .enumerate()
        .flat_map(|(t, &x)| inst.members[t].iter().copied().take(x as usize))
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sortition::instance::tests::small;

    #[test]
    fn the_best_panel_meets_the_quotas_and_follows_the_weights() {
        let (pool, quotas) = small(
            &[
                ("a", "F", "jeune"),
                ("b", "F", "âgé"),
                ("c", "H", "âgé"),
                ("d", "H", "jeune"),
            ],
            &[
                ("genre", "F", 1, 1),
                ("genre", "H", 1, 1),
                ("âge", "jeune", 0, 2),
                ("âge", "âgé", 0, 2),
            ],
        );
        let inst = Instance::new(&pool, &quotas, 2).unwrap();
        let a = inst.type_of[0];
        let d = inst.type_of[3];
        let mut w = vec![0.1; inst.types()];
        w[a] = 5.0;
        w[d] = 4.0;
        let panel = people(&inst, &best_panel(&inst, &w).unwrap());
        assert_eq!(panel, vec![0, 3]);
        assert!(inst.is_feasible(&panel));
        assert!(feasible(&inst).unwrap());
        assert!(relaxation(&inst).unwrap().is_empty());
    }

    #[test]
    fn conflicting_quotas_are_named_with_the_smallest_relaxation() {
        // Two women in the pool, three required; and at most one young person among
        // a pool where every woman is young.
        let (pool, quotas) = small(
            &[
                ("a", "F", "jeune"),
                ("b", "F", "jeune"),
                ("c", "H", "âgé"),
                ("d", "H", "âgé"),
                ("e", "H", "jeune"),
            ],
            &[
                ("genre", "F", 2, 3),
                ("genre", "H", 0, 3),
                ("âge", "jeune", 0, 1),
                ("âge", "âgé", 0, 3),
            ],
        );
        let inst = Instance::new(&pool, &quotas, 3).unwrap();
        assert!(!feasible(&inst).unwrap());
        let r = relaxation(&inst).unwrap();
        assert_eq!(r.len(), 1, "{r:?}");
        let moved = &r[0];
        let one_seat = (moved.min - moved.new_min) + (moved.new_max - moved.max);
        assert_eq!(one_seat, 1);
        assert!(
            (moved.value == "F" && moved.new_min == 1)
                || (moved.value == "jeune" && moved.new_max == 2),
            "{moved:?}"
        );
    }
}
