//! Meetings and their traces: agenda, attendance, minutes, decisions, actions.

use chrono::{NaiveDate, NaiveTime};

use super::DomainError;
use super::codes::{ActionStatus, AttendanceStatus, MeetingFormat, MeetingKind, MinutesStatus};
use super::ids::{
    ActionId, AgendaItemId, ContactId, ConventionId, DecisionId, MeetingId, SessionId,
};

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

    /// A title, and an end after the start.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Intitulé"));
        }
        if self.end <= self.start {
            return Err(DomainError::EndNotAfterStart {
                start: super::text::time(self.start),
                end: super::text::time(self.end),
            });
        }
        Ok(())
    }
}

/// The services a meeting may offer, as shown and stored.
pub const SERVICES: [&str; 4] = [
    "Garde d'enfants",
    "Interprétariat LSF",
    "Traduction",
    "Accès PMR",
];

/// One agenda item; a sub-item has a parent and shares its parent's time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub parent: Option<AgendaItemId>,
    pub position: u32,
    pub title: String,
    pub duration_minutes: u32,
    pub speaker: String,
    pub notes: String,
}

/// The total of the top-level items (sub-items share their parent's time).
pub fn agenda_total_minutes(items: &[AgendaItem]) -> i64 {
    items
        .iter()
        .filter(|i| i.parent.is_none())
        .map(|i| i64::from(i.duration_minutes))
        .sum()
}

/// The agenda's total against the meeting's length: positive when it overruns.
pub fn agenda_overrun_minutes(meeting: &Meeting, items: &[AgendaItem]) -> i64 {
    agenda_total_minutes(items) - meeting.length_minutes()
}

/// Items whose sub-items take longer than the item itself, with the overrun.
pub fn sub_item_overruns(items: &[AgendaItem]) -> Vec<(&AgendaItem, i64)> {
    items
        .iter()
        .filter(|i| i.parent.is_none())
        .filter_map(|parent| {
            let subs: i64 = items
                .iter()
                .filter(|c| c.parent == Some(parent.id))
                .map(|c| i64::from(c.duration_minutes))
                .sum();
            let over = subs - i64::from(parent.duration_minutes);
            (over > 0).then_some((parent, over))
        })
        .collect()
}

/// The agenda in reading order: each top-level item followed by its sub-items, with
/// their numbers ("2", "2.1").
pub fn numbered_agenda(items: &[AgendaItem]) -> Vec<(String, &AgendaItem)> {
    let mut out = Vec::new();
    let mut tops: Vec<&AgendaItem> = items.iter().filter(|i| i.parent.is_none()).collect();
    tops.sort_by_key(|i| i.position);
    for (n, top) in tops.into_iter().enumerate() {
        out.push(((n + 1).to_string(), top));
        let mut subs: Vec<&AgendaItem> =
            items.iter().filter(|c| c.parent == Some(top.id)).collect();
        subs.sort_by_key(|i| i.position);
        for (k, sub) in subs.into_iter().enumerate() {
            out.push((format!("{}.{}", n + 1, k + 1), sub));
        }
    }
    out
}

/// A participant of a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    pub contact: ContactId,
    pub name: String,
    pub organisation: String,
    pub status: AttendanceStatus,
    pub arrived_late: bool,
    pub left_early: bool,
}

/// A person's attendance over a set of meetings (a convention's sessions).
#[derive(Debug, Clone, PartialEq)]
pub struct PersonAttendance {
    pub contact: ContactId,
    pub name: String,
    pub present: u32,
    pub expected: u32,
}

impl PersonAttendance {
    /// Present over expected, if anything was expected.
    pub fn rate(&self) -> Option<f64> {
        (self.expected > 0).then(|| f64::from(self.present) / f64::from(self.expected))
    }
}

/// Share of participants present among those expected (everyone but the replaced);
/// `None` until the attendance has been taken (nobody marked present, excused or
/// absent).
pub fn attendance_rate(rows: &[Attendance]) -> Option<f64> {
    let taken = rows.iter().any(|a| {
        matches!(
            a.status,
            AttendanceStatus::Present | AttendanceStatus::Excused | AttendanceStatus::Absent
        )
    });
    if !taken {
        return None;
    }
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    pub id: DecisionId,
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

/// Everything recorded about one meeting: what its panel and its documents show.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRecord {
    pub meeting: Meeting,
    pub convention_title: Option<String>,
    pub agenda: Vec<AgendaItem>,
    pub attendance: Vec<Attendance>,
    pub minutes: Option<Minutes>,
    /// Why the current version was made (empty for the first).
    pub version_reason: String,
    pub decisions: Vec<Decision>,
    pub actions: Vec<Action>,
    /// (number, title) of the proposals discussed.
    pub proposals: Vec<(u32, String)>,
}

impl MeetingRecord {
    /// Names of the participants with a status, late arrivals and early departures
    /// noted.
    pub fn names_with(&self, status: AttendanceStatus) -> Vec<String> {
        self.attendance
            .iter()
            .filter(|a| a.status == status)
            .map(|a| {
                let mut n = a.name.clone();
                match (a.arrived_late, a.left_early) {
                    (true, true) => n.push_str(" (arrivée tardive, départ anticipé)"),
                    (true, false) => n.push_str(" (arrivée tardive)"),
                    (false, true) => n.push_str(" (départ anticipé)"),
                    (false, false) => {}
                }
                n
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, parent: Option<i64>, position: u32, minutes: u32) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(id),
            parent: parent.map(AgendaItemId),
            position,
            title: format!("Point {id}"),
            duration_minutes: minutes,
            ..AgendaItem::default()
        }
    }

    #[test]
    fn sub_items_share_their_parent_time_and_are_numbered() {
        let items = vec![
            item(1, None, 2, 60),
            item(2, None, 1, 30),
            item(3, Some(1), 1, 40),
            item(4, Some(1), 2, 30),
        ];
        assert_eq!(agenda_total_minutes(&items), 90);
        let over = sub_item_overruns(&items);
        assert_eq!(over.len(), 1);
        assert_eq!((over[0].0.id, over[0].1), (AgendaItemId(1), 10));
        let numbers: Vec<(String, i64)> = numbered_agenda(&items)
            .into_iter()
            .map(|(n, i)| (n, i.id.0))
            .collect();
        assert_eq!(
            numbers,
            vec![
                ("1".into(), 2),
                ("2".into(), 1),
                ("2.1".into(), 3),
                ("2.2".into(), 4)
            ]
        );
    }

    #[test]
    fn meeting_needs_a_title_and_an_end_after_its_start() {
        assert!(meeting().validate().is_ok());
        let mut m = meeting();
        m.title = "  ".into();
        assert_eq!(m.validate(), Err(DomainError::Required("Intitulé")));
        let mut m = meeting();
        m.end = m.start;
        assert!(matches!(
            m.validate(),
            Err(DomainError::EndNotAfterStart { .. })
        ));
    }

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
            ..AgendaItem::default()
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
            arrived_late: false,
            left_early: false,
        };
        use AttendanceStatus::*;
        assert_eq!(attendance_rate(&[]), None);
        assert_eq!(attendance_rate(&[a(Invited), a(Registered)]), None);
        assert_eq!(
            attendance_rate(&[a(Present), a(Absent), a(Replaced), a(Excused)]),
            Some(1.0 / 3.0)
        );
    }
}
