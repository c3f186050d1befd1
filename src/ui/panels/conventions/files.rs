//! The « Pièces jointes » tab: every file attached to the convention, its sessions,
//! its meetings and its proposals (the list the dossier prints), and the record the
//! next file goes to — the convention itself, one session or one proposal (a
//! meeting's files are attached on its record, in Réunions).

use iced::widget::{column, pick_list, row, text};
use iced::{Alignment, Element, Length, Task};

use crate::domain::attachment::{Attachment, Owner, size_label};
use crate::domain::overview::ConventionOverview;
use crate::domain::text as fr;
use crate::store::Store;
use crate::ui::attachments::{self, Files};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::Event;
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    Target(Choice<Owner>),
    Files(attachments::Msg),
}

/// The files of one convention's records, and where the next one goes.
#[derive(Debug, Clone)]
pub struct State {
    targets: Vec<Choice<Owner>>,
    files: Files,
    all: Vec<Attachment>,
}

/// Where a file can go: the convention, one of its sessions, one of its proposals.
fn targets(o: &ConventionOverview) -> Vec<Choice<Owner>> {
    let mut targets = vec![Choice::new(
        Owner::Convention(o.convention.id),
        "La convention elle-même",
    )];
    targets.extend(o.sessions.iter().map(|s| {
        Choice::new(
            Owner::Session(s.id),
            format!("Séance du {} — {}", fr::date_short(s.date), s.title),
        )
    }));
    targets.extend(o.proposals.iter().map(|p| {
        Choice::new(
            Owner::Proposal(p.id),
            format!("Proposition n° {} — {}", p.number, p.title),
        )
    }));
    targets
}

impl State {
    pub fn load(store: &Store, o: &ConventionOverview) -> State {
        State {
            targets: targets(o),
            files: Files::new(store, Owner::Convention(o.convention.id)),
            all: store
                .convention_attachments(o.convention.id)
                .unwrap_or_default(),
        }
    }

    /// Reads the files again, keeping the record chosen (and a question being
    /// answered) while it still exists.
    pub fn reload(&mut self, store: &Store, o: &ConventionOverview) {
        self.targets = targets(o);
        if self.targets.iter().any(|c| c.value == self.files.owner()) {
            self.files.reload(store);
        } else {
            self.files = Files::new(store, Owner::Convention(o.convention.id));
        }
        self.all = store
            .convention_attachments(o.convention.id)
            .unwrap_or_default();
    }

    /// Where a file dropped on the window goes.
    pub fn files_mut(&mut self) -> &mut Files {
        &mut self.files
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        match msg {
            Msg::Target(c) => {
                self.files = Files::new(store, c.value);
                (Task::none(), None)
            }
            Msg::Files(m) => {
                let (task, event) = self.files.update(m, store);
                (task.map(Msg::Files), event)
            }
        }
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let mut all = column![].spacing(4);
        if self.all.is_empty() {
            all = all.push(widget::muted(
                "Aucun fichier joint à cette convention, à ses séances, ses réunions ou ses propositions.",
            ));
        }
        for a in &self.all {
            let whose = match a.owner {
                Some(Owner::Convention(_)) => "la convention".to_string(),
                Some(o) => format!("{} « {} »", o.kind_label(), a.owner_title),
                None => String::new(),
            };
            all = all.push(
                row![
                    text(a.name.as_str()).width(Length::FillPortion(3)),
                    text(fr::typography(&whose))
                        .size(13)
                        .color(theme::MUTED)
                        .width(Length::FillPortion(4)),
                    text(size_label(a.size)).size(13).color(theme::MUTED),
                    text(if a.signed_sheet {
                        "feuille signée"
                    } else {
                        ""
                    })
                    .size(13)
                    .color(theme::ACCENT),
                ]
                .spacing(10)
                .align_y(Alignment::Center),
            );
        }
        column![
            row![
                text(widget::label("Joindre à :")).color(theme::MUTED),
                pick_list(
                    self.targets.as_slice(),
                    selected(&self.targets, &self.files.owner()),
                    Msg::Target
                )
                .width(Length::Fill),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            self.files.view().map(Msg::Files),
            widget::section(
                "Tous les fichiers de la convention (listés dans le dossier complet)",
                all
            ),
        ]
        .spacing(12)
        .into()
    }
}
