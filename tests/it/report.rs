//! The note de synthèse exported from the demo and read back as text.

use agora::domain::ids::{ConventionId, MeetingId};
use agora::store::Store;
use chrono::NaiveDate;

use super::common::{agora, ok, pdf_pages, plain, today};

#[test]
fn synthesis_note_reads_back_with_accents_sections_and_page_numbers() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store.load_demo().unwrap();
    let out = exports.path().join("exports").join("note.pdf");
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    agora::export::write(
        &mut store,
        &agora::export::Document::Synthesis(ConventionId(1)),
        &out,
        today,
    )
    .unwrap();

    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let (pages, text) = pdf_pages(&bytes);
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
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store.load_demo().unwrap();
    let mut settings = store.settings().unwrap();
    settings.organisation = "Ville d'Échirolles".into();
    store.save_settings(&settings).unwrap();
    let out = exports.path().join("note.pdf");
    agora::export::write(
        &mut store,
        &agora::export::Document::Synthesis(ConventionId(1)),
        &out,
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    )
    .unwrap();
    let (_, text) = pdf_pages(&std::fs::read(&out).unwrap());
    assert!(
        text.contains("Ville d'Échirolles — Mission Démocratie locale"),
        "{text}"
    );
}

#[test]
fn missing_convention_writes_nothing() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let out = exports.path().join("note.pdf");
    let err = agora::export::write(
        &mut store,
        &agora::export::Document::Synthesis(ConventionId(7)),
        &out,
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    );
    assert!(err.is_err());
    assert!(!out.exists());
    assert!(store.export_log(10).unwrap().is_empty());
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn compte_rendu_reads_back_with_attendees_and_its_state() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store.load_demo().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();

    // A draft: "BROUILLON" across every page, every attendee named.
    let draft = exports.path().join("cr-brouillon.pdf");
    agora::export::write(
        &mut store,
        &agora::export::Document::Minutes(MeetingId(9)),
        &draft,
        today,
    )
    .unwrap();
    let (pages, text) = pdf_pages(&std::fs::read(&draft).unwrap());
    let text = flat(&text);
    assert_eq!(text.matches("BROUILLON").count(), pages, "{text}");
    for a in store.attendance(MeetingId(9)).unwrap() {
        assert!(text.contains(&a.name), "{} missing", a.name);
    }
    for expected in [
        "Compte rendu — Atelier mobilités douces",
        "mercredi 25 novembre 2026, de 18 h 30 à 21 h",
        "Présents (21)",
        "Excusés (1)",
        "1. Présentation du sujet — 30 min — Pauline Giraud",
        "Échanges riches sur « présentation du sujet ».",
        "Décisions",
        "Diffuser le compte rendu",
        &format!("page {pages} / {pages}"),
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("Validé le"));

    // A validated one: dated on every page, no watermark.
    let validated = exports.path().join("cr-valide.pdf");
    agora::export::write(
        &mut store,
        &agora::export::Document::Minutes(MeetingId(3)),
        &validated,
        today,
    )
    .unwrap();
    let (pages, text) = pdf_pages(&std::fs::read(&validated).unwrap());
    let text = flat(&text);
    assert!(!text.contains("BROUILLON"));
    assert_eq!(text.matches("Validé le 22 novembre 2026").count(), pages);
    assert!(text.contains("Adoptée à l'unanimité") || text.contains("Adoptée à l’unanimité"));

    let log = store.export_log(10).unwrap();
    assert_eq!(log.len(), 2);
    assert!(
        log.iter()
            .all(|l| l.document == "Compte rendu" && l.personal_data)
    );
}

#[test]
fn attendance_sheet_lists_everyone_by_name_with_room_to_sign() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store.load_demo().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let out = exports.path().join("emargement.pdf");
    let sheet = agora::export::Document::AttendanceSheet {
        meeting: MeetingId(1),
        contact_details: false,
    };
    agora::export::write(&mut store, &sheet, &out, today).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let page_numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let people = store.attendance(MeetingId(1)).unwrap();
    assert_eq!(people.len(), 40);
    // About twenty people a page (plus blank rows), the table header on each page.
    assert_eq!(page_numbers.len(), 3);
    let mut order = Vec::new();
    for (i, p) in page_numbers.iter().enumerate() {
        let text = flat(&doc.extract_text(&[*p]).unwrap());
        assert!(
            text.contains("Nom Structure ou rôle Signature"),
            "header on page {}",
            i + 1
        );
        assert!(text.contains(&format!("page {} / 3", i + 1)));
        for a in &people {
            if let Some(at) = text.find(&a.name) {
                order.push((i, at, a.name.clone()));
            }
        }
    }
    assert_eq!(order.len(), 40, "every attendee printed once");
    order.sort();
    let printed: Vec<String> = order.into_iter().map(|(_, _, n)| n).collect();
    let mut sorted = printed.clone();
    sorted.sort_by_key(|n| agora::domain::text::sort_key(n));
    assert_eq!(printed, sorted, "sorted by name");

    // Contact details only when asked for.
    let someone = store.contact(people[0].contact).unwrap();
    assert!(!someone.email.is_empty());
    let (_, text) = pdf_pages(&bytes);
    assert!(!text.contains(&someone.email));
    let with = exports.path().join("emargement-coordonnees.pdf");
    let sheet = agora::export::Document::AttendanceSheet {
        meeting: MeetingId(1),
        contact_details: true,
    };
    agora::export::write(&mut store, &sheet, &with, today).unwrap();
    let (_, text) = pdf_pages(&std::fs::read(&with).unwrap());
    // A long address may wrap inside its cell: compare without the line breaks.
    let compact: String = text.split_whitespace().collect();
    assert!(compact.contains(&someone.email), "{text}");
    assert!(store.export_log(5).unwrap()[0].personal_data);
}

/// Attestations de participation: one page per person marked present, with their
/// meetings and hours; one person's alone; refused, with nothing written, when nobody
/// was marked present.
#[test]
fn attestations_one_page_per_person_present_with_hours_place_and_signature() {
    use agora::domain::attestation::{AttestationScope, duration};
    use agora::export::{self, Document};
    let dir = tempfile::tempdir().unwrap();
    let (db, store) = super::common::demo(dir.path());
    let people = store
        .attestations(AttestationScope::Convention(ConventionId(1)))
        .unwrap();
    assert!(people.len() > 30, "the demo's sessions are marked");
    drop(store);
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("attestations.pdf");
    let said = ok(agora(
        dir.path(),
        &[
            "export",
            "attestations",
            "1",
            "--out",
            path.to_str().unwrap(),
        ],
    ));
    assert!(plain(said).contains("Attestations de participation — fichier écrit"));
    let pdf = lopdf::Document::load(&path).unwrap();
    assert_eq!(pdf.get_pages().len(), people.len(), "one page each");
    let first = plain(pdf.extract_text(&[1]).unwrap());
    let words = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let a = &people[0];
    assert!(words.starts_with(&format!("Attestation de participation — {}", a.name)));
    assert!(words.contains(&format!("{} de participation", duration(a.minutes()))));
    assert!(words.contains("Fait à Grenoble, le"));
    assert!(words.contains("signature et cachet"));

    // One person's attestation, from their number.
    let one = out.path().join("une.pdf");
    let contact = a.contact.0.to_string();
    ok(agora(
        dir.path(),
        &[
            "export",
            "attestations",
            "1",
            "--out",
            one.to_str().unwrap(),
            "--contact",
            &contact,
        ],
    ));
    let (pages, text) = pdf_pages(&std::fs::read(&one).unwrap());
    assert_eq!(pages, 1);
    assert!(plain(text).contains(&a.name));

    // A meeting nobody was marked present at: nothing to attest, nothing written.
    let mut store = agora::store::Store::open(&db).unwrap();
    let future = store
        .meetings_of(Some(ConventionId(1)))
        .unwrap()
        .into_iter()
        .find(|m| {
            store
                .attestations(AttestationScope::Meeting(m.id))
                .unwrap()
                .is_empty()
        })
        .expect("a meeting still to come");
    let none = out.path().join("rien.pdf");
    let err = export::write(
        &mut store,
        &Document::Attestations(AttestationScope::Meeting(future.id)),
        &none,
        today(),
    )
    .unwrap_err();
    assert!(plain(err.to_string()).contains("rien à attester"), "{err}");
    assert!(!none.exists());
    let log = store.export_log(5).unwrap();
    assert_eq!(log.len(), 2, "the refused one wrote nothing");
    assert!(
        log.iter().all(|e| e.personal_data),
        "attestations are personal data"
    );
}
