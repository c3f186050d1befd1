//! The rapport d'activité: the mission's year (or any period) for the director and the
//! council — a cover, a sommaire, then one section per [`ReportSection`], each opened
//! by the paragraph the mission wrote for it. Adding a section is adding a variant and
//! its function in [`SECTIONS`].

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::layout::{Bar, BarChart, Block, Cover, Document, Table};
use crate::domain::activity::{Gap, HeldMeeting, Participant, Period, ReportSection, widest_gaps};
use crate::domain::attestation::duration;
use crate::domain::codes::ProposalStatus;
use crate::domain::dispositif::DispositifLine;
use crate::domain::funding::Call;
use crate::domain::journal::ExportRecord;
use crate::domain::overview::ConventionOverview;
use crate::domain::planning::budget_totals;
use crate::domain::proposal::{Answer, Proposal, count_by_status};
use crate::domain::sortition::reference::Reference;
use crate::domain::text::{self, typography};

/// The document's name in the export log.
pub const DOCUMENT: &str = "Rapport d'activité";

/// A convention the period saw, with its proposals and the city's answers.
#[derive(Debug, Clone)]
pub struct ConventionYear {
    pub overview: ConventionOverview,
    pub proposals: Vec<(Proposal, Vec<Answer>)>,
}

/// Everything the report counts, read from the store by `export`.
#[derive(Debug, Clone)]
pub struct ActivityData {
    pub period: Period,
    pub conventions: Vec<ConventionYear>,
    pub meetings: Vec<HeldMeeting>,
    pub participants: Vec<Participant>,
    pub references: Vec<Reference>,
    /// The dispositifs that ran during the period, as they stood at its end.
    pub dispositifs: Vec<DispositifLine>,
    /// Minutes the mission spent supporting directorates during the period.
    pub support_minutes: u32,
    /// The calls for projects filed or reported on in the period.
    pub calls: Vec<Call>,
    /// The exports of the period.
    pub exports: Vec<ExportRecord>,
    /// The fiches d'expérience written in the period: what each is about, and when.
    pub experiences: Vec<(String, NaiveDate)>,
    /// Each charter's co-construction in the period, said in one sentence.
    pub charters: Vec<String>,
    /// The paragraph the mission wrote for each section.
    pub texts: BTreeMap<ReportSection, String>,
}

/// A function that writes one section's blocks.
type Writer = fn(&ActivityData, &mut Vec<Block>);

/// Each section and the function that writes it.
const SECTIONS: [(ReportSection, Writer); 8] = [
    (ReportSection::KeyFigures, key_figures),
    (ReportSection::Participants, participants),
    (ReportSection::Conventions, conventions),
    (ReportSection::Dispositifs, dispositifs),
    (ReportSection::Proposals, proposals),
    (ReportSection::Budget, budget),
    (ReportSection::Funding, funding),
    (ReportSection::Documents, documents),
];

/// Builds the report.
pub fn build(d: &ActivityData, letterhead: &str, today: NaiveDate) -> Document {
    let mut blocks = vec![Block::Contents];
    for (section, write) in SECTIONS {
        blocks.push(Block::Section(section.title().into()));
        if let Some(t) = d.texts.get(&section).filter(|t| !t.trim().is_empty()) {
            blocks.push(Block::Paragraph(typography(t.trim())));
        }
        write(d, &mut blocks);
    }
    Document {
        letterhead: letterhead.to_string(),
        title: format!("Rapport d’activité {}", d.period.label()),
        subtitle: letterhead.to_string(),
        generated_on: today,
        blocks,
        watermark: None,
        stamp: None,
        cover: Some(Cover {
            kind: DOCUMENT.into(),
            facts: vec![
                (
                    "Période".into(),
                    format!(
                        "du {} au {}",
                        text::date_long(d.period.from),
                        text::date_long(d.period.to)
                    ),
                ),
                ("Établi par".into(), letterhead.to_string()),
            ],
            closing: tf!("Rapport établi le {}.", text::date_long(today)),
            logo: None,
        }),
    }
}

/// A rate, or a dash when there is nothing to divide by.
fn rate(part: u32, whole: u32) -> String {
    if whole == 0 {
        "—".into()
    } else {
        text::percent(part as f64 / whole as f64)
    }
}

fn key_figures(d: &ActivityData, out: &mut Vec<Block>) {
    let sessions = d
        .meetings
        .iter()
        .filter(|m| m.meeting.session.is_some())
        .count();
    let (present, expected) = d
        .meetings
        .iter()
        .fold((0, 0), |(p, e), m| (p + m.present, e + m.expected));
    let minutes: i64 = d
        .meetings
        .iter()
        .map(HeldMeeting::participation_minutes)
        .sum();
    out.push(Block::KeyValues(vec![
        (
            "Conventions".into(),
            tf!("{} menée(s) sur la période", d.conventions.len()),
        ),
        (
            "Séances".into(),
            tf!("{sessions} séance(s) de convention tenue(s)"),
        ),
        (
            "Autres réunions".into(),
            tf!(
                "{} (comités, ateliers, réunions publiques…)",
                d.meetings.len() - sessions
            ),
        ),
        (
            "Participant·e·s".into(),
            tf!(
                "{} personnes différentes présentes au moins une fois",
                text::integer(d.participants.len() as i64)
            ),
        ),
        (
            "Heures de participation".into(),
            tf!("{} (durée de chaque réunion × présents)", duration(minutes)),
        ),
        (
            "Taux de présence".into(),
            tf!(
                "{} ({present} présences sur {expected} personnes attendues)",
                rate(present, expected)
            ),
        ),
    ]));
    if d.meetings.is_empty() {
        out.push(Block::Note("Aucune réunion tenue sur la période.".into()));
        return;
    }
    let mut by_kind: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for m in &d.meetings {
        let e = by_kind.entry(m.meeting.kind.label()).or_default();
        e.0 += 1;
        e.1 += m.present;
    }
    out.push(Block::Table(Table {
        columns: vec![
            ("Type de réunion".into(), 4.0),
            ("Réunions".into(), 1.5),
            ("Présences".into(), 1.5),
        ],
        rows: by_kind
            .iter()
            .map(|(k, (n, p))| vec![(*k).to_string(), n.to_string(), p.to_string()])
            .collect(),
        ..Table::default()
    }));
}

fn participants(d: &ActivityData, out: &mut Vec<Block>) {
    if d.participants.is_empty() {
        out.push(Block::Note(
            "Personne n’a été noté présent sur la période.".into(),
        ));
        return;
    }
    let mut gaps = Vec::new();
    for r in &d.references {
        let counts: Vec<u32> = r
            .shares
            .iter()
            .map(|(value, _)| {
                d.participants
                    .iter()
                    .filter(|p| p.value(&r.criterion) == value)
                    .count() as u32
            })
            .collect();
        let Some(chart) = super::charts::against_population(r, &counts, "les participant·e·s")
        else {
            continue;
        };
        let known: u32 = counts.iter().sum();
        for (((value, _), population), n) in r.shares.iter().zip(r.percentages()).zip(&counts) {
            gaps.push(Gap {
                criterion: r.criterion.clone(),
                value: value.clone(),
                participants: *n as f64 / known as f64 * 100.0,
                population,
            });
        }
        out.push(Block::Heading(
            2,
            tf!("Selon le critère « {} »", r.criterion),
        ));
        out.push(chart);
    }
    out.push(Block::Heading(2, "Les écarts à réduire".into()));
    let widest = widest_gaps(&gaps, 5);
    if widest.is_empty() {
        out.push(Block::Note(
            "Aucun groupe n’est sous-représenté de plus de 2 points parmi les critères connus."
                .into(),
        ));
        return;
    }
    out.push(Block::Table(Table {
        columns: vec![
            ("Groupe".into(), 3.5),
            ("Participant·e·s".into(), 1.6),
            ("Population".into(), 1.6),
            ("Écart".into(), 1.4),
        ],
        rows: widest
            .iter()
            .map(|g| {
                vec![
                    format!("{} : {}", g.criterion, g.value),
                    format!("{:.0} %", g.participants),
                    format!("{:.0} %", g.population),
                    format!("−{:.0} points", -g.points()),
                ]
            })
            .collect(),
        ..Table::default()
    }));
}

fn conventions(d: &ActivityData, out: &mut Vec<Block>) {
    if d.conventions.is_empty() {
        out.push(Block::Note("Aucune convention sur la période.".into()));
        return;
    }
    for (i, c) in d.conventions.iter().enumerate() {
        if i > 0 {
            out.push(Block::PageBreak);
        }
        let o = &c.overview;
        let conv = &o.convention;
        out.push(Block::Heading(2, typography(&conv.title)));
        let held = d
            .meetings
            .iter()
            .filter(|m| m.meeting.convention == Some(conv.id))
            .count();
        let (made, answered, done) = proposal_counts(&c.proposals);
        let spent = budget_totals(&o.budget).spent_cents;
        out.push(Block::KeyValues(vec![
            ("Statut".into(), conv.status.label().into()),
            (
                "Dates".into(),
                match (conv.start_date, conv.end_date) {
                    (Some(s), Some(e)) => {
                        format!("du {} au {}", text::date_long(s), text::date_long(e))
                    }
                    (Some(s), None) => format!("depuis le {}", text::date_long(s)),
                    _ => "à préciser".into(),
                },
            ),
            ("Thème".into(), typography(&conv.theme)),
            (
                "Panel".into(),
                if o.panel_size > 0 {
                    tf!(
                        "{} membres tirés au sort parmi {} volontaires",
                        o.panel_size,
                        text::integer(o.pool_size as i64)
                    )
                } else {
                    "pas encore tiré".into()
                },
            ),
            (
                "Réunions sur la période".into(),
                tf!("{held} (séances comprises)"),
            ),
            (
                "Propositions".into(),
                tf!("{made} faites, {answered} avec une réponse de la Ville, {done} réalisées"),
            ),
            (
                "Budget".into(),
                tf!(
                    "{} dépensés pour une enveloppe de {}",
                    text::euros(spent),
                    text::euros(conv.budget_envelope_cents)
                ),
            ),
        ]));
        if !conv.synthesis_text.trim().is_empty() {
            out.push(Block::Note(typography(conv.synthesis_text.trim())));
        }
    }
}

/// Made, answered (any answer or a status past « à instruire »), done.
fn proposal_counts(list: &[(Proposal, Vec<Answer>)]) -> (usize, usize, usize) {
    let answered = list
        .iter()
        .filter(|(p, a)| !a.is_empty() || p.status != ProposalStatus::ToReview)
        .count();
    let done = list
        .iter()
        .filter(|(p, _)| p.status == ProposalStatus::Done)
        .count();
    (list.len(), answered, done)
}

fn proposals(d: &ActivityData, out: &mut Vec<Block>) {
    let all: Vec<Proposal> = d
        .conventions
        .iter()
        .flat_map(|c| c.proposals.iter().map(|(p, _)| p.clone()))
        .collect();
    if all.is_empty() {
        out.push(Block::Note("Aucune proposition.".into()));
        return;
    }
    let answers_in_period = d
        .conventions
        .iter()
        .flat_map(|c| c.proposals.iter().flat_map(|(_, a)| a))
        .filter(|a| d.period.contains(a.date))
        .count();
    out.push(Block::Paragraph(tf!(
        "{} propositions au total ; la Ville a donné {answers_in_period} réponse(s) sur la période.",
        all.len()
    )));
    out.push(Block::Chart(BarChart {
        bars: count_by_status(&all)
            .iter()
            .map(|(s, n)| Bar {
                label: s.label().into(),
                value: *n as f32,
                target: None,
                caption: n.to_string(),
            })
            .collect(),
        legend: "Les propositions de toutes les conventions, par état de leur suivi.".into(),
    }));
    out.push(Block::Table(Table {
        columns: vec![
            ("Convention".into(), 4.0),
            ("Faites".into(), 1.2),
            ("Avec réponse".into(), 1.5),
            ("Réalisées".into(), 1.3),
        ],
        rows: d
            .conventions
            .iter()
            .map(|c| {
                let (made, answered, done) = proposal_counts(&c.proposals);
                vec![
                    typography(&c.overview.convention.title),
                    made.to_string(),
                    answered.to_string(),
                    done.to_string(),
                ]
            })
            .collect(),
        ..Table::default()
    }));
}

fn budget(d: &ActivityData, out: &mut Vec<Block>) {
    if d.conventions.is_empty() {
        out.push(Block::Note("Aucune convention, aucun budget.".into()));
        return;
    }
    let mut total = (0, 0, 0, 0);
    let mut rows = Vec::new();
    for c in &d.conventions {
        let t = budget_totals(&c.overview.budget);
        let envelope = c.overview.convention.budget_envelope_cents;
        total = (
            total.0 + envelope,
            total.1 + t.planned_cents,
            total.2 + t.committed_cents,
            total.3 + t.spent_cents,
        );
        rows.push(vec![
            typography(&c.overview.convention.title),
            text::euros(envelope),
            text::euros(t.planned_cents),
            text::euros(t.committed_cents),
            text::euros(t.spent_cents),
        ]);
    }
    rows.push(vec![
        "Total".into(),
        text::euros(total.0),
        text::euros(total.1),
        text::euros(total.2),
        text::euros(total.3),
    ]);
    out.push(Block::Table(Table {
        columns: vec![
            ("Convention".into(), 3.4),
            ("Enveloppe".into(), 1.6),
            ("Prévu".into(), 1.6),
            ("Engagé".into(), 1.6),
            ("Dépensé".into(), 1.6),
        ],
        rows,
        ..Table::default()
    }));
    out.push(Block::Note(
        "Montants cumulés à la date du rapport : les lignes budgétaires ne sont pas datées dans Agora."
            .into(),
    ));
}

/// The other dispositifs of the period: how many of each kind, then each one with
/// where it stood at the period's end and what it gathered.
fn dispositifs(d: &ActivityData, out: &mut Vec<Block>) {
    if d.dispositifs.is_empty() {
        out.push(Block::Note("Aucun autre dispositif sur la période.".into()));
        return;
    }
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for l in &d.dispositifs {
        let label = l.dispositif.kind.label();
        match kinds.iter_mut().find(|(k, _)| *k == label) {
            Some((_, n)) => *n += 1,
            None => kinds.push((label, 1)),
        }
    }
    out.push(Block::Paragraph(tf!(
        "{} dispositif(s) en plus des conventions : {}.",
        d.dispositifs.len(),
        kinds
            .iter()
            .map(|(k, n)| format!("{} × {}", n, k.to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ")
    )));
    if d.support_minutes > 0 {
        out.push(Block::Paragraph(tf!(
            "Accompagnement des directions : {} de travail de la mission sur la période.",
            duration(d.support_minutes.into())
        )));
    }
    for sentence in &d.charters {
        out.push(Block::Paragraph(typography(sentence)));
    }
    out.push(Block::Table(Table {
        columns: vec![
            ("Dispositif".into(), 4.0),
            ("Depuis".into(), 1.4),
            ("Où il en est".into(), 1.8),
            ("Bilan".into(), 2.4),
        ],
        rows: d
            .dispositifs
            .iter()
            .map(|l| {
                vec![
                    typography(&format!(
                        "{} — {}",
                        l.dispositif.kind.label(),
                        l.dispositif.title
                    )),
                    l.dispositif.start.map(text::date_short).unwrap_or_default(),
                    l.stage.to_string(),
                    typography(&l.summary),
                ]
            })
            .collect(),
        ..Table::default()
    }));
}

/// The calls for projects of the period, and their totals.
fn funding(d: &ActivityData, out: &mut Vec<Block>) {
    if d.calls.is_empty() {
        out.push(Block::Note(
            "Aucun appel à projets déposé ni rendu sur la période.".into(),
        ));
        return;
    }
    out.extend(super::funding::blocks(&d.calls));
}

fn documents(d: &ActivityData, out: &mut Vec<Block>) {
    if !d.experiences.is_empty() {
        out.push(Block::Paragraph(tf!(
            "{} fiche(s) d’expérience rédigée(s) sur la période, pour l’intranet ou un article :",
            d.experiences.len()
        )));
        out.push(Block::List(
            d.experiences
                .iter()
                .map(|(title, day)| tf!("{title} (mise à jour le {})", text::date_short(*day)))
                .collect(),
        ));
    }
    let written: Vec<&ExportRecord> = d.exports.iter().filter(|e| e.outcome == "écrit").collect();
    if written.is_empty() {
        out.push(Block::Note("Aucun document exporté sur la période.".into()));
        return;
    }
    let mut by_document: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for e in &written {
        let c = by_document.entry(e.document.as_str()).or_default();
        c.0 += 1;
        c.1 += e.personal_data as u32;
    }
    out.push(Block::Paragraph(tf!(
        "{} document(s) exporté(s) depuis Agora sur la période (journal des exports).",
        written.len()
    )));
    out.push(Block::Table(Table {
        columns: vec![
            ("Document".into(), 4.5),
            ("Exports".into(), 1.3),
            ("Dont données personnelles".into(), 2.2),
        ],
        rows: by_document
            .iter()
            .map(|(doc, (n, p))| vec![(*doc).to_string(), n.to_string(), p.to_string()])
            .collect(),
        ..Table::default()
    }));
}
