//! Printed documents. `layout` lays an app-level document model out on A4 pages (no
//! printpdf types leak out of it) and `odt` writes the same model as OpenDocument text;
//! each other module turns domain data into that model.

pub mod activity;
pub mod attendance_sheet;
pub mod attestation;
pub mod body;
pub mod budget;
mod charts;
pub mod dossier;
pub mod draw_minutes;
pub mod followup;
mod funding;
pub mod ics;
pub mod interpellation;
pub mod layout;
pub mod minutes;
pub mod odt;
pub mod rules;
pub mod synthesis_note;

use thiserror::Error;

/// What can go wrong while making a document.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("La police intégrée est illisible : {0}")]
    Font(String),
    #[error("Le document OpenDocument n'a pas pu être écrit : {0}")]
    Odt(String),
    #[error("Le PDF n'a pas pu être finalisé : {0}")]
    Pdf(String),
    #[error("Le document n'a pas pu être écrit : {0}")]
    Io(#[from] std::io::Error),
}
