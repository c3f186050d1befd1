//! The Doublons screen of the Contacts panel: pairs of contacts that look like one
//! (same email, same names with the same phone or postal code, same structure name),
//! each merged in one click into the record to keep, every link kept.

use iced::widget::{column, row, scrollable, text};
use iced::{Element, Length, Task};

use super::{Event, describe};
use crate::domain::ids::ContactId;
use crate::store::{DuplicatePair, Store};
use crate::ui::{theme, widget};

/// How many pairs the screen lists at once; merging brings the next ones.
const SHOWN: u32 = 100;

/// The screen's state.
#[derive(Debug, Default)]
pub struct Duplicates {
    pairs: Vec<DuplicatePair>,
    error: Option<String>,
}

/// Its messages.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Merge the second contact into the first.
    Merge {
        keep: ContactId,
        other: ContactId,
    },
    /// The two are different people: stop proposing them.
    Distinct(ContactId, ContactId),
    Open(ContactId),
}

impl Duplicates {
    /// Finds the pairs.
    pub fn load(store: &Store) -> Duplicates {
        let mut d = Duplicates::default();
        d.reload(store);
        d
    }

    fn reload(&mut self, store: &Store) {
        match store.duplicate_pairs(SHOWN) {
            Ok(p) => {
                self.pairs = p;
                self.error = None;
            }
            Err(e) => self.error = Some(describe(&e)),
        }
    }

    /// Handles a message (the panel contract; no task of its own).
    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        (Task::none(), self.apply(msg, store))
    }

    /// Handles a message.
    fn apply(&mut self, msg: Msg, store: &mut Store) -> Option<Event> {
        match msg {
            Msg::Open(id) => Some(Event::Open(super::Target::Contact(id))),
            Msg::Distinct(a, b) => match store.mark_distinct(a, b) {
                Ok(()) => {
                    self.reload(store);
                    Some(Event::Saved(
                        "Ces deux fiches ne seront plus proposées comme doublon.".into(),
                    ))
                }
                Err(e) => {
                    self.error = Some(describe(&e));
                    None
                }
            },
            Msg::Merge { keep, other } => {
                let names = self
                    .pairs
                    .iter()
                    .find(|p| {
                        (p.first, p.second) == (keep, other) || (p.first, p.second) == (other, keep)
                    })
                    .map(|p| {
                        if p.first == keep {
                            (p.first_name.clone(), p.second_name.clone())
                        } else {
                            (p.second_name.clone(), p.first_name.clone())
                        }
                    })
                    .unwrap_or_default();
                match store.merge_contacts(keep, other) {
                    Ok(()) => {
                        self.reload(store);
                        Some(Event::Saved(format!(
                            "Fiche « {} » fusionnée dans « {} » : consentements, participations et liens repris.",
                            names.1, names.0
                        )))
                    }
                    Err(e) => {
                        self.error = Some(describe(&e));
                        None
                    }
                }
            }
        }
    }

    /// The screen.
    pub fn view<'a>(&'a self) -> Element<'a, Msg> {
        let mut list = column![].spacing(6);
        if self.pairs.is_empty() {
            list = list.push(widget::muted(tf!(
                "Aucun doublon probable dans l'annuaire."
            )));
        }
        for p in &self.pairs {
            let side = |id: ContactId,
                        name: &'a str,
                        details: &'a str,
                        keep: Msg,
                        label: &'a str|
             -> Element<'a, Msg> {
                column![
                    widget::entry(text(format!("{name} (n° {id})")), false, Msg::Open(id)),
                    text(details).size(13).color(theme::MUTED),
                    widget::small_button(label, keep),
                ]
                .spacing(4)
                .width(Length::FillPortion(1))
                .into()
            };
            list = list.push(widget::section(
                p.reason,
                column![
                    row![
                        side(
                            p.first,
                            &p.first_name,
                            &p.first_details,
                            Msg::Merge {
                                keep: p.first,
                                other: p.second
                            },
                            "Garder la première fiche"
                        ),
                        side(
                            p.second,
                            &p.second_name,
                            &p.second_details,
                            Msg::Merge {
                                keep: p.second,
                                other: p.first
                            },
                            "Garder la seconde fiche"
                        ),
                    ]
                    .spacing(16),
                    widget::small_button(
                        "Deux personnes différentes",
                        Msg::Distinct(p.first, p.second)
                    ),
                ]
                .spacing(8),
            ));
        }
        let mut page = column![
            widget::title("Doublons probables"),
            widget::muted(
                "La fiche gardée est complétée par l'autre (champs vides, notes) et reprend \
                 ses consentements, participations, groupes, étiquettes et campagnes ; \
                 l'autre fiche disparaît. Une sauvegarde est faite avant chaque fusion."
            ),
        ]
        .spacing(10);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        if self.pairs.len() as u32 == SHOWN {
            page = page.push(widget::muted(format!(
                "Les {SHOWN} premières paires sont montrées ; les suivantes apparaissent au fil des fusions."
            )));
        }
        page.push(
            scrollable(list.padding(iced::Padding {
                right: 16.0,
                ..iced::Padding::ZERO
            }))
            .height(Length::Fill),
        )
        .into()
    }
}
