//! Meetings and their traces: agenda, attendance, minutes, decisions, actions.

use chrono::{NaiveDate, NaiveTime};

use super::codes::{ActionStatus, AttendanceStatus, MeetingFormat, MeetingKind, MinutesStatus};
use super::ids::{ActionId, ContactId, ConventionId, MeetingId, SessionId};

/// A meeting of any kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: MeetingId,
    pub convention: Option<ConventionId>,
    /// The convention session this meeting holds, if any.
    pub session: Option<SessionId>,
    pub kind: MeetingKind,
    pub title: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub venue: String,
    pub format: MeetingFormat,
    /// Services offered (garde d'enfants, LSF…), comma-separated.
    pub services: String,
    pub facilitators: String,
}

impl Meeting {
    /// Length in minutes (0 if the end is not after the start).
    pub fn length_minutes(&self) -> i64 {
        (self.end - self.start).num_minutes().max(0)
    }
}

/// One agenda item.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    pub position: u32,
    pub title: String,
    pub duration_minutes: u32,
    pub speaker: String,
    pub notes: String,
}

/// The agenda's total against the meeting's length: positive when it overruns.
pub fn agenda_overrun_minutes(meeting: &Meeting, items: &[AgendaItem]) -> i64 {
    let total: i64 = items.iter().map(|i| i64::from(i.duration_minutes)).sum();
    total - meeting.length_minutes()
}

/// A participant of a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    pub contact: ContactId,
    pub name: String,
    pub organisation: String,
    pub status: AttendanceStatus,
}

/// Share of participants present among those expected (everyone but the replaced).
pub fn attendance_rate(rows: &[Attendance]) -> Option<f64> {
    let expected = rows
        .iter()
        .filter(|a| a.status != AttendanceStatus::Replaced)
        .count();
    let present = rows
        .iter()
        .filter(|a| a.status == AttendanceStatus::Present)
        .count();
    (expected > 0).then(|| present as f64 / expected as f64)
}

/// A compte rendu's current state and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Minutes {
    pub status: MinutesStatus,
    pub version: u32,
    pub body: String,
    pub validated_on: Option<NaiveDate>,
}

/// A decision taken in a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub meeting: MeetingId,
    pub number: u32,
    pub text: String,
    pub vote_result: String,
}

/// Who does what by when.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub id: ActionId,
    pub meeting: Option<MeetingId>,
    pub title: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
}

impl Action {
    /// Open and past its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|d| d < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting() -> Meeting {
        Meeting {
            id: MeetingId(1),
            convention: None,
            session: None,
            kind: MeetingKind::Workshop,
            title: "Atelier".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 14).unwrap(),
            start: NaiveTime::from_hms_opt(18, 30, 0).unwrap(),
            end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            venue: String::new(),
            format: MeetingFormat::InPerson,
            services: String::new(),
            facilitators: String::new(),
        }
    }

    #[test]
    fn agenda_against_length() {
        let item = |d| AgendaItem {
            position: 1,
            title: "x".into(),
            duration_minutes: d,
            speaker: String::new(),
            notes: String::new(),
        };
        assert_eq!(meeting().length_minutes(), 150);
        assert_eq!(
            agenda_overrun_minutes(&meeting(), &[item(60), item(60)]),
            -30
        );
        assert_eq!(
            agenda_overrun_minutes(&meeting(), &[item(100), item(60)]),
            10
        );
    }

    #[test]
    fn rate_ignores_replaced() {
        let a = |status| Attendance {
            contact: ContactId(1),
            name: String::new(),
            organisation: String::new(),
            status,
        };
        use AttendanceStatus::*;
        assert_eq!(attendance_rate(&[]), None);
        assert_eq!(
            attendance_rate(&[a(Present), a(Absent), a(Replaced), a(Excused)]),
            Some(1.0 / 3.0)
        );
    }
}
