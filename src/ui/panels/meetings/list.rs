//! The meetings list: filters by convention, type and period, a plain list or a week
//! of seven days, and the « Nouvelle réunion » button.

use chrono::{Datelike, Days, NaiveDate};
use iced::widget::{button, column, container, pick_list, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};

use super::Up;
use crate::domain::codes::MeetingKind;
use crate::domain::ids::{ConventionId, MeetingId};
use crate::domain::text as fr;
use crate::store::{MeetingFilter, MeetingRow, Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, Target, describe};
use crate::ui::{theme, widget};

use super::form::Form;

/// Which meetings the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    All,
    Upcoming,
    Past,
    ThisMonth,
    Week,
}

impl Period {
    const ALL: [Period; 5] = [
        Period::All,
        Period::Upcoming,
        Period::Past,
        Period::ThisMonth,
        Period::Week,
    ];
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Period::All => "Toutes les dates",
            Period::Upcoming => "À venir",
            Period::Past => "Passées",
            Period::ThisMonth => "Ce mois-ci",
            Period::Week => "Vue semaine",
        })
    }
}

/// What the person does in the list.
#[derive(Debug, Clone)]
pub enum Msg {
    Convention(Choice<Option<ConventionId>>),
    Kind(Choice<Option<MeetingKind>>),
    Period(Period),
    WeekShift(i64),
    Select(MeetingId),
    New,
}

/// The filters and the meetings they keep.
pub struct State {
    today: NaiveDate,
    conventions: Vec<Choice<Option<ConventionId>>>,
    kinds: Vec<Choice<Option<MeetingKind>>>,
    convention: Option<ConventionId>,
    kind: Option<MeetingKind>,
    period: Period,
    /// The Monday of the week shown.
    week: NaiveDate,
    pub rows: Vec<MeetingRow>,
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

impl State {
    pub fn new(today: NaiveDate) -> State {
        State {
            today,
            conventions: Vec::new(),
            kinds: std::iter::once(Choice::new(None, "Tous les types"))
                .chain(
                    MeetingKind::ALL
                        .iter()
                        .map(|k| Choice::new(Some(*k), k.label())),
                )
                .collect(),
            convention: None,
            kind: None,
            period: Period::All,
            week: monday(today),
            rows: Vec::new(),
        }
    }

    /// Reloads the conventions and the meetings, keeping the filters.
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.conventions = std::iter::once(Choice::new(None, "Toutes les conventions"))
            .chain(
                store
                    .conventions()?
                    .into_iter()
                    .map(|c| Choice::new(Some(c.id), c.title)),
            )
            .collect();
        self.refresh(store)
    }

    fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        self.rows = store.meetings_list(&self.filter())?;
        Ok(())
    }

    fn filter(&self) -> MeetingFilter {
        let (from, to) = match self.period {
            Period::All => (None, None),
            Period::Upcoming => (Some(self.today), None),
            Period::Past => (None, self.today.pred_opt()),
            Period::ThisMonth => {
                let first = self.today.with_day(1).unwrap_or(self.today);
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first);
                (Some(first), next.pred_opt())
            }
            Period::Week => (Some(self.week), Some(self.week + Days::new(6))),
        };
        MeetingFilter {
            convention: self.convention,
            kind: self.kind,
            from,
            to,
        }
    }

    /// The conventions a meeting can belong to, for the form: "none" first.
    pub fn form_conventions(&self) -> Vec<Choice<Option<ConventionId>>> {
        let mut choices = self.conventions.clone();
        if let Some(first) = choices.first_mut() {
            first.label = "Aucune (réunion hors convention)".into();
        }
        choices
    }

    /// The meeting that opens first: the latest one held, whose traces are being
    /// written.
    pub fn latest_held(&self) -> Option<MeetingId> {
        self.rows
            .iter()
            .find(|m| m.meeting.date <= self.today)
            .or(self.rows.last())
            .map(|m| m.meeting.id)
    }

    pub fn update(&mut self, msg: Msg, store: &Store) -> (Task<Msg>, Option<Up>) {
        match msg {
            Msg::Convention(c) => self.convention = c.value,
            Msg::Kind(k) => self.kind = k.value,
            Msg::Period(p) => self.period = p,
            Msg::WeekShift(weeks) => {
                self.week = if weeks < 0 {
                    self.week - Days::new(7 * weeks.unsigned_abs())
                } else {
                    self.week + Days::new(7 * weeks as u64)
                };
            }
            Msg::Select(id) => {
                return (
                    Task::none(),
                    Some(Up::App(Event::Open(Target::Meeting(id)))),
                );
            }
            Msg::New => {
                let form = Form::new(self.today, self.convention);
                return (Task::none(), Some(Up::Form(form)));
            }
        }
        match self.refresh(store) {
            Ok(()) => (Task::none(), None),
            Err(e) => (Task::none(), Some(Up::App(Event::Notice(describe(&e))))),
        }
    }

    /// The left column: title, filters and the meetings, with `open` highlighted.
    pub fn view(&self, open: Option<MeetingId>) -> Element<'_, Msg> {
        let filters = column![
            pick_list(
                self.conventions.as_slice(),
                selected(&self.conventions, &self.convention),
                Msg::Convention
            )
            .width(Length::Fill),
            row![
                pick_list(
                    self.kinds.as_slice(),
                    selected(&self.kinds, &self.kind),
                    Msg::Kind
                )
                .width(Length::Fill),
                pick_list(Period::ALL, Some(self.period), Msg::Period).width(Length::Fill),
            ]
            .spacing(6),
        ]
        .spacing(6);
        let list = if self.period == Period::Week {
            self.week_view(open)
        } else {
            self.list_view(open)
        };
        column![
            row![
                text("Réunions")
                    .size(22)
                    .font(widget::bold())
                    .color(theme::ACCENT)
                    .width(Length::Fill),
                button(text("Nouvelle réunion")).on_press(Msg::New),
            ]
            .align_y(Alignment::Center),
            filters,
            scrollable(container(list).padding(widget::GUTTER)).height(Length::Fill)
        ]
        .spacing(10)
        .width(Length::Fixed(350.0))
        .into()
    }

    fn entry<'a>(&self, m: &'a MeetingRow, in_week: bool, open: bool) -> Element<'a, Msg> {
        let count = match (m.invited, m.meeting.date < self.today) {
            (0, _) => String::new(),
            (n, false) => format!(" · {n} invités"),
            (n, true) => format!(" · {}/{n} présents", m.present),
        };
        let when = if in_week {
            format!(
                "{} – {}",
                fr::time(m.meeting.start),
                fr::time(m.meeting.end)
            )
        } else {
            fr::date_short(m.meeting.date)
        };
        widget::entry(
            column![
                text(m.meeting.title.as_str()),
                text(format!("{when} · {}{count}", m.meeting.kind.label())).size(13),
            ],
            open,
            Msg::Select(m.meeting.id),
        )
    }

    fn list_view(&self, open: Option<MeetingId>) -> Element<'_, Msg> {
        let mut list = column![].spacing(2);
        if self.rows.is_empty() {
            list = list.push(widget::muted("Aucune réunion pour ces critères."));
        }
        for m in &self.rows {
            list = list.push(self.entry(m, false, open == Some(m.meeting.id)));
        }
        list.into()
    }

    fn week_view(&self, open: Option<MeetingId>) -> Element<'_, Msg> {
        let mut col = column![
            row![
                widget::small_button("← Semaine précédente", Msg::WeekShift(-1)),
                widget::small_button("Semaine suivante →", Msg::WeekShift(1)),
            ]
            .spacing(6),
            text(format!(
                "Semaine du {} au {}",
                fr::date_short(self.week),
                fr::date_short(self.week + Days::new(6))
            ))
            .font(widget::bold()),
        ]
        .spacing(6);
        for offset in 0..7 {
            let day = self.week + Days::new(offset);
            let mut of_day: Vec<&MeetingRow> =
                self.rows.iter().filter(|m| m.meeting.date == day).collect();
            of_day.sort_by_key(|m| m.meeting.start);
            let colour = if day == self.today {
                theme::ACCENT
            } else {
                theme::MUTED
            };
            let mut day_col =
                column![text(fr::date_with_weekday(day)).size(14).color(colour)].spacing(2);
            if of_day.is_empty() {
                day_col = day_col.push(text("—").size(13).color(theme::MUTED));
            }
            for m in of_day {
                day_col = day_col.push(self.entry(m, true, open == Some(m.meeting.id)));
            }
            col = col.push(day_col);
        }
        col.into()
    }
}
