//! Attestations de participation: what a person attended (from the émargement), for an
//! employer or a benefits office — the meetings with their date and hours, the total
//! time, and, for a panel member, the session days compensation is paid on.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};

use super::ids::{ContactId, ConventionId, MeetingId};

/// Whose attestations, for what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttestationScope {
    /// Everyone marked present at one of the convention's meetings.
    Convention(ConventionId),
    /// One person, for one convention.
    Person {
        convention: ConventionId,
        contact: ContactId,
    },
    /// Everyone marked present at one meeting.
    Meeting(MeetingId),
}

/// A meeting a person was marked present at.
#[derive(Debug, Clone, PartialEq)]
pub struct Attended {
    pub date: NaiveDate,
    pub title: String,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// A session of the convention (what compensation is paid on), not another meeting.
    pub session: bool,
}

impl Attended {
    /// Its length in minutes (none when the end is not after the start).
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes().max(0)
    }
}

/// One person's attestation.
#[derive(Debug, Clone, PartialEq)]
pub struct Attestation {
    pub contact: ContactId,
    /// « DUPONT Marie ».
    pub name: String,
    /// A member of the drawn panel (paid per session day).
    pub panelist: bool,
    /// By date.
    pub attended: Vec<Attended>,
}

impl Attestation {
    /// The time attended, in minutes.
    pub fn minutes(&self) -> i64 {
        self.attended.iter().map(Attended::minutes).sum()
    }

    /// The distinct days of sessions attended: what a panel member's compensation
    /// counts (one day per date, as `Store::compensation_days`).
    pub fn session_days(&self) -> usize {
        self.attended
            .iter()
            .filter(|a| a.session)
            .map(|a| a.date)
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// « 7 h 30 », « 45 min », « 2 h ».
pub fn duration(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, h: u32, m: u32, h2: u32, session: bool) -> Attended {
        Attended {
            date: NaiveDate::from_ymd_opt(2026, 10, day).unwrap(),
            title: "Séance".into(),
            start: NaiveTime::from_hms_opt(h, m, 0).unwrap(),
            end: NaiveTime::from_hms_opt(h2, 0, 0).unwrap(),
            session,
        }
    }

    #[test]
    fn hours_add_up_and_session_days_count_each_date_once() {
        let a = Attestation {
            contact: ContactId(1),
            name: "DUPONT Marie".into(),
            panelist: true,
            attended: vec![
                at(10, 9, 30, 17, true),
                at(10, 18, 0, 20, false),
                at(24, 9, 0, 12, true),
                at(24, 14, 0, 17, true),
            ],
        };
        assert_eq!(a.minutes(), 450 + 120 + 180 + 180);
        assert_eq!(duration(a.minutes()), "15 h 30");
        assert_eq!(a.session_days(), 2);
        assert_eq!(duration(45), "45 min");
        assert_eq!(duration(120), "2 h");
    }
}
