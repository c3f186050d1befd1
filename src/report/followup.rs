//! The follow-up table of a convention's proposals, for directors and élus: counts
//! by status and theme, then each proposal with its status, directorate, progress,
//! the city's latest answer and the members' grade.

use chrono::NaiveDate;

use super::layout::{Block, Document, Table};
use crate::domain::convention::Convention;
use crate::domain::proposal::{Answer, Proposal, count_by_status, count_by_theme};
use crate::domain::text;

/// The document's name, as logged and used in file names.
pub const DOCUMENT: &str = "Suivi des propositions";

/// The table as a document; each proposal comes with its answers, oldest first.
pub fn build(
    c: &Convention,
    proposals: &[(Proposal, Vec<Answer>)],
    letterhead: &str,
    today: NaiveDate,
) -> Document {
    let list: Vec<Proposal> = proposals.iter().map(|(p, _)| p.clone()).collect();
    let mut blocks = vec![Block::KeyValues(vec![
        ("Convention".into(), c.title.clone()),
        ("Propositions".into(), text::integer(list.len() as i64)),
        ("Engagement de la Ville".into(), c.commitment.clone()),
    ])];
    blocks.push(Block::Heading(1, "Où en sont les propositions".into()));
    blocks.push(Block::Table(Table {
        columns: vec![("Statut".into(), 3.0), ("Propositions".into(), 1.0)],
        rows: count_by_status(&list)
            .into_iter()
            .map(|(s, n)| vec![s.label().to_string(), n.to_string()])
            .collect(),
        ..Table::default()
    }));
    blocks.push(Block::Table(Table {
        columns: vec![("Thème".into(), 3.0), ("Propositions".into(), 1.0)],
        rows: count_by_theme(&list)
            .into_iter()
            .map(|(t, n)| vec![t, n.to_string()])
            .collect(),
        ..Table::default()
    }));
    blocks.push(Block::Heading(
        1,
        "Suivi proposition par proposition".into(),
    ));
    if proposals.is_empty() {
        blocks.push(Block::Note(
            "La convention n'a pas encore de propositions.".into(),
        ));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                ("N°".into(), 0.45),
                ("Proposition".into(), 2.6),
                ("Statut".into(), 1.55),
                ("Direction".into(), 1.95),
                ("%".into(), 0.8),
                ("Dernière réponse de la Ville".into(), 3.1),
                ("Note".into(), 0.8),
            ],
            rows: proposals
                .iter()
                .map(|(p, answers)| {
                    let last = answers
                        .last()
                        .map(|a| {
                            format!(
                                "{} — {}",
                                text::date_short(a.date),
                                text::typography(&a.text)
                            )
                        })
                        .unwrap_or_else(|| "—".into());
                    vec![
                        p.number.to_string(),
                        text::typography(&p.title),
                        p.status.label().to_string(),
                        p.directorate.clone(),
                        format!("{}\u{202F}%", p.progress),
                        last,
                        p.members_grade
                            .map(|g| format!("{g}/10"))
                            .unwrap_or_else(|| "—".into()),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }
    Document {
        letterhead: letterhead.to_string(),
        title: format!("Suivi des propositions — {}", c.title),
        subtitle: format!("Situation au {}", text::date_long(today)),
        generated_on: today,
        blocks,
        watermark: None,
        stamp: None,
        cover: None,
    }
}
