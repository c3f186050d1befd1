//! Attached files: their bytes in the data folder's `pieces-jointes/`, each named by
//! its SHA-256 (two records attaching the same scan share one file), and one row per
//! attachment saying which record it belongs to.
//!
//! Attaching writes the file first (a private temporary file, flushed, renamed to its
//! hash), then the row: a crash in between leaves a file no row names, which the next
//! opening of the store sweeps ([`Store::sweep_attachment_files`]); a row never names a
//! file that was not whole on disk. Removing does the reverse: the row, then the file
//! if no other row shares it. Backups copy the files beside them (see `backup`).

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use super::row::{datetime, now_stamp};
use super::{Store, StoreError};
use crate::domain::attachment::{Attachment, MAX_SIZE, Owner, is_hash, size_label};
use crate::domain::ids::MeetingId;
use crate::domain::text::hex;
use crate::files::{self, TempFile};

/// The attachments' folder name, in the data folder and in the backups' folder.
pub const ATTACHMENTS_DIR: &str = "pieces-jointes";
/// Where a file is copied under its own name to be opened by the system's viewer
/// (the stored copy has no extension); emptied when the store opens.
pub const VIEWING_DIR: &str = "pieces-jointes-ouvertes";

const SELECT: &str = "SELECT a.id, a.hash, a.name, a.size, a.added_at, a.signed_sheet, \
    a.convention_id, a.session_id, a.meeting_id, a.proposal_id, a.dispositif_id, \
    a.contact_id, a.veille_note_id, a.call_id, COALESCE( \
    (SELECT title FROM conventions WHERE id = a.convention_id), \
    (SELECT title FROM sessions WHERE id = a.session_id), \
    (SELECT title FROM meetings WHERE id = a.meeting_id), \
    (SELECT 'n° ' || number || ' — ' || title FROM proposals WHERE id = a.proposal_id), \
    (SELECT title FROM dispositifs WHERE id = a.dispositif_id), \
    (SELECT CASE WHEN is_organisation THEN organisation \
        ELSE trim(first_name || ' ' || last_name) END FROM contacts WHERE id = a.contact_id), \
    (SELECT title FROM veille_notes WHERE id = a.veille_note_id), \
    (SELECT title FROM funding_calls WHERE id = a.call_id), '') \
    FROM attachments a";

fn attachment(r: &Row<'_>) -> rusqlite::Result<Attachment> {
    let mut owner = None;
    for i in 0..Owner::COLUMNS.len() {
        if let Some(id) = r.get::<_, Option<i64>>(6 + i)? {
            owner = Owner::from_column(i, id);
        }
    }
    Ok(Attachment {
        id: r.get(0)?,
        hash: r.get(1)?,
        name: r.get(2)?,
        size: r.get::<_, i64>(3)?.max(0) as u64,
        added_at: datetime(r, 4)?,
        signed_sheet: r.get(5)?,
        owner,
        owner_title: r.get(14)?,
    })
}

/// The condition of an attachment `a` kept without its record.
fn unattached() -> String {
    Owner::COLUMNS
        .iter()
        .map(|c| format!("a.{c} IS NULL"))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// What is attached, in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    /// Attachments (rows).
    pub count: usize,
    /// Of which kept without their record.
    pub unattached: usize,
    /// Bytes on disk (each distinct file once).
    pub bytes: u64,
}

/// What is wrong with one attached file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No file of that hash in the folder.
    Missing,
    /// The file's bytes no longer have the hash they were stored under.
    Altered,
}

impl Problem {
    pub fn label(self) -> &'static str {
        match self {
            Problem::Missing => "fichier absent",
            Problem::Altered => "fichier modifié (son empreinte ne correspond plus)",
        }
    }
}

/// Copies `source` into `dir` under its SHA-256, through a private temporary file:
/// returns the hash and the size. A file of that hash already there is kept as it is.
pub(crate) fn store_file(dir: &Path, source: &mut dyn Read) -> std::io::Result<(String, u64)> {
    files::create_private_dir(dir)?;
    let tmp = TempFile::beside(&dir.join("entrant"), true)?;
    let mut out = std::fs::OpenOptions::new().write(true).open(tmp.path())?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = source.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > MAX_SIZE {
            return Err(std::io::Error::other(format!(
                "le fichier dépasse {} : joignez-en un plus petit",
                size_label(MAX_SIZE)
            )));
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
    }
    out.sync_all()?;
    drop(out);
    let hash = hex(&hasher.finalize());
    let target = dir.join(&hash);
    if std::fs::metadata(&target).is_ok_and(|m| m.len() == size) {
        return Ok((hash, size));
    }
    tmp.persist_as(&target)?;
    Ok((hash, size))
}

/// The SHA-256 of a file, or `None` if it cannot be read.
pub(crate) fn file_hash(path: &Path) -> Option<String> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut f, &mut hasher).ok()?;
    Some(hex(&hasher.finalize()))
}

fn has_attachments_table(conn: &rusqlite::Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'attachments')",
        [],
        |r| r.get(0),
    )
}

/// The files a store's rows name (hash and size), read from any connection: none in
/// a store older than the attachments.
pub(crate) fn stored_hashes(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<(String, u64)>> {
    if !has_attachments_table(conn)? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT DISTINCT hash, size FROM attachments")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64)))?;
    rows.collect()
}

impl Store {
    /// The folder the attached files live in.
    pub fn attachments_dir(&self) -> PathBuf {
        self.data_dir().join(ATTACHMENTS_DIR)
    }

    /// Where an attachment's bytes are (to open it with the system's viewer).
    pub fn attachment_path(&self, a: &Attachment) -> PathBuf {
        self.attachments_dir().join(&a.hash)
    }

    /// A copy of an attachment under its own name, in a private folder, for the
    /// system's viewer (which knows a file by its extension). Checked against its hash
    /// first: an altered or missing file is not shown as if it were the one attached.
    pub fn copy_for_viewing(&self, a: &Attachment) -> Result<PathBuf, StoreError> {
        let source = self.attachment_path(a);
        if file_hash(&source).as_deref() != Some(a.hash.as_str()) {
            return Err(StoreError::Refused(format!(
                "« {} » est absent ou modifié dans le dossier des pièces jointes ; restaurez une sauvegarde",
                a.name
            )));
        }
        let dir = self.data_dir().join(VIEWING_DIR);
        files::create_private_dir(&dir)?;
        // The name as attached, without what a file system refuses.
        let name: String = a
            .name
            .chars()
            .map(|c| {
                if "/\\:*?\"<>|".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let target = dir.join(format!("{}-{}", a.id, name));
        let tmp = TempFile::beside(&target, true)?;
        std::fs::copy(&source, tmp.path())?;
        tmp.persist()?;
        Ok(target)
    }

    /// Attaches the file at `path` to `owner`, under the file's own name.
    pub fn attach_file(&mut self, owner: Owner, path: &Path) -> Result<Attachment, StoreError> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            return Err(StoreError::Refused(format!(
                "« {} » est un dossier : joignez les fichiers un par un",
                path.display()
            )));
        }
        let mut f = std::fs::File::open(path).map_err(|e| {
            StoreError::Refused(format!(
                "« {} » ne s’ouvre pas : {}",
                path.display(),
                crate::files::reason(&e)
            ))
        })?;
        self.attach(owner, &name, &mut f)
    }

    /// Attaches `bytes` to `owner` under `name` (a generated file, the demo's scans).
    pub fn attach_bytes(
        &mut self,
        owner: Owner,
        name: &str,
        bytes: &[u8],
    ) -> Result<Attachment, StoreError> {
        self.attach(owner, name, &mut &bytes[..])
    }

    fn attach(
        &mut self,
        owner: Owner,
        name: &str,
        source: &mut dyn Read,
    ) -> Result<Attachment, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Refused("un fichier joint a un nom".into()));
        }
        self.owner_exists(owner)?;
        let (hash, size) = store_file(&self.attachments_dir(), source).map_err(|e| {
            StoreError::Refused(format!(
                "« {name} » n’a pas été joint : {}",
                crate::files::reason(&e)
            ))
        })?;
        let id = self.write(|tx| {
            tx.execute(
                &format!(
                    "INSERT INTO attachments (hash, name, size, added_at, {}) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    owner.column()
                ),
                params![hash, name, size as i64, now_stamp(), owner.id()],
            )?;
            let id = tx.last_insert_rowid();
            tx.journal(
                "create",
                "attachment",
                Some(id),
                &format!(
                    "Pièce jointe « {name} » ({}) ajoutée à {} n° {}",
                    size_label(size),
                    owner.kind_label(),
                    owner.id()
                ),
            )?;
            Ok(id)
        })?;
        self.attachment(id)
    }

    fn owner_exists(&self, owner: Owner) -> Result<(), StoreError> {
        let table = match owner {
            Owner::Convention(_) => "conventions",
            Owner::Session(_) => "sessions",
            Owner::Meeting(_) => "meetings",
            Owner::Proposal(_) => "proposals",
            Owner::Dispositif(_) => "dispositifs",
            Owner::Contact(_) => "contacts",
            Owner::VeilleNote(_) => "veille_notes",
            Owner::Call(_) => "funding_calls",
        };
        let found: Option<i64> = self
            .conn
            .query_row(
                &format!("SELECT id FROM {table} WHERE id = ?1"),
                [owner.id()],
                |r| r.get(0),
            )
            .optional()?;
        match found {
            Some(_) => Ok(()),
            None => Err(StoreError::NotFound(table, owner.id())),
        }
    }

    /// One attachment.
    pub fn attachment(&self, id: i64) -> Result<Attachment, StoreError> {
        self.conn
            .query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], attachment)
            .optional()?
            .ok_or(StoreError::NotFound("attachments", id))
    }

    /// The files attached to a record, oldest first.
    pub fn attachments_of(&self, owner: Owner) -> Result<Vec<Attachment>, StoreError> {
        self.attachments_where(&format!("a.{} = ?1", owner.column()), [owner.id()])
    }

    /// The files kept after their record was deleted.
    pub fn unattached_attachments(&self) -> Result<Vec<Attachment>, StoreError> {
        self.attachments_where(&unattached(), [])
    }

    /// Every attachment.
    pub fn all_attachments(&self) -> Result<Vec<Attachment>, StoreError> {
        self.attachments_where("1", [])
    }

    /// The files attached to a convention, its sessions, its meetings and its
    /// proposals (the dossier's list of attached documents).
    pub fn convention_attachments(
        &self,
        convention: crate::domain::ids::ConventionId,
    ) -> Result<Vec<Attachment>, StoreError> {
        self.attachments_where(
            "a.convention_id = ?1 \
             OR a.session_id IN (SELECT id FROM sessions WHERE convention_id = ?1) \
             OR a.meeting_id IN (SELECT id FROM meetings WHERE convention_id = ?1) \
             OR a.proposal_id IN (SELECT id FROM proposals WHERE convention_id = ?1)",
            [convention.0],
        )
    }

    fn attachments_where(
        &self,
        clause: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<Attachment>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "{SELECT} WHERE {clause} ORDER BY a.added_at, a.id"
        ))?;
        let rows = stmt.query_map(args, attachment)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes an attachment; its file goes too unless another attachment shares it.
    pub fn remove_attachment(&mut self, id: i64) -> Result<(), StoreError> {
        let a = self.attachment(id)?;
        self.write(|tx| {
            tx.execute("DELETE FROM attachments WHERE id = ?1", [id])?;
            tx.journal(
                "delete",
                "attachment",
                Some(id),
                &format!("Pièce jointe « {} » supprimée", a.name),
            )
        })?;
        self.drop_unused_file(&a.hash);
        Ok(())
    }

    /// Removes every file attached to a record (before the record itself is deleted,
    /// when the person chose not to keep them). Returns how many.
    pub fn remove_attachments_of(&mut self, owner: Owner) -> Result<usize, StoreError> {
        let found = self.attachments_of(owner)?;
        if found.is_empty() {
            return Ok(0);
        }
        self.write(|tx| {
            tx.execute(
                &format!("DELETE FROM attachments WHERE {} = ?1", owner.column()),
                [owner.id()],
            )?;
            tx.journal(
                "delete",
                "attachment",
                None,
                &format!(
                    "{} pièce(s) jointe(s) de {} n° {} supprimée(s)",
                    found.len(),
                    owner.kind_label(),
                    owner.id()
                ),
            )
        })?;
        for a in &found {
            self.drop_unused_file(&a.hash);
        }
        Ok(found.len())
    }

    /// Deletes a record with `delete`, then removes the files that were attached to
    /// it unless `keep_files` (they stay, without their record, listed in
    /// Paramètres). A record that refuses deletion keeps its files.
    pub fn delete_with_files<T>(
        &mut self,
        owner: Owner,
        keep_files: bool,
        delete: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let attached = self.attachments_of(owner)?;
        let out = delete(self)?;
        if !keep_files {
            for a in attached {
                self.remove_attachment(a.id)?;
            }
        }
        Ok(out)
    }

    /// Deletes a stored file no row names any more. A failure only leaves a file the
    /// next opening sweeps.
    fn drop_unused_file(&self, hash: &str) {
        let used: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM attachments WHERE hash = ?1)",
                [hash],
                |r| r.get(0),
            )
            .unwrap_or(true);
        if !used {
            let _ = std::fs::remove_file(self.attachments_dir().join(hash));
        }
    }

    /// Marks (or unmarks) a meeting's attachment as the scan of its signed attendance
    /// sheet. Refused for a file that is not attached to a meeting.
    pub fn set_signed_sheet(&mut self, id: i64, signed: bool) -> Result<(), StoreError> {
        let a = self.attachment(id)?;
        if !matches!(a.owner, Some(Owner::Meeting(_))) {
            return Err(StoreError::Refused(
                "seule une pièce jointe d’une réunion peut être sa feuille d’émargement signée"
                    .into(),
            ));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE attachments SET signed_sheet = ?2 WHERE id = ?1",
                params![id, signed],
            )?;
            tx.journal(
                "update",
                "attachment",
                Some(id),
                &format!(
                    "Pièce jointe « {} » {} feuille d’émargement signée",
                    a.name,
                    if signed { "marquée" } else { "n’est plus" }
                ),
            )
        })
    }

    /// Whether the scan of a meeting's signed attendance sheet is attached.
    pub fn has_signed_sheet(&self, meeting: MeetingId) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM attachments WHERE meeting_id = ?1 AND signed_sheet)",
            [meeting.0],
            |r| r.get(0),
        )?)
    }

    /// How many files are attached and the room they take.
    pub fn attachments_usage(&self) -> Result<Usage, StoreError> {
        // Counted by SQLite: Paramètres asks again after every change.
        Ok(self.conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM attachments), \
                    (SELECT count(*) FROM attachments a WHERE {}), \
                    (SELECT coalesce(sum(size), 0) FROM \
                        (SELECT DISTINCT hash, size FROM attachments))",
                unattached()
            ),
            [],
            |r| {
                Ok(Usage {
                    count: r.get::<_, i64>(0)? as usize,
                    unattached: r.get::<_, i64>(1)? as usize,
                    bytes: r.get::<_, i64>(2)?.max(0) as u64,
                })
            },
        )?)
    }

    /// Reads every attached file back and compares it with its hash: the attachments
    /// whose file is missing or altered (`agora attachments check`).
    pub fn check_attachments(&self) -> Result<Vec<(Attachment, Problem)>, StoreError> {
        let dir = self.attachments_dir();
        let mut verdicts: std::collections::HashMap<String, Option<Problem>> = Default::default();
        let mut out = Vec::new();
        for a in self.all_attachments()? {
            let verdict = verdicts
                .entry(a.hash.clone())
                .or_insert_with(|| {
                    let path = dir.join(&a.hash);
                    if !path.is_file() {
                        Some(Problem::Missing)
                    } else if file_hash(&path).as_deref() != Some(a.hash.as_str()) {
                        Some(Problem::Altered)
                    } else {
                        None
                    }
                })
                .to_owned();
            if let Some(p) = verdict {
                out.push((a, p));
            }
        }
        Ok(out)
    }

    /// Deletes what a crash during an attachment left in the folder: temporary files,
    /// and files under a hash no row names. Other files are left alone. Returns how
    /// many were deleted. Runs when the store opens (the lock is held: no other
    /// Agora is writing there).
    pub(crate) fn sweep_attachment_files(&self) -> Result<usize, StoreError> {
        if !has_attachments_table(&self.conn)? {
            return Ok(0);
        }
        let dir = self.attachments_dir();
        let entries = match std::fs::read_dir(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            other => other?,
        };
        let named: HashSet<String> = stored_hashes(&self.conn)?
            .into_iter()
            .map(|(h, _)| h)
            .collect();
        let mut swept = 0;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let stray = TempFile::is_temp_name(&name) || (is_hash(&name) && !named.contains(&name));
            if stray && entry.path().is_file() && std::fs::remove_file(entry.path()).is_ok() {
                swept += 1;
            }
        }
        if swept > 0 {
            tracing::info!(swept, "stray attachment files removed");
        }
        // The copies made for the viewer last time.
        let _ = std::fs::remove_dir_all(self.data_dir().join(VIEWING_DIR));
        Ok(swept)
    }
}
