//! The first-run screen on an empty store: explore the demonstration dossier, or start
//! an empty one.

use iced::widget::{button, column, container, text};
use iced::{Element, Length, Task};

use super::Event;
use crate::store::Store;
use crate::ui::widget;

/// The welcome screen's state: an error if loading the demo failed.
#[derive(Debug, Default)]
pub struct State {
    error: Option<String>,
}

/// The two choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    LoadDemo,
    StartEmpty,
}

impl State {
    /// Handles a message (the panel contract; no task of its own).
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
    ) -> (Task<Message>, Option<Event>) {
        (Task::none(), self.apply(message, store))
    }

    /// Applies the choice; `Some` once the welcome screen is done.
    fn apply(&mut self, message: Message, store: &mut Store) -> Option<Event> {
        let result = match message {
            Message::LoadDemo => store
                .load_demo()
                .map(|s| {
                    // The demo's attached files; the dossier stands without them.
                    if let Err(e) = crate::export::attach_demo_files(store, chrono::Local::now().date_naive()) {
                        tracing::warn!(error = %e, "demo files not attached");
                    }
                    format!("Dossier de démonstration chargé : {} contacts, {} réunions, {} propositions.", s.contacts, s.meetings, s.proposals)
                }),
            Message::StartEmpty => store.settings().and_then(|mut s| {
                s.welcomed = true;
                store.save_settings(&s)
            })
            .map(|()| "Dossier vide prêt. Commencez par créer une convention ou importer des contacts.".to_string()),
        };
        match result {
            Ok(notice) => Some(Event::Notice(super::describe(&notice))),
            Err(e) => {
                self.error = Some(super::describe(&e));
                None
            }
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let mut content = column![
            widget::title("Bienvenue dans Agora"),
            text(tf!("Le poste de travail de la Mission Démocratie locale : conventions citoyennes, contacts et mobilisation, tirages au sort, réunions et documents.")).size(16),
            widget::muted(tf!("Vos données restent sur cet ordinateur. Rien n'est envoyé sur Internet ; chaque export de données personnelles est consigné.")),
            widget::gap(10.0),
            button(text("Explorer le dossier de démonstration").size(16)).padding([12, 20]).on_press(Message::LoadDemo),
            widget::muted("Une convention citoyenne pour le climat entièrement fictive, avec son panel, ses réunions et ses propositions."),
            widget::gap(6.0),
            button(text("Commencer un dossier vide").size(16)).padding([12, 20]).style(button::secondary).on_press(Message::StartEmpty),
        ]
        .spacing(12)
        .max_width(640);
        if let Some(e) = &self.error {
            content = content.push(widget::colored(e.as_str(), crate::ui::theme::LATE));
        }
        container(content).padding(40).center(Length::Fill).into()
    }
}
