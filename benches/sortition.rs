//! Panel draws on generated pools skewed as real pools are (older, more diplomas, some
//! sectors over-represented) so that the quotas bind: LEXIMIN where it finishes in
//! seconds, MAXIMIN everywhere, one pricing call, LEGACY, and the rounding into the
//! 1,000-panel lottery. Each case first prints one line of figures (time, LP and
//! pricing shares, rounds, panels, lowest probability against LEGACY's).
//!
//! Run with `cargo bench --bench sortition`; `SORTITION_CASE=1000x40` runs one case,
//! `SORTITION_DUMP=prefix` writes each portfolio's probabilities (one per volunteer).
//! Where `benches/data/` holds a case's exact probabilities, they are checked.

use std::time::{Duration, Instant};

use agora::domain::sortition::generated;
use agora::domain::sortition::instance::Instance;
use agora::domain::sortition::leximin::{self, Goal, PortfolioError};
use agora::domain::sortition::{legacy, lottery, pricing, seed::Draws};
use criterion::{Criterion, criterion_group, criterion_main};

/// A case: pool size, panel size, criteria (5, or 4 without the CSP), and whether
/// LEXIMIN is timed (else MAXIMIN only, and LEXIMIN is reported up to a deadline).
struct Case {
    n: usize,
    k: u32,
    criteria: usize,
    leximin: bool,
}

const CASES: &[Case] = &[
    Case {
        n: 300,
        k: 30,
        criteria: 5,
        leximin: true,
    },
    Case {
        n: 600,
        k: 40,
        criteria: 4,
        leximin: true,
    },
    Case {
        n: 1_000,
        k: 40,
        criteria: 5,
        leximin: false,
    },
    Case {
        n: 1_200,
        k: 48,
        criteria: 5,
        leximin: true,
    },
    Case {
        n: 2_000,
        k: 100,
        criteria: 5,
        leximin: true,
    },
    Case {
        n: 1_000,
        k: 100,
        criteria: 5,
        leximin: false,
    },
    Case {
        n: 2_000,
        k: 150,
        criteria: 5,
        leximin: false,
    },
];

/// How long LEXIMIN runs, where it is not timed, before its progress is reported.
const LEXIMIN_DEADLINE: Duration = Duration::from_secs(120);

fn instance(case: &Case) -> Instance {
    let keep = |c: &str| case.criteria == 5 || c != "CSP";
    let pool: Vec<_> = generated::pool(case.n, "banc d'essai")
        .into_iter()
        .map(|mut v| {
            v.attributes.retain(|(c, _)| keep(c));
            v
        })
        .collect();
    let quotas: Vec<_> = generated::quotas(case.k, 0.05)
        .into_iter()
        .filter(|q| keep(&q.criterion))
        .collect();
    Instance::new(&pool, &quotas, case.k).unwrap()
}

fn report(case: &Case, inst: &Instance, goal: Goal) -> Option<leximin::Outcome> {
    let start = Instant::now();
    let mut reached = None;
    let result = leximin::portfolio(inst, goal, |p| {
        reached = Some(p);
        case.leximin || goal == Goal::Maximin || start.elapsed() < LEXIMIN_DEADLINE
    });
    let seconds = start.elapsed().as_secs_f64();
    let out = match result {
        Ok(out) => out,
        Err(PortfolioError::Cancelled) => {
            let p = reached.expect("a cancelled run reported progress");
            eprintln!(
                "n={} k={}: {goal:?} stopped after {seconds:.0} s: round {}, {} of {} types fixed, {} panels",
                case.n, case.k, p.round, p.fixed_types, p.types, p.panels
            );
            return None;
        }
        Err(e) => panic!("{e}"),
    };
    let p = out.mixture.person_probabilities(inst);
    if let Ok(path) = std::env::var("SORTITION_DUMP") {
        let text: String = p.iter().map(|x| format!("{x:.9}\n")).collect();
        std::fs::write(format!("{path}-{goal:?}-{}x{}.txt", case.n, case.k), text).unwrap();
    }
    // The exact vector computed by column generation alone (before the short way),
    // stored: the probabilities must not move by more than 1e-4.
    let stored = format!(
        "{}/benches/data/{}-{}x{}.txt",
        env!("CARGO_MANIFEST_DIR"),
        format!("{goal:?}").to_lowercase(),
        case.n,
        case.k
    );
    if let Ok(text) = std::fs::read_to_string(&stored) {
        let exact: Vec<f64> = text.lines().map(|l| l.parse().unwrap()).collect();
        let worst = exact
            .iter()
            .zip(&p)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(worst < 1e-4, "{stored}: a probability moved by {worst}");
        eprintln!("{stored}: every probability within {worst:.1e} of the stored vector");
    }
    let low = p.iter().copied().fold(1.0, f64::min);
    let high = p.iter().copied().fold(0.0, f64::max);
    let copies = lottery::round(inst, &out.mixture);
    let panels = lottery::expand(inst, &out.mixture, &copies);
    let (legacy_p, _) = legacy::estimate(inst, "banc", 1_000);
    eprintln!(
        "n={} k={} ({} criteria, {} types): {goal:?} {seconds:.2} s (LP {:.2} s, pricing {:.2} s), \
         {} rounds, {} LP, {} pricing, {} panels; lowest {low:.4}, highest {high:.4}; \
         lottery deviation {:.4}, lowest share {:.4} below the lowest; LEGACY lowest {:.4} ({} at zero)",
        case.n,
        case.k,
        case.criteria,
        inst.types(),
        out.lp_seconds,
        out.pricing_seconds,
        out.rounds,
        out.lp_solves,
        out.pricing_calls,
        out.mixture.panels.len(),
        lottery::deviation(inst, &panels, &p),
        lottery::lowest_shortfall(&panels, &p),
        legacy_p.iter().copied().fold(1.0, f64::min),
        legacy_p.iter().filter(|&&x| x == 0.0).count(),
    );
    Some(out)
}

fn sortition_bench(c: &mut Criterion) {
    let only = std::env::var("SORTITION_CASE").ok();
    for case in CASES {
        if only
            .as_deref()
            .is_some_and(|c| c != format!("{}x{}", case.n, case.k))
        {
            continue;
        }
        let inst = instance(case);
        let maximin = report(case, &inst, Goal::Maximin).expect("MAXIMIN finishes");
        report(case, &inst, Goal::Leximin);
        let mut group = c.benchmark_group(format!("pool_{}_k_{}", case.n, case.k));
        group.sample_size(10);
        if case.leximin {
            group.bench_function("leximin", |b| {
                b.iter(|| leximin::portfolio(&inst, Goal::Leximin, |_| true).unwrap())
            });
        }
        group.bench_function("maximin", |b| {
            b.iter(|| leximin::portfolio(&inst, Goal::Maximin, |_| true).unwrap())
        });
        let w: Vec<f64> = (0..inst.types()).map(|t| 1.0 + (t % 7) as f64).collect();
        group.bench_function("one_pricing_call", |b| {
            b.iter(|| pricing::best_panel(&inst, &w).unwrap())
        });
        group.bench_function("legacy_one_panel", |b| {
            let mut d = Draws::new("banc");
            b.iter(|| legacy::draw(&inst, &mut d).unwrap())
        });
        group.bench_function("lottery_round_and_expand", |b| {
            b.iter(|| {
                let copies = lottery::round(&inst, &maximin.mixture);
                lottery::expand(&inst, &maximin.mixture, &copies)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, sortition_bench);
criterion_main!(benches);
