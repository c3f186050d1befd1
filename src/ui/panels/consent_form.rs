//! The line of a contact's sheet that records a consent given or withdrawn: scope,
//! channel, date (today unless typed) and the version of the wording agreed to.

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, text_input};
use iced::{Alignment, Element, Length};

use crate::domain::DomainError;
use crate::domain::codes::{ConsentChannel, ConsentScope};
use crate::domain::contact::Consent;
use crate::domain::ids::ContactId;
use crate::domain::parse;
use crate::ui::widget;

/// The consent being recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsentForm {
    pub scope: ConsentScope,
    pub channel: ConsentChannel,
    /// As typed; empty means today.
    pub date: String,
    pub wording: String,
}

impl Default for ConsentForm {
    fn default() -> Self {
        ConsentForm {
            scope: ConsentScope::Convocations,
            channel: ConsentChannel::Paper,
            date: String::new(),
            wording: String::new(),
        }
    }
}

/// A change to the form.
#[derive(Debug, Clone)]
pub enum Field {
    Scope(ConsentScope),
    Channel(ConsentChannel),
    Date(String),
    Wording(String),
}

impl ConsentForm {
    /// Applies a change.
    pub fn set(&mut self, f: Field) {
        match f {
            Field::Scope(s) => self.scope = s,
            Field::Channel(c) => self.channel = c,
            Field::Date(d) => self.date = d,
            Field::Wording(w) => self.wording = w,
        }
    }

    /// The record for `contact`: given, or withdrawn.
    pub fn to_consent(
        &self,
        contact: ContactId,
        given: bool,
        today: NaiveDate,
    ) -> Result<Consent, DomainError> {
        Ok(Consent {
            contact,
            scope: self.scope,
            given,
            date: parse::opt_date(&self.date)?.unwrap_or(today),
            channel: self.channel,
            wording_version: self.wording.trim().to_string(),
        })
    }

    /// The form; `submit(given)` records it.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        on_field: impl Fn(Field) -> M + Copy + 'a,
        submit: impl Fn(bool) -> M,
    ) -> Element<'a, M> {
        column![
            widget::muted(tf!("Enregistrer un consentement ou son retrait :")),
            row![
                pick_list(ConsentScope::ALL, Some(self.scope), move |s| on_field(
                    Field::Scope(s)
                ))
                .text_size(13)
                .width(Length::Fill),
                pick_list(ConsentChannel::ALL, Some(self.channel), move |c| on_field(
                    Field::Channel(c)
                ))
                .text_size(13)
                .width(Length::Fixed(110.0)),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
            // The wording on its own line: beside the date, its hint was cut off.
            text_input(
                "Version du texte accepté (ex. : formulaire 2026-v2)",
                &self.wording
            )
            .id("consent-wording")
            .on_input(move |w| on_field(Field::Wording(w)))
            .padding(5)
            .size(13)
            .width(Length::Fill),
            row![
                text_input("Date (aujourd'hui)", &self.date)
                    .id("consent-date")
                    .on_input(move |d| on_field(Field::Date(d)))
                    .padding(5)
                    .size(13)
                    .width(Length::Fixed(150.0)),
                button(iced::widget::text("Consentement donné").size(13))
                    .padding([4, 8])
                    .on_press(submit(true)),
                widget::small_button("Retrait", submit(false)),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
        ]
        .spacing(6)
        .into()
    }
}
