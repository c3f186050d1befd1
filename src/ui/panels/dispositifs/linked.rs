//! The meetings linked to a dispositif, shared by every sheet: listed by date, each
//! one detachable, and any meeting of the office to link (its mediation, its
//! sittings, the year's review).

use iced::widget::{column, pick_list, row, text};
use iced::{Alignment, Element, Length};

use crate::domain::ids::{DispositifId, MeetingId};
use crate::domain::meeting::Meeting;
use crate::domain::text as fr;
use crate::store::{Store, StoreError};
use crate::ui::choice::Choice;
use crate::ui::panels::Event;
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    Link(Choice<MeetingId>),
    Unlink(MeetingId),
}

/// The linked meetings and those that may be linked.
#[derive(Debug, Default)]
pub struct State {
    pub meetings: Vec<Meeting>,
    /// Every meeting of the office, latest first.
    all: Vec<Choice<MeetingId>>,
    /// Those not linked yet.
    choices: Vec<Choice<MeetingId>>,
}

impl State {
    pub fn reload(&mut self, store: &Store, id: DispositifId) {
        self.meetings = store.dispositif_meetings(id).unwrap_or_default();
        self.all = store
            .meetings_of(None)
            .unwrap_or_default()
            .into_iter()
            .rev()
            .map(|m| {
                let label = format!("{} — {}", fr::date_short(m.date), m.title);
                Choice::new(m.id, label)
            })
            .collect();
        self.choices = self
            .all
            .iter()
            .filter(|c| !self.meetings.iter().any(|l| l.id == c.value))
            .cloned()
            .collect();
    }

    /// Every meeting of the office, latest first.
    pub fn all(&self) -> &[Choice<MeetingId>] {
        &self.all
    }

    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        id: DispositifId,
    ) -> Result<Event, StoreError> {
        match msg {
            Msg::Link(m) => store.link_meeting(id, m.value)?,
            Msg::Unlink(m) => store.unlink_meeting(id, m)?,
        }
        self.reload(store, id);
        Ok(Event::Changed)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let mut col = column![].spacing(4);
        if self.meetings.is_empty() {
            col = col.push(widget::muted(
                "Aucune réunion liée. Créez-la dans Réunions, puis liez-la ici.",
            ));
        }
        for m in &self.meetings {
            col = col.push(
                row![
                    text(fr::typography(&format!(
                        "{} — {}",
                        fr::date_short(m.date),
                        m.title
                    )))
                    .width(Length::Fill),
                    widget::small_button("Détacher", Msg::Unlink(m.id)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        col.push(
            row![
                text("Lier une réunion").color(theme::MUTED),
                pick_list(
                    self.choices.as_slice(),
                    None::<Choice<MeetingId>>,
                    Msg::Link
                )
                .placeholder("Choisir une réunion…"),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        )
        .into()
    }
}
