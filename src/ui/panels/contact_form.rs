//! The form that changes a contact's sheet: identity, details, sector and kind,
//! tags, notes, the optional quota attributes (sensitive) and the retention review
//! date.

use iced::widget::{button, column, pick_list, row, text};
use iced::{Alignment, Element, Length};

use crate::domain::DomainError;
use crate::domain::codes::{ContactKind, Sector};
use crate::domain::contact::Contact;
use crate::domain::parse;
use crate::ui::choice::{Choice, selected};
use crate::ui::{theme, widget};

/// The form: the contact being changed, its retention date as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactForm {
    pub contact: Contact,
    pub retention: String,
    /// The tags as typed, separated by commas.
    pub tags: String,
    pub error: Option<String>,
}

/// A change to one field.
#[derive(Debug, Clone)]
pub enum Field {
    Civility(String),
    FirstName(String),
    LastName(String),
    Organisation(String),
    Role(String),
    Email(String),
    Phone(String),
    Address(String),
    PostalCode(String),
    City(String),
    Sector(Choice<Option<Sector>>),
    Neighbourhood(String),
    Kind(ContactKind),
    Notes(String),
    Tags(String),
    Gender(String),
    AgeBand(String),
    Csp(String),
    Diploma(String),
    Retention(String),
}

impl ContactForm {
    /// The form filled with a contact.
    pub fn new(c: &Contact) -> ContactForm {
        ContactForm {
            contact: c.clone(),
            retention: c
                .retention_review
                .map(crate::domain::text::date_short)
                .unwrap_or_default(),
            tags: c.tags.join(", "),
            error: None,
        }
    }

    /// Applies a change.
    pub fn set(&mut self, f: Field) {
        let c = &mut self.contact;
        match f {
            Field::Civility(s) => c.civility = s,
            Field::FirstName(s) => c.first_name = s,
            Field::LastName(s) => c.last_name = s,
            Field::Organisation(s) => c.organisation = s,
            Field::Role(s) => c.role = s,
            Field::Email(s) => c.email = s,
            Field::Phone(s) => c.phone = s,
            Field::Address(s) => c.address = s,
            Field::PostalCode(s) => c.postal_code = s,
            Field::City(s) => c.city = s,
            Field::Sector(s) => c.sector = s.value,
            Field::Neighbourhood(s) => c.neighbourhood = s,
            Field::Kind(k) => c.kind = k,
            Field::Notes(s) => c.notes = s,
            Field::Tags(s) => self.tags = s,
            Field::Gender(s) => c.gender = s,
            Field::AgeBand(s) => c.age_band = s,
            Field::Csp(s) => c.csp = s,
            Field::Diploma(s) => c.diploma = s,
            Field::Retention(s) => self.retention = s,
        }
    }

    /// The contact the form describes, or what is wrong with it.
    pub fn to_contact(&self) -> Result<Contact, DomainError> {
        let c = Contact {
            retention_review: parse::opt_date(&self.retention)?,
            tags: crate::domain::contact::parse_tags(&self.tags),
            ..self.contact.clone()
        };
        c.validate()?;
        Ok(c)
    }

    /// The form; `save` and `cancel` are the panel's messages.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        on_field: impl Fn(Field) -> M + Copy + 'a,
        save: M,
        cancel: M,
    ) -> Element<'a, M> {
        let c = &self.contact;
        let line = |label: &'a str, value: &'a str, f: fn(String) -> Field| -> Element<'a, M> {
            row![
                text(label).width(Length::Fixed(170.0)).color(theme::MUTED),
                iced::widget::text_input(label, value)
                    .on_input(move |s| on_field(f(s)))
                    .padding(5)
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into()
        };
        let sectors: Vec<Choice<Option<Sector>>> = std::iter::once(Choice::new(None, "—"))
            .chain(Sector::ALL.iter().map(|s| Choice::new(Some(*s), s.label())))
            .collect();
        let chosen = selected(&sectors, &c.sector);
        column![
            row![
                text("Modifier la fiche")
                    .size(18)
                    .font(widget::bold())
                    .width(Length::Fill),
                button(text("Enregistrer la fiche")).on_press(save),
                button(text("Annuler"))
                    .style(button::secondary)
                    .on_press(cancel),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            match &self.error {
                Some(e) => widget::colored(e.as_str(), theme::LATE),
                None => widget::gap(0.0),
            },
            row![
                text("Type").width(Length::Fixed(170.0)).color(theme::MUTED),
                pick_list(ContactKind::ALL, Some(c.kind), move |k| on_field(
                    Field::Kind(k)
                )),
                text("Secteur").color(theme::MUTED),
                pick_list(sectors, chosen, move |s| on_field(Field::Sector(s))),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            line("Civilité", &c.civility, Field::Civility),
            line("Prénom", &c.first_name, Field::FirstName),
            line("Nom", &c.last_name, Field::LastName),
            line("Structure", &c.organisation, Field::Organisation),
            line("Fonction", &c.role, Field::Role),
            line("Courriel", &c.email, Field::Email),
            line("Téléphone", &c.phone, Field::Phone),
            line("Adresse", &c.address, Field::Address),
            line("Code postal", &c.postal_code, Field::PostalCode),
            line("Ville", &c.city, Field::City),
            line("Quartier", &c.neighbourhood, Field::Neighbourhood),
            line("Notes", &c.notes, Field::Notes),
            line("Étiquettes", &self.tags, Field::Tags),
            widget::muted(tf!(
                "Étiquettes séparées par des virgules : jardins, vélo, Abbaye…"
            )),
            widget::muted(tf!("Attributs sensibles (facultatifs, pour les quotas) :")),
            line("Genre", &c.gender, Field::Gender),
            line("Tranche d'âge", &c.age_band, Field::AgeBand),
            line("CSP", &c.csp, Field::Csp),
            line("Diplôme", &c.diploma, Field::Diploma),
            line("Réexamen des données le", &self.retention, Field::Retention),
        ]
        .spacing(6)
        .into()
    }
}
