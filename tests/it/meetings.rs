//! Meeting traceability on a real store file: the compte rendu's workflow and versions,
//! attendance rates and compensation days, the agenda, the accent-insensitive search,
//! the timeline, and everything still there after a restart.

use std::path::PathBuf;

use agora::domain::DomainError;
use agora::domain::codes::{
    ActionStatus, AttendanceStatus, MeetingFormat, MeetingKind, MinutesStatus, TimelineKind,
};
use agora::domain::ids::{ConventionId, MeetingId};
use agora::domain::meeting::{AgendaItem, Meeting, agenda_overrun_minutes};
use agora::domain::timeline::TimelineFilter;
use agora::store::{ActionView, MeetingFilter, Store, StoreError};
use chrono::{NaiveDate, NaiveTime};

use super::common::today;

fn demo(dir: &tempfile::TempDir) -> (PathBuf, Store) {
    super::common::demo(dir.path())
}

fn workshop() -> Meeting {
    Meeting {
        id: MeetingId(0),
        convention: Some(ConventionId(1)),
        session: None,
        kind: MeetingKind::Workshop,
        title: "Atelier des quartiers sud".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        start: NaiveTime::from_hms_opt(18, 30, 0).unwrap(),
        end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        venue: "Maison des habitants Abbaye".into(),
        format: MeetingFormat::InPerson,
        services: "Garde d'enfants".into(),
        facilitators: "Lise Carrier".into(),
    }
}

fn item(title: &str, minutes: u32) -> AgendaItem {
    AgendaItem {
        title: title.into(),
        duration_minutes: minutes,
        ..AgendaItem::default()
    }
}

fn locked(e: StoreError) -> bool {
    matches!(e, StoreError::Invalid(DomainError::MinutesLocked))
}

#[test]
fn a_locked_compte_rendu_refuses_edits_and_a_correction_makes_a_version() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = demo(&dir);
    let id = s.create_meeting(&workshop()).unwrap();
    let first = s.add_agenda_item(id, &item("Accueil", 20)).unwrap();
    s.add_agenda_item(id, &item("Travail en groupes", 100))
        .unwrap();
    s.invite_panel(id).unwrap();
    s.save_minutes(
        id,
        "Une soirée studieuse.",
        &[(first, "Tour de table.".into())],
    )
    .unwrap();
    assert_eq!(
        s.add_decision(id, "Le plan vélo est soutenu.", "23 pour, 2 contre")
            .unwrap(),
        1
    );
    assert_eq!(
        s.add_decision(id, "Une seconde réunion aura lieu.", "")
            .unwrap(),
        2
    );

    // Draft → relu → validé → verrouillé; no skipping a step.
    assert!(matches!(
        s.set_minutes_status(id, MinutesStatus::Locked, today()),
        Err(StoreError::Invalid(DomainError::StatusTransition { .. }))
    ));
    s.set_minutes_status(id, MinutesStatus::Reviewed, today())
        .unwrap();
    s.set_minutes_status(id, MinutesStatus::Validated, today())
        .unwrap();
    // Validated: the text no longer changes until it goes back to draft.
    assert!(matches!(
        s.save_minutes(id, "autre", &[]),
        Err(StoreError::Invalid(DomainError::MinutesNotEditable(_)))
    ));
    s.set_minutes_status(id, MinutesStatus::Locked, today())
        .unwrap();

    // Locked: nothing about the meeting changes, except the follow-up of actions.
    assert!(locked(s.save_minutes(id, "réécriture", &[]).unwrap_err()));
    assert!(locked(s.add_decision(id, "Ajout tardif", "").unwrap_err()));
    assert!(locked(
        s.add_agenda_item(id, &item("Point oublié", 5)).unwrap_err()
    ));
    let someone = s.attendance(id).unwrap()[0].contact;
    assert!(locked(
        s.mark_attendance(id, &[someone], AttendanceStatus::Present)
            .unwrap_err()
    ));
    assert!(locked(s.delete_meeting(id).unwrap_err()));
    let action = s
        .add_action(id, "Envoyer le compte rendu", "Pauline Giraud", None)
        .unwrap();
    s.set_action_status(action, ActionStatus::Done).unwrap();

    // A correction needs a reason, and opens version 2 as a draft.
    assert!(s.correct_minutes(id, "  ").is_err());
    assert_eq!(
        s.correct_minutes(id, "Nom d'un intervenant corrigé")
            .unwrap(),
        2
    );
    let m = s.minutes(id).unwrap().unwrap();
    assert_eq!((m.status, m.version), (MinutesStatus::Draft, 2));
    assert_eq!(m.validated_on, None);
    s.save_minutes(
        id,
        "Une soirée studieuse et animée.",
        &[(first, "Tour de table complet.".into())],
    )
    .unwrap();
    s.close().unwrap();

    // After a restart, both versions are readable; version 1 kept what it froze.
    let s = Store::open(&db).unwrap();
    let versions = s.minutes_versions(id).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].body, "Une soirée studieuse.");
    assert_eq!(versions[0].validated_on, Some(today()));
    let frozen = versions[0]
        .snapshot
        .as_ref()
        .expect("version 1 froze its notes");
    assert_eq!(
        frozen.items[0],
        ("1. Accueil".to_string(), "Tour de table.".to_string())
    );
    assert_eq!(frozen.decisions.len(), 2);
    assert_eq!(frozen.decisions[0].2, "23 pour, 2 contre");
    assert_eq!(versions[1].reason, "Nom d'un intervenant corrigé");
    assert_eq!(versions[1].body, "Une soirée studieuse et animée.");
    assert_eq!(s.agenda(id).unwrap()[0].notes, "Tour de table complet.");
    assert_eq!(s.actions(id).unwrap()[0].status, ActionStatus::Done);
    let journal: Vec<String> = s
        .journal(50, 0)
        .unwrap()
        .into_iter()
        .map(|e| e.summary)
        .collect();
    assert!(
        journal.iter().any(|j| j.contains("Verrouillé")),
        "{journal:?}"
    );
    assert!(journal.iter().any(|j| j.contains("version 2 ouverte")));
}

#[test]
fn agenda_keeps_its_order_and_checks_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut s) = demo(&dir);
    let id = s.create_meeting(&workshop()).unwrap();
    let a = s.add_agenda_item(id, &item("Accueil", 20)).unwrap();
    let b = s.add_agenda_item(id, &item("Ateliers", 90)).unwrap();
    let c = s.add_agenda_item(id, &item("Restitution", 30)).unwrap();
    let sub = s
        .add_agenda_item(
            id,
            &AgendaItem {
                parent: Some(b),
                ..item("Mobilités", 45)
            },
        )
        .unwrap();
    let m = s.meeting(id).unwrap();
    let agenda = s.agenda(id).unwrap();
    // Sub-items share their parent's time: 20 + 90 + 30 = 140 of 150 minutes.
    assert_eq!(agenda_overrun_minutes(&m, &agenda), -10);
    let order: Vec<_> = agenda.iter().map(|i| i.id).collect();
    assert_eq!(order, vec![a, b, sub, c]);

    s.move_agenda_item(c, true).unwrap();
    s.move_agenda_item(a, true).unwrap(); // already first: nothing moves
    let order: Vec<_> = s.agenda(id).unwrap().iter().map(|i| i.id).collect();
    assert_eq!(order, vec![a, c, b, sub]);

    s.add_agenda_item(id, &item("Pot de l'amitié", 30)).unwrap();
    let agenda = s.agenda(id).unwrap();
    assert_eq!(agenda_overrun_minutes(&m, &agenda), 20);

    s.remove_agenda_item(a).unwrap();
    let positions: Vec<u32> = s
        .agenda(id)
        .unwrap()
        .iter()
        .filter(|i| i.parent.is_none())
        .map(|i| i.position)
        .collect();
    assert_eq!(positions, vec![1, 2, 3], "no gap after a removal");
    assert!(s.add_agenda_item(id, &item("  ", 5)).is_err());
}

#[test]
fn attendance_rates_and_compensation_days_follow_the_marking() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut s) = demo(&dir);
    let conv = ConventionId(1);
    let people = s.person_attendance(conv).unwrap();
    let before = s.compensation_days(conv).unwrap();
    // Every session is on its own date: one day per presence of a panel member.
    assert_eq!(before, people.iter().map(|p| p.present).sum::<u32>());
    assert!(
        people.windows(2).all(|w| w[0].rate() <= w[1].rate()),
        "lowest rate first"
    );

    // Séance 4 (meeting 4) has its 40 panel members invited; everyone comes but one.
    let session4 = MeetingId(4);
    let list = s.attendance(session4).unwrap();
    assert_eq!(list.len(), 40);
    let everyone: Vec<_> = list.iter().map(|a| a.contact).collect();
    s.mark_attendance(session4, &everyone, AttendanceStatus::Present)
        .unwrap();
    s.mark_attendance(session4, &everyone[..1], AttendanceStatus::Excused)
        .unwrap();
    s.set_attendance_flags(session4, everyone[1], true, false)
        .unwrap();
    assert_eq!(s.compensation_days(conv).unwrap(), before + 39);
    let sessions = s.session_attendance(conv).unwrap();
    let s4 = sessions.iter().find(|x| x.meeting == session4).unwrap();
    assert_eq!((s4.present, s4.expected), (39, 40));
    let record = s.meeting_record(session4).unwrap();
    assert!(record.names_with(AttendanceStatus::Present)[0].ends_with("(arrivée tardive)"));
    let find = |list: &[agora::domain::meeting::PersonAttendance]| {
        let p = list.iter().find(|p| p.contact == everyone[0]).unwrap();
        (p.present, p.expected)
    };
    let (present_before, expected_before) = find(&people);
    // Excused at session 4: expected once more, present as often as before.
    assert_eq!(
        find(&s.person_attendance(conv).unwrap()),
        (present_before, expected_before + 1)
    );

    // Inviting the panel again adds nobody twice.
    assert_eq!(s.invite_panel(session4).unwrap(), 0);
    // A meeting outside any convention has no panel to invite.
    let mut free = workshop();
    free.convention = None;
    let free = s.create_meeting(&free).unwrap();
    assert!(s.invite_panel(free).is_err());
    assert_eq!(s.invite(free, &everyone[..3]).unwrap(), 3);
    s.remove_participant(free, everyone[0]).unwrap();
    assert_eq!(s.attendance(free).unwrap().len(), 2);
    // A whole group at once; those already invited keep their place.
    let groups = s.groups().unwrap();
    assert_eq!(groups.len(), 2);
    let council = &groups[1];
    assert!(council.name.starts_with("Conseil citoyen"), "{groups:?}");
    assert_eq!(
        s.invite_group(free, council.id).unwrap(),
        council.members as usize
    );
    assert_eq!(s.invite_group(free, council.id).unwrap(), 0);
    assert_eq!(
        s.attendance(free).unwrap().len(),
        2 + council.members as usize
    );
}

#[test]
fn search_finds_traces_with_or_without_accents() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut s) = demo(&dir);
    let id = s.create_meeting(&workshop()).unwrap();
    s.add_decision(id, "Une vélorution aura lieu au printemps.", "")
        .unwrap();
    for typed in ["vélorution", "velorution", "VELORUT", "Velo printemps"] {
        let hits = s.search_traces(typed, 20).unwrap();
        assert_eq!(hits.len(), 1, "{typed}");
        assert_eq!(hits[0].meeting, id);
        assert_eq!(hits[0].kind, "Décision");
        assert!(
            hits[0]
                .excerpt
                .iter()
                .any(|(t, matched)| *matched && t.to_lowercase().starts_with("v"))
        );
    }
    // Notes of the demo's agendas, minutes and actions are indexed too.
    let notes = s.search_traces("échanges riches", 100).unwrap();
    assert!(notes.iter().any(|h| h.kind == "Notes"));
    assert_eq!(
        notes.len(),
        s.search_traces("ECHANGES RICHES", 100).unwrap().len()
    );
    assert!(!s.search_traces("diffuser", 100).unwrap().is_empty());
    assert!(
        s.search_traces("\"OR*(", 10).is_ok(),
        "operators are neutralised"
    );
    // A deleted meeting leaves no trace in the index.
    s.delete_meeting(id).unwrap();
    assert!(s.search_traces("velorution", 20).unwrap().is_empty());
}

#[test]
fn timeline_merges_everything_in_date_order() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut s) = demo(&dir);
    let conv = ConventionId(1);
    let out = exports.path().join("cr.pdf");
    agora::export::write(
        &mut s,
        &agora::export::Document::Minutes(MeetingId(3)),
        &out,
        today(),
    )
    .unwrap();
    let all = s.timeline(conv, &TimelineFilter::default()).unwrap();
    assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
    // (Every session of the demo is held by a meeting, which stands for it.)
    for kind in [
        TimelineKind::Meeting,
        TimelineKind::Decision,
        TimelineKind::Draw,
        TimelineKind::Export,
        TimelineKind::Answer,
    ] {
        assert!(all.iter().any(|e| e.kind == kind), "{kind:?}");
    }
    let export = all.iter().find(|e| e.kind == TimelineKind::Export).unwrap();
    assert_eq!(export.meeting, Some(MeetingId(3)));
    let october = s
        .timeline(
            conv,
            &TimelineFilter {
                kinds: vec![TimelineKind::Meeting],
                from: NaiveDate::from_ymd_opt(2026, 10, 1),
                to: NaiveDate::from_ymd_opt(2026, 10, 31),
            },
        )
        .unwrap();
    let titles: Vec<&str> = october.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Séance 1 — Accueil et enjeux climatiques",
            "Séance 2 — Auditions : énergie et logement"
        ]
    );
}

#[test]
fn meetings_are_listed_filtered_and_edited() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = demo(&dir);
    let all = s.meetings_list(&MeetingFilter::default()).unwrap();
    assert_eq!(
        all.len(),
        18,
        "the convention's 12, 3 of the interpellations and 3 of the charter"
    );
    assert!(
        all.windows(2)
            .all(|w| w[0].meeting.date >= w[1].meeting.date)
    );
    let workshops = s
        .meetings_list(&MeetingFilter {
            kind: Some(MeetingKind::Workshop),
            ..MeetingFilter::default()
        })
        .unwrap();
    assert_eq!(workshops.len(), 4, "2 of the convention, 2 of the charter");
    let december = s
        .meetings_list(&MeetingFilter {
            from: NaiveDate::from_ymd_opt(2026, 12, 1),
            to: NaiveDate::from_ymd_opt(2026, 12, 31),
            ..MeetingFilter::default()
        })
        .unwrap();
    assert_eq!(
        december.len(),
        4,
        "3 of the convention, the interpellations' review"
    );

    let mut bad = workshop();
    bad.end = bad.start;
    assert!(s.create_meeting(&bad).is_err());
    let id = s.create_meeting(&workshop()).unwrap();
    let mut m = s.meeting(id).unwrap();
    m.venue = "Salle Juliet-Berto".into();
    m.format = MeetingFormat::Hybrid;
    s.update_meeting(&m).unwrap();
    let overdue = s.all_actions(ActionView::Overdue, "", today()).unwrap();
    assert!(overdue.iter().all(|a| a.action.is_overdue(today())));
    assert!(!overdue.is_empty());
    s.close().unwrap();
    let s = Store::open(&db).unwrap();
    assert_eq!(s.meeting(id).unwrap(), m);
}

#[test]
fn a_saved_selection_reruns_when_it_invites() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = demo(&dir);
    let filter = agora::store::ContactFilter {
        search: "Martin".into(),
        kind: Some(agora::domain::codes::ContactKind::Inhabitant),
        ..Default::default()
    };
    let found = s.contacts_count(&filter).unwrap();
    assert!(found > 0);
    let id = s.save_selection("Les Martin", &filter).unwrap();
    assert!(
        s.save_selection("les martin", &filter).is_err(),
        "names are unique"
    );
    assert!(s.save_selection("  ", &filter).is_err());
    s.close().unwrap();

    let mut s = Store::open(&db).unwrap();
    let row = s
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| g.id == id)
        .unwrap();
    assert!(row.saved_selection);
    assert_eq!(row.members, found);
    let meeting = s.create_meeting(&workshop()).unwrap();
    assert_eq!(s.invite_group(meeting, id).unwrap(), found as usize);
    let invited = s.attendance(meeting).unwrap();
    assert!(
        invited
            .iter()
            .all(|a| a.name.to_lowercase().contains("martin")),
        "{invited:?}"
    );
}
