//! The fiche d'expérience, gathered from the records: for a convention, its volunteers,
//! panel, attendance, quotas, meetings, proposals and the city's answers; for a
//! dispositif, its linked meetings and what it gathered. The paragraphs are the ones
//! the mission wrote.

use chrono::NaiveDate;

use super::{ExportError, Format, Rendered};
use crate::domain::experience::Subject;
use crate::domain::proposal::count_by_status;
use crate::domain::text;
use crate::report::experience::{ExperienceData, build};
use crate::store::Store;

/// The fiche of a convention or a dispositif.
pub(super) fn fiche(
    store: &Store,
    subject: Subject,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let data = gather(store, subject, today)?;
    let doc = build(&data, &store.settings()?.letterhead(), today);
    let (entity, id) = match subject {
        Subject::Convention(c) => ("convention", c.0),
        Subject::Dispositif(d) => ("dispositif", d.0),
    };
    Ok(Rendered::about(entity, id, format.render(&doc)?))
}

fn gather(
    store: &Store,
    subject: Subject,
    today: NaiveDate,
) -> Result<ExperienceData, ExportError> {
    let note = store.experience_note(subject)?;
    match subject {
        Subject::Convention(id) => {
            let o = store.convention_overview(id)?;
            let c = &o.convention;
            let mut participants = vec![format!(
                "{} volontaires inscrits au vivier ; un panel de {} membres tiré au sort, et {} réserves",
                o.pool_size, o.panel_size, o.reserves
            )];
            let (present, expected) = o
                .attendance
                .iter()
                .fold((0, 0), |(p, e), a| (p + a.present, e + a.expected));
            if expected > 0 {
                participants.push(format!(
                    "{} séance(s) tenues : {} présences sur {} attendues ({})",
                    o.attendance.len(),
                    present,
                    expected,
                    text::percent(f64::from(present) / f64::from(expected))
                ));
            }
            if o.compensation_days > 0 {
                participants.push(format!(
                    "{} journées de présence des membres du panel (la base de leur indemnisation)",
                    o.compensation_days
                ));
            }
            let calendar = o
                .meetings
                .iter()
                .map(|m| {
                    format!(
                        "{} — {} ({})",
                        text::date_short(m.date),
                        m.title,
                        m.kind.label().to_lowercase()
                    )
                })
                .collect();
            let mut produced = vec![format!(
                "{} proposition(s) adoptée(s) par le panel",
                o.proposals.len()
            )];
            if !o.decisions.is_empty() {
                produced.push(format!(
                    "{} décision(s) consignée(s) dans les comptes rendus",
                    o.decisions.len()
                ));
            }
            let answered = o
                .proposals
                .iter()
                .filter(|p| p.status != crate::domain::codes::ProposalStatus::ToReview)
                .count();
            let mut city_did = vec![format!(
                "{answered} proposition(s) sur {} ont reçu la réponse de la Ville",
                o.proposals.len()
            )];
            city_did.extend(
                count_by_status(&o.proposals)
                    .into_iter()
                    .map(|(s, n)| format!("{} : {n}", s.label())),
            );
            let figures = vec![
                ("Volontaires".into(), o.pool_size.to_string()),
                ("Membres du panel".into(), o.panel_size.to_string()),
                ("Réunions".into(), o.meetings.len().to_string()),
                ("Propositions".into(), o.proposals.len().to_string()),
                (
                    "Budget prévu".into(),
                    text::euros(crate::domain::planning::budget_totals(&o.budget).planned_cents),
                ),
            ];
            Ok(ExperienceData {
                title: c.title.clone(),
                kind: format!(
                    "Convention citoyenne — {}",
                    c.participation.label().to_lowercase()
                ),
                start: c.start_date,
                end: c.end_date,
                note,
                participants,
                composition: o.composition.clone(),
                calendar,
                produced,
                city_did,
                figures,
            })
        }
        Subject::Dispositif(id) => {
            let d = store.dispositif(id)?;
            let rows = store.dispositif_meeting_rows(id)?;
            let line = store
                .dispositifs(&Default::default(), today)?
                .into_iter()
                .find(|l| l.dispositif.id == id);
            let present: u32 = rows.iter().map(|r| r.present).sum();
            let participants = vec![format!(
                "{} réunion(s) liées, {} présence(s) enregistrées",
                rows.len(),
                present
            )];
            let calendar = rows
                .iter()
                .map(|r| format!("{} — {}", text::date_short(r.meeting.date), r.meeting.title))
                .collect();
            let (produced, city_did) = match &line {
                Some(l) => (
                    vec![l.summary.clone()],
                    vec![format!("Étape : {}", l.stage)],
                ),
                None => (Vec::new(), Vec::new()),
            };
            Ok(ExperienceData {
                title: d.title.clone(),
                kind: format!("{} — {}", d.kind.label(), d.level.label().to_lowercase()),
                start: d.start,
                end: d.end,
                note,
                participants,
                composition: Vec::new(),
                calendar,
                produced,
                city_did,
                figures: vec![
                    ("Réunions".into(), rows.len().to_string()),
                    ("Présences".into(), present.to_string()),
                ],
            })
        }
    }
}
