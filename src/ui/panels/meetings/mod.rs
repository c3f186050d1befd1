//! The Réunions panel: every meeting (list with filters, or a week), a meeting's record
//! in tabs, and three views across meetings — the actions to follow, a convention's
//! timeline, the full-text search of the traces.
//!
//! One module per feature, each with its `State`, `Msg`, `update` and `view`:
//! `list` (filters and the meetings), `form` (create or change a meeting, shown in
//! place of the panel), `record/` (the open meeting and its five tabs), `actions`,
//! `timeline` and `search`. The parts that change what this panel shows (open the
//! form, close it, a meeting deleted) say so with an [`Up`]; everything else they
//! hand up is the app's [`Event`].

mod actions;
mod form;
mod list;
mod record;
mod search;
mod timeline;

use chrono::NaiveDate;
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Length, Task};

use super::{Event, describe};
use crate::domain::ids::MeetingId;
use crate::store::{Store, StoreError};
use crate::ui::{theme, widget};

pub use form::{Field, Form};

/// What the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Meetings,
    Actions,
    Timeline,
    Search,
}

impl View {
    const ALL: [View; 4] = [View::Meetings, View::Actions, View::Timeline, View::Search];

    fn label(self) -> &'static str {
        match self {
            View::Meetings => "Réunions",
            View::Actions => "Suivi des actions",
            View::Timeline => "Chronologie",
            View::Search => "Recherche",
        }
    }
}

/// The panel's messages: the view chosen, or a message for one of its parts.
#[derive(Debug, Clone)]
pub enum Message {
    View(View),
    List(list::Msg),
    Form(form::Msg),
    Record(record::Msg),
    Actions(actions::Msg),
    Timeline(timeline::Msg),
    Search(search::Msg),
}

/// What a part of the panel hands up to it.
#[derive(Debug)]
enum Up {
    /// For the app.
    App(Event),
    /// Show the meeting form in place of the panel.
    Form(Form),
    /// The form was left without saving.
    Closed,
    /// The form saved meeting `id` (a new one opens on its agenda).
    Saved {
        id: MeetingId,
        new: bool,
        notice: String,
    },
    /// The open meeting was deleted.
    Deleted,
}

/// A write that needs no sentence (the app reloads every panel), or why it failed.
fn changed<T>(result: Result<T, StoreError>) -> Option<Event> {
    Some(match result {
        Ok(_) => Event::Changed,
        Err(e) => Event::Notice(describe(&e)),
    })
}

/// A write and the sentence that says it, or why it failed.
fn saved(result: Result<String, StoreError>) -> Option<Event> {
    super::outcome(result.map(Some))
}

/// A meeting's or a person's name that opens its record.
fn link<'a, M: Clone + 'a>(label: impl text::IntoFragment<'a>, on_press: M) -> Element<'a, M> {
    button(text(label).size(13).color(theme::ACCENT))
        .style(button::text)
        .padding([2, 0])
        .on_press(on_press)
        .into()
}

/// The panel's state.
pub struct State {
    today: NaiveDate,
    view: View,
    list: list::State,
    form: Option<form::Editor>,
    record: Option<record::State>,
    actions: actions::State,
    timeline: timeline::State,
    search: search::State,
    /// Why the panel could not be loaded.
    error: Option<String>,
}

impl State {
    /// Loads the lists as of `today` and opens the latest meeting held.
    pub fn new(store: &Store, today: NaiveDate) -> State {
        let mut s = State {
            today,
            view: View::Meetings,
            list: list::State::new(today),
            form: None,
            record: None,
            actions: actions::State::new(today),
            timeline: timeline::State::default(),
            search: search::State::default(),
            error: None,
        };
        s.reload(store);
        if let Some(id) = s.list.latest_held() {
            s.open(store, id);
        }
        s
    }

    /// Reloads everything shown, keeping the open meeting, the filters and what is
    /// being typed.
    pub fn reload(&mut self, store: &Store) {
        let loaded = self
            .list
            .reload(store)
            .and_then(|_| self.actions.reload(store))
            .and_then(|_| self.timeline.reload(store))
            .and_then(|_| self.search.reload(store))
            .and_then(|_| match self.record.as_mut() {
                Some(r) => r.reload(store),
                None => Ok(()),
            });
        self.error = loaded.err().map(|e| describe(&e));
    }

    /// Shows one meeting (from this panel or from elsewhere). The meeting already
    /// open keeps its tab and what is being typed in it.
    pub fn open(&mut self, store: &Store, id: MeetingId) {
        self.view = View::Meetings;
        self.form = None;
        let opened = match self.record.as_mut() {
            Some(r) if r.id() == id => r.reload(store),
            _ => record::State::open(store, id, self.today).map(|r| self.record = Some(r)),
        };
        self.error = opened.err().map(|e| describe(&e));
    }

    /// The files of the meeting on screen (where a file dropped on the window goes).
    pub fn files_mut(&mut self) -> Option<&mut crate::ui::attachments::Files> {
        match self.view {
            View::Meetings => self.record.as_mut().map(record::State::files_mut),
            _ => None,
        }
    }

    /// The open meeting, if any.
    pub fn open_id(&self) -> Option<MeetingId> {
        self.record.as_ref().map(record::State::id)
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
    ) -> (Task<Message>, Option<Event>) {
        let (task, up) = match message {
            Message::View(v) => {
                self.view = v;
                let focus = match v {
                    View::Search => iced::widget::operation::focus(search::FIELD),
                    _ => Task::none(),
                };
                return (focus, None);
            }
            Message::List(m) => {
                let (t, up) = self.list.update(m, store);
                (t.map(Message::List), up)
            }
            Message::Form(m) => match self.form.as_mut() {
                Some(f) => {
                    let (t, up) = f.update(m, store);
                    (t.map(Message::Form), up)
                }
                None => (Task::none(), None),
            },
            Message::Record(m) => match self.record.as_mut() {
                Some(r) => {
                    let (t, up) = r.update(m, store);
                    (t.map(Message::Record), up)
                }
                None => (Task::none(), None),
            },
            Message::Actions(m) => {
                let (t, e) = self.actions.update(m, store);
                return (t.map(Message::Actions), e);
            }
            Message::Timeline(m) => {
                let (t, e) = self.timeline.update(m, store);
                return (t.map(Message::Timeline), e);
            }
            Message::Search(m) => {
                let (t, e) = self.search.update(m, store);
                return (t.map(Message::Search), e);
            }
        };
        (task, up.and_then(|up| self.apply(up, store)))
    }

    /// Does what a part asked of the panel; returns what the app must know.
    fn apply(&mut self, up: Up, store: &Store) -> Option<Event> {
        match up {
            Up::App(event) => return Some(event),
            Up::Form(form) => {
                self.form = Some(form::Editor::new(form, self.list.form_conventions()));
            }
            Up::Closed => self.form = None,
            Up::Saved { id, new, notice } => {
                self.open(store, id);
                if new && let Some(r) = self.record.as_mut() {
                    r.show(record::Tab::Agenda);
                }
                return Some(Event::Saved(notice));
            }
            Up::Deleted => {
                self.record = None;
                return Some(Event::Saved("Réunion supprimée.".into()));
            }
        }
        None
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let mut views = row![].spacing(4);
        for v in View::ALL {
            views = views.push(
                button(text(v.label()).size(14))
                    .padding([6, 12])
                    .style(theme::entry(v == self.view))
                    .on_press(Message::View(v)),
            );
        }
        let mut page = column![views].spacing(10);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        let body: Element<'_, Message> = match self.view {
            View::Meetings => self.meetings(),
            View::Actions => self.actions.view().map(Message::Actions),
            View::Timeline => self.timeline.view().map(Message::Timeline),
            View::Search => self.search.view().map(Message::Search),
        };
        page.push(body).height(Length::Fill).into()
    }

    /// The form alone, or the list beside the open meeting.
    fn meetings(&self) -> Element<'_, Message> {
        if let Some(form) = &self.form {
            return scrollable(container(form.view().map(Message::Form)).padding(widget::GUTTER))
                .height(Length::Fill)
                .into();
        }
        let right: Element<'_, Message> = match &self.record {
            Some(r) => r.view().map(Message::Record),
            None => widget::muted("Choisissez une réunion dans la liste, ou créez-en une."),
        };
        row![
            self.list.view(self.open_id()).map(Message::List),
            column![right].width(Length::Fill)
        ]
        .spacing(20)
        .into()
    }
}
