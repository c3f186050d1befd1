//! The top level: opens the store, shows the welcome screen on an empty store, routes
//! messages to the panels, owns navigation (sidebar, Ctrl+1…8, records opened from
//! other panels), writes the documents panels ask for (save dialog or fallback
//! folder, write, log, notice), and backs up on close.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Length, Subscription, Task, event, keyboard, window};

use super::panels::{self, Event, Target};
use super::save_dialog::{self, SaveTarget};
use super::{Panel, theme, widget};
use crate::domain::text::typography;
use crate::export::{Document, Kind};
use crate::store::Store;

/// The application.
pub struct App {
    today: NaiveDate,
    state: State,
}

enum State {
    /// The store could not be opened; the message says why.
    Refused(String),
    /// An encrypted store waits for its passphrase or its recovery key.
    Locked(Box<Locked>),
    Ready(Box<Ready>),
    Closed,
}

struct Locked {
    db: PathBuf,
    panel: Panel,
    phrase: String,
    error: Option<String>,
}

struct Ready {
    store: Store,
    panel: Panel,
    welcome: Option<panels::welcome::State>,
    notice: Option<String>,
    dashboard: panels::dashboard::State,
    conventions: panels::conventions::State,
    contacts: panels::contacts::State,
    draw: panels::draw::State,
    meetings: panels::meetings::State,
    documents: panels::documents::State,
    memory: panels::memory::State,
    dispositifs: panels::dispositifs::State,
    settings: panels::settings::State,
}

/// The top-level messages.
#[derive(Debug, Clone)]
pub enum Message {
    Navigate(Panel),
    Shortcut(usize),
    DismissNotice,
    CloseRequested(window::Id),
    /// A file dropped on the window: attached to the record on screen.
    FileDropped(std::path::PathBuf),
    Welcome(panels::welcome::Message),
    Dashboard(panels::dashboard::Message),
    Conventions(panels::conventions::Message),
    Contacts(panels::contacts::Message),
    Draw(panels::draw::Message),
    Meetings(panels::meetings::Message),
    Documents(panels::documents::Message),
    Memory(panels::memory::Message),
    Dispositifs(panels::dispositifs::Message),
    Settings(panels::settings::Message),
    /// Where the person chose to write a document a panel asked for (`None`: cancelled).
    ExportTo(Document, Option<SaveTarget>),
    /// The passphrase (or recovery key) typed on the locked screen.
    Phrase(String),
    Unlock,
}

/// Asks where to write `document` as a file of `kind` (the system's dialog, or the
/// fallback folder), then writes it. For a printed document the dialog offers the
/// other format too: the name's extension decides.
fn ask_where(document: Document, kind: Kind, today: NaiveDate) -> Task<Message> {
    let name = document.file_name_as(kind, today);
    let mut kinds = vec![kind];
    if document.printed() {
        kinds.extend([Kind::Pdf, Kind::Odt].into_iter().filter(|k| *k != kind));
    }
    let filters = kinds.iter().map(|k| (k.label(), k.extension())).collect();
    Task::perform(save_dialog::choose(name, filters), move |target| {
        Message::ExportTo(document.clone(), target)
    })
}

impl Ready {
    fn new(store: Store, panel: Panel, today: NaiveDate) -> Ready {
        let welcome = match (store.is_empty(), store.settings()) {
            (Ok(true), Ok(s)) if !s.welcomed => Some(panels::welcome::State::default()),
            _ => None,
        };
        Ready {
            panel,
            welcome,
            notice: None,
            dashboard: panels::dashboard::State::new(&store, today),
            conventions: panels::conventions::State::new(&store, today),
            contacts: panels::contacts::State::new(&store),
            draw: panels::draw::State::new(&store),
            meetings: panels::meetings::State::new(&store, today),
            documents: panels::documents::State::new(&store),
            memory: panels::memory::State::new(&store, today),
            dispositifs: panels::dispositifs::State::new(&store, today),
            settings: panels::settings::State::new(&store),
            store,
        }
    }

    /// Reloads every panel after a change, keeping what each shows.
    fn reload(&mut self, today: NaiveDate) {
        self.dashboard = panels::dashboard::State::new(&self.store, today);
        self.conventions.reload(&self.store);
        self.contacts.reload(&self.store);
        self.draw.reload(&self.store);
        self.meetings.reload(&self.store);
        self.documents.reload(&self.store);
        self.memory.reload(&self.store);
        self.dispositifs.reload(&self.store, today);
        self.settings.reload(&self.store);
    }

    /// Does what a panel asked; a document to export first asks where (a task).
    fn handle(&mut self, event: Option<Event>, today: NaiveDate) -> Task<Message> {
        match event {
            None => {}
            Some(Event::Saved(n)) => {
                self.reload(today);
                self.notice = Some(typography(&n));
            }
            Some(Event::Changed) => self.reload(today),
            Some(Event::Notice(n)) => self.notice = Some(typography(&n)),
            Some(Event::Export(document)) => {
                let kind = document.kind();
                return ask_where(document, kind, today);
            }
            Some(Event::ExportEditable(document)) => {
                let kind = if document.printed() {
                    Kind::Odt
                } else {
                    document.kind()
                };
                return ask_where(document, kind, today);
            }
            Some(Event::Open(target)) => match target {
                Target::Convention(id) => {
                    self.panel = Panel::Conventions;
                    self.conventions.open(&self.store, id);
                }
                Target::Meeting(id) => {
                    self.panel = Panel::Meetings;
                    self.meetings.open(&self.store, id);
                }
                Target::Call(id) => {
                    self.panel = Panel::Memory;
                    self.memory.open_call(&self.store, id);
                }
                Target::Contact(id) => {
                    self.panel = Panel::Contacts;
                    self.contacts.show(&self.store, id);
                }
                Target::Draw(id) => {
                    self.panel = Panel::Draw;
                    self.draw.open(&self.store, id);
                }
                Target::Dispositif(id) => {
                    self.panel = Panel::Dispositifs;
                    if let Some(e) = self.dispositifs.open(&self.store, id, today) {
                        return self.handle(Some(e), today);
                    }
                }
            },
        }
        Task::none()
    }

    /// Writes a document where the person chose, refreshes the export log and says
    /// what happened.
    fn export(&mut self, document: &Document, target: &SaveTarget, today: NaiveDate) {
        let result = crate::export::write(&mut self.store, document, target.destination(), today);
        self.documents.reload(&self.store);
        self.notice = Some(match result {
            Ok(written) if target.fallback => tf!(
                "Aucune boîte de dialogue disponible : {}",
                written.sentence(document, &target.path)
            ),
            Ok(written) => typography(&written.sentence(document, &target.path)),
            Err(e) => panels::describe(&e),
        });
    }
}

impl App {
    /// Opens the store at `db` and starts on `panel` (default: the dashboard).
    pub fn boot(db: &Path, panel: Option<Panel>) -> (App, Task<Message>) {
        let today = Local::now().date_naive();
        let panel = panel.unwrap_or(Panel::Dashboard);
        let app = match Store::open(db) {
            Ok(store) => App::opened(store, panel, today),
            Err(crate::store::StoreError::Encrypted(_)) => App {
                today,
                state: State::Locked(Box::new(Locked {
                    db: db.to_path_buf(),
                    panel,
                    phrase: String::new(),
                    error: None,
                })),
            },
            Err(e) => App {
                today,
                state: State::Refused(panels::describe(&e)),
            },
        };
        (app, Task::none())
    }

    /// The app on a store just opened: review dates follow the policy as days pass
    /// and meetings are recorded.
    fn opened(mut store: Store, panel: Panel, today: NaiveDate) -> App {
        let refused = store.apply_retention_policy().err();
        let mut app = App::with_store(store, panel, today);
        if let (Some(e), State::Ready(r)) = (refused, &mut app.state) {
            r.notice = Some(panels::describe(&e));
        }
        app
    }

    /// The locked screen: a passphrase, or a recovery key, opens the store.
    fn unlock(&mut self, message: Message) {
        let State::Locked(l) = &mut self.state else {
            return;
        };
        match message {
            Message::Phrase(p) => l.phrase = p,
            Message::Unlock => {
                let opened = match crate::store::Key::from_recovery(&l.phrase) {
                    Some(key) => Store::open_with_key(&l.db, key),
                    None => Store::open_with_phrase(&l.db, &l.phrase),
                };
                match opened {
                    Ok(store) => *self = App::opened(store, l.panel, self.today),
                    Err(e) => {
                        l.phrase.clear();
                        l.error = Some(panels::describe(&e));
                    }
                }
            }
            _ => {}
        }
    }

    /// The app on an open store, as of `today` (tests fix the date).
    pub fn with_store(store: Store, panel: Panel, today: NaiveDate) -> App {
        App {
            today,
            state: State::Ready(Box::new(Ready::new(store, panel, today))),
        }
    }

    /// The window title.
    pub fn title(&self) -> String {
        match &self.state {
            State::Ready(r) if r.welcome.is_none() => format!("Agora — {}", r.panel.label()),
            _ => "Agora — Mission Démocratie locale".into(),
        }
    }

    /// Keyboard shortcuts and the close request.
    pub fn subscription(&self) -> Subscription<Message> {
        event::listen_with(|event, _status, id| match event {
            iced::Event::Keyboard(keyboard::Event::KeyPressed {
                key: keyboard::Key::Character(c),
                modifiers,
                ..
            }) if modifiers.control() || modifiers.command() => c
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=Panel::ALL.len()).contains(n))
                .map(Message::Shortcut),
            iced::Event::Window(window::Event::CloseRequested) => Some(Message::CloseRequested(id)),
            iced::Event::Window(window::Event::FileDropped(path)) => {
                Some(Message::FileDropped(path))
            }
            _ => None,
        })
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let today = self.today;
        if let Message::CloseRequested(id) = message {
            if let State::Ready(ready) = std::mem::replace(&mut self.state, State::Closed)
                && let Err(e) = ready.store.close()
            {
                eprintln!("{}", panels::describe(&e));
            }
            return window::close(id).chain(iced::exit());
        }
        if let State::Locked(_) = self.state {
            self.unlock(message);
            return Task::none();
        }
        let State::Ready(r) = &mut self.state else {
            return Task::none();
        };
        match message {
            // The locked screen's messages, once the store is open, change nothing.
            Message::Phrase(_) | Message::Unlock => Task::none(),
            Message::Navigate(panel) => {
                r.panel = panel;
                Task::none()
            }
            Message::Shortcut(n) => {
                if r.welcome.is_none() {
                    r.panel = Panel::ALL[n - 1];
                }
                Task::none()
            }
            Message::DismissNotice => {
                r.notice = None;
                Task::none()
            }
            Message::FileDropped(path) => {
                let files = match r.panel {
                    Panel::Conventions => r.conventions.files_mut(),
                    Panel::Contacts => r.contacts.files_mut(),
                    Panel::Meetings => r.meetings.files_mut(),
                    Panel::Memory => r.memory.files_mut(),
                    Panel::Dispositifs => r.dispositifs.files_mut(),
                    _ => None,
                };
                let event = match files {
                    Some(f) if r.welcome.is_none() => f.attach(&mut r.store, &path),
                    _ => Some(Event::Notice(
                        "Pour joindre ce fichier, ouvrez d’abord la fiche qui le recevra (une réunion, un contact, un dispositif, une note de veille, un appel à projets, ou l’onglet « Pièces jointes » d’une convention), puis déposez-le de nouveau."
                            .into(),
                    )),
                };
                r.handle(event, today)
            }
            Message::CloseRequested(_) | Message::ExportTo(_, None) => Task::none(),
            Message::ExportTo(document, Some(target)) => {
                r.export(&document, &target, today);
                Task::none()
            }
            Message::Welcome(m) => {
                let Some(w) = r.welcome.as_mut() else {
                    return Task::none();
                };
                let (task, event) = w.update(m, &mut r.store);
                let task = task.map(Message::Welcome);
                match event {
                    Some(event) => {
                        r.welcome = None;
                        r.reload(today);
                        Task::batch([task, r.handle(Some(event), today)])
                    }
                    None => task,
                }
            }
            Message::Dashboard(m) => {
                let (task, event) = r.dashboard.update(m);
                Task::batch([task.map(Message::Dashboard), r.handle(event, today)])
            }
            Message::Conventions(m) => {
                let (task, event) = r.conventions.update(m, &mut r.store, today);
                Task::batch([task.map(Message::Conventions), r.handle(event, today)])
            }
            Message::Contacts(m) => {
                let (task, event) = r.contacts.update(m, &mut r.store, today);
                Task::batch([task.map(Message::Contacts), r.handle(event, today)])
            }
            Message::Draw(m) => {
                let (task, event) = r.draw.update(m, &mut r.store, today);
                Task::batch([task.map(Message::Draw), r.handle(event, today)])
            }
            Message::Meetings(m) => {
                let (task, event) = r.meetings.update(m, &mut r.store);
                Task::batch([task.map(Message::Meetings), r.handle(event, today)])
            }
            Message::Documents(m) => {
                let (task, event) = r.documents.update(m, &mut r.store);
                Task::batch([task.map(Message::Documents), r.handle(event, today)])
            }
            Message::Memory(m) => {
                let (task, event) = r.memory.update(m, &mut r.store);
                Task::batch([task.map(Message::Memory), r.handle(event, today)])
            }
            Message::Dispositifs(m) => {
                let (task, event) = r.dispositifs.update(m, &mut r.store, today);
                Task::batch([task.map(Message::Dispositifs), r.handle(event, today)])
            }
            Message::Settings(m) => {
                let (task, event) = r.settings.update(m, &mut r.store);
                Task::batch([task.map(Message::Settings), r.handle(event, today)])
            }
        }
    }

    /// Draws the window.
    pub fn view(&self) -> Element<'_, Message> {
        match &self.state {
            State::Refused(message) => container(
                column![
                    widget::title("Agora ne peut pas ouvrir la base"),
                    text(message.as_str()).size(16),
                    widget::muted(
                        "Rien n'a été modifié. Fermez cette fenêtre une fois le problème réglé."
                    ),
                ]
                .spacing(16)
                .max_width(720),
            )
            .padding(40)
            .center(Length::Fill)
            .into(),
            State::Locked(l) => {
                let mut page = column![
                    widget::title("Base chiffrée"),
                    text(typography(
                        "Saisissez la phrase de passe de la base, ou la clé de secours imprimée."
                    )),
                    row![
                        text_input("Phrase de passe", &l.phrase)
                            .id("unlock-phrase")
                            .secure(true)
                            .on_input(Message::Phrase)
                            .on_submit(Message::Unlock)
                            .padding(8)
                            .width(Length::Fixed(420.0)),
                        button(text("Ouvrir")).on_press(Message::Unlock),
                    ]
                    .spacing(10)
                    .align_y(iced::Alignment::Center),
                ]
                .spacing(14)
                .max_width(640);
                if let Some(e) = &l.error {
                    page = page.push(widget::colored(e.as_str(), theme::LATE));
                }
                page = page.push(widget::muted(typography(
                    "Une phrase de passe perdue ne peut pas être retrouvée : seule la clé de secours imprimée ouvre la base à sa place.",
                )));
                container(page)
                    .center(Length::Fill)
                    .padding(widget::GUTTER)
                    .into()
            }
            State::Closed => widget::muted("Fermeture…"),
            State::Ready(r) => match &r.welcome {
                Some(w) => w.view().map(Message::Welcome),
                None => self.main_view(r),
            },
        }
    }

    fn main_view<'a>(&'a self, r: &'a Ready) -> Element<'a, Message> {
        let mut nav = column![
            text("Agora")
                .size(26)
                .font(widget::bold())
                .color(theme::ACCENT),
            widget::gap(12.0)
        ]
        .spacing(4);
        for (i, panel) in Panel::ALL.into_iter().enumerate() {
            nav = nav.push(
                button(row![
                    text(panel.label()).width(Length::Fill),
                    text(format!("{}", i + 1)).size(11).color(theme::MUTED)
                ])
                .width(Length::Fill)
                .padding([8, 10])
                .style(theme::entry(panel == r.panel))
                .on_press(Message::Navigate(panel)),
            );
        }
        let settings = r.settings.saved();
        nav = nav
            .push(widget::gap(20.0))
            .push(widget::muted(settings.organisation.as_str()))
            .push(widget::muted(settings.mission.as_str()));
        let sidebar = container(nav)
            .width(Length::Fixed(240.0))
            .height(Length::Fill)
            .padding(16)
            .style(theme::sidebar);
        let body: Element<'_, Message> = match r.panel {
            Panel::Dashboard => r.dashboard.view(self.today).map(Message::Dashboard),
            Panel::Conventions => r.conventions.view(self.today).map(Message::Conventions),
            Panel::Contacts => r.contacts.view().map(Message::Contacts),
            Panel::Draw => r.draw.view().map(Message::Draw),
            Panel::Meetings => r.meetings.view().map(Message::Meetings),
            Panel::Documents => r.documents.view().map(Message::Documents),
            Panel::Memory => r.memory.view(self.today).map(Message::Memory),
            Panel::Dispositifs => r.dispositifs.view(self.today).map(Message::Dispositifs),
            Panel::Settings => r.settings.view().map(Message::Settings),
        };
        let mut main = column![].spacing(12).padding(20).height(Length::Fill);
        if let Some(notice) = &r.notice {
            main = main.push(
                container(
                    row![
                        text(notice.as_str()).width(Length::Fill),
                        button(text("Fermer")).on_press(Message::DismissNotice)
                    ]
                    .spacing(12)
                    .align_y(iced::Alignment::Center),
                )
                .padding(10)
                .style(theme::notice),
            );
        }
        main = main.push(body);
        row![
            sidebar,
            container(main)
                .width(Length::Fill)
                .height(Length::Fill)
                .style(theme::page)
        ]
        .into()
    }
}
