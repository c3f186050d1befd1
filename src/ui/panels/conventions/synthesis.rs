//! The Synthèse tab: the paragraph that concludes the note de synthèse handed to the
//! direction, saved with the convention, and the note's PDF export.

use iced::widget::{button, column, row, text, text_editor};
use iced::{Element, Length, Task};

use crate::domain::convention::Convention;
use crate::export::Document;
use crate::store::Store;
use crate::ui::panels::{Event, outcome};
use crate::ui::widget;

#[derive(Debug, Clone)]
pub enum Msg {
    Edited(text_editor::Action),
    Save,
    Export,
}

/// The paragraph being written.
#[derive(Default)]
pub struct State {
    text: text_editor::Content,
}

impl State {
    /// The paragraph as stored.
    pub fn load(c: &Convention) -> State {
        State {
            text: text_editor::Content::with_text(&c.synthesis_text),
        }
    }

    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        c: &Convention,
    ) -> (Task<Msg>, Option<Event>) {
        let event = match msg {
            Msg::Edited(action) => {
                self.text.perform(action);
                None
            }
            Msg::Save => {
                let text = self.text.text();
                outcome(
                    store
                        .set_synthesis_text(c.id, text.trim_end())
                        .map(|_| Some("Commentaire enregistré.".to_string())),
                )
            }
            Msg::Export => Some(Event::Export(Document::Synthesis(c.id))),
        };
        (Task::none(), event)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        column![
            widget::muted("Ce paragraphe conclut la note de synthèse remise à la direction."),
            text_editor(&self.text)
                .on_action(Msg::Edited)
                .height(Length::Fixed(180.0)),
            row![
                button(text("Enregistrer le commentaire")).on_press(Msg::Save),
                button(text("Exporter la note de synthèse (PDF)"))
                    .style(button::secondary)
                    .on_press(Msg::Export),
            ]
            .spacing(10),
        ]
        .spacing(10)
        .into()
    }
}
