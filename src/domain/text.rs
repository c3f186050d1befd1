//! French formatting: dates through chrono's `fr_FR` locale, numbers and amounts with
//! narrow no-break spaces, and typography (« », spaces before ; : ! ?).

use chrono::{Locale, NaiveDate, NaiveTime};

/// Narrow no-break space (U+202F), before ; ! ? and inside « ».
pub const NNBSP: char = '\u{202F}';
/// No-break space (U+00A0), before the colon.
pub const NBSP: char = '\u{00A0}';

/// "29 novembre 2026", "1er septembre 2026".
pub fn date_long(date: NaiveDate) -> String {
    use chrono::Datelike;
    let day = if date.day() == 1 {
        "1er".to_string()
    } else {
        date.day().to_string()
    };
    format!("{day} {}", date.format_localized("%B %Y", Locale::fr_FR))
}

/// "dimanche 29 novembre 2026".
pub fn date_with_weekday(date: NaiveDate) -> String {
    format!(
        "{} {}",
        date.format_localized("%A", Locale::fr_FR),
        date_long(date)
    )
}

/// "sam. 5 déc. 2026", for table cells.
pub fn date_compact(date: NaiveDate) -> String {
    date.format_localized("%a %-d %b %Y", Locale::fr_FR)
        .to_string()
}

/// "0,1538": a number with four decimals and the French comma.
pub fn decimal(x: f64) -> String {
    format!("{x:.4}").replace('.', ",")
}

/// "29/11/2026".
pub fn date_short(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// "18 h 30", "9 h".
pub fn time(t: NaiveTime) -> String {
    use chrono::Timelike;
    if t.minute() == 0 {
        format!("{}{NBSP}h", t.hour())
    } else {
        format!("{}{NBSP}h{NBSP}{:02}", t.hour(), t.minute())
    }
}

/// "1 234 567" with narrow no-break spaces between thousands.
pub fn integer(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// An amount as a form field shows it for editing, « 12500,50 » (what
/// `parse::euros` reads back); none is an empty field.
pub fn amount_field(cents: Option<i64>) -> String {
    cents
        .map(|c| format!("{},{:02}", c / 100, c % 100))
        .unwrap_or_default()
}

/// "12 500,00 €" from an amount in cents.
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!(
        "{sign}{},{:02}{NBSP}€",
        integer((abs / 100) as i64),
        abs % 100
    )
}

/// "42,5 %" from a ratio in 0..=1, one decimal.
pub fn percent(ratio: f64) -> String {
    let tenths = (ratio * 1000.0).round() as i64;
    let (whole, decimal) = (tenths / 10, tenths % 10);
    if decimal == 0 {
        format!("{whole}{NNBSP}%")
    } else {
        format!("{whole},{decimal}{NNBSP}%")
    }
}

/// A hash in groups of eight characters, to read aloud and compare by eye.
pub fn grouped(hash: &str) -> String {
    hash.as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// « text » with narrow no-break spaces.
pub fn quoted(text: &str) -> String {
    format!("«{NNBSP}{text}{NNBSP}»")
}

/// Applies French typography to free text: a no-break space before `:` and a narrow
/// one before `; ! ?` and inside « », replacing an ordinary space if there is one,
/// and the typographic apostrophe ’ in place of '.
/// Leaves URLs' `://`, Windows paths' `C:\` and times like `18:30` alone.
pub fn typography(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let space_before = match c {
            ';' | '!' | '?' | '»' => Some(NNBSP),
            ':' if !matches!(next, Some('/' | '\\'))
                && !prev.is_some_and(|p| p.is_ascii_digit()) =>
            {
                Some(NBSP)
            }
            _ => None,
        };
        if let Some(space) = space_before {
            match prev {
                Some(' ') => {
                    out.pop();
                    out.push(space);
                }
                Some(p) if !matches!(p, NNBSP | NBSP | '!' | '?' | ';' | '\n') => out.push(space),
                _ => {}
            }
        }
        out.push(if c == '\'' { '’' } else { c });
        prev = Some(c);
        if c == '«' && !matches!(next, Some(NNBSP | NBSP) | None) {
            if next == Some(' ') {
                chars.next();
            }
            out.push(NNBSP);
            prev = Some(NNBSP);
        }
    }
    out
}

/// Lower-case ASCII for names of files and addresses: accents folded, anything else
/// that is not a letter or digit becomes '-' ("Note de synthèse" → "note-de-synthese").
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' => out.push('i'),
            'ô' | 'ö' => out.push('o'),
            'ù' | 'û' | 'ü' => out.push('u'),
            'ç' => out.push('c'),
            'œ' => out.push_str("oe"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push('-'),
        }
    }
    out
}

/// Lower case without accents, for sorting and matching names the French way
/// ("Élodie" sorts with "elodie", "œ" reads "oe").
pub fn sort_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            _ => out.push(c),
        }
    }
    out
}

/// Bytes as lowercase hexadecimal, two digits each (hashes, keys).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_field_reads_back_as_the_same_amount() {
        assert_eq!(amount_field(None), "");
        assert_eq!(amount_field(Some(1_250_050)), "12500,50");
        assert_eq!(
            crate::domain::parse::euros(&amount_field(Some(1_250_050))).unwrap(),
            1_250_050
        );
        assert_eq!(crate::domain::parse::opt_euros(" ").unwrap(), None);
    }

    #[test]
    fn sort_key_folds_case_and_accents() {
        assert_eq!(sort_key("ÉLODIE Cœur"), "elodie coeur");
        let mut names = vec!["Zoé", "Émile", "eric", "Ève"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["Émile", "eric", "Ève", "Zoé"]);
    }

    #[test]
    fn french_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(date_long(d), "29 novembre 2026");
        assert_eq!(date_with_weekday(d), "dimanche 29 novembre 2026");
        assert_eq!(date_short(d), "29/11/2026");
        assert_eq!(
            date_long(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()),
            "1er septembre 2026"
        );
        assert_eq!(
            date_compact(NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()),
            "sam. 5 déc. 2026"
        );
    }

    #[test]
    fn numbers_and_amounts() {
        assert_eq!(integer(1234567), "1\u{202F}234\u{202F}567");
        assert_eq!(integer(999), "999");
        assert_eq!(euros(1_250_000), "12\u{202F}500,00\u{A0}€");
        assert_eq!(euros(-5), "-0,05\u{A0}€");
        assert_eq!(percent(0.425), "42,5\u{202F}%");
        assert_eq!(percent(1.0), "100\u{202F}%");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Note de synthèse"), "note-de-synthese");
        assert_eq!(slug("Hélène"), "helene");
        assert_eq!(slug("Le Goff"), "le-goff");
        assert_eq!(slug("Île Verte d'Œuvre"), "ile-verte-d-oeuvre");
    }

    #[test]
    fn typography_spaces() {
        assert_eq!(typography("Pourquoi ?"), "Pourquoi\u{202F}?");
        assert_eq!(typography("Note:"), "Note\u{A0}:");
        assert_eq!(typography("« climat »"), "«\u{202F}climat\u{202F}»");
        assert_eq!(
            typography("à 18:30, voir https://x"),
            "à 18:30, voir https://x"
        );
        assert_eq!(typography("a ; b"), "a\u{202F}; b");
        assert_eq!(typography("l'été"), "l’été");
    }

    #[test]
    fn typography_leaves_windows_paths_alone() {
        assert_eq!(
            typography("fichier écrit : C:\\Users\\Hélène\\note.pdf."),
            "fichier écrit\u{A0}: C:\\Users\\Hélène\\note.pdf."
        );
        assert_eq!(
            typography("verrou « D:/agora »"),
            "verrou «\u{202F}D:/agora\u{202F}»"
        );
    }
}
