//! The store: the only place that speaks SQL.
//!
//! `Store::open` checks a file *before* writing anything (SQLite magic, application id,
//! schema version, `quick_check`), takes the single-instance lock, sets the PRAGMAs and
//! runs pending migrations in one transaction after a verified backup. Every write goes
//! through [`Store::write`], one transaction that also appends its journal entry.

mod actions;
mod activity;
mod agenda;
pub mod attachments;
mod attendance;
mod attestations;
pub mod backup;
mod bodies;
mod budget;
mod calendar;
mod campaigns;
mod charters;
pub mod check;
pub mod cipher;
mod contact_edit;
mod contacts;
mod contacts_import;
mod conventions;
mod dashboard;
pub mod demo;
mod demo_charter;
mod demo_dispositifs;
mod demo_scale;
mod demo_veille;
mod dispositifs;
mod dossier;
mod draws;
mod error;
mod experience;
mod frame;
mod funding;
mod governance;
mod interpellations;
mod invitations;
mod journal;
mod logo;
mod lotteries;
mod meetings;
mod memberships;
mod merge;
mod minutes;
mod pools;
mod privacy;
mod proposals;
mod register;
mod retention;
mod row;
mod rules;
pub mod schema;
mod search;
mod settings;
mod supports;
mod tags;
mod timeline;
mod veille;

use std::cell::RefCell;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use crate::domain::dispositif::DispositifLine;
pub use actions::{ActionRow, ActionView};
pub use attachments::{ATTACHMENTS_DIR, Problem as AttachmentProblem, Usage as AttachmentUsage};
pub use attendance::{GroupRow, SessionAttendance};
pub use bodies::Appointed;
pub use campaigns::{CampaignRow, Recipient, SplitBy};
pub use cipher::Key;
pub use contacts::{
    ContactFilter, ContactRow, ContactSort, MeetingAttended, Participation, SortColumn,
};
pub use contacts_import::{Duplicate, DuplicateOf, Duplicates, ImportReport};
pub use conventions::ConventionRow;
pub use dashboard::{Counts, Dashboard, DueItem, UpcomingItem};
pub use demo_scale::DemoScale;
pub use dispositifs::DispositifFilter;
pub use draws::{DrawView, LotteryInfo};
pub use error::StoreError;
pub use frame::DEFAULT_PHASES;
pub use governance::Designation;
pub use logo::Logo;
pub use lotteries::{DrawRequest, Prepared, Replacement};
pub use meetings::{MeetingFilter, MeetingRow};
pub use memberships::CampaignHistory;
pub use merge::DuplicatePair;
pub use minutes::LinkedProposal;
pub use pools::QuotaTable;
pub use privacy::Mention;
pub use search::{TraceHit, fts_query};
pub use settings::Settings;
pub use veille::VeilleLink;

/// `PRAGMA application_id` of every Agora file ("AGOR").
pub const APPLICATION_ID: i32 = 0x4147_4F52;
/// The store's file name inside the data folder.
pub const DB_FILE: &str = "agora.sqlite";
/// The backups' folder name inside the data folder.
pub const BACKUP_DIR: &str = "sauvegardes";

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The schema version this build writes.
pub fn schema_version() -> usize {
    schema::MIGRATIONS.len()
}

/// An open Agora store, holding the single-instance lock.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    _lock: File,
    changed: bool,
    /// The key of an encrypted store (feature `chiffrement`); its backups use it too.
    key: Option<Key>,
}

/// What a file on disk turned out to be.
enum Found {
    New,
    Agora { version: i64 },
}

impl Store {
    /// Opens (or creates) the store at `path` with the released migrations. An
    /// encrypted store is refused with [`StoreError::Encrypted`]: open it with
    /// [`Store::open_with_phrase`] or [`Store::open_with_key`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, schema::MIGRATIONS)
    }

    /// Opens an encrypted store with its passphrase (the key derived with the
    /// parameters stored beside it). A store that is not encrypted opens as usual.
    pub fn open_with_phrase(path: &Path, passphrase: &str) -> Result<Store, StoreError> {
        if !cipher::is_encrypted(path) {
            return Self::open(path);
        }
        let key = Key::derive(passphrase, &cipher::read_params(path)?)?;
        Self::open_keyed(path, schema::MIGRATIONS, Some(key))
    }

    /// Opens an encrypted store with its key (from a recovery text).
    pub fn open_with_key(path: &Path, key: Key) -> Result<Store, StoreError> {
        Self::open_keyed(path, schema::MIGRATIONS, Some(key))
    }

    /// Opens with a given list of migrations. For tests of the migration machinery.
    #[doc(hidden)]
    pub fn open_with(path: &Path, migrations: &[&str]) -> Result<Store, StoreError> {
        if cipher::is_encrypted(path) {
            return Err(StoreError::Encrypted(path.to_path_buf()));
        }
        Self::open_keyed(path, migrations, None)
    }

    fn open_keyed(path: &Path, migrations: &[&str], key: Option<Key>) -> Result<Store, StoreError> {
        let opened = Self::open_checked(path, migrations, key);
        match &opened {
            Ok(s) => tracing::info!(encrypted = s.key.is_some(), "store opened"),
            Err(e) => tracing::warn!(kind = e.kind().as_str(), "store refused"),
        }
        opened
    }

    fn open_checked(
        path: &Path,
        migrations: &[&str],
        key: Option<Key>,
    ) -> Result<Store, StoreError> {
        crate::files::create_private_dir(crate::files::parent(path))?;
        let lock = take_lock(path)?;
        let found = inspect(path, migrations.len() as i64, key.as_ref())?;
        let conn = Connection::open(path)?;
        if let Some(k) = key_for(path, key.as_ref()) {
            k.apply(&conn)?;
        }
        // SQLite gives the -wal and -shm files the store's own permissions.
        crate::files::make_private(path)?;
        configure(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            _lock: lock,
            changed: false,
            key,
        };
        let version = match found {
            Found::New => 0,
            Found::Agora { version } => version as usize,
        };
        if version < migrations.len() {
            if version > 0 {
                store.backup_now("avant-migration")?;
            }
            store.migrate(version, migrations)?;
            tracing::info!(from = version, to = migrations.len(), "schema migrated");
        }
        store.sweep_attachment_files()?;
        Ok(store)
    }

    fn migrate(&mut self, from: usize, migrations: &[&str]) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (i, step) in migrations.iter().enumerate().skip(from) {
            tx.execute_batch(step).map_err(|e| StoreError::Migration {
                version: i + 1,
                detail: e.to_string(),
            })?;
        }
        tx.pragma_update(None, "user_version", migrations.len() as i64)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
        Ok(())
    }

    /// The key of an encrypted store.
    pub fn key(&self) -> Option<&Key> {
        self.key.as_ref()
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder that holds the database.
    pub fn data_dir(&self) -> PathBuf {
        self.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// The folder of automatic and manual backups.
    pub fn backup_dir(&self) -> PathBuf {
        self.data_dir().join(BACKUP_DIR)
    }

    /// Whether anything was written since the store was opened.
    pub fn has_changed(&self) -> bool {
        self.changed
    }

    /// The schema version of the open file.
    pub fn user_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in one immediate transaction. `f` must append at least one journal
    /// entry through [`Tx::journal`]; the transaction commits only if it did.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let w = Tx {
            tx: &tx,
            journaled: RefCell::new(Vec::new()),
        };
        let out =
            f(&w).inspect_err(|e| tracing::warn!(kind = e.kind().as_str(), "write refused"))?;
        let entries = w.journaled.take();
        assert!(!entries.is_empty(), "a write must append its journal entry");
        tx.commit()?;
        self.changed = true;
        // The support log names what changed by kind and number, never by its text.
        for (kind, entity, id) in entries {
            tracing::info!(kind = kind.as_str(), entity = entity.as_str(), id, "write");
        }
        Ok(out)
    }

    /// Closes the connection and keeps the single-instance lock (a restore holds it
    /// while it swaps the file).
    pub(crate) fn into_lock(self) -> Result<File, StoreError> {
        self.conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        Ok(self._lock)
    }

    /// Backs up if anything changed, then releases the file and its lock.
    pub fn close(self) -> Result<Option<PathBuf>, StoreError> {
        let backup = if self.changed {
            Some(self.backup_now("fermeture")?)
        } else {
            None
        };
        self.conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        Ok(backup)
    }
}

/// A write transaction that knows how to journal.
pub(crate) struct Tx<'a> {
    tx: &'a Transaction<'a>,
    /// The journal entries appended so far: kind, entity and record number.
    journaled: RefCell<Vec<(String, String, Option<i64>)>>,
}

impl<'a> std::ops::Deref for Tx<'a> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.tx
    }
}

/// The lock file beside the database.
pub fn lock_path(db: &Path) -> PathBuf {
    side_file(db, ".lock")
}

/// A file beside the database: its name with `suffix` appended ("-wal", "-shm").
pub fn side_file(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn take_lock(db: &Path) -> Result<File, StoreError> {
    let path = lock_path(db);
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::AlreadyOpen(path)),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::Io(e)),
    }
}

/// The key to read `path` with: none for a file with SQLite's plain header (a store
/// or backup that is not encrypted opens as it is, whatever the key).
fn key_for<'k>(path: &Path, key: Option<&'k Key>) -> Option<&'k Key> {
    key.filter(|_| header(path).as_ref() != Some(SQLITE_MAGIC))
}

/// The first 16 bytes of a file (SQLite's magic string for a file that is not
/// encrypted); none for a missing or shorter file.
pub(crate) fn header(path: &Path) -> Option<[u8; 16]> {
    let mut head = [0u8; 16];
    File::open(path).ok()?.read_exact(&mut head).ok()?;
    Some(head)
}

/// Removes the `-wal` and `-shm` beside `db`, which no connection has open (the
/// caller holds the lock and closed its connection cleanly).
pub(crate) fn remove_side_files(db: &Path) -> std::io::Result<()> {
    for suffix in ["-wal", "-shm"] {
        match std::fs::remove_file(side_file(db, suffix)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Looks at a file without writing to it (with `key`, an encrypted one).
fn inspect(path: &Path, supported: i64, key: Option<&Key>) -> Result<Found, StoreError> {
    let mut header = [0u8; 16];
    let len = match File::open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::New),
        Err(e) => return Err(e.into()),
        Ok(mut f) => {
            let len = f.metadata()?.len();
            if len > 0 && (len < 16 || f.read_exact(&mut header).is_err()) {
                return Err(StoreError::NotSqlite(path.to_path_buf()));
            }
            len
        }
    };
    if len == 0 {
        return Ok(Found::New);
    }
    let key = key_for(path, key);
    if &header != SQLITE_MAGIC && key.is_none() {
        return Err(StoreError::NotSqlite(path.to_path_buf()));
    }
    let corrupt = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) if key.is_some() => StoreError::WrongKey,
        _ => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
    };
    let ro = open_untouched(path, key).map_err(corrupt)?;
    let app_id: i32 = ro
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(corrupt)?;
    let version: i64 = ro
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(corrupt)?;
    let objects: i64 = ro
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(corrupt)?;
    let check: String = ro
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(corrupt)?;
    if check != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: check,
        });
    }
    if app_id != APPLICATION_ID {
        return if app_id == 0 && objects == 0 {
            Ok(Found::New)
        } else {
            Err(StoreError::ForeignFile(path.to_path_buf()))
        };
    }
    if version > supported {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported,
        });
    }
    Ok(Found::Agora { version })
}

/// Opens a file read-only so that nothing is written beside it: as immutable when no
/// WAL lies beside it, else through SQLite's read-only path (which uses the side files
/// the WAL already has, and sees the transactions committed in it).
pub(crate) fn open_untouched(
    path: &Path,
    key: Option<&Key>,
) -> Result<Connection, rusqlite::Error> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = if side_file(path, "-wal").exists() {
        Connection::open_with_flags(path, flags)?
    } else {
        Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)?
    };
    if let Some(k) = key_for(path, key) {
        k.apply(&conn)?;
    }
    Ok(conn)
}

/// `file:PATH?immutable=1`, the path's bytes percent-encoded (none is lost).
fn immutable_uri(path: &Path) -> PathBuf {
    let mut bytes: Vec<u8> = path.as_os_str().as_encoded_bytes().to_vec();
    if cfg!(windows) {
        for b in &mut bytes {
            if *b == b'\\' {
                *b = b'/';
            }
        }
        if bytes.get(1) == Some(&b':') {
            bytes.insert(0, b'/');
        }
    }
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    PathBuf::from(uri)
}

/// Sets and verifies the connection's PRAGMAs.
fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Pragma(format!(
            "journal_mode vaut {mode}, pas wal"
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; \
         PRAGMA trusted_schema=OFF; PRAGMA cache_size=-65536;",
    )?;
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    if fk != 1 {
        return Err(StoreError::Pragma("foreign_keys n'est pas activé".into()));
    }
    Ok(())
}
