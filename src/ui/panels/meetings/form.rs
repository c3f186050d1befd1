//! The form that creates or changes a meeting: what people type, kept as text until
//! it is saved, then read with the domain's French parsers; and the [`Editor`] that
//! shows it in place of the panel and saves it.

use iced::widget::{button, checkbox, column, pick_list, row, text, text_input};
use iced::{Element, Length, Task};

use super::Up;
use crate::domain::DomainError;
use crate::domain::codes::{MeetingFormat, MeetingKind};
use crate::domain::ids::{ConventionId, MeetingId};
use crate::domain::meeting::{Meeting, SERVICES};
use crate::domain::parse;
use crate::store::Store;
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::describe;
use crate::ui::widget;

/// The form's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// `None` for a new meeting.
    pub id: Option<MeetingId>,
    pub session: Option<crate::domain::ids::SessionId>,
    pub title: String,
    pub kind: MeetingKind,
    pub convention: Option<ConventionId>,
    pub date: String,
    pub start: String,
    pub end: String,
    pub venue: String,
    pub format: MeetingFormat,
    pub services: [bool; SERVICES.len()],
    pub facilitators: String,
}

/// A change to one field.
#[derive(Debug, Clone)]
pub enum Field {
    Title(String),
    Kind(MeetingKind),
    Convention(Option<ConventionId>),
    Date(String),
    Start(String),
    End(String),
    Venue(String),
    Format(MeetingFormat),
    Service(usize, bool),
    Facilitators(String),
}

/// What the person does in the form.
#[derive(Debug, Clone)]
pub enum Msg {
    Field(Field),
    Save,
    Cancel,
}

/// The form shown in place of the panel, with the conventions it offers and why it
/// was refused.
pub struct Editor {
    form: Form,
    conventions: Vec<Choice<Option<ConventionId>>>,
    error: Option<String>,
}

impl Editor {
    pub fn new(form: Form, conventions: Vec<Choice<Option<ConventionId>>>) -> Editor {
        Editor {
            form,
            conventions,
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

    /// Saves the meeting; a new one opens on its agenda, the next thing to build.
    fn save(&mut self, store: &mut Store) -> Option<Up> {
        let meeting = match self.form.to_meeting() {
            Ok(m) => m,
            Err(e) => {
                self.error = Some(describe(&e));
                return None;
            }
        };
        let new = self.form.id.is_none();
        let saved = match self.form.id {
            Some(_) => store.update_meeting(&meeting).map(|_| meeting.id),
            None => store.create_meeting(&meeting),
        };
        match saved {
            Ok(id) => {
                let notice = if new {
                    format!(
                        "Réunion « {} » créée : construisez son ordre du jour.",
                        meeting.title
                    )
                } else {
                    "Réunion enregistrée.".into()
                };
                Some(Up::Saved { id, new, notice })
            }
            Err(e) => {
                self.error = Some(describe(&e));
                None
            }
        }
    }

    pub fn view(&self) -> Element<'_, Msg> {
        self.form.view(&self.conventions, self.error.as_deref())
    }
}

impl Form {
    /// An empty form for a meeting on `date`, attached to `convention`.
    pub fn new(date: chrono::NaiveDate, convention: Option<ConventionId>) -> Form {
        Form {
            id: None,
            session: None,
            title: String::new(),
            kind: MeetingKind::Workshop,
            convention,
            date: crate::domain::text::date_short(date),
            start: "18h30".into(),
            end: "21h00".into(),
            venue: String::new(),
            format: MeetingFormat::InPerson,
            services: [false; SERVICES.len()],
            facilitators: String::new(),
        }
    }

    /// The form filled with a meeting.
    pub fn edit(m: &Meeting) -> Form {
        let mut services = [false; SERVICES.len()];
        for (i, s) in SERVICES.iter().enumerate() {
            services[i] = m
                .services
                .split(',')
                .any(|x| x.trim().eq_ignore_ascii_case(s));
        }
        Form {
            id: Some(m.id),
            session: m.session,
            title: m.title.clone(),
            kind: m.kind,
            convention: m.convention,
            date: crate::domain::text::date_short(m.date),
            start: m.start.format("%Hh%M").to_string(),
            end: m.end.format("%Hh%M").to_string(),
            venue: m.venue.clone(),
            format: m.format,
            services,
            facilitators: m.facilitators.clone(),
        }
    }

    /// Applies a change.
    pub fn set(&mut self, field: Field) {
        match field {
            Field::Title(s) => self.title = s,
            Field::Kind(k) => self.kind = k,
            Field::Convention(c) => {
                if c != self.convention {
                    self.session = None;
                }
                self.convention = c;
            }
            Field::Date(s) => self.date = s,
            Field::Start(s) => self.start = s,
            Field::End(s) => self.end = s,
            Field::Venue(s) => self.venue = s,
            Field::Format(f) => self.format = f,
            Field::Service(i, on) => {
                if let Some(s) = self.services.get_mut(i) {
                    *s = on;
                }
            }
            Field::Facilitators(s) => self.facilitators = s,
        }
    }

    /// The meeting the form describes, or what is wrong with it.
    pub fn to_meeting(&self) -> Result<Meeting, DomainError> {
        let meeting = Meeting {
            id: self.id.unwrap_or_default(),
            convention: self.convention,
            session: self.session,
            kind: self.kind,
            title: self.title.trim().to_string(),
            date: parse::date(&self.date)?,
            start: parse::time(&self.start)?,
            end: parse::time(&self.end)?,
            venue: self.venue.trim().to_string(),
            format: self.format,
            services: SERVICES
                .iter()
                .zip(self.services)
                .filter(|(_, on)| *on)
                .map(|(s, _)| *s)
                .collect::<Vec<_>>()
                .join(", "),
            facilitators: self.facilitators.trim().to_string(),
        };
        meeting.validate()?;
        Ok(meeting)
    }

    /// The form.
    pub fn view<'a>(
        &'a self,
        conventions: &'a [Choice<Option<ConventionId>>],
        error: Option<&'a str>,
    ) -> Element<'a, Msg> {
        let line = |label: &'a str, input: Element<'a, Msg>| -> Element<'a, Msg> {
            row![
                text(label)
                    .width(Length::Fixed(170.0))
                    .color(crate::ui::theme::MUTED),
                input
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center)
            .into()
        };
        let field = |placeholder: &str, value: &str, f: fn(String) -> Field, id: &'static str| {
            text_input(placeholder, value)
                .id(id)
                .on_input(move |s| Msg::Field(f(s)))
                .padding(6)
        };
        let input = |placeholder: &str, value: &str, f: fn(String) -> Field, id: &'static str| {
            field(placeholder, value, f, id).into()
        };
        let short = |placeholder: &str, value: &str, f: fn(String) -> Field, id: &'static str| {
            field(placeholder, value, f, id)
                .width(Length::Fixed(160.0))
                .into()
        };
        let mut services = row![].spacing(16);
        for (i, s) in SERVICES.iter().enumerate() {
            services = services.push(
                checkbox(self.services[i])
                    .label(*s)
                    .on_toggle(move |on| Msg::Field(Field::Service(i, on))),
            );
        }
        let mut col = column![
            widget::title(if self.id.is_some() {
                "Modifier la réunion"
            } else {
                "Nouvelle réunion"
            }),
            line(
                "Intitulé",
                input(
                    "Atelier de quartier…",
                    &self.title,
                    Field::Title,
                    "meeting-title"
                )
            ),
            line(
                "Type",
                pick_list(MeetingKind::ALL, Some(self.kind), |k| Msg::Field(
                    Field::Kind(k)
                ))
                .into()
            ),
            line(
                "Convention",
                pick_list(
                    conventions,
                    selected(conventions, &self.convention),
                    |c: Choice<Option<ConventionId>>| Msg::Field(Field::Convention(c.value))
                )
                .into()
            ),
            line(
                "Date",
                short("14/11/2026", &self.date, Field::Date, "meeting-date")
            ),
            line(
                "Début",
                short("18h30", &self.start, Field::Start, "meeting-start")
            ),
            line("Fin", short("21h00", &self.end, Field::End, "meeting-end")),
            line(
                "Lieu",
                input(
                    "Maison des habitants…",
                    &self.venue,
                    Field::Venue,
                    "meeting-venue"
                )
            ),
            line(
                "Format",
                pick_list(MeetingFormat::ALL, Some(self.format), |f| {
                    Msg::Field(Field::Format(f))
                })
                .into()
            ),
            line("Services proposés", services.into()),
            line(
                "Animation",
                input(
                    "Noms des animateurs et animatrices",
                    &self.facilitators,
                    Field::Facilitators,
                    "meeting-facilitators"
                )
            ),
        ]
        .spacing(10)
        .max_width(860);
        if let Some(e) = error {
            col = col.push(widget::colored(e, crate::ui::theme::LATE));
        }
        col.push(
            row![
                button(text("Enregistrer la réunion")).on_press(Msg::Save),
                button(text("Annuler"))
                    .style(button::secondary)
                    .on_press(Msg::Cancel),
            ]
            .spacing(10),
        )
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn form_round_trips_a_meeting_and_reports_french_errors() {
        let mut f = Form::new(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), None);
        assert_eq!(f.to_meeting(), Err(DomainError::Required("Intitulé")));
        f.set(Field::Title("Atelier mobilités".into()));
        f.set(Field::Service(3, true));
        f.set(Field::Service(0, true));
        let m = f.to_meeting().unwrap();
        assert_eq!(m.services, "Garde d'enfants, Accès PMR");
        assert_eq!(m.length_minutes(), 150);
        assert_eq!(Form::edit(&m).to_meeting().unwrap(), m);
        f.set(Field::End("17h".into()));
        assert!(matches!(
            f.to_meeting(),
            Err(DomainError::EndNotAfterStart { .. })
        ));
        f.set(Field::Date("32/12/2026".into()));
        assert!(matches!(f.to_meeting(), Err(DomainError::BadDate(_))));
    }
}
