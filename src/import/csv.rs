//! CSV as Excel writes it in France: UTF-8 with or without BOM, or Windows-1252;
//! separator `;`, `,` or tab, found from the header line; quoted fields that may hold
//! separators, doubled quotes and newlines. Every record keeps the line number a
//! person sees in Excel (the header is line 1). A file that declares UTF-8 (BOM) but
//! is not, or holds a NUL byte, is refused with its line. A leading apostrophe before
//! a formula character (how Agora's exports neutralise formulas) is removed, so an
//! exported file reads back as it was.

use thiserror::Error;

/// A file that cannot be read as CSV.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CsvError {
    #[error("Le fichier est vide.")]
    Empty,
    #[error("Ligne {line} : un guillemet ouvert n’est jamais refermé.")]
    UnclosedQuote { line: usize },
    #[error(
        "Ligne {line} : le fichier s’annonce en UTF-8 (marque d’ordre des octets) mais contient un octet invalide ; réenregistrez-le en « CSV UTF-8 »."
    )]
    InvalidUtf8 { line: usize },
    #[error("Ligne {line} : caractère nul (octet 0) ; ce n’est pas un fichier texte.")]
    Nul { line: usize },
}

/// Reads a file's records: decoded, split, each field trimmed.
pub fn read(bytes: &[u8]) -> Result<Vec<Record>, CsvError> {
    records(&decode(bytes)?)
}

/// One record: its line number (the header is 1) and its fields, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The text of a file: UTF-8 (BOM removed) when it is valid UTF-8, else
/// Windows-1252 — unless a BOM said UTF-8. A NUL byte is refused either way.
pub fn decode(bytes: &[u8]) -> Result<String, CsvError> {
    let line_at = |i: usize| 1 + bytes[..i].iter().filter(|&&b| b == b'\n').count();
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(CsvError::Nul { line: line_at(i) });
    }
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => (true, body),
        None => (false, bytes),
    };
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) if bom => Err(CsvError::InvalidUtf8 {
            line: line_at(3 + e.valid_up_to()),
        }),
        Err(_) => Ok(body.iter().map(|&b| windows_1252(b)).collect()),
    }
}

/// A field as read: trimmed, and without the one apostrophe that neutralises a
/// formula (before `=`, `+`, `-`, `@`, tab or CR, or before more apostrophes that
/// precede one).
fn field_value(raw: &str) -> String {
    let s = raw.trim();
    match s.strip_prefix('\'') {
        Some(rest)
            if rest
                .trim_start_matches('\'')
                .starts_with(['=', '+', '-', '@', '\t', '\r']) =>
        {
            rest.to_string()
        }
        _ => s.to_string(),
    }
}

/// One Windows-1252 byte as a character.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The separator of a file: the one of `;`, tab, `,` most present in its first line
/// (outside quotes), `;` when none is.
pub fn separator(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        ';'
    } else {
        [';', '\t', ','][best]
    }
}

/// Splits decoded text into records; blank lines are skipped.
pub fn records(text: &str) -> Result<Vec<Record>, CsvError> {
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let sep = separator(text);
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == sep => fields.push(field_value(&std::mem::take(&mut field))),
            '\r' => {}
            '\n' => {
                fields.push(field_value(&std::mem::take(&mut field)));
                if fields.iter().any(|f| !f.is_empty()) {
                    out.push(Record {
                        line: start,
                        fields: std::mem::take(&mut fields),
                    });
                } else {
                    fields.clear();
                }
                line += 1;
                start = line;
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(CsvError::UnclosedQuote { line: start });
    }
    fields.push(field_value(&field));
    if fields.iter().any(|f| !f.is_empty()) {
        out.push(Record {
            line: start,
            fields,
        });
    }
    Ok(out)
}

/// Lower case without accents or surrounding spaces, to recognise headers and labels.
pub fn key(s: &str) -> String {
    crate::domain::text::sort_key(s.trim())
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_and_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFn\xC2\xB0;\xC3\xA9").unwrap(), "n°;é");
        assert_eq!(decode(b"\xE9t\xE9 \x9C\x92").unwrap(), "été œ’");
        // A BOM says UTF-8: an invalid byte is an error on its line, not Windows-1252.
        assert_eq!(
            decode(b"\xEF\xBB\xBFnom\r\nH\xE9l\xE8ne\r\n"),
            Err(CsvError::InvalidUtf8 { line: 2 })
        );
        assert_eq!(
            decode(b"nom\nMartin\nDu\x00pont\n"),
            Err(CsvError::Nul { line: 3 })
        );
    }

    #[test]
    fn finds_the_separator_and_reads_quotes_and_newlines() {
        let text = "numéro;statut;réponse\r\n3;acceptée;\"Oui; avec \"\"réserves\"\",\nvoir note\"\r\n\r\n4;refusée;non\n";
        assert_eq!(separator(text), ';');
        let r = records(text).unwrap();
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].line, 2);
        assert_eq!(r[1].fields[2], "Oui; avec \"réserves\",\nvoir note");
        assert_eq!(r[2].line, 5, "the line a person sees in Excel");
        assert_eq!(separator("a,b,c\n1,2,3"), ',');
        assert_eq!(separator("a\tb\n"), '\t');
        assert_eq!(
            records("a;b\n1;\"2\n"),
            Err(CsvError::UnclosedQuote { line: 2 })
        );
        assert_eq!(records("  \n"), Err(CsvError::Empty));
        assert_eq!(key(" Numéro "), "numero");
    }
}
