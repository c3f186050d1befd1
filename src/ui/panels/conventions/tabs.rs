//! The read-only tabs of a convention's sheet: governance and proposals as they stand.

use iced::Element;
use iced::widget::{column, text};

use super::Message;
use crate::domain::overview::ConventionOverview;
use crate::domain::text as fr;
use crate::ui::{theme, widget};

/// COPIL, garants, facilitators, experts.
pub fn governance(o: &ConventionOverview) -> Element<'_, Message> {
    let mut col = column![].spacing(2);
    if o.governance.is_empty() {
        col = col.push(widget::muted("Aucun membre désigné."));
    }
    for g in &o.governance {
        let since = g
            .since
            .map(|d| format!(", depuis le {}", fr::date_short(d)))
            .unwrap_or_default();
        col = col.push(widget::entry(
            column![
                text(format!("{} — {}", g.role.label(), g.name)),
                text(format!("{}{since} ({})", g.organisation, g.mode)).size(13),
            ],
            false,
            Message::OpenContact(g.contact),
        ));
    }
    col.into()
}

/// Proposals and where the city's follow-up stands.
pub fn proposals(o: &ConventionOverview) -> Element<'_, Message> {
    let mut col = column![].spacing(4);
    for p in &o.proposals {
        col = col.push(column![
            text(format!("n° {} — {}", p.number, p.title)),
            text(format!(
                "{} · {} · {} · avancement {} %",
                p.theme,
                p.status.label(),
                p.directorate,
                p.progress
            ))
            .size(13)
            .color(theme::MUTED),
        ]);
    }
    col.into()
}
