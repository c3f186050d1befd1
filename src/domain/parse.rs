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

#[cfg(test)]
mod tests {
    use super::*;

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
