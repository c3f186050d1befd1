//! The rules of participation as a document to hand to members and garants: one
//! heading per section, the version and its adoption date; « BROUILLON » across the
//! pages until adopted.

use chrono::NaiveDate;

use super::layout::{Block, Document};
use crate::domain::convention::Convention;
use crate::domain::rules::RulesVersion;
use crate::domain::text;

/// The document's name, as logged and used in file names.
pub const DOCUMENT: &str = "Règles du jeu";

/// The rules as a document.
pub fn build(c: &Convention, v: &RulesVersion, letterhead: &str, today: NaiveDate) -> Document {
    let mut blocks = Vec::new();
    if !c.question.is_empty() {
        blocks.push(Block::KeyValues(vec![
            ("Question posée".into(), text::quoted(&c.question)),
            ("Engagement de la Ville".into(), c.commitment.clone()),
        ]));
    }
    for s in &v.sections {
        blocks.push(Block::Heading(1, s.title.clone()));
        for para in s.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            blocks.push(Block::Paragraph(text::typography(para.trim())));
        }
    }
    let state = match v.adopted_on {
        Some(d) => format!("Version {} adoptée le {}", v.version, text::date_long(d)),
        None => format!(
            "Version {} du {} — projet non adopté",
            v.version,
            text::date_long(v.saved_at.date())
        ),
    };
    Document {
        letterhead: letterhead.to_string(),
        title: format!("Règles du jeu — {}", c.title),
        subtitle: state.clone(),
        generated_on: today,
        blocks,
        watermark: v.adopted_on.is_none().then(|| "BROUILLON".to_string()),
        stamp: v.adopted_on.map(|_| state),
        cover: None,
    }
}
