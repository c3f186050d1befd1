//! The read-only tab of a convention's sheet: its governance as it stands.

use iced::Element;
use iced::widget::{column, text};

use super::Message;
use crate::domain::overview::ConventionOverview;
use crate::domain::text as fr;
use crate::ui::widget;

/// COPIL, garants, facilitators, experts.
pub fn view(o: &ConventionOverview) -> Element<'_, Message> {
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
