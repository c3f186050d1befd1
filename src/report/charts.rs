//! Charts several documents draw the same way: a panel against its quotas, and a group
//! of people against the city's population.

use super::layout::{Bar, BarChart, Block};
use crate::domain::sortition::QuotaCheck;
use crate::domain::sortition::reference::Reference;

/// The panel's count for each quota beside its range.
pub(super) fn quotas(composition: &[QuotaCheck]) -> Block {
    let met = composition.iter().filter(|q| q.met()).count();
    Block::Chart(BarChart {
        bars: composition
            .iter()
            .map(|q| Bar {
                label: format!("{} : {}", q.quota.criterion, q.quota.value),
                value: q.count as f32,
                target: Some((q.quota.min as f32, q.quota.max as f32)),
                caption: format!("{} (de {} à {})", q.count, q.quota.min, q.quota.max),
            })
            .collect(),
        legend: tf!(
            "{met} quotas respectés sur {}. Barre verte : dans la fourchette ; orange : hors fourchette ; zone claire : fourchette visée.",
            composition.len()
        ),
    })
}

/// Each value's share among `who` (`counts` follows `r.shares`) beside its share of the
/// population the table describes (its shares rescaled to 100: an age table may leave
/// the youngest out). `None` when nobody's value is known.
pub(super) fn against_population(r: &Reference, counts: &[u32], who: &str) -> Option<Block> {
    let known: u32 = counts.iter().sum();
    if known == 0 {
        return None;
    }
    Some(Block::Chart(BarChart {
        bars: r
            .shares
            .iter()
            .zip(r.percentages())
            .zip(counts)
            .map(|(((value, _), theirs), n)| {
                let ours = *n as f64 / known as f64 * 100.0;
                Bar {
                    label: format!("{} : {value}", r.criterion),
                    value: ours as f32,
                    // Within 5 points of the population counts as close.
                    target: Some(((theirs - 5.0).max(0.0) as f32, (theirs + 5.0) as f32)),
                    caption: format!("{ours:.0} % (population {theirs:.0} %)"),
                }
            })
            .collect(),
        legend: tf!(
            "Part de chaque catégorie parmi {who} dont le critère « {} » est connu ({known}) ; zone claire : la part dans la population à 5 points près. Source : {}{}.",
            r.criterion,
            r.source,
            r.year.map(|y| format!(", {y}")).unwrap_or_default()
        ),
    }))
}
