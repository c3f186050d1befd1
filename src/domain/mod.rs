//! Plain types and rules of the mission office, free of IO. Validation lives here and
//! returns typed errors; the store and the reports build on these types.

pub mod activity;
pub mod attachment;
pub mod attestation;
pub mod body;
pub mod budget;
pub mod calendar;
pub mod campaign;
pub mod charter;
pub mod codes;
pub mod contact;
pub mod convention;
pub mod dispositif;
pub mod dossier;
pub mod error;
pub mod experience;
pub mod funding;
pub mod ids;
pub mod interpellation;
pub mod journal;
pub mod logo;
pub mod meeting;
pub mod minutes;
pub mod overview;
pub mod parse;
pub mod planning;
pub mod proposal;
pub mod rules;
pub mod sortition;
pub mod support;
pub mod text;
pub mod timeline;
pub mod veille;

pub use error::DomainError;
