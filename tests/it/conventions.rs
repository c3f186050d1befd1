//! Convention planning on a real store file: creating a convention from nothing, its
//! status, archive and duplication, its calendar and the `.ics` file read back.

use agora::domain::DomainError;
use agora::domain::calendar::{Conflict, conflicts};
use agora::domain::codes::{ConventionStatus, ParticipationKind};
use agora::domain::convention::{Convention, Phase, Session};
use agora::domain::ids::{ConventionId, PhaseId, SessionId};
use agora::store::{self, DEFAULT_PHASES, Store, StoreError};
use chrono::{NaiveDate, NaiveTime};

use super::common::{pdf_pages, pdf_words};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn solidarity() -> Convention {
    Convention {
        theme: "Solidarités".into(),
        participation: ParticipationKind::CoConstruction,
        mandate_from: "Le conseil municipal".into(),
        question: "Comment mieux lutter contre l'isolement des aînés ?".into(),
        commitment: "Répondre à chaque proposition dans les six mois.".into(),
        elected_official: "Adjointe aux solidarités".into(),
        target_panel_size: 36,
        budget_envelope_cents: 9_000_000,
        start_date: Some(d(2027, 3, 1)),
        end_date: Some(d(2027, 9, 30)),
        ..Convention::draft("Convention citoyenne des solidarités")
    }
}

fn session(c: ConventionId, phase: Option<PhaseId>, title: &str, date: NaiveDate) -> Session {
    Session {
        id: SessionId(0),
        convention: c,
        phase,
        title: title.into(),
        date,
        start: t(9, 30),
        end: t(17, 0),
        venue: "Salle des fêtes, place de Verdun".into(),
        programme: "Accueil ; auditions, puis travail en groupes".into(),
        kind: agora::domain::codes::MeetingKind::Plenary,
    }
}

#[test]
fn a_convention_from_an_empty_store_with_its_life_and_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    assert!(s.create_convention(&Convention::draft(" ")).is_err());
    let id = s.create_convention(&solidarity()).unwrap();
    let o = s.convention_overview(id).unwrap();
    assert_eq!(o.convention.status, ConventionStatus::Preparation);
    let names: Vec<&str> = o.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, DEFAULT_PHASES);

    // The frame changes; the status moves one step at a time.
    let mut c = o.convention.clone();
    c.target_panel_size = 40;
    c.end_date = Some(d(2027, 2, 1));
    assert!(matches!(
        s.update_convention(&c),
        Err(StoreError::Invalid(DomainError::EndBeforeStart { .. }))
    ));
    c.end_date = Some(d(2027, 10, 15));
    s.update_convention(&c).unwrap();
    assert!(
        s.set_convention_status(id, ConventionStatus::Deliberation)
            .is_err()
    );
    s.set_convention_status(id, ConventionStatus::Recruitment)
        .unwrap();

    // Calendar: phases dated, sessions planned, one on Ascension, one outside its phase.
    let phases = s.convention_overview(id).unwrap().phases;
    let mut delib = phases[1].clone();
    delib.start_date = Some(d(2027, 4, 1));
    delib.end_date = Some(d(2027, 6, 30));
    s.update_phase(&delib).unwrap();
    s.add_phase(&Phase {
        id: PhaseId(0),
        convention: id,
        position: 0,
        name: "Suivi".into(),
        start_date: None,
        end_date: None,
    })
    .unwrap();
    let s1 = s
        .add_session(&session(
            id,
            Some(delib.id),
            "Séance 1, accueil",
            d(2027, 4, 10),
        ))
        .unwrap();
    s.add_session(&session(id, Some(delib.id), "Séance 2", d(2027, 5, 6)))
        .unwrap();
    let mut bad = session(id, None, "Séance 3", d(2027, 5, 6));
    bad.end = bad.start;
    assert!(s.add_session(&bad).is_err());
    let late = s
        .add_session(&session(id, Some(delib.id), "Séance 4", d(2027, 7, 3)))
        .unwrap();
    let mut moved = session(id, Some(delib.id), "Séance 4", d(2027, 5, 6));
    moved.id = late;
    moved.start = t(14, 0);
    moved.kind = agora::domain::codes::MeetingKind::Workshop;
    s.update_session(&moved).unwrap();
    s.close().unwrap();

    // After a restart: all of it, and the calendar's conflicts.
    let mut s = Store::open(&db).unwrap();
    let o = s.convention_overview(id).unwrap();
    assert_eq!(o.convention.target_panel_size, 40);
    assert_eq!(o.convention.status, ConventionStatus::Recruitment);
    assert_eq!(o.phases.len(), 4);
    assert_eq!(o.sessions.len(), 3);
    assert!(
        o.sessions
            .iter()
            .any(|x| x.kind == agora::domain::codes::MeetingKind::Workshop)
    );
    let found: Vec<Conflict> = conflicts(&o.phases, &o.sessions)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert!(
        found
            .iter()
            .any(|c| matches!(c, Conflict::Holiday(_, "Ascension"))),
        "{found:?}"
    );
    assert!(
        found.iter().any(|c| matches!(c, Conflict::Overlap(_, _))),
        "{found:?}"
    );
    s.remove_session(s1).unwrap();
    s.remove_phase(o.phases[0].id).unwrap();
    let o = s.convention_overview(id).unwrap();
    assert_eq!(o.sessions.len(), 2);
    let positions: Vec<u32> = o.phases.iter().map(|p| p.position).collect();
    assert_eq!(positions, vec![1, 2, 3]);

    // Listed, archived, brought back.
    s.archive_convention(id, true).unwrap();
    let row = s
        .conventions()
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap();
    assert!(row.archived);
    s.archive_convention(id, false).unwrap();
}

#[test]
fn duplicating_keeps_the_structure_not_the_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    s.load_demo().unwrap();
    let copy = s
        .duplicate_convention(ConventionId(1), "Convention citoyenne pour l'eau")
        .unwrap();
    let source = s.convention_overview(ConventionId(1)).unwrap();
    let o = s.convention_overview(copy).unwrap();
    assert_eq!(o.convention.status, ConventionStatus::Preparation);
    assert_eq!(o.convention.question, source.convention.question);
    assert_eq!(o.convention.start_date, None);
    assert_eq!(o.phases.len(), source.phases.len());
    assert!(o.phases.iter().all(|p| p.start_date.is_none()));
    assert_eq!(o.tasks.len(), source.tasks.len());
    assert!(o.tasks.iter().all(|t| t.due.is_none()));
    assert_eq!(o.risks.len(), source.risks.len());
    assert_eq!(o.budget.len(), source.budget.len());
    assert!(o.budget.iter().all(|b| b.spent_cents == 0));
    assert!(o.governance.is_empty());
    assert!(o.sessions.is_empty());
    assert!(o.meetings.is_empty());
    assert!(o.proposals.is_empty());
    assert_eq!(o.panel_size, 0);
    assert!(s.duplicate_convention(ConventionId(1), "  ").is_err());
}

/// Unfolds and splits an iCalendar file into (name with parameters, value) lines.
fn ics_lines(text: &str) -> Vec<(String, String)> {
    assert!(
        text.lines().all(|l| l.len() <= 75),
        "lines folded at 75 octets"
    );
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn the_calendar_file_reads_back() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    s.load_demo().unwrap();
    let out = exports.path().join("calendrier.ics");
    agora::export::write(
        &mut s,
        &agora::export::Document::Calendar(ConventionId(1)),
        &out,
        d(2026, 11, 29),
    )
    .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let lines = ics_lines(&text);
    let events = lines
        .iter()
        .filter(|(k, v)| k == "BEGIN" && v == "VEVENT")
        .count();
    assert_eq!(events, 6);
    let get = |name: &str| -> Vec<&str> {
        lines
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(
        get("SUMMARY")[1],
        "Séance 2 — Auditions : énergie et logement"
    );
    assert_eq!(get("DTSTART;TZID=Europe/Paris")[0], "20261010T093000");
    assert_eq!(get("DTEND;TZID=Europe/Paris")[0], "20261010T170000");
    let uids = get("UID");
    let mut unique = uids.clone();
    unique.dedup();
    assert_eq!(uids.len(), unique.len());
    assert_eq!(s.export_log(1).unwrap()[0].document, "Calendrier (.ics)");
}

#[test]
fn registers_round_trip_and_the_compensation_follows_attendance() {
    use agora::domain::codes::{BudgetCategory, Priority, RiskStatus, TaskStatus};
    use agora::domain::ids::{BudgetLineId, RiskId, TaskId};
    use agora::domain::planning::{BudgetLine, Risk, Task};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    s.load_demo().unwrap();
    let conv = ConventionId(1);
    let first_session = s.convention_overview(conv).unwrap().sessions[3].id;
    let task = Task {
        id: TaskId(0),
        convention: conv,
        title: "Réserver la salle".into(),
        owner: "Pauline Giraud".into(),
        due: Some(d(2026, 11, 20)),
        status: TaskStatus::Todo,
        priority: Priority::High,
        milestone: false,
        session: Some(first_session),
    };
    assert!(
        s.add_task(&Task {
            title: " ".into(),
            ..task.clone()
        })
        .is_err()
    );
    let t = s.add_task(&task).unwrap();
    s.update_task(&Task {
        id: t,
        status: TaskStatus::Done,
        ..task.clone()
    })
    .unwrap();
    let risk = Risk {
        id: RiskId(0),
        convention: conv,
        title: "Grève des transports".into(),
        probability: 2,
        impact: 3,
        mitigation: "Prévoir une séance en ligne".into(),
        owner: "Pauline Giraud".into(),
        review: Some(d(2026, 12, 1)),
        status: RiskStatus::Open,
    };
    assert!(
        s.add_risk(&Risk {
            impact: 5,
            ..risk.clone()
        })
        .is_err()
    );
    let r = s.add_risk(&risk).unwrap();
    let line = BudgetLine {
        id: BudgetLineId(0),
        convention: conv,
        category: BudgetCategory::Catering,
        label: "Buffet de clôture".into(),
        planned_cents: 120_000,
        committed_cents: 0,
        spent_cents: 0,
    };
    let b = s.add_budget_line(&line).unwrap();
    s.update_budget_line(&BudgetLine {
        id: b,
        spent_cents: 98_050,
        ..line.clone()
    })
    .unwrap();

    let days = s.compute_compensation(conv, 8_000).unwrap();
    assert_eq!(days, s.compensation_days(conv).unwrap());
    assert!(days > 0);
    // Computing again updates the same line, never adds a second one.
    s.compute_compensation(conv, 9_000).unwrap();
    s.close().unwrap();

    let mut s = Store::open(&db).unwrap();
    let o = s.convention_overview(conv).unwrap();
    let t = o.tasks.iter().find(|x| x.id == t).unwrap();
    assert_eq!(
        (t.status, t.session),
        (TaskStatus::Done, Some(first_session))
    );
    assert_eq!(o.risks.iter().find(|x| x.id == r).unwrap().score(), 6);
    assert_eq!(
        o.budget.iter().find(|x| x.id == b).unwrap().spent_cents,
        98_050
    );
    let computed: Vec<_> = o
        .budget
        .iter()
        .filter(|l| l.label.starts_with("Indemnités des membres du panel"))
        .collect();
    assert_eq!(computed.len(), 1);
    assert_eq!(computed[0].planned_cents, i64::from(days) * 9_000);
    s.remove_task(t.id).unwrap();
    s.remove_risk(r).unwrap();
    s.remove_budget_line(b).unwrap();
    let o = s.convention_overview(conv).unwrap();
    assert!(o.tasks.iter().all(|x| x.title != "Réserver la salle"));
    assert!(o.risks.iter().all(|x| x.id != r));
    assert!(o.budget.iter().all(|x| x.id != b));
}

#[test]
fn the_followup_csv_applies_whole_or_not_at_all() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    use agora::domain::codes::ProposalStatus;
    use agora::import::followup;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    s.load_demo().unwrap();
    let conv = ConventionId(1);
    let before = s.convention_overview(conv).unwrap().proposals;
    let today = d(2026, 11, 29);

    // One wrong line (an unknown number) and the file is refused, nothing changes.
    let bad = "numéro;statut;avancement;réponse\n1;réalisée;100;Fait\n42;acceptée;10;\n";
    let mut f = followup::parse(bad.as_bytes());
    s.check_followup(conv, &mut f).unwrap();
    assert_eq!(
        f.errors,
        vec!["Ligne 3 : la convention n'a pas de proposition n° 42.".to_string()]
    );
    assert!(s.apply_followup(conv, &f, today).is_err());
    assert_eq!(s.convention_overview(conv).unwrap().proposals, before);

    // Windows-1252 from Excel, semicolons, a quoted answer with a newline.
    let good = b"Num\xe9ro;Statut;Avancement;R\xe9ponse\r\n1;r\xe9alis\xe9e;100;\"Ligne ouverte\r\nen septembre\"\r\n2;Accept\xe9e partiellement;30;\r\n";
    let f = followup::parse(good);
    assert!(f.is_clean(), "{:?}", f.errors);
    let answers_before = s.answers(before[0].id).unwrap().len();
    assert_eq!(s.apply_followup(conv, &f, today).unwrap(), 2);
    let after = s.convention_overview(conv).unwrap().proposals;
    assert_eq!(
        (after[0].status, after[0].progress),
        (ProposalStatus::Done, 100)
    );
    assert_eq!(after[1].status, ProposalStatus::PartiallyAccepted);
    let answers = s.answers(before[0].id).unwrap();
    assert_eq!(answers.len(), answers_before + 1);
    assert_eq!(answers.last().unwrap().text, "Ligne ouverte\nen septembre");
    assert_eq!(answers.last().unwrap().date, today);
    // A backup was taken before applying.
    let backups = store::backup::list_backups(&s.backup_dir()).unwrap();
    assert!(
        backups
            .iter()
            .any(|(_, p)| p.display().to_string().contains("avant-import-suivi"))
    );

    // The follow-up table reads back.
    let out = exports.path().join("suivi.pdf");
    agora::export::write(
        &mut s,
        &agora::export::Document::Followup(conv),
        &out,
        today,
    )
    .unwrap();
    let (pages, _) = pdf_pages(&std::fs::read(&out).unwrap());
    let text = pdf_words(&out);
    for expected in [
        "Suivi des propositions — Convention citoyenne",
        "Où en sont les propositions",
        "Acceptée partiellement",
        "Ligne ouverte en septembre",
        &format!("page 1 / {pages}"),
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
}

#[test]
fn governance_designations_from_the_directory_or_created_on_the_spot() {
    use agora::domain::codes::{ContactKind, ConventionRole};
    use agora::store::Designation;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let conv = s.create_convention(&solidarity()).unwrap();
    assert!(
        s.quick_contact("Anne", " ", "", "", ContactKind::Guarantor)
            .is_err()
    );
    assert!(
        s.quick_contact(
            "Anne",
            "Ribot",
            "",
            "pas-un-courriel",
            ContactKind::Guarantor
        )
        .is_err()
    );
    let anne = s
        .quick_contact(
            "Anne",
            "Ribot",
            "Commission nationale du débat public",
            "",
            ContactKind::Guarantor,
        )
        .unwrap();
    let designation = Designation {
        convention: conv,
        contact: anne,
        role: ConventionRole::Guarantor,
        since: Some(d(2027, 2, 1)),
        mode: "Désignée par la CNDP".into(),
        until: None,
    };
    let id = s.designate(&designation).unwrap();
    assert!(
        s.designate(&designation).is_err(),
        "not twice in the same role"
    );
    assert!(
        s.update_designation(id, Some(d(2027, 2, 1)), "CNDP", Some(d(2027, 1, 1)))
            .is_err()
    );
    s.update_designation(
        id,
        Some(d(2027, 2, 1)),
        "Désignée par la CNDP",
        Some(d(2027, 12, 31)),
    )
    .unwrap();
    s.close().unwrap();
    let mut s = Store::open(&db).unwrap();
    let g = &s.convention_overview(conv).unwrap().governance;
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].name, "Anne Ribot");
    assert_eq!(g[0].role, ConventionRole::Guarantor);
    assert_eq!(g[0].until, Some(d(2027, 12, 31)));
    s.remove_designation(id).unwrap();
    assert!(s.convention_overview(conv).unwrap().governance.is_empty());
}

#[test]
fn rules_of_the_game_versions_adoption_comparison_and_pdf() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    use agora::domain::rules::{SectionChange, compare, parse_template};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let conv = s.create_convention(&solidarity()).unwrap();
    let mut sections = parse_template(agora::assets::RULES_TEMPLATE);
    assert_eq!(s.save_rules(conv, &sections).unwrap(), 1);
    s.adopt_rules(conv, 1, d(2027, 3, 13)).unwrap();
    let decision = sections
        .iter_mut()
        .find(|x| x.title == "Prise de décision")
        .unwrap();
    decision.text = decision.text.replace("à la majorité", "aux deux tiers");
    assert_eq!(s.save_rules(conv, &sections).unwrap(), 2);
    assert!(s.adopt_rules(conv, 9, d(2027, 3, 13)).is_err());
    s.close().unwrap();

    let mut s = Store::open(&db).unwrap();
    let versions = s.rules_versions(conv).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].adopted_on, Some(d(2027, 3, 13)));
    assert_eq!(versions[1].adopted_on, None);
    let changes = compare(&versions[0].sections, &versions[1].sections);
    let changed: Vec<&SectionChange> = changes
        .iter()
        .filter(|c| !matches!(c, SectionChange::Unchanged(_)))
        .collect();
    assert_eq!(changed.len(), 1);
    assert!(matches!(changed[0], SectionChange::Changed(t, _) if t == "Prise de décision"));

    // The latest version, a draft, prints with « BROUILLON ».
    let out = exports.path().join("regles.pdf");
    agora::export::write(
        &mut s,
        &agora::export::Document::Rules(conv),
        &out,
        d(2027, 3, 20),
    )
    .unwrap();
    let text = pdf_words(&out);
    for expected in [
        "Règles du jeu — Convention citoyenne des solidarités",
        "Version 2 du",
        "projet non adopté",
        "BROUILLON",
        "Engagements de la Ville",
        "aux deux tiers",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
}
