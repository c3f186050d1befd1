//! The dossier de convention, read back: its sections in order on the pages its
//! sommaire announces, its bookmarks and metadata, the choice of sections and
//! appendices (remembered per convention, chosen on the command line), and what the
//! export log says of it.

use std::path::Path;

use agora::domain::dossier::{Appendix, DossierChoice, Section};
use agora::domain::ids::ConventionId;
use agora::export::{self, Document};
use agora::store::Store;

use super::common::{agora, db_in, demo, ok, pdf_words, plain, refused, today};

/// The text of each page, in drawing order (a page's content comes before its header
/// and footer).
fn page_texts(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).unwrap();
    doc.get_pages()
        .keys()
        .map(|n| plain(doc.extract_text(&[*n]).unwrap()))
        .collect()
}

/// The sommaire's entries, from the page after the cover to the first part: each title
/// and the page it announces.
fn sommaire_of(pages: &[String]) -> Vec<(String, usize)> {
    let mut entries = sommaire(&pages[1], true);
    for page in &pages[2..] {
        let text = page.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.starts_with(entries[0].0.as_str()) {
            break;
        }
        entries.extend(sommaire(page, false));
    }
    entries
}

/// The entries of one page of the sommaire. Each is drawn as its title (one line or
/// more), a run of dots, and the number; the first page opens with « Sommaire ».
fn sommaire(page: &str, first: bool) -> Vec<(String, usize)> {
    let lines: Vec<&str> = page
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip(usize::from(first))
        .collect();
    let mut entries = Vec::new();
    let mut title: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if l.chars().all(|c| c == '.') {
            let number = lines[i + 1].parse().unwrap();
            entries.push((title.join(" "), number));
            title.clear();
            i += 2;
            continue;
        }
        if l.parse::<usize>().is_ok() {
            // An entry whose title fills the line has no dots.
            entries.push((title.join(" "), l.parse().unwrap()));
            title.clear();
        } else if l.starts_with("Ville de Grenoble") {
            break; // the header, drawn after the content
        } else {
            title.push(l);
        }
        i += 1;
    }
    entries
}

#[test]
fn the_dossier_has_a_cover_a_true_sommaire_bookmarks_and_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = demo(dir.path());
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("dossier.pdf");
    let choice = DossierChoice::default();
    let document = Document::Dossier {
        convention: ConventionId(1),
        choice: choice.clone(),
    };
    export::write(&mut store, &document, &path, today()).unwrap();

    let pages = page_texts(&path);
    let cover = pages[0].split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(cover.contains("DOSSIER DE CONVENTION"), "{cover}");
    assert!(cover.contains("Convention citoyenne pour le climat"));
    assert!(cover.contains("Dossier établi le 29 novembre 2026."));
    assert!(
        pages[1].trim_start().starts_with("Sommaire"),
        "{}",
        pages[1]
    );

    let entries = sommaire_of(&pages);
    let titles: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    let expected: Vec<&str> = choice.sections.iter().map(|s| s.title()).collect();
    assert_eq!(&titles[..expected.len()], expected.as_slice());
    let appendices = entries.len() - expected.len();
    assert!(appendices >= 3, "comptes rendus, PV and rules: {entries:?}");
    let mut last = 2;
    for (title, page) in &entries {
        assert!(*page > last, "« {title} » after the previous section");
        last = *page;
        // The first thing drawn on the announced page is the section's heading.
        let text = pages[page - 1]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.starts_with(title.as_str()),
            "page {page} begins with « {title} »: {}",
            text.chars().take(80).collect::<String>()
        );
    }

    let pdf = lopdf::Document::load(&path).unwrap();
    let catalog = pdf.catalog().unwrap();
    assert_eq!(
        catalog.get(b"Lang").unwrap().as_str().unwrap(),
        b"fr-FR".as_slice()
    );
    let outlines = pdf
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(
        outlines.get(b"Count").unwrap().as_i64().unwrap(),
        entries.len() as i64,
        "one bookmark per section and appendix"
    );
    let info = pdf
        .get_dictionary(pdf.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let author = lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap();
    assert_eq!(author, "Ville de Grenoble — Mission Démocratie locale");
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(title, "Convention citoyenne pour le climat");

    // The comptes rendus name the participants: the dossier is logged as personal.
    let log = store.export_log(1).unwrap();
    assert_eq!(log[0].document, "Dossier de convention");
    assert!(log[0].personal_data);
}

#[test]
fn the_command_line_chooses_sections_and_appendices() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo(dir.path()));
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("d.pdf");
    let said = ok(agora(
        dir.path(),
        &[
            "export",
            "dossier",
            "1",
            "--out",
            path.to_str().unwrap(),
            "--sections",
            "budget,mandat",
            "--annexes",
            "aucune",
        ],
    ));
    assert!(plain(said).contains("Dossier de convention — fichier écrit"));
    let words = pdf_words(&path);
    assert!(words.contains("Mandat et cadre"));
    assert!(words.contains("Prévu"), "the budget section");
    // The two demo calls that would finance the climate convention, not the third.
    assert!(words.contains("Financements extérieurs sollicités"));
    assert!(plain(&words).contains("2 appel(s) à projets suivi(s)"));
    assert!(words.contains("Fondation de France"));
    assert!(!words.contains("cohésion des territoires"));
    assert!(!words.contains("Gouvernance"));
    assert!(!words.contains("Annexe 1"));
    let store = Store::open(&db_in(dir.path())).unwrap();
    assert!(
        !store.export_log(1).unwrap()[0].personal_data,
        "no appendix names anyone"
    );
    drop(store);

    let err = refused(agora(
        dir.path(),
        &[
            "export",
            "dossier",
            "1",
            "--out",
            path.to_str().unwrap(),
            "--sections",
            "mandat,finances",
        ],
    ));
    assert!(
        plain(&err).contains("« finances » n’est pas connu ici"),
        "{err}"
    );
    assert!(
        plain(&err).contains("chronologie"),
        "lists the known codes: {err}"
    );
}

#[test]
fn the_choice_is_remembered_per_convention_and_used_by_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = demo(dir.path());
    assert_eq!(
        store.dossier_choice(ConventionId(1)).unwrap(),
        DossierChoice::default()
    );
    let choice = DossierChoice {
        sections: vec![Section::Risks],
        appendices: vec![Appendix::AttendanceSheets],
    };
    store.save_dossier_choice(ConventionId(1), &choice).unwrap();
    store.close().unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(store.dossier_choice(ConventionId(1)).unwrap(), choice);
    drop(store);

    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("d.pdf");
    ok(agora(
        dir.path(),
        &["export", "dossier", "1", "--out", path.to_str().unwrap()],
    ));
    let words = pdf_words(&path);
    assert!(words.contains("Matrice des risques ouverts"));
    assert!(!words.contains("Mandat et cadre"));
    assert!(words.contains("Feuille d'émargement") || words.contains("Feuille d’émargement"));
    let store = Store::open(&db).unwrap();
    assert!(
        store.export_log(1).unwrap()[0].personal_data,
        "attendance sheets name people"
    );
}

#[test]
fn the_logo_chosen_in_settings_is_on_the_cover_of_the_pdf_and_the_odt() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut store) = demo(dir.path());
    let not_an_image = store.set_logo("liste.csv", b"Nom;Prenom\n").unwrap_err();
    assert!(
        plain(not_an_image.to_string()).contains("n’est pas une image PNG ou JPEG"),
        "{not_an_image}"
    );
    let png = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/linux/icons/128/fr.agora.Agora.png"),
    )
    .unwrap();
    store.set_logo("blason.png", &png).unwrap();
    store.close().unwrap();
    let mut store = Store::open(&db).unwrap();
    assert_eq!(
        store.logo().unwrap().unwrap().bytes,
        png,
        "kept in the store"
    );

    let out = tempfile::tempdir().unwrap();
    let choice = DossierChoice {
        sections: vec![Section::Mandate],
        appendices: Vec::new(),
    };
    let document = Document::Dossier {
        convention: ConventionId(1),
        choice,
    };
    let pdf_path = out.path().join("d.pdf");
    export::write(&mut store, &document, &pdf_path, today()).unwrap();
    let pdf = lopdf::Document::load(&pdf_path).unwrap();
    let pages = pdf.get_pages();
    let cover_images = pdf.get_page_images(pages[&1]).unwrap();
    assert_eq!(cover_images.len(), 1, "the logo on the cover");
    assert_eq!((cover_images[0].width, cover_images[0].height), (128, 128));
    // Drawn (the `Do` operator) on the cover only.
    let draws = |page: u32| {
        let content = pdf.get_page_content(pages[&page]);
        lopdf::content::Content::decode(&content)
            .unwrap()
            .operations
            .iter()
            .filter(|o| o.operator == "Do")
            .count()
    };
    assert_eq!((draws(1), draws(2)), (1, 0), "only on the cover");

    let odt_path = out.path().join("d.odt");
    export::write(&mut store, &document, &odt_path, today()).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&odt_path).unwrap()).unwrap();
    let mut logo = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("Pictures/logo.png").unwrap(), &mut logo).unwrap();
    assert_eq!(logo, png);

    store.remove_logo().unwrap();
    export::write(&mut store, &document, &pdf_path, today()).unwrap();
    let pdf = lopdf::Document::load(&pdf_path).unwrap();
    assert!(pdf.get_page_images(pdf.get_pages()[&1]).unwrap().is_empty());
    assert!(store.logo().unwrap().is_none());
}

/// A convention at a real convention's size (40 sessions, 60 meetings with validated
/// comptes rendus, 120 answered proposals): every part and appendix is there, the file
/// stays small, and the sommaire still points at the right pages.
#[test]
fn the_dossier_of_a_large_convention_stays_whole_and_small() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = demo(dir.path());
    store
        .grow_demo(
            agora::store::DemoScale {
                sessions: 40,
                meetings: 60,
                proposals: 120,
            },
            today(),
        )
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("grand.pdf");
    let document = Document::Dossier {
        convention: ConventionId(1),
        choice: DossierChoice::default(),
    };
    export::write(&mut store, &document, &path, today()).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 2_000_000, "{size} bytes");
    let pages = page_texts(&path);
    assert!(pages.len() > 150, "{} pages", pages.len());
    let entries = sommaire_of(&pages);
    // The parts, then one appendix per validated compte rendu, the PV and the rules.
    let validated = store
        .meetings_of(Some(ConventionId(1)))
        .unwrap()
        .iter()
        .filter(|m| {
            store.minutes(m.id).unwrap().is_some_and(|x| {
                matches!(
                    x.status,
                    agora::domain::codes::MinutesStatus::Validated
                        | agora::domain::codes::MinutesStatus::Locked
                )
            })
        })
        .count();
    assert!(validated >= 48, "the grown meetings are validated");
    assert_eq!(entries.len(), 11 + validated + 2);
    for (title, page) in &entries {
        let text = pages[page - 1]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.starts_with(title.as_str()),
            "« {title} » on page {page}"
        );
    }
    let words = pdf_words(&path);
    assert!(words.contains("Proposition n° 120"));
}
