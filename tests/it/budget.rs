//! The participatory budget in the store: an edition and its projects through a real
//! file, the votes imported whole or not at all, the winners designated by the
//! envelope rule; the demo edition and its two documents read back.

use agora::domain::budget::{Edition, Project};
use agora::domain::codes::{DispositifKind, ProjectStage};
use agora::domain::dispositif::Dispositif;
use agora::domain::ids::DispositifId;
use agora::import::votes;
use agora::store::{self, Store};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn studied(edition: DispositifId, title: &str, euros: i64) -> Project {
    Project {
        edition,
        title: title.into(),
        proposer: "Collectif des Eaux-Claires".into(),
        stage: ProjectStage::OnBallot,
        directorate: "Direction de l’espace public".into(),
        opinion_on: Some(day(2027, 4, 2)),
        opinion: "Faisable".into(),
        estimated_cents: Some(euros * 100),
        ..Project::default()
    }
}

#[test]
fn an_edition_from_ideas_to_winners_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let mut d = Dispositif::new(DispositifKind::Budget, day(2027, 1, 1));
    d.title = "Budget participatif 2027".into();
    let id = s
        .add_edition(&d, &Edition::new(DispositifId::default(), 2027))
        .unwrap();
    for (title, euros) in [
        ("Des bancs", 350_000),
        ("Des arbres", 300_000),
        ("Un préau", 250_000),
        ("Des nichoirs", 20_000),
    ] {
        s.save_project(&studied(id, title, euros)).unwrap();
    }
    let too_dear = s.save_project(&studied(id, "Une patinoire", 450_000));
    assert!(too_dear.unwrap_err().to_string().contains("plafond"));
    let idea = Project {
        edition: id,
        title: "Une ressourcerie".into(),
        proposer: "Habitante du secteur 6".into(),
        ..Project::default()
    };
    assert_eq!(
        s.save_project(&idea).unwrap(),
        5,
        "numbered after the others"
    );

    // A votes file naming a project not on the ballot is refused whole.
    let refused = votes::parse(b"numero;votes\n1;900\n5;40\n");
    let err = s.import_votes(id, &refused).unwrap_err().to_string();
    assert!(
        err.contains("le projet n° 5 n’est pas soumis au vote"),
        "{err}"
    );
    assert!(s.projects(id).unwrap().iter().all(|p| p.votes.is_none()));
    let file = votes::parse("Numéro;Votes\n1;1 200\n2;900\n3;700\n4;650\n".as_bytes());
    assert_eq!(s.import_votes(id, &file).unwrap(), 4);
    assert_eq!(s.designate_winners(id).unwrap(), (3, 67_000_000));
    drop(s);

    let s = Store::open(&db).unwrap();
    let stages: Vec<(u32, ProjectStage)> = s
        .projects(id)
        .unwrap()
        .iter()
        .map(|p| (p.number, p.stage))
        .collect();
    assert_eq!(
        stages,
        [
            (1, ProjectStage::Winner),
            (2, ProjectStage::Winner),
            (3, ProjectStage::NotChosen),
            (4, ProjectStage::Winner),
            (5, ProjectStage::Submitted),
        ],
        "the préau does not fit in the 150,000 € left; the nichoirs do"
    );
}

#[test]
fn the_demo_edition_goes_through_every_stage_and_prints_its_results() {
    use super::common::{agora, ok, pdf_words, plain};
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    ok(agora(dir.path(), &["demo"]));
    let listing = ok(agora(
        dir.path(),
        &["dispositifs", "list", "--kind", "budget"],
    ));
    assert!(
        listing.contains("Budget participatif 2026 · 30 projet(s) · 5 lauréat(s)"),
        "{listing}"
    );
    let id = listing.split_whitespace().next().unwrap().to_string();
    let s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    let projects = s.projects(DispositifId(id.parse().unwrap())).unwrap();
    // The vote is over: every stage but « Soumise au vote » holds a project.
    for stage in ProjectStage::ALL
        .iter()
        .filter(|s| **s != ProjectStage::OnBallot)
    {
        assert!(projects.iter().any(|p| p.stage == *stage), "{stage:?}");
    }
    drop(s);

    let results = out.path().join("resultats.pdf");
    ok(agora(
        dir.path(),
        &["export", "budget", &id, "--out", results.to_str().unwrap()],
    ));
    let words = plain(pdf_words(&results));
    assert!(
        words.contains("20 projet(s) soumis au vote, 24 850 vote(s) ; 5 lauréat(s) pour 795 000,00 € de l’enveloppe."),
        "{words}"
    );
    assert!(words.contains("Dans l’ordre des votes, chaque projet est lauréat si son coût tient"));
    let delivery = out.path().join("suivi.odt");
    ok(agora(
        dir.path(),
        &[
            "export",
            "budget-suivi",
            &id,
            "--out",
            delivery.to_str().unwrap(),
        ],
    ));
    assert!(std::fs::read(&delivery).unwrap().starts_with(b"PK"));
    let delivery = out.path().join("suivi.pdf");
    ok(agora(
        dir.path(),
        &[
            "export",
            "budget-suivi",
            &id,
            "--out",
            delivery.to_str().unwrap(),
        ],
    ));
    let words = plain(pdf_words(&delivery));
    assert!(
        words.contains("2 projet(s) livré(s), 2 en réalisation"),
        "{words}"
    );
}
