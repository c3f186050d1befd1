//! What changed between two versions of a text made of titled parts (the rules of the
//! game's sections, a charter's articles): each part unchanged, added, removed, or its
//! words compared — added underlined in green, removed struck through in red.

use iced::Element;
use iced::widget::text::Span;
use iced::widget::{column, rich_text, span, text};

use crate::domain::rules::{Piece, SectionChange};
use crate::domain::text::typography;
use crate::ui::{theme, widget};

/// How the parts are called: (unchanged, added, removed, changed) as sentences.
pub struct Words {
    pub unchanged: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub changed: &'static str,
}

/// A rules' sections.
pub const SECTIONS: Words = Words {
    unchanged: "inchangée",
    added: "Section ajoutée",
    removed: "Section retirée",
    changed: "modifiée",
};

/// A charter's articles.
pub const ARTICLES: Words = Words {
    unchanged: "inchangé",
    added: "Article ajouté",
    removed: "Article retiré",
    changed: "modifié",
};

/// The changes, one under the other.
pub fn view<'a, M: 'a>(changes: Vec<SectionChange>, words: Words) -> Element<'a, M> {
    let mut col = column![].spacing(6);
    for change in changes {
        col = col.push(match change {
            SectionChange::Unchanged(t) => {
                widget::muted(typography(&format!("{t} : {}", words.unchanged)))
            }
            SectionChange::Added(s) => widget::colored(
                typography(&format!("{} : {}", words.added, s.title)),
                theme::OK,
            ),
            SectionChange::Removed(s) => widget::colored(
                typography(&format!("{} : {}", words.removed, s.title)),
                theme::LATE,
            ),
            SectionChange::Changed(t, pieces) => column![
                text(typography(&format!("{t} : {}", words.changed))).font(widget::bold()),
                rich_text(
                    pieces
                        .into_iter()
                        .map(|p| -> Span<'static, ()> {
                            match p {
                                Piece::Same(s) => span(format!("{s} ")),
                                Piece::Added(s) => {
                                    span(format!("{s} ")).color(theme::OK).underline(true)
                                }
                                Piece::Removed(s) => {
                                    span(format!("{s} ")).color(theme::LATE).strikethrough(true)
                                }
                            }
                        })
                        .collect::<Vec<_>>()
                ),
            ]
            .spacing(2)
            .into(),
        });
    }
    col.into()
}
