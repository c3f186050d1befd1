//! The calls for projects as the printed documents show them: one table (funder and
//! call, deadline, status, amounts) and the sentence of totals, for the rapport
//! d'activité and the dossier de convention.

use super::layout::{Block, Table};
use crate::domain::funding::{self, Call};
use crate::domain::text::{self, typography};

/// « N appel(s) à projets suivi(s) ; X demandé(s) dans les appels déposés, Y
/// accordé(s). », then the table.
pub fn blocks(calls: &[Call]) -> Vec<Block> {
    let amount = |c: Option<i64>| c.map(text::euros).unwrap_or_else(|| "—".into());
    let (asked, granted) = funding::totals(calls);
    vec![
        Block::Paragraph(tf!(
            "{} appel(s) à projets suivi(s) ; {} demandé(s) dans les appels déposés, {} accordé(s).",
            calls.len(),
            text::euros(asked),
            text::euros(granted)
        )),
        Block::Table(Table {
            columns: vec![
                ("Financeur et appel".into(), 4.0),
                ("Dépôt".into(), 1.4),
                ("Statut".into(), 1.4),
                ("Demandé".into(), 1.5),
                ("Accordé".into(), 1.5),
            ],
            rows: calls
                .iter()
                .map(|c| {
                    vec![
                        typography(&format!("{} — {}", c.funder, c.title)),
                        c.deadline.map(text::date_short).unwrap_or_default(),
                        c.status.label().to_string(),
                        amount(c.asked_cents),
                        amount(c.granted_cents),
                    ]
                })
                .collect(),
            ..Table::default()
        }),
    ]
}
