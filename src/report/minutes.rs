//! The compte rendu of a meeting: header, who was there, the agenda with the notes
//! taken on each item, decisions, actions. "BROUILLON" runs across the pages until the
//! text is validated; validated ones carry "Validé le …" on every page.

use chrono::NaiveDate;

use super::ReportError;
use super::layout::{Block, Document, Table, render};
use crate::domain::codes::{AttendanceStatus, MinutesStatus};
use crate::domain::meeting::{MeetingRecord, numbered_agenda};
use crate::domain::text;

/// The document's name, as logged and used in file names.
pub const DOCUMENT: &str = "Compte rendu";

/// Date and hours, convention, venue: the head of every meeting document.
pub(crate) fn when_and_where(r: &MeetingRecord) -> Vec<(String, String)> {
    let m = &r.meeting;
    let mut facts = vec![(
        "Date".to_string(),
        format!(
            "{}, de {} à {}",
            text::date_with_weekday(m.date),
            text::time(m.start),
            text::time(m.end)
        ),
    )];
    if let Some(c) = &r.convention_title {
        facts.push(("Convention".into(), c.clone()));
    }
    facts.push(("Lieu".into(), m.venue.clone()));
    facts
}

/// The compte rendu as a document.
pub fn build(r: &MeetingRecord, letterhead: &str, today: NaiveDate) -> Document {
    let m = &r.meeting;
    let mut blocks = Vec::new();
    let mut facts = super::minutes::when_and_where(r);
    facts.push(("Format".into(), m.format.label().into()));
    if !m.services.is_empty() {
        facts.push(("Services proposés".into(), m.services.clone()));
    }
    if !m.facilitators.is_empty() {
        facts.push(("Animation".into(), m.facilitators.clone()));
    }
    let status = match &r.minutes {
        Some(mn) => {
            let mut s = format!("{}, version {}", mn.status.label(), mn.version);
            if !r.version_reason.is_empty() {
                s.push_str(&format!(" (correction : {})", r.version_reason));
            }
            s
        }
        None => "Pas encore rédigé".into(),
    };
    facts.push(("État du compte rendu".into(), status));
    blocks.push(Block::KeyValues(facts));

    blocks.push(Block::Heading(1, "Participants".into()));
    let mut who = Vec::new();
    for (status, label) in [
        (AttendanceStatus::Present, "Présents"),
        (AttendanceStatus::Excused, "Excusés"),
        (AttendanceStatus::Absent, "Absents"),
        (AttendanceStatus::Replaced, "Remplacés"),
    ] {
        let names = r.names_with(status);
        if !names.is_empty() {
            who.push((format!("{label} ({})", names.len()), names.join(", ")));
        }
    }
    if who.is_empty() {
        blocks.push(Block::Note("L'émargement n'a pas été saisi.".into()));
    } else {
        blocks.push(Block::KeyValues(who));
    }

    if let Some(mn) = r.minutes.as_ref().filter(|mn| !mn.body.trim().is_empty()) {
        blocks.push(Block::Heading(1, "Synthèse".into()));
        blocks.push(Block::Paragraph(text::typography(&mn.body)));
    }

    blocks.push(Block::Heading(1, "Ordre du jour et notes".into()));
    if r.agenda.is_empty() {
        blocks.push(Block::Note("Aucun point à l'ordre du jour.".into()));
    }
    for (number, item) in numbered_agenda(&r.agenda) {
        let mut head = format!("{number}. {}", item.title);
        if item.duration_minutes > 0 {
            head.push_str(&format!(" — {} min", item.duration_minutes));
        }
        if !item.speaker.is_empty() {
            head.push_str(&format!(" — {}", item.speaker));
        }
        blocks.push(Block::Heading(2, head));
        if item.notes.trim().is_empty() {
            blocks.push(Block::Note("Pas de notes.".into()));
        } else {
            blocks.push(Block::Paragraph(text::typography(&item.notes)));
        }
    }

    blocks.push(Block::Heading(1, "Décisions".into()));
    if r.decisions.is_empty() {
        blocks.push(Block::Note("Aucune décision.".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                ("N°".into(), 0.5),
                ("Décision".into(), 5.0),
                ("Vote".into(), 2.0),
            ],
            rows: r
                .decisions
                .iter()
                .map(|d| {
                    vec![
                        d.number.to_string(),
                        text::typography(&d.text),
                        d.vote_result.clone(),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }

    blocks.push(Block::Heading(1, "Actions".into()));
    if r.actions.is_empty() {
        blocks.push(Block::Note("Aucune action.".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Action".into(), 4.0),
                ("Responsable".into(), 2.0),
                ("Échéance".into(), 1.5),
                ("État".into(), 1.2),
            ],
            rows: r
                .actions
                .iter()
                .map(|a| {
                    vec![
                        text::typography(&a.title),
                        a.owner.clone(),
                        a.due.map(text::date_short).unwrap_or_default(),
                        a.status.label().into(),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }

    if !r.proposals.is_empty() {
        blocks.push(Block::Heading(1, "Propositions examinées".into()));
        blocks.push(Block::KeyValues(
            r.proposals
                .iter()
                .map(|(n, t)| (format!("Proposition n° {n}"), t.clone()))
                .collect(),
        ));
    }

    let (watermark, stamp) = match &r.minutes {
        Some(mn) if matches!(mn.status, MinutesStatus::Validated | MinutesStatus::Locked) => (
            None,
            mn.validated_on
                .map(|d| format!("Validé le {}", text::date_long(d))),
        ),
        _ => (Some("BROUILLON".to_string()), None),
    };
    Document {
        letterhead: letterhead.to_string(),
        title: format!("Compte rendu — {}", m.title),
        subtitle: format!("{} du {}", m.kind.label(), text::date_long(m.date)),
        generated_on: today,
        blocks,
        watermark,
        stamp,
        cover: None,
    }
}

/// The compte rendu as PDF bytes.
pub fn render_pdf(
    r: &MeetingRecord,
    letterhead: &str,
    today: NaiveDate,
) -> Result<Vec<u8>, ReportError> {
    render(&build(r, letterhead, today))
}
