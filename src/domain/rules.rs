//! The rules of participation ("règles du jeu") of a convention: sections, their
//! versions, and what changed between two versions, word by word.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One section: a title and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub text: String,
}

/// A saved version.
#[derive(Debug, Clone, PartialEq)]
pub struct RulesVersion {
    pub version: u32,
    pub saved_at: NaiveDateTime,
    pub sections: Vec<Section>,
    /// Set once the version is adopted.
    pub adopted_on: Option<NaiveDate>,
}

/// Sections from a template: each `## Title` line starts one, the lines after it are
/// its text.
pub fn parse_template(template: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for line in template.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            out.push(Section {
                title: title.trim().to_string(),
                text: String::new(),
            });
        } else if let Some(last) = out.last_mut()
            && (!last.text.is_empty() || !line.trim().is_empty())
        {
            if !last.text.is_empty() {
                last.text.push('\n');
            }
            last.text.push_str(line);
        }
    }
    for s in &mut out {
        s.text = s.text.trim_end().to_string();
    }
    out
}

/// A piece of a word-level comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Added(String),
    Removed(String),
}

/// What became of one section between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionChange {
    Unchanged(String),
    Added(Section),
    Removed(Section),
    /// The title (new one) and the words compared.
    Changed(String, Vec<Piece>),
}

/// Word-level difference, consecutive words of one kind merged; a replaced run reads
/// as the words added, then the words removed. Myers' algorithm (the `similar` crate):
/// time and memory grow with the length of the texts and the size of the change, not
/// with their product, so two 5,000-word versions of a charter compare at once.
pub fn diff_words(old: &str, new: &str) -> Vec<Piece> {
    use similar::{Algorithm, DiffOp, capture_diff_slices};
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |piece: fn(String) -> Piece, words: &[&str]| {
        if words.is_empty() {
            return;
        }
        let text = words.join(" ");
        match (out.last_mut(), piece(String::new())) {
            (Some(Piece::Same(s)), Piece::Same(_))
            | (Some(Piece::Added(s)), Piece::Added(_))
            | (Some(Piece::Removed(s)), Piece::Removed(_)) => {
                s.push(' ');
                s.push_str(&text);
            }
            _ => out.push(piece(text)),
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                push(Piece::Same, &a[old_index..old_index + len])
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(Piece::Removed, &a[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(Piece::Added, &b[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(Piece::Added, &b[new_index..new_index + new_len]);
                push(Piece::Removed, &a[old_index..old_index + old_len]);
            }
        }
    }
    out
}

/// Compares two versions section by section (sections matched by title).
pub fn compare(old: &[Section], new: &[Section]) -> Vec<SectionChange> {
    let mut out = Vec::new();
    for s in new {
        match old.iter().find(|o| o.title == s.title) {
            None => out.push(SectionChange::Added(s.clone())),
            Some(o) if o.text == s.text => out.push(SectionChange::Unchanged(s.title.clone())),
            Some(o) => out.push(SectionChange::Changed(
                s.title.clone(),
                diff_words(&o.text, &s.text),
            )),
        }
    }
    for o in old {
        if !new.iter().any(|s| s.title == o.title) {
            out.push(SectionChange::Removed(o.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_template_has_its_sections() {
        let sections = parse_template(crate::assets::RULES_TEMPLATE);
        let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
        assert!(titles.contains(&"Rôles"));
        assert!(titles.contains(&"Indemnisation et accompagnement"));
        assert!(titles.contains(&"Confidentialité et données personnelles"));
        assert!(titles.contains(&"Prise de décision"));
        assert!(titles.contains(&"Engagements de la Ville"));
        assert!(sections.iter().all(|s| !s.text.is_empty()));
    }

    #[test]
    fn two_long_versions_compare_and_rebuild_both_texts() {
        let old: Vec<String> = (0..5_000).map(|i| format!("mot{}", i % 97)).collect();
        let mut new = old.clone();
        new[10] = "nouveau".into();
        new.insert(2_500, "ajouté".into());
        new.truncate(4_000);
        let pieces = diff_words(&old.join(" "), &new.join(" "));
        let side = |keep: fn(&Piece) -> Option<&String>| {
            pieces
                .iter()
                .filter_map(keep)
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let before = side(|p| match p {
            Piece::Same(s) | Piece::Removed(s) => Some(s),
            Piece::Added(_) => None,
        });
        let after = side(|p| match p {
            Piece::Same(s) | Piece::Added(s) => Some(s),
            Piece::Removed(_) => None,
        });
        assert_eq!(before, old.join(" "));
        assert_eq!(after, new.join(" "));
        assert!(
            pieces.len() < 10,
            "a few runs, not one per word: {}",
            pieces.len()
        );
    }

    #[test]
    fn words_added_removed_and_sections_matched_by_title() {
        assert_eq!(
            diff_words(
                "les membres votent à main levée",
                "les membres votent à bulletin secret"
            ),
            vec![
                Piece::Same("les membres votent à".into()),
                Piece::Added("bulletin secret".into()),
                Piece::Removed("main levée".into()),
            ]
        );
        let s = |t: &str, x: &str| Section {
            title: t.into(),
            text: x.into(),
        };
        let old = vec![
            s("Rôles", "a b"),
            s("Vote", "à main levée"),
            s("Ancienne", "x"),
        ];
        let new = vec![
            s("Rôles", "a b"),
            s("Vote", "à bulletin secret"),
            s("Nouvelle", "y"),
        ];
        let changes = compare(&old, &new);
        assert_eq!(changes[0], SectionChange::Unchanged("Rôles".into()));
        assert!(matches!(&changes[1], SectionChange::Changed(t, _) if t == "Vote"));
        assert_eq!(changes[2], SectionChange::Added(s("Nouvelle", "y")));
        assert_eq!(changes[3], SectionChange::Removed(s("Ancienne", "x")));
    }
}
