//! Encryption at rest (cargo feature `chiffrement`): SQLCipher encrypts every page of
//! the store and of its backups with a 256-bit key. The key is derived from a
//! passphrase with Argon2id; the derivation's parameters and salt live in
//! `agora.sqlite.cle` beside the store — never the key itself. A lost passphrase
//! cannot be recovered; the recovery key (the key itself, written out in groups of four
//! hexadecimal digits, to print and keep apart) opens the store in its place.
//!
//! Whether a store is encrypted is read from the file: an Agora store that does not
//! start with SQLite's plain header, with parameters beside it, is encrypted.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::domain::text::hex;

/// A store's key: 32 bytes, never written to disk by Agora.
#[derive(Clone, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// How the key is derived from the passphrase (Argon2id), stored beside the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyParams {
    /// Always "argon2id".
    pub kdf: String,
    /// Memory in KiB, passes, lanes.
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
    /// 16 random bytes, hexadecimal.
    pub salt: String,
}

/// The parameters' file beside the store: `agora.sqlite.cle`.
pub fn params_path(db: &Path) -> PathBuf {
    super::side_file(db, ".cle")
}

/// Whether the file at `db` is an encrypted store: it exists, does not start with
/// SQLite's plain header, and has its key parameters beside it.
pub fn is_encrypted(db: &Path) -> bool {
    matches!(super::header(db), Some(h) if &h != super::SQLITE_MAGIC) && params_path(db).exists()
}

/// The key parameters stored beside `db`.
pub fn read_params(db: &Path) -> Result<KeyParams, StoreError> {
    let text = std::fs::read_to_string(params_path(db))?;
    serde_json::from_str(&text)
        .map_err(|e| StoreError::BadValue(format!("« {} » : {e}", params_path(db).display())))
}

/// Writes the key parameters beside `db` (private, whole or not at all).
pub(crate) fn write_params(db: &Path, params: &KeyParams) -> Result<(), StoreError> {
    let text =
        serde_json::to_string_pretty(params).map_err(|e| StoreError::BadValue(e.to_string()))?;
    crate::files::write_temp(&params_path(db), text.as_bytes(), true)?.persist()?;
    Ok(())
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b" -\t\r\n".contains(b)).collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

impl Key {
    /// The key a recovery text stands for (64 hexadecimal digits; spaces and dashes
    /// between groups are ignored).
    pub fn from_recovery(text: &str) -> Option<Key> {
        let bytes = unhex(text)?;
        Some(Key(bytes.try_into().ok()?))
    }

    /// The recovery key to print: 16 groups of 4 hexadecimal digits.
    pub fn recovery_text(&self) -> String {
        hex(&self.0)
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Makes `conn` read and write with this key (SQLCipher's raw key: no second
    /// derivation).
    pub(crate) fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        // SQLCipher's own log would print English errors for a wrong key; Agora says
        // it in French.
        conn.execute_batch(&format!(
            "PRAGMA cipher_log_level = NONE; PRAGMA key = \"x'{}'\";",
            hex(&self.0)
        ))
    }

    /// The key as an SQL string literal value for `ATTACH … KEY`.
    pub(crate) fn attach_literal(&self) -> String {
        format!("x'{}'", hex(&self.0))
    }
}

#[cfg(feature = "chiffrement")]
mod derive {
    use super::*;

    /// Fresh parameters: a random salt, 64 MiB, 3 passes, 1 lane (OWASP's Argon2id
    /// recommendation; about half a second here).
    pub fn new_params() -> Result<KeyParams, StoreError> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt)
            .map_err(|e| StoreError::BadValue(format!("aléa du système indisponible : {e}")))?;
        Ok(KeyParams {
            kdf: "argon2id".into(),
            memory_kib: 64 * 1024,
            passes: 3,
            lanes: 1,
            salt: hex(&salt),
        })
    }

    impl Key {
        /// Derives the key from a passphrase.
        pub fn derive(passphrase: &str, p: &KeyParams) -> Result<Key, StoreError> {
            let bad = |e: String| StoreError::BadValue(format!("paramètres de la clé : {e}"));
            if p.kdf != "argon2id" {
                return Err(bad(format!("méthode « {} » inconnue", p.kdf)));
            }
            let params = argon2::Params::new(p.memory_kib, p.passes, p.lanes, Some(32))
                .map_err(|e| bad(e.to_string()))?;
            let salt = unhex(&p.salt).ok_or_else(|| bad("sel illisible".into()))?;
            let mut out = [0u8; 32];
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
                .hash_password_into(passphrase.as_bytes(), &salt, &mut out)
                .map_err(|e| bad(e.to_string()))?;
            Ok(Key(out))
        }
    }
}

#[cfg(feature = "chiffrement")]
pub use derive::new_params;

/// Without the feature: no key can be derived, and the sentence says why.
#[cfg(not(feature = "chiffrement"))]
impl Key {
    pub fn derive(_passphrase: &str, _p: &KeyParams) -> Result<Key, StoreError> {
        Err(StoreError::NoEncryption)
    }
}

/// Without the feature: no parameters can be made.
#[cfg(not(feature = "chiffrement"))]
pub fn new_params() -> Result<KeyParams, StoreError> {
    Err(StoreError::NoEncryption)
}

/// A path as SQL can be given it without loss: its text, or its bytes where it is not
/// valid Unicode (SQLite passes them through to the file system).
fn path_value(path: &Path) -> rusqlite::types::Value {
    match path.to_str() {
        Some(s) => rusqlite::types::Value::Text(s.to_string()),
        None => rusqlite::types::Value::Blob(path.as_os_str().as_encoded_bytes().to_vec()),
    }
}

/// The shortest passphrase Agora accepts.
pub const MIN_PHRASE: usize = 12;

impl super::Store {
    /// Encrypts a store that is not: a backup first (« avant-chiffrement », not
    /// encrypted, like every earlier backup), an encrypted copy made and checked, the
    /// parameters written beside the store, then the copy put in place, all while the
    /// single-instance lock is held. The store stays open, now with its key; its next
    /// backups are encrypted.
    pub fn encrypt(&mut self, passphrase: &str) -> Result<(), StoreError> {
        if self.key.is_some() {
            return Err(StoreError::AlreadyEncrypted);
        }
        if passphrase.chars().count() < MIN_PHRASE {
            return Err(StoreError::ShortPhrase(MIN_PHRASE));
        }
        let params = new_params()?;
        let key = Key::derive(passphrase, &params)?;
        self.backup_now("avant-chiffrement")?;
        let db = self.path.clone();
        let copy = crate::files::TempFile::beside(&db, true)?;
        self.conn.execute(
            "ATTACH DATABASE ?1 AS chiffree KEY ?2",
            rusqlite::params![path_value(copy.path()), key.attach_literal()],
        )?;
        let exported = (|| -> Result<(), StoreError> {
            let _: Option<String> =
                self.conn
                    .query_row("SELECT sqlcipher_export('chiffree')", [], |r| r.get(0))?;
            let version = self.user_version()?;
            self.conn.execute_batch(&format!(
                "PRAGMA chiffree.user_version = {version}; \
                 PRAGMA chiffree.application_id = {};",
                super::APPLICATION_ID
            ))?;
            Ok(())
        })();
        self.conn.execute_batch("DETACH DATABASE chiffree")?;
        exported?;
        super::backup::verify_copy(copy.path(), Some(&key))?;
        // The parameters first: should anything stop now, the store is still the
        // plain file, which opens as it is whatever lies beside it.
        write_params(&db, &params)?;
        let plain = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        plain.close().map_err(|(_, e)| e)?;
        super::remove_side_files(&db)?;
        copy.persist()?;
        let conn = Connection::open(&db)?;
        key.apply(&conn)?;
        super::configure(&conn)?;
        self.conn = conn;
        self.key = Some(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_text_gives_the_key_back() {
        let key = Key([0xAB; 32]);
        let text = key.recovery_text();
        assert_eq!(text.split(' ').count(), 16);
        assert_eq!(Key::from_recovery(&text), Some(key.clone()));
        assert_eq!(
            Key::from_recovery(&text.to_uppercase().replace(' ', "-")),
            Some(key)
        );
        assert_eq!(Key::from_recovery("abcd"), None);
        assert_eq!(Key::from_recovery(&"zz".repeat(32)), None);
    }
}
