//! The charter's two documents for the council and the public: the text with, under
//! each article, « ce qui a changé et pourquoi » (the contributions retained, whole or
//! in part, with the answer published to each) and the pactes signed under it; and the
//! table of every contribution with what became of it and why. Contributors are not
//! named: a contribution is said by where it came from (a workshop, a meeting, in
//! writing).

use chrono::NaiveDate;

use super::layout::{Block, Document, Table};
use crate::domain::charter::{Article, Charter, Contribution, Pacte, count_by_state};
use crate::domain::text::{self, typography};

/// Which of the two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// The text with what changed and why.
    Text,
    /// The table of contributions and their answers.
    Contributions,
}

impl Paper {
    /// Its name, as logged and used in file names.
    pub fn title(self) -> &'static str {
        match self {
            Paper::Text => "Charte et ce qui a changé",
            Paper::Contributions => "Contributions à la charte et réponses",
        }
    }
}

/// What the documents print, gathered by the export.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub charter: Charter,
    pub articles: Vec<Article>,
    pub contributions: Vec<Contribution>,
    pub pactes: Vec<Pacte>,
    /// Where each contribution came from, by its id (« Atelier du 12/03/2026 »).
    pub origins: Vec<(crate::domain::ids::ContributionId, String)>,
}

impl Facts {
    fn origin(&self, c: &Contribution) -> String {
        self.origins
            .iter()
            .find(|(id, _)| *id == c.id)
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| "Contribution écrite".into())
    }

    fn article_label(&self, c: &Contribution) -> String {
        match c
            .article
            .and_then(|a| self.articles.iter().position(|x| x.id == a))
        {
            Some(i) => format!("Art. {}", i + 1),
            None => "Tout le texte".into(),
        }
    }
}

fn adoption(c: &Charter) -> String {
    match c.adopted_on {
        Some(d) => typography(&format!(
            "Adoptée par le conseil municipal le {} (délibération {}).",
            text::date_long(d),
            c.deliberation
        )),
        None => "Projet : pas encore adopté par le conseil municipal.".into(),
    }
}

/// Lays `paper` out.
pub fn build(paper: Paper, f: &Facts, letterhead: &str, today: NaiveDate) -> Document {
    let mut blocks = Vec::new();
    match paper {
        Paper::Text => text_paper(f, &mut blocks),
        Paper::Contributions => table_paper(f, &mut blocks),
    }
    Document {
        letterhead: letterhead.to_string(),
        title: typography(&f.charter.title),
        subtitle: match paper {
            Paper::Text => adoption(&f.charter),
            Paper::Contributions => {
                "Les contributions reçues et la réponse publiée à chacune".into()
            }
        },
        generated_on: today,
        blocks,
        watermark: f.charter.adopted_on.is_none().then(|| "PROJET".to_string()),
        stamp: None,
        cover: None,
    }
}

fn text_paper(f: &Facts, blocks: &mut Vec<Block>) {
    if !f.charter.preamble.is_empty() {
        blocks.extend(super::text_blocks(&f.charter.preamble));
    }
    let counts = count_by_state(&f.contributions);
    let retained: usize = f.contributions.iter().filter(|c| c.retained()).count();
    blocks.push(Block::Note(typography(&format!(
        "{} contribution(s) reçue(s), dont {} retenue(s) en tout ou partie ; {} encore à examiner. Sous chaque article, ce qui a changé et pourquoi.",
        f.contributions.len(),
        retained,
        counts.first().map_or(0, |(_, n)| *n)
    ))));
    for (i, a) in f.articles.iter().enumerate() {
        blocks.push(Block::Heading(
            1,
            typography(&format!("Article {} — {}", i + 1, a.title)),
        ));
        blocks.extend(super::text_blocks(&a.text));
        let changed: Vec<String> = f
            .contributions
            .iter()
            .filter(|c| c.article == Some(a.id) && c.retained())
            .map(|c| {
                typography(&format!(
                    "Contribution n° {} ({}) — {} : {}",
                    c.number,
                    f.origin(c),
                    c.state().label().to_lowercase(),
                    c.answer
                ))
            })
            .collect();
        if !changed.is_empty() {
            blocks.push(Block::Heading(2, "Ce qui a changé et pourquoi".into()));
            blocks.push(Block::List(changed));
        }
    }
    if !f.pactes.is_empty() {
        blocks.push(Block::Heading(1, "Pactes de coopération".into()));
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Pacte".into(), 2.0),
                ("Parties".into(), 2.2),
                ("Commun concerné".into(), 1.6),
                ("Signé le".into(), 1.0),
                ("Renouvellement".into(), 1.1),
            ],
            rows: f
                .pactes
                .iter()
                .map(|p| {
                    vec![
                        typography(&p.title),
                        typography(&p.parties),
                        typography(&p.common),
                        p.signed_on.map(text::date_short).unwrap_or_default(),
                        p.renewal_on.map(text::date_short).unwrap_or_default(),
                    ]
                })
                .collect(),
            min_row_height: 0.0,
            grid: false,
        }));
        for p in &f.pactes {
            if !p.commitments.is_empty() {
                blocks.push(Block::Heading(
                    2,
                    typography(&format!("Engagements — {}", p.title)),
                ));
                blocks.extend(super::text_blocks(&p.commitments));
            }
        }
    }
}

fn table_paper(f: &Facts, blocks: &mut Vec<Block>) {
    blocks.push(Block::KeyValues(
        count_by_state(&f.contributions)
            .into_iter()
            .map(|(s, n)| (s.label().to_string(), n.to_string()))
            .collect(),
    ));
    blocks.push(Block::Table(Table {
        columns: vec![
            ("N°".into(), 0.5),
            ("Article".into(), 1.0),
            ("Origine".into(), 1.4),
            ("Contribution".into(), 2.8),
            ("Suite donnée".into(), 1.1),
            ("Réponse publiée".into(), 2.8),
        ],
        rows: f
            .contributions
            .iter()
            .map(|c| {
                vec![
                    c.number.to_string(),
                    f.article_label(c),
                    f.origin(c),
                    typography(&c.proposal),
                    c.state().label().to_string(),
                    if c.answer.is_empty() {
                        "—".into()
                    } else {
                        typography(&c.answer)
                    },
                ]
            })
            .collect(),
        min_row_height: 0.0,
        grid: false,
    }));
}
