//! The « Fiche » tab: what the meeting is, where and when, and what its record holds.

use iced::Element;
use iced::widget::column;

use crate::domain::meeting::{MeetingRecord, attendance_rate};
use crate::domain::text as fr;
use crate::ui::widget;

pub fn view<M: 'static>(r: &MeetingRecord) -> Element<'_, M> {
    let m = &r.meeting;
    let convention = r
        .convention_title
        .clone()
        .unwrap_or_else(|| "Aucune".into());
    let when = format!(
        "{}, de {} à {}",
        fr::date_with_weekday(m.date),
        fr::time(m.start),
        fr::time(m.end)
    );
    let services = if m.services.is_empty() {
        "Aucun"
    } else {
        m.services.as_str()
    };
    let attendance = match attendance_rate(&r.attendance) {
        Some(x) => format!(
            "{} personne(s) sur la liste, taux de présence {}",
            r.attendance.len(),
            fr::percent(x)
        ),
        None => "Personne sur la liste".into(),
    };
    column![
        widget::field("Type", m.kind.label()),
        widget::field("Convention", convention),
        widget::field("Date", when),
        widget::field("Lieu", m.venue.as_str()),
        widget::field("Format", m.format.label()),
        widget::field("Services proposés", services),
        widget::field("Animation", m.facilitators.as_str()),
        widget::field("Émargement", attendance),
        widget::field("Décisions", r.decisions.len().to_string()),
        widget::field("Actions", r.actions.len().to_string()),
    ]
    .spacing(8)
    .into()
}
