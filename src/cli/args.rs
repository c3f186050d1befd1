//! The command line as the system gives it: global options taken out wherever they
//! stand, the command's words kept both as given (a path that is not Unicode stays
//! byte for byte) and as text for matching.

use std::ffi::OsString;
use std::path::PathBuf;

/// (`args_os`): a path that is not valid Unicode is kept byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub data_dir: Option<PathBuf>,
    pub open: Option<String>,
    /// `--remplacer`: an export may replace an existing file of another kind.
    pub replace: bool,
    /// The command's words as given, and as text for matching.
    pub raw: Vec<OsString>,
    pub words: Vec<String>,
}

impl Args {
    /// The path a word of the command stands for, from the argument as given (the
    /// word is one of `self.words`, found by identity, not by value).
    pub fn path(&self, word: &str) -> PathBuf {
        self.words
            .iter()
            .position(|w| std::ptr::eq(w.as_str(), word))
            .map_or_else(|| PathBuf::from(word), |i| PathBuf::from(&self.raw[i]))
    }
}

/// Reads the arguments after the program's name.
pub fn parse(raw: impl Iterator<Item = OsString>) -> Result<Args, String> {
    let mut args = Args {
        data_dir: None,
        open: None,
        replace: false,
        raw: Vec::new(),
        words: Vec::new(),
    };
    let mut raw = raw.peekable();
    while let Some(a) = raw.next() {
        let text = a.to_string_lossy().into_owned();
        match text.as_str() {
            "--data-dir" => {
                args.data_dir = Some(raw.next().ok_or("--data-dir attend un dossier")?.into())
            }
            "--open" => {
                args.open = Some(
                    raw.next()
                        .ok_or("--open attend un panneau")?
                        .to_string_lossy()
                        .into_owned(),
                )
            }
            "--remplacer" => args.replace = true,
            _ if text.starts_with("--data-dir=") => {
                #[cfg(unix)]
                let dir: PathBuf = {
                    use std::os::unix::ffi::OsStrExt;
                    std::ffi::OsStr::from_bytes(&a.as_bytes()["--data-dir=".len()..]).into()
                };
                #[cfg(not(unix))]
                let dir = PathBuf::from(&text["--data-dir=".len()..]);
                args.data_dir = Some(dir)
            }
            _ => {
                args.raw.push(a);
                args.words.push(text);
            }
        }
    }
    Ok(args)
}

/// The data folder: `--data-dir`, or the user's data folder for Agora.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("fr", "", "Agora").map(|d| d.data_dir().to_path_buf())
}
