//! The Cadre tab: the convention's status moved one step at a time, its frame (who
//! asks, the question, the city's commitment, the élu, the panel's size, the
//! envelope, the dates), and changing, duplicating as a template or archiving it.

use iced::widget::{button, column, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::Up;
use crate::domain::codes::ConventionStatus;
use crate::domain::convention::Convention;
use crate::domain::overview::ConventionOverview;
use crate::domain::text as fr;
use crate::store::Store;
use crate::ui::panels::{Event, describe};
use crate::ui::widget;

#[derive(Debug, Clone)]
pub enum Msg {
    MoveStatus(ConventionStatus),
    Edit,
    Duplicate,
    DuplicateTitle(String),
    ConfirmDuplicate(bool),
    Archive(bool),
}

/// The title of the copy being made, when « Dupliquer » was pressed.
#[derive(Debug, Default)]
pub struct State {
    duplicate_title: Option<String>,
}

impl State {
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        c: &Convention,
    ) -> (Task<Msg>, Option<Up>) {
        let result = match msg {
            Msg::MoveStatus(to) => store
                .set_convention_status(c.id, to)
                .map(|_| format!("Convention passée au statut « {} ».", to.label())),
            Msg::Edit => {
                return (
                    Task::none(),
                    Some(Up::Form(Box::new(super::frame::Editor::new(c)))),
                );
            }
            Msg::Duplicate => {
                self.duplicate_title = Some(format!("{} (copie)", c.title));
                return (Task::none(), None);
            }
            Msg::DuplicateTitle(s) => {
                self.duplicate_title = Some(s);
                return (Task::none(), None);
            }
            Msg::ConfirmDuplicate(false) => {
                self.duplicate_title = None;
                return (Task::none(), None);
            }
            Msg::ConfirmDuplicate(true) => return (Task::none(), self.duplicate(store, c)),
            Msg::Archive(on) => store.archive_convention(c.id, on).map(|_| {
                if on {
                    "Convention archivée : elle reste consultable avec « Afficher les archives »."
                        .to_string()
                } else {
                    "Convention sortie des archives.".to_string()
                }
            }),
        };
        let event = match result {
            Ok(notice) => Event::Saved(notice),
            Err(e) => Event::Notice(describe(&e)),
        };
        (Task::none(), Some(Up::App(event)))
    }

    /// Copies the convention as a template (frame, phases, tasks, risks, budget).
    fn duplicate(&mut self, store: &mut Store, c: &Convention) -> Option<Up> {
        let title = self.duplicate_title.clone()?;
        match store.duplicate_convention(c.id, &title) {
            Ok(id) => {
                self.duplicate_title = None;
                Some(Up::Saved {
                    id,
                    notice: format!(
                        "Convention « {} » créée sur ce modèle : cadre, phases, tâches, risques et budget, sans personnes ni dates.",
                        title.trim()
                    ),
                })
            }
            Err(e) => Some(Up::App(Event::Notice(describe(&e)))),
        }
    }

    pub fn view<'a>(&'a self, o: &'a ConventionOverview) -> Element<'a, Msg> {
        let c = &o.convention;
        column![
            lifecycle(c),
            self.tools(c),
            widget::gap(4.0),
            widget::field("Thème", c.theme.as_str()),
            widget::field("Démarche", c.participation.label()),
            widget::field("Saisine", c.mandate_from.as_str()),
            widget::field(
                "Question posée",
                if c.question.is_empty() {
                    String::new()
                } else {
                    fr::quoted(&c.question)
                }
            ),
            widget::field("Engagement de la Ville", c.commitment.as_str()),
            widget::field("Élu·e référent·e", c.elected_official.as_str()),
            widget::field(
                "Taille du panel visée",
                if c.target_panel_size == 0 {
                    "à fixer".to_string()
                } else {
                    format!("{} membres", c.target_panel_size)
                }
            ),
            widget::field("Enveloppe budgétaire", fr::euros(c.budget_envelope_cents)),
            widget::field("Début", c.start_date.map(fr::date_long).unwrap_or_default()),
            widget::field("Fin", c.end_date.map(fr::date_long).unwrap_or_default()),
        ]
        .spacing(8)
        .into()
    }

    /// Change the frame, duplicate (with the copy's title), archive.
    fn tools<'a>(&'a self, c: &'a Convention) -> Element<'a, Msg> {
        let mut tools = row![
            button(text("Modifier le cadre")).on_press(Msg::Edit),
            button(text("Dupliquer comme modèle"))
                .style(button::secondary)
                .on_press(Msg::Duplicate),
            button(text(if c.archived {
                "Désarchiver"
            } else {
                "Archiver"
            }))
            .style(button::secondary)
            .on_press(Msg::Archive(!c.archived)),
        ]
        .spacing(8);
        if let Some(title) = &self.duplicate_title {
            tools = tools.push(
                row![
                    text_input("Titre de la nouvelle convention", title)
                        .id("duplicate-title")
                        .on_input(Msg::DuplicateTitle)
                        .padding(6)
                        .width(Length::Fixed(300.0)),
                    button(text("Créer")).on_press(Msg::ConfirmDuplicate(true)),
                    button(text("Annuler"))
                        .style(button::secondary)
                        .on_press(Msg::ConfirmDuplicate(false)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        tools.align_y(Alignment::Center).into()
    }
}

/// The status, and the buttons to the next and the previous one.
fn lifecycle(c: &Convention) -> Element<'_, Msg> {
    let mut life = row![text(tf!("Statut : {}", c.status.label())).font(widget::bold())]
        .spacing(8)
        .align_y(Alignment::Center);
    let all = ConventionStatus::ALL;
    let at = all.iter().position(|s| *s == c.status).unwrap_or(0);
    if let Some(next) = all.get(at + 1) {
        life = life.push(
            button(text(tf!("Passer à « {} »", next.label()))).on_press(Msg::MoveStatus(*next)),
        );
    }
    if at > 0 {
        life = life.push(
            button(text(tf!("Revenir à « {} »", all[at - 1].label())))
                .style(button::secondary)
                .on_press(Msg::MoveStatus(all[at - 1])),
        );
    }
    life.into()
}
