//! The note de synthèse exported from the demo and read back as text.

use agora::domain::ids::ConventionId;
use agora::store::Store;
use chrono::NaiveDate;

fn pdf_text(bytes: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("extractable text");
    (pages.len(), text)
}

#[test]
fn synthesis_note_reads_back_with_accents_sections_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store.load_demo().unwrap();
    let out = dir.path().join("exports").join("note.pdf");
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    agora::export::synthesis_note(&mut store, ConventionId(1), &out, today).unwrap();

    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let (pages, text) = pdf_text(&bytes);
    assert_eq!(pages, 2, "a note for a director fits on two pages");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Ville de Grenoble — Mission Démocratie locale",
        "Note de synthèse — Convention citoyenne",
        "Situation au 29 novembre 2026",
        "Mandat",
        "Où en est la convention",
        "Délibération",
        "mise en œuvre",
        "Commentaire de la mission",
        "Prochaines échéances",
        "Composition du panel au regard des quotas",
        "18 quotas respectés sur 18",
        "Participation",
        "Décisions clés",
        "Propositions et réponses de la Ville",
        "Principaux risques",
        "Décrochage des membres les plus jeunes",
        "page 1 / 2",
        "page 2 / 2",
        "Document généré le 29 novembre 2026",
    ] {
        assert!(flat.contains(expected), "missing {expected:?} in:\n{flat}");
    }

    // The export is logged, without personal data.
    let log = store.export_log(10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].document, "Note de synthèse");
    assert_eq!(log[0].entity_id, Some(1));
    assert!(!log[0].personal_data);
    assert_eq!(store.journal(1, 0).unwrap()[0].kind, "export");
}

#[test]
fn letterhead_follows_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store.load_demo().unwrap();
    let mut settings = store.settings().unwrap();
    settings.organisation = "Ville d'Échirolles".into();
    store.save_settings(&settings).unwrap();
    let out = dir.path().join("note.pdf");
    agora::export::synthesis_note(
        &mut store,
        ConventionId(1),
        &out,
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    )
    .unwrap();
    let (_, text) = pdf_text(&std::fs::read(&out).unwrap());
    assert!(
        text.contains("Ville d'Échirolles — Mission Démocratie locale"),
        "{text}"
    );
}

#[test]
fn missing_convention_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let out = dir.path().join("note.pdf");
    let err = agora::export::synthesis_note(
        &mut store,
        ConventionId(7),
        &out,
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    );
    assert!(err.is_err());
    assert!(!out.exists());
    assert!(store.export_log(10).unwrap().is_empty());
}
