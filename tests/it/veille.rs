//! The veille in the store: notes written, found with and without accents, by the
//! start of words and by tag, changed and removed with their index, kept across a
//! restart; the demo's notes searched and exported from the command line.

use agora::domain::codes::Place;
use agora::domain::veille::Note;
use agora::store::{self, Store};

use super::common::today;

#[test]
fn notes_are_found_with_or_without_accents_and_by_tag() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let mut s = Store::open(&db).unwrap();
    let mut note = Note {
        title: "Le référendum d’initiative citoyenne à Genève".into(),
        body: "Des seuils bas ; une participation très variable.".into(),
        publication: "Swissinfo".into(),
        place: Place::Abroad,
        tags: vec!["vote".into(), "initiative".into()],
        ..Note::new(today())
    };
    note.id = s.save_veille_note(&note).unwrap();
    let other = Note {
        title: "Assemblée citoyenne de quartier".into(),
        tags: vec!["proximité".into()],
        ..Note::new(today())
    };
    s.save_veille_note(&other).unwrap();
    assert!(
        s.save_veille_note(&Note::new(today())).is_err(),
        "a note needs a title"
    );
    drop(s);

    let mut s = Store::open(&db).unwrap();
    let titles = |s: &Store, search: &str, tag: Option<&str>| -> Vec<String> {
        s.veille(search, tag)
            .unwrap()
            .into_iter()
            .map(|n| n.title)
            .collect()
    };
    assert_eq!(
        titles(&s, "referendum", None),
        [note.title.clone()],
        "accents ignored"
    );
    assert_eq!(
        titles(&s, "Référ gen", None),
        [note.title.clone()],
        "word starts"
    );
    assert_eq!(
        titles(&s, "swissinfo", None).len(),
        1,
        "the source is searched"
    );
    assert_eq!(
        titles(&s, "", Some("PROXIMITE")),
        ["Assemblée citoyenne de quartier"]
    );
    assert_eq!(titles(&s, "", None).len(), 2);
    assert_eq!(
        s.veille_tags().unwrap(),
        ["initiative", "proximité", "vote"]
    );

    note.title = "Le référendum d’initiative populaire à Zurich".into();
    s.save_veille_note(&note).unwrap();
    assert!(
        titles(&s, "geneve", None).is_empty(),
        "the index follows the change"
    );
    assert_eq!(titles(&s, "zurich", None).len(), 1);
    s.remove_veille_note(note.id).unwrap();
    assert!(titles(&s, "zurich", None).is_empty());
}

#[test]
fn the_demo_veille_searched_and_exported_from_the_command_line() {
    use super::common::{agora, ok, pdf_words, plain, refused};
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    ok(agora(dir.path(), &["demo"]));
    let found = ok(agora(dir.path(), &["veille", "search", "tire", "sort"]));
    assert!(found.contains("2 note(s)."), "{found}");
    assert!(
        found.contains("Ostbelgien"),
        "« tiré » found by « tire »: {found}"
    );
    let pdf = out.path().join("veille.pdf");
    ok(agora(
        dir.path(),
        &[
            "veille",
            "export",
            "--tag",
            "budget participatif",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    let words = plain(pdf_words(&pdf));
    assert!(
        words.contains("3 note(s) de veille — étiquette « budget participatif »."),
        "{words}"
    );
    assert!(words.contains("Porto Alegre, trente-cinq ans de budget participatif"));
    let none = out.path().join("rien.pdf");
    let said = plain(refused(agora(
        dir.path(),
        &[
            "veille",
            "export",
            "--search",
            "zzzz",
            "--out",
            none.to_str().unwrap(),
        ],
    )));
    assert!(
        said.contains("Aucune note de veille ne correspond"),
        "{said}"
    );
    assert!(!none.exists());
}

#[test]
fn bookmarks_and_markdown_folders_are_imported_whole_or_not_at_all() {
    use super::common::{agora, ok, plain, refused};
    let dir = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    ok(agora(dir.path(), &["demo"]));
    let csv = files.path().join("signets.csv");
    std::fs::write(
        &csv,
        "Titre;URL;Date;Étiquettes\nJurys citoyens en Oregon;https://ex.org/j;02/03/2026;tirage\n;https://ex.org/x;;\n",
    )
    .unwrap();
    let said = plain(refused(agora(
        dir.path(),
        &["veille", "import", csv.to_str().unwrap()],
    )));
    assert!(said.contains("Ligne 3 : titre manquant."), "{said}");
    assert!(said.contains("Rien n’a été importé."));
    std::fs::write(
        &csv,
        "Titre;URL;Date;Étiquettes\nJurys citoyens en Oregon;https://ex.org/j;02/03/2026;tirage\n",
    )
    .unwrap();
    assert!(
        ok(agora(
            dir.path(),
            &["veille", "import", csv.to_str().unwrap()]
        ))
        .contains("1 note(s)")
    );

    let folder = files.path().join("notes");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("a.md"),
        "# Budget des collèges\n\nLes élèves votent.",
    )
    .unwrap();
    std::fs::write(
        folder.join("b.markdown"),
        "# Conseil des aînés\n\n- un avis par an",
    )
    .unwrap();
    std::fs::write(folder.join("lisez-moi.txt"), "ignoré").unwrap();
    assert!(
        ok(agora(
            dir.path(),
            &["veille", "import", folder.to_str().unwrap(), "--dry-run"]
        ))
        .contains("2 note(s) prêtes")
    );
    ok(agora(
        dir.path(),
        &["veille", "import", folder.to_str().unwrap()],
    ));
    let found = ok(agora(dir.path(), &["veille", "search", "aines"]));
    assert!(found.contains("Conseil des aînés"), "{found}");
    let all = ok(agora(
        dir.path(),
        &["veille", "search", "budget", "colleges"],
    ));
    assert!(
        all.contains("2 note(s)."),
        "the demo's and the imported one: {all}"
    );
}

#[test]
fn a_note_says_who_did_it_and_which_dispositifs_it_bears_on() {
    use agora::store::VeilleLink;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = super::common::demo(dir.path());
    let note = s
        .veille("retour experience grenoble", None)
        .unwrap()
        .remove(0);
    let links = s.veille_links(note.id).unwrap();
    assert_eq!(links.len(), 4, "the demo's four interpellations: {links:?}");
    let contact = s
        .contacts_page(&agora::store::ContactFilter::default(), 0, 1)
        .unwrap()
        .remove(0);
    s.set_veille_link(note.id, VeilleLink::Contact(contact.id), true)
        .unwrap();
    s.set_veille_link(note.id, VeilleLink::Contact(contact.id), true)
        .unwrap();
    let links = s.veille_links(note.id).unwrap();
    assert_eq!(links.len(), 5, "linked once");
    assert_eq!(
        links[0],
        (VeilleLink::Contact(contact.id), contact.name.clone())
    );
    s.set_veille_link(note.id, VeilleLink::Contact(contact.id), false)
        .unwrap();
    assert_eq!(s.veille_links(note.id).unwrap().len(), 4);
    s.remove_veille_note(note.id).unwrap();
    assert!(
        s.veille_links(note.id).unwrap().is_empty(),
        "gone with the note"
    );
}
