//! The documents of the dispositifs, rendered from the store: an interpellation's
//! letter, fiche and mediation report; a consultative body's yearly report; a
//! participatory budget's results and delivery follow-up.

use chrono::NaiveDate;

use super::{ExportError, Format, Missing, Rendered};
use crate::domain::ids::DispositifId;
use crate::domain::interpellation::{Level, Stage};
use crate::report::interpellation::{Facts, Paper};
use crate::store::Store;

/// One of an interpellation's three documents.
pub(super) fn interpellation(
    store: &Store,
    id: DispositifId,
    paper: Paper,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let (dispositif, interpellation) = store.interpellation(id)?;
    let rules = store.interpellation_rules()?;
    let mediation = interpellation.first_meeting.is_some()
        || matches!(
            interpellation.stage(&rules, today),
            Stage::Following(Level::Mediation | Level::Workshop)
        );
    if paper == Paper::Report && !mediation {
        return Err(ExportError::Missing(Missing::Mediation));
    }
    let facts = Facts {
        dispositif: &dispositif,
        interpellation: &interpellation,
        rules: &rules,
        checks: &store.support_checks(id)?,
        meetings: &store.dispositif_meetings(id)?,
        letterhead: &store.settings()?.letterhead(),
        today,
    };
    let bytes = format.render(&paper.build(&facts))?;
    Ok(Rendered::about("dispositif", id.0, bytes))
}

/// A consultative body's activity report of `year`.
pub(super) fn body_report(
    store: &Store,
    id: DispositifId,
    year: i32,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let (dispositif, body) = store.body(id)?;
    let meetings: Vec<_> = store
        .dispositif_meeting_rows(id)?
        .into_iter()
        .map(|r| (r.meeting, r.present, r.invited))
        .collect();
    let facts = crate::report::body::Facts {
        dispositif: &dispositif,
        body: &body,
        members: &store.body_members(id)?,
        meetings: &meetings,
        opinions: &store.opinions(id)?,
        year,
        letterhead: &store.settings()?.letterhead(),
        today,
    };
    let bytes = format.render(&crate::report::body::build(&facts))?;
    Ok(Rendered::about("dispositif", id.0, bytes))
}

/// A participatory budget's results or delivery follow-up.
pub(super) fn budget(
    store: &Store,
    id: DispositifId,
    paper: crate::report::budget::Paper,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let (d, e) = store.edition(id)?;
    let doc = crate::report::budget::build(
        paper,
        &d,
        &e,
        &store.projects(id)?,
        &store.settings()?.letterhead(),
        today,
    );
    Ok(Rendered::about("dispositif", id.0, format.render(&doc)?))
}
