//! The dashboard's queries: what is coming, what is late, what waits for an answer,
//! which calls for projects are due.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::ToSql;

use super::row::{date, iso, time};
use super::{Store, StoreError};
use crate::domain::funding::{Call, Reminder};
use crate::domain::ids::{ConventionId, DispositifId, MeetingId, ProposalId};
use crate::domain::interpellation::Due;

/// Key counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub active_conventions: u32,
    pub contacts: u32,
    pub upcoming_meetings: u32,
    pub waiting_proposals: u32,
}

/// A session or meeting to come; `meeting` is set for meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct UpcomingItem {
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub title: String,
    pub venue: String,
    pub convention: Option<ConventionId>,
    pub meeting: Option<MeetingId>,
}

/// A late task, action or unanswered proposal, with where it belongs.
#[derive(Debug, Clone, PartialEq)]
pub struct DueItem {
    pub date: Option<NaiveDate>,
    pub title: String,
    pub owner: String,
    pub convention: Option<ConventionId>,
    pub meeting: Option<MeetingId>,
    pub proposal: Option<ProposalId>,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dashboard {
    pub counts: Counts,
    pub upcoming: Vec<UpcomingItem>,
    pub overdue_tasks: Vec<DueItem>,
    pub overdue_actions: Vec<DueItem>,
    pub waiting_proposals: Vec<DueItem>,
    /// Calls for projects whose filing or report date is near or passed.
    pub calls: Vec<(Reminder, Call)>,
    /// Steps of the dispositifs due within a week, or late, with their title.
    pub dispositifs: Vec<(Due, String)>,
    /// Bodies whose members' terms end within three months: the body, its title, how
    /// many terms, the first end.
    pub terms: Vec<(DispositifId, String, usize, NaiveDate)>,
}

impl Store {
    /// The terms ending within three months, by body.
    fn terms_by_body(
        &self,
        today: NaiveDate,
    ) -> Result<Vec<(DispositifId, String, usize, NaiveDate)>, StoreError> {
        let mut out: Vec<(DispositifId, String, usize, NaiveDate)> = Vec::new();
        for (m, title) in self.terms_ending(today, 3)? {
            match out.iter_mut().find(|(id, ..)| *id == m.body) {
                Some((_, _, n, first)) => {
                    *n += 1;
                    *first = (*first).min(m.end);
                }
                None => out.push((m.body, title, 1, m.end)),
            }
        }
        out.sort_by(|a, b| (a.3, &a.1).cmp(&(b.3, &b.1)));
        Ok(out)
    }

    /// The dashboard as of `today`.
    pub fn dashboard(&self, today: NaiveDate) -> Result<Dashboard, StoreError> {
        let c = &self.conn;
        let t = iso(today);
        let counts = c.query_row(
            "SELECT (SELECT count(*) FROM conventions WHERE archived = 0 AND status <> 'closed' \
                    AND renewal_of IS NULL), \
                (SELECT count(*) FROM contacts WHERE anonymised = 0), \
                (SELECT count(*) FROM meetings WHERE date >= ?1), \
                (SELECT count(*) FROM proposals WHERE status = 'to_review')",
            [&t],
            |r| {
                Ok(Counts {
                    active_conventions: r.get(0)?,
                    contacts: r.get(1)?,
                    upcoming_meetings: r.get(2)?,
                    waiting_proposals: r.get(3)?,
                })
            },
        )?;
        let upcoming = c
            .prepare(
                "SELECT date, start_time, title, venue, convention_id, NULL FROM sessions s WHERE date >= ?1 \
                   AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.session_id = s.id) \
                 UNION ALL \
                 SELECT date, start_time, title, venue, convention_id, id FROM meetings WHERE date >= ?1 \
                 ORDER BY 1, 2 LIMIT 8",
            )?
            .query_map([&t], |r| {
                Ok(UpcomingItem {
                    date: date(r, 0)?,
                    start: time(r, 1)?,
                    title: r.get(2)?,
                    venue: r.get(3)?,
                    convention: r.get::<_, Option<i64>>(4)?.map(ConventionId),
                    meeting: r.get::<_, Option<i64>>(5)?.map(MeetingId),
                })
            })?
            .collect::<Result<_, _>>()?;
        let due = |sql: &str, args: &[&dyn ToSql]| -> Result<Vec<DueItem>, StoreError> {
            let mut stmt = c.prepare(sql)?;
            let rows = stmt.query_map(args, |r| {
                Ok(DueItem {
                    date: super::row::opt_date(r, 0)?,
                    title: r.get(1)?,
                    owner: r.get(2)?,
                    convention: r.get::<_, Option<i64>>(3)?.map(ConventionId),
                    meeting: r.get::<_, Option<i64>>(4)?.map(MeetingId),
                    proposal: r.get::<_, Option<i64>>(5)?.map(ProposalId),
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let overdue_tasks = due(
            "SELECT due_date, title, owner, convention_id, NULL, NULL FROM tasks \
             WHERE status <> 'done' AND due_date < ?1 ORDER BY due_date LIMIT 10",
            &[&t],
        )?;
        let overdue_actions = due(
            "SELECT a.due_date, a.title, a.owner, coalesce(a.convention_id, m.convention_id), a.meeting_id, NULL \
             FROM actions a LEFT JOIN meetings m ON m.id = a.meeting_id \
             WHERE a.status = 'open' AND a.due_date < ?1 ORDER BY a.due_date LIMIT 10",
            &[&t],
        )?;
        let waiting_proposals = due(
            "SELECT NULL, 'n° ' || number || ' — ' || title, directorate, convention_id, NULL, id FROM proposals \
             WHERE status = 'to_review' ORDER BY convention_id, number LIMIT 10",
            &[],
        )?;
        let calls = self.call_reminders(today)?;
        let week = today + chrono::Days::new(7);
        Ok(Dashboard {
            calls,
            dispositifs: self.interpellation_dues(today, week)?,
            terms: self.terms_by_body(today)?,
            counts,
            upcoming,
            overdue_tasks,
            overdue_actions,
            waiting_proposals,
        })
    }
}
