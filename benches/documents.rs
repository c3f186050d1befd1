//! The long documents at a real convention's size: the dossier de convention of the
//! demo, and of a convention with 40 sessions, 60 meetings with validated comptes
//! rendus and 120 proposals each answered. Measures the whole export (read the store,
//! lay out twice, write the PDF, log it) and prints each file's pages and size.
//!
//! Run with `cargo bench --bench documents`.

use std::time::Instant;

use agora::domain::dossier::DossierChoice;
use agora::domain::ids::ConventionId;
use agora::export::{self, Document};
use agora::store::{self, DemoScale, Store};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

const SESSIONS: usize = 40;
const MEETINGS: usize = 60;
const PROPOSALS: usize = 120;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// The demo, its climate convention grown to `SESSIONS` sessions, `MEETINGS` meetings
/// and `PROPOSALS` answered proposals (`Store::grow_demo`).
fn big_convention(dir: &tempfile::TempDir) -> Store {
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    s.load_demo().unwrap();
    let started = Instant::now();
    s.grow_demo(
        DemoScale {
            sessions: SESSIONS,
            meetings: MEETINGS,
            proposals: PROPOSALS,
        },
        today(),
    )
    .unwrap();
    eprintln!(
        "setup: {SESSIONS} sessions, {MEETINGS} meetings, {PROPOSALS} proposals in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    s
}

/// Writes the dossier once and says its pages and size.
fn describe(s: &mut Store, name: &str, choice: &DossierChoice, out: &std::path::Path) {
    let document = Document::Dossier {
        convention: ConventionId(1),
        choice: choice.clone(),
    };
    export::write(s, &document, out, today()).unwrap();
    let bytes = std::fs::read(out).unwrap();
    let pages = lopdf::Document::load_mem(&bytes).unwrap().get_pages().len();
    eprintln!(
        "{name}: {pages} pages, {:.2} MB",
        bytes.len() as f64 / 1_000_000.0
    );
}

fn dossier(c: &mut Criterion) {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("dossier.pdf");
    let sections_only = DossierChoice {
        appendices: Vec::new(),
        ..DossierChoice::default()
    };

    let demo_dir = tempfile::tempdir().unwrap();
    let mut demo = Store::open(&demo_dir.path().join(store::DB_FILE)).unwrap();
    demo.load_demo().unwrap();
    describe(&mut demo, "dossier_demo", &DossierChoice::default(), &file);
    c.bench_function("dossier_demo", |b| {
        b.iter(|| {
            let d = Document::Dossier {
                convention: ConventionId(1),
                choice: DossierChoice::default(),
            };
            export::write(&mut demo, &d, &file, today()).unwrap()
        })
    });

    let big_dir = tempfile::tempdir().unwrap();
    let mut big = big_convention(&big_dir);
    describe(&mut big, "dossier_big_sections", &sections_only, &file);
    describe(
        &mut big,
        "dossier_big_with_appendices",
        &DossierChoice::default(),
        &file,
    );
    let mut group = c.benchmark_group("dossier_big");
    group.sample_size(10);
    group.bench_function("sections", |b| {
        b.iter(|| {
            let d = Document::Dossier {
                convention: ConventionId(1),
                choice: sections_only.clone(),
            };
            export::write(&mut big, &d, &file, today()).unwrap()
        })
    });
    group.bench_function("with_appendices", |b| {
        b.iter(|| {
            let d = Document::Dossier {
                convention: ConventionId(1),
                choice: DossierChoice::default(),
            };
            export::write(&mut big, &d, &file, today()).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, dossier);
criterion_main!(benches);
