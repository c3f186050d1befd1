//! Printed documents. `layout` lays an app-level document model out on A4 pages (no
//! printpdf types leak out of it) and `odt` writes the same model as OpenDocument text;
//! each other module turns domain data into that model.

pub mod activity;
pub mod attendance_sheet;
pub mod attestation;
pub mod body;
pub mod budget;
pub mod charter;
mod charts;
pub mod dossier;
pub mod draw_minutes;
pub mod experience;
pub mod followup;
mod funding;
pub mod ics;
pub mod interpellation;
pub mod layout;
pub mod minutes;
pub mod odt;
pub mod rules;
pub mod synthesis_note;
pub mod veille;

use thiserror::Error;

use crate::domain::text::typography;
use layout::Block;

/// What can go wrong while making a document.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("La police intégrée est illisible : {0}")]
    Font(String),
    #[error("Le document OpenDocument n'a pas pu être écrit : {0}")]
    Odt(String),
    #[error("Le PDF n'a pas pu être finalisé : {0}")]
    Pdf(String),
    #[error("Le document n'a pas pu être écrit : {0}")]
    Io(#[from] std::io::Error),
}

/// Paragraphs separated by a blank line; a line starting with « # » is a heading, with
/// « - » an item of a list.
pub(crate) fn text_blocks(source: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for para in source
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(h) = para.strip_prefix('#') {
            out.push(Block::Heading(
                2,
                typography(h.trim_start_matches('#').trim()),
            ));
        } else if para.lines().all(|l| l.trim_start().starts_with("- ")) {
            out.push(Block::List(
                para.lines()
                    .map(|l| typography(l.trim_start().trim_start_matches("- ").trim()))
                    .collect(),
            ));
        } else {
            out.push(Block::Paragraph(typography(&para.replace('\n', " "))));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_text_gives_headings_lists_and_paragraphs() {
        let blocks = text_blocks(
            "# Ce qui a été convenu\n\n- trois bancs\n- un arbre\n\nLa Ville s'engage\nd'ici l'été.",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Heading(2, "Ce qui a été convenu".into()),
                Block::List(vec!["trois bancs".into(), "un arbre".into()]),
                Block::Paragraph("La Ville s’engage d’ici l’été.".into()),
            ]
        );
    }
}
