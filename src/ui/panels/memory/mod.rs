//! The mission's memory: what it keeps beyond the conventions, one tab each — the
//! calls for projects it answers (`calls`), its veille (`veille`) and the charter it
//! co-writes with the inhabitants (`charter`).

mod calls;
mod charter;
mod veille;

pub use calls::{Field as CallField, Msg as CallsMsg};
pub use charter::{Field as CharterField, Msg as CharterMsg};
pub use veille::{Field as VeilleField, Msg as VeilleMsg};

use chrono::NaiveDate;
use iced::widget::{column, row, scrollable};
use iced::{Element, Length, Task};

use super::Event;
use crate::domain::ids::CallId;
use crate::store::Store;
use crate::ui::widget;

/// The panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Calls,
    Veille,
    Charter,
}

/// The panel's state.
#[derive(Debug)]
pub struct State {
    tab: Tab,
    calls: calls::State,
    veille: veille::State,
    charter: charter::State,
}

/// What the person did.
#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Calls(calls::Msg),
    Veille(veille::Msg),
    Charter(charter::Msg),
}

impl State {
    /// Loads the panel.
    pub fn new(store: &Store, today: NaiveDate) -> State {
        State {
            tab: Tab::Calls,
            calls: calls::State::new(store),
            veille: veille::State::new(store, today),
            charter: charter::State::new(store, today),
        }
    }

    /// Reloads after the store changed, keeping a form being typed.
    pub fn reload(&mut self, store: &Store) {
        self.calls.reload(store);
        self.veille.reload(store);
        self.charter.reload(store);
    }

    /// The files of the call being changed or the note read, on the tab shown.
    pub fn files_mut(&mut self) -> Option<&mut crate::ui::attachments::Files> {
        match self.tab {
            Tab::Calls => self.calls.files_mut(),
            Tab::Veille => self.veille.files_mut(),
            Tab::Charter => None,
        }
    }

    /// Shows a call's form (from the dashboard).
    pub fn open_call(&mut self, store: &Store, id: CallId) {
        self.tab = Tab::Calls;
        self.calls.open(store, id);
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Tab(t) => {
                self.tab = t;
                (Task::none(), None)
            }
            Message::Calls(m) => {
                let (task, event) = self.calls.update(m, store);
                (task.map(Message::Calls), event)
            }
            Message::Veille(m) => {
                let (task, event) = self.veille.update(m, store);
                (task.map(Message::Veille), event)
            }
            Message::Charter(m) => {
                let (task, event) = self.charter.update(m, store);
                (task.map(Message::Charter), event)
            }
        }
    }

    /// The panel.
    pub fn view(&self, today: NaiveDate) -> Element<'_, Message> {
        let tabs = row![
            widget::tab(
                "Appels à projets",
                self.tab == Tab::Calls,
                Message::Tab(Tab::Calls)
            ),
            widget::tab("Veille", self.tab == Tab::Veille, Message::Tab(Tab::Veille)),
            widget::tab(
                "Charte",
                self.tab == Tab::Charter,
                Message::Tab(Tab::Charter)
            ),
        ]
        .spacing(6);
        let body = match self.tab {
            Tab::Calls => self.calls.view(today).map(Message::Calls),
            Tab::Veille => self.veille.view().map(Message::Veille),
            Tab::Charter => self.charter.view().map(Message::Charter),
        };
        column![
            widget::title("Mémoire de la mission"),
            tabs,
            scrollable(column![body].padding(widget::GUTTER)).height(Length::Fill),
        ]
        .spacing(12)
        .into()
    }
}
