//! The three registers of a convention, one tab and one module each: `tasks` (tasks
//! and milestones, late ones in red), `risks` (the risk register and its 4 × 4
//! matrix, reviews due), `budget` (lines against the envelope, the compensation
//! computed from attendance). What their forms share lives here.

pub mod budget;
pub mod risks;
pub mod tasks;

use iced::Element;
use iced::widget::{button, row, text};

use crate::ui::widget;

use super::date_text;

/// « Ajouter … » or « Enregistrer … », and « Annuler ».
fn buttons<'a, M: Clone + 'a>(
    editing: bool,
    what: &'static str,
    save: M,
    cancel: M,
) -> Element<'a, M> {
    row![
        button(text(if editing {
            format!("Enregistrer {what}")
        } else {
            format!("Ajouter {what}")
        }))
        .on_press(save),
        widget::small_button("Annuler", cancel),
    ]
    .spacing(8)
    .into()
}
