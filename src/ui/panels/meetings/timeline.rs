//! « Chronologie »: a convention's events in order (meetings, minutes, decisions,
//! proposals…), filtered by kind and dates, beside its panel's attendance and the
//! days that give the right to an indemnity.

use iced::widget::{checkbox, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::link;
use crate::domain::codes::TimelineKind;
use crate::domain::ids::{ContactId, ConventionId, MeetingId};
use crate::domain::meeting::PersonAttendance;
use crate::domain::parse;
use crate::domain::text as fr;
use crate::domain::timeline::{TimelineEntry, TimelineFilter};
use crate::store::{Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, Target, describe};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    Convention(Choice<Option<ConventionId>>),
    Kind(TimelineKind, bool),
    From(String),
    To(String),
    OpenMeeting(MeetingId),
    OpenContact(ContactId),
}

#[derive(Default)]
pub struct State {
    conventions: Vec<Choice<Option<ConventionId>>>,
    /// The first convention until another is chosen.
    convention: Option<ConventionId>,
    kinds: Vec<TimelineKind>,
    from: String,
    to: String,
    entries: Vec<TimelineEntry>,
    people: Vec<PersonAttendance>,
    compensation_days: Option<u32>,
}

impl State {
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.conventions = store
            .conventions()?
            .into_iter()
            .map(|c| Choice::new(Some(c.id), c.title))
            .collect();
        if self.convention.is_none() {
            self.convention = self.conventions.first().and_then(|c| c.value);
        }
        self.refresh(store)
    }

    fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        let Some(c) = self.convention else {
            self.entries.clear();
            self.people.clear();
            self.compensation_days = None;
            return Ok(());
        };
        let filter = TimelineFilter {
            kinds: self.kinds.clone(),
            from: parse::date(&self.from).ok(),
            to: parse::date(&self.to).ok(),
        };
        self.entries = store.timeline(c, &filter)?;
        self.people = store.person_attendance(c)?;
        self.compensation_days = Some(store.compensation_days(c)?);
        Ok(())
    }

    pub fn update(&mut self, msg: Msg, store: &Store) -> (Task<Msg>, Option<Event>) {
        match msg {
            Msg::Convention(c) => self.convention = c.value,
            Msg::Kind(kind, on) => {
                self.kinds.retain(|k| *k != kind);
                if on {
                    self.kinds.push(kind);
                }
            }
            Msg::From(s) => self.from = s,
            Msg::To(s) => self.to = s,
            Msg::OpenMeeting(id) => {
                return (Task::none(), Some(Event::Open(Target::Meeting(id))));
            }
            Msg::OpenContact(id) => {
                return (Task::none(), Some(Event::Open(Target::Contact(id))));
            }
        }
        let event = self
            .refresh(store)
            .err()
            .map(|e| Event::Notice(describe(&e)));
        (Task::none(), event)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        column![
            widget::title("Chronologie"),
            self.filters(),
            row![
                scrollable(container(self.events()).padding(widget::GUTTER))
                    .height(Length::Fill)
                    .width(Length::FillPortion(3)),
                scrollable(
                    container(widget::section("Assiduité aux séances", self.people()))
                        .padding(widget::GUTTER)
                )
                .height(Length::Fill)
                .width(Length::FillPortion(2)),
            ]
            .spacing(16),
        ]
        .spacing(10)
        .into()
    }

    fn filters(&self) -> Element<'_, Msg> {
        let chosen = selected(&self.conventions, &self.convention);
        let mut kinds = row![].spacing(12).align_y(Alignment::Center);
        for k in TimelineKind::ALL {
            let kind = *k;
            kinds = kinds.push(
                checkbox(self.kinds.contains(k))
                    .label(k.label())
                    .text_size(13)
                    .on_toggle(move |on| Msg::Kind(kind, on)),
            );
        }
        column![
            row![
                pick_list(self.conventions.as_slice(), chosen, Msg::Convention),
                text_input("Du (jj/mm/aaaa)", &self.from)
                    .on_input(Msg::From)
                    .width(Length::Fixed(150.0))
                    .padding(6),
                text_input("Au (jj/mm/aaaa)", &self.to)
                    .on_input(Msg::To)
                    .width(Length::Fixed(150.0))
                    .padding(6),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            kinds,
            widget::muted("Sans type coché, tous les événements sont montrés."),
        ]
        .spacing(8)
        .into()
    }

    fn events(&self) -> Element<'_, Msg> {
        let mut events = column![].spacing(6);
        if self.entries.is_empty() {
            events = events.push(widget::muted("Aucun événement pour ces critères."));
        }
        for e in &self.entries {
            let when = match e.time {
                Some(t) => format!("{} · {}", fr::date_short(e.date), fr::time(t)),
                None => fr::date_short(e.date),
            };
            let title: Element<'_, Msg> = match e.meeting {
                Some(id) => link(e.title.as_str(), Msg::OpenMeeting(id)),
                None => text(e.title.as_str()).size(13).into(),
            };
            events = events.push(
                row![
                    text(when)
                        .size(13)
                        .color(theme::MUTED)
                        .width(Length::Fixed(130.0)),
                    text(e.kind.label())
                        .size(13)
                        .font(widget::bold())
                        .width(Length::Fixed(170.0)),
                    column![title, text(e.detail.as_str()).size(12).color(theme::MUTED)]
                        .width(Length::Fill),
                ]
                .spacing(8),
            );
        }
        events.into()
    }

    fn people(&self) -> Element<'_, Msg> {
        let mut people = column![].spacing(2);
        if let Some(days) = self.compensation_days {
            people = people
                .push(widget::field("Journées indemnisables", days.to_string()))
                .push(widget::muted(
                    "Présences des membres du panel aux séances : la base du calcul des indemnités.",
                ))
                .push(widget::gap(6.0));
        }
        for p in &self.people {
            let rate = p.rate().map(fr::percent).unwrap_or_default();
            let low = p.rate().is_some_and(|r| r < 0.75);
            people = people.push(
                row![
                    link(p.name.as_str(), Msg::OpenContact(p.contact)),
                    iced::widget::Space::new().width(Length::Fill),
                    text(format!("{}/{} · {rate}", p.present, p.expected))
                        .size(13)
                        .color(if low { theme::LATE } else { theme::MUTED }),
                ]
                .align_y(Alignment::Center),
            );
        }
        if self.people.is_empty() {
            people = people.push(widget::muted("Aucune séance émargée."));
        }
        people.into()
    }
}
