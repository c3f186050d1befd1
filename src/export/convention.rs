//! A convention's documents, rendered from the store: the note de synthèse, the
//! follow-up table of its proposals, its rules of the game, and its calendar.

use chrono::NaiveDate;

use super::{ExportError, Format, Missing, Rendered};
use crate::domain::ids::ConventionId;
use crate::report;
use crate::store::Store;

/// The note de synthèse.
pub(super) fn synthesis(
    store: &Store,
    id: ConventionId,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let overview = store.convention_overview(id)?;
    let letterhead = store.settings()?.letterhead();
    let bytes = format.render(&report::synthesis_note::build(
        &overview,
        &letterhead,
        today,
    ))?;
    Ok(Rendered::of_convention(bytes, id))
}

/// The follow-up table of the proposals, each with its answers.
pub(super) fn followup(
    store: &Store,
    id: ConventionId,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let overview = store.convention_overview(id)?;
    let rows = store.with_answers(&overview.proposals)?;
    let letterhead = store.settings()?.letterhead();
    let doc = report::followup::build(&overview.convention, &rows, &letterhead, today);
    let bytes = format.render(&doc)?;
    Ok(Rendered::of_convention(bytes, id))
}

/// The latest version of the rules of participation.
pub(super) fn rules(
    store: &Store,
    id: ConventionId,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let convention = store.convention(id)?;
    let Some(version) = store.rules_versions(id)?.pop() else {
        return Err(ExportError::Missing(Missing::Rules));
    };
    let letterhead = store.settings()?.letterhead();
    let bytes = format.render(&report::rules::build(
        &convention,
        &version,
        &letterhead,
        today,
    ))?;
    Ok(Rendered::of_convention(bytes, id))
}

/// The sessions as an iCalendar file.
pub(super) fn calendar(store: &Store, id: ConventionId) -> Result<Rendered, ExportError> {
    let overview = store.convention_overview(id)?;
    let text = report::ics::calendar(
        &overview.convention,
        &overview.sessions,
        chrono::Utc::now().naive_utc(),
    );
    Ok(Rendered::of_convention(text.into_bytes(), id))
}
