//! The Vivier tab: a convention's volunteer pools with their source and their counts
//! per value; a new pool read from a CSV file (identity columns left out) or built from
//! the contacts who answered yes to a campaign; the pool and quotas exported for
//! `agora draw`; the volunteers not drawn purged at the end of the convention.

use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{column, pick_list, row, text};
use iced::{Element, Length, Task};

use super::Loaded;
use crate::domain::codes::PoolSource;
use crate::domain::sortition::Volunteer;
use crate::domain::text as fr;
use crate::export::Document;
use crate::import::sortition as files;
use crate::store::Store;
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, describe};
use crate::ui::save_dialog;
use crate::ui::{theme, widget};

/// A file read and checked, waiting to become a pool.
#[derive(Debug, Clone)]
struct Preview {
    file: String,
    volunteers: Vec<Volunteer>,
    dropped: Vec<String>,
}

/// The tab's state.
#[derive(Debug, Default)]
pub struct State {
    path: String,
    source: Option<PoolSource>,
    description: String,
    campaign: Option<i64>,
    preview: Option<Preview>,
    error: Option<String>,
    imported: bool,
    confirm_purge: bool,
}

/// The tab's messages.
#[derive(Debug, Clone)]
pub enum Msg {
    Path(String),
    Browse,
    Browsed(Option<PathBuf>),
    Read,
    Source(Choice<PoolSource>),
    Description(String),
    Import,
    Campaign(Choice<i64>),
    FromCampaign,
    Export(Document),
    Purge,
    ConfirmPurge(bool),
}

fn sources() -> Vec<Choice<PoolSource>> {
    [
        PoolSource::RandomInvitation,
        PoolSource::ElectoralList,
        PoolSource::OpenCall,
    ]
    .into_iter()
    .map(|s| Choice::new(s, s.label()))
    .collect()
}

impl State {
    /// Whether the last message created a pool (the panel then moves to the quotas).
    pub fn just_imported(&self) -> bool {
        self.imported
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        loaded: &Loaded,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        self.imported = false;
        match msg {
            Msg::Path(p) => self.path = p,
            Msg::Browse => {
                return (
                    Task::perform(
                        save_dialog::open_csv("Choisir le fichier du vivier"),
                        Msg::Browsed,
                    ),
                    None,
                );
            }
            Msg::Browsed(Some(p)) => {
                self.path = p.display().to_string();
                return self.update(Msg::Read, store, loaded, today);
            }
            Msg::Browsed(None) => {}
            Msg::Read => self.read(),
            Msg::Source(c) => self.source = Some(c.value),
            Msg::Description(d) => self.description = d,
            Msg::Import => return (Task::none(), self.import(store, loaded)),
            Msg::Campaign(c) => self.campaign = Some(c.value),
            Msg::FromCampaign => return (Task::none(), self.pool_from_campaign(store, loaded)),
            Msg::Export(document) => return (Task::none(), Some(Event::Export(document))),
            Msg::Purge => self.confirm_purge = true,
            Msg::ConfirmPurge(false) => self.confirm_purge = false,
            Msg::ConfirmPurge(true) => {
                self.confirm_purge = false;
                let Some(pool) = loaded.pool() else {
                    return (Task::none(), None);
                };
                return match store.purge_pool(pool.id, today) {
                    Ok(n) => (
                        Task::none(),
                        Some(Event::Saved(tf!(
                            "Vivier purgé : {} volontaires non tirés supprimés. Le portefeuille publié garde le tirage vérifiable.",
                            fr::integer(n as i64)
                        ))),
                    ),
                    Err(e) => {
                        self.error = Some(describe(&e));
                        (Task::none(), None)
                    }
                };
            }
        }
        (Task::none(), None)
    }

    /// Reads the named file into a preview, identity columns left out.
    fn read(&mut self) {
        self.preview = None;
        match super::read_file(&self.path) {
            Err(e) => self.error = Some(e),
            Ok((file, bytes)) => match files::read_pool(&bytes) {
                Err(e) => self.error = Some(describe(&e)),
                Ok(volunteers) => {
                    let (volunteers, dropped) = files::without_identities(volunteers);
                    self.error = None;
                    self.preview = Some(Preview {
                        file,
                        volunteers,
                        dropped,
                    });
                }
            },
        }
    }

    /// Creates the pool from the previewed file.
    fn import(&mut self, store: &mut Store, loaded: &Loaded) -> Option<Event> {
        let p = self.preview.as_ref()?;
        let Some(source) = self.source else {
            self.error = Some(describe(
                &"Indiquez la source du vivier : elle figure au procès-verbal.",
            ));
            return None;
        };
        let description = if self.description.trim().is_empty() {
            tf!("Importé de « {} »", p.file)
        } else {
            self.description.trim().to_string()
        };
        match store.import_pool(loaded.convention, source, &description, &p.volunteers) {
            Ok(_) => {
                let n = p.volunteers.len();
                *self = State {
                    imported: true,
                    ..State::default()
                };
                Some(Event::Saved(tf!(
                    "Vivier créé : {} volontaires. Fixez maintenant les quotas.",
                    fr::integer(n as i64)
                )))
            }
            Err(e) => {
                self.error = Some(describe(&e));
                None
            }
        }
    }

    /// Creates the pool from the people who answered yes to a campaign.
    fn pool_from_campaign(&mut self, store: &mut Store, loaded: &Loaded) -> Option<Event> {
        let (Some(campaign), Some(source)) = (self.campaign, self.source) else {
            self.error = Some(tf!("Choisissez la campagne et la source du vivier."));
            return None;
        };
        let description = if self.description.trim().is_empty() {
            let name = loaded
                .campaigns
                .iter()
                .find(|c| c.id == campaign)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            tf!("Réponses positives à la campagne « {name} »")
        } else {
            self.description.trim().to_string()
        };
        match store.pool_from_campaign(loaded.convention, campaign, source, &description) {
            Ok(_) => {
                *self = State {
                    imported: true,
                    ..State::default()
                };
                Some(Event::Saved(describe(
                    &"Vivier créé depuis l'annuaire.".to_string(),
                )))
            }
            Err(e) => {
                self.error = Some(describe(&e));
                None
            }
        }
    }

    /// The tab.
    pub fn view<'a>(&'a self, l: &'a Loaded) -> Element<'a, Msg> {
        let mut page = column![].spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        page = page.push(self.current(l));
        page.push(self.new_pool(l)).into()
    }

    fn current<'a>(&'a self, l: &'a Loaded) -> Element<'a, Msg> {
        let Some(p) = l.pool() else {
            return widget::section(
                "Vivier",
                widget::muted(tf!(
                    "Aucun vivier pour cette convention : importez-en un ci-dessous."
                )),
            );
        };
        let mut body = column![
            widget::field(
                "Volontaires",
                tf!("{} — {}", fr::integer(p.size.into()), p.source.label())
            ),
            widget::field("Description", p.description.as_str()),
        ]
        .spacing(6);
        if l.households() > 0 {
            body = body.push(widget::field(
                "Foyers",
                tf!(
                    "{} foyers de plusieurs volontaires (colonne « foyer ») : la règle se choisit avec les quotas",
                    l.households()
                ),
            ));
        }
        if l.pools.len() > 1 {
            body = body.push(widget::muted(tf!(
                "{} viviers pour cette convention : le tirage utilise le plus récent (n° {}).",
                l.pools.len(),
                p.id
            )));
        }
        if let Some(on) = p.purged_on {
            body = body.push(widget::colored(
                tf!(
                    "Purgé le {} : seuls les volontaires tirés restent.",
                    fr::date_long(on)
                ),
                theme::MUTED,
            ));
        }
        let mut counts = row![].spacing(12);
        for criterion in l.criteria() {
            let mut c = column![text(criterion.clone()).font(widget::bold())].spacing(2);
            for value in l.values(&criterion) {
                c = c.push(text(tf!("{value} : {}", l.pool_count(&criterion, &value))).size(14));
            }
            counts = counts.push(c.width(Length::Fill));
        }
        body = body.push(counts);
        body = body.push(
            row![
                widget::small_button(
                    "Exporter le vivier (CSV)",
                    Msg::Export(Document::Pool(l.convention))
                ),
                widget::small_button(
                    "Exporter les quotas (CSV)",
                    Msg::Export(Document::Quotas(l.convention))
                ),
            ]
            .spacing(6),
        );
        body = body.push(widget::muted(tf!(
            "Au format de sortition-algorithms, pour « agora draw prepare » (voir le README)."
        )));
        if l.draw.is_some() && p.purged_on.is_none() {
            body = body.push(if self.confirm_purge {
                column![
                    widget::colored(
                        tf!("Supprimer les volontaires jamais tirés ? Le portefeuille publié (pseudonymes et valeurs) reste dans le dossier pour la vérification."),
                        theme::LATE
                    ),
                    row![
                        widget::small_button("Oui, purger le vivier", Msg::ConfirmPurge(true)),
                        widget::small_button("Annuler", Msg::ConfirmPurge(false)),
                    ]
                    .spacing(6)
                ]
                .spacing(6)
                .into()
            } else {
                Element::from(widget::small_button(
                    "Purger les volontaires non tirés (RGPD)…",
                    Msg::Purge,
                ))
            });
        }
        widget::section(tf!("Vivier n° {}", p.id), body)
    }

    fn new_pool<'a>(&'a self, l: &'a Loaded) -> Element<'a, Msg> {
        let choices = sources();
        let mut body = column![
            widget::muted(
                tf!("Un fichier CSV (Excel) : une colonne d'identifiants (id, identifiant ou pseudonyme), puis une colonne par critère. Les colonnes d'identité (nom, courriel, adresse…) sont écartées : elles restent dans l'annuaire.")
            ),
            row![
                widget::input("Chemin du fichier CSV", &self.path, Msg::Path, "pool-path"),
                widget::small_button("Parcourir…", Msg::Browse),
                widget::small_button("Lire le fichier", Msg::Read),
            ]
            .spacing(6)
            .align_y(iced::Alignment::Center),
            row![
                text("Source").width(Length::Fixed(120.0)),
                pick_list(
                    choices.clone(),
                    self.source.and_then(|s| selected(&choices, &s)),
                    Msg::Source
                )
                .placeholder("Choisir la source du vivier"),
            ]
            .spacing(6)
            .align_y(iced::Alignment::Center),
            widget::input(
                "Description (par exemple\u{a0}: réponses aux 8 000 invitations de septembre)",
                &self.description,
                Msg::Description,
                "pool-description"
            ),
        ]
        .spacing(8);
        if let Some(p) = &self.preview {
            body = body.push(text(tf!(
                "« {} » : {} volontaires, critères : {}.",
                p.file,
                fr::integer(p.volunteers.len() as i64),
                p.volunteers
                    .first()
                    .map(|v| v
                        .attributes
                        .iter()
                        .map(|(c, _)| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", "))
                    .unwrap_or_default()
            )));
            if !p.dropped.is_empty() {
                body = body.push(widget::colored(
                    tf!("Colonnes d'identité écartées : {}.", p.dropped.join(", ")),
                    theme::MUTED,
                ));
            }
            body = body.push(widget::small_button("Créer le vivier", Msg::Import));
        }
        let campaigns: Vec<Choice<i64>> = l
            .campaigns
            .iter()
            .filter(|c| c.convention.is_none_or(|id| id == l.convention))
            .map(|c| Choice::new(c.id, tf!("{} ({} destinataires)", c.name, c.recipients)))
            .collect();
        let from_directory = column![
            widget::muted(
                tf!("Ou depuis l'annuaire : les contacts qui ont répondu oui à une campagne, avec leur genre, âge, secteur, CSP et diplôme.")
            ),
            row![
                pick_list(
                    campaigns.clone(),
                    self.campaign.and_then(|c| selected(&campaigns, &c)),
                    Msg::Campaign
                )
                .placeholder("Choisir une campagne"),
                widget::small_button("Créer le vivier depuis la campagne", Msg::FromCampaign),
            ]
            .spacing(6)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(6);
        widget::section("Nouveau vivier", column![body, from_directory].spacing(14))
    }
}
