//! The Paramètres panel: the names printed on every document, the logo of the covers
//! (`logo`), the interpellation's thresholds and delays (`interpellation_rules`),
//! where the data and the
//! backups live, the backup policy, a backup on demand, encryption at rest and its
//! recovery key, and "about".

use iced::widget::{button, column, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use super::Event;
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{self, Settings, Store};
use crate::ui::{theme, widget};

/// The panel's state: the form and what is on disk.
pub struct State {
    saved: Settings,
    organisation: String,
    mission: String,
    retention_years: String,
    /// The rotation's three counts as typed: days, weeks, months.
    rotation: [String; 3],
    db: String,
    /// Whether the store is encrypted.
    encrypted: bool,
    backup_dir: String,
    backups: Vec<String>,
    error: Option<String>,
    /// A new passphrase, typed twice, to encrypt the store.
    phrase: [String; 2],
    logo: super::logo::State,
    rules: super::interpellation_rules::State,
    files: super::attachments_summary::State,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    Organisation(String),
    Mission(String),
    RetentionYears(String),
    /// One of the rotation's counts: 0 days, 1 weeks, 2 months.
    Rotation(usize, String),
    SaveRotation,
    /// One of the two new passphrase fields.
    Phrase(usize, String),
    Encrypt,
    ExportRecoveryKey,
    Save,
    SaveRetention,
    ApplyRetention,
    BackupNow,
    Logo(super::logo::Msg),
    Rules(super::interpellation_rules::Msg),
    Files(super::attachments_summary::Msg),
}

impl State {
    /// Loads the settings.
    pub fn new(store: &Store) -> State {
        let saved = store.settings().unwrap_or_default();
        let mut s = State {
            organisation: saved.organisation.clone(),
            mission: saved.mission.clone(),
            retention_years: saved.retention_years.to_string(),
            rotation: rotation_fields(saved.rotation),
            saved,
            db: store.path().display().to_string(),
            encrypted: store.key().is_some(),
            backup_dir: store.backup_dir().display().to_string(),
            backups: Vec::new(),
            error: None,
            phrase: Default::default(),
            logo: super::logo::State::new(store),
            rules: super::interpellation_rules::State::new(store),
            files: super::attachments_summary::State::new(store),
        };
        s.reload(store);
        s
    }

    /// The settings as stored.
    pub fn saved(&self) -> &Settings {
        &self.saved
    }

    /// Re-reads the stored settings and the backups on disk; edits in progress stay.
    pub fn reload(&mut self, store: &Store) {
        self.encrypted = store.key().is_some();
        self.files.reload(store);
        match store.settings() {
            Ok(saved) => self.saved = saved,
            Err(e) => self.error = Some(super::describe(&e)),
        }
        match store::backup::list_backups(&store.backup_dir()) {
            Ok(list) => {
                self.backups = list
                    .iter()
                    .rev()
                    .map(|(t, p)| {
                        format!(
                            "{} {} — {}",
                            fr::date_short(t.date()),
                            t.format("%H:%M"),
                            p.file_name().unwrap_or_default().to_string_lossy()
                        )
                    })
                    .collect()
            }
            Err(e) => self.error = Some(super::describe(&e)),
        }
    }

    /// Handles a message (the panel contract; no task of its own).
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
    ) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Logo(m) => {
                let (task, event) = self.logo.update(m, store);
                (task.map(Message::Logo), event)
            }
            Message::Rules(m) => {
                let (task, event) = self.rules.update(m, store);
                (task.map(Message::Rules), event)
            }
            Message::Files(m) => {
                let (task, event) = self.files.update(m, store);
                (task.map(Message::Files), event)
            }
            other => (Task::none(), self.apply(other, store)),
        }
    }

    /// Handles a message.
    fn apply(&mut self, message: Message, store: &mut Store) -> Option<Event> {
        match message {
            // Handled by `update`.
            Message::Logo(_) | Message::Rules(_) | Message::Files(_) => {}
            Message::Organisation(s) => self.organisation = s,
            Message::Mission(s) => self.mission = s,
            Message::RetentionYears(s) => self.retention_years = s,
            Message::Phrase(i, s) => {
                if let Some(field) = self.phrase.get_mut(i) {
                    *field = s;
                }
            }
            Message::Rotation(i, s) => {
                if let Some(field) = self.rotation.get_mut(i) {
                    *field = s;
                }
            }
            Message::Save => return self.save_names(store),
            Message::Encrypt => return self.encrypt(store),
            Message::ExportRecoveryKey => return Some(Event::Export(Document::RecoveryKey)),
            Message::SaveRotation => return self.save_rotation(store),
            Message::SaveRetention => return self.save_retention(store),
            Message::ApplyRetention => {
                return match store.apply_retention_policy() {
                    Ok(changed) => Some(Event::Saved(format!(
                        "{changed} date(s) de réexamen recalculée(s)."
                    ))),
                    Err(e) => Some(Event::Notice(super::describe(&e))),
                };
            }
            Message::BackupNow => {
                return match store.backup_now("manuelle") {
                    Ok(path) => {
                        self.reload(store);
                        Some(Event::Notice(super::describe(&format!(
                            "Sauvegarde vérifiée : {}",
                            path.display()
                        ))))
                    }
                    Err(e) => Some(Event::Notice(super::describe(&e))),
                };
            }
        }
        None
    }

    /// Saves changed settings and says `notice`; a refusal shows in the panel.
    fn store_settings(
        &mut self,
        store: &mut Store,
        change: impl FnOnce(Settings) -> Settings,
        notice: impl FnOnce(&mut Store) -> Result<Event, store::StoreError>,
    ) -> Option<Event> {
        let saved = store.settings().and_then(|stored| {
            let new = change(stored);
            store.save_settings(&new)?;
            Ok(new)
        });
        match saved.and_then(|new| Ok((new, notice(store)?))) {
            Ok((new, event)) => {
                self.saved = new;
                self.error = None;
                Some(event)
            }
            Err(e) => {
                self.error = Some(super::describe(&e));
                None
            }
        }
    }

    fn save_names(&mut self, store: &mut Store) -> Option<Event> {
        let (organisation, mission) = (self.organisation.clone(), self.mission.clone());
        self.store_settings(
            store,
            |stored| Settings {
                organisation,
                mission,
                ..stored
            },
            |_| {
                Ok(Event::Notice(
                    "Paramètres enregistrés : ils figureront sur les prochains documents.".into(),
                ))
            },
        )
    }

    fn save_rotation(&mut self, store: &mut Store) -> Option<Event> {
        let mut counts = [0u32; 3];
        for (count, typed) in counts.iter_mut().zip(&self.rotation) {
            match typed.trim().parse::<u32>() {
                Ok(n) => *count = n,
                Err(_) => {
                    self.error = Some(tf!(
                        "Conservation des sauvegardes : « {} » n’est pas un nombre entier.",
                        typed.trim()
                    ));
                    return None;
                }
            }
        }
        let rotation = store::backup::RotationPolicy {
            daily: counts[0],
            weekly: counts[1],
            monthly: counts[2],
        };
        self.store_settings(
            store,
            |stored| Settings { rotation, ..stored },
            |_| {
                Ok(Event::Notice(
                    "Conservation des sauvegardes enregistrée : elle s’applique à la prochaine sauvegarde.".into(),
                ))
            },
        )
    }

    fn save_retention(&mut self, store: &mut Store) -> Option<Event> {
        let Ok(years) = self.retention_years.trim().parse::<u32>() else {
            self.error = Some(format!(
                "Durée de conservation « {} » : un nombre d'années est attendu.",
                self.retention_years.trim()
            ));
            return None;
        };
        self.store_settings(
            store,
            |stored| Settings {
                retention_years: years,
                ..stored
            },
            |store| {
                let changed = store.apply_retention_policy()?;
                Ok(Event::Saved(format!(
                    "Durée de conservation enregistrée : {years} an(s). {changed} date(s) de réexamen recalculée(s)."
                )))
            },
        )
    }

    fn encrypt(&mut self, store: &mut Store) -> Option<Event> {
        let [first, again] = std::mem::take(&mut self.phrase);
        let done = if first != again {
            Err(store::StoreError::PhrasesDiffer)
        } else {
            store.encrypt(&first)
        };
        match done {
            Ok(()) => {
                self.error = None;
                self.reload(store);
                Some(Event::Notice(fr::typography(
                    "Base chiffrée : ses prochaines sauvegardes le seront aussi. Exportez maintenant la clé de secours et imprimez-la : une phrase de passe perdue ne peut pas être retrouvée. Les sauvegardes antérieures ne sont pas chiffrées : supprimez-les du dossier des sauvegardes quand vous n’en aurez plus besoin.",
                )))
            }
            Err(e) => {
                self.error = Some(super::describe(&e));
                None
            }
        }
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let about = column![
            widget::field("Version", env!("CARGO_PKG_VERSION")),
            widget::field("Licence", "EUPL 1.2"),
            widget::field("Police", "DejaVu Sans (licence libre Bitstream Vera / DejaVu)"),
            widget::muted(tf!("Agora fonctionne hors ligne : aucune donnée ne quitte cet ordinateur sans un export explicite, consigné dans le journal des exports.")),
        ]
        .spacing(6);
        let mut page = column![widget::title("Paramètres")].spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        page.push(scrollable(
            column![
                widget::section("Organisation", self.names()),
                widget::section("Logo", self.logo.view().map(Message::Logo)),
                widget::section("Données personnelles", self.retention()),
                widget::section(
                    "Interpellation citoyenne",
                    self.rules.view().map(Message::Rules)
                ),
                widget::section("Données et sauvegardes", self.backups()),
                widget::section("Pièces jointes", self.files.view().map(Message::Files)),
                widget::section("Chiffrement", self.encryption()),
                widget::section("À propos", about)
            ]
            .spacing(12)
            .padding(widget::GUTTER),
        ))
        .into()
    }

    /// The names printed on every document.
    fn names(&self) -> Element<'_, Message> {
        let dirty =
            self.organisation != self.saved.organisation || self.mission != self.saved.mission;
        let mut names = column![
            widget::muted("Imprimé en tête de chaque document."),
            row![
                text("Organisation").width(Length::Fixed(160.0)),
                text_input("Ville de Grenoble", &self.organisation)
                    .id("settings-organisation")
                    .on_input(Message::Organisation)
                    .padding(6)
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
            row![
                text("Mission").width(Length::Fixed(160.0)),
                text_input("Mission Démocratie locale", &self.mission)
                    .on_input(Message::Mission)
                    .padding(6)
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
            widget::muted(format!(
                "En-tête : {} — {}",
                self.organisation.trim(),
                self.mission.trim()
            )),
        ]
        .spacing(8);
        if self.organisation.trim().is_empty() {
            names = names.push(widget::colored(
                "Le nom de l'organisation est obligatoire.",
                theme::LATE,
            ));
        }
        let ready = dirty && !self.organisation.trim().is_empty();
        names
            .push(button(text("Enregistrer")).on_press_maybe(ready.then_some(Message::Save)))
            .into()
    }

    /// Where the data and the backups are, which backups are kept, a backup now.
    fn backups(&self) -> Element<'_, Message> {
        let rotation_dirty = self.rotation != rotation_fields(self.saved.rotation);
        let mut counts = row![text("Garder aussi la plus récente des")]
            .spacing(8)
            .align_y(iced::Alignment::Center);
        for (i, unit) in ["derniers jours,", "dernières semaines,", "derniers mois"]
            .into_iter()
            .enumerate()
        {
            counts = counts.push(
                text_input("0", &self.rotation[i])
                    .id(format!("settings-rotation-{i}"))
                    .on_input(move |s| Message::Rotation(i, s))
                    .padding(6)
                    .width(Length::Fixed(60.0)),
            );
            counts = counts.push(text(unit));
        }
        let mut backups = column![
            widget::field("Base de données", self.db.as_str()),
            widget::field("Dossier des sauvegardes", self.backup_dir.as_str()),
            widget::muted(fr::typography(
                "Une sauvegarde vérifiée est faite à la fermeture si quelque chose a changé, avant toute mise à jour du schéma, avant un import, une fusion, une anonymisation, une restauration ou une suppression en masse. Toutes les sauvegardes des dernières 48 heures sont gardées ; celles faites à la main ou avant une opération, au moins 30 jours."
            )),
            counts,
            row![
                button(text("Enregistrer la conservation"))
                    .on_press_maybe(rotation_dirty.then_some(Message::SaveRotation)),
                button(text("Sauvegarder maintenant")).on_press(Message::BackupNow),
            ]
            .spacing(10),
        ]
        .spacing(8);
        for b in self.backups.iter().take(8) {
            backups = backups.push(text(b.as_str()).size(13));
        }
        backups.into()
    }

    /// How long a contact's data is kept before it is reviewed.
    fn retention(&self) -> Element<'_, Message> {
        let years_dirty = self.retention_years.trim() != self.saved.retention_years.to_string();
        column![
            widget::muted(
                "La date de réexamen d'un contact est calculée à partir de sa dernière participation \
                 (inscription, consentement, réunion, rôle dans une convention). Une date saisie sur \
                 la fiche est conservée telle quelle ; une date effacée redevient calculée."
            ),
            row![
                text("Réexaminer après (années)").width(Length::Fixed(220.0)),
                text_input("3", &self.retention_years)
                    .id("settings-retention")
                    .on_input(Message::RetentionYears)
                    .padding(6)
                    .width(Length::Fixed(80.0)),
                button(text("Enregistrer la durée"))
                    .on_press_maybe(years_dirty.then_some(Message::SaveRetention)),
                button(text("Recalculer les dates")).on_press(Message::ApplyRetention),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(8)
        .into()
    }

    /// Encrypted: the recovery key; encryptable: the passphrase form; else why not.
    fn encryption(&self) -> Element<'_, Message> {
        if self.encrypted {
            return column![
                widget::muted(fr::typography(
                    "La base et ses sauvegardes sont chiffrées (SQLCipher, clé tirée de la phrase de passe par Argon2id). Une phrase de passe perdue ne peut pas être retrouvée : seule la clé de secours imprimée ouvre la base à sa place."
                )),
                button(text("Exporter la clé de secours (à imprimer)"))
                    .on_press(Message::ExportRecoveryKey),
            ]
            .spacing(8)
            .into();
        }
        if !cfg!(feature = "chiffrement") {
            return column![widget::muted(fr::typography(
                "Cette version d’Agora est construite sans le chiffrement de la base (option « chiffrement »)."
            ))]
            .spacing(8)
            .into();
        }
        let ready = self.phrase[0].chars().count() >= store::cipher::MIN_PHRASE
            && self.phrase[0] == self.phrase[1];
        let mut form = column![widget::muted(tf!(
            "Sur un ordinateur portable, chiffrez la base : sans la phrase de passe, personne ne lit les données des habitants. Elle sera demandée à chaque ouverture ; au moins {} caractères. Une phrase perdue ne peut pas être retrouvée : vous exporterez ensuite une clé de secours à imprimer.",
            store::cipher::MIN_PHRASE
        ))]
        .spacing(8);
        for (i, label) in ["Phrase de passe", "La même, une seconde fois"]
            .into_iter()
            .enumerate()
        {
            form = form.push(
                row![
                    text(label).width(Length::Fixed(220.0)),
                    text_input("", &self.phrase[i])
                        .id(format!("settings-phrase-{i}"))
                        .secure(true)
                        .on_input(move |s| Message::Phrase(i, s))
                        .padding(6)
                        .width(Length::Fixed(320.0)),
                ]
                .spacing(10)
                .align_y(iced::Alignment::Center),
            );
        }
        if !self.phrase[1].is_empty() && self.phrase[0] != self.phrase[1] {
            form = form.push(widget::colored("Les deux phrases diffèrent.", theme::LATE));
        }
        form.push(
            button(text("Chiffrer la base")).on_press_maybe(ready.then_some(Message::Encrypt)),
        )
        .into()
    }
}

/// The rotation's counts as the form shows them.
fn rotation_fields(r: store::backup::RotationPolicy) -> [String; 3] {
    [r.daily, r.weekly, r.monthly].map(|n| n.to_string())
}
