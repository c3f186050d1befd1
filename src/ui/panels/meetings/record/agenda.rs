//! The « Ordre du jour » tab: the numbered points with their durations and speakers,
//! the total against the meeting's length, and the form that adds or changes a point.

use iced::widget::{button, column, pick_list, row, text};
use iced::{Alignment, Element, Length, Task};

use super::editable;
use crate::domain::ids::{AgendaItemId, MeetingId};
use crate::domain::meeting::{
    AgendaItem, MeetingRecord, agenda_overrun_minutes, agenda_total_minutes, numbered_agenda,
    sub_item_overruns,
};
use crate::domain::parse;
use crate::store::{Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::Event;
use crate::ui::panels::meetings::{changed, saved};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    Title(String),
    Duration(String),
    Speaker(String),
    Parent(Choice<Option<AgendaItemId>>),
    /// Adds the point, or saves the one being changed.
    Save,
    Edit(AgendaItemId),
    Cancel,
    Remove(AgendaItemId),
    Move(AgendaItemId, bool),
}

/// The point being typed.
#[derive(Debug, Default)]
pub struct State {
    title: String,
    duration: String,
    speaker: String,
    parent: Option<AgendaItemId>,
    /// The point being changed, when the form edits rather than adds.
    editing: Option<AgendaItemId>,
}

impl State {
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        record: &MeetingRecord,
    ) -> (Task<Msg>, Option<Event>) {
        let event = match msg {
            Msg::Title(s) => {
                self.title = s;
                None
            }
            Msg::Duration(s) => {
                self.duration = s;
                None
            }
            Msg::Speaker(s) => {
                self.speaker = s;
                None
            }
            Msg::Parent(c) => {
                self.parent = c.value;
                None
            }
            Msg::Save => saved(self.save(store, record.meeting.id)),
            Msg::Edit(item) => {
                if let Some(i) = record.agenda.iter().find(|i| i.id == item) {
                    self.title = i.title.clone();
                    self.duration = i.duration_minutes.to_string();
                    self.speaker = i.speaker.clone();
                    self.parent = i.parent;
                    self.editing = Some(item);
                }
                None
            }
            Msg::Cancel => {
                self.clear();
                None
            }
            Msg::Remove(item) => changed(store.remove_agenda_item(item)),
            Msg::Move(item, up) => changed(store.move_agenda_item(item, up)),
        };
        (Task::none(), event)
    }

    fn clear(&mut self) {
        self.title.clear();
        self.duration.clear();
        self.speaker.clear();
        self.editing = None;
    }

    fn save(&mut self, store: &mut Store, meeting: MeetingId) -> Result<String, StoreError> {
        let duration = if self.duration.trim().is_empty() {
            0
        } else {
            parse::minutes(&self.duration)?
        };
        let item = AgendaItem {
            id: self.editing.unwrap_or_default(),
            parent: self.parent,
            title: self.title.trim().to_string(),
            duration_minutes: duration,
            speaker: self.speaker.trim().to_string(),
            ..AgendaItem::default()
        };
        let notice = match self.editing {
            Some(_) => {
                store.update_agenda_item(&item)?;
                "Point modifié."
            }
            None => {
                store.add_agenda_item(meeting, &item)?;
                "Point ajouté à l'ordre du jour."
            }
        };
        self.clear();
        Ok(notice.into())
    }

    pub fn view<'a>(&'a self, r: &'a MeetingRecord) -> Element<'a, Msg> {
        let page = column![widget::section("Ordre du jour", points(r))].spacing(12);
        if editable(r) {
            page.push(self.form(r)).into()
        } else {
            page.push(widget::muted(
                "Le compte rendu est validé : l'ordre du jour ne change plus.",
            ))
            .into()
        }
    }

    fn form<'a>(&'a self, r: &'a MeetingRecord) -> Element<'a, Msg> {
        let editing = self.editing.is_some();
        let mut details = row![
            widget::input(
                "Durée (45, 1h30)",
                &self.duration,
                Msg::Duration,
                "item-duration"
            ),
            widget::input("Intervenant·e", &self.speaker, Msg::Speaker, "item-speaker"),
        ]
        .spacing(8);
        if !editing {
            let parents: Vec<Choice<Option<AgendaItemId>>> =
                std::iter::once(Choice::new(None, "Point principal"))
                    .chain(
                        numbered_agenda(&r.agenda)
                            .into_iter()
                            .filter(|(_, i)| i.parent.is_none())
                            .map(|(n, i)| {
                                Choice::new(Some(i.id), format!("Sous-point du {n}. {}", i.title))
                            }),
                    )
                    .collect();
            let chosen = selected(&parents, &self.parent);
            details = details.push(pick_list(parents, chosen, Msg::Parent));
        }
        let buttons = if editing {
            row![
                button(text("Enregistrer le point")).on_press(Msg::Save),
                button(text("Annuler"))
                    .style(button::secondary)
                    .on_press(Msg::Cancel),
            ]
        } else {
            row![button(text("Ajouter le point")).on_press(Msg::Save)]
        };
        widget::section(
            if editing {
                "Modifier le point"
            } else {
                "Ajouter un point"
            },
            column![
                widget::input("Intitulé du point", &self.title, Msg::Title, "item-title"),
                details,
                buttons.spacing(8),
            ]
            .spacing(8),
        )
    }
}

/// The numbered points, then the total and what overruns.
fn points(r: &MeetingRecord) -> Element<'_, Msg> {
    let editable = editable(r);
    let mut items = column![].spacing(4);
    if r.agenda.is_empty() {
        items = items.push(widget::muted(
            "L'ordre du jour est vide : ajoutez son premier point ci-dessous.",
        ));
    }
    for (number, item) in numbered_agenda(&r.agenda) {
        let indent = if item.parent.is_some() { 28.0 } else { 0.0 };
        let mut line = row![
            iced::widget::Space::new().width(Length::Fixed(indent)),
            text(format!("{number}. {}", item.title)).width(Length::Fill),
            text(format!("{} min", item.duration_minutes)).width(Length::Fixed(70.0)),
            text(item.speaker.as_str())
                .width(Length::Fixed(180.0))
                .color(theme::MUTED),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if editable {
            line = line
                .push(widget::small_button("Modifier", Msg::Edit(item.id)))
                .push(widget::small_button("↑", Msg::Move(item.id, true)))
                .push(widget::small_button("↓", Msg::Move(item.id, false)))
                .push(widget::small_button("Retirer", Msg::Remove(item.id)));
        }
        items = items.push(line);
    }
    let total = agenda_total_minutes(&r.agenda);
    let overrun = agenda_overrun_minutes(&r.meeting, &r.agenda);
    items = items.push(if overrun > 0 {
        widget::colored(
            format!(
                "Total {total} min : l'ordre du jour dépasse de {overrun} min la durée de la réunion ({} min).",
                r.meeting.length_minutes()
            ),
            theme::LATE,
        )
    } else {
        widget::muted(format!(
            "Total {total} min sur {} min ({} min de marge).",
            r.meeting.length_minutes(),
            -overrun
        ))
    });
    for (parent, over) in sub_item_overruns(&r.agenda) {
        items = items.push(widget::colored(
            format!(
                "Les sous-points de « {} » dépassent sa durée de {over} min.",
                parent.title
            ),
            theme::LATE,
        ));
    }
    items.into()
}
