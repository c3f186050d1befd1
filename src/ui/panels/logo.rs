//! The organisation's logo, in the Paramètres panel: chosen from a file (the system's
//! dialog, or a path typed when none can open), checked, kept in the store, printed on
//! the cover of dossiers and reports; or removed.

use std::path::PathBuf;

use iced::widget::{button, column, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::{Event, outcome};
use crate::store::Store;
use crate::ui::widget;

#[derive(Debug, Clone)]
pub enum Msg {
    Path(String),
    Choose,
    Chosen(Option<PathBuf>),
    Save,
    Remove,
}

/// The logo kept, and the file being chosen.
#[derive(Default)]
pub struct State {
    /// The kept logo's file name and size in Ko.
    kept: Option<(String, usize)>,
    path: String,
    error: Option<String>,
}

impl State {
    pub fn new(store: &Store) -> State {
        let mut s = State::default();
        s.reload(store);
        s
    }

    pub fn reload(&mut self, store: &Store) {
        match store.logo() {
            Ok(l) => self.kept = l.map(|l| (l.name, l.bytes.len().div_ceil(1024))),
            Err(e) => self.error = Some(super::describe(&e)),
        }
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        self.error = None;
        let event = match msg {
            Msg::Path(p) => {
                self.path = p;
                None
            }
            Msg::Choose => {
                return (
                    Task::perform(crate::ui::save_dialog::open_image(), Msg::Chosen),
                    None,
                );
            }
            Msg::Chosen(p) => {
                if let Some(p) = p {
                    self.path = p.display().to_string();
                }
                None
            }
            Msg::Save => self.save(store),
            Msg::Remove => outcome(
                store
                    .remove_logo()
                    .map(|_| Some("Logo retiré : les couvertures n’en montrent plus.".into())),
            ),
        };
        self.reload(store);
        (Task::none(), event)
    }

    /// Reads, checks and keeps the file whose path is typed.
    fn save(&mut self, store: &mut Store) -> Option<Event> {
        let path = PathBuf::from(self.path.trim());
        let bytes = match crate::files::read_named(&self.path) {
            Ok(b) => b,
            Err(why) => {
                self.error = Some(crate::domain::text::typography(&why));
                return None;
            }
        };
        if let Err(e) = crate::domain::logo::check(&bytes) {
            self.error = Some(tf!("{e}"));
            return None;
        }
        if let Err(e) = crate::report::layout::logo_size(&bytes) {
            self.error = Some(tf!(
                "Cette image ne se lit pas ({e}) : enregistrez-la de nouveau en PNG."
            ));
            return None;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.path.clear();
        outcome(store.set_logo(&name, &bytes).map(|_| {
            Some(tf!("Logo « {name} » enregistré : il figure sur la couverture des dossiers et des rapports."))
        }))
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let kept = match &self.kept {
            Some((name, ko)) => tf!("Logo : « {name} » ({ko} Ko)"),
            None => "Aucun logo.".into(),
        };
        let mut page = column![
            widget::muted(
                "Imprimé sur la couverture des dossiers de convention et des rapports d’activité (PNG ou JPEG, 2 Mo au plus)."
            ),
            row![
                text(kept).width(Length::Fill),
                button(text("Retirer"))
                    .style(button::secondary)
                    .on_press_maybe(self.kept.is_some().then_some(Msg::Remove)),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
            row![
                text_input("Chemin du fichier image", &self.path)
                    .on_input(Msg::Path)
                    .padding(6),
                button(text("Choisir…"))
                    .style(button::secondary)
                    .on_press(Msg::Choose),
                button(text("Utiliser cette image"))
                    .on_press_maybe((!self.path.trim().is_empty()).then_some(Msg::Save)),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), crate::ui::theme::LATE));
        }
        page.into()
    }
}
