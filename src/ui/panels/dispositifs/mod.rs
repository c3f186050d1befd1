//! Dispositifs: the mission's participatory processes other than conventions. The
//! list (`list`) with its filters, and the sheet of the one opened: a citizen
//! interpellation's (`interpellation`), a consultative body's (`body`), a
//! participatory budget's (`budget`), a directorate's request (`support`); the
//! meetings
//! linked to any of them (`linked`). Conventions keep their own panel:
//! their frame, draw, sessions and proposals are a workflow of their own, which a
//! dispositif links to rather than copies.

mod body;
mod budget;
mod interpellation;
mod linked;
mod list;
mod support;

pub use body::{Field as BodyField, Msg as BodyMsg};
pub use budget::{Field as BudgetField, Msg as BudgetMsg};
pub use interpellation::Field as InterpellationField;
pub use interpellation::Msg as InterpellationMsg;
pub use list::Msg as ListMsg;
pub use support::{Field as SupportField, Msg as SupportMsg};

use chrono::NaiveDate;
use iced::widget::{column, scrollable};
use iced::{Element, Length, Task};

use super::{Event, describe};
use crate::domain::codes::DispositifKind;
use crate::domain::ids::DispositifId;
use crate::store::Store;
use crate::ui::widget;

/// The sheet open in place of the list.
#[derive(Debug)]
enum Sheet {
    Interpellation(Box<interpellation::State>),
    Body(Box<body::State>),
    Budget(Box<budget::State>),
    Support(Box<support::State>),
}

/// The panel's state: the list, and the sheet when one is open.
#[derive(Debug)]
pub struct State {
    list: list::State,
    sheet: Option<Sheet>,
}

/// What the person did.
#[derive(Debug, Clone)]
pub enum Message {
    List(list::Msg),
    Interpellation(interpellation::Msg),
    Body(body::Msg),
    Budget(budget::Msg),
    Support(support::Msg),
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
        match &mut self.sheet {
            Some(Sheet::Interpellation(s)) => s.reload(store),
            Some(Sheet::Body(s)) => s.reload(store),
            Some(Sheet::Budget(s)) => s.reload(store),
            Some(Sheet::Support(s)) => s.reload(store),
            None => {}
        }
    }

    /// Opens a dispositif's sheet (from the dashboard or the list).
    pub fn open(&mut self, store: &Store, id: DispositifId, today: NaiveDate) -> Option<Event> {
        let opened = match store.dispositif(id) {
            Ok(d) if d.kind == DispositifKind::Interpellation => {
                interpellation::State::open(store, id, today)
                    .map(|s| Sheet::Interpellation(Box::new(s)))
            }
            Ok(d) if d.kind == DispositifKind::Body => {
                body::State::open(store, id, today).map(|s| Sheet::Body(Box::new(s)))
            }
            Ok(d) if d.kind == DispositifKind::Budget => {
                budget::State::open(store, id, today).map(|s| Sheet::Budget(Box::new(s)))
            }
            Ok(d) if d.kind == DispositifKind::Support => {
                support::State::open(store, id, today).map(|s| Sheet::Support(Box::new(s)))
            }
            Ok(d) => {
                return Some(Event::Notice(format!(
                    "La fiche d’un dispositif de type « {} » n’existe pas encore dans cette version.",
                    d.kind.label()
                )));
            }
            Err(e) => Err(e),
        };
        match opened {
            Ok(sheet) => {
                self.sheet = Some(sheet);
                None
            }
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
                self.sheet = Some(Sheet::Interpellation(Box::new(
                    interpellation::State::blank(store, today),
                )));
                None
            }
            Message::List(list::Msg::NewBudget) => {
                self.sheet = Some(Sheet::Budget(Box::new(budget::State::blank(today))));
                None
            }
            Message::List(list::Msg::NewSupport) => {
                self.sheet = Some(Sheet::Support(Box::new(support::State::blank(today))));
                None
            }
            Message::List(list::Msg::NewBody) => {
                self.sheet = Some(Sheet::Body(Box::new(body::State::blank(today))));
                None
            }
            Message::List(m) => {
                self.list.update(m, store, today);
                None
            }
            Message::Interpellation(m) => {
                let Some(Sheet::Interpellation(sheet)) = self.sheet.as_mut() else {
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
            Message::Budget(m) => {
                let Some(Sheet::Budget(sheet)) = self.sheet.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, up) = sheet.update(m, store);
                let event = match up {
                    None => None,
                    Some(budget::Up::Back) => {
                        self.sheet = None;
                        self.list.reload(store, today);
                        None
                    }
                    Some(budget::Up::App(e)) => Some(e),
                };
                return (task.map(Message::Budget), event);
            }
            Message::Support(m) => {
                let Some(Sheet::Support(sheet)) = self.sheet.as_mut() else {
                    return (Task::none(), None);
                };
                match sheet.update(m, store) {
                    None => None,
                    Some(support::Up::Back) => {
                        self.sheet = None;
                        self.list.reload(store, today);
                        None
                    }
                    Some(support::Up::App(e)) => Some(e),
                }
            }
            Message::Body(m) => {
                let Some(Sheet::Body(sheet)) = self.sheet.as_mut() else {
                    return (Task::none(), None);
                };
                match sheet.update(m, store, today) {
                    None => None,
                    Some(body::Up::Back) => {
                        self.sheet = None;
                        self.list.reload(store, today);
                        None
                    }
                    Some(body::Up::App(e)) => Some(e),
                }
            }
        };
        (Task::none(), event)
    }

    pub fn view(&self, today: NaiveDate) -> Element<'_, Message> {
        let body = match &self.sheet {
            Some(Sheet::Interpellation(s)) => s.view(today).map(Message::Interpellation),
            Some(Sheet::Body(s)) => s.view(today).map(Message::Body),
            Some(Sheet::Budget(s)) => s.view().map(Message::Budget),
            Some(Sheet::Support(s)) => s.view().map(Message::Support),
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
