//! « Suivi des actions »: the actions decided in every meeting, by state (open, late,
//! done…) and by owner, each with a link to its meeting.

use chrono::NaiveDate;
use iced::widget::{button, column, container, pick_list, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};

use super::{changed, link};
use crate::domain::codes::ActionStatus;
use crate::domain::ids::ActionId;
use crate::domain::text as fr;
use crate::store::{ActionRow, ActionView, Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, Target, describe};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    View(ActionView),
    Owner(Choice<String>),
    Set(ActionId, ActionStatus),
    OpenMeeting(crate::domain::ids::MeetingId),
}

pub struct State {
    today: NaiveDate,
    view: ActionView,
    /// Empty for every owner.
    owner: String,
    owners: Vec<Choice<String>>,
    rows: Vec<ActionRow>,
}

impl State {
    pub fn new(today: NaiveDate) -> State {
        State {
            today,
            view: ActionView::Open,
            owner: String::new(),
            owners: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.owners = std::iter::once(Choice::new(String::new(), "Tous les responsables"))
            .chain(
                store
                    .action_owners()?
                    .into_iter()
                    .map(|o| Choice::new(o.clone(), o)),
            )
            .collect();
        self.refresh(store)
    }

    fn refresh(&mut self, store: &Store) -> Result<(), StoreError> {
        self.rows = store.all_actions(self.view, &self.owner, self.today)?;
        Ok(())
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        let refreshed = match msg {
            Msg::View(v) => {
                self.view = v;
                self.refresh(store)
            }
            Msg::Owner(o) => {
                self.owner = o.value;
                self.refresh(store)
            }
            Msg::Set(a, status) => {
                return (Task::none(), changed(store.set_action_status(a, status)));
            }
            Msg::OpenMeeting(id) => {
                return (Task::none(), Some(Event::Open(Target::Meeting(id))));
            }
        };
        let event = refreshed.err().map(|e| Event::Notice(describe(&e)));
        (Task::none(), event)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let mut views = row![].spacing(4).align_y(Alignment::Center);
        for v in ActionView::ALL {
            views = views.push(
                button(text(v.label()).size(13))
                    .padding([4, 10])
                    .style(theme::entry(v == self.view))
                    .on_press(Msg::View(v)),
            );
        }
        views = views.push(
            pick_list(
                self.owners.as_slice(),
                selected(&self.owners, &self.owner),
                Msg::Owner,
            )
            .text_size(13),
        );
        let mut rows = column![widget::header_row(&[
            ("Action", 5),
            ("Responsable", 2),
            ("Échéance", 2),
            ("Réunion", 4),
            ("", 2),
        ])]
        .spacing(4);
        if self.rows.is_empty() {
            rows = rows.push(widget::muted("Aucune action dans cette vue."));
        }
        for a in &self.rows {
            rows = rows.push(self.line(a));
        }
        column![
            widget::title("Suivi des actions"),
            views,
            widget::muted(format!("{} action(s)", self.rows.len())),
            scrollable(container(rows).padding(widget::GUTTER)).height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }

    fn line<'a>(&self, a: &'a ActionRow) -> Element<'a, Msg> {
        let late = a.action.is_overdue(self.today);
        let due = a
            .action
            .due
            .map(fr::date_short)
            .unwrap_or_else(|| "—".into());
        let meeting: Element<'_, Msg> = match a.action.meeting {
            Some(id) => link(a.meeting_title.as_str(), Msg::OpenMeeting(id)),
            None => widget::muted("—"),
        };
        let (label, to) = match a.action.status {
            ActionStatus::Open => ("Fait", ActionStatus::Done),
            _ => ("Rouvrir", ActionStatus::Open),
        };
        let change = button(text(label).size(13))
            .padding([3, 8])
            .style(button::secondary)
            .on_press(Msg::Set(a.action.id, to));
        row![
            text(a.action.title.as_str()).width(Length::FillPortion(5)),
            text(a.action.owner.as_str()).width(Length::FillPortion(2)),
            text(if late {
                format!("{due} (en retard)")
            } else {
                due
            })
            .color(if late { theme::LATE } else { theme::MUTED })
            .width(Length::FillPortion(2)),
            container(meeting).width(Length::FillPortion(4)),
            container(change).width(Length::FillPortion(2)),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into()
    }
}
