//! The « Pièces jointes » block every sheet shows: its record's files with name, size
//! and date, each opened with the system's viewer or removed (after a question);
//! « Joindre un fichier… » and files dropped on the window; on a meeting, the mark
//! « feuille d'émargement signée »; and the question a record's deletion asks about
//! its files.

use std::path::PathBuf;

use iced::widget::{button, checkbox, column, row, text};
use iced::{Alignment, Element, Length, Task};

use crate::domain::attachment::{Attachment, Owner, size_label};
use crate::domain::text as fr;
use crate::store::Store;
use crate::ui::panels::{Event, describe};
use crate::ui::{save_dialog, theme, widget};

/// Opens an attachment with the system's program (from a checked copy); `Some` says
/// why it could not.
pub fn open(store: &Store, id: i64) -> Option<Event> {
    store
        .attachment(id)
        .and_then(|a| store.copy_for_viewing(&a))
        .map_err(|e| describe(&e))
        .and_then(|p| {
            save_dialog::open_in_system(&p).map_err(|e| {
                format!(
                    "Le fichier n’a pas pu être ouvert : {e} ; il est dans {}.",
                    p.display()
                )
            })
        })
        .err()
        .map(Event::Notice)
}

/// Removes an attachment (confirmed), and says so.
pub fn remove(store: &mut Store, id: i64) -> Event {
    match store.remove_attachment(id) {
        Ok(()) => Event::Saved("Pièce jointe supprimée.".into()),
        Err(e) => Event::Notice(describe(&e)),
    }
}

/// What the person did in the block.
#[derive(Debug, Clone)]
pub enum Msg {
    Pick,
    Picked(Option<PathBuf>),
    Open(i64),
    Remove(i64),
    ConfirmRemove(bool),
    SignedSheet(i64, bool),
    /// The deletion question: remove the files with their record.
    DiscardWithRecord(bool),
}

/// The files of one record.
#[derive(Debug, Clone)]
pub struct Files {
    owner: Owner,
    list: Vec<Attachment>,
    removing: Option<i64>,
    discard_with_record: bool,
}

impl Files {
    /// The block of `owner`'s files.
    pub fn new(store: &Store, owner: Owner) -> Files {
        let mut f = Files {
            owner,
            list: Vec::new(),
            removing: None,
            discard_with_record: false,
        };
        f.reload(store);
        f
    }

    pub fn reload(&mut self, store: &Store) {
        self.list = store.attachments_of(self.owner).unwrap_or_default();
    }

    /// The record the files belong to (where a dropped file goes).
    pub fn owner(&self) -> Owner {
        self.owner
    }

    pub fn count(&self) -> usize {
        self.list.len()
    }

    /// Whether one of the files is marked as the signed attendance sheet.
    pub fn has_signed_sheet(&self) -> bool {
        self.list.iter().any(|a| a.signed_sheet)
    }

    /// Attaches a file (chosen or dropped on the window).
    pub fn attach(&mut self, store: &mut Store, path: &std::path::Path) -> Option<Event> {
        let event = match store.attach_file(self.owner, path) {
            Ok(a) => Event::Saved(fr::typography(&format!(
                "« {} » ({}) joint à {}.",
                a.name,
                size_label(a.size),
                self.owner.kind_label()
            ))),
            Err(e) => Event::Notice(describe(&e)),
        };
        self.reload(store);
        Some(event)
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        let event = match msg {
            Msg::Pick => {
                return (
                    Task::perform(save_dialog::pick_attachment(), Msg::Picked),
                    None,
                );
            }
            Msg::Picked(None) => None,
            Msg::Picked(Some(path)) => self.attach(store, &path),
            Msg::Open(id) => open(store, id),
            Msg::Remove(id) => {
                self.removing = Some(id);
                None
            }
            Msg::ConfirmRemove(false) => {
                self.removing = None;
                None
            }
            Msg::ConfirmRemove(true) => {
                let event = self.removing.take().map(|id| remove(store, id));
                self.reload(store);
                event
            }
            Msg::SignedSheet(id, on) => {
                let done = store.set_signed_sheet(id, on);
                self.reload(store);
                match done {
                    Ok(()) => Some(Event::Changed),
                    Err(e) => Some(Event::Notice(describe(&e))),
                }
            }
            Msg::DiscardWithRecord(on) => {
                self.discard_with_record = on;
                None
            }
        };
        (Task::none(), event)
    }

    /// Whether a deletion of the record keeps its files (the question's answer).
    pub fn keep_on_delete(&self) -> bool {
        !self.discard_with_record
    }

    /// The question a deletion asks when the record has files; nothing otherwise.
    pub fn deletion_choice(&self) -> Option<Element<'_, Msg>> {
        if self.list.is_empty() {
            return None;
        }
        Some(
            column![
                checkbox(self.discard_with_record)
                    .label(widget::label(format!(
                        "Supprimer aussi ses {} pièce(s) jointe(s)",
                        self.list.len()
                    )))
                    .on_toggle(Msg::DiscardWithRecord),
                widget::muted(
                    "Sinon elles sont gardées, sans rattachement : Paramètres → « Pièces jointes » les liste."
                ),
            ]
            .spacing(4)
            .into(),
        )
    }

    /// The block: the files, the button, the hint about dropping files.
    pub fn view(&self) -> Element<'_, Msg> {
        let mut lines = column![].spacing(6);
        if self.list.is_empty() {
            lines = lines.push(widget::muted("Aucun fichier joint."));
        }
        for a in &self.list {
            let mut line = row![
                button(text(a.name.as_str()).size(14))
                    .style(button::text)
                    .padding(0)
                    .width(Length::Fill)
                    .on_press(Msg::Open(a.id)),
                text(size_label(a.size)).size(13).color(theme::MUTED),
                text(fr::date_short(a.added_at.date()))
                    .size(13)
                    .color(theme::MUTED),
            ]
            .spacing(10)
            .align_y(Alignment::Center);
            if matches!(self.owner, Owner::Meeting(_)) {
                line = line.push(
                    checkbox(a.signed_sheet)
                        .label(widget::label("feuille d’émargement signée"))
                        .text_size(13)
                        .on_toggle(move |on| Msg::SignedSheet(a.id, on)),
                );
            }
            line = line.push(widget::small_button("Ouvrir", Msg::Open(a.id)));
            if self.removing == Some(a.id) {
                line = line
                    .push(
                        button(text(widget::label("Supprimer ce fichier ?")).size(13))
                            .padding([3, 8])
                            .style(button::danger)
                            .on_press(Msg::ConfirmRemove(true)),
                    )
                    .push(widget::small_button("Annuler", Msg::ConfirmRemove(false)));
            } else {
                line = line.push(widget::small_button("Supprimer", Msg::Remove(a.id)));
            }
            lines = lines.push(line);
        }
        let hint = if matches!(self.owner, Owner::Meeting(_)) {
            "Ou déposez un fichier sur la fenêtre. Le scan de la feuille d’émargement signée, une fois coché, atteste les présences de la réunion."
        } else {
            "Ou déposez un fichier sur la fenêtre : il est copié dans le dossier de données d’Agora et sauvegardé avec la base."
        };
        widget::section(
            "Pièces jointes",
            column![
                lines,
                row![
                    button(text(widget::label("Joindre un fichier…")).size(14))
                        .padding([4, 10])
                        .on_press(Msg::Pick),
                    widget::muted(hint),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            ]
            .spacing(10),
        )
    }
}
