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
use crate::domain::attachment::Owner;
use crate::domain::codes::DispositifKind;
use crate::domain::experience::Subject;
use crate::domain::ids::DispositifId;
use crate::store::Store;
use crate::ui::attachments::{self, Files};
use crate::ui::experience;
use crate::ui::widget;

/// What a sheet asks its panel after a message.
pub enum Up {
    /// Back to the list.
    Back,
    /// Back to the list, and tell the app (a deletion).
    Closed(Event),
    /// Tell the app.
    App(Event),
}

/// A one-line field of a sheet with its label above it.
fn labelled<'a, M: Clone + 'a>(
    label: &'a str,
    value: &'a str,
    id: Option<&'static str>,
    on_input: impl Fn(String) -> M + 'a,
) -> Element<'a, M> {
    let mut input = iced::widget::text_input("", value)
        .on_input(on_input)
        .padding(6);
    if let Some(id) = id {
        input = input.id(id);
    }
    column![
        iced::widget::text(label)
            .size(13)
            .color(crate::ui::theme::MUTED),
        input
    ]
    .spacing(2)
    .width(Length::Fill)
    .into()
}

/// The sheet open in place of the list.
#[derive(Debug)]
enum Sheet {
    Interpellation(Box<interpellation::State>),
    Body(Box<body::State>),
    Budget(Box<budget::State>),
    Support(Box<support::State>),
}

impl Sheet {
    fn id(&self) -> Option<DispositifId> {
        match self {
            Sheet::Interpellation(s) => s.id(),
            Sheet::Body(s) => s.id(),
            Sheet::Budget(s) => s.id(),
            Sheet::Support(s) => s.id(),
        }
    }
}

/// The panel's state: the list, and the sheet when one is open.
#[derive(Debug)]
pub struct State {
    list: list::State,
    sheet: Option<Sheet>,
    /// The files of the dispositif on the sheet, once it is saved.
    files: Option<Files>,
    /// Its fiche d'expérience, once it is saved.
    experience: Option<experience::State>,
}

/// What the person did.
#[derive(Debug, Clone)]
pub enum Message {
    List(list::Msg),
    Interpellation(interpellation::Msg),
    Body(body::Msg),
    Budget(budget::Msg),
    Support(support::Msg),
    Files(attachments::Msg),
    Experience(experience::Msg),
}

impl State {
    pub fn new(store: &Store, today: NaiveDate) -> State {
        State {
            list: list::State::new(store, today),
            sheet: None,
            files: None,
            experience: None,
        }
    }

    /// The files of the dispositif on screen (where a file dropped on the window goes).
    pub fn files_mut(&mut self) -> Option<&mut Files> {
        self.files.as_mut()
    }

    /// Follows the sheet: its files and its fiche d'expérience once it has an id, none
    /// on the list. A fiche being typed stays.
    fn sync_files(&mut self, store: &Store) {
        match self.sheet.as_ref().and_then(Sheet::id) {
            Some(id) => {
                match &mut self.files {
                    Some(f) if f.owner() == Owner::Dispositif(id) => f.reload(store),
                    _ => self.files = Some(Files::new(store, Owner::Dispositif(id))),
                }
                let subject = Subject::Dispositif(id);
                if self.experience.as_ref().map(experience::State::subject) != Some(subject) {
                    self.experience = Some(experience::State::load(store, subject));
                }
            }
            None => {
                self.files = None;
                self.experience = None;
            }
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
        self.sync_files(store);
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
                self.sync_files(store);
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
        let (task, event) = self.dispatch(message, store, today);
        self.sync_files(store);
        (task, event)
    }

    fn dispatch(
        &mut self,
        message: Message,
        store: &mut Store,
        today: NaiveDate,
    ) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::Experience(m) => {
                let Some(x) = self.experience.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = x.update(m, store, today);
                return (task.map(Message::Experience), event);
            }
            Message::Files(m) => {
                let Some(files) = self.files.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = files.update(m, store);
                return (task.map(Message::Files), event);
            }
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
                sheet.keep_files = self.files.as_ref().is_none_or(Files::keep_on_delete);
                let (task, up) = sheet.update(m, store, today);
                return (
                    task.map(Message::Interpellation),
                    self.settle(up, store, today),
                );
            }
            Message::Budget(m) => {
                let Some(Sheet::Budget(sheet)) = self.sheet.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, up) = sheet.update(m, store);
                return (task.map(Message::Budget), self.settle(up, store, today));
            }
            Message::Support(m) => {
                let Some(Sheet::Support(sheet)) = self.sheet.as_mut() else {
                    return (Task::none(), None);
                };
                let up = sheet.update(m, store);
                self.settle(up, store, today)
            }
            Message::Body(m) => {
                let Some(Sheet::Body(sheet)) = self.sheet.as_mut() else {
                    return (Task::none(), None);
                };
                let up = sheet.update(m, store, today);
                self.settle(up, store, today)
            }
        };
        (Task::none(), event)
    }

    /// Does what a sheet asked: back to the list, or tell the app.
    fn settle(&mut self, up: Option<Up>, store: &Store, today: NaiveDate) -> Option<Event> {
        match up? {
            Up::App(e) => Some(e),
            Up::Back => {
                self.sheet = None;
                self.list.reload(store, today);
                None
            }
            Up::Closed(e) => {
                self.sheet = None;
                self.list.reload(store, today);
                Some(e)
            }
        }
    }

    pub fn view(&self, today: NaiveDate) -> Element<'_, Message> {
        let body = match &self.sheet {
            Some(Sheet::Interpellation(s)) => s.view(today).map(Message::Interpellation),
            Some(Sheet::Body(s)) => s.view(today).map(Message::Body),
            Some(Sheet::Budget(s)) => s.view().map(Message::Budget),
            Some(Sheet::Support(s)) => s.view().map(Message::Support),
            None => self.list.view(today).map(Message::List),
        };
        let files = self.files.as_ref().map(|f| f.view().map(Message::Files));
        let fiche = self
            .experience
            .as_ref()
            .map(|x| widget::section("Fiche d’expérience", x.view().map(Message::Experience)));
        let deleting = match (&self.sheet, &self.files) {
            (Some(Sheet::Interpellation(s)), Some(f)) if s.confirming_delete() => {
                f.deletion_choice().map(|e| e.map(Message::Files))
            }
            _ => None,
        };
        column![
            widget::title("Dispositifs"),
            scrollable(
                column![]
                    .push(deleting)
                    .push(body)
                    .push(files)
                    .push(fiche)
                    .spacing(12)
                    .padding(widget::GUTTER)
            )
            .height(Length::Fill),
        ]
        .spacing(12)
        .into()
    }
}
