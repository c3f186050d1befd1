//! The commands on the veille: search its notes, export a note de veille.

use super::documents::write;
use super::{Context, print_listing};
use crate::export::Document;
use crate::import::veille;
use crate::store::StoreError;

/// `veille search TEXT`: the notes found, the latest read first.
pub fn search(cx: &Context, rest: &[&str]) -> Result<(), String> {
    if rest.is_empty() {
        return Err("Usage : agora veille search TEXTE".into());
    }
    let text = rest.join(" ");
    cx.with_store(|store| {
        let notes = store.veille(&text, None)?;
        let mut listing = String::new();
        for n in &notes {
            listing.push_str(&format!(
                "{:>4}  {}  {} · {} · {}{}\n",
                n.id,
                n.read_on
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_else(|| "          ".into()),
                n.title,
                n.publication,
                n.place.label(),
                if n.tags.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", n.tags.join(", "))
                }
            ));
        }
        listing.push_str(&format!("{} note(s).\n", notes.len()));
        print_listing(&listing);
        Ok::<_, StoreError>(())
    })
}

/// `veille export [--tag T] [--search TEXT] --out FILE.pdf|.odt`
pub fn export(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let usage = "Usage : agora veille export [--tag ÉTIQUETTE] [--search TEXTE] --out FICHIER.pdf";
    let (mut tag, mut search, mut out) = (None, String::new(), None);
    let mut words = rest.iter();
    while let Some(w) = words.next() {
        let value = words.next().ok_or_else(|| usage.to_string())?;
        match *w {
            "--tag" => tag = Some(value.to_string()),
            "--search" => search = value.to_string(),
            "--out" => out = Some(cx.path(value)),
            _ => return Err(usage.into()),
        }
    }
    let out = out.ok_or_else(|| usage.to_string())?;
    write(cx, Document::Veille { search, tag }, &out)
}

/// `veille import CHEMIN [--dry-run]`: a CSV of bookmarks or a folder of Markdown
/// files, checked whole, imported all or nothing.
pub fn import(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (path, dry) = match rest {
        [path] => (path, false),
        [path, "--dry-run"] | ["--dry-run", path] => (path, true),
        _ => return Err("Usage : agora veille import FICHIER.csv|DOSSIER [--dry-run]".into()),
    };
    let named = crate::files::read_named_file_or_folder(cx.path(path), &veille::MARKDOWN)?;
    let today = chrono::Local::now().date_naive();
    let bulk = match named {
        crate::files::Named::File(bytes) => veille::bookmarks(&bytes, today),
        crate::files::Named::Folder(files) => veille::markdown(&files, today),
    };
    if !bulk.errors.is_empty() {
        return Err(format!("{}\nRien n’a été importé.", bulk.errors.join("\n")));
    }
    if dry {
        super::say(format!(
            "{} note(s) prêtes ; rien n’a été importé (--dry-run).",
            bulk.notes.len()
        ));
        return Ok(());
    }
    cx.with_store(|store| {
        let n = store.import_veille(&bulk)?;
        super::say(format!("{n} note(s) de veille importées."));
        Ok::<_, StoreError>(())
    })
}
