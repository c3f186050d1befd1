//! The commands on the dossier as a whole: the demo, the health check, backups and
//! restores, encryption and its recovery key; and opening the store, with the
//! passphrase of an encrypted one.

use std::path::Path;

use super::{Context, say};
use crate::store::{self, Store, StoreError, backup::Replaced};

/// `demo`
pub fn demo(cx: &Context, rest: &[&str]) -> Result<(), String> {
    no_more(rest, "demo")?;
    cx.with_store(|store| {
        let s = store.load_demo()?;
        let files = crate::export::attach_demo_files(store, chrono::Local::now().date_naive())
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        say(format!(
            "Dossier de démonstration créé dans {} : convention n° {}, {} contacts, {} volontaires, {} réunions, {} propositions, {} pièces jointes.",
            cx.dir.display(),
            s.convention,
            s.contacts,
            s.volunteers,
            s.meetings,
            s.proposals,
            files
        ));
        Ok::<_, StoreError>(())
    })
}

/// `check`
pub fn check(cx: &Context, rest: &[&str]) -> Result<(), String> {
    no_more(rest, "check")?;
    let db = &cx.db;
    if !db.exists() {
        return Err(format!(
            "Aucune base à l'emplacement {} : rien à vérifier.",
            db.display()
        ));
    }
    let store = open_store(db).map_err(|e| e.to_string())?;
    let report = store.check().map_err(|e| e.to_string())?;
    println!("Base : {}", db.display());
    println!("Version du schéma : {}", report.schema_version);
    println!("Contrôle d'intégrité : {}", report.integrity);
    println!(
        "Clés étrangères invalides : {}",
        report.foreign_key_violations
    );
    for (label, n) in &report.counts {
        println!("  {label:<26} {n:>8}");
    }
    if !report.healthy() {
        return Err(
            "La base est endommagée : restaurez une sauvegarde (agora restore FICHIER).".into(),
        );
    }
    println!("La base est saine.");
    Ok(())
}

/// `backup`
pub fn backup(cx: &Context, rest: &[&str]) -> Result<(), String> {
    no_more(rest, "backup")?;
    cx.with_store(|store| {
        let path = store.backup_now("manuelle")?;
        say(format!("Sauvegarde vérifiée : {}", path.display()));
        Ok::<_, StoreError>(())
    })
}

/// `restore FILE`
pub fn restore(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let [file] = rest else {
        return Err("Usage : agora restore FICHIER".into());
    };
    let restored = store_key(&cx.db)
        .and_then(|key| store::backup::restore(&cx.db, &cx.path(file), key.as_ref()))
        .map_err(|e| e.to_string())?;
    say(format!("Base restaurée depuis {file}."));
    if restored.files_missing > 0 {
        say(format!(
            "Attention : {} pièce(s) jointe(s) de cette sauvegarde introuvable(s) (ni dans le dossier de données, ni dans « {} » à côté de la sauvegarde). « agora attachments check » les nomme.",
            restored.files_missing,
            store::ATTACHMENTS_DIR
        ));
    }
    match restored.replaced {
        Replaced::Nothing => {}
        Replaced::BackedUp(p) => say(format!(
            "La base remplacée a d’abord été sauvegardée : {}",
            p.display()
        )),
        Replaced::SetAside(files) => {
            for p in files {
                say(format!(
                    "La base remplacée ne s’ouvrait pas : elle est conservée telle quelle sous {}",
                    p.display()
                ));
            }
        }
    }
    Ok(())
}

/// `chiffrer`
pub fn encrypt(cx: &Context, rest: &[&str]) -> Result<(), String> {
    no_more(rest, "chiffrer")?;
    let mut store = open_store(&cx.db).map_err(|e| e.to_string())?;
    let phrase = new_passphrase().map_err(|e| e.to_string())?;
    store
        .encrypt(&phrase)
        .and_then(|()| store.close())
        .map_err(|e| e.to_string())?;
    say(
        "Base chiffrée : ses prochaines sauvegardes le seront aussi. Les sauvegardes antérieures ne le sont pas : supprimez-les de « sauvegardes » quand vous n’en aurez plus besoin. Imprimez maintenant la clé de secours (agora cle-de-secours --out FICHIER.txt) : une phrase de passe perdue ne peut pas être retrouvée.",
    );
    Ok(())
}

/// A command that takes nothing after its name.
pub(super) fn no_more(rest: &[&str], command: &str) -> Result<(), String> {
    match rest {
        [] => Ok(()),
        _ => Err(format!(
            "« {command} » ne prend pas d'argument ; reçu : {}",
            rest.join(" ")
        )),
    }
}

/// Opens the store; an encrypted one with its passphrase (AGORA_PHRASE, else asked)
/// or its recovery key (AGORA_CLE_DE_SECOURS).
pub fn open_store(db: &Path) -> Result<Store, StoreError> {
    match store_key(db)? {
        Some(key) => Store::open_with_key(db, key),
        None => Store::open(db),
    }
}

/// The key of an encrypted store at `db` (none for a store that is not encrypted).
fn store_key(db: &Path) -> Result<Option<store::Key>, StoreError> {
    if !store::cipher::is_encrypted(db) {
        return Ok(None);
    }
    if let Ok(text) = std::env::var("AGORA_CLE_DE_SECOURS") {
        return store::Key::from_recovery(&text)
            .map(Some)
            .ok_or(StoreError::WrongKey);
    }
    let phrase = read_secret("Phrase de passe de la base : ", "AGORA_PHRASE")?;
    store::Key::derive(&phrase, &store::cipher::read_params(db)?).map(Some)
}

/// A new passphrase: AGORA_NOUVELLE_PHRASE, else asked twice.
fn new_passphrase() -> Result<String, StoreError> {
    if let Ok(p) = std::env::var("AGORA_NOUVELLE_PHRASE") {
        return Ok(p);
    }
    let first = read_secret("Nouvelle phrase de passe : ", "")?;
    let again = read_secret("La même, une seconde fois : ", "")?;
    if first != again {
        return Err(StoreError::PhrasesDiffer);
    }
    Ok(first)
}

/// A secret from the environment variable `var`, else a line typed after `prompt`.
fn read_secret(prompt: &str, var: &str) -> Result<String, StoreError> {
    if let Some(value) = (!var.is_empty()).then(|| std::env::var(var).ok()).flatten() {
        return Ok(value);
    }
    eprint!("{}", crate::domain::text::typography(prompt));
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
