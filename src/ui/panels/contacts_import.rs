//! The directory's import screen: a CSV file from Excel read as it is, each column's
//! field guessed from its header and correctable, every wrong line named, probable
//! duplicates counted with the choice of skipping, merging or creating them, then the
//! whole file imported at once (after a backup) or nothing.

use std::path::PathBuf;

use iced::widget::{button, column, pick_list, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::Event;
use crate::import::contacts::{self, ContactFile, Field};
use crate::store::{Duplicates, Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::{theme, widget};

/// The import screen's state.
#[derive(Debug, Default)]
pub struct Import {
    path: String,
    file: Option<ContactFile>,
    duplicates: usize,
    policy: Option<Duplicates>,
    /// Closed, or imported: the directory takes its place again.
    finished: bool,
}

/// Its messages.
#[derive(Debug, Clone)]
pub enum Msg {
    Path(String),
    Choose,
    Chosen(Option<PathBuf>),
    Read,
    Map(usize, Choice<Option<Field>>),
    Policy(Choice<Duplicates>),
    Apply,
    Cancel,
}

fn policies() -> Vec<Choice<Duplicates>> {
    vec![
        Choice::new(Duplicates::Skip, "Laisser les doublons de côté"),
        Choice::new(Duplicates::Merge, "Compléter les fiches existantes"),
        Choice::new(Duplicates::Create, "Créer quand même de nouvelles fiches"),
    ]
}

fn fields() -> Vec<Choice<Option<Field>>> {
    std::iter::once(Choice::new(None, "— colonne ignorée —"))
        .chain(Field::ALL.iter().map(|f| Choice::new(Some(*f), f.label())))
        .collect()
}

impl Import {
    /// Handles a message; an import done is said with `Event::Saved`.
    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        let result = match msg {
            Msg::Path(p) => {
                self.path = p;
                Ok(None)
            }
            Msg::Choose => {
                let choose = crate::ui::save_dialog::open_csv("Choisir le fichier de contacts");
                return (Task::perform(choose, Msg::Chosen), None);
            }
            Msg::Chosen(Some(p)) => {
                self.path = p.display().to_string();
                self.read(store).map(|_| None)
            }
            Msg::Chosen(None) => Ok(None),
            Msg::Read => self.read(store).map(|_| None),
            Msg::Map(i, c) => {
                if let Some(f) = self.file.as_mut() {
                    let mut mapping = f.mapping.clone();
                    if let Some(slot) = mapping.get_mut(i) {
                        *slot = c.value;
                    }
                    contacts::remap(f, mapping);
                }
                self.count_duplicates(store).map(|_| None)
            }
            Msg::Policy(c) => {
                self.policy = Some(c.value);
                Ok(None)
            }
            Msg::Apply => self.apply(store),
            Msg::Cancel => {
                self.finished = true;
                Ok(None)
            }
        };
        (Task::none(), super::outcome(result))
    }

    /// Whether the screen is done with (closed, or the file imported).
    pub fn finished(&self) -> bool {
        self.finished
    }

    fn apply(&mut self, store: &mut Store) -> Result<Option<String>, StoreError> {
        let Some(f) = &self.file else {
            return Ok(None);
        };
        let name = std::path::Path::new(&self.path)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let r = store.import_contacts(f, self.policy.unwrap_or_default(), &name)?;
        self.finished = true;
        Ok(Some(format!(
            "Import terminé : {} contact(s) créé(s), {} fiche(s) complétée(s), {} doublon(s) laissé(s) de côté, {} consentement(s).",
            r.created, r.merged, r.skipped, r.consents
        )))
    }

    fn read(&mut self, store: &Store) -> Result<(), StoreError> {
        let file = match crate::files::read_named(&self.path) {
            Ok(bytes) => contacts::read(&bytes, chrono::Local::now().date_naive()),
            Err(why) => ContactFile {
                errors: vec![why],
                ..ContactFile::default()
            },
        };
        self.file = Some(file);
        self.count_duplicates(store)
    }

    fn count_duplicates(&mut self, store: &Store) -> Result<(), StoreError> {
        self.duplicates = match &self.file {
            Some(f) if f.errors.is_empty() => store.import_duplicates(f.rows())?.len(),
            _ => 0,
        };
        Ok(())
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Msg> {
        let mut page = column![
            widget::title("Importer des contacts"),
            widget::muted(
                "Un fichier CSV tel qu’Excel l’enregistre (UTF-8 ou Windows-1252, séparateur ; , ou tabulation). \
                 Il n’est importé que s’il n’a plus aucune erreur, et une sauvegarde est faite avant."
            ),
            row![
                text_input("Chemin du fichier CSV", &self.path)
                    .id("import-path")
                    .on_input(Msg::Path)
                    .padding(6)
                    .width(Length::Fill),
                widget::small_button("Choisir un fichier…", Msg::Choose),
                widget::small_button("Lire le fichier", Msg::Read),
                widget::small_button("Fermer", Msg::Cancel),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(10);
        let Some(f) = &self.file else {
            return page.into();
        };
        if !f.header.is_empty() {
            let choices = fields();
            let mut mapping = column![widget::header_row(&[
                ("Colonne du fichier", 3),
                ("Champ de l’annuaire", 3),
                ("Premières valeurs", 4),
            ])]
            .spacing(4);
            for (i, h) in f.header.iter().enumerate() {
                let sample = f
                    .records
                    .iter()
                    .take(3)
                    .filter_map(|r| r.get(i))
                    .collect::<Vec<_>>()
                    .join(" · ");
                let current = f.mapping.get(i).copied().flatten();
                mapping = mapping.push(
                    row![
                        text(h.as_str()).width(Length::FillPortion(3)),
                        pick_list(choices.clone(), selected(&choices, &current), move |c| {
                            Msg::Map(i, c)
                        })
                        .text_size(13)
                        .width(Length::FillPortion(3)),
                        text(sample)
                            .size(12)
                            .color(theme::MUTED)
                            .width(Length::FillPortion(4)),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                );
            }
            page = page.push(widget::section("Correspondance des colonnes", mapping));
        }
        let mut report = column![widget::muted(format!(
            "{} ligne(s) lisibles, {} en erreur, {} doublon(s) probable(s) (dans l’annuaire ou plus haut dans le fichier).",
            f.good_rows,
            f.errors.len(),
            self.duplicates
        ))]
        .spacing(4);
        for e in f.errors.iter().take(200) {
            report = report.push(widget::colored(
                crate::domain::text::typography(e),
                theme::LATE,
            ));
        }
        if f.errors.len() > 200 {
            report = report.push(widget::muted(format!(
                "… et {} autre(s) erreur(s).",
                f.errors.len() - 200
            )));
        }
        let choices = policies();
        let chosen = selected(&choices, &self.policy.unwrap_or_default());
        report = report.push(
            row![
                pick_list(choices, chosen, Msg::Policy),
                if f.is_clean() {
                    Element::from(
                        button(text(format!("Importer {} contact(s)", f.good_rows)))
                            .on_press(Msg::Apply),
                    )
                } else {
                    widget::colored(
                        "Corrigez le fichier ou la correspondance : rien n’est importé tant qu’une ligne est fausse.",
                        theme::LATE,
                    )
                },
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        );
        page.push(widget::section("Vérification", report)).into()
    }
}

/// The import screen, scrolled.
pub fn screen(i: &Import) -> Element<'_, Msg> {
    scrollable(iced::widget::container(i.view()).padding(widget::GUTTER))
        .height(Length::Fill)
        .into()
}
