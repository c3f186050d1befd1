//! Files on disk as Agora writes them: private to the user (folders 0700, files 0600
//! on Unix; on Windows the data folder lives under the user's profile) and durable
//! (a temporary file in the target's folder → fsync → rename → fsync the folder), so
//! that a file Agora writes is either whole or not there at all. And a file the person
//! names, read whole, or why not in French.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Creates `dir` and its missing parents, private to the user. A folder that already
/// exists is left as it is (it may be one the person chose, such as Documents).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// Makes a folder Agora owns (the backups) private to the user, whatever it was.
pub fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    set_mode(dir, 0o700)
}

/// Makes an existing file readable and writable by the user only.
pub fn make_private(path: &Path) -> std::io::Result<()> {
    set_mode(path, 0o600)
}

/// Sets Unix permissions; elsewhere the user's profile keeps files private.
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// Creates a new empty file, failing if it exists; private when asked.
fn create_new(path: &Path, private: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    options.open(path)
}

/// Flushes a file to the disk. The handle is opened for writing: Windows refuses to
/// flush through a read-only one.
pub fn sync_file(path: &Path) -> std::io::Result<()> {
    OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Flushes a folder's entries (a rename) to the disk. Folders cannot be opened for
/// that on every platform (Windows): there, the rename is already durable.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A temporary file beside the file it will become, removed when dropped unless it
/// was [`TempFile::persist`]ed.
pub struct TempFile {
    path: PathBuf,
    target: PathBuf,
    done: bool,
}

impl TempFile {
    /// Creates an empty temporary file in `target`'s folder (hidden, named after the
    /// target and this process).
    pub fn beside(target: &Path, private: bool) -> std::io::Result<TempFile> {
        let dir = parent(target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for n in 0..1000 {
            let path = dir.join(format!(".{name}.{}-{n}.agora-tmp", std::process::id()));
            match create_new(&path, private) {
                Ok(_) => {
                    return Ok(TempFile {
                        path,
                        target: target.to_path_buf(),
                        done: false,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "no free temporary name",
        ))
    }

    /// The temporary file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes the temporary file, renames it over the target and flushes the folder.
    pub fn persist(self) -> std::io::Result<()> {
        let target = self.target.clone();
        self.persist_as(&target)
    }

    /// Like [`TempFile::persist`], under another name in the same folder (a name
    /// known only once the bytes are written, such as their hash).
    pub fn persist_as(mut self, target: &Path) -> std::io::Result<()> {
        sync_file(&self.path)?;
        std::fs::rename(&self.path, target)?;
        self.done = true;
        sync_dir(parent(target));
        Ok(())
    }

    /// Whether a file name is one of these temporary files (left by a crash).
    pub fn is_temp_name(name: &str) -> bool {
        name.starts_with('.') && name.ends_with(".agora-tmp")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The folder a path is in ("." for a bare file name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a temporary file beside `target`, ready to be persisted: the
/// caller renames it when the rest of its step succeeded.
pub fn write_temp(target: &Path, bytes: &[u8], private: bool) -> std::io::Result<TempFile> {
    let tmp = TempFile::beside(target, private)?;
    let mut f = OpenOptions::new().write(true).open(tmp.path())?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(tmp)
}

/// Whether `path` is `dir` or lies inside it, comparing canonical paths (links and
/// `..` resolved). A path whose folder does not exist lies nowhere.
pub fn is_inside(path: &Path, dir: &Path) -> bool {
    let Ok(dir) = dir.canonicalize() else {
        return false;
    };
    let resolved = match path.canonicalize() {
        Ok(p) => p,
        Err(_) => match (parent(path).canonicalize(), path.file_name()) {
            (Ok(p), Some(name)) => p.join(name),
            _ => return false,
        },
    };
    resolved.starts_with(&dir)
}

/// Why a file operation failed, in French words to follow a sentence naming the file:
/// the common cases said plainly, the system's own words only for anything else.
pub fn reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "introuvable".into(),
        ErrorKind::PermissionDenied => "accès refusé".into(),
        ErrorKind::IsADirectory => "c’est un dossier".into(),
        ErrorKind::StorageFull => "le disque est plein".into(),
        ErrorKind::ReadOnlyFilesystem => "le disque est en lecture seule".into(),
        ErrorKind::AlreadyExists => "il existe déjà".into(),
        _ => format!("erreur du système : {e}"),
    }
}

/// The file at the path the person typed or chose, read whole; or why not, in one
/// French sentence: no path, not found, not allowed, a folder; the system's own words
/// only for anything else. A path that is text is read without the spaces around it;
/// one that is not (a name in another encoding, given on the command line) as it is.
pub fn read_named(path: impl AsRef<Path>) -> Result<Vec<u8>, String> {
    let path = path.as_ref();
    let path = path.to_str().map_or(path, |s| Path::new(s.trim()));
    if path.as_os_str().is_empty() {
        return Err("Indiquez le chemin du fichier.".into());
    }
    std::fs::read(path).map_err(|e| {
        use std::io::ErrorKind;
        let path = path.display();
        match e.kind() {
            ErrorKind::NotFound => {
                format!("Le fichier « {path} » est introuvable : vérifiez son chemin.")
            }
            ErrorKind::IsADirectory => format!("« {path} » est un dossier, pas un fichier."),
            _ => format!("Le fichier « {path} » n’a pas pu être lu : {}.", reason(&e)),
        }
    })
}

/// What a path the person named holds: a file's bytes, or a folder's files with the
/// given extensions (name and bytes, by name).
#[derive(Debug, Clone, PartialEq)]
pub enum Named {
    File(Vec<u8>),
    Folder(Vec<(String, Vec<u8>)>),
}

/// The file or the folder at the path the person named, read whole; or why not, in
/// French (as [`read_named`]). In a folder, only the files ending in one of
/// `extensions` (any case) are read; one unreadable refuses the folder.
pub fn read_named_file_or_folder(
    path: impl AsRef<Path>,
    extensions: &[&str],
) -> Result<Named, String> {
    let path = path.as_ref();
    let path = path.to_str().map_or(path, |s| Path::new(s.trim()));
    if !path.is_dir() {
        return read_named(path).map(Named::File);
    }
    let entries = std::fs::read_dir(path).map_err(|e| {
        format!(
            "Le dossier « {} » n’a pas pu être lu : {}.",
            path.display(),
            reason(&e)
        )
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            format!(
                "Le dossier « {} » n’a pas pu être lu : {}.",
                path.display(),
                reason(&e)
            )
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let wanted = extensions
            .iter()
            .any(|x| name.to_lowercase().ends_with(&format!(".{x}")));
        if wanted && entry.path().is_file() {
            files.push((name, read_named(entry.path())?));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Named::Folder(files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_named_file_whose_name_is_not_text_is_read_as_given() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir
            .path()
            .join(std::ffi::OsStr::from_bytes(b"liste-\xe9t\xe9.csv"));
        std::fs::write(&file, "nom\n").unwrap();
        assert_eq!(read_named(&file).unwrap(), b"nom\n");
    }

    #[test]
    fn a_named_file_that_cannot_be_read_says_why_in_french() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().to_string_lossy().to_string();
        let missing = dir.path().join("absent.csv").to_string_lossy().to_string();
        assert_eq!(
            read_named("  ").unwrap_err(),
            "Indiquez le chemin du fichier."
        );
        assert_eq!(
            read_named(&missing).unwrap_err(),
            format!("Le fichier « {missing} » est introuvable : vérifiez son chemin.")
        );
        assert_eq!(
            read_named(&folder).unwrap_err(),
            format!("« {folder} » est un dossier, pas un fichier.")
        );
        let file = dir.path().join("liste.csv");
        std::fs::write(&file, "nom\n").unwrap();
        assert_eq!(
            read_named(format!(" {} ", file.display())).unwrap(),
            b"nom\n"
        );
    }

    #[test]
    fn a_failure_is_said_in_french_words() {
        use std::io::{Error, ErrorKind};
        for (kind, said) in [
            (ErrorKind::PermissionDenied, "accès refusé"),
            (ErrorKind::StorageFull, "le disque est plein"),
            (
                ErrorKind::ReadOnlyFilesystem,
                "le disque est en lecture seule",
            ),
        ] {
            assert_eq!(reason(&Error::from(kind)), said);
        }
        assert!(reason(&Error::other("panne")).starts_with("erreur du système : "));
    }

    #[test]
    fn a_temp_file_is_removed_unless_persisted() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("note.pdf");
        let tmp = write_temp(&target, b"%PDF", true).unwrap();
        let tmp_path = tmp.path().to_path_buf();
        assert!(tmp_path.exists());
        drop(tmp);
        assert!(!tmp_path.exists() && !target.exists());
        write_temp(&target, b"%PDF", true)
            .unwrap()
            .persist()
            .unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"%PDF");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn private_files_and_folders() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("a/b");
        create_private_dir(&data).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        // A folder that exists keeps its mode; one Agora owns is made private.
        let chosen = dir.path().join("Documents");
        std::fs::create_dir(&chosen).unwrap();
        std::fs::set_permissions(&chosen, std::fs::Permissions::from_mode(0o755)).unwrap();
        create_private_dir(&chosen).unwrap();
        assert_eq!(mode(&chosen), 0o755);
        make_private_dir(&chosen).unwrap();
        assert_eq!(mode(&chosen), 0o700);
        let f = data.join("x.csv");
        write_temp(&f, b"x", true).unwrap().persist().unwrap();
        assert_eq!(mode(&f), 0o600);
    }

    #[test]
    fn inside_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        assert!(is_inside(&data.join("agora.sqlite"), &data));
        assert!(is_inside(&data.join("../data/x.csv"), &data));
        assert!(is_inside(&data, &data));
        assert!(!is_inside(&dir.path().join("x.csv"), &data));
        assert!(!is_inside(&dir.path().join("nowhere/x.csv"), &data));
    }
}
