//! Support to the city's directorates (accompagnement des directions): a directorate
//! asks the mission to help it start a participatory process; the mission answers
//! with advice, agrees steps, spends time (counted by month), and the request may
//! become a process of its own.

use chrono::{Datelike, NaiveDate};

use super::DomainError;
use super::codes::ParticipationKind;
use super::ids::{ConventionId, DispositifId};

/// A directorate's request. Its project (title), directorate, élu and dates are those
/// of its [`super::dispositif::Dispositif`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Support {
    pub id: DispositifId,
    /// What the directorate asks.
    pub question: String,
    /// The level of participation it has in mind.
    pub level_asked: ParticipationKind,
    /// The mission's advice, as written to the directorate.
    pub advice: String,
    /// The steps agreed, one a line.
    pub steps: String,
    /// What came of it.
    pub outcome: String,
    /// The convention the request became, if it did.
    pub became: Option<ConventionId>,
}

impl Support {
    /// An empty request.
    pub fn new(id: DispositifId) -> Support {
        Support {
            id,
            question: String::new(),
            level_asked: ParticipationKind::Concertation,
            advice: String::new(),
            steps: String::new(),
            outcome: String::new(),
            became: None,
        }
    }

    /// A request says what is asked.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.question.trim().is_empty() {
            return Err(DomainError::Required("Demande"));
        }
        Ok(())
    }
}

/// Time the mission spent on a request in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeSpent {
    /// The first day of the month.
    pub month: NaiveDate,
    pub minutes: u32,
}

/// Minutes spent in the months from `from`'s to `to`'s (each month by its first day).
pub fn minutes_between(times: &[TimeSpent], from: NaiveDate, to: NaiveDate) -> u32 {
    let first = from.with_day(1).unwrap_or(from);
    times
        .iter()
        .filter(|t| t.month >= first && t.month <= to)
        .map(|t| t.minutes)
        .sum()
}

/// « 2026-11 » or « 11/2026 » as the first day of that month.
pub fn parse_month(s: &str) -> Result<NaiveDate, DomainError> {
    let t = s.trim();
    let (y, m) = if let Some((y, m)) = t.split_once('-') {
        (y, m)
    } else if let Some((m, y)) = t.split_once('/') {
        (y, m)
    } else {
        return Err(DomainError::BadMonth(t.to_string()));
    };
    match (y.trim().parse::<i32>(), m.trim().parse::<u32>()) {
        (Ok(y), Ok(m)) => {
            NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(|| DomainError::BadMonth(t.to_string()))
        }
        _ => Err(DomainError::BadMonth(t.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    #[test]
    fn months_are_read_both_ways_and_counted_in_a_period() {
        assert_eq!(parse_month("2026-11").unwrap(), month(2026, 11));
        assert_eq!(parse_month(" 3/2027 ").unwrap(), month(2027, 3));
        assert!(parse_month("novembre").is_err());
        assert!(parse_month("2026-13").is_err());
        let times = [
            TimeSpent {
                month: month(2025, 12),
                minutes: 300,
            },
            TimeSpent {
                month: month(2026, 1),
                minutes: 600,
            },
            TimeSpent {
                month: month(2026, 12),
                minutes: 90,
            },
        ];
        let (from, to) = (
            NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        );
        assert_eq!(minutes_between(&times, from, to), 690);
    }
}
