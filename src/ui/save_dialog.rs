//! Choosing which file to read, and where a document goes: the system's save dialog through rfd, or, when no
//! dialog can open (Linux without a desktop portal), Documents/Agora — and the notice
//! says so; and showing a folder an export went to in the system's file manager.

use std::path::PathBuf;

/// Where to write, and whether the dialog was bypassed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveTarget {
    pub path: PathBuf,
    pub fallback: bool,
}

impl SaveTarget {
    /// Where the export goes. The system's save dialogs ask before they return the
    /// name of an existing file, so the person confirmed replacing it; a name chosen
    /// without a dialog replaces only an earlier export of the same kind.
    pub fn destination(&self) -> crate::export::Destination<'_> {
        crate::export::Destination {
            path: &self.path,
            replace: !self.fallback,
        }
    }
}

fn dialog_available() -> bool {
    if cfg!(target_os = "linux") {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
    } else {
        true
    }
}

/// Asks where to write a file, offering these types (label and extension of each
/// filter, the proposed one first); `None` when the person cancels.
pub async fn choose(
    file_name: String,
    filters: Vec<(&'static str, &'static str)>,
) -> Option<SaveTarget> {
    if !dialog_available() {
        return Some(SaveTarget {
            path: crate::export::fallback_dir().join(file_name),
            fallback: true,
        });
    }
    let mut dialog = rfd::AsyncFileDialog::new()
        .set_title("Enregistrer le document")
        .set_file_name(&file_name);
    for (label, extension) in filters {
        dialog = dialog.add_filter(label, &[extension]);
    }
    dialog.save_file().await.map(|h| SaveTarget {
        path: h.path().to_path_buf(),
        fallback: false,
    })
}

/// Asks which CSV file to read; `None` when the person cancels or no dialog can open
/// (the path can then be typed).
pub async fn open_csv(title: &'static str) -> Option<PathBuf> {
    if !dialog_available() {
        return None;
    }
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter("Fichier CSV", &["csv", "txt"])
        .pick_file()
        .await
        .map(|h| h.path().to_path_buf())
}

/// Asks which image to use as the logo; `None` when the person cancels or no dialog
/// can open (the path can then be typed).
pub async fn open_image() -> Option<PathBuf> {
    if !dialog_available() {
        return None;
    }
    rfd::AsyncFileDialog::new()
        .set_title("Choisir le logo")
        .add_filter("Image PNG ou JPEG", &["png", "jpg", "jpeg"])
        .pick_file()
        .await
        .map(|h| h.path().to_path_buf())
}

/// Opens a folder in the system's file manager, or a file with the program the system
/// gives its kind (Explorer on Windows, the desktop's default elsewhere); or says in
/// French words why not (the launcher missing is not the file missing).
pub fn open_in_system(folder: &std::path::Path) -> Result<(), String> {
    let program = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .spawn()
        .map(|_| ())
        .map_err(|_| "aucun programme du système n’a pu être lancé pour l’ouvrir".into())
}

/// Asks which file to attach; `None` when the person cancels or no dialog can open.
pub async fn pick_attachment() -> Option<PathBuf> {
    if !dialog_available() {
        return None;
    }
    rfd::AsyncFileDialog::new()
        .set_title("Joindre un fichier")
        .pick_file()
        .await
        .map(|h| h.path().to_path_buf())
}
