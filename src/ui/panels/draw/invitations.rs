//! The Invitations tab, the first stage: N rows drawn from an invitation list (an
//! address file, an electoral list extract, a directory export), optionally in
//! proportion to one of its columns such as the sector, recorded with the list's
//! SHA-256 and the seed, and exported for the mail merge.

use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::Loaded;
use crate::domain::text as fr;
use crate::export::Document;
use crate::import::invitation;
use crate::store::Store;
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, describe};
use crate::ui::save_dialog;
use crate::ui::{theme, widget};

/// The list read, before the sample.
#[derive(Debug, Clone)]
struct List {
    name: String,
    bytes: Vec<u8>,
    header: Vec<String>,
    rows: usize,
}

impl List {
    fn read(name: String, bytes: Vec<u8>) -> Result<List, String> {
        let (header, rows) = invitation::read_list(&bytes).map_err(|e| e.to_string())?;
        Ok(List {
            name,
            bytes,
            header,
            rows: rows.len(),
        })
    }
}

/// The tab's state.
#[derive(Debug, Default)]
pub struct State {
    path: String,
    list: Option<List>,
    size: String,
    stratum: Option<String>,
    seed: String,
    error: Option<String>,
}

/// The tab's messages.
#[derive(Debug, Clone)]
pub enum Msg {
    Path(String),
    Browse,
    Browsed(Option<PathBuf>),
    Read,
    Group(Choice<i64>),
    Size(String),
    Stratum(Choice<Option<String>>),
    Seed(String),
    Draw,
    Export(Document),
}

impl State {
    /// Handles a message.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        l: &Loaded,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        match msg {
            Msg::Path(p) => self.path = p,
            Msg::Browse => {
                return (
                    Task::perform(
                        save_dialog::open_csv("Choisir la liste d’invitation"),
                        Msg::Browsed,
                    ),
                    None,
                );
            }
            Msg::Browsed(Some(p)) => {
                self.path = p.display().to_string();
                return self.update(Msg::Read, store, l, today);
            }
            Msg::Browsed(None) => {}
            Msg::Read => {
                self.list = None;
                match super::read_file(&self.path).and_then(|(name, b)| List::read(name, b)) {
                    Ok(list) => {
                        self.error = None;
                        self.list = Some(list);
                    }
                    Err(e) => self.error = Some(describe(&e)),
                }
            }
            Msg::Group(g) => {
                self.list = None;
                match crate::export::selection_list(store, g.value)
                    .map_err(|e| e.to_string())
                    .and_then(|(name, bytes, left)| Ok((List::read(name, bytes)?, left)))
                {
                    Ok((list, left)) => {
                        self.error = (left > 0).then(|| {
                            tf!(
                                "{left} contact(s) de la sélection ne peuvent plus recevoir de courrier : ils sont laissés de côté."
                            )
                        });
                        self.list = Some(list);
                    }
                    Err(e) => self.error = Some(describe(&e)),
                }
            }
            Msg::Size(s) => self.size = s,
            Msg::Stratum(c) => self.stratum = c.value,
            Msg::Seed(s) => self.seed = s,
            Msg::Draw => {
                let Some(list) = &self.list else {
                    return (Task::none(), None);
                };
                let Ok(n) = self.size.trim().parse::<usize>() else {
                    self.error = Some(tf!(
                        "« {} » n'est pas un nombre d'invitations.",
                        self.size.trim()
                    ));
                    return (Task::none(), None);
                };
                let result = invitation::draw(
                    &list.name,
                    &list.bytes,
                    n,
                    self.stratum.as_deref(),
                    &self.seed,
                    today,
                )
                .map_err(|e| e.to_string())
                .and_then(|s| {
                    store
                        .record_invitation_sample(l.convention, &s)
                        .map(|_| s)
                        .map_err(|e| e.to_string())
                });
                match result {
                    Ok(s) => {
                        *self = State::default();
                        return (
                            Task::none(),
                            Some(Event::Saved(tf!(
                                "Échantillon tiré : {} invitations sur {} lignes. Exportez-le pour le publipostage.",
                                fr::integer(s.rows.len() as i64),
                                fr::integer(s.list_rows.into())
                            ))),
                        );
                    }
                    Err(e) => self.error = Some(describe(&e)),
                }
            }
            Msg::Export(document) => return (Task::none(), Some(Event::Export(document))),
        }
        (Task::none(), None)
    }

    /// The tab.
    pub fn view<'a>(&'a self, l: &'a Loaded) -> Element<'a, Msg> {
        let mut page = column![].spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        let mut form = column![
            widget::muted(
                tf!("Premier étage du tirage : les invitations partent vers un échantillon tiré au hasard dans une liste (adresses, extrait de liste électorale, export de l'annuaire). Le fichier CSV garde une ligne par foyer ou par personne.")
            ),
            row![
                widget::input("Chemin de la liste (CSV)", &self.path, Msg::Path, "invitation-path"),
                widget::small_button("Parcourir…", Msg::Browse),
                widget::small_button("Lire la liste", Msg::Read),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
            row![
                widget::muted(tf!("Ou une sélection de l'annuaire :")),
                pick_list(
                    crate::ui::choice::groups(&l.groups),
                    None::<Choice<i64>>,
                    Msg::Group
                )
                .placeholder("Choisir un groupe ou une sélection"),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        if let Some(list) = &self.list {
            let strata: Vec<Choice<Option<String>>> =
                std::iter::once(Choice::new(None, "— tirage simple, sans proportion —"))
                    .chain(
                        list.header
                            .iter()
                            .map(|h| Choice::new(Some(h.clone()), tf!("au prorata de « {h} »"))),
                    )
                    .collect();
            form = form.push(text(tf!(
                "« {} » : {} lignes ; colonnes : {}.",
                list.name,
                fr::integer(list.rows as i64),
                list.header.join(", ")
            )));
            form = form.push(
                row![
                    text("Invitations à tirer").width(Length::Fixed(180.0)),
                    text_input("1000", &self.size)
                        .id("invitation-size")
                        .on_input(Msg::Size)
                        .padding(6)
                        .width(Length::Fixed(100.0)),
                    pick_list(
                        strata.clone(),
                        selected(&strata, &self.stratum),
                        Msg::Stratum
                    ),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
            form = form.push(widget::input(
                "Graine (par exemple\u{a0}: invitations convention climat, 2 septembre 2026)",
                &self.seed,
                Msg::Seed,
                "invitation-seed",
            ));
            form = form.push(widget::small_button("Tirer l’échantillon", Msg::Draw));
        }
        page = page.push(widget::section("Tirer les invitations", form));
        let mut done = column![].spacing(10);
        if l.samples.is_empty() {
            done = done.push(widget::muted(
                "Aucun échantillon tiré pour cette convention.",
            ));
        }
        for s in &l.samples {
            let mut per = String::new();
            if let Some(col) = s.header.iter().position(|h| h == &s.stratum) {
                let mut values: Vec<&str> = s.rows.iter().map(|r| r[col].as_str()).collect();
                values.sort_unstable();
                let mut parts = Vec::new();
                for v in values.chunk_by(|a, b| a == b) {
                    parts.push(tf!("{} : {}", v[0], v.len()));
                }
                per = tf!(" ; {}", parts.join(", "));
            }
            done = done.push(
                column![
                    text(tf!(
                        "{} — {} invitations tirées sur {} lignes de « {} »",
                        fr::date_long(s.drawn_on),
                        fr::integer(s.rows.len() as i64),
                        fr::integer(s.list_rows.into()),
                        s.list_name
                    ))
                    .font(widget::bold()),
                    widget::muted(tf!(
                        "Graine « {} »{}{}",
                        s.seed,
                        if s.stratum.is_empty() {
                            String::new()
                        } else {
                            tf!(", au prorata de « {} »", s.stratum)
                        },
                        per
                    )),
                    widget::muted(tf!("Empreinte de la liste (SHA-256) : {}", s.list_sha256)),
                    widget::small_button(
                        "Exporter pour le publipostage (CSV)",
                        Msg::Export(Document::InvitationSample {
                            convention: l.convention,
                            sample: s.id,
                        })
                    ),
                ]
                .spacing(4),
            );
        }
        page.push(widget::section("Échantillons tirés", done))
            .into()
    }
}
