//! The dashboard: key counts, the next sessions and meetings, late tasks and actions,
//! proposals waiting for the city's answer, calls for projects due; each line opens its
//! record.

use chrono::NaiveDate;
use iced::widget::{column, row, scrollable, text};
use iced::{Element, Length, Task};

use super::{Event, Target};
use crate::domain::funding::{Call, Reminder};
use crate::domain::ids::DispositifId;
use crate::domain::interpellation::Due;
use crate::domain::text as fr;
use crate::store::{Dashboard, DueItem, Store};
use crate::ui::{theme, widget};

/// The dashboard's data.
#[derive(Debug)]
pub struct State {
    data: Result<Dashboard, String>,
}

/// A line was clicked.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Open(Target),
}

impl State {
    /// Loads the dashboard as of `today`.
    pub fn new(store: &Store, today: NaiveDate) -> State {
        State {
            data: store.dashboard(today).map_err(|e| super::describe(&e)),
        }
    }

    /// Handles a message (the panel contract; no task of its own).
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        (Task::none(), self.apply(message))
    }

    /// Opens the clicked record.
    fn apply(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Open(target) => Some(Event::Open(target)),
        }
    }

    /// The dashboard.
    pub fn view(&self, today: NaiveDate) -> Element<'_, Message> {
        let d = match &self.data {
            Ok(d) => d,
            Err(e) => return widget::colored(e.as_str(), theme::LATE),
        };
        let figures = row![
            widget::figure(
                d.counts.active_conventions.to_string(),
                "conventions en cours"
            ),
            widget::figure(fr::integer(d.counts.contacts.into()), "contacts"),
            widget::figure(d.counts.upcoming_meetings.to_string(), "réunions à venir"),
            widget::figure(
                d.counts.waiting_proposals.to_string(),
                "propositions à instruire"
            ),
        ]
        .spacing(12);

        let mut upcoming = column![].spacing(2);
        if d.upcoming.is_empty() {
            upcoming = upcoming.push(widget::muted("Rien de prévu."));
        }
        for item in &d.upcoming {
            let line = column![
                text(item.title.as_str()),
                text(format!(
                    "{} à {} — {}",
                    fr::date_with_weekday(item.date),
                    fr::time(item.start),
                    item.venue
                ))
                .size(13)
                .color(theme::MUTED),
            ];
            let target = match (item.meeting, item.convention) {
                (Some(m), _) => Some(Target::Meeting(m)),
                (None, Some(c)) => Some(Target::Convention(c)),
                _ => None,
            };
            upcoming = upcoming.push(match target {
                Some(t) => widget::entry(line, false, Message::Open(t)),
                None => line.into(),
            });
        }

        let mut waiting = column![].spacing(2);
        if d.waiting_proposals.is_empty() {
            waiting = waiting.push(widget::muted(
                "Toutes les propositions ont reçu une réponse.",
            ));
        }
        for p in &d.waiting_proposals {
            let line = column![
                text(p.title.as_str()),
                text(p.owner.as_str()).size(13).color(theme::MUTED)
            ];
            waiting = waiting.push(match p.convention {
                Some(c) => widget::entry(line, false, Message::Open(Target::Convention(c))),
                None => line.into(),
            });
        }

        let left = column![
            widget::section("Prochaines séances et réunions", upcoming),
            widget::section("Propositions en attente de réponse", waiting),
        ]
        .spacing(12)
        .width(Length::FillPortion(1));
        let right = column![
            widget::section(
                "Tâches en retard",
                late(&d.overdue_tasks, "Aucune tâche en retard.", today)
            ),
            widget::section(
                "Actions en retard",
                late(&d.overdue_actions, "Aucune action en retard.", today)
            ),
            widget::section("Appels à projets", calls(&d.calls)),
            widget::section(
                "Dispositifs : échéances de la semaine",
                dispositifs(&d.dispositifs, today)
            ),
            widget::section("Instances : mandats à renouveler", terms(&d.terms)),
        ]
        .spacing(12)
        .width(Length::FillPortion(1));
        column![
            widget::title("Tableau de bord"),
            widget::muted(fr::date_with_weekday(today)),
            scrollable(
                column![figures, row![left, right].spacing(12)]
                    .spacing(12)
                    .padding(widget::GUTTER)
            ),
        ]
        .spacing(10)
        .into()
    }
}

/// Late tasks or actions, each opening where it belongs.
fn late<'a>(items: &'a [DueItem], empty: &'static str, today: NaiveDate) -> Element<'a, Message> {
    let mut col = column![].spacing(2);
    if items.is_empty() {
        col = col.push(widget::muted(empty));
    }
    for item in items {
        let when = match item.date {
            Some(date) => format!(
                "échéance {} ({} j de retard)",
                fr::date_short(date),
                (today - date).num_days()
            ),
            None => String::new(),
        };
        let owner = if item.owner.is_empty() {
            String::new()
        } else {
            format!(" — {}", item.owner)
        };
        let line = column![
            text(item.title.as_str()),
            text(format!("{when}{owner}")).size(13).color(theme::LATE)
        ];
        let target = item
            .meeting
            .map(Target::Meeting)
            .or(item.convention.map(Target::Convention));
        col = col.push(match target {
            Some(t) => widget::entry(line, false, Message::Open(t)),
            None => line.into(),
        });
    }
    col.into()
}

/// Calls for projects due within 30 days or passed, each opening its form.
fn calls(items: &[(Reminder, Call)]) -> Element<'_, Message> {
    let mut col = column![].spacing(2);
    if items.is_empty() {
        col = col.push(widget::muted(
            "Aucun dépôt ni bilan d’appel à projets dans les 30 jours.",
        ));
    }
    for (r, c) in items {
        let line = column![
            text(format!("{} — {}", c.title, c.funder)),
            text(fr::typography(&format!(
                "{} ({})",
                r.sentence(),
                fr::date_short(r.date)
            )))
            .size(13)
            .color(if r.urgency() <= 2 {
                theme::LATE
            } else {
                theme::MUTED
            })
        ];
        col = col.push(widget::entry(
            line,
            false,
            Message::Open(Target::Call(c.id)),
        ));
    }
    col.into()
}

/// Steps of the dispositifs due within a week, or late, each opening its sheet.
fn dispositifs(items: &[(Due, String)], today: NaiveDate) -> Element<'_, Message> {
    let mut col = column![].spacing(2);
    if items.is_empty() {
        col = col.push(widget::muted(
            "Aucune échéance d’interpellation dans les 7 jours.",
        ));
    }
    for (due, title) in items {
        let left = due.days_left(today);
        let when = match left {
            ..0 => format!("en retard de {} j", -left),
            0 => "aujourd’hui".into(),
            1 => "demain".into(),
            _ => format!("dans {left} j"),
        };
        let line = column![
            text(title.as_str()),
            text(fr::typography(&format!(
                "{} : {} ({when})",
                due.what,
                fr::date_short(due.date)
            )))
            .size(13)
            .color(if left < 0 { theme::LATE } else { theme::ACCENT })
        ];
        col = col.push(widget::entry(
            line,
            false,
            Message::Open(Target::Dispositif(due.interpellation)),
        ));
    }
    col.into()
}

/// Bodies whose members' terms end within three months, each opening its sheet.
fn terms(items: &[(DispositifId, String, usize, NaiveDate)]) -> Element<'_, Message> {
    let mut col = column![].spacing(2);
    if items.is_empty() {
        col = col.push(widget::muted("Aucun mandat ne finit dans les 3 mois."));
    }
    for (id, title, n, first) in items {
        let line = column![
            text(title.as_str()),
            text(fr::typography(&format!(
                "{n} mandat(s) finissent, le premier le {}",
                fr::date_short(*first)
            )))
            .size(13)
            .color(theme::ACCENT)
        ];
        col = col.push(widget::entry(
            line,
            false,
            Message::Open(Target::Dispositif(*id)),
        ));
    }
    col.into()
}
