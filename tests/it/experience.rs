//! The fiche d'expérience: the mission's paragraphs kept with the convention or the
//! dispositif across a restart, and the fiche written with the figures counted from
//! the records, read back.

use agora::domain::experience::{ExperienceNote, Subject};
use agora::domain::ids::ConventionId;
use agora::store::Store;

use super::common::{agora, demo, ok, pdf_words, plain, refused, today};

#[test]
fn the_paragraphs_survive_a_restart_and_print_with_the_counted_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = demo(dir.path());
    let climate = Subject::Convention(ConventionId(1));
    // The demo's fiche, written mid-way.
    assert!(
        s.experience_note(climate)
            .unwrap()
            .context
            .contains("15 juin 2026")
    );
    let note = ExperienceNote {
        context: "Une convention voulue par le conseil municipal.".into(),
        objectives: "Des propositions applicables.".into(),
        method: "Six séances et deux ateliers.".into(),
        worked: "- La garde d’enfants.".into(),
        change: "- Le budget des indemnités plus tôt.".into(),
        updated_on: None,
    };
    s.save_experience_note(climate, &note, today()).unwrap();
    s.close().unwrap();
    let s = Store::open(&db).unwrap();
    let back = s.experience_note(climate).unwrap();
    assert_eq!(back.objectives, note.objectives);
    assert_eq!(back.updated_on, Some(today()));
    s.close().unwrap();

    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("fiche.pdf");
    ok(agora(
        dir.path(),
        &[
            "export",
            "fiche-experience",
            "1",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    let words = plain(pdf_words(&pdf));
    for expected in [
        "Fiche d’expérience — Convention citoyenne pour le climat",
        "Une convention voulue par le conseil municipal.",
        "Qui a participé",
        "400 volontaires inscrits au vivier",
        "18 quotas respectés sur 18",
        "Ce que la Ville en a fait",
        "16 proposition(s) sur 20 ont reçu la réponse de la Ville",
        "Le budget des indemnités plus tôt.",
        "mise à jour le 29 novembre 2026",
    ] {
        assert!(
            words.contains(expected),
            "{expected:?} missing from {words}"
        );
    }
    assert!(!words.contains("À rédiger"));
    // The editable version too.
    let odt = out.path().join("fiche.odt");
    ok(agora(
        dir.path(),
        &[
            "export",
            "fiche-experience",
            "1",
            "--out",
            odt.to_str().unwrap(),
        ],
    ));
    assert!(std::fs::metadata(&odt).unwrap().len() > 0);
}

#[test]
fn a_dispositif_fiche_not_yet_written_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (_, s) = demo(dir.path());
    let first = s.dispositifs(&Default::default(), today()).unwrap()[0]
        .dispositif
        .clone();
    assert!(
        s.experience_note(Subject::Dispositif(first.id))
            .unwrap()
            .is_blank()
    );
    s.close().unwrap();
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("fiche.pdf");
    let arg = first.id.0.to_string();
    ok(agora(
        dir.path(),
        &[
            "export",
            "fiche-experience",
            "dispositif",
            &arg,
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    let words = plain(pdf_words(&pdf));
    assert!(words.contains(&first.title), "{words}");
    assert!(words.contains("À rédiger."), "{words}");
    assert!(
        words.contains("Les paragraphes restent à rédiger."),
        "{words}"
    );
    // A record that does not exist is refused in French.
    let err = refused(agora(
        dir.path(),
        &[
            "export",
            "fiche-experience",
            "dispositif",
            "9999",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    assert!(err.contains("9999"), "{err}");
}
