//! The safety net on real files, most through the binary as a person would run it:
//! backups a person counts on survive the rotation, a restore keeps what it replaces,
//! an export never lands on the store or half-written, paths are bytes, files are
//! private, bulk deletions are preceded by a backup.

use std::path::{Path, PathBuf};
use std::process::Command;

use agora::domain::ids::{ContactId, ConventionId};
use agora::store::{self, ContactFilter, Store, StoreError};

use super::common::{agora, ok, plain, refused};

fn demo(dir: &Path) -> PathBuf {
    ok(agora(dir, &["demo"]));
    dir.join(store::DB_FILE)
}

fn backups(dir: &Path) -> Vec<String> {
    store::backup::list_backups(&dir.join(store::BACKUP_DIR))
        .unwrap()
        .into_iter()
        .map(|(_, p)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

fn backup_named(dir: &Path, reason: &str) -> PathBuf {
    let name = backups(dir)
        .into_iter()
        .find(|n| n.contains(reason))
        .unwrap_or_else(|| panic!("no « {reason} » backup among {:?}", backups(dir)));
    dir.join(store::BACKUP_DIR).join(name)
}

fn count(db: &Path, search: &str) -> u64 {
    let s = Store::open(db).unwrap();
    s.contacts_count(&ContactFilter {
        search: search.into(),
        ..ContactFilter::default()
    })
    .unwrap() as u64
}

const TWO_CONTACTS: &str = "Nom;Prénom;Courriel\r\nZébulon;Ariane;ariane.zebulon@exemple.fr\r\nZébulon;Basile;basile.zebulon@exemple.fr\r\n";

#[test]
fn the_backups_a_person_counts_on_survive_the_backup_on_close() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    ok(agora(dir.path(), &["backup"]));
    let file = dir.path().join("deux.csv");
    std::fs::write(&file, TWO_CONTACTS).unwrap();
    ok(agora(
        dir.path(),
        &["contacts", "import", file.to_str().unwrap()],
    ));
    // The import took a backup before, and the close one after: every one of the last
    // 48 hours is still there, the manual one and the one before the import included.
    let names = backups(dir.path());
    assert!(names.iter().any(|n| n.contains("manuelle")), "{names:?}");
    assert_eq!(
        names.iter().filter(|n| n.contains("fermeture")).count(),
        2,
        "{names:?}"
    );
    let before_import = backup_named(dir.path(), "avant-import-contacts");
    // Restoring the backup taken before the import keeps the import in a backup of
    // its own, taken first.
    ok(agora(
        dir.path(),
        &["restore", before_import.to_str().unwrap()],
    ));
    assert_eq!(count(&db, "zebulon"), 0);
    let replaced = backup_named(dir.path(), "avant-restauration");
    assert_eq!(count(&replaced, "zebulon"), 2);
}

/// The WAL of a store whose process died holds committed transactions: a restore
/// opens the store first (recovering them) and backs it up before replacing it.
#[test]
fn a_restore_keeps_the_work_committed_in_the_wal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    ok(agora(dir.path(), &["backup"]));
    let manual = backup_named(dir.path(), "manuelle");
    // A write committed into the WAL, then the process dies before any checkpoint.
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    {
        let mut s = Store::open(&db).unwrap();
        s.set_synthesis_text(ConventionId(1), "Écrit juste avant la panne")
            .unwrap();
        let copy = dir.path().join("crash");
        std::fs::create_dir(&copy).unwrap();
        for suffix in ["", "-wal", "-shm"] {
            let mut from = db.as_os_str().to_os_string();
            from.push(suffix);
            std::fs::copy(&from, copy.join(format!("agora.sqlite{suffix}"))).unwrap();
        }
        drop(s);
        for suffix in ["", "-wal", "-shm"] {
            let mut to = db.as_os_str().to_os_string();
            to.push(suffix);
            std::fs::copy(copy.join(format!("agora.sqlite{suffix}")), &to).unwrap();
        }
    }
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    ok(agora(dir.path(), &["restore", manual.to_str().unwrap()]));
    let replaced = backup_named(dir.path(), "avant-restauration");
    let s = Store::open(&replaced).unwrap();
    assert_eq!(
        s.convention(ConventionId(1)).unwrap().synthesis_text,
        "Écrit juste avant la panne"
    );
}

#[test]
fn a_restore_refuses_the_store_itself_and_names_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read(&db).unwrap();
    let err = refused(agora(dir.path(), &["restore", db.to_str().unwrap()]));
    assert!(err.contains("la base elle-même"), "{err}");
    let err = refused(agora(dir.path(), &["restore", "/nulle/part/agora.sqlite"]));
    assert!(err.contains("n’existe pas"), "{err}");
    assert!(!err.contains("autre programme"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_restore_of_an_older_schema_migrates_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let old_dir = tempfile::tempdir().unwrap();
    let old = old_dir.path().join(store::DB_FILE);
    let older = &store::schema::MIGRATIONS[..store::schema::MIGRATIONS.len() - 1];
    drop(Store::open_with(&old, older).unwrap());
    store::backup::restore(&db, &old, None).unwrap();
    let s = Store::open(&db).unwrap();
    assert_eq!(
        s.user_version().unwrap(),
        store::schema::MIGRATIONS.len() as i64
    );
}

#[test]
fn an_export_never_lands_on_the_store_or_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read(&db).unwrap();
    let err = refused(agora(
        dir.path(),
        &["contacts", "export", db.to_str().unwrap()],
    ));
    assert!(err.contains("dossier des données"), "{err}");
    let backup = backup_named(dir.path(), "fermeture");
    let err = refused(agora(
        dir.path(),
        &[
            "export",
            "synthesis",
            "1",
            "--out",
            backup.to_str().unwrap(),
        ],
    ));
    assert!(err.contains("dossier des données"), "{err}");
    // The store is still itself (the refusals are logged in it, so its size may grow
    // by a page): a SQLite file, healthy, holding the demo.
    let s = Store::open(&db).unwrap();
    assert!(s.check().unwrap().healthy());
    assert_eq!(
        s.convention(agora::domain::ids::ConventionId(1))
            .unwrap()
            .title,
        "Convention citoyenne pour le climat"
    );
    assert!(std::fs::read(&db).unwrap().starts_with(&before[..16]));
}

#[test]
fn an_export_replaces_a_file_of_another_kind_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let out = tempfile::tempdir().unwrap();
    let notes = out.path().join("notes.txt");
    std::fs::write(&notes, "mes notes").unwrap();
    let err = refused(agora(
        dir.path(),
        &["export", "synthesis", "1", "--out", notes.to_str().unwrap()],
    ));
    assert!(err.contains("--remplacer"), "{err}");
    assert_eq!(std::fs::read(&notes).unwrap(), b"mes notes");
    // A PDF over an earlier PDF is the ordinary case; another kind needs the word.
    let pdf = out.path().join("note.pdf");
    ok(agora(
        dir.path(),
        &["export", "synthesis", "1", "--out", pdf.to_str().unwrap()],
    ));
    ok(agora(
        dir.path(),
        &["export", "synthesis", "1", "--out", pdf.to_str().unwrap()],
    ));
    ok(agora(
        dir.path(),
        &[
            "export",
            "synthesis",
            "1",
            "--out",
            notes.to_str().unwrap(),
            "--remplacer",
        ],
    ));
    assert!(std::fs::read(&notes).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_failed_export_leaves_nothing_behind_and_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join("dossier");
    std::fs::create_dir(&folder).unwrap();
    refused(agora(
        dir.path(),
        &["contacts", "export", folder.to_str().unwrap()],
    ));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    // A failure while writing (the folder cannot be made: its parent is a file).
    let file = out.path().join("fichier");
    std::fs::write(&file, "x").unwrap();
    let err = refused(agora(
        dir.path(),
        &["contacts", "export", file.join("c.csv").to_str().unwrap()],
    ));
    assert!(err.contains("n’a pas pu être écrit"), "{err}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
    let s = Store::open(&db).unwrap();
    let log = s.export_log(2).unwrap();
    assert!(log.iter().all(|e| e.personal_data));
    assert!(log[0].outcome.starts_with("échec"), "{}", log[0].outcome);
    assert!(log[1].outcome.starts_with("refusé"), "{}", log[1].outcome);
}

#[test]
fn a_published_portfolio_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("vivier.csv");
    let quotas = dir.path().join("quotas.csv");
    let mut people = String::from("id,genre\n");
    for i in 0..20 {
        people.push_str(&format!("p{i},{}\n", if i % 2 == 0 { "F" } else { "H" }));
    }
    std::fs::write(&pool, people).unwrap();
    std::fs::write(&quotas, "feature,value,min,max\ngenre,F,2,3\ngenre,H,2,3\n").unwrap();
    let portfolio = dir.path().join("portefeuille.json");
    std::fs::write(&portfolio, "{\"publié\": true}").unwrap();
    let args = |extra: &[&str]| {
        let mut a = vec![
            "draw",
            "prepare",
            "--pool",
            pool.to_str().unwrap(),
            "--quotas",
            quotas.to_str().unwrap(),
            "--size",
            "5",
            "--out",
            portfolio.to_str().unwrap(),
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| {
        Command::new(env!("CARGO_BIN_EXE_agora"))
            .args(a)
            .output()
            .unwrap()
    };
    let err = refused(run(args(&[])));
    assert!(err.contains("--remplacer"), "{err}");
    assert_eq!(
        std::fs::read(&portfolio).unwrap(),
        b"{\"publi\xc3\xa9\": true}"
    );
    ok(run(args(&["--remplacer"])));
    assert!(
        std::fs::read_to_string(&portfolio)
            .unwrap()
            .contains("panels")
    );
}

#[cfg(unix)]
#[test]
fn a_data_folder_whose_path_is_not_utf8_works() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join(OsStr::from_bytes(b"donn\xe9es"));
    let out = Command::new(env!("CARGO_BIN_EXE_agora"))
        .arg("--data-dir")
        .arg(&dir)
        .arg("demo")
        .output()
        .unwrap();
    ok(out);
    ok(agora(&dir, &["backup"]));
    assert_eq!(backups(&dir).len(), 2, "{:?}", backups(&dir));
    let s = Store::open(&dir.join(store::DB_FILE)).unwrap();
    s.backup_now("manuelle").unwrap();
}

#[cfg(unix)]
#[test]
fn files_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("agora");
    let db = demo(&dir);
    let csv = root.path().join("contacts.csv");
    ok(agora(&dir, &["contacts", "export", csv.to_str().unwrap()]));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(store::BACKUP_DIR)), 0o700);
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&store::lock_path(&db)), 0o600);
    for name in backups(&dir) {
        assert_eq!(mode(&dir.join(store::BACKUP_DIR).join(name)), 0o600);
    }
    assert_eq!(mode(&csv), 0o600);
}

#[test]
fn bulk_deletions_are_preceded_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut s = Store::open(&db).unwrap();
    let meeting = s
        .meetings_list(&Default::default())
        .unwrap()
        .into_iter()
        .map(|r| r.meeting.id)
        .find(|&id| s.delete_meeting(id).is_ok())
        .expect("one meeting can be deleted");
    assert!(s.meeting(meeting).is_err());
    backup_named(dir.path(), "avant-suppression-reunion");
    let pool = s.pools(ConventionId(1)).unwrap().pop().unwrap().id;
    s.purge_pool(pool, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        .unwrap();
    backup_named(dir.path(), "avant-purge-vivier");
    s.anonymise_contact(
        ContactId(5),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    )
    .unwrap();
    backup_named(dir.path(), "avant-anonymisation");
}

/// The checks that refuse a file leave nothing beside it, even a file in WAL mode
/// (whose read-only opening would create its -wal and -shm).
#[test]
fn a_refused_file_gets_no_side_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE recettes (nom TEXT);")
        .unwrap();
    drop(other);
    assert!(matches!(Store::open(&db), Err(StoreError::ForeignFile(_))));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-wal") || n.ends_with("-shm"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn every_csv_neutralises_formulas_in_text_but_keeps_phones_readable() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    {
        let mut s = Store::open(&db).unwrap();
        let mut c = s.contact(ContactId(5)).unwrap();
        c.phone = "+33 6 12 34 56 78".into();
        c.notes = "=HYPERLINK(\"http://exemple.invalid\";\"clic\")".into();
        c.role = "@SOMME(A1)".into();
        s.update_contact(&c).unwrap();
        s.close().unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let csv = out.path().join("contacts.csv");
    ok(agora(
        dir.path(),
        &["contacts", "export", csv.to_str().unwrap()],
    ));
    let text = std::fs::read_to_string(&csv).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("+33 6 12 34 56 78"))
        .expect("the phone as typed");
    assert!(line.contains("\"'=HYPERLINK("), "{line}");
    assert!(line.contains(";'@SOMME(A1);"), "{line}");
    // Read back by Agora's own reader, the cells are what was typed.
    let records = agora::import::csv::read(text.as_bytes()).unwrap();
    let fields = records
        .iter()
        .find(|r| r.fields().any(|f| f == "+33 6 12 34 56 78"))
        .unwrap()
        .to_vec();
    assert!(
        fields.iter().any(|f| f.starts_with("=HYPERLINK(")),
        "{fields:?}"
    );
}

#[test]
fn imports_apply_the_rules_of_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = count(&db, "");
    let file = dir.path().join("import.csv");
    let cases: [(&[u8], &str); 3] = [
        (
            "Nom;Prénom;Consentement;Date de consentement\r\nZébulon;Ariane;oui;12/03/2099\r\n"
                .as_bytes(),
            "Ligne 2",
        ),
        (
            b"\xEF\xBB\xBFNom;Pr\xC3\xA9nom\r\nZ\xE9bulon;Ariane\r\n",
            "Ligne 2",
        ),
        (
            b"Nom;Prenom\r\nZebulon;Ariane\r\nDu\x00pont;Basile\r\n",
            "Ligne 3",
        ),
    ];
    for (bytes, line) in cases {
        std::fs::write(&file, bytes).unwrap();
        let err = refused(agora(
            dir.path(),
            &["contacts", "import", file.to_str().unwrap()],
        ));
        assert!(err.contains(line), "{err}");
        assert!(
            err.contains("Rien n’a été importé") || err.contains("Rien n'a été importé"),
            "{err}"
        );
    }
    assert_eq!(count(&db, ""), before);
}

#[test]
fn a_pv_is_written_only_for_a_portfolio_that_passes_verification() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut people = String::from("id,genre\n");
    for i in 0..20 {
        people.push_str(&format!("p{i},{}\n", if i % 2 == 0 { "F" } else { "H" }));
    }
    std::fs::write(d.join("vivier.csv"), people).unwrap();
    std::fs::write(
        d.join("quotas.csv"),
        "feature,value,min,max\ngenre,F,2,3\ngenre,H,2,3\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_agora"))
            .current_dir(d)
            .args(args)
            .output()
            .unwrap()
    };
    ok(run(&[
        "draw",
        "prepare",
        "--pool",
        "vivier.csv",
        "--quotas",
        "quotas.csv",
        "--size",
        "5",
        "--out",
        "p.json",
    ]));
    ok(run(&[
        "draw",
        "pv",
        "--portfolio",
        "p.json",
        "--number",
        "5",
        "--out",
        "pv.pdf",
    ]));
    let json = std::fs::read_to_string(d.join("p.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["panels"] = serde_json::json!([]);
    std::fs::write(d.join("vide.json"), value.to_string()).unwrap();
    let err = refused(run(&[
        "draw",
        "pv",
        "--portfolio",
        "vide.json",
        "--number",
        "5",
        "--out",
        "pv2.pdf",
    ]));
    assert!(err.contains("ne passe pas la vérification"), "{err}");
    assert!(!d.join("pv2.pdf").exists());
}

/// The contact sheet of an anonymised person, and every byte of the store once it is
/// closed: no name, no email left; the free texts that still name them are listed.
#[test]
fn anonymising_erases_the_identity_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let id = {
        let s = Store::open(&db).unwrap();
        s.contacts_page(
            &ContactFilter {
                search: "claire valette".into(),
                ..ContactFilter::default()
            },
            0,
            5,
        )
        .unwrap()[0]
            .id
    };
    let email = Store::open(&db).unwrap().contact(id).unwrap().email;
    assert!(!email.is_empty());
    let shown = plain(ok(agora(
        dir.path(),
        &["contacts", "show", &id.to_string()],
    )));
    assert!(
        shown.contains("Claire Valette") && shown.contains(&email),
        "{shown}"
    );
    // The journal names her by id: « Contact « Claire Valette » créé » read back.
    assert!(shown.contains("Contact « Claire Valette » créé"), "{shown}");
    let said = plain(ok(agora(
        dir.path(),
        &["contacts", "anonymise", &id.to_string()],
    )));
    // Free texts that still mention her are named, not silently kept.
    assert!(said.contains("Convention n° 1"), "{said}");
    assert!(said.contains("Ordre du jour de la réunion n°"), "{said}");
    backup_named(dir.path(), "avant-anonymisation");
    let shown = plain(ok(agora(
        dir.path(),
        &["contacts", "show", &id.to_string()],
    )));
    assert!(shown.contains(&format!("Anonyme n° {id}")), "{shown}");
    assert!(
        !shown.contains("Valette") && !shown.contains(&email),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("Contact « Anonyme n° {id} » créé")),
        "{shown}"
    );
    // Edit the free texts the list named, then no byte of the store names her.
    {
        let s = Store::open(&db).unwrap();
        let left = s.mentions(&["Claire Valette".to_string()]).unwrap();
        assert!(!left.is_empty());
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE conventions SET elected_official = 'l’adjointe à la démocratie locale';
         UPDATE agenda_items SET speaker = 'l’adjointe' WHERE speaker = 'Claire Valette';",
    )
    .unwrap();
    drop(conn);
    assert!(
        Store::open(&db)
            .unwrap()
            .mentions(&["Claire Valette".to_string()])
            .unwrap()
            .is_empty()
    );
    // Closed: the WAL is checkpointed; secure_delete zeroed what was freed.
    for suffix in ["", "-wal"] {
        let bytes = std::fs::read(store::side_file(&db, suffix)).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Valette"),
            "« Valette » in agora.sqlite{suffix}"
        );
        assert!(!text.contains(&email), "the email in agora.sqlite{suffix}");
    }
}

/// The support log: one file a day in the data folder, which says what was done
/// (commands, writes by kind and number, exports, refusals by kind) and names nobody:
/// no person's name, no path, no text typed in.
#[test]
fn the_support_log_says_what_happened_and_names_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    demo(dir.path());
    let pdf = exports.path().join("note-Hélène-Martin.pdf");
    ok(agora(
        dir.path(),
        &["export", "synthesis", "1", "--out", pdf.to_str().unwrap()],
    ));
    ok(agora(dir.path(), &["contacts", "anonymise", "1"]));
    refused(agora(
        dir.path(),
        &["export", "rules", "7", "--out", "x.pdf"],
    ));
    let folder = dir.path().join(agora::diagnostics::FOLDER);
    let logs: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(logs.len(), 1, "one file a day: {logs:?}");
    let log = std::fs::read_to_string(&logs[0]).unwrap();
    for said in [
        "command=\"demo\"",
        "store opened",
        "command=\"export synthesis\"",
        "export written",
        "kind=\"privacy\"",
        "entity=\"contact\" id=1",
        "command failed",
        "start",
    ] {
        assert!(log.contains(said), "missing {said:?} in:\n{log}");
    }
    for secret in [
        "Hélène",
        "Martin",
        exports.path().to_str().unwrap(),
        "x.pdf",
    ] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "the log's folder is private");
    }
}
