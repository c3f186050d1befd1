//! The dossier complet, under the Synthèse tab: the sections and appendices of the
//! dossier de convention, ticked one by one, remembered for this convention when it is
//! exported, as PDF or as editable OpenDocument.

use iced::widget::{button, checkbox, column, row, text};
use iced::{Element, Task};

use crate::domain::dossier::{Appendix, DossierChoice, Section};
use crate::domain::ids::ConventionId;
use crate::export::Document;
use crate::store::Store;
use crate::ui::panels::{Event, outcome};
use crate::ui::widget;

#[derive(Debug, Clone)]
pub enum Msg {
    Section(Section, bool),
    Appendix(Appendix, bool),
    /// As PDF (`false`) or as editable OpenDocument (`true`).
    Export {
        editable: bool,
    },
}

/// The choice being made.
#[derive(Default)]
pub struct State {
    choice: DossierChoice,
}

impl State {
    /// The choice last made for this convention (or the default one).
    pub fn load(store: &Store, id: ConventionId) -> Result<State, crate::store::StoreError> {
        Ok(State {
            choice: store.dossier_choice(id)?,
        })
    }

    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        id: ConventionId,
    ) -> (Task<Msg>, Option<Event>) {
        let event = match msg {
            Msg::Section(s, on) => {
                self.choice.toggle_section(s, on);
                None
            }
            Msg::Appendix(a, on) => {
                self.choice.toggle_appendix(a, on);
                None
            }
            Msg::Export { editable } => match store.save_dossier_choice(id, &self.choice) {
                Ok(()) => {
                    let dossier = Document::Dossier {
                        convention: id,
                        choice: self.choice.clone(),
                    };
                    Some(Event::export(dossier, editable))
                }
                Err(e) => outcome(Err(e)),
            },
        };
        (Task::none(), event)
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let mut sections = column![].spacing(4);
        for s in Section::ALL {
            sections = sections.push(
                checkbox(self.choice.sections.contains(&s))
                    .label(widget::label(s.title()))
                    .on_toggle(move |on| Msg::Section(s, on)),
            );
        }
        let mut appendices = column![].spacing(4);
        for a in Appendix::ALL {
            appendices = appendices.push(
                checkbox(self.choice.appendices.contains(&a))
                    .label(widget::label(a.title()))
                    .on_toggle(move |on| Msg::Appendix(a, on)),
            );
        }
        let nothing = self.choice.sections.is_empty() && self.choice.appendices.is_empty();
        let privacy = if self.choice.personal() {
            "Les annexes cochées nomment des personnes : l’export sera journalisé comme contenant des données personnelles."
        } else {
            "Aucune annexe cochée ne nomme de participant·e : le dossier peut circuler."
        };
        column![
            widget::muted(
                "Le document qu’on classe pour une convention : une couverture, un sommaire, puis chaque partie cochée sur ses propres pages, et les annexes en entier. Le choix est retenu pour cette convention."
            ),
            text(widget::label("Parties")).font(widget::bold()),
            sections,
            text(widget::label("Annexes")).font(widget::bold()),
            appendices,
            widget::muted(widget::label(privacy)),
            row![
                button(text("Exporter le dossier complet (PDF)"))
                    .on_press_maybe((!nothing).then_some(Msg::Export { editable: false })),
                button(text("Version modifiable (ODT)"))
                    .style(button::secondary)
                    .on_press_maybe((!nothing).then_some(Msg::Export { editable: true })),
            ]
            .spacing(10),
        ]
        .spacing(10)
        .into()
    }
}
