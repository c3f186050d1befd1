//! Views across meetings: the actions to follow, a convention's timeline with the
//! panel's attendance, and the full-text search of the traces.

use iced::widget::text::Span;
use iced::widget::{
    button, checkbox, column, container, pick_list, rich_text, row, scrollable, span, text,
    text_input,
};
use iced::{Alignment, Element, Length};

use super::{Message, State};
use crate::domain::codes::{ActionStatus, TimelineKind};
use crate::domain::text as fr;
use crate::store::ActionView;
use crate::ui::choice::selected;
use crate::ui::{theme, widget};

fn link<'a>(label: impl text::IntoFragment<'a>, on_press: Message) -> Element<'a, Message> {
    button(text(label).size(13).color(theme::ACCENT))
        .style(button::text)
        .padding([2, 0])
        .on_press(on_press)
        .into()
}

/// Actions across meetings, by owner and state.
pub(super) fn actions(s: &State) -> Element<'_, Message> {
    let mut views = row![].spacing(4).align_y(Alignment::Center);
    for v in ActionView::ALL {
        views = views.push(
            button(text(v.label()).size(13))
                .padding([4, 10])
                .style(theme::entry(v == s.actions_view))
                .on_press(Message::ActionsView(v)),
        );
    }
    views = views.push(
        pick_list(
            s.owners.as_slice(),
            selected(&s.owners, &s.actions_owner),
            Message::ActionsOwner,
        )
        .text_size(13),
    );
    let mut rows = column![widget::header_row(&[
        ("Action", 5),
        ("Responsable", 2),
        ("Échéance", 2),
        ("Réunion", 4),
        ("", 2),
    ])]
    .spacing(4);
    if s.actions.is_empty() {
        rows = rows.push(widget::muted("Aucune action dans cette vue."));
    }
    for a in &s.actions {
        let late = a.action.is_overdue(s.today);
        let due = a
            .action
            .due
            .map(fr::date_short)
            .unwrap_or_else(|| "—".into());
        let meeting: Element<'_, Message> = match a.action.meeting {
            Some(id) => link(a.meeting_title.as_str(), Message::Select(id)),
            None => widget::muted("—"),
        };
        let change = match a.action.status {
            ActionStatus::Open => button(text("Fait").size(13))
                .padding([3, 8])
                .style(button::secondary)
                .on_press(Message::SetAction(a.action.id, ActionStatus::Done)),
            _ => button(text("Rouvrir").size(13))
                .padding([3, 8])
                .style(button::secondary)
                .on_press(Message::SetAction(a.action.id, ActionStatus::Open)),
        };
        rows = rows.push(
            row![
                text(a.action.title.as_str()).width(Length::FillPortion(5)),
                text(a.action.owner.as_str()).width(Length::FillPortion(2)),
                text(if late {
                    format!("{due} (en retard)")
                } else {
                    due
                })
                .color(if late { theme::LATE } else { theme::MUTED })
                .width(Length::FillPortion(2)),
                container(meeting).width(Length::FillPortion(4)),
                container(change).width(Length::FillPortion(2)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
    }
    column![
        widget::title("Suivi des actions"),
        views,
        widget::muted(format!("{} action(s)", s.actions.len())),
        scrollable(container(rows).padding(widget::GUTTER)).height(Length::Fill),
    ]
    .spacing(10)
    .into()
}

/// A convention's timeline, and its panel's attendance.
pub(super) fn timeline(s: &State) -> Element<'_, Message> {
    let conventions: Vec<_> = s
        .conventions
        .iter()
        .filter(|c| c.value.is_some())
        .cloned()
        .collect();
    let chosen = selected(&conventions, &s.timeline_convention);
    let mut kinds = row![].spacing(12).align_y(Alignment::Center);
    for k in TimelineKind::ALL {
        let kind = *k;
        kinds = kinds.push(
            checkbox(s.timeline_kinds.contains(k))
                .label(k.label())
                .text_size(13)
                .on_toggle(move |on| Message::TimelineKind(kind, on)),
        );
    }
    let filters = column![
        row![
            pick_list(conventions, chosen, Message::TimelineConvention),
            text_input("Du (jj/mm/aaaa)", &s.timeline_from)
                .on_input(Message::TimelineFrom)
                .width(Length::Fixed(150.0))
                .padding(6),
            text_input("Au (jj/mm/aaaa)", &s.timeline_to)
                .on_input(Message::TimelineTo)
                .width(Length::Fixed(150.0))
                .padding(6),
        ]
        .spacing(8)
        .align_y(Alignment::Center),
        kinds,
        widget::muted("Sans type coché, tous les événements sont montrés."),
    ]
    .spacing(8);
    let mut events = column![].spacing(6);
    if s.timeline.is_empty() {
        events = events.push(widget::muted("Aucun événement pour ces critères."));
    }
    for e in &s.timeline {
        let when = match e.time {
            Some(t) => format!("{} · {}", fr::date_short(e.date), fr::time(t)),
            None => fr::date_short(e.date),
        };
        let title: Element<'_, Message> = match e.meeting {
            Some(id) => link(e.title.as_str(), Message::Select(id)),
            None => text(e.title.as_str()).size(13).into(),
        };
        events = events.push(
            row![
                text(when)
                    .size(13)
                    .color(theme::MUTED)
                    .width(Length::Fixed(130.0)),
                text(e.kind.label())
                    .size(13)
                    .font(widget::bold())
                    .width(Length::Fixed(170.0)),
                column![title, text(e.detail.as_str()).size(12).color(theme::MUTED)]
                    .width(Length::Fill),
            ]
            .spacing(8),
        );
    }
    let mut people = column![].spacing(2);
    if let Some(days) = s.compensation_days {
        people = people
            .push(widget::field("Journées indemnisables", days.to_string()))
            .push(widget::muted(
                "Présences des membres du panel aux séances : la base du calcul des indemnités.",
            ))
            .push(widget::gap(6.0));
    }
    for p in &s.people {
        let rate = p.rate().map(fr::percent).unwrap_or_default();
        let low = p.rate().is_some_and(|r| r < 0.75);
        people = people.push(
            row![
                link(p.name.as_str(), Message::OpenContact(p.contact)),
                iced::widget::Space::new().width(Length::Fill),
                text(format!("{}/{} · {rate}", p.present, p.expected))
                    .size(13)
                    .color(if low { theme::LATE } else { theme::MUTED }),
            ]
            .align_y(Alignment::Center),
        );
    }
    if s.people.is_empty() {
        people = people.push(widget::muted("Aucune séance émargée."));
    }
    column![
        widget::title("Chronologie"),
        filters,
        row![
            scrollable(container(events).padding(widget::GUTTER))
                .height(Length::Fill)
                .width(Length::FillPortion(3)),
            scrollable(
                container(widget::section("Assiduité aux séances", people)).padding(widget::GUTTER)
            )
            .height(Length::Fill)
            .width(Length::FillPortion(2)),
        ]
        .spacing(16),
    ]
    .spacing(10)
    .into()
}

/// Full-text search of comptes rendus, notes, decisions and actions.
pub(super) fn search(s: &State) -> Element<'_, Message> {
    let mut hits = column![].spacing(8);
    if !s.search.trim().is_empty() && s.hits.is_empty() {
        hits = hits.push(widget::muted("Aucun résultat."));
    }
    for h in &s.hits {
        hits = hits.push(
            column![
                row![
                    link(h.meeting_title.as_str(), Message::Select(h.meeting)),
                    text(format!("{} · {}", fr::date_short(h.date), h.kind))
                        .size(12)
                        .color(theme::MUTED),
                ]
                .spacing(10)
                .align_y(Alignment::Center),
                rich_text(
                    h.excerpt
                        .iter()
                        .map(|(t, matched)| {
                            let piece: Span<'_, ()> = span(t.as_str()).size(13);
                            if *matched {
                                piece.font(widget::bold()).color(theme::ACCENT)
                            } else {
                                piece
                            }
                        })
                        .collect::<Vec<_>>()
                ),
            ]
            .spacing(2),
        );
    }
    column![
        widget::title("Recherche dans les traces"),
        text_input(
            "Mots à chercher dans les comptes rendus, notes, décisions et actions (accents facultatifs)",
            &s.search
        )
        .id("traces-search")
        .on_input(Message::Search)
        .padding(8),
        scrollable(container(hits).padding(widget::GUTTER)).height(Length::Fill),
    ]
    .spacing(10)
    .into()
}
