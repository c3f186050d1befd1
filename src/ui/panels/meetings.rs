//! The Réunions panel: meetings newest first, and a meeting's record — agenda with
//! its total against the meeting's length, attendance, compte rendu, decisions,
//! actions.

use iced::widget::{column, row, scrollable, text};
use iced::{Element, Length};

use super::{Event, Target};
use crate::domain::ids::MeetingId;
use crate::domain::meeting::{
    Action, AgendaItem, Attendance, Decision, Meeting, Minutes, agenda_overrun_minutes,
    attendance_rate,
};
use crate::domain::text as fr;
use crate::store::{MeetingRow, Store};
use crate::ui::{theme, widget};

struct Record {
    meeting: Meeting,
    agenda: Vec<AgendaItem>,
    attendance: Vec<Attendance>,
    minutes: Option<Minutes>,
    decisions: Vec<Decision>,
    actions: Vec<Action>,
}

/// The panel's state.
pub struct State {
    list: Vec<MeetingRow>,
    record: Option<Record>,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    Select(MeetingId),
    OpenContact(crate::domain::ids::ContactId),
}

impl State {
    /// Loads the list.
    pub fn new(store: &Store) -> State {
        let mut s = State {
            list: Vec::new(),
            record: None,
            error: None,
        };
        s.reload(store);
        s
    }

    /// Reloads the list and the open meeting.
    pub fn reload(&mut self, store: &Store) {
        match store.meetings_list(None) {
            Ok(l) => self.list = l,
            Err(e) => self.error = Some(super::describe(&e)),
        }
        if let Some(id) = self.record.as_ref().map(|r| r.meeting.id) {
            self.open(store, id);
        }
    }

    /// Shows one meeting.
    pub fn open(&mut self, store: &Store, id: MeetingId) {
        let record = (|| {
            Ok::<_, crate::store::StoreError>(Record {
                meeting: store.meeting(id)?,
                agenda: store.agenda(id)?,
                attendance: store.attendance(id)?,
                minutes: store.minutes(id)?,
                decisions: store.decisions(id)?,
                actions: store.actions(id)?,
            })
        })();
        match record {
            Ok(r) => {
                self.record = Some(r);
                self.error = None;
            }
            Err(e) => self.error = Some(super::describe(&e)),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, store: &Store) -> Option<Event> {
        match message {
            Message::Select(id) => self.open(store, id),
            Message::OpenContact(id) => return Some(Event::Open(Target::Contact(id))),
        }
        None
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let mut list = column![].spacing(2);
        if self.list.is_empty() {
            list = list.push(widget::muted("Aucune réunion enregistrée."));
        }
        for m in &self.list {
            let selected = self
                .record
                .as_ref()
                .is_some_and(|r| r.meeting.id == m.meeting.id);
            let count = if m.invited > 0 {
                format!(" · {} présents / {}", m.present, m.invited)
            } else {
                String::new()
            };
            list = list.push(widget::entry(
                column![
                    text(m.meeting.title.as_str()),
                    text(format!(
                        "{} · {}{count}",
                        fr::date_short(m.meeting.date),
                        m.meeting.kind.label()
                    ))
                    .size(13),
                ],
                selected,
                Message::Select(m.meeting.id),
            ));
        }
        let left = column![
            widget::title("Réunions"),
            scrollable(list).height(Length::Fill)
        ]
        .spacing(12)
        .width(Length::Fixed(340.0));
        let right: Element<'_, Message> = match &self.record {
            Some(r) => scrollable(record(r)).height(Length::Fill).into(),
            None => widget::muted("Choisissez une réunion dans la liste."),
        };
        let mut page = column![].spacing(8);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        page.push(row![left, column![right].width(Length::Fill)].spacing(20))
            .into()
    }
}

fn record(r: &Record) -> Element<'_, Message> {
    let m = &r.meeting;
    let info = column![
        widget::field("Type", m.kind.label()),
        widget::field(
            "Date",
            format!(
                "{}, de {} à {}",
                fr::date_with_weekday(m.date),
                fr::time(m.start),
                fr::time(m.end)
            )
        ),
        widget::field("Lieu", m.venue.as_str()),
        widget::field("Format", m.format.label()),
        widget::field("Services proposés", m.services.as_str()),
        widget::field("Animation", m.facilitators.as_str()),
    ]
    .spacing(6);
    let mut agenda = column![].spacing(4);
    for item in &r.agenda {
        agenda = agenda.push(column![
            text(format!(
                "{}. {} — {} min — {}",
                item.position, item.title, item.duration_minutes, item.speaker
            )),
            widget::muted(item.notes.as_str()),
        ]);
    }
    let overrun = agenda_overrun_minutes(m, &r.agenda);
    agenda = agenda.push(if overrun > 0 {
        widget::colored(
            format!("L'ordre du jour dépasse la durée de la réunion de {overrun} min."),
            theme::LATE,
        )
    } else {
        widget::muted(format!(
            "Durée totale : {} min sur {} min.",
            m.length_minutes() + overrun,
            m.length_minutes()
        ))
    });
    let mut attendance = column![].spacing(2);
    match attendance_rate(&r.attendance) {
        Some(rate) => {
            attendance = attendance.push(widget::muted(format!(
                "{} participants · taux de présence {}",
                r.attendance.len(),
                fr::percent(rate)
            )))
        }
        None => attendance = attendance.push(widget::muted("Aucun participant enregistré.")),
    }
    for a in &r.attendance {
        attendance = attendance.push(widget::entry(
            row![
                text(a.name.as_str()).width(Length::Fill),
                text(a.status.label())
            ],
            false,
            Message::OpenContact(a.contact),
        ));
    }
    let minutes: Element<'_, Message> = match &r.minutes {
        Some(mn) => {
            let validated = mn
                .validated_on
                .map(|d| format!(", validé le {}", fr::date_long(d)))
                .unwrap_or_default();
            column![
                widget::muted(format!(
                    "{} — version {}{validated}",
                    mn.status.label(),
                    mn.version
                )),
                text(mn.body.as_str())
            ]
            .spacing(6)
            .into()
        }
        None => widget::muted("Pas encore de compte rendu."),
    };
    let mut decisions = column![].spacing(4);
    for d in &r.decisions {
        let vote = if d.vote_result.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.vote_result)
        };
        decisions = decisions.push(text(format!("n° {} — {}{vote}", d.number, d.text)));
    }
    if r.decisions.is_empty() {
        decisions = decisions.push(widget::muted("Aucune décision."));
    }
    let mut actions = column![].spacing(4);
    for a in &r.actions {
        let due = a.due.map(fr::date_short).unwrap_or_default();
        actions = actions.push(text(format!(
            "{} — {} — échéance {due} — {}",
            a.title,
            a.owner,
            a.status.label()
        )));
    }
    if r.actions.is_empty() {
        actions = actions.push(widget::muted("Aucune action."));
    }
    column![
        text(m.title.as_str()).size(22).font(widget::bold()),
        widget::section("Informations", info),
        widget::section("Ordre du jour", agenda),
        widget::section("Émargement", attendance),
        widget::section("Compte rendu", minutes),
        widget::section("Décisions", decisions),
        widget::section("Actions", actions),
    ]
    .spacing(10)
    .padding(widget::GUTTER)
    .into()
}
