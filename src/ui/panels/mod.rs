//! One module per panel, each with its own State, Message, update and view, and the
//! [`Event`]s a panel hands up to the app.

pub mod campaigns;
pub mod consent_form;
pub mod contact_form;
pub mod contacts;
pub mod contacts_import;
pub mod conventions;
pub mod dashboard;
pub mod documents;
pub mod draw;
pub mod duplicates;
pub mod meetings;
pub mod settings;
pub mod welcome;

use chrono::NaiveDate;

use super::save_dialog::SaveTarget;
use crate::domain::ids::{ContactId, ConventionId, MeetingId};
use crate::store::Store;

/// What a panel asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Show a record in its panel.
    Open(Target),
    /// Show a message in the banner.
    Notice(String),
    /// A document was exported: show the message, refresh the export log.
    Exported(String),
    /// The store changed: refresh every panel, and show the message unless empty.
    Saved(String),
}

/// A record that can be opened from elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Convention(ConventionId),
    Meeting(MeetingId),
    Contact(ContactId),
}

/// The French sentence for a store error shown in a panel.
pub fn describe(e: &impl std::fmt::Display) -> String {
    crate::domain::text::typography(&e.to_string())
}

/// The banner after writing a document: where it went (and why there, when no dialog
/// could open), or what went wrong.
pub fn exported(
    result: Result<(), crate::export::ExportError>,
    document: &str,
    target: &SaveTarget,
) -> Event {
    match result {
        Ok(()) if target.fallback => Event::Exported(describe(&format!(
            "Aucune boîte de dialogue disponible : « {document} » a été enregistré dans {}",
            target.path.display()
        ))),
        Ok(()) => Event::Exported(describe(&format!(
            "« {document} » enregistré : {}",
            target.path.display()
        ))),
        Err(e) => Event::Notice(describe(&e)),
    }
}

/// Writes a convention's note de synthèse where the person chose and says what
/// happened.
pub fn export_synthesis(
    store: &mut Store,
    id: ConventionId,
    target: &SaveTarget,
    today: NaiveDate,
) -> Event {
    exported(
        crate::export::synthesis_note(store, id, target.destination(), today),
        crate::report::synthesis_note::DOCUMENT,
        target,
    )
}
