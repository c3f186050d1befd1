//! The Gouvernance tab: the COPIL, garants, facilitators and experts heard, each a
//! contact of the directory (found by name or created on the spot) with the date and
//! mode of their designation and its end.

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, text};
use iced::{Alignment, Element, Length, Task};

use super::super::{Event, Target, outcome};
use crate::domain::codes::{ContactKind, ConventionRole};
use crate::domain::ids::ContactId;
use crate::domain::overview::ConventionOverview;
use crate::domain::parse;
use crate::domain::text as fr;
use crate::store::{ContactFilter, ContactRow, Designation, Store, StoreError};
use crate::ui::{theme, widget};

/// The roles designated here (the panel is drawn by lot).
const ROLES: [ConventionRole; 4] = [
    ConventionRole::Copil,
    ConventionRole::Guarantor,
    ConventionRole::Facilitator,
    ConventionRole::Expert,
];

/// The tab's state: the designation form.
#[derive(Debug, Default)]
pub struct Governance {
    open: bool,
    /// `Some(id)` when changing a designation's dates and mode.
    editing: Option<i64>,
    role: Option<ConventionRole>,
    search: String,
    results: Vec<ContactRow>,
    chosen: Option<(ContactId, String)>,
    first_name: String,
    last_name: String,
    organisation: String,
    email: String,
    since: String,
    mode: String,
    until: String,
}

/// The tab's messages.
#[derive(Debug, Clone)]
pub enum Msg {
    New,
    Edit(i64),
    Remove(i64),
    Role(ConventionRole),
    Search(String),
    Choose(ContactId, String),
    FirstName(String),
    LastName(String),
    Organisation(String),
    Email(String),
    Create,
    Since(String),
    Mode(String),
    Until(String),
    Save,
    Cancel,
    OpenContact(ContactId),
}

impl Governance {
    /// Handles a message: a task, and what the panel must know.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        if let Msg::OpenContact(id) = msg {
            return (Task::none(), Some(Event::Open(Target::Contact(id))));
        }
        (Task::none(), outcome(self.apply(msg, store, o, today)))
    }

    /// Handles a message; `Some(notice)` after a write.
    fn apply(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
        today: NaiveDate,
    ) -> Result<Option<String>, StoreError> {
        match msg {
            Msg::New => {
                *self = Governance {
                    open: true,
                    role: Some(ConventionRole::Copil),
                    since: fr::date_short(today),
                    ..Governance::default()
                };
            }
            Msg::Edit(id) => {
                if let Some(g) = o.governance.iter().find(|g| g.id == id) {
                    *self = Governance {
                        open: true,
                        editing: Some(id),
                        role: Some(g.role),
                        chosen: Some((g.contact, g.name.clone())),
                        since: g.since.map(fr::date_short).unwrap_or_default(),
                        mode: g.mode.clone(),
                        until: g.until.map(fr::date_short).unwrap_or_default(),
                        ..Governance::default()
                    };
                }
            }
            Msg::Remove(id) => {
                store.remove_designation(id)?;
                return Ok(Some("Désignation retirée.".into()));
            }
            Msg::Role(r) => self.role = Some(r),
            Msg::Search(s) => {
                self.search = s;
                self.results = if self.search.trim().chars().count() < 2 {
                    Vec::new()
                } else {
                    store.contacts_page(
                        &ContactFilter {
                            search: self.search.clone(),
                            kind: None,
                            ..ContactFilter::default()
                        },
                        0,
                        6,
                    )?
                };
            }
            Msg::Choose(id, name) => {
                self.chosen = Some((id, name));
                self.results.clear();
            }
            Msg::FirstName(s) => self.first_name = s,
            Msg::LastName(s) => self.last_name = s,
            Msg::Organisation(s) => self.organisation = s,
            Msg::Email(s) => self.email = s,
            Msg::Create => {
                let kind = match self.role {
                    Some(ConventionRole::Expert) => ContactKind::Expert,
                    Some(ConventionRole::Guarantor) => ContactKind::Guarantor,
                    _ => ContactKind::Partner,
                };
                let id = store.quick_contact(
                    &self.first_name,
                    &self.last_name,
                    &self.organisation,
                    &self.email,
                    kind,
                )?;
                let name = format!("{} {}", self.first_name.trim(), self.last_name.trim());
                self.chosen = Some((id, name.trim().to_string()));
                return Ok(Some(format!("{} ajouté·e à l'annuaire.", name.trim())));
            }
            Msg::Since(s) => self.since = s,
            Msg::Mode(s) => self.mode = s,
            Msg::Until(s) => self.until = s,
            Msg::Cancel => *self = Governance::default(),
            Msg::Save => {
                let since = parse::opt_date(&self.since)?;
                let until = parse::opt_date(&self.until)?;
                if let Some(id) = self.editing {
                    store.update_designation(id, since, &self.mode, until)?;
                    *self = Governance::default();
                    return Ok(Some("Désignation modifiée.".into()));
                }
                let Some((contact, name)) = self.chosen.clone() else {
                    return Err(crate::domain::DomainError::Required("Personne désignée").into());
                };
                let role = self.role.unwrap_or(ConventionRole::Copil);
                store.designate(&Designation {
                    convention: o.convention.id,
                    contact,
                    role,
                    since,
                    mode: self.mode.clone(),
                    until,
                })?;
                *self = Governance::default();
                return Ok(Some(format!("{name} désigné·e : {}.", role.label())));
            }
            Msg::OpenContact(_) => {}
        }
        Ok(None)
    }

    /// The tab.
    pub fn view<'a>(&'a self, o: &'a ConventionOverview) -> Element<'a, Msg> {
        let mut page = column![row![
            button(text(tf!("Désigner quelqu'un"))).on_press(Msg::New)
        ]]
        .spacing(12);
        if self.open {
            page = page.push(self.form());
        }
        for role in ROLES {
            let holders: Vec<_> = o.governance.iter().filter(|g| g.role == role).collect();
            let mut section = column![text(role.label()).font(widget::bold())].spacing(4);
            if holders.is_empty() {
                section = section.push(widget::muted(tf!("Personne pour l'instant.")));
            }
            for g in holders {
                let since = g
                    .since
                    .map(|d| format!("depuis le {}", fr::date_short(d)))
                    .unwrap_or_else(|| "date à préciser".into());
                let until = g
                    .until
                    .map(|d| format!(" jusqu'au {}", fr::date_short(d)))
                    .unwrap_or_default();
                let mode = if g.mode.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", g.mode)
                };
                section = section.push(
                    row![
                        column![
                            button(text(g.name.as_str()))
                                .style(button::text)
                                .padding(0)
                                .on_press(Msg::OpenContact(g.contact)),
                            text(format!(
                                "{}{}{since}{until}{mode}",
                                g.organisation,
                                if g.organisation.is_empty() {
                                    ""
                                } else {
                                    " · "
                                }
                            ))
                            .size(12)
                            .color(theme::MUTED),
                        ]
                        .width(Length::Fill),
                        widget::small_button("Modifier", Msg::Edit(g.id)),
                        widget::small_button("Retirer", Msg::Remove(g.id)),
                    ]
                    .spacing(6)
                    .align_y(Alignment::Center),
                );
            }
            page = page.push(section);
        }
        page.into()
    }

    fn form(&self) -> Element<'_, Msg> {
        let mut col = column![].spacing(8);
        if self.editing.is_none() {
            col = col.push(
                row![
                    text("Rôle").color(theme::MUTED),
                    pick_list(ROLES, self.role, Msg::Role),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        match &self.chosen {
            Some((_, name)) => {
                col = col.push(widget::field("Personne", name.as_str()));
            }
            None => {
                col = col.push(widget::input(
                    "Chercher dans l'annuaire (deux lettres au moins)",
                    &self.search,
                    Msg::Search,
                    "governance-search",
                ));
                for c in &self.results {
                    col = col.push(
                        row![
                            text(c.name.as_str()).width(Length::Fill),
                            text(c.organisation.as_str()).size(13).color(theme::MUTED),
                            widget::small_button("Choisir", Msg::Choose(c.id, c.name.clone())),
                        ]
                        .spacing(8)
                        .align_y(Alignment::Center),
                    );
                }
                col = col
                    .push(widget::muted(tf!(
                        "… ou créez la personne dans l'annuaire :"
                    )))
                    .push(
                        row![
                            widget::input(
                                "Prénom",
                                &self.first_name,
                                Msg::FirstName,
                                "new-first-name"
                            ),
                            widget::input("Nom", &self.last_name, Msg::LastName, "new-last-name"),
                            widget::input(
                                "Structure",
                                &self.organisation,
                                Msg::Organisation,
                                "new-organisation"
                            ),
                            widget::input("Courriel", &self.email, Msg::Email, "new-email"),
                            widget::small_button("Créer", Msg::Create),
                        ]
                        .spacing(6)
                        .align_y(Alignment::Center),
                    );
            }
        }
        col = col.push(
            row![
                widget::input(
                    "Désigné·e le (jj/mm/aaaa)",
                    &self.since,
                    Msg::Since,
                    "designation-since"
                ),
                widget::input(
                    "Mode de désignation",
                    &self.mode,
                    Msg::Mode,
                    "designation-mode"
                ),
                widget::input(
                    "Jusqu'au (facultatif)",
                    &self.until,
                    Msg::Until,
                    "designation-until"
                ),
            ]
            .spacing(8),
        );
        col = col.push(
            row![
                button(text(if self.editing.is_some() {
                    "Enregistrer la désignation"
                } else {
                    "Désigner"
                }))
                .on_press(Msg::Save),
                widget::small_button("Annuler", Msg::Cancel),
            ]
            .spacing(8),
        );
        widget::section(
            if self.editing.is_some() {
                "Modifier la désignation"
            } else {
                "Nouvelle désignation"
            },
            col,
        )
    }
}
