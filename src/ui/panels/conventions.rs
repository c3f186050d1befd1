//! The Conventions panel: the list of conventions and a convention's sheet in tabs
//! (cadre, gouvernance, calendrier, tâches, risques, budget, propositions, note de
//! synthèse), with the synthesis paragraph editor and the PDF export.

use chrono::NaiveDate;
use iced::widget::{button, column, row, scrollable, text, text_editor};
use iced::{Element, Length, Task};

use super::{Event, Target};
use crate::domain::codes::TaskStatus;
use crate::domain::ids::ConventionId;
use crate::domain::overview::ConventionOverview;
use crate::domain::planning::budget_totals;
use crate::domain::text as fr;
use crate::report::synthesis_note;
use crate::store::ConventionRow;
use crate::store::Store;
use crate::ui::save_dialog::{self, SaveTarget};
use crate::ui::{theme, widget};

/// The tabs of a convention's sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Frame,
    Governance,
    Calendar,
    Tasks,
    Risks,
    Budget,
    Proposals,
    Synthesis,
}

impl Tab {
    const ALL: [Tab; 8] = [
        Tab::Frame,
        Tab::Governance,
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
    list: Vec<ConventionRow>,
    selected: Option<ConventionOverview>,
    tab: Tab,
    synthesis: text_editor::Content,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    Select(ConventionId),
    Tab(Tab),
    OpenContact(crate::domain::ids::ContactId),
    SynthesisEdited(text_editor::Action),
    SaveSynthesis,
    Export,
    ExportTo(ConventionId, Option<SaveTarget>),
}

impl State {
    /// Loads the list and opens the first convention.
    pub fn new(store: &Store) -> State {
        let mut s = State {
            list: Vec::new(),
            selected: None,
            tab: Tab::Frame,
            synthesis: text_editor::Content::new(),
            error: None,
        };
        s.reload(store);
        if let Some(first) = s.list.first().map(|c| c.id) {
            s.open(store, first);
        }
        s
    }

    /// Reloads the list and the open convention.
    pub fn reload(&mut self, store: &Store) {
        match store.conventions() {
            Ok(list) => self.list = list,
            Err(e) => self.error = Some(super::describe(&e)),
        }
        let open = self
            .selected
            .as_ref()
            .map(|o| o.convention.id)
            .or(self.list.first().map(|c| c.id));
        if let Some(id) = open {
            let tab = self.tab;
            self.open(store, id);
            self.tab = tab;
        }
    }

    /// Shows one convention.
    pub fn open(&mut self, store: &Store, id: ConventionId) {
        match store.convention_overview(id) {
            Ok(o) => {
                self.synthesis = text_editor::Content::with_text(&o.convention.synthesis_text);
                self.selected = Some(o);
                self.tab = Tab::Frame;
                self.error = None;
            }
            Err(e) => self.error = Some(super::describe(&e)),
        }
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
            Message::OpenContact(id) => {
                return (Task::none(), Some(Event::Open(Target::Contact(id))));
            }
            Message::SynthesisEdited(action) => self.synthesis.perform(action),
            Message::SaveSynthesis => {
                let Some(id) = self.selected.as_ref().map(|o| o.convention.id) else {
                    return (Task::none(), None);
                };
                let text = self.synthesis.text();
                return match store.set_synthesis_text(id, text.trim_end()) {
                    Ok(()) => {
                        if let Some(o) = self.selected.as_mut() {
                            o.convention.synthesis_text = text.trim_end().to_string();
                        }
                        (
                            Task::none(),
                            Some(Event::Notice("Commentaire enregistré.".into())),
                        )
                    }
                    Err(e) => (Task::none(), Some(Event::Notice(super::describe(&e)))),
                };
            }
            Message::Export => {
                let Some(id) = self.selected.as_ref().map(|o| o.convention.id) else {
                    return (Task::none(), None);
                };
                let name = crate::export::file_name(synthesis_note::DOCUMENT, id.0, today);
                return (
                    Task::perform(save_dialog::choose_pdf(name), move |t| {
                        Message::ExportTo(id, t)
                    }),
                    None,
                );
            }
            Message::ExportTo(_, None) => {}
            Message::ExportTo(id, Some(target)) => {
                return (
                    Task::none(),
                    Some(super::export_synthesis(store, id, &target, today)),
                );
            }
        }
        (Task::none(), None)
    }

    /// The panel.
    pub fn view(&self, today: NaiveDate) -> Element<'_, Message> {
        let mut list = column![].spacing(4);
        if self.list.is_empty() {
            list = list.push(widget::muted("Aucune convention pour l'instant."));
        }
        for c in &self.list {
            let selected = self
                .selected
                .as_ref()
                .is_some_and(|o| o.convention.id == c.id);
            let progress = if c.tasks_total > 0 {
                format!(" — tâches {}/{}", c.tasks_done, c.tasks_total)
            } else {
                String::new()
            };
            let dates = match c.start_date {
                Some(d) => format!("depuis {} · ", fr::date_short(d)),
                None => String::new(),
            };
            list = list.push(widget::entry(
                column![
                    text(c.title.as_str()),
                    text(format!("{dates}{}{progress}", c.status.label())).size(13)
                ],
                selected,
                Message::Select(c.id),
            ));
        }
        let list = column![widget::title("Conventions"), scrollable(list)]
            .spacing(12)
            .width(Length::Fixed(280.0));
        let detail: Element<'_, Message> = match &self.selected {
            Some(o) => self.sheet(o, today),
            None => widget::muted("Choisissez une convention dans la liste."),
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
            tabs = tabs.push(
                button(text(tab.label()).size(14))
                    .padding([6, 10])
                    .style(theme::entry(tab == self.tab))
                    .on_press(Message::Tab(tab)),
            );
        }
        let body: Element<'a, Message> = match self.tab {
            Tab::Frame => column![
                widget::field("Thème", c.theme.as_str()),
                widget::field("Statut", c.status.label()),
                widget::field("Démarche", c.participation.label()),
                widget::field("Saisine", c.mandate_from.as_str()),
                widget::field("Question posée", fr::quoted(&c.question)),
                widget::field("Engagement de la Ville", c.commitment.as_str()),
                widget::field("Élu·e référent·e", c.elected_official.as_str()),
                widget::field(
                    "Taille du panel visée",
                    format!("{} membres", c.target_panel_size)
                ),
                widget::field("Enveloppe budgétaire", fr::euros(c.budget_envelope_cents)),
                widget::field("Début", c.start_date.map(fr::date_long).unwrap_or_default()),
                widget::field("Fin", c.end_date.map(fr::date_long).unwrap_or_default()),
            ]
            .spacing(8)
            .into(),
            Tab::Governance => {
                let mut col = column![].spacing(2);
                if o.governance.is_empty() {
                    col = col.push(widget::muted("Aucun membre désigné."));
                }
                for g in &o.governance {
                    let since = g
                        .since
                        .map(|d| format!(", depuis le {}", fr::date_short(d)))
                        .unwrap_or_default();
                    col = col.push(widget::entry(
                        column![
                            text(format!("{} — {}", g.role.label(), g.name)),
                            text(format!("{}{since} ({})", g.organisation, g.mode)).size(13),
                        ],
                        false,
                        Message::OpenContact(g.contact),
                    ));
                }
                col.into()
            }
            Tab::Calendar => {
                let mut col = column![].spacing(6);
                for p in &o.phases {
                    let dates = match (p.start_date, p.end_date) {
                        (Some(s), Some(e)) => {
                            format!("du {} au {}", fr::date_long(s), fr::date_long(e))
                        }
                        _ => String::new(),
                    };
                    col = col.push(
                        text(format!("Phase {} — {} {dates}", p.position, p.name))
                            .font(widget::bold()),
                    );
                    for s in o.sessions.iter().filter(|s| s.phase == Some(p.id)) {
                        let color = if s.date < today {
                            theme::MUTED
                        } else {
                            iced::Color::BLACK
                        };
                        col = col.push(
                            text(format!(
                                "    {} · {}–{} · {} · {}",
                                fr::date_with_weekday(s.date),
                                fr::time(s.start),
                                fr::time(s.end),
                                s.title,
                                s.venue
                            ))
                            .color(color),
                        );
                    }
                }
                col.into()
            }
            Tab::Tasks => {
                let mut col = column![].spacing(4);
                for t in &o.tasks {
                    let due = t.due.map(fr::date_short).unwrap_or_default();
                    let mark = if t.milestone { "◆ " } else { "" };
                    let line = format!(
                        "{mark}{} — {} — {} — échéance {due}",
                        t.title,
                        t.owner,
                        t.status.label()
                    );
                    col = col.push(if t.is_overdue(today) {
                        widget::colored(format!("{line} (en retard)"), theme::LATE)
                    } else if t.status == TaskStatus::Done {
                        widget::colored(line, theme::MUTED)
                    } else {
                        text(line).into()
                    });
                }
                col.into()
            }
            Tab::Risks => {
                let mut col = column![].spacing(6);
                for r in &o.risks {
                    let review = r
                        .review
                        .map(|d| format!(" · revue le {}", fr::date_short(d)))
                        .unwrap_or_default();
                    let due = if r.review_due(today) {
                        " · revue à faire"
                    } else {
                        ""
                    };
                    col = col.push(column![
                        text(format!(
                            "{} — P {} × I {} = {} ({})",
                            r.title,
                            r.probability,
                            r.impact,
                            r.score(),
                            r.level()
                        ))
                        .font(widget::bold()),
                        text(format!("{} · {}{review}", r.mitigation, r.status.label())).size(13),
                        widget::colored(due, theme::LATE),
                    ]);
                }
                col.into()
            }
            Tab::Budget => {
                let totals = budget_totals(&o.budget);
                let mut col = column![widget::header_row(&[
                    ("Poste", 4),
                    ("Prévu", 1),
                    ("Engagé", 1),
                    ("Dépensé", 1)
                ])]
                .spacing(4);
                for b in &o.budget {
                    col = col.push(row![
                        text(format!("{} — {}", b.category.label(), b.label))
                            .width(Length::FillPortion(4)),
                        text(fr::euros(b.planned_cents)).width(Length::FillPortion(1)),
                        text(fr::euros(b.committed_cents)).width(Length::FillPortion(1)),
                        text(fr::euros(b.spent_cents)).width(Length::FillPortion(1)),
                    ]);
                }
                col.push(row![
                    text("Total")
                        .width(Length::FillPortion(4))
                        .font(widget::bold()),
                    text(fr::euros(totals.planned_cents))
                        .width(Length::FillPortion(1))
                        .font(widget::bold()),
                    text(fr::euros(totals.committed_cents))
                        .width(Length::FillPortion(1))
                        .font(widget::bold()),
                    text(fr::euros(totals.spent_cents))
                        .width(Length::FillPortion(1))
                        .font(widget::bold()),
                ])
                .push(widget::muted(format!(
                    "Enveloppe : {}",
                    fr::euros(c.budget_envelope_cents)
                )))
                .push(widget::gap(8.0))
                .push(widget::field(
                    "Journées indemnisables",
                    format!(
                        "{} présence(s) de membres du panel aux séances, d'après l'émargement",
                        o.compensation_days
                    ),
                ))
                .into()
            }
            Tab::Proposals => {
                let mut col = column![].spacing(4);
                for p in &o.proposals {
                    col = col.push(column![
                        text(format!("n° {} — {}", p.number, p.title)),
                        text(format!(
                            "{} · {} · {} · avancement {} %",
                            p.theme,
                            p.status.label(),
                            p.directorate,
                            p.progress
                        ))
                        .size(13)
                        .color(theme::MUTED),
                    ]);
                }
                col.into()
            }
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
            .align_y(iced::Alignment::Center),
            widget::muted(format!(
                "{} · {} · panel de {} parmi {} volontaires",
                c.status.label(),
                c.theme,
                o.panel_size,
                o.pool_size
            )),
            tabs,
            scrollable(widget::section(self.tab.label(), body)).height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}
