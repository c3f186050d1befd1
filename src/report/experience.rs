//! The fiche d'expérience: one or two pages on a convention or a dispositif once it
//! has run, for the intranet or an article — the paragraphs the mission writes
//! (context, objectives, method, what worked, what to change) around what the records
//! say (who took part and how diverse they were, the calendar, what was produced, what
//! the city did with it, the key figures).

use chrono::NaiveDate;

use super::layout::{Block, Document};
use crate::domain::experience::ExperienceNote;
use crate::domain::sortition::QuotaCheck;
use crate::domain::text::typography;

/// The document's name in the export log.
pub const DOCUMENT: &str = "Fiche d’expérience";

/// What the fiche prints: the paragraphs, and what the export gathered from the records.
#[derive(Debug, Clone, Default)]
pub struct ExperienceData {
    pub title: String,
    /// « Convention citoyenne », « Budget participatif »…
    pub kind: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub note: ExperienceNote,
    /// Who took part, counted (never named).
    pub participants: Vec<String>,
    /// The drawn panel against its quotas (the diversity chart); empty without a draw.
    pub composition: Vec<QuotaCheck>,
    /// The meetings, dated, in order.
    pub calendar: Vec<String>,
    pub produced: Vec<String>,
    /// The city's answers, counted.
    pub city_did: Vec<String>,
    pub figures: Vec<(String, String)>,
}

fn written(blocks: &mut Vec<Block>, text: &str) {
    if text.trim().is_empty() {
        blocks.push(Block::Note("À rédiger.".into()));
    } else {
        blocks.extend(super::text_blocks(text));
    }
}

fn listed(blocks: &mut Vec<Block>, lines: &[String], none: &str) {
    if lines.is_empty() {
        blocks.push(Block::Note(none.into()));
    } else {
        blocks.push(Block::List(lines.iter().map(|l| typography(l)).collect()));
    }
}

/// Lays the fiche out.
pub fn build(d: &ExperienceData, letterhead: &str, today: NaiveDate) -> Document {
    let n = &d.note;
    let mut blocks = vec![Block::KeyValues(vec![
        ("Dispositif".into(), typography(&d.kind)),
        ("Période".into(), super::dossier::period(d.start, d.end)),
    ])];
    blocks.push(Block::Heading(1, "Contexte".into()));
    written(&mut blocks, &n.context);
    blocks.push(Block::Heading(1, "Objectifs".into()));
    written(&mut blocks, &n.objectives);
    blocks.push(Block::Heading(1, "Qui a participé".into()));
    listed(
        &mut blocks,
        &d.participants,
        "Aucune participation enregistrée.",
    );
    if !d.composition.is_empty() {
        blocks.push(super::charts::quotas(&d.composition));
    }
    blocks.push(Block::Heading(1, "Méthode et calendrier".into()));
    written(&mut blocks, &n.method);
    listed(&mut blocks, &d.calendar, "Aucune réunion enregistrée.");
    blocks.push(Block::Heading(1, "Ce qui a été produit".into()));
    listed(&mut blocks, &d.produced, "Rien d’enregistré.");
    blocks.push(Block::Heading(1, "Ce que la Ville en a fait".into()));
    listed(
        &mut blocks,
        &d.city_did,
        "Pas encore de réponse de la Ville.",
    );
    blocks.push(Block::Heading(1, "Ce qui a marché".into()));
    written(&mut blocks, &n.worked);
    blocks.push(Block::Heading(1, "Ce qu’il faudrait changer".into()));
    written(&mut blocks, &n.change);
    if !d.figures.is_empty() {
        blocks.push(Block::Heading(1, "En chiffres".into()));
        blocks.push(Block::KeyValues(d.figures.clone()));
    }
    Document {
        letterhead: letterhead.to_string(),
        title: typography(&format!("{DOCUMENT} — {}", d.title)),
        subtitle: match n.updated_on {
            Some(day) => typography(&format!(
                "Rédigée par la Mission, mise à jour le {}",
                crate::domain::text::date_long(day)
            )),
            None => "Les paragraphes restent à rédiger.".into(),
        },
        generated_on: today,
        blocks,
        watermark: n.is_blank().then(|| "À RÉDIGER".to_string()),
        stamp: None,
        cover: None,
    }
}
