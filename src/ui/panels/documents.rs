//! The Documents panel: every document Agora can produce for a convention and its
//! meetings (dossier, note, règles, suivi, procès-verbal, attestations, calendrier,
//! comptes rendus, feuilles d'émargement), each as PDF and as editable OpenDocument; the
//! rapport d'activité of a year (`activity_report`); and the export
//! log — what left the store, when, for which record, with or without personal data —
//! filtered by period, with the folder of the last export one click away.

use chrono::{Datelike, Local, NaiveDate};
use iced::widget::{button, checkbox, column, pick_list, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};

use super::Event;
use crate::domain::attestation::AttestationScope;
use crate::domain::dossier::DossierChoice;
use crate::domain::ids::{ConventionId, MeetingId};
use crate::domain::journal::ExportRecord;
use crate::domain::meeting::Meeting;
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{ConventionRow, Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::{theme, widget};

/// Which exports the log shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    All,
    Last30Days,
    ThisYear,
}

/// What the panel lists for the chosen convention.
#[derive(Default)]
struct Available {
    /// The dossier's sections and appendices last chosen for this convention.
    dossier: DossierChoice,
    has_rules: bool,
    has_draw_minutes: bool,
    meetings: Vec<Meeting>,
}

/// The panel's state.
pub struct State {
    conventions: Vec<ConventionRow>,
    /// The conventions, and « Réunions hors convention » (`None`).
    choices: Vec<Choice<Option<ConventionId>>>,
    chosen: Option<ConventionId>,
    available: Available,
    log: Vec<ExportRecord>,
    periods: Vec<Choice<Period>>,
    period: Period,
    personal_only: bool,
    /// The rapport d'activité (none when it could not load).
    report: Option<super::activity_report::State>,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    Choose(Choice<Option<ConventionId>>),
    /// As PDF (or the document's own format).
    Export(Document),
    /// As OpenDocument text.
    Editable(Document),
    Period(Choice<Period>),
    PersonalOnly(bool),
    OpenFolder,
    Report(super::activity_report::Msg),
}

impl State {
    /// Loads the conventions, the first one's documents and the log.
    pub fn new(store: &Store) -> State {
        let mut s = State {
            conventions: Vec::new(),
            choices: Vec::new(),
            chosen: None,
            available: Available::default(),
            log: Vec::new(),
            periods: vec![
                Choice::new(Period::All, "Tous les exports"),
                Choice::new(Period::Last30Days, "Les 30 derniers jours"),
                Choice::new(Period::ThisYear, "Cette année"),
            ],
            period: Period::All,
            personal_only: false,
            report: None,
            error: None,
        };
        match super::activity_report::State::new(store, Local::now().date_naive()) {
            Ok(r) => s.report = Some(r),
            Err(e) => s.error = Some(super::describe(&e)),
        }
        if let Err(e) = s.load(store) {
            s.error = Some(super::describe(&e));
        }
        s
    }

    /// Reloads what the store holds, keeping the chosen convention and the filters.
    pub fn reload(&mut self, store: &Store) {
        let chosen = self.chosen;
        match self.load(store) {
            Ok(()) if chosen != self.chosen && self.choices.iter().any(|c| c.value == chosen) => {
                self.chosen = chosen;
                match available(store, chosen) {
                    Ok(a) => self.available = a,
                    Err(e) => self.error = Some(super::describe(&e)),
                }
            }
            Ok(()) => {}
            Err(e) => self.error = Some(super::describe(&e)),
        }
    }

    fn load(&mut self, store: &Store) -> Result<(), StoreError> {
        self.error = None;
        self.conventions = store
            .conventions()?
            .into_iter()
            .filter(|c| !c.archived)
            .collect();
        self.choices = self
            .conventions
            .iter()
            .map(|c| Choice::new(Some(c.id), c.title.clone()))
            .chain(std::iter::once(Choice::new(
                None,
                "Réunions hors convention",
            )))
            .collect();
        self.chosen = self.conventions.first().map(|c| c.id);
        self.available = available(store, self.chosen)?;
        self.log = store.export_log(200)?;
        Ok(())
    }

    /// Handles a message: an export is asked of the app.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
    ) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::Report(m) => {
                let Some(r) = self.report.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = r.update(m, store);
                return (task.map(Message::Report), event);
            }
            Message::Choose(c) => {
                self.chosen = c.value;
                match available(store, self.chosen) {
                    Ok(a) => self.available = a,
                    Err(e) => self.error = Some(super::describe(&e)),
                }
                None
            }
            Message::Export(d) => Some(Event::Export(d)),
            Message::Editable(d) => Some(Event::ExportEditable(d)),
            Message::Period(c) => {
                self.period = c.value;
                None
            }
            Message::PersonalOnly(on) => {
                self.personal_only = on;
                None
            }
            Message::OpenFolder => {
                let last = self.log.iter().find(|e| e.outcome == "écrit");
                if let Some(e) = last {
                    let folder = crate::files::parent(std::path::Path::new(&e.path));
                    if let Err(err) = crate::ui::save_dialog::open_in_system(folder) {
                        self.error = Some(tf!(
                            "Le dossier « {} » n’a pas pu être ouvert : {err}.",
                            folder.display()
                        ));
                    }
                }
                None
            }
        };
        (Task::none(), event)
    }

    /// The export log's lines the filters keep.
    fn visible_log(&self, today: NaiveDate) -> impl Iterator<Item = &ExportRecord> {
        self.log.iter().filter(move |e| {
            let day = e.at.date();
            let in_period = match self.period {
                Period::All => true,
                Period::Last30Days => (today - day).num_days() <= 30,
                Period::ThisYear => day.year() == today.year(),
            };
            in_period && (!self.personal_only || e.personal_data)
        })
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![widget::title("Documents")].spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        page.push(scrollable(
            column![
                widget::section("Documents disponibles", self.documents()),
                widget::section(
                    "Rapport d’activité",
                    match &self.report {
                        Some(r) => r.view().map(Message::Report),
                        None => widget::muted("Le rapport d’activité n’a pas pu être chargé."),
                    }
                ),
                widget::section("Journal des exports", self.log_view()),
            ]
            .spacing(12)
            .padding(widget::GUTTER),
        ))
        .into()
    }

    fn documents(&self) -> Element<'_, Message> {
        if self.choices.len() <= 1 && self.available.meetings.is_empty() {
            return widget::muted("Aucune convention ni réunion : rien à exporter pour l'instant.");
        }
        let mut list = column![
            row![
                text(widget::label("Convention :")),
                pick_list(
                    self.choices.as_slice(),
                    selected(&self.choices, &self.chosen),
                    Message::Choose
                )
                .width(Length::Fixed(420.0)),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
            widget::muted(
                "PDF pour imprimer et diffuser ; ODT (OpenDocument) pour la version accessible et modifiable, qui s’ouvre dans LibreOffice ou Word."
            ),
        ]
        .spacing(6);
        if let Some(id) = self.chosen {
            let a = &self.available;
            list = list
                .push(line(
                    "Dossier complet (parties et annexes choisies dans Conventions → Synthèse)",
                    printed(Document::Dossier {
                        convention: id,
                        choice: a.dossier.clone(),
                    }),
                ))
                .push(line("Note de synthèse", printed(Document::Synthesis(id))))
                .push(line(
                    "Tableau de suivi des propositions",
                    printed(Document::Followup(id)),
                ));
            if a.has_rules {
                list = list.push(line("Règles du jeu", printed(Document::Rules(id))));
            }
            if a.has_draw_minutes {
                list = list.push(line(
                    "Procès-verbal du tirage au sort",
                    printed(Document::DrawMinutes(id)),
                ));
            }
            list = list.push(line(
                "Attestations de participation (une page par personne présente)",
                printed(Document::Attestations(AttestationScope::Convention(id))),
            ));
            list = list.push(line(
                "Calendrier des séances (.ics)",
                vec![("Exporter (.ics)", Message::Export(Document::Calendar(id)))],
            ));
        }
        list = list.push(
            text(widget::label(
                "Réunions : compte rendu (CR) et feuille d’émargement sans coordonnées",
            ))
            .font(widget::bold()),
        );
        if self.available.meetings.is_empty() {
            list = list.push(widget::muted("Aucune réunion."));
        }
        for m in &self.available.meetings {
            let minutes = Document::Minutes(m.id);
            let sheet = attendance(m.id);
            list = list.push(line(
                format!("{} — {}", fr::date_short(m.date), m.title),
                vec![
                    ("CR · PDF", Message::Export(minutes.clone())),
                    ("CR · ODT", Message::Editable(minutes)),
                    ("Émargement · PDF", Message::Export(sheet.clone())),
                    ("Émargement · ODT", Message::Editable(sheet)),
                ],
            ));
        }
        list.into()
    }

    fn log_view(&self) -> Element<'_, Message> {
        let today = Local::now().date_naive();
        let filters = row![
            pick_list(
                self.periods.as_slice(),
                selected(&self.periods, &self.period),
                Message::Period
            ),
            checkbox(self.personal_only)
                .label("Données personnelles seulement")
                .on_toggle(Message::PersonalOnly),
            button(text("Ouvrir le dossier du dernier export"))
                .style(button::secondary)
                .on_press_maybe(
                    self.log
                        .iter()
                        .any(|e| e.outcome == "écrit")
                        .then_some(Message::OpenFolder)
                ),
        ]
        .spacing(12)
        .align_y(Alignment::Center);
        let mut log = column![
            filters,
            widget::header_row(&[
                ("Date", 2),
                ("Document", 3),
                ("Données personnelles", 2),
                ("Fichier", 5)
            ])
        ]
        .spacing(4);
        let mut any = false;
        for e in self.visible_log(today) {
            any = true;
            let record = e
                .entity_id
                .map(|id| format!(" ({} n° {id})", e.entity))
                .unwrap_or_default();
            let file = if e.outcome == "écrit" {
                e.path.clone()
            } else {
                format!("{} — {}", e.path, e.outcome)
            };
            log = log.push(row![
                text(format!(
                    "{} {}",
                    fr::date_short(e.at.date()),
                    e.at.format("%H:%M")
                ))
                .width(Length::FillPortion(2)),
                text(format!("{}{record}", e.document)).width(Length::FillPortion(3)),
                text(if e.personal_data { "oui" } else { "non" }).width(Length::FillPortion(2)),
                text(file).size(13).width(Length::FillPortion(5)),
            ]);
        }
        if !any {
            log = log.push(widget::muted(if self.log.is_empty() {
                tf!("Aucun export pour l'instant.")
            } else {
                tf!("Aucun export pour ces critères.")
            }));
        }
        log.into()
    }
}

/// The feuille d'émargement without emails or phones.
fn attendance(meeting: MeetingId) -> Document {
    Document::AttendanceSheet {
        meeting,
        contact_details: false,
    }
}

/// The two buttons of a printed document.
fn printed(d: Document) -> Vec<(&'static str, Message)> {
    vec![
        ("PDF", Message::Export(d.clone())),
        ("ODT", Message::Editable(d)),
    ]
}

/// A document's (or a meeting's) line: its name, then its buttons.
fn line<'a>(name: impl AsRef<str>, buttons: Vec<(&'static str, Message)>) -> Element<'a, Message> {
    let mut r = row![text(widget::label(name.as_ref())).width(Length::Fill)]
        .spacing(8)
        .align_y(Alignment::Center);
    for (label, m) in buttons {
        r = r.push(widget::small_button(label, m));
    }
    r.into()
}

/// The documents of a convention (or, for `None`, the meetings held outside any).
fn available(store: &Store, convention: Option<ConventionId>) -> Result<Available, StoreError> {
    let Some(id) = convention else {
        return Ok(Available {
            meetings: store
                .meetings_of(None)?
                .into_iter()
                .filter(|m| m.convention.is_none())
                .collect(),
            ..Available::default()
        });
    };
    Ok(Available {
        dossier: store.dossier_choice(id)?,
        has_rules: !store.rules_versions(id)?.is_empty(),
        has_draw_minutes: store.latest_draw(id)?.is_some_and(|d| d.lottery.is_some()),
        meetings: store.meetings_of(Some(id))?,
    })
}
