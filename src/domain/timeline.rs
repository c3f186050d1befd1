//! A convention's timeline: sessions, meetings, decisions, draws, exports and answers
//! to proposals on one line of time, newest last, filterable by kind and period.

use chrono::{NaiveDate, NaiveTime};

use super::codes::TimelineKind;
use super::ids::MeetingId;

/// One dated event.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub kind: TimelineKind,
    pub title: String,
    pub detail: String,
    /// The meeting to open, when the event belongs to one.
    pub meeting: Option<MeetingId>,
}

/// Which events to keep.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineFilter {
    /// Empty: every kind.
    pub kinds: Vec<TimelineKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl TimelineFilter {
    fn keeps(&self, e: &TimelineEntry) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&e.kind))
            && self.from.is_none_or(|f| e.date >= f)
            && self.to.is_none_or(|t| e.date <= t)
    }
}

/// Filters and orders events: by date, then time (undated times last), then kind, so
/// that a meeting comes before the decisions taken in it.
pub fn arrange(mut entries: Vec<TimelineEntry>, filter: &TimelineFilter) -> Vec<TimelineEntry> {
    entries.retain(|e| filter.keeps(e));
    entries.sort_by(|a, b| {
        (a.date, a.time.is_none(), a.time, a.kind).cmp(&(b.date, b.time.is_none(), b.time, b.kind))
    });
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(day: u32, hour: Option<u32>, kind: TimelineKind) -> TimelineEntry {
        TimelineEntry {
            date: NaiveDate::from_ymd_opt(2026, 10, day).unwrap(),
            time: hour.map(|h| NaiveTime::from_hms_opt(h, 0, 0).unwrap()),
            kind,
            title: format!("{day}"),
            detail: String::new(),
            meeting: None,
        }
    }

    #[test]
    fn orders_by_date_then_time_and_filters() {
        use TimelineKind::*;
        let all = vec![
            e(12, None, Decision),
            e(3, Some(18), Meeting),
            e(12, Some(9), Meeting),
            e(1, None, Draw),
            e(12, Some(9), Session),
        ];
        let out = arrange(all.clone(), &TimelineFilter::default());
        let order: Vec<(u32, TimelineKind)> = out
            .iter()
            .map(|x| (chrono::Datelike::day(&x.date), x.kind))
            .collect();
        assert_eq!(
            order,
            vec![
                (1, Draw),
                (3, Meeting),
                (12, Session),
                (12, Meeting),
                (12, Decision)
            ]
        );
        let only = arrange(
            all,
            &TimelineFilter {
                kinds: vec![Meeting],
                from: NaiveDate::from_ymd_opt(2026, 10, 5),
                to: None,
            },
        );
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].title, "12");
    }
}
