//! The note de veille handed to the team: the notes chosen (by tag or search), each
//! with its source, where it happened, its tags and its text.

use chrono::NaiveDate;

use super::layout::{Block, Document};
use crate::domain::text::{date_long, typography};
use crate::domain::veille::Note;

/// The document's name, as logged and used in file names.
pub const DOCUMENT: &str = "Note de veille";

/// The note de veille of `notes`, chosen as `chosen` says (« étiquette « budget » »).
pub fn build(notes: &[Note], chosen: &str, letterhead: &str, today: NaiveDate) -> Document {
    let mut blocks = vec![Block::Paragraph(typography(&format!(
        "{} note(s) de veille — {chosen}.",
        notes.len()
    )))];
    for n in notes {
        blocks.push(Block::Heading(2, typography(&n.title)));
        let mut facts = Vec::new();
        if !n.publication.is_empty() {
            facts.push(("Source".to_string(), typography(&n.publication)));
        }
        if !n.source_url.is_empty() {
            facts.push(("Adresse".to_string(), n.source_url.clone()));
        }
        if let Some(d) = n.read_on {
            facts.push(("Lu le".to_string(), date_long(d)));
        }
        facts.push(("Où".to_string(), n.place.label().to_string()));
        if !n.tags.is_empty() {
            facts.push(("Étiquettes".to_string(), typography(&n.tags.join(", "))));
        }
        blocks.push(Block::KeyValues(facts));
        blocks.extend(super::text_blocks(&n.body));
    }
    Document {
        letterhead: letterhead.to_string(),
        title: DOCUMENT.into(),
        subtitle: format!("{} — établie le {}", typography(chosen), date_long(today)),
        generated_on: today,
        blocks,
        ..Document::default()
    }
}
