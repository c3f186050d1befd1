//! Reading what people type in forms: French dates, times and durations.

use chrono::{NaiveDate, NaiveTime};

use super::DomainError;

/// "14/11/2026", "14/11/26", "14-11-2026", "14.11.2026" or "2026-11-14".
pub fn date(s: &str) -> Result<NaiveDate, DomainError> {
    let t = s.trim();
    let bad = || DomainError::BadDate(t.to_string());
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(bad());
    };
    let num = |p: &str| p.trim().parse::<u32>().map_err(|_| bad());
    let (d, m, mut y) = (num(d)?, num(m)?, num(y)?);
    if y < 100 {
        y += 2000;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(bad)
}

/// "18h30", "18 h 30", "18:30", "18h", "9h05".
pub fn time(s: &str) -> Result<NaiveTime, DomainError> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let bad = || DomainError::BadTime(s.trim().to_string());
    let (h, m) = t.split_once(['h', ':']).unwrap_or((t.as_str(), ""));
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = if m.is_empty() {
        0
    } else {
        m.parse().map_err(|_| bad())?
    };
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// "45", "45 min", "1h30", "2h".
pub fn minutes(s: &str) -> Result<u32, DomainError> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let bad = || DomainError::BadDuration(s.trim().to_string());
    let t = t.strip_suffix("min").unwrap_or(&t);
    if let Some((h, m)) = t.split_once('h') {
        let h: u32 = h.parse().map_err(|_| bad())?;
        let m: u32 = if m.is_empty() {
            0
        } else {
            m.parse().map_err(|_| bad())?
        };
        if m >= 60 {
            return Err(bad());
        }
        return h
            .checked_mul(60)
            .and_then(|x| x.checked_add(m))
            .ok_or_else(bad);
    }
    t.parse().map_err(|_| bad())
}

/// Euros as typed in France: "185 000", "185000,50", "1 250,5 €", "12.30" → cents.
pub fn euros(s: &str) -> Result<i64, DomainError> {
    let bad = || DomainError::BadAmount(s.trim().to_string());
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€' && *c != '\u{202F}' && *c != '\u{A0}')
        .collect();
    if t.is_empty() {
        return Err(bad());
    }
    let t = t.replace(',', ".");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
        _ => frac.parse().map_err(|_| bad())?,
    };
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .ok_or_else(bad)
}

/// A whole number (a panel size, a count): spaces allowed, nothing else.
pub fn count(s: &str) -> Result<u32, DomainError> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    t.parse()
        .map_err(|_| DomainError::BadNumber(s.trim().to_string()))
}

/// An optional amount in euros, as [`euros`] reads it: empty means none.
pub fn opt_euros(s: &str) -> Result<Option<i64>, DomainError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        euros(s).map(Some)
    }
}

/// An optional date: empty means none.
pub fn opt_date(s: &str) -> Result<Option<NaiveDate>, DomainError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        date(s).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_counts_and_optional_dates() {
        assert_eq!(euros("185 000"), Ok(18_500_000));
        assert_eq!(euros("1\u{202F}250,5 €"), Ok(125_050));
        assert_eq!(euros("12.30"), Ok(1_230));
        assert!(euros("12,345").is_err());
        assert!(euros("-5").is_err());
        assert!(euros("").is_err());
        assert_eq!(count(" 40 "), Ok(40));
        assert!(count("quarante").is_err());
        assert_eq!(opt_date(" "), Ok(None));
        assert!(opt_date("32/01/2026").is_err());
    }

    #[test]
    fn french_dates_times_and_durations() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 14).unwrap();
        for s in [
            "14/11/2026",
            " 14/11/26",
            "14-11-2026",
            "14.11.2026",
            "2026-11-14",
        ] {
            assert_eq!(date(s), Ok(d), "{s}");
        }
        assert!(date("31/02/2026").is_err());
        assert!(date("demain").is_err());
        let t = NaiveTime::from_hms_opt(18, 30, 0).unwrap();
        for s in ["18h30", "18 h 30", "18:30", "18H30"] {
            assert_eq!(time(s), Ok(t), "{s}");
        }
        assert_eq!(time("9h"), Ok(NaiveTime::from_hms_opt(9, 0, 0).unwrap()));
        assert!(time("25h").is_err());
        assert_eq!(minutes("45"), Ok(45));
        assert_eq!(minutes("45 min"), Ok(45));
        assert_eq!(minutes("1h30"), Ok(90));
        assert_eq!(minutes("2 h"), Ok(120));
        assert!(minutes("1h75").is_err());
        assert!(minutes("-3").is_err());
    }
}
