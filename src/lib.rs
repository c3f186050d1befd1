//! Agora: the desk application of a city's Mission Démocratie locale.
//!
//! Rooms (see `DESIGN.md`): `domain` (types and rules, no IO), `store` (SQLite, the only
//! place that speaks SQL), `report` (PDF documents), `ui` (the iced window) and `cli`
//! (headless commands), `import` (reading the files people bring: bytes in, values and
//! line errors out). `export` is the thin glue both the window and the CLI use to turn
//! a record into a logged document on disk. `files` is how every file is written:
//! private to the user, whole or not at all. `diagnostics` is the support log.

/// `format!` typeset for French (no-break spaces before : ; ! ? and inside « »,
/// typographic apostrophes): the one way every sentence shown or printed is made.
macro_rules! tf {
    ($($arg:tt)*) => {
        $crate::domain::text::typography(&format!($($arg)*))
    };
}

pub mod assets;
pub mod cli;
pub mod diagnostics;
pub mod domain;
pub mod export;
pub mod files;
pub mod import;
pub mod report;
pub mod store;
pub mod ui;
