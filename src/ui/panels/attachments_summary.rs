//! Paramètres → « Pièces jointes »: how many files are attached and the room they
//! take, where they are, the check of every file against its hash, and the files kept
//! after their record was deleted (opened, or deleted for good).

use iced::widget::{button, column, row, text};
use iced::{Alignment, Element, Length, Task};

use crate::domain::attachment::{Attachment, size_label};
use crate::domain::text as fr;
use crate::store::{AttachmentProblem, AttachmentUsage, Store};
use crate::ui::panels::{Event, describe};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    Check,
    Open(i64),
    Remove(i64),
    ConfirmRemove(bool),
}

#[derive(Debug, Default)]
pub struct State {
    usage: AttachmentUsage,
    folder: String,
    unattached: Vec<Attachment>,
    /// The last check: the files missing or altered.
    checked: Option<Vec<(Attachment, AttachmentProblem)>>,
    removing: Option<i64>,
}

impl State {
    pub fn new(store: &Store) -> State {
        let mut s = State::default();
        s.reload(store);
        s
    }

    pub fn reload(&mut self, store: &Store) {
        self.usage = store.attachments_usage().unwrap_or_default();
        self.folder = store.attachments_dir().display().to_string();
        self.unattached = store.unattached_attachments().unwrap_or_default();
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        let event = match msg {
            Msg::Check => match store.check_attachments() {
                Ok(found) => {
                    self.checked = Some(found);
                    None
                }
                Err(e) => Some(Event::Notice(describe(&e))),
            },
            Msg::Open(id) => crate::ui::attachments::open(store, id),
            Msg::Remove(id) => {
                self.removing = Some(id);
                None
            }
            Msg::ConfirmRemove(false) => {
                self.removing = None;
                None
            }
            Msg::ConfirmRemove(true) => {
                let event = self
                    .removing
                    .take()
                    .map(|id| crate::ui::attachments::remove(store, id));
                self.reload(store);
                event
            }
        };
        (Task::none(), event)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let mut col = column![
            widget::field(
                "Fichiers joints",
                fr::typography(&format!(
                    "{} pièce(s) jointe(s), {} sur le disque",
                    self.usage.count,
                    size_label(self.usage.bytes)
                ))
            ),
            widget::field("Dossier", self.folder.as_str()),
            widget::muted(fr::typography(
                "Chaque fichier est copié dans ce dossier sous son empreinte SHA-256 (un fichier joint deux fois n’y est qu’une fois) et sauvegardé avec la base, dans le dossier des sauvegardes. Ne modifiez pas ces fichiers à la main."
            )),
            row![
                button(text(widget::label("Vérifier les pièces jointes"))).on_press(Msg::Check),
                match &self.checked {
                    None => widget::muted(""),
                    Some(found) if found.is_empty() => widget::colored(
                        fr::typography("Tous les fichiers sont présents et intacts."),
                        theme::ACCENT
                    ),
                    Some(found) => widget::colored(
                        fr::typography(&format!(
                            "{} fichier(s) manquant(s) ou modifié(s) : restaurez une sauvegarde ou joignez-les de nouveau.",
                            found.len()
                        )),
                        theme::LATE
                    ),
                },
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        if let Some(found) = &self.checked {
            for (a, p) in found {
                let whose = match a.owner {
                    Some(o) => format!("{} « {} »", o.kind_label(), a.owner_title),
                    None => "sans rattachement".into(),
                };
                col = col.push(widget::colored(
                    fr::typography(&format!("« {} » ({whose}) : {}", a.name, p.label())),
                    theme::LATE,
                ));
            }
        }
        if !self.unattached.is_empty() {
            col = col.push(text(widget::label(format!(
                "Gardées après la suppression de leur fiche ({}) :",
                self.unattached.len()
            ))));
        }
        for a in &self.unattached {
            let mut line = row![
                text(a.name.as_str()).width(Length::Fill),
                text(size_label(a.size)).size(13).color(theme::MUTED),
                widget::small_button("Ouvrir", Msg::Open(a.id)),
            ]
            .spacing(10)
            .align_y(Alignment::Center);
            line = if self.removing == Some(a.id) {
                line.push(widget::small_button(
                    "Oui, supprimer",
                    Msg::ConfirmRemove(true),
                ))
                .push(widget::small_button("Non", Msg::ConfirmRemove(false)))
            } else {
                line.push(widget::small_button("Supprimer", Msg::Remove(a.id)))
            };
            col = col.push(line);
        }
        col.into()
    }
}
