//! The feuille d'émargement to print and sign: one tall row per person sorted by name,
//! with organisation or role and a signature box, about twenty to a page with the
//! header repeated, and blank rows for walk-ins. Contact details are left out unless
//! asked for.

use chrono::NaiveDate;

use super::layout::{Block, Document, Table};
use crate::domain::codes::AttendanceStatus;
use crate::domain::meeting::MeetingRecord;
use crate::domain::text;

/// The document's name, as logged and used in file names.
pub const DOCUMENT: &str = "Feuille d'émargement";

/// Blank rows printed after the names, for people who were not on the list.
pub const BLANK_ROWS: usize = 6;

/// Height of a row: room for a signature.
const ROW_HEIGHT: f32 = 30.0;

/// One line of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetLine {
    pub name: String,
    /// Organisation, or the role in the convention.
    pub role: String,
    /// Email and phone, printed only when asked for.
    pub contact_details: String,
}

/// The sheet as a document; `lines` are sorted here by name.
pub fn build(
    r: &MeetingRecord,
    mut lines: Vec<SheetLine>,
    with_contact_details: bool,
    letterhead: &str,
    today: NaiveDate,
) -> Document {
    let m = &r.meeting;
    lines.sort_by_key(|l| text::sort_key(&l.name));
    let mut columns = if with_contact_details {
        vec![
            ("Nom".to_string(), 2.6),
            ("Structure ou rôle".to_string(), 2.0),
            ("Courriel, téléphone".to_string(), 3.6),
        ]
    } else {
        vec![
            ("Nom".to_string(), 3.0),
            ("Structure ou rôle".to_string(), 2.6),
        ]
    };
    columns.push(("Signature".to_string(), 3.0));
    let mut rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            let mut row = vec![l.name.clone(), l.role.clone()];
            if with_contact_details {
                row.push(l.contact_details.clone());
            }
            row.push(String::new());
            row
        })
        .collect();
    let width = columns.len();
    rows.extend(std::iter::repeat_n(vec![String::new(); width], BLANK_ROWS));
    let mut facts = super::minutes::when_and_where(r);
    facts.push((
        "Personnes attendues".into(),
        text::integer(
            r.attendance
                .iter()
                .filter(|a| a.status != AttendanceStatus::Replaced)
                .count() as i64,
        ),
    ));
    Document {
        letterhead: letterhead.to_string(),
        title: format!(
            "Feuille d'émargement du {} — {}",
            text::date_short(m.date),
            m.title
        ),
        subtitle: format!("{} du {}", m.kind.label(), text::date_long(m.date)),
        generated_on: today,
        blocks: vec![
            Block::KeyValues(facts),
            Block::Note(text::typography(
                "Merci de signer en face de votre nom. Si votre nom n'y figure pas, écrivez-le sur une ligne libre en fin de liste.",
            )),
            Block::Table(Table {
                columns,
                rows,
                min_row_height: ROW_HEIGHT,
                grid: true,
            }),
            Block::KeyValues(vec![
                ("Nombre de signatures".into(), "……………".into()),
                (
                    "Visa de l'animateur ou de l'animatrice".into(),
                    "……………………………………".into(),
                ),
            ]),
        ],
        watermark: None,
        stamp: None,
        cover: None,
    }
}
