//! Replacing a panel member who withdraws so that every quota still holds: among the
//! volunteers not on the panel, those whose entry keeps the panel feasible (someone of
//! the same values always does), one drawn with the named generator.

use super::instance::Instance;
use super::seed::Draws;

/// The candidates who can take `leaving`'s seat (person indices, in pool order).
pub fn candidates(inst: &Instance, panel: &[usize], leaving: usize) -> Vec<usize> {
    let rest: Vec<usize> = panel.iter().copied().filter(|&p| p != leaving).collect();
    (0..inst.len())
        .filter(|p| !panel.contains(p))
        .filter(|&p| {
            let mut with = rest.clone();
            with.push(p);
            inst.is_feasible(&with)
        })
        .collect()
}

/// The replacement drawn from `seed` among the candidates not `excluded` (people
/// already drawn: reserves, earlier withdrawals), or `None` when nobody can keep the
/// quotas.
pub fn replace(
    inst: &Instance,
    panel: &[usize],
    leaving: usize,
    excluded: &[usize],
    seed: &str,
) -> Option<usize> {
    let mut c = candidates(inst, panel, leaving);
    c.retain(|p| !excluded.contains(p));
    (!c.is_empty()).then(|| c[Draws::new(seed).below(c.len() as u64) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sortition::instance::tests::small;

    #[test]
    fn a_replacement_keeps_every_quota_and_follows_the_seed() {
        let (pool, quotas) = small(
            &[
                ("a", "F", "jeune"),
                ("b", "F", "âgé"),
                ("c", "H", "âgé"),
                ("d", "H", "jeune"),
                ("e", "F", "jeune"),
                ("f", "H", "âgé"),
            ],
            &[
                ("genre", "F", 1, 1),
                ("genre", "H", 1, 1),
                ("âge", "jeune", 1, 1),
                ("âge", "âgé", 1, 1),
            ],
        );
        let inst = Instance::new(&pool, &quotas, 2).unwrap();
        let panel = [0, 2]; // a (F, jeune) and c (H, âgé)
        assert!(inst.is_feasible(&panel));
        // a leaves: only a young woman keeps both quotas, that is e.
        assert_eq!(candidates(&inst, &panel, 0), vec![4]);
        assert_eq!(replace(&inst, &panel, 0, &[], "retrait"), Some(4));
        // c leaves: f (H, âgé) only.
        let r = replace(&inst, &panel, 2, &[], "retrait").unwrap();
        let mut after = vec![0, r];
        after.sort_unstable();
        assert!(inst.is_feasible(&after));
        assert_eq!(
            replace(&inst, &panel, 2, &[], "retrait"),
            Some(r),
            "same seed, same person"
        );
    }
}
