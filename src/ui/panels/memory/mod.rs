//! The mission's memory: what it keeps beyond the conventions. For now one part, the
//! calls for projects it answers (`calls`); the veille, the charter and the fiches
//! d'expérience join it as tabs.

mod calls;

pub use calls::{Field as CallField, Msg as CallsMsg};

use chrono::NaiveDate;
use iced::widget::{column, scrollable};
use iced::{Element, Length, Task};

use super::Event;
use crate::domain::ids::CallId;
use crate::store::Store;
use crate::ui::widget;

/// The panel's state.
#[derive(Debug)]
pub struct State {
    calls: calls::State,
}

/// What the person did.
#[derive(Debug, Clone)]
pub enum Message {
    Calls(calls::Msg),
}

impl State {
    /// Loads the panel.
    pub fn new(store: &Store) -> State {
        State {
            calls: calls::State::new(store),
        }
    }

    /// Reloads after the store changed, keeping a form being typed.
    pub fn reload(&mut self, store: &Store) {
        self.calls.reload(store);
    }

    /// Shows a call's form (from the dashboard).
    pub fn open_call(&mut self, store: &Store, id: CallId) {
        self.calls.open(store, id);
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Calls(m) => {
                let (task, event) = self.calls.update(m, store);
                (task.map(Message::Calls), event)
            }
        }
    }

    /// The panel.
    pub fn view(&self, today: NaiveDate) -> Element<'_, Message> {
        column![
            widget::title("Mémoire de la mission"),
            scrollable(self.calls.view(today).map(Message::Calls)).height(Length::Fill),
        ]
        .spacing(12)
        .into()
    }
}
