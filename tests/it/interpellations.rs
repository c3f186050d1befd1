//! Citizen interpellations in the store: a real SQLite file, filed, ruled on, counted,
//! checked by sample, followed, reopened, shown on the dashboard, journaled; the rules'
//! figures kept in the settings.

use agora::domain::codes::{
    CheckResult, DispositifKind, FilingChannel, MeetingFormat, MeetingKind,
};
use agora::domain::dispositif::Dispositif;
use agora::domain::ids::{ConventionId, MeetingId};
use agora::domain::interpellation::{Assessment, Interpellation, Rules, Stage, SupportCheck};
use agora::domain::meeting::Meeting;
use agora::store::{self, DispositifFilter, Store};
use chrono::{NaiveDate, NaiveTime};

use super::common::today;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn filed() -> (Dispositif, Interpellation) {
    let mut d = Dispositif::new(DispositifKind::Interpellation, day(2026, 10, 2));
    d.title = "Des bancs place Saint-Bruno".into();
    d.directorate = "Direction de l’espace public".into();
    let i = Interpellation {
        filer: "Nadia Ferhat".into(),
        filer_address: "12 rue Saint-Bruno\n38000 Grenoble".into(),
        question: "La Ville peut-elle installer des bancs à l’ombre place Saint-Bruno ?".into(),
        received: Some(day(2026, 10, 2)),
        channel: Some(FilingChannel::Paper),
        ..Interpellation::default()
    };
    (d, i)
}

fn met() -> Assessment {
    Assessment {
        met: Some(true),
        comment: String::new(),
    }
}

#[test]
fn an_interpellation_goes_from_filing_to_mediation_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let (d, mut i) = filed();
    let id = s.add_interpellation(&d, &i).unwrap();
    i.id = id;
    let d = Dispositif { id, ..d };
    assert_eq!(s.interpellation(id).unwrap(), (d.clone(), i.clone()));
    let rules = s.interpellation_rules().unwrap();
    assert_eq!(rules, Rules::default());

    // The decision is late on the dashboard (received 2 October, 30 days).
    let dash = s.dashboard(today()).unwrap();
    assert_eq!(dash.dispositifs.len(), 1);
    assert_eq!(dash.dispositifs[0].0.what, "Décision de recevabilité");
    assert_eq!(dash.dispositifs[0].0.date, day(2026, 11, 1));
    assert_eq!(dash.dispositifs[0].1, "Des bancs place Saint-Bruno");

    // Admissible on 5 November; 61 supports; the campaign runs to 5 December.
    i.criteria = [met(), met(), met(), met()];
    i.decided = Some(day(2026, 11, 5));
    i.supports_paper = 40;
    i.supports_online = 21;
    s.update_interpellation(&d, &i, today()).unwrap();
    let line = &s
        .dispositifs(&DispositifFilter::default(), today())
        .unwrap()[0];
    assert_eq!(line.stage, "Collecte des soutiens");
    assert_eq!(line.next.as_ref().unwrap().date, day(2026, 12, 5));

    // A fifth of the supports drawn for checking, again from the same seed.
    let checks = s.draw_support_checks(id, "saint-bruno-2026").unwrap();
    assert_eq!(checks.len(), 13, "20 % of 61 rounded up");
    assert_eq!(
        checks.iter().map(|c| c.number).collect::<Vec<_>>(),
        agora::domain::interpellation::check_sample(61, 20, "saint-bruno-2026")
    );
    let first = checks[0].number;
    let refused = s.record_support_check(
        id,
        &SupportCheck {
            number: first,
            result: CheckResult::Invalid,
            comment: String::new(),
        },
    );
    assert!(refused.unwrap_err().to_string().contains("Motif"));
    s.record_support_check(
        id,
        &SupportCheck {
            number: first,
            result: CheckResult::Invalid,
            comment: "Adresse hors de la commune".into(),
        },
    )
    .unwrap();
    let again = s.draw_support_checks(id, "autre");
    assert!(
        again.unwrap_err().to_string().contains("déjà été vérifiés"),
        "a second draw would hide the check made"
    );
    drop(s);

    let mut s = Store::open(&db).unwrap();
    let (_, back) = s.interpellation(id).unwrap();
    assert_eq!(back.check_seed.as_deref(), Some("saint-bruno-2026"));
    assert_eq!(back.supports(), 61);
    let checks = s.support_checks(id).unwrap();
    assert_eq!(checks[0].result, CheckResult::Invalid);
    assert_eq!(checks[0].comment, "Adresse hors de la commune");
    assert_eq!(
        agora::domain::interpellation::check_counts(&checks),
        (0, 1, 12)
    );

    // After the campaign: a mediation; its first meeting is linked.
    let after = day(2026, 12, 10);
    assert_eq!(
        back.stage(&rules, after),
        Stage::Following(agora::domain::interpellation::Level::Mediation)
    );
    let m = s
        .create_meeting(&Meeting {
            id: MeetingId(0),
            convention: None::<ConventionId>,
            session: None,
            kind: MeetingKind::Mediation,
            title: "Médiation — bancs Saint-Bruno".into(),
            date: day(2027, 1, 12),
            start: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
            venue: "Maison des habitants Chorier-Berriat".into(),
            format: MeetingFormat::InPerson,
            services: String::new(),
            facilitators: "Mission Démocratie locale".into(),
        })
        .unwrap();
    s.link_meeting(id, m).unwrap();
    s.link_meeting(id, m).unwrap();
    assert_eq!(s.dispositif_meetings(id).unwrap().len(), 1, "linked once");
    let mut i = back;
    i.first_meeting = Some(day(2027, 1, 12));
    i.second_meeting = Some(day(2027, 1, 2));
    assert!(
        s.update_interpellation(&d, &i, after).is_err(),
        "second meeting before the first"
    );
    i.second_meeting = None;
    s.update_interpellation(&d, &i, after).unwrap();
    assert_eq!(
        s.interpellation(id)
            .unwrap()
            .1
            .next_due(&rules, after)
            .unwrap()
            .what,
        "Seconde rencontre"
    );

    // Removing the interpellation keeps its meeting.
    s.remove_dispositif(id).unwrap();
    assert!(s.interpellation(id).is_err());
    assert!(s.support_checks(id).unwrap().is_empty());
    assert!(s.meeting(m).is_ok());
    let summaries: Vec<String> = s
        .journal(40, 0)
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == "dispositif")
        .map(|e| e.summary)
        .collect();
    for expected in [
        "Interpellation citoyenne « Des bancs place Saint-Bruno » reçue",
        "Interpellation « Des bancs place Saint-Bruno » : Collecte des soutiens",
        "Interpellation « Des bancs place Saint-Bruno » : soutien n° ",
    ] {
        assert!(
            summaries.iter().any(|x| x.starts_with(expected)),
            "{expected} in {summaries:?}"
        );
    }
}

#[test]
fn the_rules_are_the_offices_figures_once_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let rules = Rules {
        mediation_supports: 100,
        check_percent: 10,
        ..Rules::default()
    };
    s.save_interpellation_rules(&rules).unwrap();
    let wrong = Rules {
        workshop_supports: 10,
        ..rules
    };
    assert!(s.save_interpellation_rules(&wrong).is_err());
    drop(s);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.interpellation_rules().unwrap(), rules);
}

#[test]
fn the_list_filters_by_kind_year_and_directorate() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    let (d, i) = filed();
    s.add_interpellation(&d, &i).unwrap();
    let mut older = d.clone();
    older.title = "Éclairage du parc Paul-Mistral".into();
    older.directorate = "Direction de la nature en ville".into();
    older.start = Some(day(2025, 3, 1));
    // Refused in March 2025: it ended then.
    let mut refused = [met(), met(), met(), met()];
    refused[2] = Assessment {
        met: Some(false),
        comment: "Le parc relève de la Métropole.".into(),
    };
    s.add_interpellation(
        &older,
        &Interpellation {
            received: older.start,
            criteria: refused,
            decided: Some(day(2025, 3, 20)),
            ..i.clone()
        },
    )
    .unwrap();
    let titles = |f: DispositifFilter| -> Vec<String> {
        s.dispositifs(&f, today())
            .unwrap()
            .into_iter()
            .map(|l| l.dispositif.title)
            .collect()
    };
    assert_eq!(titles(DispositifFilter::default()).len(), 2);
    assert_eq!(
        titles(DispositifFilter {
            year: Some(2026),
            ..DispositifFilter::default()
        }),
        ["Des bancs place Saint-Bruno"]
    );
    assert_eq!(
        titles(DispositifFilter {
            directorate: "NATURE".into(),
            ..DispositifFilter::default()
        }),
        ["Éclairage du parc Paul-Mistral"]
    );
    assert_eq!(
        titles(DispositifFilter {
            running: Some(false),
            ..DispositifFilter::default()
        }),
        ["Éclairage du parc Paul-Mistral"],
        "refused in 2025: ended"
    );
    assert!(
        titles(DispositifFilter {
            kind: Some(DispositifKind::Budget),
            ..DispositifFilter::default()
        })
        .is_empty()
    );
}

#[test]
fn the_demo_interpellations_listed_and_printed_from_the_command_line() {
    use super::common::{agora, ok, pdf_words, plain, refused};
    let dir = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    ok(agora(dir.path(), &["demo"]));

    let listing = plain(ok(agora(dir.path(), &["interpellations", "list"])));
    for line in [
        "Caduque                  Un marché de producteurs le dimanche à l’Abbaye · 34 soutien(s) · rien à faire",
        "Irrecevable              La gratuité des transports pour les moins de 25 ans",
        "Votation                 Des cantines 100 % bio et locales · 8 619 soutien(s) (vérifiés : 1688 valides, 2 non valides, 34 à vérifier) · Résultat de la votation à saisir le 24/01/2027",
        "4 interpellation(s).",
    ] {
        assert!(listing.contains(line), "{line:?} in\n{listing}");
    }
    let all = ok(agora(
        dir.path(),
        &["dispositifs", "list", "--kind", "interpellation"],
    ));
    assert!(all.contains("4 dispositif(s)."), "{all}");
    let one = ok(agora(
        dir.path(),
        &["dispositifs", "list", "--kind", "budget"],
    ));
    assert!(one.contains("1 dispositif(s)."), "{one}");
    assert!(
        refused(agora(
            dir.path(),
            &["dispositifs", "list", "--kind", "convention"]
        ))
        .contains("Usage")
    );

    // The refusal letter gives the criterion not met and its reason.
    let letter = out_dir.path().join("lettre.pdf");
    ok(agora(
        dir.path(),
        &["export", "lettre", "2", "--out", letter.to_str().unwrap()],
    ));
    let words = plain(pdf_words(&letter));
    assert!(
        words.contains("déclarée non recevable le 29 septembre 2026"),
        "{words}"
    );
    assert!(words.contains("Relevant des compétences de la Ville : Les tarifs des transports en commun sont fixés par le syndicat mixte"), "{words}");
    assert!(
        !words.contains("Conforme à la loi :"),
        "only the criteria not met are given as reasons"
    );

    // The fiche of the mediation: supports, their check, the steps, the meetings.
    let fiche = out_dir.path().join("fiche.odt");
    ok(agora(
        dir.path(),
        &["export", "fiche", "3", "--out", fiche.to_str().unwrap()],
    ));
    let odt = std::fs::read(&fiche).unwrap();
    assert!(odt.starts_with(b"PK"), "an OpenDocument file");
    let fiche_pdf = out_dir.path().join("fiche.pdf");
    ok(agora(
        dir.path(),
        &["export", "fiche", "3", "--out", fiche_pdf.to_str().unwrap()],
    ));
    let words = plain(pdf_words(&fiche_pdf));
    for expected in [
        "Déclarée recevable le 30 juin 2026.",
        "38 soutiens tirés au sort sur 187 (20 %) : 36 valide(s), 2 non valide(s), 0 à vérifier",
        "Rapport validé par les parties 20 novembre 2026",
        "Bilan annuel des interpellations citoyennes 2026",
    ] {
        assert!(words.contains(expected), "{expected:?} in {words}");
    }
    assert!(
        !words.contains("Amina Diallo"),
        "the fiche does not name the filer"
    );

    // No mediation report where the supports opened none.
    let report = out_dir.path().join("rapport.pdf");
    let said = plain(refused(agora(
        dir.path(),
        &[
            "export",
            "mediation",
            "1",
            "--out",
            report.to_str().unwrap(),
        ],
    )));
    assert!(said.contains("n’a pas de médiation"), "{said}");
    assert!(!report.exists());
}

#[test]
fn a_supporters_list_is_imported_whole_or_not_at_all_and_names_the_checks() {
    use agora::import::supporters;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let (d, mut i) = filed();
    i.criteria = [met(), met(), met(), met()];
    i.decided = Some(day(2026, 10, 20));
    i.supports_paper = 12;
    let id = s.add_interpellation(&d, &i).unwrap();
    s.draw_support_checks(id, "avant la liste").unwrap();

    let mut csv = String::from("Nom;Prénom;Code postal;Canal\n");
    for k in 0..60 {
        csv.push_str(&format!(
            "Habitant{k};Prénom{k};3800{};{}\n",
            k % 2,
            if k < 15 { "papier" } else { "en ligne" }
        ));
    }
    let mut bad = csv.clone();
    bad.push_str("Habitant3;Prénom3;38001;papier\n");
    let refused = supporters::parse(bad.as_bytes());
    assert_eq!(
        refused.errors,
        ["Ligne 62 : même personne que ligne 5 (un soutien ne compte qu’une fois)."]
    );
    assert!(s.import_supporters(id, &refused).is_err());
    assert_eq!(
        s.interpellation(id).unwrap().1.supports(),
        12,
        "nothing imported"
    );
    assert_eq!(s.supporter_count(id).unwrap(), 0);

    let list = supporters::parse(csv.as_bytes());
    assert_eq!(s.import_supporters(id, &list).unwrap(), (15, 45));
    let (_, back) = s.interpellation(id).unwrap();
    assert_eq!((back.supports_paper, back.supports_online), (15, 45));
    assert_eq!(
        back.check_seed, None,
        "the sample of the old count is dropped"
    );
    assert!(s.support_checks(id).unwrap().is_empty());

    let checks = s.draw_support_checks(id, "liste").unwrap();
    assert_eq!(checks.len(), 12);
    let names = s.supporters_named(id, &[checks[0].number]).unwrap();
    let n = checks[0].number;
    assert_eq!(
        names[&n],
        format!("Prénom{} Habitant{} (3800{})", n - 1, n - 1, (n - 1) % 2)
    );
    s.record_support_check(
        id,
        &SupportCheck {
            number: n,
            result: CheckResult::Valid,
            comment: String::new(),
        },
    )
    .unwrap();
    assert!(
        s.import_supporters(id, &list)
            .unwrap_err()
            .to_string()
            .contains("changerait leurs numéros")
    );
    drop(s);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.supporter_count(id).unwrap(), 60);
}

#[test]
fn the_yearly_review_is_linked_to_every_interpellation_of_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = super::common::demo(dir.path());
    let review = s
        .meetings_list(&Default::default())
        .unwrap()
        .into_iter()
        .find(|r| r.meeting.title == "Bilan annuel des interpellations citoyennes 2026")
        .unwrap()
        .meeting
        .id;
    // A new interpellation of 2026 joins the review; one of 2025 does not.
    let (d, i) = filed();
    let new = s.add_interpellation(&d, &i).unwrap();
    let old = s
        .add_interpellation(
            &d,
            &Interpellation {
                received: Some(day(2025, 5, 2)),
                ..i.clone()
            },
        )
        .unwrap();
    assert_eq!(s.link_year_review(2026, review).unwrap(), 5);
    assert!(
        s.dispositif_meetings(new)
            .unwrap()
            .iter()
            .any(|m| m.id == review)
    );
    assert!(s.dispositif_meetings(old).unwrap().is_empty());
    assert!(s.link_year_review(2019, review).is_err());
}
