//! LEXIMIN and MAXIMIN (Flanigan, Gölz, Gupta, Hennig, Procaccia, *Fair algorithms
//! for selecting citizens' assemblies*, Nature 596, 2021).
//!
//! LEXIMIN first takes a short way: the leximin of the quota polytope (a few small
//! LPs, [`super::relaxed`]) decomposed into real panels by Carathéodory's descent
//! ([`super::decomposition`]). Every mixture of panels lies in that polytope, so a
//! mixture that reaches its leximin is the LEXIMIN of the draw (the optimum is
//! unique); on pools like real ones this is the usual case, and takes seconds. When
//! the descent meets a face with no panel, the long way below runs, from its panels.
//!
//! The long way, and MAXIMIN, by column generation.
//! Volunteers with the same values share one probability, so the model has one row
//! per type. Each round maximises z, the lowest probability of the types not yet fixed
//! (fixed ones keep theirs): column generation on the dual of the restricted master,
//! solved by `microlp`'s simplex and resumed from its basis as each panel found by the
//! pricing program of [`super::pricing`] adds a row, with pricing smoothed towards the
//! last interior duals. When no panel improves, one interior-point solve (`clarabel`)
//! of the master gives duals that are positive exactly for the types every optimum
//! holds at z: those are fixed at once, and the next round starts. MAXIMIN is the
//! first round.

use std::collections::HashSet;

use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, NonnegativeConeT, SolverStatus,
    SupportedConeT, ZeroConeT,
};

use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};

use super::decomposition::{self, Descent};
use super::instance::Instance;
use super::lottery::Mixture;
use super::pricing::{self, Counts, Priced, PricingError};
use super::relaxed;

/// Which fairness the portfolio aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// Maximise the lowest probability, then the next lowest, and so on.
    Leximin,
    /// Maximise the lowest probability only.
    Maximin,
}

/// What went wrong while computing a portfolio.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PortfolioError {
    #[error("{0}")]
    Pricing(#[from] PricingError),
    #[error("Le solveur de programmes linéaires a échoué ({0}).")]
    Lp(String),
    #[error("Calcul interrompu.")]
    Cancelled,
}

/// Where the computation stands, for a progress indicator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub round: usize,
    pub panels: usize,
    pub fixed_types: usize,
    pub types: usize,
    /// The lowest probability reached so far.
    pub lowest: f64,
    /// On the short way, the share of the portfolio's weight placed in panels so far
    /// (0 to 1, on a log scale); `None` in the rounds of the long way.
    pub placed: Option<f64>,
}

/// A portfolio and how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub mixture: Mixture,
    /// Types no feasible panel contains (their members cannot be selected).
    pub unreachable: Vec<usize>,
    pub rounds: usize,
    pub lp_solves: usize,
    pub pricing_calls: usize,
    /// Seconds spent in the LPs and in the pricing programs.
    pub lp_seconds: f64,
    pub pricing_seconds: f64,
}

/// The dual gap below which a panel does not count as improving.
const EPS: f64 = 1e-7;
/// The dual value above which a type is fixed at the round's optimum.
const FIX: f64 = 1e-5;
/// A round ends when its optimum is proven within this of the best bound: far below
/// the 0.001 a probability is published with.
const GAP: f64 = 1e-5;
/// The relative gap at which the pricing program may stop while panels are being
/// generated (its proven bound keeps the round's stopping test exact).
const PRICING_GAP: f64 = 1e-4;
/// How many branch-and-bound nodes one pricing program may explore before it returns
/// its best panel and bound. A count, not a time: which panels are generated, and so
/// the portfolio and its hashes, must not depend on the machine's speed.
const PRICING_NODES: u64 = 2_000;
/// The weight of the stability center in the smoothed pricing point.
const ALPHA: f64 = 0.5;

struct Master {
    /// Dual value per type (0 for fixed types' rows too, where positive).
    y: Vec<f64>,
    lambda: Vec<f64>,
}

/// The solution of a simplex solve, or why there is none.
fn simplex(
    outcome: Result<microlp::SolveOutcome, microlp::Error>,
) -> Result<microlp::Solution, PortfolioError> {
    outcome
        .map_err(|e| PortfolioError::Lp(e.to_string()))?
        .into_solution()
        .map_err(|_| PortfolioError::Lp("interrompu".into()))
}

/// Share of each type a panel holds: count / type size.
fn shares(inst: &Instance, panel: &Counts) -> Vec<(usize, f64)> {
    panel
        .iter()
        .enumerate()
        .filter(|(_, x)| **x > 0)
        .map(|(t, &x)| (t, f64::from(x) / inst.members[t].len() as f64))
        .collect()
}

fn settings() -> clarabel::solver::DefaultSettings<f64> {
    DefaultSettingsBuilder::default()
        .verbose(false)
        .max_iter(500)
        .build()
        .expect("the settings are valid")
}

/// The restricted master: variables λ (one per panel) then z.
/// `targets[t]`: `None` for a type whose probability must reach z, `Some(f)` for one
/// fixed at f. With `slack`, z becomes a shortfall ε allowed on every target
/// (minimised), for the final portfolio when every type is fixed.
fn solve_master(
    inst: &Instance,
    panels: &[Vec<(usize, f64)>],
    targets: &[Option<f64>],
    slack: bool,
) -> Result<Master, PortfolioError> {
    let m = panels.len();
    let n = m + 1;
    let types = inst.types();
    let (mut rows, mut cols, mut vals, mut b) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // Row 0: Σλ = 1 (zero cone).
    for j in 0..m {
        rows.push(0);
        cols.push(j);
        vals.push(1.0);
    }
    b.push(1.0);
    // Rows 1..=types: −Σ share·λ (+ z) ≤ −target (nonnegative cone).
    let mut per_type: Vec<Vec<(usize, f64)>> = vec![Vec::new(); types];
    for (j, p) in panels.iter().enumerate() {
        for &(t, s) in p {
            per_type[t].push((j, s));
        }
    }
    for (t, entries) in per_type.iter().enumerate() {
        let row = 1 + t;
        for &(j, s) in entries {
            rows.push(row);
            cols.push(j);
            vals.push(-s);
        }
        match (targets[t], slack) {
            (None, _) => {
                rows.push(row);
                cols.push(m);
                vals.push(1.0);
                b.push(0.0);
            }
            (Some(f), true) => {
                rows.push(row);
                cols.push(m);
                vals.push(-1.0);
                b.push(-f);
            }
            (Some(f), false) => b.push(-f),
        }
    }
    // λ ≥ 0.
    for j in 0..m {
        rows.push(1 + types + j);
        cols.push(j);
        vals.push(-1.0);
        b.push(0.0);
    }
    let a = CscMatrix::new_from_triplets(1 + types + m, n, rows, cols, vals);
    let p = CscMatrix::<f64>::zeros((n, n));
    let mut q = vec![0.0; n];
    q[m] = if slack { 1.0 } else { -1.0 };
    let cones: [SupportedConeT<f64>; 2] = [ZeroConeT(1), NonnegativeConeT(types + m)];
    let mut solver = DefaultSolver::new(&p, &q, &a, &b, &cones, settings())
        .map_err(|e| PortfolioError::Lp(format!("{e:?}")))?;
    solver.solve();
    let s = &solver.solution;
    // InsufficientProgress still returns the best iterate, within the targets' margin.
    if !matches!(
        s.status,
        SolverStatus::Solved | SolverStatus::AlmostSolved | SolverStatus::InsufficientProgress
    ) {
        return Err(PortfolioError::Lp(format!("{:?}", s.status)));
    }
    Ok(Master {
        y: s.z[1..=types].to_vec(),
        lambda: s.x[..m].iter().map(|l| l.max(0.0)).collect(),
    })
}

/// The panels found so far, each once, and the work done.
struct Search<'a, P> {
    inst: &'a Instance,
    found: HashSet<Counts>,
    panels: Vec<Counts>,
    progress: P,
    rounds: usize,
    lp_solves: usize,
    pricing_calls: usize,
    lp_seconds: f64,
    pricing_seconds: f64,
}

impl<'a, P: FnMut(Progress) -> bool> Search<'a, P> {
    fn new(inst: &'a Instance, progress: P) -> Self {
        Search {
            inst,
            found: HashSet::new(),
            panels: Vec::new(),
            progress,
            rounds: 0,
            lp_solves: 0,
            pricing_calls: 0,
            lp_seconds: 0.0,
            pricing_seconds: 0.0,
        }
    }

    /// The short way to LEXIMIN: the leximin of the quota polytope
    /// ([`relaxed::leximin`]), decomposed into real panels without any LP
    /// ([`decomposition::descend`]). When the descent succeeds the mixture reaches the
    /// relaxed optimum, which is then the LEXIMIN itself; when it fails (`None`), its
    /// panels stay for the column generation.
    fn shortcut(&mut self) -> Result<Option<Outcome>, PortfolioError> {
        let inst = self.inst;
        let clock = std::time::Instant::now();
        let levels = relaxed::leximin(inst, &[]);
        self.lp_seconds += clock.elapsed().as_secs_f64();
        self.lp_solves += 1;
        let Some(levels) = levels else {
            return Ok(None);
        };
        let lowest = levels.iter().copied().fold(1.0, f64::min);
        let clock = std::time::Instant::now();
        let mut cancelled = false;
        let progress = &mut self.progress;
        let descent = decomposition::descend(inst, &levels, |panels, placed| {
            cancelled = !progress(Progress {
                round: 1,
                panels,
                fixed_types: 0,
                types: inst.types(),
                lowest,
                placed: Some(placed),
            });
            !cancelled
        })?;
        self.pricing_seconds += clock.elapsed().as_secs_f64();
        if cancelled {
            return Err(PortfolioError::Cancelled);
        }
        match descent {
            Descent::Reached(mixture) => {
                self.pricing_calls += mixture.panels.len();
                Ok(Some(Outcome {
                    mixture: mixture.merged(),
                    unreachable: Vec::new(),
                    rounds: 1,
                    lp_solves: self.lp_solves,
                    pricing_calls: self.pricing_calls,
                    lp_seconds: self.lp_seconds,
                    pricing_seconds: self.pricing_seconds,
                }))
            }
            Descent::Stuck(panels) => {
                self.pricing_calls += panels.len();
                for panel in panels {
                    self.add(panel);
                }
                Ok(None)
            }
        }
    }

    fn add(&mut self, panel: Counts) -> bool {
        if self.found.insert(panel.clone()) {
            self.panels.push(panel);
            true
        } else {
            false
        }
    }

    /// A panel within [`PRICING_GAP`] of the best at `weights`, and the bound on the
    /// best; with `exact`, the best itself — unless [`PRICING_NODES`] run out first,
    /// when the round then stops on what it has proven.
    fn price_near(&mut self, weights: &[f64], exact: bool) -> Result<Priced, PortfolioError> {
        let clock = std::time::Instant::now();
        let gap = if exact { 0.0 } else { PRICING_GAP };
        let priced = pricing::near_best_panel(self.inst, weights, gap, Some(PRICING_NODES))?;
        self.pricing_seconds += clock.elapsed().as_secs_f64();
        self.pricing_calls += 1;
        Ok(priced)
    }

    fn price(&mut self, weights: &[f64]) -> Result<Counts, PortfolioError> {
        Ok(self.price_near(weights, false)?.counts)
    }

    /// Pricing weights per person of each type from duals per type.
    fn weights(&self, y: &[f64]) -> Vec<f64> {
        y.iter()
            .enumerate()
            .map(|(t, y)| y.max(0.0) / self.inst.members[t].len() as f64)
            .collect()
    }

    fn report(&mut self, targets: &[Option<f64>], lowest: f64) -> Result<(), PortfolioError> {
        let go = (self.progress)(Progress {
            round: self.rounds,
            panels: self.panels.len(),
            fixed_types: targets.iter().filter(|t| t.is_some()).count(),
            types: targets.len(),
            lowest,
            placed: None,
        });
        if go {
            Ok(())
        } else {
            Err(PortfolioError::Cancelled)
        }
    }

    /// The interior-point master over every panel found.
    fn master(&mut self, targets: &[Option<f64>], slack: bool) -> Result<Master, PortfolioError> {
        let clock = std::time::Instant::now();
        let columns: Vec<Vec<(usize, f64)>> =
            self.panels.iter().map(|p| shares(self.inst, p)).collect();
        let m = solve_master(self.inst, &columns, targets, slack)?;
        self.lp_seconds += clock.elapsed().as_secs_f64();
        self.lp_solves += 1;
        Ok(m)
    }

    /// Column generation on the dual by simplex (returns the round's optimum, the
    /// lowest probability z reached): each new panel is one more row, and the solve
    /// resumes from the previous basis. Pricing is stabilised (Wentges): panels are
    /// priced at a point between the best dual point found so far (the stability
    /// center) and the simplex vertex, which avoids the long tail of tiny steps. Every
    /// pricing gives a Lagrangian upper bound on the round's optimum; the round ends
    /// when no panel improves, or when the bound is within [`GAP`] of the lower bound
    /// the restricted master proves.
    fn generate(
        &mut self,
        targets: &[Option<f64>],
        center: Option<Vec<f64>>,
    ) -> Result<f64, PortfolioError> {
        let types = self.inst.types();
        let clock = std::time::Instant::now();
        let mut dual = Problem::new(OptimizationDirection::Minimize);
        let y: Vec<Variable> = (0..types)
            .map(|t| dual.add_var(-targets[t].unwrap_or(0.0), (0.0, f64::INFINITY)))
            .collect();
        let mu = dual.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY));
        dual.add_constraint(
            (0..types)
                .filter(|&t| targets[t].is_none())
                .map(|t| (y[t], 1.0)),
            ComparisonOp::Eq,
            1.0,
        );
        let inst = self.inst;
        let row = |panel: &Counts| {
            let mut terms: Vec<(Variable, f64)> = shares(inst, panel)
                .into_iter()
                .map(|(t, a)| (y[t], a))
                .collect();
            terms.push((mu, -1.0));
            terms
        };
        let mut in_lp: HashSet<Counts> = HashSet::new();
        for panel in &self.panels {
            dual.add_constraint(row(panel), ComparisonOp::Le, 0.0);
            in_lp.insert(panel.clone());
        }
        let mut solution = simplex(dual.solve())?;
        self.lp_seconds += clock.elapsed().as_secs_f64();
        self.lp_solves += 1;
        // A dual point is valid for the bound when it is nonnegative and sums to 1 over
        // the open types.
        let normalise = |mut v: Vec<f64>| -> Option<Vec<f64>> {
            v.iter_mut().for_each(|x| *x = x.max(0.0));
            let open: f64 = (0..types)
                .filter(|&t| targets[t].is_none())
                .map(|t| v[t])
                .sum();
            (open > 1e-12).then(|| v.into_iter().map(|x| x / open).collect())
        };
        // The bound at a dual point π: the best panel's value at π, less what the fixed
        // types' targets take.
        let fixed_part = |pi: &[f64]| -> f64 {
            (0..types)
                .filter_map(|t| targets[t].map(|f| f * pi[t]))
                .sum()
        };
        let mut center = center.and_then(normalise);
        let mut best_bound = f64::INFINITY;
        loop {
            let z = solution.objective();
            self.report(targets, z)?;
            let duals: Vec<f64> = y.iter().map(|&v| solution.var_value(v)).collect();
            let mu_value = solution.var_value(mu);
            let improves = |panel: &Counts, w: &[f64]| {
                let value: f64 = panel.iter().zip(w).map(|(&x, w)| f64::from(x) * w).sum();
                value > mu_value + EPS * mu_value.abs().max(1.0)
            };
            let at_vertex = self.weights(&duals);
            let mut found = None;
            if let Some(c) = &center {
                let point: Vec<f64> = c
                    .iter()
                    .zip(&duals)
                    .map(|(c, d)| ALPHA * c + (1.0 - ALPHA) * d)
                    .collect();
                let w = self.weights(&point);
                let priced = self.price_near(&w, false)?;
                let panel = priced.counts;
                let bound = priced.bound - fixed_part(&point);
                if bound < best_bound {
                    best_bound = bound;
                    center = Some(point);
                }
                if improves(&panel, &at_vertex) {
                    found = Some(panel);
                }
            }
            if best_bound - z <= GAP {
                return Ok(z);
            }
            if found.is_none() {
                // Misprice, or no center yet: the vertex itself decides, exactly when the
                // near-best panel does not improve but the bound leaves room.
                let mut priced = self.price_near(&at_vertex, false)?;
                let room = |p: &Priced| p.bound > mu_value + EPS * mu_value.abs().max(1.0);
                if !improves(&priced.counts, &at_vertex) && room(&priced) {
                    priced = self.price_near(&at_vertex, true)?;
                }
                let bound = priced.bound - fixed_part(&duals);
                if bound < best_bound {
                    best_bound = bound;
                    center = Some(duals.clone());
                }
                if !improves(&priced.counts, &at_vertex) || best_bound - z <= GAP {
                    return Ok(z);
                }
                found = Some(priced.counts);
            }
            let panel = found.expect("set above");
            self.add(panel.clone());
            if !in_lp.insert(panel.clone()) {
                // Already a row: only rounding made it look improving.
                return Ok(z);
            }
            let clock = std::time::Instant::now();
            dual.add_constraint(row(&panel), ComparisonOp::Le, 0.0);
            // A warm solve that stalls (degenerate pivots) is redone from scratch.
            solution = match simplex(solution.add_constraint(row(&panel), ComparisonOp::Le, 0.0)) {
                Ok(s) => s,
                Err(_) => simplex(dual.solve())?,
            };
            self.lp_seconds += clock.elapsed().as_secs_f64();
            self.lp_solves += 1;
        }
    }
}

/// Computes a LEXIMIN (or MAXIMIN) portfolio. `progress` is called after each LP and
/// returns `false` to cancel.
pub fn portfolio(
    inst: &Instance,
    goal: Goal,
    progress: impl FnMut(Progress) -> bool,
) -> Result<Outcome, PortfolioError> {
    let mut s = Search::new(inst, progress);
    if goal == Goal::Leximin
        && let Some(outcome) = s.shortcut()?
    {
        return Ok(outcome);
    }
    columns(s, goal)
}

/// LEXIMIN (or MAXIMIN) by column generation, round after round, from the panels the
/// search already holds.
fn columns<P: FnMut(Progress) -> bool>(
    mut s: Search<'_, P>,
    goal: Goal,
) -> Result<Outcome, PortfolioError> {
    let inst = s.inst;
    let types = inst.types();
    // A first set of diverse panels: multiplicative weights.
    let mut w = vec![1.0; types];
    let starts = (3 * types / inst.k.max(1) as usize + 20).min(200);
    let mut covered = vec![false; types];
    for _ in 0..starts {
        let panel = s.price(&w)?;
        for (t, &x) in panel.iter().enumerate() {
            if x > 0 {
                covered[t] = true;
                w[t] *= 1.0 - 0.2 * f64::from(x) / inst.members[t].len() as f64;
            }
        }
        let mean = w.iter().sum::<f64>() / types as f64;
        w.iter_mut().for_each(|x| *x /= mean);
        s.add(panel);
    }
    // Every type not yet in a panel: one call to find it a panel, or learn it has none.
    let mut unreachable = Vec::new();
    for t in 0..types {
        if covered[t] {
            continue;
        }
        let mut only = vec![0.0; types];
        only[t] = 1.0;
        let mut panel = s.price(&only)?;
        if panel[t] == 0 {
            // Only the exact optimum proves that no panel holds the type: no budget.
            let clock = std::time::Instant::now();
            panel = pricing::near_best_panel(inst, &only, 0.0, None)?.counts;
            s.pricing_seconds += clock.elapsed().as_secs_f64();
            s.pricing_calls += 1;
        }
        if panel[t] == 0 {
            unreachable.push(t);
        } else {
            for (u, &x) in panel.iter().enumerate() {
                covered[u] |= x > 0;
            }
            s.add(panel);
        }
    }
    let mut targets: Vec<Option<f64>> = (0..types)
        .map(|t| unreachable.contains(&t).then_some(0.0))
        .collect();
    let mut last: Option<Master> = None;
    while targets.iter().any(Option::is_none) {
        s.rounds += 1;
        let center = last.as_ref().map(|m| m.y.clone());
        let z = s.generate(&targets, center)?;
        let master = s.master(&targets, false)?;
        if goal == Goal::Maximin {
            last = Some(master);
            break;
        }
        // Fix the types the interior optimum holds at z (at least the one with the
        // largest dual), at the simplex's value a hair below: the simplex solution is
        // exactly feasible, so the next round's targets stay reachable.
        let open: Vec<usize> = (0..types).filter(|&t| targets[t].is_none()).collect();
        let top = open
            .iter()
            .copied()
            .max_by(|&a, &b| master.y[a].total_cmp(&master.y[b]));
        for &t in &open {
            if master.y[t] > FIX || Some(t) == top {
                targets[t] = Some((z - 1e-9).max(0.0));
            }
        }
        last = Some(master);
    }
    let lambda = match goal {
        Goal::Maximin => last.map(|m| m.lambda).unwrap_or_default(),
        Goal::Leximin => s.master(&targets, true)?.lambda,
    };
    let total: f64 = lambda.iter().sum();
    let (mut kept, mut weights) = (Vec::new(), Vec::new());
    for (panel, l) in std::mem::take(&mut s.panels).into_iter().zip(lambda) {
        if l / total > 1e-9 {
            kept.push(panel);
            weights.push(l / total);
        }
    }
    let sum: f64 = weights.iter().sum();
    weights.iter_mut().for_each(|w| *w /= sum);
    Ok(Outcome {
        mixture: Mixture {
            panels: kept,
            weights,
        },
        unreachable,
        rounds: s.rounds,
        lp_solves: s.lp_solves,
        pricing_calls: s.pricing_calls,
        lp_seconds: s.lp_seconds,
        pricing_seconds: s.pricing_seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sortition::instance::tests::small;
    use microlp::{ComparisonOp, OptimizationDirection, Problem};

    /// Every feasible panel of a tiny instance, person by person.
    fn all_panels(inst: &Instance) -> Vec<Vec<usize>> {
        let n = inst.len();
        (0u32..(1 << n))
            .filter(|mask| mask.count_ones() == inst.k)
            .map(|mask| (0..n).filter(|i| mask & (1 << i) != 0).collect::<Vec<_>>())
            .filter(|p| inst.is_feasible(p))
            .collect()
    }

    /// The leximin probabilities by their definition, over every feasible panel and
    /// every person (no types, no duals): raise the lowest, then fix whoever cannot
    /// go higher, and again.
    fn brute_force(inst: &Instance) -> Vec<f64> {
        let panels = all_panels(inst);
        let n = inst.len();
        let reachable: Vec<bool> = (0..n)
            .map(|i| panels.iter().any(|p| p.contains(&i)))
            .collect();
        let mut fixed: Vec<Option<f64>> = (0..n).map(|i| (!reachable[i]).then_some(0.0)).collect();
        // The highest z with every open person at z or more, fixed ones at their value.
        let lowest = |fixed: &[Option<f64>]| -> f64 {
            let mut p = Problem::new(OptimizationDirection::Maximize);
            let l: Vec<_> = panels.iter().map(|_| p.add_var(0.0, (0.0, 1.0))).collect();
            let z = p.add_var(1.0, (0.0, 1.0));
            p.add_constraint(l.iter().map(|&v| (v, 1.0)), ComparisonOp::Eq, 1.0);
            for (i, f) in fixed.iter().enumerate() {
                let mut terms: Vec<_> = panels
                    .iter()
                    .zip(&l)
                    .filter(|(pl, _)| pl.contains(&i))
                    .map(|(_, &v)| (v, 1.0))
                    .collect();
                match f {
                    Some(f) => p.add_constraint(terms, ComparisonOp::Ge, f - 1e-9),
                    None => {
                        terms.push((z, -1.0));
                        p.add_constraint(terms, ComparisonOp::Ge, 0.0)
                    }
                }
            }
            p.solve().unwrap().into_solution().unwrap().var_value(z)
        };
        while fixed.iter().any(Option::is_none) {
            let z = lowest(&fixed);
            let open: Vec<usize> = (0..n).filter(|&i| fixed[i].is_none()).collect();
            let mut stuck = Vec::new();
            for &i in &open {
                // The highest π_i with every open person at z or more.
                let mut p = Problem::new(OptimizationDirection::Maximize);
                let l: Vec<_> = panels
                    .iter()
                    .map(|pl| p.add_var(if pl.contains(&i) { 1.0 } else { 0.0 }, (0.0, 1.0)))
                    .collect();
                p.add_constraint(l.iter().map(|&v| (v, 1.0)), ComparisonOp::Eq, 1.0);
                for (j, f) in fixed.iter().enumerate() {
                    let terms: Vec<_> = panels
                        .iter()
                        .zip(&l)
                        .filter(|(pl, _)| pl.contains(&j))
                        .map(|(_, &v)| (v, 1.0))
                        .collect();
                    p.add_constraint(terms, ComparisonOp::Ge, f.unwrap_or(z) - 1e-9);
                }
                let best = p.solve().unwrap().into_solution().unwrap().objective();
                if best <= z + 1e-7 {
                    stuck.push(i);
                }
            }
            assert!(!stuck.is_empty());
            for i in stuck {
                fixed[i] = Some(z);
            }
        }
        fixed.into_iter().map(Option::unwrap).collect()
    }

    fn check(people: &[(&str, &str, &str)], quotas: &[(&str, &str, u32, u32)], k: u32) {
        let (pool, quotas) = small(people, quotas);
        check_instance(Instance::new(&pool, &quotas, k).unwrap());
    }

    fn check_instance(inst: Instance) {
        let k = inst.k;
        let out = portfolio(&inst, Goal::Leximin, |_| true).unwrap();
        for p in &out.mixture.panels {
            assert!(
                inst.is_feasible(&pricing::people(&inst, p)),
                "every panel meets the quotas"
            );
        }
        let got = out.mixture.person_probabilities(&inst);
        assert!(
            (got.iter().sum::<f64>() - f64::from(k)).abs() < 1e-6,
            "Σπ = k"
        );
        let want = brute_force(&inst);
        let mut a = got.clone();
        let mut b = want.clone();
        a.sort_by(f64::total_cmp);
        b.sort_by(f64::total_cmp);
        for (x, y) in a.iter().zip(&b) {
            assert!(
                (x - y).abs() < 1e-4,
                "leximin {got:?} vs brute force {want:?}"
            );
        }
    }

    #[test]
    fn leximin_keeps_one_person_per_household_and_matches_brute_force() {
        let (mut pool, quotas) = small(
            &[
                ("a", "F", "jeune"),
                ("b", "H", "jeune"),
                ("c", "F", "âgé"),
                ("d", "H", "âgé"),
                ("e", "F", "âgé"),
                ("f", "H", "jeune"),
                ("g", "F", "jeune"),
            ],
            &[
                ("genre", "F", 1, 2),
                ("genre", "H", 1, 2),
                ("âge", "jeune", 1, 2),
                ("âge", "âgé", 1, 2),
            ],
        );
        // a and b live together, so do c and d; g gives no household.
        for (i, home) in [
            (0, "12 rue Alsace"),
            (1, "12 RUE ALSACE"),
            (2, "3 av. Jaurès"),
            (3, "3 av. Jaurès"),
            (4, "8 quai Perrière"),
            (5, "1 place Grenette"),
        ] {
            pool[i].attributes.push(("foyer".into(), home.into()));
        }
        let inst = Instance::one_per_household(&pool, &quotas, 3).unwrap();
        assert_eq!(inst.households.len(), 2, "case and spaces ignored");
        // a (F, jeune) and g (F, jeune) are no longer interchangeable.
        assert_ne!(inst.type_of[0], inst.type_of[6]);
        assert!(!inst.is_feasible(&[0, 1, 4]), "a and b share a household");
        assert!(
            inst.is_feasible(&[0, 3, 5])
                || !Instance::new(&pool, &quotas, 3)
                    .unwrap()
                    .is_feasible(&[0, 3, 5])
        );
        check_instance(inst);
    }

    #[test]
    fn leximin_matches_brute_force_on_small_pools() {
        // Women are scarce: each woman's probability is forced up to 1/2·…
        check(
            &[
                ("a", "F", "jeune"),
                ("b", "F", "âgé"),
                ("c", "H", "âgé"),
                ("d", "H", "âgé"),
                ("e", "H", "jeune"),
                ("f", "H", "âgé"),
                ("g", "H", "âgé"),
            ],
            &[
                ("genre", "F", 1, 1),
                ("genre", "H", 2, 2),
                ("âge", "jeune", 1, 2),
                ("âge", "âgé", 1, 2),
            ],
            3,
        );
        check(
            &[
                ("a", "F", "jeune"),
                ("b", "F", "jeune"),
                ("c", "F", "âgé"),
                ("d", "H", "âgé"),
                ("e", "H", "âgé"),
                ("f", "H", "âgé"),
                ("g", "H", "jeune"),
                ("h", "F", "âgé"),
            ],
            &[
                ("genre", "F", 2, 2),
                ("genre", "H", 2, 2),
                ("âge", "jeune", 2, 3),
                ("âge", "âgé", 1, 2),
            ],
            4,
        );
        // Someone nobody can select: a young man when young men are excluded by the
        // quotas (at most 0 young… and every man must be old).
        check(
            &[
                ("a", "F", "jeune"),
                ("b", "F", "âgé"),
                ("c", "H", "âgé"),
                ("d", "H", "jeune"),
                ("e", "H", "âgé"),
            ],
            &[
                ("genre", "F", 1, 1),
                ("genre", "H", 1, 1),
                ("âge", "jeune", 0, 1),
                ("âge", "âgé", 1, 2),
            ],
            2,
        );
    }

    #[test]
    fn the_short_way_gives_the_probabilities_of_the_long_way() {
        let pool = crate::domain::sortition::generated::pool(200, "descente");
        let quotas = crate::domain::sortition::generated::quotas(20, 0.05);
        let inst = Instance::new(&pool, &quotas, 20).unwrap();
        let mut steps = 0;
        let short = portfolio(&inst, Goal::Leximin, |p| {
            steps += usize::from(p.placed.is_some_and(|x| (0.0..=1.0).contains(&x)));
            true
        })
        .unwrap();
        assert_eq!(
            short.lp_solves, 1,
            "one relaxed leximin, no column generation"
        );
        assert!(steps > 0, "the descent reports its progress");
        let long = columns(Search::new(&inst, |_| true), Goal::Leximin).unwrap();
        let (a, b) = (
            short.mixture.person_probabilities(&inst),
            long.mixture.person_probabilities(&inst),
        );
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() < 1e-5, "{x} against {y}");
        }
        for p in &short.mixture.panels {
            assert!(inst.is_feasible(&pricing::people(&inst, p)));
        }
        assert!(
            portfolio(&inst, Goal::Leximin, |_| false).is_err(),
            "cancel stops the descent"
        );
    }

    #[test]
    fn maximin_reaches_the_same_lowest_probability() {
        let (pool, quotas) = small(
            &[
                ("a", "F", "jeune"),
                ("b", "F", "âgé"),
                ("c", "H", "âgé"),
                ("d", "H", "âgé"),
                ("e", "H", "jeune"),
            ],
            &[
                ("genre", "F", 1, 1),
                ("genre", "H", 1, 2),
                ("âge", "jeune", 1, 1),
                ("âge", "âgé", 1, 2),
            ],
        );
        let inst = Instance::new(&pool, &quotas, 2).unwrap();
        let lex = portfolio(&inst, Goal::Leximin, |_| true).unwrap();
        let max = portfolio(&inst, Goal::Maximin, |_| true).unwrap();
        let low = |o: &Outcome| {
            o.mixture
                .person_probabilities(&inst)
                .into_iter()
                .fold(1.0, f64::min)
        };
        assert!((low(&lex) - low(&max)).abs() < 1e-6);
        assert!(
            portfolio(&inst, Goal::Leximin, |_| false).is_err(),
            "cancel stops it"
        );
    }
}
