//! A convention's calendar checked: sessions that overlap, sessions outside their
//! phase, sessions on a French public holiday.

use chrono::{Datelike, Days, NaiveDate};

use super::convention::{Phase, Session};
use super::ids::SessionId;
use super::text;

/// Easter Sunday (Gregorian, anonymous algorithm).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

/// The eleven public holidays of metropolitan France in `year`.
pub fn public_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).expect("fixed holidays are real dates");
    let easter = easter(year);
    vec![
        (d(1, 1), "Jour de l'an"),
        (easter + Days::new(1), "Lundi de Pâques"),
        (d(5, 1), "Fête du Travail"),
        (d(5, 8), "Victoire 1945"),
        (easter + Days::new(39), "Ascension"),
        (easter + Days::new(50), "Lundi de Pentecôte"),
        (d(7, 14), "Fête nationale"),
        (d(8, 15), "Assomption"),
        (d(11, 1), "Toussaint"),
        (d(11, 11), "Armistice 1918"),
        (d(12, 25), "Noël"),
    ]
}

/// The holiday falling on `date`, if any.
pub fn holiday(date: NaiveDate) -> Option<&'static str> {
    public_holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, name)| name)
}

/// Something wrong in a calendar.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// Two sessions at the same time.
    Overlap(SessionId, SessionId),
    /// A session outside the dates of its phase.
    OutsidePhase(SessionId),
    /// A session on a public holiday.
    Holiday(SessionId, &'static str),
}

impl Conflict {
    /// The sessions it concerns.
    pub fn sessions(&self) -> Vec<SessionId> {
        match self {
            Conflict::Overlap(a, b) => vec![*a, *b],
            Conflict::OutsidePhase(s) | Conflict::Holiday(s, _) => vec![*s],
        }
    }
}

/// Every conflict of a calendar, with the French sentence that explains it.
pub fn conflicts(phases: &[Phase], sessions: &[Session]) -> Vec<(Conflict, String)> {
    let mut out = Vec::new();
    for (i, a) in sessions.iter().enumerate() {
        for b in &sessions[i + 1..] {
            if a.date == b.date && a.start < b.end && b.start < a.end {
                out.push((
                    Conflict::Overlap(a.id, b.id),
                    format!(
                        "« {} » et « {} » se chevauchent le {}.",
                        a.title,
                        b.title,
                        text::date_long(a.date)
                    ),
                ));
            }
        }
        if let Some(phase) = a.phase.and_then(|p| phases.iter().find(|x| x.id == p)) {
            let before = phase.start_date.is_some_and(|s| a.date < s);
            let after = phase.end_date.is_some_and(|e| a.date > e);
            if before || after {
                out.push((
                    Conflict::OutsidePhase(a.id),
                    format!(
                        "« {} » ({}) tombe hors de sa phase « {} » ({} – {}).",
                        a.title,
                        text::date_short(a.date),
                        phase.name,
                        phase.start_date.map(text::date_short).unwrap_or_default(),
                        phase.end_date.map(text::date_short).unwrap_or_default()
                    ),
                ));
            }
        }
        if let Some(name) = holiday(a.date) {
            out.push((
                Conflict::Holiday(a.id, name),
                format!(
                    "« {} » tombe un jour férié : {} ({}).",
                    a.title,
                    name,
                    text::date_long(a.date)
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{ConventionId, PhaseId};
    use chrono::NaiveTime;

    #[test]
    fn easter_and_holidays() {
        assert_eq!(easter(2026), NaiveDate::from_ymd_opt(2026, 4, 5).unwrap());
        assert_eq!(easter(2027), NaiveDate::from_ymd_opt(2027, 3, 28).unwrap());
        assert_eq!(easter(2024), NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(public_holidays(2026).len(), 11);
        assert_eq!(
            holiday(NaiveDate::from_ymd_opt(2026, 5, 14).unwrap()),
            Some("Ascension")
        );
        assert_eq!(
            holiday(NaiveDate::from_ymd_opt(2026, 5, 25).unwrap()),
            Some("Lundi de Pentecôte")
        );
        assert_eq!(holiday(NaiveDate::from_ymd_opt(2026, 5, 15).unwrap()), None);
    }

    #[test]
    fn overlaps_phases_and_holidays_are_flagged() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let phase = Phase {
            id: PhaseId(1),
            convention: ConventionId(1),
            position: 1,
            name: "Délibération".into(),
            start_date: Some(d(10, 1)),
            end_date: Some(d(11, 30)),
        };
        let s = |id, date, start, end| Session {
            id: SessionId(id),
            convention: ConventionId(1),
            phase: Some(PhaseId(1)),
            title: format!("Séance {id}"),
            date,
            start: t(start),
            end: t(end),
            venue: String::new(),
            programme: String::new(),
            kind: crate::domain::codes::MeetingKind::Plenary,
        };
        let sessions = vec![
            s(1, d(10, 10), 9, 17),
            s(2, d(10, 10), 16, 18),
            s(3, d(10, 17), 9, 12),
            s(4, d(11, 11), 9, 12),
            s(5, d(12, 5), 9, 12),
            s(6, d(10, 17), 12, 14),
        ];
        let found: Vec<Conflict> = conflicts(&[phase], &sessions)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(
            found,
            vec![
                Conflict::Overlap(SessionId(1), SessionId(2)),
                Conflict::Holiday(SessionId(4), "Armistice 1918"),
                Conflict::OutsidePhase(SessionId(5)),
            ],
            "touching sessions (12 h – 12 h) do not overlap"
        );
    }
}
