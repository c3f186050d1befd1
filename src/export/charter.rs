//! The charter's documents, gathered from the store: its text with what changed and
//! why, or the table of its contributions; each contribution said by where it came
//! from, its author never named.

use chrono::NaiveDate;

use super::{ExportError, Format, Rendered};
use crate::domain::ids::CharterId;
use crate::domain::text;
use crate::report::charter::{Facts, Paper, build};
use crate::store::Store;

/// One of the charter's two documents.
pub(super) fn charter(
    store: &Store,
    id: CharterId,
    paper: Paper,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let facts = facts(store, id)?;
    let doc = build(paper, &facts, &store.settings()?.letterhead(), today);
    Ok(Rendered::about("charter", id.0, format.render(&doc)?))
}

fn facts(store: &Store, id: CharterId) -> Result<Facts, ExportError> {
    let contributions = store.contributions(id)?;
    let mut origins = Vec::new();
    for c in &contributions {
        let origin = match c.meeting.map(|m| store.meeting(m)).transpose()? {
            Some(m) => format!("{}, {}", m.title, text::date_short(m.date)),
            None => match c.received_on {
                Some(d) => format!("Contribution écrite, {}", text::date_short(d)),
                None => "Contribution écrite".into(),
            },
        };
        origins.push((c.id, origin));
    }
    Ok(Facts {
        charter: store.charter(id)?,
        articles: store.articles(id)?,
        contributions,
        pactes: store.pactes(id)?,
        origins,
    })
}
