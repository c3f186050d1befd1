//! One module per panel, and the [`Event`]s a panel hands up to the app.
//!
//! # The panel contract
//!
//! Every panel and every tab or sub-screen of a panel has the same five parts; the
//! draw panel (`draw/`) is the example to copy:
//!
//! - `State`: what it shows and what is being typed, loaded from the store by `new` or
//!   `load`, and `reload` after the app says the store changed.
//! - `Message` (`Msg` in a tab): a short enum of what the person did. A panel with
//!   tabs has one variant per tab wrapping that tab's `Msg` (`Message::Pool(pool::Msg)`)
//!   and never looks inside it.
//! - `update(&mut self, msg, store, …) -> (Task<Msg>, Option<Event>)`: changes its
//!   state, asks the store (every SQL statement lives in `store`), and returns a task
//!   (a file dialog, a computation in the background) and what the parent must know:
//!   an [`Event`]. A parent maps its child's task (`task.map(Message::Pool)`) and
//!   passes the event up unchanged.
//! - `view(&self) -> Element<Msg>`: the screen, with labels typeset for French
//!   (`crate::domain::text::typography`).
//! - One module per tab or feature, small enough to read at once.
//!
//! When a part must change what its own panel shows (open the meeting form in place
//! of the list, a meeting deleted), it hands up a small private enum of its panel
//! that wraps the app's [`Event`] (`meetings::Up`); the panel does what it asks and
//! passes the rest on. A write the screen shows by itself returns `Event::Changed`,
//! one that deserves a sentence `Event::Saved(sentence)`.
//!
//! A panel never writes a file. To export a document it returns
//! `Event::Export(Document::…)` (or `Event::ExportEditable` for the .odt version of a
//! printed document): the app asks where (the system's dialog, or the
//! fallback folder when none can open), writes it through `export::write` (checked,
//! whole or not at all, logged) and says where it went. A new document is a variant
//! of `export::Document`; a new panel is a module here, a variant of `ui::Panel` and
//! of the app's `Message`.

pub mod activity_report;
pub mod attachments_summary;
pub mod campaigns;
pub mod consent_form;
pub mod contact_form;
pub mod contacts;
pub mod contacts_import;
pub mod conventions;
pub mod dashboard;
pub mod dispositifs;
pub mod documents;
pub mod draw;
pub mod duplicates;
pub mod interpellation_rules;
pub mod logo;
pub mod meetings;
pub mod memory;
pub mod settings;
pub mod welcome;

use crate::domain::ids::{CallId, ContactId, ConventionId, DispositifId, MeetingId};
use crate::export::Document;

/// What a panel asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Show a record in its panel.
    Open(Target),
    /// Show a message in the banner.
    Notice(String),
    /// Write a document: the app asks where (save dialog, or the fallback folder when
    /// none can open), writes it through `export`, logs it and says where it went.
    Export(Document),
    /// Write a printed document as OpenDocument text (.odt): the accessible, editable
    /// version; otherwise as `Export`.
    ExportEditable(Document),
    /// The store changed: refresh every panel and show this sentence.
    Saved(String),
    /// The store changed in a way the screen shows by itself (a box ticked, a line
    /// moved): refresh every panel, say nothing.
    Changed,
}

impl Event {
    /// Write `document`, as editable OpenDocument when `editable` (a printed one).
    pub fn export(document: Document, editable: bool) -> Event {
        if editable {
            Event::ExportEditable(document)
        } else {
            Event::Export(document)
        }
    }
}

/// A record that can be opened from elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Convention(ConventionId),
    Meeting(MeetingId),
    Contact(ContactId),
    Call(CallId),
    Dispositif(DispositifId),
    /// The Tirage au sort panel on a convention (or a body's renewal).
    Draw(ConventionId),
}

/// The French sentence for a store error shown in a panel.
pub fn describe(e: &impl std::fmt::Display) -> String {
    crate::domain::text::typography(&e.to_string())
}

/// What the app must know of a change to the store: saved (with the sentence to show,
/// or silently when it is empty), nothing, or why it failed.
pub fn outcome(result: Result<Option<String>, crate::store::StoreError>) -> Option<Event> {
    match result {
        Ok(Some(notice)) => Some(Event::Saved(notice)),
        Ok(None) => None,
        Err(e) => Some(Event::Notice(describe(&e))),
    }
}
