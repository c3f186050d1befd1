//! The votes of a participatory budget, as the voting platform exports them: one line
//! a project, its number and its votes. Checked whole: a line unreadable, a number
//! given twice, refuses the file (which projects exist is the store's check).

use super::csv::{self, Record};

/// What a file gave: (line, project number, votes) and the errors, each naming its
/// line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Votes {
    pub lines: Vec<(usize, u32, u32)>,
    pub errors: Vec<String>,
}

impl Votes {
    /// Nothing may be applied while one line is wrong.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && !self.lines.is_empty()
    }
}

fn columns(header: &Record) -> Option<(usize, usize)> {
    let find = |names: &[&str]| {
        header
            .fields()
            .position(|f| names.contains(&csv::key(f).as_str()))
    };
    Some((
        find(&["numero", "n", "no", "num", "projet", "number", "id"])?,
        find(&["votes", "voix", "total", "nombredevotes", "count"])?,
    ))
}

/// Reads a votes file.
pub fn parse(bytes: &[u8]) -> Votes {
    let mut out = Votes::default();
    let (header, rows) = match csv::table(bytes) {
        Ok(t) => t,
        Err(e) => {
            out.errors.push(e.to_string());
            return out;
        }
    };
    let Some((n_col, v_col)) = columns(&header) else {
        out.errors.push(
            "Ligne 1 : l’en-tête doit nommer les colonnes « numéro » (du projet) et « votes »."
                .into(),
        );
        return out;
    };
    let mut seen = std::collections::HashMap::new();
    for r in &rows {
        if r.fields().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |i: usize| r.get(i).unwrap_or("").trim();
        let number = get(n_col)
            .trim_start_matches(['n', 'N', '°', ' '])
            .parse::<u32>();
        let votes = get(v_col)
            .replace([' ', '\u{a0}', '\u{202f}'], "")
            .parse::<u32>();
        let mut problems = Vec::new();
        if number.is_err() {
            problems.push(format!("numéro « {} » illisible", get(n_col)));
        }
        if votes.is_err() {
            problems.push(format!(
                "votes « {} » : un nombre entier est attendu",
                get(v_col)
            ));
        }
        if let Ok(n) = number
            && let Some(first) = seen.insert(n, r.line)
        {
            problems.push(format!("projet n° {n} déjà donné ligne {first}"));
        }
        match (number, votes) {
            (Ok(n), Ok(v)) if problems.is_empty() => out.lines.push((r.line, n, v)),
            _ => out.errors.push(csv::line_error(r.line, &problems)),
        }
    }
    if out.lines.is_empty() && out.errors.is_empty() {
        out.errors.push(csv::NO_ROWS.into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_are_read_and_a_bad_line_named() {
        let ok = parse("Numéro;Titre;Votes\n1;Bancs;1 204\n2;Arbres;87\n".as_bytes());
        assert!(ok.is_clean());
        assert_eq!(ok.lines, [(2, 1, 1204), (3, 2, 87)]);
        let bad = parse("numero;votes\n1;12\n1;13\nx;-4\n".as_bytes());
        assert_eq!(
            bad.errors,
            [
                "Ligne 3 : projet n° 1 déjà donné ligne 2.",
                "Ligne 4 : numéro « x » illisible ; votes « -4 » : un nombre entier est attendu."
            ]
        );
    }
}
