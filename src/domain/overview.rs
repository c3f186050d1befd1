//! Everything known about one convention, gathered for its sheet and its documents,
//! with the derived facts a director asks for (current phase, next dates).

use chrono::{NaiveDate, NaiveTime};

use super::convention::{Convention, Phase, RoleHolder, Session};
use super::meeting::{Decision, Meeting};
use super::planning::{BudgetLine, Risk, Task};
use super::proposal::Proposal;
use super::sortition::QuotaCheck;

/// Attendance of one session or meeting of the convention.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceSummary {
    pub date: NaiveDate,
    pub title: String,
    pub present: u32,
    pub expected: u32,
}

/// A convention with all its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct ConventionOverview {
    pub convention: Convention,
    pub phases: Vec<Phase>,
    pub sessions: Vec<Session>,
    pub meetings: Vec<Meeting>,
    pub governance: Vec<RoleHolder>,
    pub pool_size: u32,
    pub panel_size: u32,
    pub reserves: u32,
    /// The drawn panel (members only) against the quotas.
    pub composition: Vec<QuotaCheck>,
    pub attendance: Vec<AttendanceSummary>,
    /// Days of presence of panel members at sessions: what compensation is paid on.
    pub compensation_days: u32,
    pub decisions: Vec<Decision>,
    pub proposals: Vec<Proposal>,
    pub risks: Vec<Risk>,
    pub tasks: Vec<Task>,
    pub budget: Vec<BudgetLine>,
}

/// A dated item of the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedItem {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub title: String,
    pub venue: String,
}

impl ConventionOverview {
    /// The phase whose dates contain `today`.
    pub fn current_phase(&self, today: NaiveDate) -> Option<&Phase> {
        self.phases.iter().find(|p| {
            p.start_date.is_some_and(|s| s <= today) && p.end_date.is_some_and(|e| today <= e)
        })
    }

    /// Sessions and meetings from `today` on, soonest first.
    pub fn next_dates(&self, today: NaiveDate, n: usize) -> Vec<DatedItem> {
        let mut items: Vec<DatedItem> = self
            .sessions
            .iter()
            .filter(|s| s.date >= today)
            .map(|s| DatedItem {
                date: s.date,
                start: s.start,
                title: s.title.clone(),
                venue: s.venue.clone(),
            })
            .chain(
                self.meetings
                    .iter()
                    .filter(|m| m.date >= today && m.kind != super::codes::MeetingKind::Plenary)
                    .map(|m| DatedItem {
                        date: m.date,
                        start: m.start,
                        title: m.title.clone(),
                        venue: m.venue.clone(),
                    }),
            )
            .collect();
        items.sort_by_key(|i| (i.date, i.start));
        items.truncate(n);
        items
    }
}
