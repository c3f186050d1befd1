//! An invitation list (addresses, an electoral list extract, a directory export) read
//! as Excel-FR CSV, and the sample drawn from it: N rows, optionally in proportion to
//! one column, with the named generator and the list's SHA-256 recorded.

use chrono::NaiveDate;
use thiserror::Error;

use super::csv::{self, CsvError};
use crate::domain::sortition::invitation::InvitationSample;
use crate::domain::sortition::{invitation, seed::sha256_hex};

/// Why no sample was drawn.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SampleError {
    #[error(transparent)]
    Csv(#[from] CsvError),
    #[error("Ligne {line} : {found} colonne(s) au lieu de {expected}.")]
    Width {
        line: usize,
        found: usize,
        expected: usize,
    },
    #[error("La colonne « {0} » n’existe pas dans la liste.")]
    NoColumn(String),
    #[error("Demandez au moins une ligne, et au plus les {0} de la liste.")]
    Size(usize),
    #[error("Indiquez la graine du tirage (par exemple la date et le lieu).")]
    NoSeed,
}

/// The list's header (first line) and rows.
pub fn read_list(bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>), SampleError> {
    let mut records = csv::read(bytes)?;
    if records.is_empty() {
        return Err(CsvError::Empty.into());
    }
    let header = records.remove(0).to_vec();
    let rows = records
        .into_iter()
        .filter(|r| r.fields().any(|f| !f.trim().is_empty()))
        .map(|r| {
            if r.len() == header.len() {
                Ok(r.to_vec())
            } else {
                Err(SampleError::Width {
                    line: r.line,
                    found: r.len(),
                    expected: header.len(),
                })
            }
        })
        .collect::<Result<_, _>>()?;
    Ok((header, rows))
}

/// Draws `n` rows of the list in `bytes`, in proportion to `stratum` when it names a
/// column.
pub fn draw(
    list_name: &str,
    bytes: &[u8],
    n: usize,
    stratum: Option<&str>,
    seed: &str,
    today: NaiveDate,
) -> Result<InvitationSample, SampleError> {
    if seed.trim().is_empty() {
        return Err(SampleError::NoSeed);
    }
    let (header, rows) = read_list(bytes)?;
    if n == 0 || n > rows.len() {
        return Err(SampleError::Size(rows.len()));
    }
    let strata: Vec<String> = match stratum.filter(|s| !s.trim().is_empty()) {
        Some(name) => {
            let col = header
                .iter()
                .position(|h| csv::key(h) == csv::key(name))
                .ok_or_else(|| SampleError::NoColumn(name.to_string()))?;
            rows.iter().map(|r| r[col].trim().to_string()).collect()
        }
        None => vec![String::new(); rows.len()],
    };
    let picked = invitation::sample(&strata, n, seed.trim());
    Ok(InvitationSample {
        id: 0,
        list_name: list_name.to_string(),
        list_sha256: sha256_hex(bytes),
        list_rows: rows.len() as u32,
        stratum: stratum.unwrap_or_default().trim().to_string(),
        seed: seed.trim().to_string(),
        drawn_on: today,
        header,
        rows: picked.into_iter().map(|i| rows[i].clone()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<u8> {
        let mut s = String::from("Nom;Adresse;Secteur\n");
        for i in 0..300 {
            s.push_str(&format!("Foyer {i};{i} rue des Alpes;{}\n", 1 + i % 3));
        }
        s.into_bytes()
    }

    #[test]
    fn a_stratified_sample_is_reproducible_and_proportional() {
        let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let a = draw(
            "adresses.csv",
            &list(),
            30,
            Some("secteur"),
            "graine",
            today,
        )
        .unwrap();
        let b = draw(
            "adresses.csv",
            &list(),
            30,
            Some("secteur"),
            "graine",
            today,
        )
        .unwrap();
        assert_eq!(a, b);
        assert_eq!(a.rows.len(), 30);
        assert_eq!(a.list_rows, 300);
        for s in ["1", "2", "3"] {
            assert_eq!(a.rows.iter().filter(|r| r[2] == s).count(), 10);
        }
        assert_eq!(a.header, vec!["Nom", "Adresse", "Secteur"]);
    }

    #[test]
    fn bad_requests_are_named() {
        let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(
            draw("a", &list(), 301, None, "g", today),
            Err(SampleError::Size(300))
        );
        assert_eq!(
            draw("a", &list(), 3, Some("quartier"), "g", today),
            Err(SampleError::NoColumn("quartier".into()))
        );
        assert_eq!(
            draw("a", &list(), 3, None, " ", today),
            Err(SampleError::NoSeed)
        );
        assert!(matches!(
            draw("a", b"A;B\n1;2;3\n", 1, None, "g", today),
            Err(SampleError::Width { line: 2, .. })
        ));
    }
}
