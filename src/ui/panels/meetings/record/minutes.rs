//! The « Compte rendu » tab: the minutes' workflow (brouillon → relu → validé →
//! verrouillé), writing the synthesis and the notes of each agenda point, the text once
//! validated, a corrected version of locked minutes, and the versions kept.

use iced::widget::{button, column, container, row, text, text_editor};
use iced::{Alignment, Element, Length, Task};

use super::editable;
use crate::domain::codes::{AttendanceStatus, MinutesStatus};
use crate::domain::ids::AgendaItemId;
use crate::domain::meeting::{MeetingRecord, numbered_agenda};
use crate::domain::minutes::{MinutesVersion, action_label, next_statuses};
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{Store, StoreError};
use crate::ui::panels::Event;
use crate::ui::panels::meetings::saved;
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    BodyEdited(text_editor::Action),
    NotesEdited(usize, text_editor::Action),
    Save,
    To(MinutesStatus),
    CorrectionReason(String),
    Correct,
    ShowVersion(Option<u32>),
    Export,
}

/// The editors, kept while the same meeting stays open, and the versions.
pub struct State {
    body: text_editor::Content,
    notes: Vec<(AgendaItemId, text_editor::Content)>,
    versions: Vec<MinutesVersion>,
    /// The version shown read-only, if one was picked.
    shown_version: Option<u32>,
    correction_reason: String,
}

impl State {
    /// The editors filled with the stored text.
    pub fn new(r: &MeetingRecord) -> State {
        let body = r.minutes.as_ref().map(|m| m.body.as_str()).unwrap_or("");
        let mut s = State {
            body: text_editor::Content::with_text(body),
            notes: Vec::new(),
            versions: Vec::new(),
            shown_version: None,
            correction_reason: String::new(),
        };
        s.follow_agenda(r);
        s
    }

    /// After a write: the versions again, and an editor for each agenda point; what
    /// is being typed stays.
    pub fn reload(&mut self, store: &Store, r: &MeetingRecord) -> Result<(), StoreError> {
        self.follow_agenda(r);
        self.versions = store.minutes_versions(r.meeting.id)?;
        self.shown_version = None;
        Ok(())
    }

    fn follow_agenda(&mut self, r: &MeetingRecord) {
        let mut old = std::mem::take(&mut self.notes);
        self.notes = r
            .agenda
            .iter()
            .map(|i| match old.iter().position(|(id, _)| *id == i.id) {
                Some(k) => old.swap_remove(k),
                None => (i.id, text_editor::Content::with_text(&i.notes)),
            })
            .collect();
    }

    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        r: &MeetingRecord,
        today: chrono::NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        let id = r.meeting.id;
        let event = match msg {
            Msg::BodyEdited(action) => {
                self.body.perform(action);
                None
            }
            Msg::NotesEdited(i, action) => {
                if let Some((_, content)) = self.notes.get_mut(i) {
                    content.perform(action);
                }
                None
            }
            Msg::Save => {
                let notes: Vec<(AgendaItemId, String)> = self
                    .notes
                    .iter()
                    .map(|(id, c)| (*id, c.text().trim_end().to_string()))
                    .collect();
                saved(
                    store
                        .save_minutes(id, self.body.text().trim_end(), &notes)
                        .map(|_| "Compte rendu enregistré.".to_string()),
                )
            }
            Msg::To(status) => saved(
                store
                    .set_minutes_status(id, status, today)
                    .map(|_| format!("Compte rendu : {}.", status.label().to_lowercase())),
            ),
            Msg::CorrectionReason(s) => {
                self.correction_reason = s;
                None
            }
            Msg::Correct => saved(store.correct_minutes(id, &self.correction_reason).map(|v| {
                self.correction_reason.clear();
                format!(
                    "Version {v} ouverte en brouillon ; la version verrouillée reste consultable."
                )
            })),
            Msg::ShowVersion(v) => {
                self.shown_version = v;
                None
            }
            Msg::Export => Some(Event::Export(Document::Minutes(id))),
        };
        (Task::none(), event)
    }

    pub fn view<'a>(&'a self, r: &'a MeetingRecord) -> Element<'a, Msg> {
        let mut page = column![workflow(r), self.tools(r)].spacing(12);
        if !r.version_reason.is_empty() {
            page = page.push(widget::muted(format!(
                "Version corrigée — motif : {}",
                r.version_reason
            )));
        }
        page = page.push(widget::section(
            "Participants (d'après l'émargement)",
            attendees(r),
        ));
        page = match r.minutes.as_ref().map(|m| m.status) {
            None | Some(MinutesStatus::Draft) | Some(MinutesStatus::Reviewed) => {
                page.push(widget::section("Rédaction", self.editors(r)))
            }
            Some(status) => {
                page = page.push(widget::section("Texte", read(r)));
                if status == MinutesStatus::Locked {
                    page = page.push(widget::section(
                        "Corriger le compte rendu verrouillé",
                        self.correction(),
                    ));
                }
                page
            }
        };
        if self.versions.len() > 1 || self.versions.iter().any(|v| v.snapshot.is_some()) {
            page = page.push(widget::section("Versions", self.versions()));
        }
        page.into()
    }

    fn tools(&self, r: &MeetingRecord) -> Element<'_, Msg> {
        let mut tools = row![].spacing(8);
        if editable(r) {
            tools = tools.push(button(text("Enregistrer le compte rendu")).on_press(Msg::Save));
        }
        if r.minutes.is_some() {
            tools = tools.push(
                button(text("Exporter le compte rendu (PDF)"))
                    .style(button::secondary)
                    .on_press(Msg::Export),
            );
        }
        tools.into()
    }

    fn editors<'a>(&'a self, r: &'a MeetingRecord) -> Element<'a, Msg> {
        let mut edit = column![
            text("Synthèse").font(widget::bold()),
            text_editor(&self.body)
                .id("minutes-body")
                .placeholder("Ce qu'il faut retenir de la réunion…")
                .height(Length::Fixed(140.0))
                .on_action(Msg::BodyEdited),
        ]
        .spacing(8);
        for (number, item) in numbered_agenda(&r.agenda) {
            let Some(k) = self.notes.iter().position(|(id, _)| *id == item.id) else {
                continue;
            };
            edit = edit
                .push(text(format!("{number}. {}", item.title)).font(widget::bold()))
                .push(
                    text_editor(&self.notes[k].1)
                        .placeholder("Notes sur ce point…")
                        .height(Length::Fixed(90.0))
                        .on_action(move |a| Msg::NotesEdited(k, a)),
                );
        }
        edit.push(button(text("Enregistrer le compte rendu")).on_press(Msg::Save))
            .into()
    }

    fn correction(&self) -> Element<'_, Msg> {
        column![
            widget::muted(tf!("La version verrouillée reste consultable telle quelle ; la correction ouvre une nouvelle version en brouillon.")),
            widget::input(
                "Motif de la correction",
                &self.correction_reason,
                Msg::CorrectionReason,
                "correction-reason"
            ),
            button(text("Créer une version corrigée")).on_press(Msg::Correct),
        ]
        .spacing(8)
        .into()
    }

    fn versions(&self) -> Element<'_, Msg> {
        let mut versions = column![].spacing(4);
        for v in &self.versions {
            let reason = if v.reason.is_empty() {
                String::new()
            } else {
                format!(" — motif : {}", v.reason)
            };
            let shown = self.shown_version == Some(v.version);
            versions = versions.push(
                row![
                    text(format!(
                        "Version {} du {}{reason}",
                        v.version,
                        fr::date_short(v.created_at.date())
                    ))
                    .width(Length::Fill),
                    widget::small_button(
                        "Consulter",
                        Msg::ShowVersion(if shown { None } else { Some(v.version) })
                    ),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
            if shown {
                versions = versions.push(container(version(v)).padding(10).style(theme::card));
            }
        }
        versions.into()
    }
}

/// The status and the buttons that move the minutes on.
fn workflow(r: &MeetingRecord) -> Element<'_, Msg> {
    let mut workflow = row![].spacing(8).align_y(Alignment::Center);
    let Some(mn) = &r.minutes else {
        return workflow
            .push(widget::muted(
                "Pas encore de compte rendu : rédigez-le ici puis enregistrez.",
            ))
            .into();
    };
    let validated = mn
        .validated_on
        .map(|d| format!(", validé le {}", fr::date_long(d)))
        .unwrap_or_default();
    workflow = workflow.push(
        text(format!(
            "{} — version {}{validated}",
            mn.status.label(),
            mn.version
        ))
        .font(widget::bold()),
    );
    for to in next_statuses(mn.status) {
        workflow = workflow.push(button(text(action_label(*to))).on_press(Msg::To(*to)));
    }
    workflow.into()
}

/// Who came, was excused or absent, from the émargement.
fn attendees(r: &MeetingRecord) -> Element<'_, Msg> {
    let mut who = column![].spacing(4);
    for (s, label) in [
        (AttendanceStatus::Present, "Présents"),
        (AttendanceStatus::Excused, "Excusés"),
        (AttendanceStatus::Absent, "Absents"),
    ] {
        let names = r.names_with(s);
        if !names.is_empty() {
            who = who.push(widget::field(
                format!("{label} ({})", names.len()),
                names.join(", "),
            ));
        }
    }
    who.into()
}

/// The validated text, read-only.
fn read(r: &MeetingRecord) -> Element<'_, Msg> {
    let mut read = column![text(
        r.minutes.as_ref().map(|m| m.body.as_str()).unwrap_or("")
    )]
    .spacing(8);
    for (number, item) in numbered_agenda(&r.agenda) {
        read = read
            .push(text(format!("{number}. {}", item.title)).font(widget::bold()))
            .push(text(if item.notes.is_empty() {
                "Pas de notes."
            } else {
                item.notes.as_str()
            }));
    }
    read.into()
}

/// An older version as it was.
fn version(v: &MinutesVersion) -> Element<'_, Msg> {
    let mut shown = column![text(v.body.as_str())].spacing(4);
    if let Some(s) = &v.snapshot {
        for (item, notes) in &s.items {
            shown = shown
                .push(text(item.as_str()).font(widget::bold()))
                .push(text(notes.as_str()));
        }
        for (n, t, vote) in &s.decisions {
            shown = shown.push(text(tf!("Décision n° {n} : {t} {vote}")));
        }
    }
    shown.into()
}
