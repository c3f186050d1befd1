//! The form of a convention's frame: the mandate (who asks, the question, what the
//! city commits to), the élu, the kind of participation, the panel's size, the budget
//! envelope and the key dates — typed as text, read with the domain's parsers; and the
//! [`Editor`] that shows it in place of the panel and saves it.

use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::Up;
use super::date_text;
use crate::domain::DomainError;
use crate::domain::codes::ParticipationKind;
use crate::domain::convention::Convention;
use crate::domain::parse;
use crate::store::Store;
use crate::ui::panels::describe;
use crate::ui::{theme, widget};

/// The form's fields; `base` holds what the form does not show (status, texts).
#[derive(Debug, Clone, PartialEq)]
pub struct FrameForm {
    pub base: Convention,
    pub title: String,
    pub theme: String,
    pub participation: ParticipationKind,
    pub mandate_from: String,
    pub question: String,
    pub commitment: String,
    pub elected_official: String,
    pub panel_size: String,
    pub envelope: String,
    pub start: String,
    pub end: String,
}

/// A change to one field.
#[derive(Debug, Clone)]
pub enum FrameField {
    Title(String),
    Theme(String),
    Participation(ParticipationKind),
    MandateFrom(String),
    Question(String),
    Commitment(String),
    Elected(String),
    PanelSize(String),
    Envelope(String),
    Start(String),
    End(String),
}

impl FrameForm {
    /// The form filled with a convention (a new one is `Convention::draft("")`).
    pub fn new(c: &Convention) -> FrameForm {
        FrameForm {
            base: c.clone(),
            title: c.title.clone(),
            theme: c.theme.clone(),
            participation: c.participation,
            mandate_from: c.mandate_from.clone(),
            question: c.question.clone(),
            commitment: c.commitment.clone(),
            elected_official: c.elected_official.clone(),
            panel_size: if c.target_panel_size == 0 {
                String::new()
            } else {
                c.target_panel_size.to_string()
            },
            envelope: crate::domain::text::amount_field(
                (c.budget_envelope_cents != 0).then_some(c.budget_envelope_cents),
            ),
            start: date_text(c.start_date),
            end: date_text(c.end_date),
        }
    }

    /// Applies a change.
    pub fn set(&mut self, f: FrameField) {
        match f {
            FrameField::Title(s) => self.title = s,
            FrameField::Theme(s) => self.theme = s,
            FrameField::Participation(p) => self.participation = p,
            FrameField::MandateFrom(s) => self.mandate_from = s,
            FrameField::Question(s) => self.question = s,
            FrameField::Commitment(s) => self.commitment = s,
            FrameField::Elected(s) => self.elected_official = s,
            FrameField::PanelSize(s) => self.panel_size = s,
            FrameField::Envelope(s) => self.envelope = s,
            FrameField::Start(s) => self.start = s,
            FrameField::End(s) => self.end = s,
        }
    }

    /// The convention the form describes, or what is wrong with it.
    pub fn to_convention(&self) -> Result<Convention, DomainError> {
        let c = Convention {
            title: self.title.trim().to_string(),
            theme: self.theme.trim().to_string(),
            participation: self.participation,
            mandate_from: self.mandate_from.trim().to_string(),
            question: self.question.trim().to_string(),
            commitment: self.commitment.trim().to_string(),
            elected_official: self.elected_official.trim().to_string(),
            target_panel_size: if self.panel_size.trim().is_empty() {
                0
            } else {
                parse::count(&self.panel_size)?
            },
            budget_envelope_cents: parse::opt_euros(&self.envelope)?.unwrap_or(0),
            start_date: parse::opt_date(&self.start)?,
            end_date: parse::opt_date(&self.end)?,
            ..self.base.clone()
        };
        c.validate()?;
        Ok(c)
    }

    /// The form.
    pub fn view<'a>(&'a self, error: Option<&'a str>) -> Element<'a, Msg> {
        let line = |label: &'a str, input: Element<'a, Msg>| -> Element<'a, Msg> {
            row![
                text(label).width(Length::Fixed(200.0)).color(theme::MUTED),
                input
            ]
            .spacing(10)
            .align_y(Alignment::Center)
            .into()
        };
        type Typed<'a> = (
            &'a str,
            &'a str,
            &'a str,
            fn(String) -> FrameField,
            &'static str,
        );
        let typed: [Typed<'a>; 10] = [
            (
                "Titre",
                "Convention citoyenne pour…",
                &self.title,
                FrameField::Title,
                "frame-title",
            ),
            (
                "Thème",
                "Climat, solidarités, logement…",
                &self.theme,
                FrameField::Theme,
                "frame-theme",
            ),
            (
                "Saisine (qui demande)",
                "Le maire, le conseil municipal, une pétition…",
                &self.mandate_from,
                FrameField::MandateFrom,
                "frame-mandate",
            ),
            (
                "Question posée",
                "Comment… ?",
                &self.question,
                FrameField::Question,
                "frame-question",
            ),
            (
                "Engagement de la Ville",
                "Ce que la Ville fera des propositions",
                &self.commitment,
                FrameField::Commitment,
                "frame-commitment",
            ),
            (
                "Élu·e référent·e",
                "Adjoint·e à…",
                &self.elected_official,
                FrameField::Elected,
                "frame-elected",
            ),
            (
                "Taille du panel visée",
                "40",
                &self.panel_size,
                FrameField::PanelSize,
                "frame-size",
            ),
            (
                "Enveloppe budgétaire (€)",
                "185 000",
                &self.envelope,
                FrameField::Envelope,
                "frame-envelope",
            ),
            (
                "Début",
                "01/09/2026",
                &self.start,
                FrameField::Start,
                "frame-start",
            ),
            ("Fin", "30/06/2027", &self.end, FrameField::End, "frame-end"),
        ];
        let new = self.base.id.0 == 0;
        let mut col = column![widget::title(if new {
            "Nouvelle convention"
        } else {
            "Modifier le cadre"
        })]
        .spacing(10)
        .max_width(900);
        for (i, (label, placeholder, value, field, id)) in typed.into_iter().enumerate() {
            if i == 2 {
                let kinds = pick_list(
                    ParticipationKind::CONVENTION,
                    Some(self.participation),
                    |p| Msg::Field(FrameField::Participation(p)),
                );
                col = col.push(line("Démarche", kinds.into()));
            }
            let input = text_input(placeholder, value)
                .id(id)
                .on_input(move |s| Msg::Field(field(s)))
                .padding(6);
            col = col.push(line(label, input.into()));
        }
        if let Some(e) = error {
            col = col.push(widget::colored(e, theme::LATE));
        }
        col.push(
            row![
                button(text(if new {
                    "Créer la convention"
                } else {
                    "Enregistrer le cadre"
                }))
                .on_press(Msg::Save),
                button(text("Annuler"))
                    .style(button::secondary)
                    .on_press(Msg::Cancel),
            ]
            .spacing(10),
        )
        .into()
    }
}

/// What the person does in the form.
#[derive(Debug, Clone)]
pub enum Msg {
    Field(FrameField),
    Save,
    Cancel,
}

/// The form shown in place of the panel, and why it was refused.
pub struct Editor {
    form: FrameForm,
    error: Option<String>,
}

impl Editor {
    pub fn new(c: &Convention) -> Editor {
        Editor {
            form: FrameForm::new(c),
            error: None,
        }
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Up>) {
        let up = match msg {
            Msg::Field(f) => {
                self.form.set(f);
                None
            }
            Msg::Cancel => Some(Up::Closed),
            Msg::Save => self.save(store),
        };
        (Task::none(), up)
    }

    /// Saves the convention; a new one starts in preparation with its three phases.
    fn save(&mut self, store: &mut Store) -> Option<Up> {
        let c = match self.form.to_convention() {
            Ok(c) => c,
            Err(e) => {
                self.error = Some(describe(&e));
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
            Ok(id) => Some(Up::Saved {
                id,
                notice: if new {
                    format!(
                        "Convention « {} » créée, en préparation, avec ses trois phases : datez-les dans « Calendrier ».",
                        c.title
                    )
                } else {
                    "Cadre enregistré.".into()
                },
            }),
            Err(e) => {
                self.error = Some(describe(&e));
                None
            }
        }
    }

    pub fn view(&self) -> Element<'_, Msg> {
        self.form.view(self.error.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_french_amounts_and_dates() {
        let mut f = FrameForm::new(&Convention::draft(""));
        assert_eq!(f.to_convention(), Err(DomainError::Required("Titre")));
        f.set(FrameField::Title("Convention logement".into()));
        f.set(FrameField::Envelope("120 000,50".into()));
        f.set(FrameField::PanelSize("36".into()));
        f.set(FrameField::Start("01/03/2027".into()));
        f.set(FrameField::End("30/09/2027".into()));
        let c = f.to_convention().unwrap();
        assert_eq!(c.budget_envelope_cents, 12_000_050);
        assert_eq!(c.target_panel_size, 36);
        assert_eq!(FrameForm::new(&c).to_convention().unwrap(), c);
        f.set(FrameField::End("01/01/2027".into()));
        assert!(matches!(
            f.to_convention(),
            Err(DomainError::EndBeforeStart { .. })
        ));
        f.set(FrameField::Envelope("beaucoup".into()));
        assert!(matches!(f.to_convention(), Err(DomainError::BadAmount(_))));
    }
}
