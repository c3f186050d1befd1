//! The rapport d'activité, gathered from the store for a period.

use chrono::NaiveDate;

use super::{ExportError, Format, Rendered};
use crate::domain::activity::Period;
use crate::report::activity::{self, ActivityData, ConventionYear};
use crate::store::Store;

/// The report of `period` (meetings counted up to `today`).
pub(super) fn report(
    store: &Store,
    period: Period,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let data = gather(store, period, today)?;
    let letterhead = store.settings()?.letterhead();
    let mut doc = activity::build(&data, &letterhead, today);
    super::with_logo(store, &mut doc)?;
    Ok(Rendered {
        bytes: format.render(&doc)?,
        entity: "report",
        entity_id: None,
        written: Default::default(),
    })
}

/// What the report counts: the conventions whose dates meet the period or that held a
/// meeting in it, the meetings held, the participants, the exports, the paragraphs.
fn gather(store: &Store, period: Period, today: NaiveDate) -> Result<ActivityData, ExportError> {
    let meetings = store.meetings_held(period, today)?;
    let mut conventions = Vec::new();
    for row in store.conventions()? {
        let met = meetings
            .iter()
            .any(|m| m.meeting.convention == Some(row.id));
        if !met && !period.overlaps(row.start_date, row.end_date) {
            continue;
        }
        let overview = store.convention_overview(row.id)?;
        let proposals = store.with_answers(&overview.proposals)?;
        conventions.push(ConventionYear {
            overview,
            proposals,
        });
    }
    Ok(ActivityData {
        period,
        conventions,
        participants: store.participants(period)?,
        references: store.reference_tables()?.into_iter().map(|r| r.1).collect(),
        support_minutes: {
            let mut minutes = 0;
            for l in store.dispositifs(
                &crate::store::DispositifFilter {
                    kind: Some(crate::domain::codes::DispositifKind::Support),
                    ..Default::default()
                },
                today,
            )? {
                let times = store.support_time(l.dispositif.id)?;
                minutes += crate::domain::support::minutes_between(&times, period.from, period.to);
            }
            minutes
        },
        dispositifs: store
            .dispositifs(&Default::default(), today.min(period.to))?
            .into_iter()
            .filter(|l| period.overlaps(l.dispositif.start, l.dispositif.end))
            .collect(),
        calls: store
            .calls()?
            .into_iter()
            .filter(|c| {
                c.deadline.is_some_and(|d| period.contains(d))
                    || c.report_due.is_some_and(|d| period.contains(d))
            })
            .collect(),
        exports: store.exports_in(period)?,
        experiences: store.experience_notes_in(period)?,
        charters: {
            let mut sentences = Vec::new();
            for c in store.charters()? {
                let all = store.contributions(c.id)?;
                let received = all
                    .iter()
                    .filter(|x| x.received_on.is_some_and(|d| period.contains(d)))
                    .count();
                let answered = all
                    .iter()
                    .filter(|x| x.answered_on.is_some_and(|d| period.contains(d)))
                    .count();
                let pactes = store
                    .pactes(c.id)?
                    .iter()
                    .filter(|p| p.signed_on.is_some_and(|d| period.contains(d)))
                    .count();
                let adopted = c.adopted_on.filter(|d| period.contains(*d));
                if received + answered + pactes == 0 && adopted.is_none() {
                    continue;
                }
                let mut s = format!(
                    "{} : {received} contribution(s) reçue(s) et {answered} réponse(s) publiée(s) sur la période",
                    c.title
                );
                if pactes > 0 {
                    s.push_str(&format!(", {pactes} pacte(s) de coopération signé(s)"));
                }
                if let Some(d) = adopted {
                    s.push_str(&format!(
                        " ; adoptée par le conseil municipal le {} (délibération {})",
                        crate::domain::text::date_short(d),
                        c.deliberation
                    ));
                }
                s.push('.');
                sentences.push(s);
            }
            sentences
        },
        texts: store.activity_texts(period)?,
        meetings,
    })
}
