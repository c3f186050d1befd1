//! The Règles tab: the rules of participation edited by sections (started from the
//! template shipped in `assets/`), every saved version kept with its date, a version
//! adopted on a date, two versions compared word by word, and the PDF.

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, text, text_editor, text_input};
use iced::{Alignment, Element, Length, Task};

use super::super::{Event, outcome};
use crate::domain::ids::ConventionId;
use crate::domain::rules::{RulesVersion, Section, compare, parse_template};
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{Store, StoreError};
use crate::ui::{theme, widget};

/// The tab's state: the versions, the sections being edited, the comparison.
#[derive(Default)]
pub struct Rules {
    versions: Vec<RulesVersion>,
    sections: Vec<(String, text_editor::Content)>,
    new_title: String,
    compare_from: Option<u32>,
    compare_to: Option<u32>,
}

/// The tab's messages.
#[derive(Debug, Clone)]
pub enum Msg {
    FromTemplate,
    Title(usize, String),
    Body(usize, text_editor::Action),
    NewTitle(String),
    AddSection,
    RemoveSection(usize),
    Save,
    Adopt(u32),
    CompareFrom(u32),
    CompareTo(u32),
    /// Handled by the panel: write the PDF.
    Export,
}

impl Rules {
    /// The versions of a convention, the latest one in the editors.
    pub fn load(store: &Store, convention: ConventionId) -> Result<Rules, StoreError> {
        let versions = store.rules_versions(convention)?;
        let mut r = Rules {
            compare_to: versions.last().map(|v| v.version),
            compare_from: versions
                .len()
                .checked_sub(2)
                .and_then(|i| versions.get(i))
                .map(|v| v.version),
            versions,
            ..Rules::default()
        };
        if let Some(last) = r.versions.last() {
            r.sections = editors(&last.sections);
        }
        Ok(r)
    }

    /// Handles a message: a task, and what the panel must know.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        convention: ConventionId,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        if let Msg::Export = msg {
            return (
                Task::none(),
                Some(Event::Export(Document::Rules(convention))),
            );
        }
        (
            Task::none(),
            outcome(self.apply(msg, store, convention, today)),
        )
    }

    /// Handles a message; `Some(notice)` after a write.
    fn apply(
        &mut self,
        msg: Msg,
        store: &mut Store,
        convention: ConventionId,
        today: NaiveDate,
    ) -> Result<Option<String>, StoreError> {
        match msg {
            Msg::FromTemplate => {
                self.sections = editors(&parse_template(crate::assets::RULES_TEMPLATE));
            }
            Msg::Title(i, s) => {
                if let Some(x) = self.sections.get_mut(i) {
                    x.0 = s;
                }
            }
            Msg::Body(i, action) => {
                if let Some(x) = self.sections.get_mut(i) {
                    x.1.perform(action);
                }
            }
            Msg::NewTitle(s) => self.new_title = s,
            Msg::AddSection => {
                if !self.new_title.trim().is_empty() {
                    self.sections.push((
                        std::mem::take(&mut self.new_title).trim().to_string(),
                        text_editor::Content::new(),
                    ));
                }
            }
            Msg::RemoveSection(i) => {
                if i < self.sections.len() {
                    self.sections.remove(i);
                }
            }
            Msg::Save => {
                let sections: Vec<Section> = self
                    .sections
                    .iter()
                    .map(|(t, c)| Section {
                        title: t.trim().to_string(),
                        text: c.text().trim_end().to_string(),
                    })
                    .collect();
                let version = store.save_rules(convention, &sections)?;
                *self = Rules::load(store, convention)?;
                return Ok(Some(format!(
                    "Règles du jeu : version {version} enregistrée (projet, à adopter)."
                )));
            }
            Msg::Adopt(version) => {
                store.adopt_rules(convention, version, today)?;
                *self = Rules::load(store, convention)?;
                return Ok(Some(format!(
                    "Règles du jeu : version {version} adoptée le {}.",
                    fr::date_long(today)
                )));
            }
            Msg::CompareFrom(v) => self.compare_from = Some(v),
            Msg::CompareTo(v) => self.compare_to = Some(v),
            Msg::Export => {}
        }
        Ok(None)
    }

    /// The tab.
    pub fn view(&self) -> Element<'_, Msg> {
        let mut page = column![].spacing(12);
        let latest = self.versions.last();
        let state = match latest {
            None => "Pas encore de règles du jeu enregistrées.".to_string(),
            Some(v) => match v.adopted_on {
                Some(d) => format!("Version {} adoptée le {}.", v.version, fr::date_long(d)),
                None => format!(
                    "Version {} du {} : projet, pas encore adoptée.",
                    v.version,
                    fr::date_long(v.saved_at.date())
                ),
            },
        };
        let mut head = row![text(state).font(widget::bold()).width(Length::Fill)]
            .spacing(8)
            .align_y(Alignment::Center);
        if !self.sections.is_empty() {
            head = head.push(button(text("Enregistrer une nouvelle version")).on_press(Msg::Save));
        }
        if let Some(v) = latest.filter(|v| v.adopted_on.is_none()) {
            head = head.push(button(text("Adopter cette version")).on_press(Msg::Adopt(v.version)));
        }
        if latest.is_some() {
            head = head.push(
                button(text("Exporter (PDF)"))
                    .style(button::secondary)
                    .on_press(Msg::Export),
            );
        }
        page = page.push(head);
        if self.sections.is_empty() {
            page = page.push(
                row![
                    widget::muted("Partez du modèle de la Mission, puis adaptez chaque section."),
                    button(text("Partir du modèle")).on_press(Msg::FromTemplate),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            );
        }
        for (i, (title, content)) in self.sections.iter().enumerate() {
            page = page.push(
                column![
                    row![
                        text_input("Titre de la section", title)
                            .on_input(move |s| Msg::Title(i, s))
                            .padding(6)
                            .font(widget::bold())
                            .width(Length::Fill),
                        button(text("Retirer").size(13))
                            .padding([3, 8])
                            .style(button::secondary)
                            .on_press(Msg::RemoveSection(i)),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                    text_editor(content)
                        .height(Length::Fixed(110.0))
                        .on_action(move |a| Msg::Body(i, a)),
                ]
                .spacing(4),
            );
        }
        if !self.sections.is_empty() {
            page = page.push(
                row![
                    text_input("Titre d'une nouvelle section", &self.new_title)
                        .id("rules-new-section")
                        .on_input(Msg::NewTitle)
                        .padding(6)
                        .width(Length::Fill),
                    button(text("Ajouter la section"))
                        .style(button::secondary)
                        .on_press(Msg::AddSection),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        page.push(self.versions_view()).into()
    }

    fn versions_view(&self) -> Element<'_, Msg> {
        if self.versions.is_empty() {
            return widget::muted("Chaque version enregistrée sera gardée ici, avec sa date.");
        }
        let mut col = column![].spacing(4);
        for v in self.versions.iter().rev() {
            col = col.push(text(format!(
                "Version {} — enregistrée le {}{}",
                v.version,
                fr::date_short(v.saved_at.date()),
                v.adopted_on
                    .map(|d| format!(" — adoptée le {}", fr::date_short(d)))
                    .unwrap_or_default()
            )));
        }
        let numbers: Vec<u32> = self.versions.iter().map(|v| v.version).collect();
        col = col.push(
            row![
                text("Comparer la version").color(theme::MUTED),
                pick_list(numbers.clone(), self.compare_from, Msg::CompareFrom),
                text("à la version").color(theme::MUTED),
                pick_list(numbers, self.compare_to, Msg::CompareTo),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        let find = |n: Option<u32>| n.and_then(|n| self.versions.iter().find(|v| v.version == n));
        if let (Some(a), Some(b)) = (find(self.compare_from), find(self.compare_to)) {
            col = col.push(crate::ui::diff::view(
                compare(&a.sections, &b.sections),
                crate::ui::diff::SECTIONS,
            ));
        }
        widget::section("Versions", col)
    }
}

fn editors(sections: &[Section]) -> Vec<(String, text_editor::Content)> {
    sections
        .iter()
        .map(|s| (s.title.clone(), text_editor::Content::with_text(&s.text)))
        .collect()
}
