//! The note de synthèse of a convention: one or two pages for a director — mandate,
//! where things stand, the paragraph the mission writes, next dates, panel composition against quotas, attendance, key
//! decisions, proposals by status, top risks.

use chrono::NaiveDate;

use super::layout::{Block, Document, Table};
use crate::domain::overview::ConventionOverview;
use crate::domain::planning::{budget_totals, progress, top_risks};
use crate::domain::proposal::count_by_status;
use crate::domain::text::{self, quoted, typography};

/// The document's name in the export log.
pub const DOCUMENT: &str = "Note de synthèse";

/// Builds the note as a layout document.
pub fn build(o: &ConventionOverview, letterhead: &str, today: NaiveDate) -> Document {
    let c = &o.convention;
    let mut blocks = Vec::new();

    blocks.push(Block::Heading(1, "Mandat".into()));
    let period = match (c.start_date, c.end_date) {
        (Some(s), Some(e)) => format!("du {} au {}", text::date_long(s), text::date_long(e)),
        (Some(s), None) => format!("à partir du {}", text::date_long(s)),
        _ => "à préciser".into(),
    };
    blocks.push(Block::KeyValues(vec![
        ("Saisine".into(), typography(&c.mandate_from)),
        ("Question posée".into(), quoted(&typography(&c.question))),
        ("Engagement de la Ville".into(), typography(&c.commitment)),
        ("Élu·e référent·e".into(), c.elected_official.clone()),
        (
            "Démarche".into(),
            format!("{} — {}", c.participation.label(), typography(&c.theme)),
        ),
        ("Période".into(), period),
    ]));

    blocks.push(Block::Heading(1, "Où en est la convention".into()));
    let phase = o
        .current_phase(today)
        .map(|p| match (p.start_date, p.end_date) {
            (Some(s), Some(e)) => format!(
                "{} (du {} au {})",
                p.name,
                text::date_long(s),
                text::date_long(e)
            ),
            _ => p.name.clone(),
        })
        .unwrap_or_else(|| "aucune phase en cours".into());
    let tasks = match progress(&o.tasks) {
        Some(ratio) => format!(
            "{} tâches terminées sur {} ({}), dont {} en retard",
            o.tasks
                .iter()
                .filter(|t| t.status == crate::domain::codes::TaskStatus::Done)
                .count(),
            o.tasks.len(),
            text::percent(ratio),
            o.tasks.iter().filter(|t| t.is_overdue(today)).count()
        ),
        None => "aucune tâche enregistrée".into(),
    };
    let totals = budget_totals(&o.budget);
    let panel = if o.panel_size > 0 {
        format!(
            "{} membres tirés au sort parmi {} volontaires, {} remplaçant·e·s",
            o.panel_size,
            text::integer(o.pool_size as i64),
            o.reserves
        )
    } else {
        format!(
            "pas encore tiré (objectif : {} membres)",
            c.target_panel_size
        )
    };
    blocks.push(Block::KeyValues(vec![
        ("Statut".into(), c.status.label().into()),
        ("Phase en cours".into(), phase),
        ("Panel".into(), typography(&panel)),
        ("Avancement".into(), tasks),
        (
            "Budget".into(),
            format!(
                "{} dépensés, {} engagés, pour une enveloppe de {}",
                text::euros(totals.spent_cents),
                text::euros(totals.committed_cents),
                text::euros(c.budget_envelope_cents)
            ),
        ),
    ]));

    blocks.push(Block::Heading(2, "Commentaire de la mission".into()));
    if c.synthesis_text.trim().is_empty() {
        blocks.push(Block::Note("Aucun commentaire rédigé.".into()));
    } else {
        blocks.push(Block::Paragraph(typography(c.synthesis_text.trim())));
    }

    let next = o.next_dates(today, 5);
    blocks.push(Block::Heading(2, "Prochaines échéances".into()));
    if next.is_empty() {
        blocks.push(Block::Note("Aucune séance ni réunion à venir.".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Date".into(), 2.2),
                ("Heure".into(), 0.9),
                ("Séance ou réunion".into(), 4.6),
                ("Lieu".into(), 3.6),
            ],
            rows: next
                .iter()
                .map(|i| {
                    vec![
                        text::date_compact(i.date),
                        text::time(i.start),
                        typography(&i.title),
                        typography(&i.venue),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }

    blocks.push(Block::Heading(
        2,
        "Composition du panel au regard des quotas".into(),
    ));
    if o.composition.is_empty() {
        blocks.push(Block::Note("Le panel n'a pas encore été tiré.".into()));
    } else {
        blocks.push(super::charts::quotas(&o.composition));
    }

    blocks.push(Block::Heading(2, "Participation aux séances".into()));
    if o.attendance.is_empty() {
        blocks.push(Block::Note(
            "Aucune feuille d'émargement enregistrée.".into(),
        ));
    } else {
        let (present, expected) = o
            .attendance
            .iter()
            .fold((0, 0), |(p, e), a| (p + a.present, e + a.expected));
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Date".into(), 1.6),
                ("Séance ou réunion".into(), 5.0),
                ("Présents".into(), 1.6),
                ("Taux".into(), 1.2),
            ],
            rows: o
                .attendance
                .iter()
                .map(|a| {
                    let rate = if a.expected > 0 {
                        text::percent(a.present as f64 / a.expected as f64)
                    } else {
                        "—".into()
                    };
                    vec![
                        text::date_short(a.date),
                        typography(&a.title),
                        format!("{} / {}", a.present, a.expected),
                        rate,
                    ]
                })
                .collect(),
            ..Table::default()
        }));
        if expected > 0 {
            blocks.push(Block::Note(tf!(
                "Taux de présence moyen : {}.",
                text::percent(present as f64 / expected as f64)
            )));
        }
    }

    blocks.push(Block::Heading(2, "Décisions clés".into()));
    if o.decisions.is_empty() {
        blocks.push(Block::Note("Aucune décision enregistrée.".into()));
    } else {
        let items = o.decisions.iter().take(3).map(|d| {
            let vote = if d.vote_result.is_empty() {
                String::new()
            } else {
                format!(" ({})", d.vote_result)
            };
            tf!("{}{vote}", d.text)
        });
        blocks.push(Block::List(items.collect()));
    }

    blocks.push(Block::Heading(
        2,
        "Propositions et réponses de la Ville".into(),
    ));
    let by_status = count_by_status(&o.proposals);
    if by_status.is_empty() {
        blocks.push(Block::Note("Aucune proposition pour l'instant.".into()));
    } else {
        let parts: Vec<String> = by_status
            .iter()
            .map(|(s, n)| format!("{} : {n}", s.label().to_lowercase()))
            .collect();
        blocks.push(Block::Paragraph(tf!(
            "{} propositions — {}.",
            o.proposals.len(),
            parts.join(" ; ")
        )));
        let answered = o
            .proposals
            .iter()
            .filter(|p| p.status != crate::domain::codes::ProposalStatus::ToReview)
            .count();
        blocks.push(Block::Note(tf!(
            "{answered} propositions sur {} ont reçu une réponse de la Ville.",
            o.proposals.len()
        )));
    }

    blocks.push(Block::Heading(2, "Principaux risques".into()));
    let risks = top_risks(&o.risks, 3);
    if risks.is_empty() {
        blocks.push(Block::Note("Aucun risque ouvert.".into()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Risque".into(), 3.6),
                ("P × I".into(), 1.4),
                ("Mesure d'atténuation".into(), 4.5),
            ],
            rows: risks
                .iter()
                .map(|r| {
                    vec![
                        typography(&r.title),
                        r.score_text(),
                        typography(&r.mitigation),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }

    Document {
        letterhead: letterhead.to_string(),
        title: format!("Note de synthèse — {}", c.title),
        subtitle: format!("Situation au {}", text::date_long(today)),
        generated_on: today,
        blocks,
        watermark: None,
        stamp: None,
        cover: None,
    }
}
