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

/// Word-level difference (longest common subsequence), consecutive words of one kind
/// merged.
pub fn diff_words(old: &str, new: &str) -> Vec<Piece> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |piece: Piece| {
        let merged = match (out.last_mut(), &piece) {
            (Some(Piece::Same(s)), Piece::Same(w))
            | (Some(Piece::Added(s)), Piece::Added(w))
            | (Some(Piece::Removed(s)), Piece::Removed(w)) => {
                s.push(' ');
                s.push_str(w);
                true
            }
            _ => false,
        };
        if !merged {
            out.push(piece);
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            push(Piece::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            push(Piece::Added(b[j].to_string()));
            j += 1;
        } else {
            push(Piece::Removed(a[i].to_string()));
            i += 1;
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
