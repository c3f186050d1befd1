//! The draw's files in the format practitioners already use (the Sortition
//! Foundation's `sortition-algorithms`): a categories file `feature,value,min,max`
//! (older files: `category,name,min,max`; `min_flex,max_flex` accepted and ignored) and
//! a people file with an id column and one column per feature. Read from Excel's
//! encodings and separators like every import; written as plain UTF-8 with commas.

use super::csv::{self, Record};
use crate::domain::sortition::{Quota, Volunteer};

/// A file that cannot be read as a draw file, with the line a person sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawFileError {
    #[error("{0}")]
    Csv(#[from] csv::CsvError),
    #[error("En-tête non reconnu : il faut les colonnes {0}.")]
    Header(&'static str),
    #[error("Ligne {line} : {problem}.")]
    Line { line: usize, problem: String },
}

fn read(bytes: &[u8]) -> Result<(Vec<String>, Vec<Record>), DrawFileError> {
    let mut records = csv::read(bytes)?;
    if records.is_empty() {
        return Err(csv::CsvError::Empty.into());
    }
    let header = records.remove(0).fields().map(csv::key).collect();
    Ok((header, records))
}

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| names.contains(&h.as_str()))
}

/// Reads a categories (quotas) file.
pub fn read_quotas(bytes: &[u8]) -> Result<Vec<Quota>, DrawFileError> {
    const NEED: &str = "feature, value, min, max (ou category, name, min, max ; en français critère, valeur, min, max)";
    let (header, records) = read(bytes)?;
    let feature =
        column(&header, &["feature", "category", "critere"]).ok_or(DrawFileError::Header(NEED))?;
    let value = column(&header, &["value", "name", "valeur"]).ok_or(DrawFileError::Header(NEED))?;
    let min = column(&header, &["min", "minimum"]).ok_or(DrawFileError::Header(NEED))?;
    let max = column(&header, &["max", "maximum"]).ok_or(DrawFileError::Header(NEED))?;
    records
        .iter()
        .map(|r| {
            let field = |i: usize| r.get(i).map(str::trim).unwrap_or("");
            let number = |i: usize, what: &str| {
                field(i).parse::<u32>().map_err(|_| DrawFileError::Line {
                    line: r.line,
                    problem: format!("{what} « {} » : un nombre entier est attendu", field(i)),
                })
            };
            if field(feature).is_empty() || field(value).is_empty() {
                return Err(DrawFileError::Line {
                    line: r.line,
                    problem: "critère ou valeur manquant".into(),
                });
            }
            let q = Quota {
                criterion: field(feature).to_string(),
                value: field(value).to_string(),
                min: number(min, "minimum")?,
                max: number(max, "maximum")?,
            };
            q.validate().map_err(|e| DrawFileError::Line {
                line: r.line,
                problem: e.to_string().trim_end_matches('.').to_string(),
            })?;
            Ok(q)
        })
        .collect()
}

/// Reads a people (pool) file: the id column is `id`, `identifiant`, `pseudonyme` or
/// `nationbuilder_id`, else the first column; every other column is an attribute.
pub fn read_pool(bytes: &[u8]) -> Result<Vec<Volunteer>, DrawFileError> {
    let mut records = csv::read(bytes)?;
    if records.is_empty() {
        return Err(csv::CsvError::Empty.into());
    }
    let names: Vec<String> = records.remove(0).to_vec();
    let keys: Vec<String> = names.iter().map(|h| csv::key(h)).collect();
    let id = column(
        &keys,
        &["id", "identifiant", "pseudonyme", "nationbuilderid"],
    )
    .unwrap_or(0);
    records
        .iter()
        .map(|r| {
            if r.len() != names.len() {
                return Err(DrawFileError::Line {
                    line: r.line,
                    problem: format!("{} colonne(s) au lieu de {}", r.len(), names.len()),
                });
            }
            let pseudonym = r.get(id).unwrap_or_default().trim();
            if pseudonym.is_empty() {
                return Err(DrawFileError::Line {
                    line: r.line,
                    problem: "identifiant manquant".into(),
                });
            }
            Ok(Volunteer {
                pseudonym: pseudonym.to_string(),
                attributes: names
                    .iter()
                    .zip(r.fields())
                    .enumerate()
                    .filter(|(i, _)| *i != id)
                    .map(|(_, (n, v))| (n.trim().to_string(), v.trim().to_string()))
                    .collect(),
            })
        })
        .collect()
}

/// Column names that hold identities, which a pool never keeps: names, addresses,
/// phone numbers, emails, birth dates.
const IDENTITY: &[&str] = &[
    "nom",
    "prenom",
    "nomdusage",
    "email",
    "courriel",
    "mail",
    "telephone",
    "tel",
    "portable",
    "adresse",
    "adressepostale",
    "codepostal",
    "ville",
    "datedenaissance",
    "naissance",
];

/// Removes identity columns from the volunteers' attributes (the draw sees pseudonyms
/// and profile values only) and names the columns removed.
pub fn without_identities(pool: Vec<Volunteer>) -> (Vec<Volunteer>, Vec<String>) {
    let mut dropped: Vec<String> = Vec::new();
    let pool = pool
        .into_iter()
        .map(|mut v| {
            v.attributes.retain(|(c, _)| {
                let identity = IDENTITY.contains(&csv::key(c).as_str());
                if identity && !dropped.contains(c) {
                    dropped.push(c.clone());
                }
                !identity
            });
            v
        })
        .collect();
    (pool, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_headers_and_other_separators_are_read() {
        // The round trip through the writers is tested beside them, in export::csv.
        let quotas = read_quotas(
            b"category,name,min,max,min_flex,max_flex\ngenre,Femme,2,3,0,4\ngenre,Homme,2,3,0,4\n",
        )
        .unwrap();
        assert_eq!(quotas[1].value, "Homme");
        let pool = read_pool(
            "nationbuilder_id;genre;âge\nV-1;Femme;18-24\nV-2;Homme;\"75+\"\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(pool[1].value("âge"), Some("75+"));
    }

    #[test]
    fn bad_lines_are_named() {
        assert_eq!(
            read_quotas(b"feature,value,min,max\ngenre,Femme,deux,3\n").unwrap_err(),
            DrawFileError::Line {
                line: 2,
                problem: "minimum « deux » : un nombre entier est attendu".into()
            }
        );
        assert!(matches!(
            read_quotas(b"a,b\n1,2\n"),
            Err(DrawFileError::Header(_))
        ));
        assert!(matches!(
            read_pool(b"id,genre\nV-1\n"),
            Err(DrawFileError::Line { line: 2, .. })
        ));
    }
}
