//! The read-mostly tabs of a convention's sheet: governance, tasks, risks, budget and
//! proposals as they stand.

use chrono::NaiveDate;
use iced::widget::{column, row, text};
use iced::{Element, Length};

use super::Message;
use crate::domain::codes::TaskStatus;
use crate::domain::overview::ConventionOverview;
use crate::domain::planning::budget_totals;
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

/// Tasks and milestones, late ones highlighted.
pub fn tasks(o: &ConventionOverview, today: NaiveDate) -> Element<'_, Message> {
    let mut col = column![].spacing(4);
    for t in &o.tasks {
        let due = t.due.map(fr::date_short).unwrap_or_default();
        let mark = if t.milestone { "◆ " } else { "" };
        let line = format!(
            "{mark}{} — {} — {} — échéance {due}",
            t.title,
            t.owner,
            t.status.label()
        );
        col = col.push(if t.is_overdue(today) {
            widget::colored(format!("{line} (en retard)"), theme::LATE)
        } else if t.status == TaskStatus::Done {
            widget::colored(line, theme::MUTED)
        } else {
            text(line).into()
        });
    }
    col.into()
}

/// The risk register.
pub fn risks(o: &ConventionOverview, today: NaiveDate) -> Element<'_, Message> {
    let mut col = column![].spacing(6);
    for r in &o.risks {
        let review = r
            .review
            .map(|d| format!(" · revue le {}", fr::date_short(d)))
            .unwrap_or_default();
        let due = if r.review_due(today) {
            " · revue à faire"
        } else {
            ""
        };
        col = col.push(column![
            text(format!(
                "{} — P {} × I {} = {} ({})",
                r.title,
                r.probability,
                r.impact,
                r.score(),
                r.level()
            ))
            .font(widget::bold()),
            text(format!("{} · {}{review}", r.mitigation, r.status.label())).size(13),
            widget::colored(due, theme::LATE),
        ]);
    }
    col.into()
}

/// Budget lines and totals against the envelope.
pub fn budget(o: &ConventionOverview) -> Element<'_, Message> {
    let c = &o.convention;
    let totals = budget_totals(&o.budget);
    let mut col = column![widget::header_row(&[
        ("Poste", 4),
        ("Prévu", 1),
        ("Engagé", 1),
        ("Dépensé", 1)
    ])]
    .spacing(4);
    for b in &o.budget {
        col = col.push(row![
            text(format!("{} — {}", b.category.label(), b.label)).width(Length::FillPortion(4)),
            text(fr::euros(b.planned_cents)).width(Length::FillPortion(1)),
            text(fr::euros(b.committed_cents)).width(Length::FillPortion(1)),
            text(fr::euros(b.spent_cents)).width(Length::FillPortion(1)),
        ]);
    }
    col.push(row![
        text("Total")
            .width(Length::FillPortion(4))
            .font(widget::bold()),
        text(fr::euros(totals.planned_cents))
            .width(Length::FillPortion(1))
            .font(widget::bold()),
        text(fr::euros(totals.committed_cents))
            .width(Length::FillPortion(1))
            .font(widget::bold()),
        text(fr::euros(totals.spent_cents))
            .width(Length::FillPortion(1))
            .font(widget::bold()),
    ])
    .push(widget::muted(format!(
        "Enveloppe : {}",
        fr::euros(c.budget_envelope_cents)
    )))
    .push(widget::gap(8.0))
    .push(widget::field(
        "Journées indemnisables",
        format!(
            "{} présence(s) de membres du panel aux séances, d'après l'émargement",
            o.compensation_days
        ),
    ))
    .into()
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
