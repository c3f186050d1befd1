//! Agora's integration tests, one module per subject, linked into one test binary
//! (each binary links iced: thirteen of them cost minutes of linking and gigabytes of
//! disk). Helpers shared by several modules live in `common`.

mod common;

mod activity;
mod attachments;
mod bodies;
mod budget;
mod charter;
mod cli;
mod contacts;
mod conventions;
mod dossier;
mod draw;
mod draw_workflow;
#[cfg(feature = "chiffrement")]
mod encryption;
mod experience;
mod funding;
mod interpellations;
mod meetings;
mod odt;
mod readers;
mod report;
mod rooms;
mod safety;
mod store;
mod supports;
mod ui;
mod veille;
