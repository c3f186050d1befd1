//! The charter's co-construction: articles in order, contributions answered with a
//! published reason, versions compared word by word, adoption, pactes; kept across a
//! restart; its two documents read back.

use agora::domain::charter::{Article, Charter, Contribution, Pacte, sections};
use agora::domain::codes::ContributionStatus;
use agora::domain::ids::ContactId;
use agora::domain::rules::{Piece, SectionChange, compare};
use agora::store::Store;
use chrono::NaiveDate;

use super::common::{agora, demo, ok, pdf_words, plain, refused};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

#[test]
fn a_charter_is_written_answered_versioned_and_adopted_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = demo(dir.path());
    let id = s
        .save_charter(&Charter {
            title: "Charte des usagers des maisons des habitants".into(),
            ..Default::default()
        })
        .unwrap();
    let a1 = s
        .save_article(
            id,
            &Article {
                title: "Accueil".into(),
                text: "Les maisons accueillent chacun.".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let a2 = s
        .save_article(
            id,
            &Article {
                title: "Horaires".into(),
                text: "Ouvertes en semaine.".into(),
                ..Default::default()
            },
        )
        .unwrap();
    s.move_article(id, a2, true).unwrap();
    let titles: Vec<String> = s
        .articles(id)
        .unwrap()
        .into_iter()
        .map(|a| a.title)
        .collect();
    assert_eq!(titles, ["Horaires", "Accueil"]);
    assert_eq!(s.articles(id).unwrap()[1].id, a1);
    assert_eq!(
        s.save_charter_version(id, "Concertation", day(3, 1))
            .unwrap(),
        1
    );

    // A contribution, then its answer: a decision without its reason is refused.
    let c = s
        .save_contribution(
            id,
            &Contribution {
                article: Some(a2),
                contact: Some(ContactId(3)),
                received_on: Some(day(3, 7)),
                proposal: "Ouvrir le samedi.".into(),
                ..Default::default()
            },
            day(3, 7),
        )
        .unwrap();
    let mut got = s.contributions(id).unwrap()[0].clone();
    assert_eq!(
        (got.id, got.number, got.state()),
        (c, 1, ContributionStatus::ToReview)
    );
    got.status = Some(ContributionStatus::Retained);
    assert!(s.save_contribution(id, &got, day(4, 1)).is_err());
    got.answer = "Le samedi matin est ajouté.".into();
    s.save_contribution(id, &got, day(4, 1)).unwrap();
    s.save_article(
        id,
        &Article {
            id: a2,
            title: "Horaires".into(),
            text: "Ouvertes en semaine et le samedi matin.".into(),
            ..Default::default()
        },
    )
    .unwrap();
    // An article with contributions is not removed; one without is.
    assert!(s.remove_article(id, a2).is_err());
    s.save_charter(&Charter {
        id,
        title: "Charte des usagers des maisons des habitants".into(),
        adopted_on: Some(day(5, 20)),
        deliberation: "".into(),
        ..Default::default()
    })
    .expect_err("an adoption names its deliberation");
    s.save_charter(&Charter {
        id,
        title: "Charte des usagers des maisons des habitants".into(),
        adopted_on: Some(day(5, 20)),
        deliberation: "DEL-2026-05-20-14".into(),
        ..Default::default()
    })
    .unwrap();
    s.save_pacte(
        id,
        &Pacte {
            title: "Bibliothèque de rue".into(),
            parties: "Ville\nCollectif".into(),
            signed_on: Some(day(6, 1)),
            ..Default::default()
        },
    )
    .unwrap();
    s.close().unwrap();

    let s = Store::open(&db).unwrap();
    let back = s.contributions(id).unwrap();
    assert_eq!(back[0].state(), ContributionStatus::Retained);
    assert_eq!(back[0].answered_on, Some(day(4, 1)));
    assert_eq!(s.charter(id).unwrap().deliberation, "DEL-2026-05-20-14");
    assert_eq!(s.pactes(id).unwrap().len(), 1);
    // What changed since version 1, word by word.
    let v1 = &s.charter_versions(id).unwrap()[0];
    let changes = compare(&v1.articles, &sections(&s.articles(id).unwrap()));
    assert_eq!(changes[1], SectionChange::Unchanged("Accueil".into()));
    let SectionChange::Changed(title, pieces) = &changes[0] else {
        panic!("{changes:?}");
    };
    assert_eq!(title, "Horaires");
    assert!(pieces.contains(&Piece::Added("semaine et le samedi matin.".into())));
    assert!(pieces.contains(&Piece::Removed("semaine.".into())));
}

#[test]
fn the_demo_charter_prints_what_changed_and_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (_, s) = demo(dir.path());
    let charter = s.charters().unwrap()[0].clone();
    let all = s.contributions(charter.id).unwrap();
    assert_eq!(all.len(), 40);
    for state in ContributionStatus::ALL {
        assert!(all.iter().any(|c| c.state() == *state), "{state:?}");
    }
    assert_eq!(s.articles(charter.id).unwrap().len(), 7);
    assert_eq!(s.pactes(charter.id).unwrap().len(), 2);
    s.close().unwrap();

    let out = tempfile::tempdir().unwrap();
    let text = out.path().join("charte.pdf");
    ok(agora(
        dir.path(),
        &["charte", "export", "1", "--out", text.to_str().unwrap()],
    ));
    let words = plain(pdf_words(&text));
    for expected in [
        "Charte de la démocratie coopérative",
        "Projet : pas encore adopté par le conseil municipal.",
        "Article 3 — La réponse à chaque proposition",
        "dans un délai de six mois au plus",
        "Ce qui a changé et pourquoi",
        "Atelier d’écriture de la charte n° 1, 07/03/2026",
        "Pactes de coopération",
        "Jardin partagé des Géants",
    ] {
        assert!(
            words.contains(expected),
            "{expected:?} missing from {words}"
        );
    }
    // Contributors are not named in the published text.
    assert!(!words.contains("Union de quartier"), "{words}");

    let table = out.path().join("contributions.pdf");
    ok(agora(
        dir.path(),
        &[
            "charte",
            "export",
            "1",
            "--contributions",
            "--out",
            table.to_str().unwrap(),
        ],
    ));
    let words = plain(pdf_words(&table));
    assert!(words.contains("Réponse publiée"), "{words}");
    assert!(
        words.contains("La loi ne permet pas à la Ville de s’y engager"),
        "{words}"
    );
    assert!(!words.contains("Union de quartier"), "{words}");
    let odt = out.path().join("charte.odt");
    ok(agora(
        dir.path(),
        &["charte", "export", "1", "--out", odt.to_str().unwrap()],
    ));
    let listed = ok(agora(dir.path(), &["charte", "list"]));
    assert!(listed.contains("40 contribution(s)"), "{listed}");
    let err = refused(agora(
        dir.path(),
        &["charte", "export", "9", "--out", odt.to_str().unwrap()],
    ));
    assert!(err.contains('9'), "{err}");
}
