//! LEXIMIN over the quota polytope: the fairest probabilities the quotas allow when
//! panels may be fractional. Every panel meets the quotas, so every mixture of panels
//! lies in that polytope; when its leximin point can be reached by a mixture of real
//! panels, it is therefore the LEXIMIN of the draw itself (the leximin point of a
//! convex set is unique). [`super::leximin`] tries that first: one round of column
//! generation instead of one per level.
//!
//! Probabilities are per type (people of one type are interchangeable, so the unique
//! optimum gives them one value). Each round maximises the lowest open probability z by
//! one interior-point solve (`clarabel`) of a small LP — one variable per type, one row
//! per quota bound and household — and fixes the types every optimum holds at z: those
//! whose row is tight with a positive dual in the strictly complementary solution the
//! interior point converges to.

use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, NonnegativeConeT, SolverStatus,
    SupportedConeT, ZeroConeT,
};

use super::instance::Instance;

/// A row of the LP: (variable, coefficient) terms, the bound b, in Σ a·x ≤ b.
type Row = (Vec<(usize, f64)>, f64);

/// The rows every panel mixture meets, on variables p_0..p_T (per-person probability
/// of each type): 0 ≤ p ≤ 1, the quotas and households. The panel size is apart (an
/// equality).
fn polytope(inst: &Instance, zero: &[usize]) -> Vec<Row> {
    let types = inst.types();
    let size = |t: usize| inst.members[t].len() as f64;
    let mut rows: Vec<Row> = Vec::new();
    for t in 0..types {
        rows.push((vec![(t, 1.0)], 1.0));
        rows.push((vec![(t, -1.0)], 0.0));
    }
    for &t in zero {
        rows.push((vec![(t, 1.0)], 0.0));
    }
    for (c, v, b) in inst.bounds() {
        let terms: Vec<(usize, f64)> = inst.types_with(c, v).map(|t| (t, size(t))).collect();
        if b.min > 0 {
            rows.push((
                terms.iter().map(|&(t, a)| (t, -a)).collect(),
                -f64::from(b.min),
            ));
        }
        if (b.max as usize) < inst.len() {
            rows.push((terms, f64::from(b.max)));
        }
    }
    for home in &inst.households {
        rows.push((home.iter().map(|&i| (inst.type_of[i], 1.0)).collect(), 1.0));
    }
    rows
}

/// The per-type probabilities of the leximin point of the quota polytope, with the
/// `zero` types (no panel holds them) at 0; `None` when the solver fails or the
/// quotas leave no fractional panel, and the caller goes the long way.
pub fn leximin(inst: &Instance, zero: &[usize]) -> Option<Vec<f64>> {
    let types = inst.types();
    let base = polytope(inst, zero);
    let mut fixed: Vec<Option<f64>> = (0..types)
        .map(|t| zero.contains(&t).then_some(0.0))
        .collect();
    while fixed.iter().any(Option::is_none) {
        let open: Vec<usize> = (0..types).filter(|&t| fixed[t].is_none()).collect();
        let (z, p, duals) = lowest(inst, &base, &fixed, &open)?;
        // Stuck: tight with a positive dual. Scale-free: the dual against the slack.
        let stuckness = |i: usize| {
            let slack = (p[open[i]] - z).max(0.0);
            duals[i] / (duals[i] + slack + 1e-15)
        };
        let top = (0..open.len()).max_by(|&a, &b| stuckness(a).total_cmp(&stuckness(b)))?;
        for (i, &t) in open.iter().enumerate() {
            if stuckness(i) > 0.5 || i == top {
                fixed[t] = Some((z - 1e-9).clamp(0.0, 1.0));
            }
        }
    }
    Some(fixed.into_iter().map(|f| f.unwrap_or(0.0)).collect())
}

/// Maximises z, the lowest probability of the `open` types, the fixed ones at their
/// value or more: z, the probabilities, and the dual of each open type's row.
fn lowest(
    inst: &Instance,
    base: &[Row],
    fixed: &[Option<f64>],
    open: &[usize],
) -> Option<(f64, Vec<f64>, Vec<f64>)> {
    let types = inst.types();
    let z = types;
    let n = types + 1;
    let (mut rows, mut cols, mut vals, mut b) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut push = |terms: &[(usize, f64)], bound: f64, b: &mut Vec<f64>| {
        let r = b.len();
        for &(col, a) in terms {
            rows.push(r);
            cols.push(col);
            vals.push(a);
        }
        b.push(bound);
    };
    // Zero cone: Σ n_t p_t = k.
    let size: Vec<(usize, f64)> = (0..types)
        .map(|t| (t, inst.members[t].len() as f64))
        .collect();
    push(&size, f64::from(inst.k), &mut b);
    // Nonnegative cone: the open rows first (their duals are read back), z − p_t ≤ 0.
    for &t in open {
        push(&[(t, -1.0), (z, 1.0)], 0.0, &mut b);
    }
    for (t, f) in fixed.iter().enumerate() {
        if let Some(f) = f {
            push(&[(t, -1.0)], -f, &mut b);
        }
    }
    for (terms, bound) in base {
        push(terms, *bound, &mut b);
    }
    let m = b.len();
    let a = CscMatrix::new_from_triplets(m, n, rows, cols, vals);
    let p = CscMatrix::<f64>::zeros((n, n));
    let mut q = vec![0.0; n];
    q[z] = -1.0;
    let cones: [SupportedConeT<f64>; 2] = [ZeroConeT(1), NonnegativeConeT(m - 1)];
    let settings = DefaultSettingsBuilder::default()
        .verbose(false)
        .max_iter(200)
        .tol_gap_abs(1e-10)
        .tol_gap_rel(1e-10)
        .tol_feas(1e-10)
        .build()
        .ok()?;
    let mut solver = DefaultSolver::new(&p, &q, &a, &b, &cones, settings).ok()?;
    solver.solve();
    let s = &solver.solution;
    if !matches!(s.status, SolverStatus::Solved | SolverStatus::AlmostSolved) {
        return None;
    }
    let duals = s.z[1..=open.len()].to_vec();
    Some((s.x[z], s.x[..types].to_vec(), duals))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sortition::instance::tests::small;

    #[test]
    fn the_relaxed_leximin_raises_the_scarce_and_keeps_the_quotas() {
        // Three women for one seat of four, five men for three: two levels.
        let (pool, quotas) = small(
            &[
                ("a", "F", "jeune"),
                ("b", "F", "âgé"),
                ("c", "F", "âgé"),
                ("d", "H", "âgé"),
                ("e", "H", "jeune"),
                ("f", "H", "âgé"),
                ("g", "H", "âgé"),
                ("h", "H", "jeune"),
            ],
            &[
                ("genre", "F", 1, 1),
                ("genre", "H", 3, 3),
                ("âge", "jeune", 0, 4),
                ("âge", "âgé", 0, 4),
            ],
        );
        let inst = Instance::new(&pool, &quotas, 4).unwrap();
        let p = leximin(&inst, &[]).unwrap();
        let person = |i: usize| p[inst.type_of[i]];
        let total: f64 = (0..inst.len()).map(person).sum();
        assert!((total - 4.0).abs() < 1e-6, "Σπ = k: {total}");
        for i in 0..inst.len() {
            let want = if i < 3 { 1.0 / 3.0 } else { 0.6 };
            assert!((person(i) - want).abs() < 1e-6, "{i}: {}", person(i));
        }
        // A type no panel holds stays at zero.
        let p = leximin(&inst, &[inst.type_of[0]]).unwrap();
        assert!(p[inst.type_of[0]].abs() < 1e-9);
    }
}
