//! Attestations de participation, gathered from the émargement of a convention, of one
//! person in it, or of one meeting.

use chrono::NaiveDate;

use super::{ExportError, Format, Missing, Rendered};
use crate::domain::attestation::AttestationScope;
use crate::domain::text;
use crate::report::attestation::{self, Signatory};
use crate::store::Store;

/// One page per person marked present in `scope`.
pub(super) fn attestations(
    store: &Store,
    scope: AttestationScope,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let list = store.attestations(scope)?;
    if list.is_empty() {
        return Err(ExportError::Missing(Missing::Presence));
    }
    let about = match scope {
        AttestationScope::Convention(c) | AttestationScope::Person { convention: c, .. } => {
            tf!("la convention « {} »", store.convention(c)?.title)
        }
        AttestationScope::Meeting(m) => {
            let m = store.meeting(m)?;
            tf!("la réunion « {} » du {}", m.title, text::date_long(m.date))
        }
    };
    let settings = store.settings()?;
    let signatory = Signatory {
        letterhead: settings.letterhead(),
        town: settings.town().map(str::to_string),
        organisation: settings.organisation,
        mission: settings.mission,
    };
    let bytes = format.render(&attestation::build(&list, &about, &signatory, today))?;
    Ok(match scope {
        AttestationScope::Convention(c) => Rendered::of_convention(bytes, c),
        AttestationScope::Person { contact, .. } => Rendered::about("contact", contact.0, bytes),
        AttestationScope::Meeting(m) => Rendered::about("meeting", m.0, bytes),
    })
}
