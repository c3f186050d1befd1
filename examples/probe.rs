use agora::domain::sortition::generated;
use agora::domain::sortition::instance::Instance;
use agora::domain::sortition::leximin::{self, Goal};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args[1].parse().unwrap();
    let k: u32 = args[2].parse().unwrap();
    let goal = if args.get(3).map(String::as_str) == Some("maximin") {
        Goal::Maximin
    } else {
        Goal::Leximin
    };
    let drop_csp = args.get(4).map(String::as_str) == Some("4");
    let pool: Vec<_> = generated::pool(n, "banc d'essai")
        .into_iter()
        .map(|mut v| {
            if drop_csp {
                v.attributes.retain(|(c, _)| c != "CSP");
            }
            v
        })
        .collect();
    let mut quotas = generated::quotas(k, 0.05);
    if drop_csp {
        quotas.retain(|q| q.criterion != "CSP");
    }
    let inst = Instance::new(&pool, &quotas, k).unwrap();
    let start = std::time::Instant::now();
    let mut last = std::time::Instant::now();
    let out = leximin::portfolio(&inst, goal, |p| {
        if last.elapsed().as_secs_f64() > 2.0 {
            eprintln!(
                "  {:.1}s round {} panels {} fixed {}/{} low {:.4}",
                start.elapsed().as_secs_f64(),
                p.round,
                p.panels,
                p.fixed_types,
                p.types,
                p.lowest
            );
            last = std::time::Instant::now();
        }
        true
    })
    .unwrap();
    let p = out.mixture.person_probabilities(&inst);
    let low = p.iter().copied().fold(1.0, f64::min);
    println!(
        "n={n} k={k} types={} {goal:?} {:.2}s LP {:.2}s ({}) pricing {:.2}s ({}) rounds {} panels {} lowest {low:.5}",
        inst.types(),
        start.elapsed().as_secs_f64(),
        out.lp_seconds,
        out.lp_solves,
        out.pricing_seconds,
        out.pricing_calls,
        out.rounds,
        out.mixture.panels.len()
    );
}
