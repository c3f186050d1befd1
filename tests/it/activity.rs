//! The rapport d'activité: read back from the command line (sections in order, the
//! figures the store holds, the mission's paragraphs kept per year), a period of any
//! dates, and its block of the Documents panel driven headlessly.

use std::collections::BTreeMap;

use agora::domain::activity::{Period, ReportSection};
use agora::store::Store;

use super::common::{agora, db_in, demo, ok, pdf_words, plain, refused, today};

#[test]
fn the_year_report_counts_what_the_store_holds_and_prints_the_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = demo(dir.path());
    let year = Period::year(2026).unwrap();
    let mut texts = BTreeMap::new();
    texts.insert(
        ReportSection::Participants,
        "Les jeunes restent trop peu nombreux : un atelier dédié est prévu.".to_string(),
    );
    store.save_activity_texts(year, &texts).unwrap();
    let participants = store.participants(year).unwrap().len();
    store.close().unwrap();
    assert_eq!(
        Store::open(&db).unwrap().activity_texts(year).unwrap(),
        texts,
        "the paragraphs are kept for the year"
    );

    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("rapport.pdf");
    let said = ok(agora(
        dir.path(),
        &["export", "rapport", "2026", "--out", path.to_str().unwrap()],
    ));
    assert!(plain(said).contains("Rapport d’activité — fichier écrit"));
    let words = plain(pdf_words(&path));
    assert!(words.contains("RAPPORT D'ACTIVITÉ"));
    let mut at = words.find("Sommaire").expect("a sommaire");
    // After the sommaire, each section in print order.
    let body = &words[at..];
    at = 0;
    for s in ReportSection::ALL {
        let title = plain(s.title());
        let found = body[at..]
            .find(&format!("{title} "))
            .map(|i| i + at)
            .unwrap_or_else(|| panic!("« {title} » in the report"));
        at = found + 1;
    }
    assert!(words.contains(&format!(
        "{participants} personnes différentes présentes au moins une fois"
    )));
    assert!(words.contains("Les jeunes restent trop peu nombreux"));
    assert!(words.contains("Les écarts à réduire"));
    assert!(words.contains("Convention citoyenne pour le climat"));
    // The demo's three calls for projects fall in 2026: the amounts asked in the two
    // filed (40,000 and 15,000) and the one granted.
    assert!(
        words.contains(&plain(format!(
            "3 appel(s) à projets suivi(s) ; {} demandé(s) dans les appels déposés, {} accordé(s).",
            agora::domain::text::euros(5_500_000),
            agora::domain::text::euros(1_200_000)
        ))),
        "{words}"
    );
    assert!(words.contains("Fondation de France"));
    // The four interpellations of 2026, as they stood at the year's end.
    assert!(
        words.contains("15 dispositif(s) en plus des conventions : 4 × accompagnement d’une direction, 4 × interpellation citoyenne, 1 × budget participatif, 6 × instance consultative."),
        "{words}"
    );
    assert!(words.contains("187 soutiens · médiation"), "{words}");
    assert!(
        words.contains(
            "Accompagnement des directions : 60 h 30 de travail de la mission sur la période."
        ),
        "{words}"
    );
    // The charter's co-construction and the fiches d'expérience of the year.
    assert!(
        words.contains("Charte de la démocratie coopérative : 40 contribution(s) reçue(s) et 30 réponse(s) publiée(s) sur la période, 2 pacte(s) de coopération signé(s)."),
        "{words}"
    );
    assert!(
        words.contains("1 fiche(s) d’expérience rédigée(s) sur la période, pour l’intranet ou un article : • Convention citoyenne pour le climat (mise à jour le 20/11/2026)"),
        "{words}"
    );
}

#[test]
fn a_report_of_any_dates_and_a_period_backwards_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo(dir.path()));
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("automne.odt");
    ok(agora(
        dir.path(),
        &[
            "export",
            "rapport",
            "--du",
            "01/09/2026",
            "--au",
            "30/11/2026",
            "--out",
            path.to_str().unwrap(),
        ],
    ));
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"), "an .odt");
    let err = refused(agora(
        dir.path(),
        &[
            "export",
            "rapport",
            "--du",
            "30/11/2026",
            "--au",
            "01/09/2026",
            "--out",
            path.to_str().unwrap(),
        ],
    ));
    assert!(plain(&err).contains("précède"), "{err}");
    let store = Store::open(&db_in(dir.path())).unwrap();
    assert_eq!(store.export_log(5).unwrap().len(), 1);
}

#[test]
fn the_documents_panel_keeps_the_paragraphs_and_asks_for_the_report() {
    use agora::export::Document;
    use agora::ui::panels::{Event, activity_report};
    use iced::widget::text_editor::{Action, Edit};
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = demo(dir.path());
    let mut panel = activity_report::State::new(&store, today()).unwrap();
    let paragraph = "Une année de lancement.";
    let _ = panel.update(
        activity_report::Msg::Edited(
            ReportSection::KeyFigures,
            Action::Edit(Edit::Paste(std::sync::Arc::new(paragraph.to_string()))),
        ),
        &mut store,
    );
    let mut events = Vec::new();
    for label in ["Enregistrer les textes", "Exporter le rapport (PDF)"] {
        let mut ui = iced_test::Simulator::with_size(
            iced::Settings::default(),
            (1300.0, 1400.0),
            panel.view(),
        );
        ui.click(label).unwrap_or_else(|_| panic!("« {label} »"));
        let messages: Vec<_> = ui.into_messages().collect();
        for m in messages {
            events.push(panel.update(m, &mut store).1);
        }
    }
    let year = Period::year(2026).unwrap();
    assert_eq!(
        store.activity_texts(year).unwrap()[&ReportSection::KeyFigures],
        paragraph
    );
    assert!(matches!(events[0], Some(Event::Saved(_))));
    assert_eq!(
        events[1],
        Some(Event::Export(Document::ActivityReport(year)))
    );
}
