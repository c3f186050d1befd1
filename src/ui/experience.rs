//! The « Fiche d'expérience » block of a convention (its « Synthèse » tab) and of a
//! dispositif (below its sheet): the five paragraphs the mission writes once it has
//! run (context, objectives, method, what worked, what to change), saved with it, and
//! the fiche written as PDF or ODT with the figures Agora counts from the records.

use chrono::NaiveDate;
use iced::widget::{button, column, row, text, text_editor};
use iced::{Element, Length, Task};

use crate::domain::experience::{ExperienceNote, Subject};
use crate::export::Document;
use crate::store::Store;
use crate::ui::panels::{Event, describe};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    Edit(usize, text_editor::Action),
    Save,
    Export(bool),
}

/// The five paragraphs as typed.
#[derive(Debug)]
pub struct State {
    subject: Subject,
    parts: [text_editor::Content; 5],
    saved: ExperienceNote,
}

impl State {
    pub fn load(store: &Store, subject: Subject) -> State {
        let saved = store.experience_note(subject).unwrap_or_default();
        let parts = saved
            .parts()
            .map(|(_, t)| text_editor::Content::with_text(t));
        State {
            subject,
            parts,
            saved,
        }
    }

    fn typed(&self) -> ExperienceNote {
        let t = |i: usize| self.parts[i].text().trim().to_string();
        ExperienceNote {
            context: t(0),
            objectives: t(1),
            method: t(2),
            worked: t(3),
            change: t(4),
            updated_on: self.saved.updated_on,
        }
    }

    /// What the fiche is about.
    pub fn subject(&self) -> Subject {
        self.subject
    }

    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        let subject = self.subject;
        let event = match msg {
            Msg::Edit(i, action) => {
                if let Some(p) = self.parts.get_mut(i) {
                    p.perform(action);
                }
                None
            }
            Msg::Save => match store.save_experience_note(subject, &self.typed(), today) {
                Ok(()) => {
                    *self = State::load(store, self.subject);
                    Some(Event::Saved("Fiche d’expérience enregistrée.".into()))
                }
                Err(e) => Some(Event::Notice(describe(&e))),
            },
            Msg::Export(editable) => Some(Event::export(Document::Experience(subject), editable)),
        };
        (Task::none(), event)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let dirty = self.typed() != self.saved;
        let mut col = column![widget::muted(
            "Une à deux pages pour l’intranet ou un article : vos paragraphes, autour de ce qu’Agora compte dans ses fiches (participants, calendrier, ce qui a été produit, les suites données, les chiffres)."
        )]
        .spacing(8);
        for (i, (heading, _)) in self.saved.parts().iter().enumerate() {
            col = col.push(text(widget::label(*heading)).font(widget::bold()).size(14));
            col = col.push(
                text_editor(&self.parts[i])
                    .id([
                        "xp-context",
                        "xp-objectives",
                        "xp-method",
                        "xp-worked",
                        "xp-change",
                    ][i])
                    .on_action(move |a| Msg::Edit(i, a))
                    .height(Length::Fixed(100.0))
                    .padding(6),
            );
        }
        let status = match (dirty, self.saved.updated_on) {
            (true, _) => widget::colored("Modifications non enregistrées.", theme::LATE),
            (false, Some(d)) => widget::muted(format!(
                "Enregistrée le {}.",
                crate::domain::text::date_short(d)
            )),
            (false, None) => widget::muted("Pas encore rédigée."),
        };
        col.push(
            row![
                button(text(widget::label("Enregistrer la fiche")))
                    .on_press_maybe(dirty.then_some(Msg::Save)),
                widget::small_button("Fiche d’expérience (PDF)", Msg::Export(false)),
                widget::small_button("ODT", Msg::Export(true)),
                status,
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        )
        .into()
    }
}
