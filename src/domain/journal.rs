//! The journal (every write, with a short French summary) and the export log (every
//! document that left the store, with or without personal data).

use chrono::NaiveDateTime;

/// One line of the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalEntry {
    pub at: NaiveDateTime,
    /// "create", "update", "delete", "import", "export", "draw", "restore".
    pub kind: String,
    /// The table of the record ("convention", "contact"…).
    pub entity: String,
    pub entity_id: Option<i64>,
    pub summary: String,
}

/// One exported document.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRecord {
    pub at: NaiveDateTime,
    /// The document's French name ("Note de synthèse").
    pub document: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub path: String,
    pub personal_data: bool,
    /// « écrit », or « refusé : … » / « échec : … » with the reason.
    pub outcome: String,
}
