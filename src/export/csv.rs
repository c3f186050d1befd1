//! Every CSV Agora writes: Excel-FR files for people (`;`, CRLF, UTF-8 with BOM) and
//! the draw's files in the `sortition-algorithms` format (`,`). A free-text cell that
//! a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab, CR) gets a
//! leading apostrophe, which spreadsheets show as a text marker and Agora's readers
//! remove again; a number or phone cell is written as it is as long as it holds
//! nothing but digits and number punctuation (`+33 6 12 34 56 78`, `-1,5`).

use std::borrow::Cow;

use crate::domain::sortition::{Quota, Volunteer};

/// The characters a spreadsheet reads as the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A free-text cell made harmless: a leading apostrophe before a formula character
/// (and before apostrophes that precede one, so that a cell typed « '=x » reads back
/// as typed: the readers remove exactly one).
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if s.trim_start_matches('\'').starts_with(FORMULA_START) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// A number or phone cell: written as it is when it holds only digits, spaces and
/// `+ - . , ( ) /`; anything else is free text.
fn number(s: &str) -> Cow<'_, str> {
    if s.chars()
        .all(|c| c.is_ascii_digit() || " +-.,()/\u{a0}".contains(c))
    {
        Cow::Borrowed(s)
    } else {
        neutralise(s)
    }
}

/// Quotes a cell when it holds the separator, a quote or a line break.
fn quoted(s: &str, separator: char) -> String {
    if s.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A free-text cell of an Excel-FR file.
pub fn csv_cell(s: &str) -> String {
    quoted(&neutralise(s), ';')
}

/// A number or phone cell of an Excel-FR file.
pub fn number_cell(s: &str) -> String {
    quoted(&number(s), ';')
}

/// One Excel-FR line of free-text cells: `;` between them, CRLF at the end.
pub fn csv_line(cells: &[&str]) -> String {
    let mut line = cells
        .iter()
        .map(|x| csv_cell(x))
        .collect::<Vec<_>>()
        .join(";");
    line.push_str("\r\n");
    line
}

/// A free-text cell of a `sortition-algorithms` file.
fn comma_cell(s: &str) -> String {
    quoted(&neutralise(s), ',')
}

/// Writes a categories file: `feature,value,min,max`.
pub fn write_quotas(quotas: &[Quota]) -> String {
    let mut out = String::from("feature,value,min,max\n");
    for q in quotas {
        out.push_str(&format!(
            "{},{},{},{}\n",
            comma_cell(&q.criterion),
            comma_cell(&q.value),
            q.min,
            q.max
        ));
    }
    out
}

/// Writes a people file: `id` then one column per criterion, in the order given.
pub fn write_pool(pool: &[Volunteer], criteria: &[String]) -> String {
    let mut out = String::from("id");
    for c in criteria {
        out.push(',');
        out.push_str(&comma_cell(c));
    }
    out.push('\n');
    for v in pool {
        out.push_str(&comma_cell(&v.pseudonym));
        for c in criteria {
            out.push(',');
            out.push_str(&comma_cell(v.value(c).unwrap_or("")));
        }
        out.push('\n');
    }
    out
}

/// Writes a panel file: `id` then one id a line (what `agora draw verify` reads).
pub fn write_panel<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from("id\n");
    for id in ids {
        out.push_str(&comma_cell(id));
        out.push('\n');
    }
    out
}

/// Writes each volunteer's selection probability: `id,probability`.
pub fn write_probabilities<'a>(people: impl IntoIterator<Item = (&'a str, f64)>) -> String {
    let mut out = String::from("id,probability\n");
    for (id, p) in people {
        out.push_str(&format!("{},{p:.6}\n", comma_cell(id)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sortition::{read_pool, read_quotas};

    #[test]
    fn formulas_are_neutralised_in_text_not_in_numbers() {
        for formula in ["=1+1", "+SOMME(A1)", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(formula).trim_start_matches('"').starts_with('\''));
        }
        assert_eq!(csv_cell("a;b"), "\"a;b\"");
        assert_eq!(csv_cell("dit \"oui\""), "\"dit \"\"oui\"\"\"");
        assert_eq!(number_cell("+33 6 12 34 56 78"), "+33 6 12 34 56 78");
        assert_eq!(number_cell("-1,5"), "-1,5");
        assert_eq!(
            number_cell("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
    }

    #[test]
    fn the_draw_files_round_trip_through_the_readers() {
        let quotas = read_quotas(
            b"feature,value,min,max\ngenre,Femme,2,3\ngenre,Homme,2,3\n\xc3\xa2ge,+65 ans,0,2\n",
        )
        .unwrap();
        assert_eq!(
            read_quotas(write_quotas(&quotas).as_bytes()).unwrap(),
            quotas
        );
        assert!(write_quotas(&quotas).contains("'+65 ans"));
        let pool =
            read_pool(b"id,genre,\xc3\xa2ge\n=1,Femme,+65 ans\np2,\"Homme, cis\",18-24\n").unwrap();
        let criteria = vec!["genre".to_string(), "âge".to_string()];
        assert_eq!(
            read_pool(write_pool(&pool, &criteria).as_bytes()).unwrap(),
            pool
        );
    }
}
