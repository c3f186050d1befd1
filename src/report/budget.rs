//! A participatory budget's two documents: the results of the vote (every project on
//! the ballot by votes, the envelope filled in vote order, the winners) and the
//! follow-up of the winners' delivery (progress, spending, delivered date).

use chrono::NaiveDate;

use super::layout::{Block, Document, Table};
use crate::domain::budget::{Edition, Project, delivery, fill_envelope};
use crate::domain::dispositif::Dispositif;
use crate::domain::text::{date_short, euros, integer, typography};

/// One of the two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Results,
    Delivery,
}

impl Paper {
    /// Its name, as logged and used in file names.
    pub fn title(self) -> &'static str {
        match self {
            Paper::Results => "Résultats du budget participatif",
            Paper::Delivery => "Suivi des réalisations du budget participatif",
        }
    }
}

/// The rule, said the same way on screen and on paper.
pub const RULE: &str = "Dans l’ordre des votes, chaque projet est lauréat si son coût tient dans ce qui reste de l’enveloppe ; sinon il est passé et le suivant est examiné.";

/// The document of `paper` for an edition and its projects.
pub fn build(
    paper: Paper,
    d: &Dispositif,
    e: &Edition,
    projects: &[Project],
    letterhead: &str,
    today: NaiveDate,
) -> Document {
    let title_of = |number: u32| {
        projects
            .iter()
            .find(|p| p.number == number)
            .map(|p| typography(&p.title))
            .unwrap_or_default()
    };
    let mut blocks = vec![Block::KeyValues(vec![
        ("Enveloppe".into(), euros(e.envelope_cents)),
        (
            "Règles".into(),
            typography(&format!(
                "{} au plus par projet{}",
                euros(e.max_project_cents),
                if e.investment_only {
                    " ; dépenses d’investissement seulement"
                } else {
                    ""
                }
            )),
        ),
        ("Projets déposés".into(), projects.len().to_string()),
    ])];
    match paper {
        Paper::Results => {
            let ranked = fill_envelope(e, projects);
            let votes: u64 = ranked.iter().map(|r| u64::from(r.votes)).sum();
            let winners = ranked.iter().filter(|r| r.winner).count();
            blocks.push(Block::Paragraph(typography(&format!(
                "{} projet(s) soumis au vote, {} vote(s) ; {winners} lauréat(s) pour {} de l’enveloppe.",
                ranked.len(),
                integer(votes as i64),
                euros(ranked.last().map_or(0, |r| r.used))
            ))));
            blocks.push(Block::Note(typography(RULE)));
            blocks.push(Block::Table(Table {
                columns: vec![
                    ("N°".into(), 0.6),
                    ("Projet".into(), 4.0),
                    ("Votes".into(), 1.0),
                    ("Coût estimé".into(), 1.5),
                    ("Résultat".into(), 1.3),
                    ("Enveloppe engagée".into(), 1.6),
                ],
                rows: ranked
                    .iter()
                    .map(|r| {
                        vec![
                            r.number.to_string(),
                            title_of(r.number),
                            integer(r.votes.into()),
                            euros(r.cost),
                            if r.winner { "lauréat" } else { "non retenu" }.into(),
                            euros(r.used),
                        ]
                    })
                    .collect(),
                ..Table::default()
            }));
        }
        Paper::Delivery => {
            let (delivered, delivering, spent, cost) = delivery(projects);
            blocks.push(Block::Paragraph(typography(&format!(
                "{delivered} projet(s) livré(s), {delivering} en réalisation ; {} dépensés pour {} de coûts estimés.",
                euros(spent),
                euros(cost)
            ))));
            let winners: Vec<&Project> = projects
                .iter()
                .filter(|p| {
                    p.stage >= crate::domain::codes::ProjectStage::Winner
                        && p.stage != crate::domain::codes::ProjectStage::NotChosen
                        && p.stage != crate::domain::codes::ProjectStage::Rejected
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    ("N°".into(), 0.6),
                    ("Projet".into(), 3.1),
                    ("Direction".into(), 2.0),
                    ("Avancement".into(), 1.6),
                    ("Dépensé".into(), 1.5),
                    ("Livré le".into(), 1.2),
                ],
                rows: winners
                    .iter()
                    .map(|p| {
                        vec![
                            p.number.to_string(),
                            typography(&p.title),
                            typography(&p.directorate),
                            format!("{}\u{202f}%", p.progress),
                            euros(p.spent_cents),
                            p.delivered_on.map(date_short).unwrap_or_default(),
                        ]
                    })
                    .collect(),
                ..Table::default()
            }));
        }
    }
    Document {
        letterhead: letterhead.to_string(),
        title: format!(
            "{} — {}",
            match paper {
                Paper::Results => "Résultats du vote",
                Paper::Delivery => "Suivi des réalisations",
            },
            d.title
        ),
        subtitle: format!("Édition {}", e.year),
        generated_on: today,
        blocks,
        ..Document::default()
    }
}
