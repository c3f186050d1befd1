//! Verified backups, their rotation, and restore.
//!
//! A backup is SQLite's online backup API into a private temporary file, turned into a
//! self-contained file (no WAL), `quick_check`ed, flushed, then renamed: a backup file
//! either is whole and checked, or does not exist. `quick_check` reads every page and
//! checks the b-trees, which is what a torn or truncated copy breaks; the page copy
//! cannot make an index disagree with its table, so the full `integrity_check` (twice
//! as long on a 45 MB store, the full-text index included) is left to `agora check`. Paths go to SQLite as bytes.
//!
//! Rotation ([`rotation_keep`]) is a pure function: every backup of the last 48 hours
//! is kept, a backup taken by hand or before an operation at least 30 days, and beyond
//! that the newest of each of the last days, weeks and months of the policy.
//!
//! Restore never throws work away: it opens the current store normally (recovering
//! its WAL), backs it up as « avant-restauration » (or, if the store cannot be opened,
//! sets the damaged file and its side files aside), copies the source to a temporary
//! file, checks the copy, and renames it into place. The restored file then opens like
//! any other, so an older schema migrates.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDateTime};
use rusqlite::Connection;

use super::attachments::{ATTACHMENTS_DIR, store_file, stored_hashes};
use super::{Found, Key, Store, StoreError, inspect, take_lock};
use crate::domain::DomainError;
use crate::files::{self, TempFile};

/// How many routine backups to keep beyond the protected ones: the newest of each of
/// the last `daily` days, `weekly` ISO weeks and `monthly` months that have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RotationPolicy {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

impl Default for RotationPolicy {
    fn default() -> Self {
        RotationPolicy {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

impl RotationPolicy {
    /// The largest count of each kind a policy may ask for.
    pub const MAX: u32 = 400;

    /// Refuses a policy that would keep nothing beyond 48 hours, or absurd counts.
    pub fn check(&self) -> Result<(), DomainError> {
        for (field, value) in [
            ("Sauvegardes quotidiennes", self.daily),
            ("Sauvegardes hebdomadaires", self.weekly),
            ("Sauvegardes mensuelles", self.monthly),
        ] {
            if value > Self::MAX {
                return Err(DomainError::OutOfRange {
                    field,
                    value: i64::from(value),
                    min: 0,
                    max: i64::from(Self::MAX),
                });
            }
        }
        if self.daily == 0 && self.weekly == 0 && self.monthly == 0 {
            return Err(DomainError::NoBackupKept);
        }
        Ok(())
    }
}

/// Every backup younger than this is kept.
pub const KEEP_ALL: Duration = Duration::hours(48);
/// A backup taken by hand or before an operation is kept at least this long.
pub const KEEP_PROTECTED: Duration = Duration::days(30);

/// Why a backup was taken, read from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// Taken on close: one of many, thinned by the rotation.
    Routine,
    /// Taken by hand, or before a migration, an import, a merge, a restore, a bulk
    /// deletion: one the person may come back to.
    Protected,
}

/// The reason a backup's file name carries ("fermeture", "manuelle", "avant-…").
pub fn backup_kind(name: &str) -> BackupKind {
    let reason = name
        .strip_prefix("agora-")
        .and_then(|rest| rest.get(16..))
        .unwrap_or("");
    if reason.starts_with("fermeture") {
        BackupKind::Routine
    } else {
        BackupKind::Protected
    }
}

/// Which backups to keep, given their dates and kinds (any order) and the time now.
/// Returns one flag per input.
pub fn rotation_keep(
    backups: &[(NaiveDateTime, BackupKind)],
    now: NaiveDateTime,
    policy: RotationPolicy,
) -> Vec<bool> {
    let mut keep: Vec<bool> = backups
        .iter()
        .map(|&(stamp, kind)| {
            let age = now - stamp;
            age < KEEP_ALL || (kind == BackupKind::Protected && age < KEEP_PROTECTED)
        })
        .collect();
    let mut order: Vec<usize> = (0..backups.len()).collect();
    order.sort_by(|&a, &b| backups[b].0.cmp(&backups[a].0));
    let mut bucket = |key: &dyn Fn(&NaiveDateTime) -> (i32, u32), limit: u32| {
        let mut seen = HashSet::new();
        for &i in &order {
            if seen.len() as u32 >= limit {
                break;
            }
            if seen.insert(key(&backups[i].0)) {
                keep[i] = true;
            }
        }
    };
    bucket(&|t| (t.year(), t.ordinal()), policy.daily);
    bucket(
        &|t| (t.iso_week().year(), t.iso_week().week()),
        policy.weekly,
    );
    bucket(&|t| (t.year(), t.month()), policy.monthly);
    keep
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// The date a backup file's name carries ("agora-20261129-224512-fermeture.sqlite").
pub fn backup_stamp(name: &str) -> Option<NaiveDateTime> {
    let rest = name.strip_prefix("agora-")?.strip_suffix(".sqlite")?;
    NaiveDateTime::parse_from_str(rest.get(..15)?, STAMP).ok()
}

/// The backups in a folder, oldest first.
pub fn list_backups(dir: &Path) -> Result<Vec<(NaiveDateTime, PathBuf)>, StoreError> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        other => other?,
    };
    for entry in entries {
        let entry = entry?;
        if let Some(stamp) = entry.file_name().to_str().and_then(backup_stamp) {
            out.push((stamp, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// Checks a copy of a store: an Agora file this version can open (with `key` if it is
/// encrypted), whole (`quick_check`). Opened so that nothing is written beside it.
pub(crate) fn verify_copy(path: &Path, key: Option<&Key>) -> Result<(), StoreError> {
    match inspect(path, super::schema_version() as i64, key)? {
        Found::Agora { .. } => {}
        Found::New => return Err(StoreError::ForeignFile(path.to_path_buf())),
    }
    let conn = super::open_untouched(path, key)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: check,
        });
    }
    Ok(())
}

impl Store {
    /// Takes a verified backup now, then applies the rotation. `reason` goes in the
    /// file name ("manuelle", "fermeture", "avant-migration"…).
    pub fn backup_now(&self, reason: &str) -> Result<PathBuf, StoreError> {
        let dir = self.backup_dir();
        files::create_private_dir(&dir)?;
        files::make_private_dir(&dir)?;
        let stamp = chrono::Local::now().naive_local().format(STAMP).to_string();
        let mut target = dir.join(format!("agora-{stamp}-{reason}.sqlite"));
        let mut n = 2;
        while target.exists() {
            target = dir.join(format!("agora-{stamp}-{reason}-{n}.sqlite"));
            n += 1;
        }
        self.copy_to(&target)
            .map_err(|e| StoreError::Backup(e.to_string()))?;
        self.back_up_attachments(&dir)?;
        self.rotate(&dir, &target)?;
        self.prune_attachment_copies(&dir);
        tracing::info!(reason, "backup written");
        Ok(target)
    }

    /// Copies the store, checked, to `target` (through a private temporary file).
    fn copy_to(&self, target: &Path) -> Result<(), StoreError> {
        let tmp = TempFile::beside(target, true)?;
        {
            // An encrypted store's backup is encrypted with the same key.
            let mut dst = Connection::open(tmp.path())?;
            if let Some(k) = &self.key {
                k.apply(&dst)?;
            }
            rusqlite::backup::Backup::new(&self.conn, &mut dst)?.run_to_completion(
                1024,
                std::time::Duration::ZERO,
                None,
            )?;
            dst.close().map_err(|(_, e)| e)?;
            // The copy carries the store's WAL flag: make it a file that stands alone.
            let dst = Connection::open(tmp.path())?;
            if let Some(k) = &self.key {
                k.apply(&dst)?;
            }
            let _: String = dst.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
            dst.close().map_err(|(_, e)| e)?;
        }
        verify_copy(tmp.path(), self.key.as_ref())?;
        tmp.persist()?;
        Ok(())
    }

    /// Copies the attached files the store names into the backups' own
    /// `pieces-jointes/` (each file once for all backups, under its hash), each copy
    /// checked against its hash. A file missing or altered in the data folder is not
    /// copied and does not stop the backup of the store: `agora attachments check`
    /// names it.
    fn back_up_attachments(&self, backup_dir: &Path) -> Result<(), StoreError> {
        let copies = backup_dir.join(ATTACHMENTS_DIR);
        let from = self.attachments_dir();
        let mut failed = 0;
        for (hash, size) in stored_hashes(&self.conn)? {
            if std::fs::metadata(copies.join(&hash)).is_ok_and(|m| m.len() == size) {
                continue;
            }
            let copied =
                std::fs::File::open(from.join(&hash)).and_then(|mut f| store_file(&copies, &mut f));
            if !matches!(copied, Ok((h, _)) if h == hash) {
                failed += 1;
            }
        }
        if failed > 0 {
            tracing::warn!(failed, "attached files not backed up (missing or altered)");
        }
        Ok(())
    }

    /// Deletes the backed-up files that neither the store nor any remaining backup
    /// names. If a backup cannot be read (another key, damaged), nothing is deleted.
    fn prune_attachment_copies(&self, backup_dir: &Path) {
        let copies = backup_dir.join(ATTACHMENTS_DIR);
        let Ok(entries) = std::fs::read_dir(&copies) else {
            return;
        };
        let Ok(mut named) = stored_hashes(&self.conn) else {
            return;
        };
        let Ok(backups) = list_backups(backup_dir) else {
            return;
        };
        for (_, path) in backups {
            match backup_hashes(&path, self.key.as_ref()) {
                Ok(h) => named.extend(h),
                Err(_) => return,
            }
        }
        let named: HashSet<String> = named.into_iter().map(|(h, _)| h).collect();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if crate::domain::attachment::is_hash(&name) && !named.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Deletes the backups the rotation no longer keeps (never `just_taken`).
    fn rotate(&self, dir: &Path, just_taken: &Path) -> Result<(), StoreError> {
        let policy = self.settings().map(|s| s.rotation).unwrap_or_default();
        let found = list_backups(dir)?;
        let backups: Vec<(NaiveDateTime, BackupKind)> = found
            .iter()
            .map(|(t, p)| {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                (*t, backup_kind(&name))
            })
            .collect();
        let now = chrono::Local::now().naive_local();
        for ((_, path), keep) in found.iter().zip(rotation_keep(&backups, now, policy)) {
            if !keep && path != just_taken {
                let _ = std::fs::remove_file(path);
            }
        }
        Ok(())
    }
}

/// The attached files a store file names (none before attachments existed).
fn backup_hashes(path: &Path, key: Option<&Key>) -> Result<Vec<(String, u64)>, StoreError> {
    let conn = super::open_untouched(path, key)?;
    Ok(stored_hashes(&conn)?)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// What it kept of the store it replaced.
    pub replaced: Replaced,
    /// How many of the restored store's attached files could be found neither in the
    /// data folder nor beside the backup (each checked against its hash).
    pub files_missing: usize,
}

/// What a restore kept of the store it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replaced {
    /// There was no store.
    Nothing,
    /// The store opened and was backed up first (« avant-restauration »).
    BackedUp(PathBuf),
    /// The store could not be opened: the file and its side files were set aside
    /// under these names, untouched.
    SetAside(Vec<PathBuf>),
}

/// Replaces the store at `db` with the backup `from`, keeping what it replaces (see
/// the module's doc). Refuses while Agora has the store open, a missing source, the
/// store itself, and a source that is not a whole Agora file this version can open.
/// `key` opens an encrypted store and its backups.
pub fn restore(db: &Path, from: &Path, key: Option<&Key>) -> Result<Restored, StoreError> {
    if !from.is_file() {
        return Err(StoreError::Missing(from.to_path_buf()));
    }
    if let (Ok(a), Ok(b)) = (from.canonicalize(), db.canonicalize())
        && a == b
    {
        return Err(StoreError::RestoreFromItself(from.to_path_buf()));
    }
    let data_dir = files::parent(db);
    files::create_private_dir(data_dir)?;
    // The copy first, checked: a bad source changes nothing.
    let copy = TempFile::beside(db, true)?;
    {
        let mut source = std::fs::File::open(from)?;
        let mut target = std::fs::OpenOptions::new().write(true).open(copy.path())?;
        std::io::copy(&mut source, &mut target)?;
    }
    verify_copy(copy.path(), key).map_err(|e| match e {
        StoreError::NotSqlite(_) => StoreError::NotSqlite(from.to_path_buf()),
        StoreError::ForeignFile(_) => StoreError::ForeignFile(from.to_path_buf()),
        StoreError::TooNew {
            found, supported, ..
        } => StoreError::TooNew {
            path: from.to_path_buf(),
            found,
            supported,
        },
        StoreError::Corrupt { detail, .. } => StoreError::Corrupt {
            path: from.to_path_buf(),
            detail,
        },
        other => other,
    })?;
    let open = |db: &Path| match key {
        Some(k) => Store::open_with_key(db, k.clone()),
        None => Store::open(db),
    };
    let (lock, replaced) = if db.exists() {
        match open(db) {
            Ok(store) => {
                let backup = store.backup_now("avant-restauration")?;
                (store.into_lock()?, Replaced::BackedUp(backup))
            }
            Err(
                StoreError::NotSqlite(_)
                | StoreError::ForeignFile(_)
                | StoreError::Corrupt { .. }
                | StoreError::TooNew { .. }
                | StoreError::Migration { .. },
            ) => {
                let lock = take_lock(db)?;
                (
                    lock,
                    Replaced::SetAside(set_aside(db, &["", "-wal", "-shm"])?),
                )
            }
            Err(e) => return Err(e),
        }
    } else {
        (take_lock(db)?, Replaced::Nothing)
    };
    // After a clean close SQLite has removed the WAL; one still there may hold
    // committed work of the file it belongs to, so it is set aside, never deleted,
    // and never replayed over the restored file.
    let wal = super::side_file(db, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        set_aside(db, &["-wal"])?;
    }
    super::remove_side_files(db)?;
    let needed = backup_hashes(copy.path(), key)?;
    copy.persist()?;
    let files_missing = restore_attachments(db, from, &needed, &replaced)?;
    drop(lock);
    // Opening migrates an older schema (after its own backup), like any open, and
    // sweeps the files the restored store does not name (backed up just before).
    let store = open(db)?;
    store.close()?;
    Ok(Restored {
        replaced,
        files_missing,
    })
}

/// Brings back the attached files the restored store names and the data folder
/// lacks, from the backups' copies beside `from` (or, when the replaced store was set
/// aside, from its files, set aside with it). Returns how many could not be found.
fn restore_attachments(
    db: &Path,
    from: &Path,
    needed: &[(String, u64)],
    replaced: &Replaced,
) -> Result<usize, StoreError> {
    let data = files::parent(db).join(ATTACHMENTS_DIR);
    let mut sources = vec![files::parent(from).join(ATTACHMENTS_DIR)];
    if matches!(replaced, Replaced::SetAside(_)) && data.is_dir() {
        // The sweep at the next opening would delete the files of a store it cannot
        // read: they are set aside with it.
        let stamp = chrono::Local::now().naive_local().format(STAMP).to_string();
        let aside = files::parent(db).join(format!("{ATTACHMENTS_DIR}-mis-de-cote-{stamp}"));
        std::fs::rename(&data, &aside)?;
        sources.push(aside);
    }
    let mut missing = 0;
    for (hash, size) in needed {
        if std::fs::metadata(data.join(hash)).is_ok_and(|m| m.len() == *size) {
            continue;
        }
        let found = sources.iter().any(|dir| {
            std::fs::File::open(dir.join(hash))
                .and_then(|mut f| store_file(&data, &mut f))
                .is_ok_and(|(h, _)| &h == hash)
        });
        if !found {
            missing += 1;
        }
    }
    Ok(missing)
}

/// Renames `db` + each suffix that exists to « agora-mis-de-cote-STAMP.sqlite » +
/// suffix in the same folder, so that the pair still opens together.
fn set_aside(db: &Path, suffixes: &[&str]) -> Result<Vec<PathBuf>, StoreError> {
    let stamp = chrono::Local::now().naive_local().format(STAMP).to_string();
    let dir = files::parent(db);
    let mut moved = Vec::new();
    for suffix in suffixes {
        let from = super::side_file(db, suffix);
        if from.exists() {
            let to = dir.join(format!("agora-mis-de-cote-{stamp}.sqlite{suffix}"));
            std::fs::rename(&from, &to)?;
            moved.push(to);
        }
    }
    files::sync_dir(dir);
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use BackupKind::{Protected, Routine};
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn rotation_table() {
        let policy = RotationPolicy {
            daily: 2,
            weekly: 2,
            monthly: 2,
        };
        let now = at(2026, 11, 29, 19);
        // (stamp, kind, kept?) — the comment says why.
        let table = [
            (at(2026, 11, 29, 18), Routine, true),    // under 48 h
            (at(2026, 11, 29, 9), Protected, true),   // under 48 h, same day as a newer one
            (at(2026, 11, 29, 8), Routine, true),     // under 48 h, same day as newer ones
            (at(2026, 11, 27, 20), Routine, true),    // 47 h: under 48 h
            (at(2026, 11, 27, 18), Routine, false),   // 49 h, not the newest of its day
            (at(2026, 11, 26, 18), Protected, true),  // by hand, 3 days
            (at(2026, 11, 25, 18), Routine, false),   // 4 days: beyond the two days kept
            (at(2026, 11, 20, 18), Routine, true),    // newest of week 47
            (at(2026, 11, 13, 18), Routine, false),   // third week, same month
            (at(2026, 11, 1, 18), Protected, true),   // before an import, 28 days
            (at(2026, 10, 30, 18), Routine, true),    // newest of October
            (at(2026, 10, 29, 18), Protected, false), // before a migration, 31 days
            (at(2026, 9, 30, 18), Routine, false),    // third month
        ];
        let backups: Vec<_> = table.iter().map(|(t, k, _)| (*t, *k)).collect();
        let kept = rotation_keep(&backups, now, policy);
        for ((stamp, kind, expected), got) in table.iter().zip(kept) {
            assert_eq!(got, *expected, "{stamp} {kind:?}");
        }
    }

    #[test]
    fn a_same_day_close_never_deletes_what_came_before_it() {
        // The reproduction: by hand, before an import, then on close, the same day.
        let now = at(2026, 11, 29, 18);
        let backups = [
            (at(2026, 11, 29, 10), Protected),
            (at(2026, 11, 29, 11), Protected),
            (at(2026, 11, 29, 11), Routine),
            (now, Routine),
        ];
        let policy = RotationPolicy {
            daily: 1,
            weekly: 0,
            monthly: 0,
        };
        assert_eq!(rotation_keep(&backups, now, policy), vec![true; 4]);
    }

    #[test]
    fn a_backup_dated_in_the_future_is_kept() {
        // The computer's clock was set back after it was taken.
        let now = at(2026, 11, 29, 19);
        let backups = [(at(2026, 12, 5, 18), Routine), (now, Routine)];
        let policy = RotationPolicy {
            daily: 1,
            weekly: 0,
            monthly: 0,
        };
        assert_eq!(rotation_keep(&backups, now, policy), vec![true, true]);
    }

    #[test]
    fn rotation_keeps_everything_when_few() {
        let now = at(2026, 3, 2, 0);
        let backups = [(at(2026, 1, 1, 1), Routine), (at(2026, 3, 1, 1), Routine)];
        assert_eq!(
            rotation_keep(&backups, now, RotationPolicy::default()),
            vec![true, true]
        );
        assert!(rotation_keep(&[], now, RotationPolicy::default()).is_empty());
    }

    #[test]
    fn absurd_policies_are_refused() {
        let p = |daily, weekly, monthly| RotationPolicy {
            daily,
            weekly,
            monthly,
        };
        assert_eq!(p(0, 0, 0).check(), Err(DomainError::NoBackupKept));
        assert!(p(0, 0, 1).check().is_ok());
        assert!(p(7, 4, 12).check().is_ok());
        assert!(matches!(
            p(7, 4, 100_000).check(),
            Err(DomainError::OutOfRange { .. })
        ));
    }

    #[test]
    fn stamps_and_kinds_from_names() {
        assert_eq!(
            backup_stamp("agora-20261129-180000-fermeture.sqlite"),
            Some(at(2026, 11, 29, 18))
        );
        assert_eq!(backup_stamp("agora.sqlite"), None);
        assert_eq!(backup_stamp("notes-20261129-180000.sqlite"), None);
        assert_eq!(
            backup_kind("agora-20261129-180000-fermeture.sqlite"),
            Routine
        );
        assert_eq!(
            backup_kind("agora-20261129-180000-fermeture-2.sqlite"),
            Routine
        );
        for reason in ["manuelle", "avant-import-contacts", "avant-restauration"] {
            assert_eq!(
                backup_kind(&format!("agora-20261129-180000-{reason}.sqlite")),
                Protected
            );
        }
    }
}
