//! « Recherche »: the full-text search of comptes rendus, agenda notes, decisions and
//! actions, with the words found in bold and a link to each meeting.

use iced::widget::text::Span;
use iced::widget::{column, container, rich_text, row, scrollable, span, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::link;
use crate::domain::ids::MeetingId;
use crate::domain::text as fr;
use crate::store::{Store, StoreError, TraceHit};
use crate::ui::panels::{Event, Target, describe};
use crate::ui::{theme, widget};

/// The search field's id, focused when the view opens.
pub const FIELD: &str = "traces-search";

#[derive(Debug, Clone)]
pub enum Msg {
    Query(String),
    OpenMeeting(MeetingId),
}

#[derive(Default)]
pub struct State {
    query: String,
    hits: Vec<TraceHit>,
}

impl State {
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.hits = store.search_traces(&self.query, 100)?;
        Ok(())
    }

    pub fn update(&mut self, msg: Msg, store: &Store) -> (Task<Msg>, Option<Event>) {
        let event = match msg {
            Msg::Query(s) => {
                self.query = s;
                self.reload(store)
                    .err()
                    .map(|e| Event::Notice(describe(&e)))
            }
            Msg::OpenMeeting(id) => Some(Event::Open(Target::Meeting(id))),
        };
        (Task::none(), event)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let mut hits = column![].spacing(8);
        if !self.query.trim().is_empty() && self.hits.is_empty() {
            hits = hits.push(widget::muted("Aucun résultat."));
        }
        for h in &self.hits {
            hits = hits.push(hit(h));
        }
        column![
            widget::title("Recherche dans les traces"),
            text_input(
                "Mots à chercher dans les comptes rendus, notes, décisions et actions (accents facultatifs)",
                &self.query
            )
            .id(FIELD)
            .on_input(Msg::Query)
            .padding(8),
            scrollable(container(hits).padding(widget::GUTTER)).height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}

fn hit(h: &TraceHit) -> Element<'_, Msg> {
    let excerpt: Vec<Span<'_, ()>> = h
        .excerpt
        .iter()
        .map(|(t, matched)| {
            let piece: Span<'_, ()> = span(t.as_str()).size(13);
            if *matched {
                piece.font(widget::bold()).color(theme::ACCENT)
            } else {
                piece
            }
        })
        .collect();
    column![
        row![
            link(h.meeting_title.as_str(), Msg::OpenMeeting(h.meeting)),
            text(format!("{} · {}", fr::date_short(h.date), h.kind))
                .size(12)
                .color(theme::MUTED),
        ]
        .spacing(10)
        .align_y(Alignment::Center),
        rich_text(excerpt),
    ]
    .spacing(2)
    .into()
}
