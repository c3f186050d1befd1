//! Dispositifs: the mission's participatory processes other than conventions. The
//! list (`list`) with its filters, and the sheet of the one opened; for now the
//! citizen interpellation's (`interpellation`). Conventions keep their own panel:
//! their frame, draw, sessions and proposals are a workflow of their own, which a
//! dispositif links to rather than copies.

mod interpellation;
mod list;

pub use interpellation::Field as InterpellationField;
pub use interpellation::Msg as InterpellationMsg;
pub use list::Msg as ListMsg;

use chrono::NaiveDate;
use iced::widget::{column, scrollable};
use iced::{Element, Length, Task};

use super::{Event, describe};
use crate::domain::codes::DispositifKind;
use crate::domain::ids::DispositifId;
use crate::store::Store;
use crate::ui::widget;

/// The panel's state: the list, and the sheet when one is open.
#[derive(Debug)]
pub struct State {
    list: list::State,
    sheet: Option<interpellation::State>,
}

/// What the person did.
#[derive(Debug, Clone)]
pub enum Message {
    List(list::Msg),
    Interpellation(interpellation::Msg),
}

impl State {
    pub fn new(store: &Store, today: NaiveDate) -> State {
        State {
            list: list::State::new(store, today),
            sheet: None,
        }
    }

    /// Reloads after the store changed, keeping a sheet being typed.
    pub fn reload(&mut self, store: &Store, today: NaiveDate) {
        self.list.reload(store, today);
        if let Some(s) = &mut self.sheet {
            s.reload(store);
        }
    }

    /// Opens a dispositif's sheet (from the dashboard or the list).
    pub fn open(&mut self, store: &Store, id: DispositifId, today: NaiveDate) -> Option<Event> {
        match store.dispositif(id) {
            Ok(d) if d.kind == DispositifKind::Interpellation => {
                match interpellation::State::open(store, id, today) {
                    Ok(s) => {
                        self.sheet = Some(s);
                        None
                    }
                    Err(e) => Some(Event::Notice(describe(&e))),
                }
            }
            Ok(d) => Some(Event::Notice(format!(
                "La fiche d’un dispositif de type « {} » n’existe pas encore dans cette version.",
                d.kind.label()
            ))),
            Err(e) => Some(Event::Notice(describe(&e))),
        }
    }

    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
        today: NaiveDate,
    ) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::List(list::Msg::Open(id)) => self.open(store, id, today),
            Message::List(list::Msg::NewInterpellation) => {
                self.sheet = Some(interpellation::State::blank(store, today));
                None
            }
            Message::List(m) => {
                self.list.update(m, store, today);
                None
            }
            Message::Interpellation(m) => {
                let Some(sheet) = self.sheet.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, up) = sheet.update(m, store, today);
                let task = task.map(Message::Interpellation);
                let event = match up {
                    None => None,
                    Some(interpellation::Up::Back) => {
                        self.sheet = None;
                        self.list.reload(store, today);
                        None
                    }
                    Some(interpellation::Up::Closed(e)) => {
                        self.sheet = None;
                        self.list.reload(store, today);
                        Some(e)
                    }
                    Some(interpellation::Up::App(e)) => Some(e),
                };
                return (task, event);
            }
        };
        (Task::none(), event)
    }

    pub fn view(&self, today: NaiveDate) -> Element<'_, Message> {
        let body = match &self.sheet {
            Some(s) => s.view(today).map(Message::Interpellation),
            None => self.list.view(today).map(Message::List),
        };
        column![
            widget::title("Dispositifs"),
            scrollable(column![body].padding(widget::GUTTER)).height(Length::Fill),
        ]
        .spacing(12)
        .into()
    }
}
