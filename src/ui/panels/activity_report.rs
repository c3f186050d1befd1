//! The rapport d'activité, in the Documents panel: the year, the paragraph the mission
//! writes for each section (kept per year), and its export as PDF or OpenDocument.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use iced::widget::{button, column, pick_list, row, text, text_editor};
use iced::{Alignment, Element, Length, Task};

use super::{Event, outcome};
use crate::domain::activity::{Period, ReportSection};
use crate::export::Document;
use crate::store::{Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::widget;

#[derive(Debug, Clone)]
pub enum Msg {
    Year(Choice<i32>),
    Edited(ReportSection, text_editor::Action),
    Save,
    /// As PDF (`false`) or as editable OpenDocument (`true`), after saving the texts.
    Export {
        editable: bool,
    },
}

/// The year chosen and its paragraphs being written.
pub struct State {
    years: Vec<Choice<i32>>,
    year: i32,
    texts: BTreeMap<ReportSection, text_editor::Content>,
}

impl State {
    /// The years there is something to report on, the latest chosen.
    pub fn new(store: &Store, today: NaiveDate) -> Result<State, StoreError> {
        let mut years: Vec<i32> = store
            .conventions()?
            .iter()
            .flat_map(|c| [c.start_date, c.end_date])
            .flatten()
            .chain(store.meetings_of(None)?.iter().map(|m| m.date))
            .map(|d| d.year())
            .filter(|y| *y <= today.year())
            .chain(std::iter::once(today.year()))
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let mut s = State {
            years: years
                .iter()
                .map(|y| Choice::new(*y, y.to_string()))
                .collect(),
            year: today.year(),
            texts: BTreeMap::new(),
        };
        s.load(store)?;
        Ok(s)
    }

    fn period(&self) -> Period {
        Period::year(self.year).expect("a year from the calendar")
    }

    fn load(&mut self, store: &Store) -> Result<(), StoreError> {
        let saved = store.activity_texts(self.period())?;
        self.texts = ReportSection::ALL
            .into_iter()
            .map(|s| {
                let t = saved.get(&s).map(String::as_str).unwrap_or("");
                (s, text_editor::Content::with_text(t))
            })
            .collect();
        Ok(())
    }

    fn save(&self, store: &mut Store) -> Result<(), StoreError> {
        let texts = self.texts.iter().map(|(s, c)| (*s, c.text())).collect();
        store.save_activity_texts(self.period(), &texts)
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        let event = match msg {
            Msg::Year(c) => {
                self.year = c.value;
                self.load(store).err().and_then(|e| outcome(Err(e)))
            }
            Msg::Edited(section, action) => {
                if let Some(c) = self.texts.get_mut(&section) {
                    c.perform(action);
                }
                None
            }
            Msg::Save => outcome(self.save(store).map(|_| {
                Some(tf!(
                    "Textes du rapport d’activité {} enregistrés.",
                    self.year
                ))
            })),
            Msg::Export { editable } => match self.save(store) {
                Ok(()) => Some(Event::export(
                    Document::ActivityReport(self.period()),
                    editable,
                )),
                Err(e) => outcome(Err(e)),
            },
        };
        (Task::none(), event)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let mut page = column![
            row![
                text(widget::label("Année :")),
                pick_list(
                    self.years.as_slice(),
                    selected(&self.years, &self.year),
                    Msg::Year
                ),
                button(text("Exporter le rapport (PDF)")).on_press(Msg::Export { editable: false }),
                button(text("Version modifiable (ODT)"))
                    .style(button::secondary)
                    .on_press(Msg::Export { editable: true }),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
            widget::muted(
                "Les chiffres (conventions, réunions, participants, écarts à la population, propositions, budget, documents publiés) sont calculés à l’export. Écrivez ci-dessous le paragraphe qui ouvre chaque partie ; il est gardé pour l’année."
            ),
        ]
        .spacing(8);
        for (section, content) in &self.texts {
            let s = *section;
            page = page.push(text(widget::label(s.title())).font(widget::bold()));
            page = page.push(
                text_editor(content)
                    .on_action(move |a| Msg::Edited(s, a))
                    .height(Length::Fixed(70.0)),
            );
        }
        page.push(button(text("Enregistrer les textes")).on_press(Msg::Save))
            .into()
    }
}
