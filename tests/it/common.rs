//! What several test modules need: the binary run as a person would run it, a store
//! holding the demo dossier, the text of a PDF, and the tests' fixed « today ».

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use agora::store::{self, Store};
use chrono::NaiveDate;

/// The day the dated tests take as today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// Runs `agora --data-dir DIR ARGS…` and waits for it.
pub fn agora(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

/// The standard output of a run that must have succeeded.
pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The error output of a run that must have been refused.
pub fn refused(out: Output) -> String {
    assert!(
        !out.status.success(),
        "expected a refusal; stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Text with its no-break spaces (French typography) as plain spaces.
pub fn plain(s: impl Into<String>) -> String {
    s.into().replace(['\u{a0}', '\u{202f}'], " ")
}

/// The store file in a data folder.
pub fn db_in(dir: &Path) -> PathBuf {
    dir.join(store::DB_FILE)
}

/// A store in `dir` holding the demo dossier, open.
pub fn demo(dir: &Path) -> (PathBuf, Store) {
    let db = db_in(dir);
    let mut s = Store::open(&db).unwrap();
    s.load_demo().unwrap();
    (db, s)
}

/// The number of pages of a PDF and its text as extracted, page after page.
pub fn pdf_pages(bytes: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("extractable text");
    (pages.len(), text)
}

/// The text of a PDF file, its runs of white space as single spaces (a sentence the
/// layout wrapped reads whole).
pub fn pdf_words(path: &Path) -> String {
    let (_, text) = pdf_pages(&std::fs::read(path).unwrap());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
