//! The Conventions panel: the list of conventions (by status and year, archives
//! apart), creating one, duplicating an earlier one as a template, archiving; and a
//! convention's sheet in tabs — cadre (with its status moved one step at a time),
//! gouvernance, calendrier, tâches, risques, budget, propositions, note de synthèse —
//! with the synthesis paragraph, the PDF and the `.ics` export.

mod calendar;
mod frame;
mod governance;
mod proposals;
mod register;
mod rules;

use chrono::{Datelike, NaiveDate};
use iced::widget::{
    button, checkbox, column, pick_list, row, scrollable, text, text_editor, text_input,
};
use iced::{Alignment, Element, Length, Task};

use super::{Event, describe};
use crate::domain::codes::ConventionStatus;
use crate::domain::convention::Convention;
use crate::domain::ids::ConventionId;
use crate::domain::overview::ConventionOverview;
use crate::domain::text as fr;
use crate::store::{ConventionRow, Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::{theme, widget};

pub use calendar::Msg as CalendarMsg;
pub use frame::FrameField;
pub use governance::Msg as GovernanceMsg;
pub use proposals::Msg as ProposalsMsg;
pub use register::Msg as RegisterMsg;
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
    Synthesis,
}

impl Tab {
    const ALL: [Tab; 9] = [
        Tab::Frame,
        Tab::Governance,
        Tab::Rules,
        Tab::Calendar,
        Tab::Tasks,
        Tab::Risks,
        Tab::Budget,
        Tab::Proposals,
        Tab::Synthesis,
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
    frame: Option<frame::FrameForm>,
    frame_error: Option<String>,
    duplicate_title: Option<String>,
    calendar: calendar::Calendar,
    register: register::Register,
    governance: governance::Governance,
    rules: rules::Rules,
    proposals: proposals::Proposals,
    synthesis: text_editor::Content,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    Select(ConventionId),
    Tab(Tab),
    StatusFilter(Choice<Option<ConventionStatus>>),
    YearFilter(Choice<Option<i32>>),
    ShowArchived(bool),
    New,
    EditFrame,
    Frame(FrameField),
    SaveFrame,
    CancelFrame,
    MoveStatus(ConventionStatus),
    Duplicate,
    DuplicateTitle(String),
    ConfirmDuplicate(bool),
    Archive(bool),
    Calendar(CalendarMsg),
    Register(RegisterMsg),
    Governance(GovernanceMsg),
    Rules(RulesMsg),
    Proposals(ProposalsMsg),
    SynthesisEdited(text_editor::Action),
    SaveSynthesis,
    Export,
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
            frame_error: None,
            duplicate_title: None,
            calendar: calendar::Calendar::default(),
            register: register::Register::default(),
            governance: governance::Governance::default(),
            rules: rules::Rules::default(),
            proposals: proposals::Proposals::default(),
            synthesis: text_editor::Content::new(),
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
                    self.register = register::Register::default();
                    self.proposals = proposals::Proposals::default();
                    self.governance = governance::Governance::default();
                    match rules::Rules::load(store, id) {
                        Ok(r) => self.rules = r,
                        Err(e) => self.error = Some(describe(&e)),
                    }
                    self.duplicate_title = None;
                }
                self.synthesis = text_editor::Content::with_text(&o.convention.synthesis_text);
                self.selected = Some(o);
                self.tab = Tab::Frame;
                self.frame = None;
                self.error = None;
            }
            Err(e) => self.error = Some(describe(&e)),
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
        let result: Result<Option<String>, StoreError> = match message {
            Message::Select(id) => {
                self.open(store, id);
                Ok(None)
            }
            Message::Tab(tab) => {
                self.tab = tab;
                Ok(None)
            }
            Message::StatusFilter(c) => {
                self.status_filter = c.value;
                Ok(None)
            }
            Message::YearFilter(c) => {
                self.year_filter = c.value;
                Ok(None)
            }
            Message::ShowArchived(on) => {
                self.show_archived = on;
                Ok(None)
            }
            Message::New => {
                self.frame = Some(frame::FrameForm::new(&Convention::draft("")));
                self.frame_error = None;
                Ok(None)
            }
            Message::EditFrame => {
                if let Some(o) = &self.selected {
                    self.frame = Some(frame::FrameForm::new(&o.convention));
                    self.frame_error = None;
                }
                Ok(None)
            }
            Message::Frame(f) => {
                if let Some(form) = self.frame.as_mut() {
                    form.set(f);
                }
                Ok(None)
            }
            Message::CancelFrame => {
                self.frame = None;
                Ok(None)
            }
            Message::SaveFrame => return (Task::none(), self.save_frame(store)),
            Message::MoveStatus(to) => match self.selected_id() {
                Some(id) => store
                    .set_convention_status(id, to)
                    .map(|_| Some(format!("Convention passée au statut « {} ».", to.label()))),
                None => Ok(None),
            },
            Message::Duplicate => {
                self.duplicate_title = self
                    .selected
                    .as_ref()
                    .map(|o| format!("{} (copie)", o.convention.title));
                Ok(None)
            }
            Message::DuplicateTitle(s) => {
                self.duplicate_title = Some(s);
                Ok(None)
            }
            Message::ConfirmDuplicate(false) => {
                self.duplicate_title = None;
                Ok(None)
            }
            Message::ConfirmDuplicate(true) => {
                let (Some(id), Some(title)) = (self.selected_id(), self.duplicate_title.clone())
                else {
                    return (Task::none(), None);
                };
                match store.duplicate_convention(id, &title) {
                    Ok(new) => {
                        self.duplicate_title = None;
                        self.reload(store);
                        self.open(store, new);
                        return (
                            Task::none(),
                            Some(Event::Saved(format!(
                                "Convention « {} » créée sur ce modèle : cadre, phases, tâches, risques et budget, sans personnes ni dates.",
                                title.trim()
                            ))),
                        );
                    }
                    Err(e) => Err(e),
                }
            }
            Message::Archive(on) => match self.selected_id() {
                Some(id) => store.archive_convention(id, on).map(|_| {
                    Some(if on {
                        "Convention archivée : elle reste consultable avec « Afficher les archives ».".to_string()
                    } else {
                        "Convention sortie des archives.".to_string()
                    })
                }),
                None => Ok(None),
            },
            Message::Proposals(m) => {
                let Some(o) = &self.selected else {
                    return (Task::none(), None);
                };
                let (task, event) = self.proposals.update(m, store, o, today);
                return (task.map(Message::Proposals), event);
            }
            Message::Rules(m) => {
                let Some(id) = self.selected_id() else {
                    return (Task::none(), None);
                };
                let (task, event) = self.rules.update(m, store, id, today);
                return (task.map(Message::Rules), event);
            }
            Message::Governance(m) => {
                let Some(o) = &self.selected else {
                    return (Task::none(), None);
                };
                let (task, event) = self.governance.update(m, store, o, today);
                return (task.map(Message::Governance), event);
            }
            Message::Register(m) => {
                let Some(o) = &self.selected else {
                    return (Task::none(), None);
                };
                let (task, event) = self.register.update(m, store, o);
                return (task.map(Message::Register), event);
            }
            Message::Calendar(m) => {
                let Some(o) = &self.selected else {
                    return (Task::none(), None);
                };
                let (task, event) = self.calendar.update(m, store, o, today);
                return (task.map(Message::Calendar), event);
            }
            Message::SynthesisEdited(action) => {
                self.synthesis.perform(action);
                Ok(None)
            }
            Message::SaveSynthesis => match self.selected_id() {
                Some(id) => {
                    let text = self.synthesis.text();
                    store
                        .set_synthesis_text(id, text.trim_end())
                        .map(|_| Some("Commentaire enregistré.".to_string()))
                }
                None => Ok(None),
            },
            Message::Export => {
                return (
                    Task::none(),
                    self.selected_id()
                        .map(|id| Event::Export(crate::export::Document::Synthesis(id))),
                );
            }
        };
        (Task::none(), super::outcome(result))
    }

    fn save_frame(&mut self, store: &mut Store) -> Option<Event> {
        let form = self.frame.as_ref()?;
        let c = match form.to_convention() {
            Ok(c) => c,
            Err(e) => {
                self.frame_error = Some(describe(&e));
                return None;
            }
        };
        let new = c.id.0 == 0;
        let saved = if new {
            store.create_convention(&c)
        } else {
            store.update_convention(&c).map(|_| c.id)
        };
        match saved {
            Ok(id) => {
                self.frame = None;
                self.reload(store);
                self.open(store, id);
                Some(Event::Saved(if new {
                    format!(
                        "Convention « {} » créée, en préparation, avec ses trois phases : datez-les dans « Calendrier ».",
                        c.title
                    )
                } else {
                    "Cadre enregistré.".into()
                }))
            }
            Err(e) => {
                self.frame_error = Some(describe(&e));
                None
            }
        }
    }

    /// The panel.
    pub fn view(&self, today: NaiveDate) -> Element<'_, Message> {
        let _ = self.today;
        if let Some(form) = &self.frame {
            return scrollable(
                iced::widget::container(form.view(self.frame_error.as_deref()))
                    .padding(widget::GUTTER),
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
        let filters = column![
            row![
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
            ]
            .spacing(6),
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
            Tab::Frame => self.frame_tab(o),
            Tab::Governance => self.governance.view(o).map(Message::Governance),
            Tab::Rules => self.rules.view().map(Message::Rules),
            Tab::Calendar => self.calendar.view(o, today).map(Message::Calendar),
            Tab::Tasks => self.register.tasks(o, today).map(Message::Register),
            Tab::Risks => self.register.risks(o, today).map(Message::Register),
            Tab::Budget => self.register.budget(o).map(Message::Register),
            Tab::Proposals => self.proposals.view(o).map(Message::Proposals),
            Tab::Synthesis => column![
                widget::muted("Ce paragraphe conclut la note de synthèse remise à la direction."),
                text_editor(&self.synthesis)
                    .on_action(Message::SynthesisEdited)
                    .height(Length::Fixed(180.0)),
                row![
                    button(text("Enregistrer le commentaire")).on_press(Message::SaveSynthesis),
                    button(text("Exporter la note de synthèse (PDF)"))
                        .style(button::secondary)
                        .on_press(Message::Export),
                ]
                .spacing(10),
            ]
            .spacing(10)
            .into(),
        };
        column![
            row![
                text(c.title.as_str())
                    .size(22)
                    .font(widget::bold())
                    .width(Length::Fill),
                button(text("Note de synthèse (PDF)")).on_press(Message::Export),
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
            tabs,
            scrollable(
                iced::widget::container(widget::section(self.tab.label(), body))
                    .padding(widget::GUTTER)
            )
            .height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }

    fn frame_tab<'a>(&'a self, o: &'a ConventionOverview) -> Element<'a, Message> {
        let c = &o.convention;
        let mut life = row![text(tf!("Statut : {}", c.status.label())).font(widget::bold())]
            .spacing(8)
            .align_y(Alignment::Center);
        let all = ConventionStatus::ALL;
        let at = all.iter().position(|s| *s == c.status).unwrap_or(0);
        if let Some(next) = all.get(at + 1) {
            life = life.push(
                button(text(tf!("Passer à « {} »", next.label())))
                    .on_press(Message::MoveStatus(*next)),
            );
        }
        if at > 0 {
            life = life.push(
                button(text(tf!("Revenir à « {} »", all[at - 1].label())))
                    .style(button::secondary)
                    .on_press(Message::MoveStatus(all[at - 1])),
            );
        }
        let mut tools = row![
            button(text("Modifier le cadre")).on_press(Message::EditFrame),
            button(text("Dupliquer comme modèle"))
                .style(button::secondary)
                .on_press(Message::Duplicate),
            button(text(if c.archived {
                "Désarchiver"
            } else {
                "Archiver"
            }))
            .style(button::secondary)
            .on_press(Message::Archive(!c.archived)),
        ]
        .spacing(8);
        if let Some(title) = &self.duplicate_title {
            tools = tools.push(
                row![
                    text_input("Titre de la nouvelle convention", title)
                        .id("duplicate-title")
                        .on_input(Message::DuplicateTitle)
                        .padding(6)
                        .width(Length::Fixed(300.0)),
                    button(text("Créer")).on_press(Message::ConfirmDuplicate(true)),
                    button(text("Annuler"))
                        .style(button::secondary)
                        .on_press(Message::ConfirmDuplicate(false)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        column![
            life,
            tools.align_y(Alignment::Center),
            widget::gap(4.0),
            widget::field("Thème", c.theme.as_str()),
            widget::field("Démarche", c.participation.label()),
            widget::field("Saisine", c.mandate_from.as_str()),
            widget::field(
                "Question posée",
                if c.question.is_empty() {
                    String::new()
                } else {
                    fr::quoted(&c.question)
                }
            ),
            widget::field("Engagement de la Ville", c.commitment.as_str()),
            widget::field("Élu·e référent·e", c.elected_official.as_str()),
            widget::field(
                "Taille du panel visée",
                if c.target_panel_size == 0 {
                    "à fixer".to_string()
                } else {
                    format!("{} membres", c.target_panel_size)
                }
            ),
            widget::field("Enveloppe budgétaire", fr::euros(c.budget_envelope_cents)),
            widget::field("Début", c.start_date.map(fr::date_long).unwrap_or_default()),
            widget::field("Fin", c.end_date.map(fr::date_long).unwrap_or_default()),
        ]
        .spacing(8)
        .into()
    }
}
