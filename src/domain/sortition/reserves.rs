//! Reserves (remplaçant·e·s) drawn the same way as the panel: the volunteers of the
//! published panels half the list further on (the drawn number plus 500, then plus
//! 501, and so on) who are not on the panel, in the order the list gives them; and the
//! reserve who takes a withdrawn member's seat: the first in that order whose entry
//! keeps every quota met.

use super::instance::Instance;
use super::lottery::PANELS;

/// The first panel the reserves are read from, for panel `number`.
pub fn first_reserve_panel(number: usize) -> usize {
    (number + PANELS / 2) % PANELS
}

/// Up to `count` reserves for panel `number` of `panels` (ids), in order.
pub fn reserves(panels: &[Vec<String>], number: usize, count: usize) -> Vec<String> {
    let Some(panel) = panels.get(number) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::with_capacity(count);
    let start = first_reserve_panel(number);
    for step in 0..panels.len() {
        if out.len() >= count {
            break;
        }
        for id in &panels[(start + step) % panels.len()] {
            if out.len() < count && !panel.contains(id) && !out.contains(id) {
                out.push(id.clone());
            }
        }
    }
    out
}

/// The first of `reserves` (person indices, in order) who can take `leaving`'s seat on
/// `panel` with every quota still met.
pub fn first_fitting(
    inst: &Instance,
    panel: &[usize],
    leaving: usize,
    reserves: &[usize],
) -> Option<usize> {
    let rest: Vec<usize> = panel.iter().copied().filter(|&p| p != leaving).collect();
    reserves.iter().copied().find(|r| {
        if rest.contains(r) {
            return false;
        }
        let mut with = rest.clone();
        with.push(*r);
        inst.is_feasible(&with)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reserves_come_from_the_panels_half_the_list_further_on() {
        let mut panels = vec![ids(&["a", "b"]); PANELS];
        panels[500] = ids(&["a", "c"]);
        panels[501] = ids(&["d", "c"]);
        panels[502] = ids(&["e", "f"]);
        assert_eq!(reserves(&panels, 0, 3), ids(&["c", "d", "e"]));
        assert_eq!(reserves(&panels, 0, 1), ids(&["c"]));
        // Panel 999's reserves start at panel 499 and wrap around the list.
        assert_eq!(first_reserve_panel(999), 499);
        // Never someone on the panel, never twice, even when few people are left.
        let few = vec![ids(&["a", "b"]); PANELS];
        assert!(reserves(&few, 3, 5).is_empty());
    }

    #[test]
    fn the_first_reserve_who_keeps_the_quotas_takes_the_seat() {
        use crate::domain::sortition::{generated, legacy, replacement, seed::Draws};
        let inst = Instance::new(
            &generated::pool(80, "reserves"),
            &generated::quotas(10, 0.05),
            10,
        )
        .unwrap();
        let panel = legacy::draw(&inst, &mut Draws::new("panel")).unwrap();
        let outside: Vec<usize> = (0..inst.len()).filter(|p| !panel.contains(p)).collect();
        // A member whose seat not everyone outside can take.
        let (leaving, fitting) = panel
            .iter()
            .map(|&m| (m, replacement::candidates(&inst, &panel, m)))
            .find(|(_, f)| !f.is_empty() && f.len() < outside.len())
            .expect("the quotas bind for some seat");
        let chosen = first_fitting(&inst, &panel, leaving, &outside).unwrap();
        assert_eq!(chosen, fitting[0], "the first in order who fits");
        let unfit: Vec<usize> = outside
            .iter()
            .copied()
            .filter(|p| !fitting.contains(p))
            .collect();
        assert_eq!(first_fitting(&inst, &panel, leaving, &unfit), None);
    }
}
