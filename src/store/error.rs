//! What can go wrong with the store, each said in French with what to do.

use std::path::PathBuf;

use thiserror::Error;

use crate::domain::DomainError;

/// An error of the store.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("« {} » n'est pas une base Agora : ce n'est pas un fichier SQLite. Le fichier n'a pas été modifié.", .0.display())]
    NotSqlite(PathBuf),
    #[error("« {} » est une base SQLite d'un autre programme, pas d'Agora. Le fichier n'a pas été modifié.", .0.display())]
    ForeignFile(PathBuf),
    #[error("« {} » est endommagé ({detail}). Le fichier n'a pas été modifié ; restaurez une sauvegarde avec « agora restore FICHIER ».", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("« {} » a été écrit par une version plus récente d'Agora (schéma {found}, cette version connaît jusqu'au schéma {supported}). Mettez Agora à jour ; le fichier n'a pas été modifié.", path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("« {} » n’existe pas : vérifiez le chemin du fichier.", .0.display())]
    Missing(PathBuf),
    #[error("« {} » est la base elle-même : choisissez une sauvegarde, pas la base en service.", .0.display())]
    RestoreFromItself(PathBuf),
    #[error("« {} » est une base chiffrée : saisissez sa phrase de passe (ou sa clé de secours).", .0.display())]
    Encrypted(PathBuf),
    #[error(
        "Cette phrase de passe (ou cette clé de secours) n’ouvre pas la base. Une phrase de passe perdue ne peut pas être retrouvée : seule la clé de secours imprimée l’ouvre à sa place."
    )]
    WrongKey,
    #[error("Les deux phrases de passe diffèrent : rien n’a été chiffré.")]
    PhrasesDiffer,
    #[error("La base n’est pas chiffrée : elle n’a pas de clé de secours.")]
    NotEncrypted,
    #[error("La base est déjà chiffrée.")]
    AlreadyEncrypted,
    #[error("Une phrase de passe compte au moins {0} caractères (plusieurs mots, par exemple).")]
    ShortPhrase(usize),
    #[error(
        "Cette version d’Agora a été construite sans le chiffrement (option « chiffrement ») : elle ne peut ni ouvrir ni créer une base chiffrée."
    )]
    NoEncryption,
    #[error("Agora est déjà ouvert sur ce dossier de données (verrou « {} »). Fermez l'autre fenêtre ou commande, puis réessayez.", .0.display())]
    AlreadyOpen(PathBuf),
    #[error(
        "La mise à jour du schéma vers la version {version} a échoué ({detail}). Rien n'a été modifié."
    )]
    Migration { version: usize, detail: String },
    #[error("La sauvegarde a échoué : {0}")]
    Backup(String),
    #[error("Le réglage de la base a échoué : {0}")]
    Pragma(String),
    #[error("Enregistrement introuvable : {0} n° {1}.")]
    NotFound(&'static str, i64),
    #[error("Valeur inattendue dans la base : {0}")]
    BadValue(String),
    /// A request refused for a reason the person can act on, said in one sentence.
    #[error("{}", sentence(.0))]
    Refused(String),
    #[error("{0}")]
    Invalid(#[from] DomainError),
    #[error("Erreur de la base de données : {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("Erreur de fichier : {}", crate::files::reason(.0))]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// The kind of error, for the support log: no path, no name, no text typed by
    /// anyone. A record not found names its table and id.
    pub fn kind(&self) -> String {
        let kind = match self {
            StoreError::NotSqlite(_) => "not-sqlite",
            StoreError::ForeignFile(_) => "foreign-file",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::TooNew { .. } => "too-new",
            StoreError::Missing(_) => "missing-file",
            StoreError::RestoreFromItself(_) => "restore-from-itself",
            StoreError::Encrypted(_) => "encrypted",
            StoreError::WrongKey => "wrong-key",
            StoreError::PhrasesDiffer => "phrases-differ",
            StoreError::NotEncrypted => "not-encrypted",
            StoreError::AlreadyEncrypted => "already-encrypted",
            StoreError::ShortPhrase(_) => "short-phrase",
            StoreError::NoEncryption => "no-encryption",
            StoreError::AlreadyOpen(_) => "already-open",
            StoreError::Migration { version, .. } => return format!("migration-{version}"),
            StoreError::Backup(_) => "backup",
            StoreError::Pragma(_) => "pragma",
            StoreError::NotFound(table, id) => return format!("not-found {table} {id}"),
            StoreError::BadValue(_) => "bad-value",
            StoreError::Refused(_) => "refused",
            StoreError::Invalid(_) => "invalid",
            StoreError::Sqlite(e) => return format!("sqlite {:?}", e.sqlite_error_code()),
            StoreError::Io(e) => return format!("io {:?}", e.kind()),
        };
        kind.to_string()
    }
}

/// "le fichier n'est pas importé" → "Le fichier n'est pas importé."
fn sentence(s: &str) -> String {
    let mut chars = s.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}
