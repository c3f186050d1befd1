//! Encryption at rest (feature `chiffrement`): a store encrypted, closed, reopened with
//! the right passphrase, the wrong one and the recovery key; its backups encrypted; no
//! byte of either names a person; the command line reads the passphrase.
#![cfg(feature = "chiffrement")]

use std::path::Path;
use std::process::Command;

use agora::domain::ids::ConventionId;
use agora::store::{self, ContactFilter, Key, Store, StoreError};

const PHRASE: &str = "le tram passe à Saint-Bruno";

fn names_a_person(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    [
        "Valette",
        "claire.valette@exemple.fr",
        "Hélène",
        "Convention citoyenne",
    ]
    .iter()
    .any(|n| text.contains(n))
}

fn search(s: &Store, text: &str) -> u32 {
    s.contacts_count(&ContactFilter {
        search: text.into(),
        ..ContactFilter::default()
    })
    .unwrap()
}

/// The demonstration dossier in a new store in `dir`: its path and the open store.
use super::common::demo;

#[test]
fn an_encrypted_store_opens_only_with_its_passphrase_or_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = demo(dir.path());
    assert!(matches!(
        s.encrypt("court"),
        Err(StoreError::ShortPhrase(_))
    ));
    s.encrypt(PHRASE).unwrap();
    // Still open, now encrypted: the data is all there, full-text search included.
    assert_eq!(search(&s, "valette"), 1);
    let recovery = s.key().unwrap().recovery_text();
    let closed_backup = s.close().unwrap().expect("a backup on close");

    assert!(store::cipher::is_encrypted(&db));
    assert!(
        !names_a_person(&db),
        "the store is readable without its key"
    );
    assert!(!names_a_person(&closed_backup), "the backup is readable");
    let params = std::fs::read_to_string(store::cipher::params_path(&db)).unwrap();
    assert!(params.contains("argon2id") && !params.contains(&recovery.replace(' ', "")));

    assert!(matches!(Store::open(&db), Err(StoreError::Encrypted(_))));
    let wrong = Store::open_with_phrase(&db, "ce n’est pas la bonne phrase");
    assert!(
        matches!(wrong, Err(StoreError::WrongKey)),
        "{:?}",
        wrong.err()
    );
    let s = Store::open_with_phrase(&db, PHRASE).unwrap();
    assert_eq!(
        s.convention(ConventionId(1)).unwrap().title,
        "Convention citoyenne pour le climat"
    );
    assert!(s.check().unwrap().healthy());
    drop(s);
    let s = Store::open_with_key(&db, Key::from_recovery(&recovery).unwrap()).unwrap();
    assert_eq!(search(&s, "hel"), search(&s, "hél"));
    drop(s);

    // A backup restores with the key; the plain one taken before encrypting too.
    let key = Key::from_recovery(&recovery).unwrap();
    store::backup::restore(&db, &closed_backup, Some(&key)).unwrap();
    assert!(store::cipher::is_encrypted(&db));
    let s = Store::open_with_key(&db, key).unwrap();
    assert_eq!(search(&s, "valette"), 1);
}

#[test]
fn the_command_line_reads_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let agora = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_agora"));
        c.arg("--data-dir").arg(dir.path()).args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        c.stdin(std::process::Stdio::null()).output().unwrap()
    };
    assert!(agora(&["demo"], &[]).status.success());
    let out = agora(&["chiffrer"], &[("AGORA_NOUVELLE_PHRASE", PHRASE)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let refused = agora(
        &["check"],
        &[("AGORA_PHRASE", "pas la bonne phrase du tout")],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("ne peut pas être retrouvée"));
    let out = agora(&["check"], &[("AGORA_PHRASE", PHRASE)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exports = tempfile::tempdir().unwrap();
    let txt = exports.path().join("cle.txt");
    let out = agora(
        &["cle-de-secours", "--out", txt.to_str().unwrap()],
        &[("AGORA_PHRASE", PHRASE)],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&txt).unwrap();
    let key_line = text.lines().nth(3).unwrap();
    let out = agora(&["check"], &[("AGORA_CLE_DE_SECOURS", key_line)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

mod window {
    use super::*;
    use agora::ui::panels::settings;
    use agora::ui::{App, Message, Panel};
    use iced_test::Simulator;

    fn simulator(app: &App) -> Simulator<'_, Message> {
        let settings = iced::Settings {
            fonts: vec![
                agora::assets::FONT_REGULAR.into(),
                agora::assets::FONT_BOLD.into(),
                agora::assets::FONT_ITALIC.into(),
            ],
            default_font: agora::ui::default_font(),
            ..iced::Settings::default()
        };
        // Tall enough for the whole Paramètres page.
        Simulator::with_size(settings, (1360.0, 2200.0), app.view())
    }

    fn click(app: &mut App, label: &str) {
        let mut ui = simulator(app);
        ui.click(label)
            .unwrap_or_else(|e| panic!("cannot click {label:?}: {e:?}"));
        for m in ui.into_messages().collect::<Vec<_>>() {
            let _ = app.update(m);
        }
    }

    fn shows(app: &App, text: &str) -> bool {
        simulator(app).find(text).is_ok()
    }

    /// Paramètres encrypts the store; the next start asks for the passphrase, refuses
    /// a wrong one, opens with the right one.
    #[test]
    fn encrypt_from_settings_then_unlock_at_start() {
        let dir = tempfile::tempdir().unwrap();
        let (db, s) = demo(dir.path());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let mut app = App::with_store(s, Panel::Settings, today);
        assert!(shows(&app, "Chiffrer la base"));
        for i in 0..2 {
            let _ = app.update(Message::Settings(settings::Message::Phrase(
                i,
                PHRASE.into(),
            )));
        }
        click(&mut app, "Chiffrer la base");
        assert!(shows(&app, "Exporter la clé de secours (à imprimer)"));
        let _ = app.update(Message::CloseRequested(iced::window::Id::unique()));
        drop(app);
        assert!(store::cipher::is_encrypted(&db));

        let (mut app, _) = App::boot(&db, Some(Panel::Contacts));
        assert!(shows(&app, "Base chiffrée"));
        let _ = app.update(Message::Phrase("une autre phrase de passe".into()));
        click(&mut app, "Ouvrir");
        assert!(shows(&app, "Base chiffrée"));
        assert!(shows(
            &app,
            &agora::domain::text::typography(
                "Cette phrase de passe (ou cette clé de secours) n’ouvre pas la base. Une phrase de passe perdue ne peut pas être retrouvée : seule la clé de secours imprimée l’ouvre à sa place."
            )
        ));
        let _ = app.update(Message::Phrase(PHRASE.into()));
        click(&mut app, "Ouvrir");
        assert!(!shows(&app, "Base chiffrée"));
        assert!(app.title().contains("Contacts"), "{}", app.title());
    }
}
