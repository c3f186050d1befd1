//! The follow-up CSV of a convention's proposals: one line per proposal with its
//! number, status, progress and (optionally) the city's answer. Checked line by line
//! before anything is applied.

use crate::domain::codes::ProposalStatus;

use super::csv::{self, Record};

/// One checked line.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowupLine {
    pub line: usize,
    pub number: u32,
    pub status: ProposalStatus,
    pub progress: u8,
    pub answer: String,
}

/// What a file gave: the good lines and the errors, each naming its line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Followup {
    pub lines: Vec<FollowupLine>,
    pub errors: Vec<String>,
}

impl FollowupLine {
    /// What the line will do, in one French sentence (typeset by the caller):
    /// « Ligne 3 : proposition n° 12 → Acceptée, 40 % , réponse « … » ».
    pub fn summary(&self) -> String {
        format!(
            "Ligne {} : proposition n° {} → {}, {}\u{202F}%{}",
            self.line,
            self.number,
            self.status.label(),
            self.progress,
            if self.answer.is_empty() {
                String::new()
            } else {
                format!(", réponse « {} »", self.answer)
            }
        )
    }
}

impl Followup {
    /// Nothing may be applied while one line is wrong.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && !self.lines.is_empty()
    }
}

/// A status from its French label or its code, accents and case ignored.
pub fn status(s: &str) -> Option<ProposalStatus> {
    let k = csv::key(s);
    ProposalStatus::ALL
        .iter()
        .copied()
        .find(|st| csv::key(st.label()) == k || csv::key(st.code()) == k)
}

/// Which column holds what, from the header (French or English names).
fn columns(header: &Record) -> Result<[usize; 4], String> {
    let find = |names: &[&str]| {
        header
            .fields()
            .position(|f| names.contains(&csv::key(f).as_str()))
    };
    let number = find(&["numero", "n", "no", "num", "number", "proposition"]);
    let status = find(&["statut", "status", "etat"]);
    let progress = find(&["avancement", "progression", "progress"]);
    let answer = find(&["reponse", "answer", "commentaire"]);
    match (number, status) {
        (Some(n), Some(s)) => Ok([
            n,
            s,
            progress.unwrap_or(usize::MAX),
            answer.unwrap_or(usize::MAX),
        ]),
        _ => Err(
            "Ligne 1 : l’en-tête doit nommer au moins les colonnes « numéro » et « statut » \
             (puis « avancement » et « réponse »)."
                .into(),
        ),
    }
}

/// Reads a follow-up file.
pub fn parse(bytes: &[u8]) -> Followup {
    let mut out = Followup::default();
    let (header, rows) = match csv::table(bytes) {
        Ok(t) => t,
        Err(e) => {
            out.errors.push(e.to_string());
            return out;
        }
    };
    let [n_col, s_col, p_col, a_col] = match columns(&header) {
        Ok(c) => c,
        Err(e) => {
            out.errors.push(e);
            return out;
        }
    };
    let mut seen = std::collections::HashMap::new();
    for r in &rows {
        let get = |i: usize| r.get(i).unwrap_or("");
        let mut problems = Vec::new();
        if r.len() > header.len() {
            problems.push(format!("{} colonnes au lieu de {}", r.len(), header.len()));
        }
        let number = get(n_col)
            .trim_start_matches(['n', 'N', '°', ' '])
            .parse::<u32>();
        if number.is_err() {
            problems.push(format!("numéro « {} » illisible", get(n_col)));
        }
        let st = status(get(s_col));
        if st.is_none() {
            problems.push(format!(
                "statut « {} » inconnu (attendus : {})",
                get(s_col),
                ProposalStatus::ALL
                    .iter()
                    .map(|s| s.label().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let raw_progress = get(p_col).trim_end_matches(['%', ' ', '\u{202F}', '\u{A0}']);
        let progress = if raw_progress.is_empty() {
            Ok(0)
        } else {
            raw_progress
                .parse::<u8>()
                .map_err(|_| ())
                .and_then(|p| if p <= 100 { Ok(p) } else { Err(()) })
        };
        if progress.is_err() {
            problems.push(format!("avancement « {} » hors de 0 à 100", get(p_col)));
        }
        if let Ok(n) = number
            && let Some(first) = seen.insert(n, r.line)
        {
            problems.push(format!("proposition n° {n} déjà donnée ligne {first}"));
        }
        match (number, st, progress) {
            (Ok(number), Some(status), Ok(progress)) if problems.is_empty() => {
                out.lines.push(FollowupLine {
                    line: r.line,
                    number,
                    status,
                    progress,
                    answer: get(a_col).to_string(),
                })
            }
            _ => out.errors.push(csv::line_error(r.line, &problems)),
        }
    }
    if rows.is_empty() {
        out.errors.push(csv::NO_ROWS.into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_and_a_bad_one() {
        let good = "Numéro;Statut;Avancement;Réponse\n1;Acceptée;40 %;\"Étude lancée; budget voté\"\n2;en cours;;\n";
        let f = parse(good.as_bytes());
        assert!(f.is_clean(), "{:?}", f.errors);
        assert_eq!(f.lines[0].status, ProposalStatus::Accepted);
        assert_eq!(f.lines[0].progress, 40);
        assert_eq!(f.lines[0].answer, "Étude lancée; budget voté");
        assert_eq!(f.lines[1].status, ProposalStatus::InProgress);

        let bad = "numero;statut;avancement;reponse\n1;acceptee;120;x\nquatre;réalisée;10;\n3;peut-être;;\n1;refusée;;;extra\n";
        let f = parse(bad.as_bytes());
        assert!(!f.is_clean());
        assert_eq!(f.errors.len(), 4, "{:?}", f.errors);
        assert!(f.errors[0].starts_with("Ligne 2 : avancement « 120 »"));
        assert!(f.errors[1].starts_with("Ligne 3 : numéro « quatre »"));
        assert!(f.errors[2].starts_with("Ligne 4 : statut « peut-être » inconnu"));
        assert!(f.errors[3].contains("5 colonnes au lieu de 4"));
        assert!(f.errors[3].contains("déjà donnée ligne 2"));
        assert!(!parse(b"a;b\n1;2\n").is_clean());
    }
}
