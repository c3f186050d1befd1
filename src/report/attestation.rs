//! Attestations de participation: one page per person — what they attended, with dates
//! and hours, the total time, the session days a panel member is compensated for, the
//! place and date, and room for the mission's signature.

use chrono::NaiveDate;

use super::layout::{Block, Document, Table};
use crate::domain::attestation::{Attestation, duration};
use crate::domain::text::{self, typography};

/// The document's name in the export log.
pub const DOCUMENT: &str = "Attestations de participation";

/// Who signs and where.
#[derive(Debug, Clone)]
pub struct Signatory {
    /// « Ville de Grenoble — Mission Démocratie locale ».
    pub letterhead: String,
    /// « Ville de Grenoble ».
    pub organisation: String,
    /// « Mission Démocratie locale ».
    pub mission: String,
    /// The town the attestation is made in, when known.
    pub town: Option<String>,
}

/// Builds the attestations of the people in `list` for `about` (« la convention
/// « … » » or « la réunion « … » du … »), one per page.
pub fn build(list: &[Attestation], about: &str, s: &Signatory, today: NaiveDate) -> Document {
    let mut blocks = Vec::new();
    for a in list {
        blocks.push(Block::Section(format!(
            "Attestation de participation — {}",
            a.name
        )));
        blocks.push(Block::Paragraph(tf!(
            "{}, {}, atteste que {} a participé à {about}, aux dates et heures suivantes :",
            s.organisation,
            s.mission,
            a.name
        )));
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Date".into(), 1.6),
                ("Séance ou réunion".into(), 5.0),
                ("Horaire".into(), 1.9),
                ("Durée".into(), 1.2),
            ],
            rows: a
                .attended
                .iter()
                .map(|x| {
                    vec![
                        text::date_short(x.date),
                        typography(&x.title),
                        format!("{} – {}", text::time(x.start), text::time(x.end)),
                        duration(x.minutes()),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
        let meetings = a.attended.len();
        let mut facts = vec![(
            "Total".into(),
            tf!(
                "{} de participation, en {meetings} séance{} ou réunion{}",
                duration(a.minutes()),
                if meetings > 1 { "s" } else { "" },
                if meetings > 1 { "s" } else { "" }
            ),
        )];
        if a.panelist {
            let days = a.session_days();
            facts.push((
                "Indemnisation".into(),
                tf!(
                    "membre du panel tiré au sort : {days} journée{} de séance ouvrant droit à l’indemnisation prévue par les règles du jeu",
                    if days > 1 { "s" } else { "" }
                ),
            ));
        }
        blocks.push(Block::KeyValues(facts));
        blocks.push(Block::Paragraph(
            "Cette attestation est délivrée à la demande de l’intéressé·e pour servir et valoir ce que de droit.".into(),
        ));
        let place = match &s.town {
            Some(t) => tf!("Fait à {t}, le {}.", text::date_long(today)),
            None => tf!("Fait à …………………………, le {}.", text::date_long(today)),
        };
        blocks.push(Block::Paragraph(place));
        blocks.push(Block::Table(Table {
            columns: vec![(tf!("Pour la {} — signature et cachet", s.mission), 1.0)],
            rows: vec![vec![String::new()]],
            min_row_height: 80.0,
            grid: true,
        }));
    }
    Document {
        letterhead: s.letterhead.clone(),
        title: DOCUMENT.into(),
        subtitle: about.to_string(),
        generated_on: today,
        blocks,
        watermark: None,
        stamp: None,
        cover: None,
    }
}
