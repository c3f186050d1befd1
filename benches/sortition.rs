//! Panel draws on generated pools of 300, 1,000 and 2,000 volunteers with 5 criteria,
//! skewed as real pools are so that the quotas bind: LEXIMIN, MAXIMIN, one pricing
//! call, LEGACY, and the rounding into the 1,000-panel lottery.
//!
//! Run with `cargo bench --bench sortition`; `SORTITION_CASE=1000x40` runs one case,
//! `SORTITION_GOAL=maximin` reports MAXIMIN's figures.

use agora::domain::sortition::generated;
use agora::domain::sortition::instance::Instance;
use agora::domain::sortition::leximin::{self, Goal};
use agora::domain::sortition::{legacy, lottery, pricing, seed::Draws};
use criterion::{Criterion, criterion_group, criterion_main};

fn sortition_bench(c: &mut Criterion) {
    let all: &[(usize, u32)] = &[(300, 30), (1_000, 40), (1_000, 100), (2_000, 150)];
    // SORTITION_CASE=1000x40 runs one case only.
    let only = std::env::var("SORTITION_CASE").ok();
    for &(n, k) in all {
        if only.as_deref().is_some_and(|c| c != format!("{n}x{k}")) {
            continue;
        }
        let pool = generated::pool(n, "banc d'essai");
        let inst = Instance::new(&pool, &generated::quotas(k, 0.05), k).unwrap();
        let mut group = c.benchmark_group(format!("pool_{n}_k_{k}"));
        group.sample_size(10);
        let start = std::time::Instant::now();
        // SORTITION_GOAL=maximin reports MAXIMIN instead.
        let goal = match std::env::var("SORTITION_GOAL").as_deref() {
            Ok("maximin") => Goal::Maximin,
            _ => Goal::Leximin,
        };
        let out = leximin::portfolio(&inst, goal, |_| true).unwrap();
        let p = out.mixture.person_probabilities(&inst);
        let low = p.iter().copied().fold(1.0, f64::min);
        let high = p.iter().copied().fold(0.0, f64::max);
        let copies = lottery::round(&inst, &out.mixture);
        let panels = lottery::expand(&inst, &out.mixture, &copies);
        let (legacy_p, _) = legacy::estimate(&inst, "banc", 1_000);
        eprintln!(
            "n={n} k={k}: {} types; {goal:?} {:.2} s (LP {:.2} s, pricing {:.2} s), {} rounds, {} LP, {} pricing, {} panels; \
             lowest {low:.4}, highest {high:.4}; lottery deviation {:.4}; LEGACY lowest {:.4} \
             ({} at zero)",
            inst.types(),
            start.elapsed().as_secs_f64(),
            out.lp_seconds,
            out.pricing_seconds,
            out.rounds,
            out.lp_solves,
            out.pricing_calls,
            out.mixture.panels.len(),
            lottery::deviation(&inst, &panels, &p),
            legacy_p.iter().copied().fold(1.0, f64::min),
            legacy_p.iter().filter(|&&x| x == 0.0).count(),
        );
        group.bench_function("leximin", |b| {
            b.iter(|| leximin::portfolio(&inst, Goal::Leximin, |_| true).unwrap())
        });
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
                let copies = lottery::round(&inst, &out.mixture);
                lottery::expand(&inst, &out.mixture, &copies)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, sortition_bench);
criterion_main!(benches);
