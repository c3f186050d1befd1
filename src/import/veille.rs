//! Notes for the veille brought in bulk: a CSV of bookmarks (title, address, date,
//! tags) or the Markdown files of a folder (a note a file, its first « # » line the
//! title). Checked whole: one line or file wrong refuses the lot, each one named.

use super::csv;
use crate::domain::contact::parse_tags;
use crate::domain::parse;
use crate::domain::veille::Note;

/// What a file or a folder gave: the notes, and the errors, each naming its line or
/// file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bulk {
    pub notes: Vec<Note>,
    pub errors: Vec<String>,
}

impl Bulk {
    /// Nothing may be imported while one line or file is wrong.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && !self.notes.is_empty()
    }
}

/// Reads a CSV of bookmarks: « titre » required, then « url », « date », « étiquettes »
/// (names in French or English); `today` for the notes without a date.
pub fn bookmarks(bytes: &[u8], today: chrono::NaiveDate) -> Bulk {
    let mut out = Bulk::default();
    let (header, rows) = match csv::table(bytes) {
        Ok(t) => t,
        Err(e) => {
            out.errors.push(e.to_string());
            return out;
        }
    };
    let find = |names: &[&str]| {
        header
            .fields()
            .position(|f| names.contains(&csv::key(f).as_str()))
            .unwrap_or(usize::MAX)
    };
    let title = find(&["titre", "title", "nom", "name"]);
    if title == usize::MAX {
        out.errors.push(
            "Ligne 1 : l’en-tête doit nommer la colonne « titre » (puis « url », « date », « étiquettes »)."
                .into(),
        );
        return out;
    }
    let url = find(&["url", "adresse", "lien", "link", "href"]);
    let date = find(&["date", "lule", "added", "ajoutele"]);
    let tags = find(&["etiquettes", "tags", "motscles", "etiquette"]);
    for r in &rows {
        if r.fields().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |i: usize| r.get(i).unwrap_or("").trim();
        let mut problems = Vec::new();
        if get(title).is_empty() {
            problems.push("titre manquant".to_string());
        }
        let day = parse::opt_date(get(date));
        if day.is_err() {
            problems.push(format!("date « {} » illisible", get(date)));
        }
        match day {
            Ok(day) if problems.is_empty() => out.notes.push(Note {
                title: get(title).to_string(),
                source_url: get(url).to_string(),
                read_on: day.or(Some(today)),
                tags: parse_tags(get(tags)),
                ..Note::new(today)
            }),
            _ => out.errors.push(csv::line_error(r.line, &problems)),
        }
    }
    if out.notes.is_empty() && out.errors.is_empty() {
        out.errors.push(csv::NO_ROWS.into());
    }
    out
}

/// Reads Markdown files, given as (file name, bytes): a note each, its title the first
/// line starting with « # » (else the file name), its text the rest.
pub fn markdown(files: &[(String, Vec<u8>)], today: chrono::NaiveDate) -> Bulk {
    let mut out = Bulk::default();
    for (name, bytes) in files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            out.errors
                .push(format!("« {name} » : le fichier n’est pas en UTF-8."));
            continue;
        };
        let text = text.trim_start_matches('\u{feff}');
        let mut lines = text.lines();
        let first = lines.clone().find(|l| !l.trim().is_empty()).unwrap_or("");
        let (title, body) = match first.trim().strip_prefix('#') {
            Some(h) => {
                let rest: Vec<&str> = lines
                    .by_ref()
                    .skip_while(|l| l.trim() != first.trim())
                    .skip(1)
                    .collect();
                (
                    h.trim_start_matches('#').trim().to_string(),
                    rest.join("\n"),
                )
            }
            None => (
                name.trim_end_matches(".md")
                    .trim_end_matches(".markdown")
                    .to_string(),
                text.to_string(),
            ),
        };
        if title.trim().is_empty() {
            out.errors.push(format!("« {name} » : pas de titre."));
            continue;
        }
        out.notes.push(Note {
            title,
            body: body.trim().to_string(),
            ..Note::new(today)
        });
    }
    if out.notes.is_empty() && out.errors.is_empty() {
        out.errors
            .push("Le dossier n’a aucun fichier Markdown (.md).".into());
    }
    out
}

/// The extensions of the Markdown files a folder gives.
pub const MARKDOWN: [&str; 2] = ["md", "markdown"];

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    #[test]
    fn bookmarks_are_read_whole_or_refused_line_by_line() {
        let ok = bookmarks(
            "Titre;URL;Date;Étiquettes\nJurys citoyens;https://ex.org/j;02/03/2026;tirage, vote\nBudget de Paris;;;budget\n"
                .as_bytes(),
            today(),
        );
        assert!(ok.is_clean(), "{:?}", ok.errors);
        assert_eq!(ok.notes[0].tags, ["tirage", "vote"]);
        assert_eq!(ok.notes[1].read_on, Some(today()));
        let bad = bookmarks(
            "title;date\n;02/03/2026\nX;31/02/2026\n".as_bytes(),
            today(),
        );
        assert_eq!(
            bad.errors,
            [
                "Ligne 2 : titre manquant.",
                "Ligne 3 : date « 31/02/2026 » illisible."
            ]
        );
    }

    #[test]
    fn a_markdown_file_gives_its_heading_as_title() {
        let files = vec![
            (
                "jurys.md".to_string(),
                b"# Jurys citoyens\n\nUn texte.\n\n- un point".to_vec(),
            ),
            ("sans-titre.md".to_string(), b"Du texte seulement.".to_vec()),
            ("latin1.md".to_string(), vec![0xE9, 0x74, 0xE9]),
        ];
        let bulk = markdown(&files, today());
        assert_eq!(bulk.notes[0].title, "Jurys citoyens");
        assert_eq!(bulk.notes[0].body, "Un texte.\n\n- un point");
        assert_eq!(bulk.notes[1].title, "sans-titre");
        assert_eq!(
            bulk.errors,
            ["« latin1.md » : le fichier n’est pas en UTF-8."]
        );
        assert!(!bulk.is_clean());
    }
}
