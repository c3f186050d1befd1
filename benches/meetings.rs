//! Meeting traceability at a busy office's volume: the demo dossier plus 500 meetings,
//! each with an agenda, 40 people marked, a compte rendu with notes, decisions and an
//! action. Measures what the Réunions panel and the exports do.
//!
//! Run with `cargo bench --bench meetings`.

use std::time::Instant;

use agora::domain::codes::{AttendanceStatus, MeetingFormat, MeetingKind, MinutesStatus};
use agora::domain::ids::{ConventionId, MeetingId};
use agora::domain::meeting::{AgendaItem, Meeting};
use agora::domain::timeline::TimelineFilter;
use agora::store::{self, ActionView, MeetingFilter, Store};
use chrono::{Days, NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};

const MEETINGS: u64 = 500;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// The demo plus `MEETINGS` workshops of the climate convention, through the same
/// calls the window makes.
fn busy_store(dir: &tempfile::TempDir) -> Store {
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    s.load_demo().unwrap();
    let started = Instant::now();
    let first = NaiveDate::from_ymd_opt(2024, 1, 8).unwrap();
    for i in 0..MEETINGS {
        let id = s
            .create_meeting(&Meeting {
                id: MeetingId(0),
                convention: Some(ConventionId(1)),
                session: None,
                kind: MeetingKind::Workshop,
                title: format!("Atelier de quartier n° {i}"),
                date: first + Days::new(i * 2),
                start: NaiveTime::from_hms_opt(18, 30, 0).unwrap(),
                end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
                venue: "Maison des habitants".into(),
                format: MeetingFormat::InPerson,
                services: "Accès PMR".into(),
                facilitators: "Lise Carrier".into(),
            })
            .unwrap();
        let mut notes = Vec::new();
        for (k, title) in ["Accueil", "Mobilités à vélo", "Énergie", "Restitution"]
            .iter()
            .enumerate()
        {
            let item = s
                .add_agenda_item(
                    id,
                    &AgendaItem {
                        title: (*title).into(),
                        duration_minutes: 30,
                        speaker: "Facilitateurs".into(),
                        ..AgendaItem::default()
                    },
                )
                .unwrap();
            notes.push((
                item,
                format!("Échanges nourris sur le point {k} : pistes cyclables, chauffage, écoles."),
            ));
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
        s.mark_attendance(id, &people[..3], AttendanceStatus::Absent)
            .unwrap();
        s.save_minutes(
            id,
            "Une soirée de travail sur les mobilités et l'énergie.",
            &notes,
        )
        .unwrap();
        s.add_decision(
            id,
            "Les propositions vélo sont retenues.",
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
    eprintln!(
        "setup: {MEETINGS} meetings recorded through the store in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    s
}

fn meetings(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = busy_store(&dir);
    let busy = MeetingId(100);

    c.bench_function("meetings_list_all_512", |b| {
        b.iter(|| s.meetings_list(&MeetingFilter::default()).unwrap())
    });
    c.bench_function("meeting_record_40_attendees", |b| {
        b.iter(|| s.meeting_record(busy).unwrap())
    });
    c.bench_function("search_traces_prefix_no_accents", |b| {
        b.iter(|| s.search_traces("echang velo", 100).unwrap())
    });
    c.bench_function("search_traces_words_found_in_every_meeting", |b| {
        b.iter(|| s.search_traces("chauffage ecoles", 100).unwrap())
    });
    c.bench_function("timeline_convention_2000_events", |b| {
        b.iter(|| {
            s.timeline(ConventionId(1), &TimelineFilter::default())
                .unwrap()
        })
    });
    c.bench_function("attendance_per_person_and_compensation", |b| {
        b.iter(|| {
            (
                s.person_attendance(ConventionId(1)).unwrap(),
                s.compensation_days(ConventionId(1)).unwrap(),
            )
        })
    });
    c.bench_function("actions_overdue_across_meetings", |b| {
        b.iter(|| s.all_actions(ActionView::Overdue, "", today()).unwrap())
    });
    let record = s.meeting_record(busy).unwrap();
    c.bench_function("render_compte_rendu_pdf", |b| {
        b.iter(|| {
            agora::report::minutes::render_pdf(&record, "Ville de Grenoble", today()).unwrap()
        })
    });
    let exports = tempfile::tempdir().unwrap();
    let out = exports.path().join("emargement.pdf");
    c.bench_function("export_feuille_emargement_pdf_logged", |b| {
        b.iter(|| {
            agora::export::write(
                &mut s,
                &agora::export::Document::AttendanceSheet {
                    meeting: MeetingId(1),
                    contact_details: false,
                },
                &out,
                today(),
            )
            .unwrap()
        })
    });
    let fresh = s
        .meetings_list(&MeetingFilter {
            from: Some(today()),
            ..MeetingFilter::default()
        })
        .unwrap()
        .into_iter()
        .find(|m| m.invited == 40)
        .map(|m| m.meeting.id)
        .unwrap();
    let people: Vec<_> = s
        .attendance(fresh)
        .unwrap()
        .iter()
        .map(|a| a.contact)
        .collect();
    c.bench_function("mark_40_present_one_transaction", |b| {
        b.iter(|| {
            s.mark_attendance(fresh, &people, AttendanceStatus::Present)
                .unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = meetings
}
criterion_main!(benches);
