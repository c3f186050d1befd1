//! A meeting's documents, rendered from the store: the compte rendu and the feuille
//! d'émargement. Both name the participants.

use chrono::NaiveDate;

use super::{ExportError, Format, Rendered};
use crate::domain::codes::AttendanceStatus;
use crate::domain::ids::MeetingId;
use crate::domain::meeting::MeetingRecord;
use crate::report::{self, attendance_sheet::SheetLine};
use crate::store::Store;

/// The compte rendu.
pub(super) fn minutes(
    store: &Store,
    id: MeetingId,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let record = store.meeting_record(id)?;
    let letterhead = store.settings()?.letterhead();
    let bytes = format.render(&report::minutes::build(&record, &letterhead, today))?;
    Ok(Rendered::about("meeting", id.0, bytes))
}

/// The feuille d'émargement; emails and phones are printed only with
/// `with_contact_details`.
pub(super) fn attendance_sheet(
    store: &Store,
    id: MeetingId,
    with_contact_details: bool,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let record = store.meeting_record(id)?;
    let letterhead = store.settings()?.letterhead();
    let doc = attendance_sheet_document(store, &record, with_contact_details, &letterhead, today)?;
    let bytes = format.render(&doc)?;
    Ok(Rendered::about("meeting", id.0, bytes))
}

/// The feuille d'émargement of a meeting, laid out (the dossier prints it as an
/// appendix).
pub(super) fn attendance_sheet_document(
    store: &Store,
    record: &MeetingRecord,
    with_contact_details: bool,
    letterhead: &str,
    today: NaiveDate,
) -> Result<report::layout::Document, ExportError> {
    let panel = match record.meeting.convention {
        Some(c) => store.panelists(c)?,
        None => Default::default(),
    };
    let mut lines = Vec::with_capacity(record.attendance.len());
    for a in record
        .attendance
        .iter()
        .filter(|a| a.status != AttendanceStatus::Replaced)
    {
        let c = store.contact(a.contact)?;
        let role = if !a.organisation.is_empty() {
            a.organisation.clone()
        } else if panel.contains(&a.contact) {
            "Membre du panel".into()
        } else {
            c.kind.label().into()
        };
        let contact_details = if with_contact_details {
            [c.email, c.phone]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            String::new()
        };
        lines.push(SheetLine {
            name: a.name.clone(),
            role,
            contact_details,
        });
    }
    Ok(report::attendance_sheet::build(
        record,
        lines,
        with_contact_details,
        letterhead,
        today,
    ))
}
