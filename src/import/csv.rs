//! CSV as Excel writes it in France: UTF-8 with or without BOM, Windows-1252, or the
//! UTF-16 of Excel's « Texte Unicode »; separator `;`, `,` or tab, found from the
//! header line; quoted fields that may hold separators, doubled quotes and newlines.
//! Every record keeps the line number a person sees in Excel (the header is line 1).
//! A file that declares UTF-8 (BOM) but is not, or holds a NUL byte, is refused with
//! its line. A leading apostrophe before a formula character (how Agora's exports
//! neutralise formulas) is removed, so an exported file reads back as it was.
//!
//! A thin layer over `encoding_rs` (the encodings) and the `csv` crate (the records):
//! what is Excel-French (the separator, the line numbers, blank lines skipped,
//! trimming, the apostrophe, an unclosed quote refused) is here.

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

/// What an import says of a file with a header and nothing below it.
pub const NO_ROWS: &str = "Le fichier n’a pas de ligne après l’en-tête.";

/// « Ligne 3 : nom manquant ; date illisible. »: what is wrong with one line.
pub fn line_error(line: usize, problems: &[String]) -> String {
    format!("Ligne {line} : {}.", problems.join(" ; "))
}

/// A file's header and the records below it; an empty file is refused.
pub fn table(bytes: &[u8]) -> Result<(Record, Vec<Record>), CsvError> {
    let mut records = read(bytes)?.into_iter();
    let header = records.next().ok_or(CsvError::Empty)?;
    Ok((header, records.collect()))
}

/// One record: its line number (the header is 1) and its fields, trimmed, held in one
/// string with where each field ends (a file of 100,000 rows is two allocations a
/// row, not one a field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    text: Box<str>,
    ends: Box<[usize]>,
}

impl Record {
    /// A record of these fields.
    pub fn new<S: AsRef<str>>(line: usize, fields: impl IntoIterator<Item = S>) -> Record {
        let (mut text, mut ends) = (String::new(), Vec::new());
        for f in fields {
            text.push_str(f.as_ref());
            ends.push(text.len());
        }
        Record {
            line,
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
        }
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No field at all.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, if the record has it.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    /// The fields in order.
    pub fn fields(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// The fields as strings of their own (a header, a row kept whole).
    pub fn to_vec(&self) -> Vec<String> {
        self.fields().map(str::to_string).collect()
    }
}

/// The text of a file: UTF-8 (BOM removed) when it is valid UTF-8, UTF-16 when a BOM
/// says so, else Windows-1252 — unless a BOM said UTF-8. A NUL byte is refused in an
/// 8-bit file.
pub fn decode(bytes: &[u8]) -> Result<String, CsvError> {
    let line_at = |i: usize| 1 + bytes[..i].iter().filter(|&&b| b == b'\n').count();
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            // UTF-16: every other byte of ASCII text is 0, so NUL is judged after decoding.
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
            match text.find('\0') {
                Some(i) => Err(CsvError::Nul {
                    line: 1 + text[..i].matches('\n').count(),
                }),
                None => Ok(text.into_owned()),
            }
        }
        found => {
            if let Some(i) = bytes.iter().position(|&b| b == 0) {
                return Err(CsvError::Nul { line: line_at(i) });
            }
            let bom = found.map_or(0, |(_, n)| n);
            match std::str::from_utf8(&bytes[bom..]) {
                Ok(s) => Ok(s.to_string()),
                Err(e) if bom > 0 => Err(CsvError::InvalidUtf8 {
                    line: line_at(bom + e.valid_up_to()),
                }),
                Err(_) => Ok(encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned()),
            }
        }
    }
}

/// A field as read: trimmed, and without the one apostrophe that neutralises a
/// formula (before `=`, `+`, `-`, `@`, tab or CR, or before more apostrophes that
/// precede one).
fn field_value(raw: &str) -> String {
    // A line break inside a quoted cell reads as Excel shows it: one LF.
    let unix;
    let raw = if raw.contains("\r\n") {
        unix = raw.replace("\r\n", "\n");
        unix.as_str()
    } else {
        raw
    };
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
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(sep as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // (line, byte) where the last record starts. The line is counted here from the
    // byte offset: the crate's own line count skips the line breaks inside quoted
    // fields and blank lines, which Excel counts.
    let mut last_start = (1, 0);
    for record in reader.byte_records() {
        // The text is UTF-8 and every field is cut at an ASCII separator: reading
        // cannot fail, and each field is valid UTF-8.
        let Ok(record) = record else { continue };
        let byte = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
            .clamp(last_start.1, text.len());
        // After a CR the crate's offset points at the LF that ends that line.
        let byte = byte
            + text.as_bytes()[byte..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        let position = (last_start.0 + line_breaks(text, last_start.1..byte), byte);
        last_start = position;
        let fields: Vec<String> = record
            .iter()
            .map(|f| field_value(&String::from_utf8_lossy(f)))
            .collect();
        if fields.iter().any(|f| !f.is_empty()) {
            out.push(Record::new(position.0, fields));
        }
    }
    if ends_inside_quotes(&text[last_start.1..], sep) {
        return Err(CsvError::UnclosedQuote { line: last_start.0 });
    }
    Ok(out)
}

/// The line breaks in a range of the text as a spreadsheet counts them: LF, CRLF, or
/// a CR alone.
fn line_breaks(text: &str, range: std::ops::Range<usize>) -> usize {
    let bytes = text.as_bytes();
    range
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Whether the last record of a file leaves a quoted field open (the `csv` crate
/// closes it at the end of the file without saying so): the states of its reader, on
/// the text from that record's first byte.
fn ends_inside_quotes(tail: &str, sep: char) -> bool {
    #[derive(PartialEq)]
    enum At {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut at = At::FieldStart;
    for c in tail.chars() {
        let end_of_field = c == sep || c == '\n' || c == '\r';
        at = match at {
            At::FieldStart if c == '"' => At::Quoted,
            At::FieldStart | At::Unquoted | At::QuoteInQuoted if end_of_field => At::FieldStart,
            At::FieldStart | At::Unquoted => At::Unquoted,
            At::Quoted if c == '"' => At::QuoteInQuoted,
            At::Quoted => At::Quoted,
            At::QuoteInQuoted if c == '"' => At::Quoted,
            At::QuoteInQuoted => At::Unquoted,
        };
    }
    at == At::Quoted
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
        // Excel's « Texte Unicode »: UTF-16 little-endian with its BOM, tab-separated.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "nom\tville\r\nHélène\tÉchirolles\r\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(
            decode(&utf16).unwrap(),
            "nom\tville\r\nHélène\tÉchirolles\r\n"
        );
        let r = read(&utf16).unwrap();
        assert_eq!(r[1].to_vec(), ["Hélène", "Échirolles"]);
    }

    #[test]
    fn finds_the_separator_and_reads_quotes_and_newlines() {
        let text = "numéro;statut;réponse\r\n3;acceptée;\"Oui; avec \"\"réserves\"\",\nvoir note\"\r\n\r\n4;refusée;non\n";
        assert_eq!(separator(text), ';');
        let r = records(text).unwrap();
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].line, 2);
        assert_eq!(r[1].get(2).unwrap(), "Oui; avec \"réserves\",\nvoir note");
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
