//! The long documents at a real convention's size: the dossier de convention of the
//! demo, and of a convention with 40 sessions, 60 meetings with validated comptes
//! rendus and 120 proposals each answered. Measures the whole export (read the store,
//! lay out twice, write the PDF, log it) and prints each file's pages and size.
//!
//! Run with `cargo bench --bench documents`.

use std::time::Instant;

use agora::domain::codes::ProposalStatus;
use agora::domain::codes::{AttendanceStatus, MeetingFormat, MeetingKind, MinutesStatus};
use agora::domain::convention::Session;
use agora::domain::dossier::DossierChoice;
use agora::domain::ids::{ConventionId, MeetingId, ProposalId, SessionId};
use agora::domain::meeting::{AgendaItem, Meeting};
use agora::domain::proposal::{Answer, Proposal};
use agora::export::{self, Document};
use agora::store::{self, Store};
use chrono::{Days, NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};

const SESSIONS: usize = 40;
const MEETINGS: usize = 60;
const PROPOSALS: usize = 120;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn at(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap()
}

/// The demo, its climate convention grown to `SESSIONS` sessions, `MEETINGS` meetings
/// (each with an agenda, the panel marked, a validated compte rendu, a decision and an
/// action) and `PROPOSALS` proposals with an answer each, through the window's calls.
fn big_convention(dir: &tempfile::TempDir) -> Store {
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    s.load_demo().unwrap();
    let c = ConventionId(1);
    let started = Instant::now();
    let first = NaiveDate::from_ymd_opt(2026, 9, 5).unwrap();
    let o = s.convention_overview(c).unwrap();
    for i in o.sessions.len()..SESSIONS {
        s.add_session(&Session {
            id: SessionId(0),
            convention: c,
            phase: None,
            title: format!("Séance de travail n° {i}"),
            date: first + Days::new(i as u64 * 7),
            start: at(9),
            end: at(17),
            venue: "Salle des fêtes de l'Hôtel de Ville".into(),
            programme: "Auditions, travail en groupes, restitution.".into(),
            kind: MeetingKind::Plenary,
        })
        .unwrap();
    }
    for i in o.meetings.len()..MEETINGS {
        let id = s
            .create_meeting(&Meeting {
                id: MeetingId(0),
                convention: Some(c),
                session: None,
                kind: MeetingKind::Workshop,
                title: format!("Atelier thématique n° {i}"),
                date: first + Days::new(i as u64 * 4),
                start: at(18),
                end: at(21),
                venue: "Maison des habitants".into(),
                format: MeetingFormat::InPerson,
                services: "Accès PMR".into(),
                facilitators: "Lise Carrier".into(),
            })
            .unwrap();
        let mut notes = Vec::new();
        for title in ["Accueil", "Travail en groupes", "Restitution"] {
            let item = s
                .add_agenda_item(
                    id,
                    &AgendaItem {
                        title: title.into(),
                        duration_minutes: 45,
                        speaker: "Facilitateurs".into(),
                        ..AgendaItem::default()
                    },
                )
                .unwrap();
            notes.push((item, format!("Échanges sur « {title} » : pistes retenues, questions ouvertes, suites à donner.")));
        }
        s.invite_panel(id).unwrap();
        let people: Vec<_> = s
            .attendance(id)
            .unwrap()
            .iter()
            .map(|a| a.contact)
            .collect();
        s.mark_attendance(id, &people, AttendanceStatus::Present)
            .unwrap();
        s.save_minutes(id, "Une soirée de travail en groupes.", &notes)
            .unwrap();
        s.add_decision(
            id,
            "Les pistes du groupe sont retenues.",
            "30 pour, 5 contre",
        )
        .unwrap();
        s.add_action(
            id,
            "Envoyer le compte rendu",
            "Pauline Giraud",
            Some(today()),
        )
        .unwrap();
        s.set_minutes_status(id, MinutesStatus::Reviewed, today())
            .unwrap();
        s.set_minutes_status(id, MinutesStatus::Validated, today())
            .unwrap();
    }
    for i in o.proposals.len()..PROPOSALS {
        let id = s
            .add_proposal(&Proposal {
                id: ProposalId(0),
                convention: c,
                number: 0,
                title: format!("Proposition de la convention n° {i}"),
                text: "Mettre en place, dans chaque quartier, une mesure concrète.".into(),
                theme: "Mobilités".into(),
                vote_result: "Adoptée à 80 %".into(),
                status: ProposalStatus::ToReview,
                directorate: "Direction de la mobilité".into(),
                progress: 0,
                members_grade: None,
            })
            .unwrap();
        s.add_answer(&Answer {
            proposal: id,
            date: today(),
            status: ProposalStatus::Accepted,
            text: "La Ville retient la proposition et en confie l'instruction à la direction compétente.".into(),
        })
        .unwrap();
    }
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
