//! The thresholds and delays of citizen interpellations, in Paramètres: Grenoble's
//! figures by default, each one the office can change when the council does.

use iced::widget::{button, column, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::{Event, describe};
use crate::domain::interpellation::{FIGURES, Rules};
use crate::store::Store;
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    Figure(usize, String),
    Save,
    Defaults,
}

/// The figures as typed.
pub struct State {
    typed: [String; 12],
}

fn typed(rules: Rules) -> [String; 12] {
    let mut rules = rules;
    FIGURES
        .each_ref()
        .map(|f| (f.field)(&mut rules).to_string())
}

impl State {
    pub fn new(store: &Store) -> State {
        State {
            typed: typed(store.interpellation_rules().unwrap_or_default()),
        }
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        let event = match msg {
            Msg::Figure(k, v) => {
                self.typed[k] = v;
                None
            }
            Msg::Defaults => {
                self.typed = typed(Rules::default());
                None
            }
            Msg::Save => Some(self.save(store)),
        };
        (Task::none(), event)
    }

    fn save(&mut self, store: &mut Store) -> Event {
        let mut rules = Rules::default();
        for (k, f) in FIGURES.iter().enumerate() {
            let (t, label) = (self.typed[k].trim(), f.label);
            match t.replace([' ', '\u{202f}', '\u{a0}'], "").parse() {
                Ok(v) => *(f.field)(&mut rules) = v,
                Err(_) => {
                    return Event::Notice(format!("« {t} » n’est pas un nombre entier ({label})."));
                }
            }
        }
        match store.save_interpellation_rules(&rules) {
            Ok(()) => Event::Saved("Règles de l’interpellation citoyenne enregistrées.".into()),
            Err(e) => Event::Notice(describe(&e)),
        }
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let mut col = column![widget::muted(
            "Par défaut, les chiffres de Grenoble (16 ans, 50 soutiens en un mois, 20 % vérifiés, 8 000 signatures pour une votation, 16 000 voix pour l’adopter) ; le seuil de l’atelier et les délais sont des usages du bureau. Changez-les quand le conseil municipal les change : ils valent pour les échéances, les lettres et les fiches."
        )]
        .spacing(6);
        for (k, f) in FIGURES.iter().enumerate() {
            col = col.push(
                row![
                    text(f.label)
                        .width(Length::Fixed(380.0))
                        .color(theme::MUTED),
                    text_input("", &self.typed[k])
                        .on_input(move |v| Msg::Figure(k, v))
                        .padding(4)
                        .width(Length::Fixed(120.0)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        col.push(
            row![
                button(text("Enregistrer les règles")).on_press(Msg::Save),
                widget::small_button("Valeurs par défaut", Msg::Defaults),
            ]
            .spacing(8),
        )
        .into()
    }
}
