//! Verified backups, their rotation, and restore.
//!
//! A backup is `VACUUM INTO` a temporary file, `integrity_check` on the copy, fsync,
//! then a rename: a backup file either is whole and checked, or does not exist.
//! Rotation is a pure function of the backups' dates. Restore removes the stale
//! `-wal`/`-shm` files first, since SQLite would otherwise replay them over the copy.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};

use super::{Found, Store, StoreError, inspect, take_lock};

/// How many backups to keep: the newest of each of the last `daily` days, `weekly`
/// ISO weeks and `monthly` months that have one.
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

/// Which backups to keep, given their dates (any order). Returns one flag per input.
pub fn rotation_keep(stamps: &[NaiveDateTime], policy: RotationPolicy) -> Vec<bool> {
    let mut order: Vec<usize> = (0..stamps.len()).collect();
    order.sort_by(|&a, &b| stamps[b].cmp(&stamps[a]));
    let mut keep = vec![false; stamps.len()];
    let mut bucket = |key: &dyn Fn(&NaiveDateTime) -> (i32, u32, u32), limit: u32| {
        let mut seen = HashSet::new();
        for &i in &order {
            if seen.len() as u32 >= limit {
                break;
            }
            if seen.insert(key(&stamps[i])) {
                keep[i] = true;
            }
        }
    };
    bucket(&|t| (t.year(), t.ordinal(), 0), policy.daily);
    bucket(
        &|t| (t.iso_week().year(), t.iso_week().week(), 1),
        policy.weekly,
    );
    bucket(&|t| (t.year(), t.month(), 2), policy.monthly);
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

fn sync_dir(dir: &Path) {
    // Directories cannot be opened for sync on every platform; a failure is harmless.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn verify_copy(path: &Path) -> Result<(), StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Backup(format!(
            "la copie ne passe pas le contrôle d'intégrité ({check})"
        )));
    }
    Ok(())
}

impl Store {
    /// Takes a verified backup now, then applies the rotation. `reason` goes in the
    /// file name ("manuelle", "fermeture", "avant-migration"…).
    pub fn backup_now(&self, reason: &str) -> Result<PathBuf, StoreError> {
        let dir = self.backup_dir();
        std::fs::create_dir_all(&dir)?;
        let stamp = chrono::Local::now().naive_local().format(STAMP).to_string();
        let mut target = dir.join(format!("agora-{stamp}-{reason}.sqlite"));
        let mut n = 2;
        while target.exists() {
            target = dir.join(format!("agora-{stamp}-{reason}-{n}.sqlite"));
            n += 1;
        }
        let tmp = dir.join(format!(".en-cours-{stamp}-{}.sqlite", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let result = (|| {
            self.conn
                .execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
            verify_copy(&tmp)?;
            File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, &target)?;
            sync_dir(&dir);
            Ok::<_, StoreError>(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(StoreError::Backup(e.to_string()));
        }
        let policy = self.settings().map(|s| s.rotation).unwrap_or_default();
        let backups = list_backups(&dir)?;
        let stamps: Vec<NaiveDateTime> = backups.iter().map(|(t, _)| *t).collect();
        for ((_, path), keep) in backups.iter().zip(rotation_keep(&stamps, policy)) {
            if !keep && path != &target {
                let _ = std::fs::remove_file(path);
            }
        }
        Ok(target)
    }
}

/// Replaces the store at `db` with the backup `from`. Refuses while Agora has the
/// store open, and refuses a backup that is not a healthy Agora file.
pub fn restore(db: &Path, from: &Path) -> Result<(), StoreError> {
    let _lock = take_lock(db)?;
    match inspect(from, super::schema_version() as i64)? {
        Found::Agora { .. } => {}
        Found::New => return Err(StoreError::ForeignFile(from.to_path_buf())),
    }
    let mut tmp = db.as_os_str().to_os_string();
    tmp.push(".restauration");
    let tmp = PathBuf::from(tmp);
    std::fs::copy(from, &tmp)?;
    File::open(&tmp)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_os_string();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    std::fs::rename(&tmp, db)?;
    if let Some(dir) = db.parent() {
        sync_dir(dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
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
        // (stamp, kept?, why)
        let table = [
            (at(2026, 11, 29, 18), true), // newest of today: day 1, week 48, November
            (at(2026, 11, 29, 9), false), // older same day
            (at(2026, 11, 28, 18), true), // day 2
            (at(2026, 11, 27, 18), false), // third day, same week and month as the newest
            (at(2026, 11, 20, 18), true), // week 47
            (at(2026, 11, 13, 18), false), // third week
            (at(2026, 10, 30, 18), true), // October
            (at(2026, 9, 30, 18), false), // third month
        ];
        let stamps: Vec<_> = table.iter().map(|(t, _)| *t).collect();
        let kept = rotation_keep(&stamps, policy);
        for ((stamp, expected), got) in table.iter().zip(kept) {
            assert_eq!(got, *expected, "{stamp}");
        }
    }

    #[test]
    fn rotation_keeps_everything_when_few() {
        let stamps = [at(2026, 1, 1, 1), at(2026, 3, 1, 1)];
        assert_eq!(
            rotation_keep(&stamps, RotationPolicy::default()),
            vec![true, true]
        );
        assert!(rotation_keep(&[], RotationPolicy::default()).is_empty());
    }

    #[test]
    fn stamps_from_names() {
        assert_eq!(
            backup_stamp("agora-20261129-180000-fermeture.sqlite"),
            Some(at(2026, 11, 29, 18))
        );
        assert_eq!(backup_stamp("agora.sqlite"), None);
        assert_eq!(backup_stamp("notes-20261129-180000.sqlite"), None);
    }
}
