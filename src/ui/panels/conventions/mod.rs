//! The Conventions panel: the list of conventions (by status and year, archives
//! apart), creating one, duplicating an earlier one as a template, archiving; and a
//! convention's sheet in tabs — cadre (with its status moved one step at a time),
//! gouvernance, calendrier, tâches, risques, budget, propositions, synthèse (the
//! paragraph, the note and the dossier complet) — with the PDFs and the `.ics` export.
//!
//! This module owns the list and the tabs; each tab is a module with its `State`,
//! `Msg`, `update` and `view` (`cadre`, `governance`, `rules`, `calendar`,
//! `registers/` for tasks, risks and budget, `proposals`, `synthesis`, `dossier`), and the
//! frame's form (`frame`) is shown in place of the panel. A tab that changes what the
//! panel shows (open the form, open the convention just created) hands up an
//! [`Up`]; everything else it hands up is the app's [`Event`].

mod cadre;
mod calendar;
mod dossier;
mod files;
mod frame;
mod governance;
mod proposals;
mod registers;
mod rules;
mod synthesis;

use chrono::{Datelike, NaiveDate};
use iced::widget::{button, checkbox, column, pick_list, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};

use super::{Event, describe};
use crate::domain::codes::ConventionStatus;
use crate::domain::convention::Convention;
use crate::domain::ids::ConventionId;
use crate::domain::overview::ConventionOverview;
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{ConventionRow, Store};
use crate::ui::choice::{Choice, selected};
use crate::ui::{theme, widget};

pub use calendar::Msg as CalendarMsg;
pub use frame::{FrameField, Msg as FrameMsg};
pub use governance::Msg as GovernanceMsg;
pub use proposals::Msg as ProposalsMsg;
pub use registers::budget::Msg as BudgetMsg;
pub use registers::risks::Msg as RisksMsg;
pub use registers::tasks::Msg as TasksMsg;
pub use rules::Msg as RulesMsg;

/// The tabs of a convention's sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Frame,
    Governance,
    Rules,
    Calendar,
    Tasks,
    Risks,
    Budget,
    Proposals,
    /// The synthesis paragraph, the note and the dossier complet.
    Synthesis,
    Files,
}

impl Tab {
    const ALL: [Tab; 10] = [
        Tab::Frame,
        Tab::Governance,
        Tab::Rules,
        Tab::Calendar,
        Tab::Tasks,
        Tab::Risks,
        Tab::Budget,
        Tab::Proposals,
        Tab::Synthesis,
        Tab::Files,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::Frame => "Cadre",
            Tab::Governance => "Gouvernance",
            Tab::Rules => "Règles",
            Tab::Calendar => "Calendrier",
            Tab::Tasks => "Tâches",
            Tab::Risks => "Risques",
            Tab::Budget => "Budget",
            Tab::Proposals => "Propositions",
            Tab::Synthesis => "Synthèse",
            Tab::Files => "Pièces jointes",
        }
    }
}

/// The panel's state.
pub struct State {
    today: NaiveDate,
    list: Vec<ConventionRow>,
    statuses: Vec<Choice<Option<ConventionStatus>>>,
    status_filter: Option<ConventionStatus>,
    years: Vec<Choice<Option<i32>>>,
    year_filter: Option<i32>,
    show_archived: bool,
    selected: Option<ConventionOverview>,
    tab: Tab,
    /// The frame's form, shown in place of the panel.
    frame: Option<frame::Editor>,
    cadre: cadre::State,
    calendar: calendar::Calendar,
    tasks: registers::tasks::State,
    risks: registers::risks::State,
    budget: registers::budget::State,
    governance: governance::Governance,
    rules: rules::Rules,
    proposals: proposals::Proposals,
    synthesis: synthesis::State,
    dossier: dossier::State,
    files: Option<files::State>,
    experience: Option<crate::ui::experience::State>,
    error: Option<String>,
}

/// The panel's messages: the list's, or a message for one of its tabs.
#[derive(Debug, Clone)]
pub enum Message {
    Select(ConventionId),
    Tab(Tab),
    StatusFilter(Choice<Option<ConventionStatus>>),
    YearFilter(Choice<Option<i32>>),
    ShowArchived(bool),
    New,
    Form(frame::Msg),
    Cadre(cadre::Msg),
    Governance(GovernanceMsg),
    Rules(RulesMsg),
    Calendar(CalendarMsg),
    Tasks(TasksMsg),
    Risks(RisksMsg),
    Budget(BudgetMsg),
    Proposals(ProposalsMsg),
    Synthesis(synthesis::Msg),
    Dossier(dossier::Msg),
    Files(files::Msg),
    Experience(crate::ui::experience::Msg),
    /// The note de synthèse, from the sheet's header.
    Export,
}

/// A date as the forms show it (jj/mm/aaaa), empty when there is none.
fn date_text(d: Option<NaiveDate>) -> String {
    d.map(fr::date_short).unwrap_or_default()
}

/// What a tab or the form hands up to the panel.
enum Up {
    /// For the app.
    App(Event),
    /// Show the frame's form in place of the panel.
    Form(Box<frame::Editor>),
    /// The form was left without saving.
    Closed,
    /// Convention `id` was saved or created: open it, and say so.
    Saved { id: ConventionId, notice: String },
}

impl State {
    /// Loads the list and opens the first convention.
    pub fn new(store: &Store, today: NaiveDate) -> State {
        let mut s = State {
            today,
            list: Vec::new(),
            statuses: std::iter::once(Choice::new(None, "Tous les statuts"))
                .chain(
                    ConventionStatus::ALL
                        .iter()
                        .map(|st| Choice::new(Some(*st), st.label())),
                )
                .collect(),
            status_filter: None,
            years: Vec::new(),
            year_filter: None,
            show_archived: false,
            selected: None,
            tab: Tab::Frame,
            frame: None,
            cadre: cadre::State::default(),
            calendar: calendar::Calendar::default(),
            tasks: registers::tasks::State::default(),
            risks: registers::risks::State::default(),
            budget: registers::budget::State::default(),
            governance: governance::Governance::default(),
            rules: rules::Rules::default(),
            proposals: proposals::Proposals::default(),
            synthesis: synthesis::State::default(),
            dossier: dossier::State::default(),
            files: None,
            experience: None,
            error: None,
        };
        s.reload(store);
        let first = s.visible().next().map(|c| c.id);
        if let Some(first) = first {
            s.open(store, first);
        }
        s
    }

    /// Reloads the list and the open convention.
    pub fn reload(&mut self, store: &Store) {
        match store.conventions() {
            Ok(list) => self.list = list,
            Err(e) => self.error = Some(describe(&e)),
        }
        let mut years: Vec<i32> = self
            .list
            .iter()
            .flat_map(|c| [c.start_date, c.end_date])
            .flatten()
            .map(|d| d.year())
            .collect();
        years.sort_unstable();
        years.dedup();
        self.years = std::iter::once(Choice::new(None, "Toutes les années"))
            .chain(
                years
                    .into_iter()
                    .rev()
                    .map(|y| Choice::new(Some(y), y.to_string())),
            )
            .collect();
        if let Some(id) = self.selected.as_ref().map(|o| o.convention.id) {
            let tab = self.tab;
            self.open(store, id);
            self.tab = tab;
        }
    }

    /// The conventions the filters keep.
    fn visible(&self) -> impl Iterator<Item = &ConventionRow> {
        self.list.iter().filter(|c| {
            (self.show_archived || !c.archived)
                && self.status_filter.is_none_or(|s| c.status == s)
                && self.year_filter.is_none_or(|y| {
                    let from = c.start_date.map_or(i32::MIN, |d| d.year());
                    let to = c.end_date.map_or(i32::MAX, |d| d.year());
                    (c.start_date.is_some() || c.end_date.is_some()) && from <= y && y <= to
                })
        })
    }

    /// Shows one convention.
    pub fn open(&mut self, store: &Store, id: ConventionId) {
        match store.convention_overview(id) {
            Ok(o) => {
                if self.selected.as_ref().map(|x| x.convention.id) != Some(id) {
                    self.calendar = calendar::Calendar::default();
                    self.tasks = registers::tasks::State::default();
                    self.risks = registers::risks::State::default();
                    self.budget = registers::budget::State::default();
                    self.proposals = proposals::Proposals::default();
                    self.governance = governance::Governance::default();
                    match rules::Rules::load(store, id) {
                        Ok(r) => self.rules = r,
                        Err(e) => self.error = Some(describe(&e)),
                    }
                    self.cadre = cadre::State::default();
                    self.experience = Some(crate::ui::experience::State::load(
                        store,
                        crate::domain::experience::Subject::Convention(id),
                    ));
                    match dossier::State::load(store, id) {
                        Ok(d) => self.dossier = d,
                        Err(e) => self.error = Some(describe(&e)),
                    }
                }
                self.synthesis = synthesis::State::load(&o.convention);
                match &mut self.files {
                    Some(f) if self.selected.as_ref().map(|x| x.convention.id) == Some(id) => {
                        f.reload(store, &o)
                    }
                    _ => self.files = Some(files::State::load(store, &o)),
                }
                self.selected = Some(o);
                self.tab = Tab::Frame;
                self.frame = None;
                self.error = None;
            }
            Err(e) => self.error = Some(describe(&e)),
        }
    }

    /// The files of the record chosen in the « Pièces jointes » tab (where a file
    /// dropped on the window goes), while that tab is shown.
    pub fn files_mut(&mut self) -> Option<&mut crate::ui::attachments::Files> {
        match (self.tab, &mut self.files) {
            (Tab::Files, Some(f)) if self.frame.is_none() => Some(f.files_mut()),
            _ => None,
        }
    }

    fn selected_id(&self) -> Option<ConventionId> {
        self.selected.as_ref().map(|o| o.convention.id)
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
        today: NaiveDate,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Select(id) => self.open(store, id),
            Message::Tab(tab) => self.tab = tab,
            Message::Experience(m) => {
                let Some(x) = self.experience.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = x.update(m, store, today);
                return (task.map(Message::Experience), event);
            }
            Message::Files(m) => {
                let Some(f) = self.files.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = f.update(m, store);
                return (task.map(Message::Files), event);
            }
            Message::StatusFilter(c) => self.status_filter = c.value,
            Message::YearFilter(c) => self.year_filter = c.value,
            Message::ShowArchived(on) => self.show_archived = on,
            Message::New => self.frame = Some(frame::Editor::new(&Convention::draft(""))),
            Message::Form(m) => {
                let Some(f) = self.frame.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, up) = f.update(m, store);
                let event = up.and_then(|up| self.apply(up, store));
                return (task.map(Message::Form), event);
            }
            Message::Export => {
                let export = self
                    .selected_id()
                    .map(|id| Event::Export(Document::Synthesis(id)));
                return (Task::none(), export);
            }
            tab => return self.update_tab(tab, store, today),
        }
        (Task::none(), None)
    }

    /// Hands a message to the open convention's tab.
    fn update_tab(
        &mut self,
        message: Message,
        store: &mut Store,
        today: NaiveDate,
    ) -> (Task<Message>, Option<Event>) {
        let Some(o) = &self.selected else {
            return (Task::none(), None);
        };
        let (task, event) = match message {
            Message::Cadre(m) => {
                let (t, up) = self.cadre.update(m, store, &o.convention);
                let event = up.and_then(|up| self.apply(up, store));
                return (t.map(Message::Cadre), event);
            }
            Message::Governance(m) => {
                let (t, e) = self.governance.update(m, store, o, today);
                (t.map(Message::Governance), e)
            }
            Message::Rules(m) => {
                let (t, e) = self.rules.update(m, store, o.convention.id, today);
                (t.map(Message::Rules), e)
            }
            Message::Calendar(m) => {
                let (t, e) = self.calendar.update(m, store, o, today);
                (t.map(Message::Calendar), e)
            }
            Message::Tasks(m) => {
                let (t, e) = self.tasks.update(m, store, o);
                (t.map(Message::Tasks), e)
            }
            Message::Risks(m) => {
                let (t, e) = self.risks.update(m, store, o);
                (t.map(Message::Risks), e)
            }
            Message::Budget(m) => {
                let (t, e) = self.budget.update(m, store, o);
                (t.map(Message::Budget), e)
            }
            Message::Proposals(m) => {
                let (t, e) = self.proposals.update(m, store, o, today);
                (t.map(Message::Proposals), e)
            }
            Message::Synthesis(m) => {
                let (t, e) = self.synthesis.update(m, store, &o.convention);
                (t.map(Message::Synthesis), e)
            }
            Message::Dossier(m) => {
                let (t, e) = self.dossier.update(m, store, o.convention.id);
                (t.map(Message::Dossier), e)
            }
            _ => (Task::none(), None),
        };
        (task, event)
    }

    /// Does what a tab or the form asked of the panel; returns what the app must know.
    fn apply(&mut self, up: Up, store: &Store) -> Option<Event> {
        match up {
            Up::App(event) => Some(event),
            Up::Form(editor) => {
                self.frame = Some(*editor);
                None
            }
            Up::Closed => {
                self.frame = None;
                None
            }
            Up::Saved { id, notice } => {
                // Event::Saved makes the app reload every panel, this list included.
                self.frame = None;
                self.open(store, id);
                Some(Event::Saved(notice))
            }
        }
    }

    /// The panel.
    pub fn view(&self, today: NaiveDate) -> Element<'_, Message> {
        let _ = self.today;
        if let Some(form) = &self.frame {
            return scrollable(
                iced::widget::container(form.view().map(Message::Form)).padding(widget::GUTTER),
            )
            .height(Length::Fill)
            .into();
        }
        let mut list = column![].spacing(4);
        let mut any = false;
        for c in self.visible() {
            any = true;
            let selected = self.selected_id() == Some(c.id);
            let progress = if c.tasks_total > 0 {
                format!(" — tâches {}/{}", c.tasks_done, c.tasks_total)
            } else {
                String::new()
            };
            let dates = match c.start_date {
                Some(d) => format!("depuis {} · ", fr::date_short(d)),
                None => String::new(),
            };
            let archived = if c.archived { " · archivée" } else { "" };
            let theme_line = if c.theme.is_empty() {
                String::new()
            } else {
                format!("{} · ", c.theme)
            };
            list = list.push(widget::entry(
                column![
                    text(c.title.as_str()),
                    text(format!(
                        "{theme_line}{dates}{}{progress}{archived}",
                        c.status.label()
                    ))
                    .size(13)
                ],
                selected,
                Message::Select(c.id),
            ));
        }
        if !any {
            list = list.push(widget::muted(if self.list.is_empty() {
                "Aucune convention pour l'instant : créez la première."
            } else {
                "Aucune convention pour ces critères."
            }));
        }
        // One above the other: side by side in the list's 290 px, « Toutes les années »
        // ran under the pick list's arrow.
        let filters = column![
            pick_list(
                self.statuses.as_slice(),
                selected(&self.statuses, &self.status_filter),
                Message::StatusFilter
            )
            .text_size(13)
            .width(Length::Fill),
            pick_list(
                self.years.as_slice(),
                selected(&self.years, &self.year_filter),
                Message::YearFilter
            )
            .text_size(13)
            .width(Length::Fill),
            checkbox(self.show_archived)
                .label("Afficher les archives")
                .text_size(13)
                .on_toggle(Message::ShowArchived),
        ]
        .spacing(6);
        let list = column![
            widget::title("Conventions"),
            button(text("Nouvelle convention")).on_press(Message::New),
            filters,
            scrollable(list)
        ]
        .spacing(10)
        .width(Length::Fixed(290.0));
        let detail: Element<'_, Message> = match &self.selected {
            Some(o) => self.sheet(o, today),
            None => widget::muted("Choisissez une convention dans la liste, ou créez-en une."),
        };
        let mut right = column![].spacing(8).width(Length::Fill);
        if let Some(e) = &self.error {
            right = right.push(widget::colored(e.as_str(), theme::LATE));
        }
        row![list, right.push(detail)].spacing(20).into()
    }

    fn sheet<'a>(&'a self, o: &'a ConventionOverview, today: NaiveDate) -> Element<'a, Message> {
        let c = &o.convention;
        let mut tabs = row![].spacing(4);
        for tab in Tab::ALL {
            tabs = tabs.push(widget::tab(tab.label(), tab == self.tab, Message::Tab(tab)));
        }
        let body: Element<'a, Message> = match self.tab {
            Tab::Frame => self.cadre.view(o).map(Message::Cadre),
            Tab::Governance => self.governance.view(o).map(Message::Governance),
            Tab::Rules => self.rules.view().map(Message::Rules),
            Tab::Calendar => self.calendar.view(o, today).map(Message::Calendar),
            Tab::Tasks => self.tasks.view(o, today).map(Message::Tasks),
            Tab::Risks => self.risks.view(o, today).map(Message::Risks),
            Tab::Budget => self.budget.view(o).map(Message::Budget),
            Tab::Proposals => self.proposals.view(o).map(Message::Proposals),
            Tab::Synthesis => column![
                self.synthesis.view().map(Message::Synthesis),
                widget::gap(12.0),
                text(widget::label("Dossier complet"))
                    .size(18)
                    .font(widget::bold()),
                self.dossier.view().map(Message::Dossier),
                widget::gap(12.0),
                text(widget::label("Fiche d’expérience"))
                    .size(18)
                    .font(widget::bold()),
            ]
            .push(
                self.experience
                    .as_ref()
                    .map(|x| x.view().map(Message::Experience)),
            )
            .spacing(10)
            .into(),
            Tab::Files => match &self.files {
                Some(f) => f.view().map(Message::Files),
                None => widget::muted(""),
            },
        };
        column![
            row![
                text(c.title.as_str())
                    .size(22)
                    .font(widget::bold())
                    .width(Length::Fill),
                button(text("Note de synthèse (PDF)")).on_press(Message::Export),
                button(text("Dossier complet (PDF)"))
                    .style(button::secondary)
                    .on_press(Message::Tab(Tab::Synthesis)),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
            widget::muted(format!(
                "{} · {} · panel de {} parmi {} volontaires{}",
                c.status.label(),
                if c.theme.is_empty() {
                    "sans thème"
                } else {
                    c.theme.as_str()
                },
                o.panel_size,
                o.pool_size,
                if c.archived { " · archivée" } else { "" }
            )),
            tabs.wrap().vertical_spacing(4),
            scrollable(
                iced::widget::container(widget::section(self.tab.label(), body))
                    .padding(widget::GUTTER)
            )
            .height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}
