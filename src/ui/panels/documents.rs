//! The Documents panel: what can be exported (today, each convention's note de
//! synthèse) and the export log — what left the store, when, for which record, with
//! or without personal data.

use iced::widget::{button, column, row, scrollable, text};
use iced::{Element, Length, Task};

use super::Event;
use crate::domain::ids::ConventionId;
use crate::domain::journal::ExportRecord;
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{ConventionRow, Store};
use crate::ui::{theme, widget};

/// The panel's state.
pub struct State {
    conventions: Vec<ConventionRow>,
    log: Vec<ExportRecord>,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    ExportSynthesis(ConventionId),
}

impl State {
    /// Loads the exportable records and the log.
    pub fn new(store: &Store) -> State {
        let loaded = store
            .conventions()
            .and_then(|c| Ok((c, store.export_log(200)?)));
        match loaded {
            Ok((conventions, log)) => State {
                conventions,
                log,
                error: None,
            },
            Err(e) => State {
                conventions: Vec::new(),
                log: Vec::new(),
                error: Some(super::describe(&e)),
            },
        }
    }

    /// Handles a message: an export is asked of the app.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        match message {
            Message::ExportSynthesis(id) => {
                (Task::none(), Some(Event::Export(Document::Synthesis(id))))
            }
        }
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let mut available = column![].spacing(6);
        if self.conventions.is_empty() {
            available = available.push(widget::muted(
                "Aucune convention : rien à exporter pour l'instant.",
            ));
        }
        for c in &self.conventions {
            available = available.push(
                row![
                    text(format!("Note de synthèse — {}", c.title)).width(Length::Fill),
                    button(text("Exporter en PDF")).on_press(Message::ExportSynthesis(c.id)),
                ]
                .spacing(10)
                .align_y(iced::Alignment::Center),
            );
        }
        let mut log = column![widget::header_row(&[
            ("Date", 2),
            ("Document", 3),
            ("Données personnelles", 2),
            ("Fichier", 5)
        ])]
        .spacing(4);
        if self.log.is_empty() {
            log = log.push(widget::muted(tf!("Aucun export pour l'instant.")));
        }
        for e in &self.log {
            let record = e
                .entity_id
                .map(|id| format!(" ({} n° {id})", e.entity))
                .unwrap_or_default();
            log = log.push(row![
                text(format!(
                    "{} {}",
                    fr::date_short(e.at.date()),
                    e.at.format("%H:%M")
                ))
                .width(Length::FillPortion(2)),
                text(format!("{}{record}", e.document)).width(Length::FillPortion(3)),
                text(if e.personal_data { "oui" } else { "non" }).width(Length::FillPortion(2)),
                text(e.path.as_str()).size(13).width(Length::FillPortion(5)),
            ]);
        }
        let mut page = column![widget::title("Documents")].spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        page.push(scrollable(
            column![
                widget::section("Documents disponibles", available),
                widget::section("Journal des exports", log)
            ]
            .spacing(12)
            .padding(widget::GUTTER),
        ))
        .into()
    }
}
