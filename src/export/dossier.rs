//! The dossier de convention, gathered from the store: what each section prints and
//! the whole documents chosen as appendices.

use chrono::NaiveDate;

use super::{ExportError, Format, Rendered, draw, meeting};
use crate::domain::codes::MinutesStatus;
use crate::domain::dossier::{Appendix, DossierChoice};
use crate::domain::ids::ConventionId;
use crate::domain::timeline::TimelineFilter;
use crate::report::dossier::{self, DossierData, DrawSummary};
use crate::report::layout::{Block, Document};
use crate::store::Store;

/// The dossier as PDF bytes.
pub(super) fn dossier(
    store: &Store,
    id: ConventionId,
    choice: &DossierChoice,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let letterhead = store.settings()?.letterhead();
    let data = gather(store, id)?;
    let appendices = appendices(store, &data, choice, &letterhead, today)?;
    let mut doc = dossier::build(&data, choice, appendices, &letterhead, today);
    super::with_logo(store, &mut doc)?;
    Ok(Rendered::of_convention(format.render(&doc)?, id))
}

/// Everything the sections print.
fn gather(store: &Store, id: ConventionId) -> Result<DossierData, ExportError> {
    let overview = store.convention_overview(id)?;
    let versions = store.rules_versions(id)?;
    let rules = versions
        .iter()
        .rev()
        .find(|v| v.adopted_on.is_some())
        .or(versions.last())
        .cloned();
    let invitations = store
        .invitation_samples(id)?
        .iter()
        .map(|s| s.rows.len() as u32)
        .sum();
    let mut meetings = Vec::new();
    for m in store.meetings_of(Some(id))? {
        meetings.push(store.meeting_record(m.id)?);
    }
    let proposals = store.with_answers(&overview.proposals)?;
    Ok(DossierData {
        rules,
        invitations,
        draw: store.latest_draw(id)?.map(|d| {
            let published_list = d.lottery.as_ref().map(|l| {
                let how = if l.public_number {
                    tf!("numéro public {} ({})", l.number, l.number_how)
                } else {
                    tf!("graine {}", d.draw.seed)
                };
                (l.list_sha256.clone(), how)
            });
            DrawSummary {
                draw: d.draw,
                pool: d.pool,
                selected: d.selected,
                published_list,
            }
        }),
        references: store.reference_tables()?.into_iter().map(|r| r.1).collect(),
        meetings,
        proposals,
        timeline: store.timeline(id, &TimelineFilter::default())?,
        attachments: store.convention_attachments(id)?,
        calls: store
            .calls()?
            .into_iter()
            .filter(|c| c.convention == Some(id))
            .collect(),
        overview,
    })
}

/// The chosen appendices, laid out by the modules of their documents; one that does
/// not exist yet says so in a sentence instead.
fn appendices(
    store: &Store,
    data: &DossierData,
    choice: &DossierChoice,
    letterhead: &str,
    today: NaiveDate,
) -> Result<Vec<Document>, ExportError> {
    let c = &data.overview.convention;
    let mut out = Vec::new();
    for a in &choice.appendices {
        match a {
            Appendix::Minutes => {
                let validated: Vec<_> = data
                    .meetings
                    .iter()
                    .filter(|r| {
                        r.minutes.as_ref().is_some_and(|m| {
                            matches!(m.status, MinutesStatus::Validated | MinutesStatus::Locked)
                        })
                    })
                    .collect();
                if validated.is_empty() {
                    out.push(missing(
                        "Comptes rendus",
                        "Aucun compte rendu validé pour l’instant.",
                    ));
                }
                for r in validated {
                    out.push(crate::report::minutes::build(r, letterhead, today));
                }
            }
            Appendix::DrawMinutes => match draw::draw_minutes_document(store, c.id, today) {
                Ok((doc, _)) => out.push(doc),
                Err(e @ (ExportError::Missing(_) | ExportError::Unverified(_))) => {
                    out.push(missing("Procès-verbal du tirage au sort", &e.to_string()))
                }
                Err(e) => return Err(e),
            },
            Appendix::Rules => match &data.rules {
                Some(v) => out.push(crate::report::rules::build(c, v, letterhead, today)),
                None => out.push(missing("Règles du jeu", "Aucune règle du jeu enregistrée.")),
            },
            Appendix::AttendanceSheets => {
                let with_people: Vec<_> = data
                    .meetings
                    .iter()
                    .filter(|r| !r.attendance.is_empty())
                    .collect();
                if with_people.is_empty() {
                    out.push(missing(
                        "Feuilles d’émargement",
                        "Aucune réunion n’a de participant·e·s enregistré·e·s.",
                    ));
                }
                for r in with_people {
                    out.push(meeting::attendance_sheet_document(
                        store, r, false, letterhead, today,
                    )?);
                }
            }
        }
    }
    Ok(out)
}

/// An appendix that cannot be printed yet, with the reason.
fn missing(title: &str, why: &str) -> Document {
    Document {
        title: title.to_string(),
        blocks: vec![Block::Note(why.to_string())],
        ..Document::default()
    }
}
