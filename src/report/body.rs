//! A consultative body's yearly activity report: how its seats are filled, who sat
//! during the year, the meetings it held with their attendance, the opinions it
//! issued. Members are counted, not named: the report is for the public.

use chrono::{Datelike, NaiveDate};

use super::layout::{Block, Document, Table};
use crate::domain::body::{Body, Member, Opinion};
use crate::domain::dispositif::Dispositif;
use crate::domain::meeting::Meeting;
use crate::domain::text::{date_long, date_short, typography};

/// The document's name, as logged and used in file names.
pub const DOCUMENT: &str = "Rapport annuel d’une instance";

/// What the report is made of.
pub struct Facts<'a> {
    pub dispositif: &'a Dispositif,
    pub body: &'a Body,
    pub members: &'a [Member],
    /// Meetings with (present, invited).
    pub meetings: &'a [(Meeting, u32, u32)],
    pub opinions: &'a [Opinion],
    pub year: i32,
    pub letterhead: &'a str,
    pub today: NaiveDate,
}

/// The report of `facts.year`.
pub fn build(f: &Facts<'_>) -> Document {
    let (from, to) = (
        NaiveDate::from_ymd_opt(f.year, 1, 1).unwrap_or(f.today),
        NaiveDate::from_ymd_opt(f.year, 12, 31).unwrap_or(f.today),
    );
    let b = f.body;
    let mut blocks = vec![Block::Heading(2, "Composition et recrutement".into())];
    let mut rules = vec![
        ("Sièges".into(), b.seats.to_string()),
        ("Recrutement".into(), b.filling.label().to_string()),
        (
            "Mandat".into(),
            format!(
                "{} ans, {} mandat(s) successif(s) au plus",
                b.term_years, b.max_terms
            ),
        ),
        (
            "Conditions".into(),
            format!(
                "{} ans ou plus, habiter ou travailler dans la commune, sans mandat électif, une seule instance{}",
                b.min_age,
                if b.parity {
                    " ; parité femmes-hommes"
                } else {
                    ""
                }
            ),
        ),
    ];
    if let Some(s) = b.sector {
        rules.push(("Secteur".into(), s.label().to_string()));
    }
    blocks.push(Block::KeyValues(
        rules
            .into_iter()
            .map(|(k, v)| (k, typography(&v)))
            .collect(),
    ));
    let during: Vec<&Member> = f
        .members
        .iter()
        .filter(|m| m.start <= to && m.end >= from && m.left_on.is_none_or(|l| l > from))
        .collect();
    let joined = during.iter().filter(|m| m.start >= from).count();
    let left = during
        .iter()
        .filter(|m| m.left_on.is_some_and(|l| l <= to))
        .count();
    let sitting_end = f
        .members
        .iter()
        .filter(|m| m.sits_on(to.min(f.today)))
        .count();
    blocks.push(Block::Paragraph(typography(&format!(
        "{} personne(s) ont siégé pendant l’année ; {joined} ont pris leur siège, {left} sont parties avant la fin de leur mandat. Au {} : {sitting_end} membre(s) sur {} sièges.",
        during.len(),
        date_long(to.min(f.today)),
        b.seats
    ))));

    blocks.push(Block::Heading(2, "Réunions".into()));
    let held: Vec<&(Meeting, u32, u32)> = f
        .meetings
        .iter()
        .filter(|(m, _, _)| m.date >= from && m.date <= to && m.date <= f.today)
        .collect();
    if held.is_empty() {
        blocks.push(Block::Note("Aucune réunion tenue dans l’année.".into()));
    } else {
        let (present, invited) = held
            .iter()
            .fold((0, 0), |(p, i), (_, pr, inv)| (p + pr, i + inv));
        blocks.push(Block::Paragraph(typography(&format!(
            "{} réunion(s) tenue(s) ; {present} présence(s) pour {invited} invitation(s).",
            held.len()
        ))));
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Date".into(), 1.2),
                ("Réunion".into(), 4.0),
                ("Présents".into(), 1.0),
                ("Invités".into(), 1.0),
            ],
            rows: held
                .iter()
                .map(|(m, p, i)| {
                    vec![
                        date_short(m.date),
                        typography(&m.title),
                        p.to_string(),
                        i.to_string(),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }

    blocks.push(Block::Heading(2, "Avis rendus".into()));
    let opinions: Vec<&Opinion> = f
        .opinions
        .iter()
        .filter(|o| o.issued_on.year() == f.year)
        .collect();
    if opinions.is_empty() {
        blocks.push(Block::Note("Aucun avis rendu dans l’année.".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Date".into(), 1.2),
                ("Avis".into(), 4.0),
                ("Adressé à".into(), 2.0),
            ],
            rows: opinions
                .iter()
                .map(|o| {
                    vec![
                        date_short(o.issued_on),
                        typography(&o.title),
                        typography(&o.addressed_to),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }
    Document {
        letterhead: f.letterhead.to_string(),
        title: format!("{} — rapport d’activité {}", f.dispositif.title, f.year),
        subtitle: "Instance consultative".into(),
        generated_on: f.today,
        blocks,
        ..Document::default()
    }
}
