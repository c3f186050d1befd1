//! The Tâches tab: the convention's tasks and milestones, with their owner, due date,
//! priority and session; late ones in red; the form that adds or changes one.

use chrono::NaiveDate;
use iced::widget::{button, checkbox, column, pick_list, row, text};
use iced::{Alignment, Element, Length};

use super::{buttons, date_text};
use crate::domain::codes::{Priority, TaskStatus};
use crate::domain::ids::{SessionId, TaskId};
use crate::domain::overview::ConventionOverview;
use crate::domain::parse;
use crate::domain::planning::Task;
use crate::domain::text as fr;
use crate::store::{Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, outcome};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    New,
    Edit(TaskId),
    Status(TaskId, TaskStatus),
    Remove(TaskId),
    Title(String),
    Owner(String),
    Due(String),
    Priority(Priority),
    Milestone(bool),
    Session(Choice<Option<SessionId>>),
    Save,
    Cancel,
}

/// The task form, when open: `Some(None)` for a new task.
#[derive(Debug, Default)]
pub struct State {
    form: Option<Option<TaskId>>,
    title: String,
    owner: String,
    due: String,
    priority: Option<Priority>,
    milestone: bool,
    session: Option<SessionId>,
}

impl State {
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
    ) -> (iced::Task<Msg>, Option<Event>) {
        (iced::Task::none(), outcome(self.apply(msg, store, o)))
    }

    /// Handles a message; `Some(notice)` after a write.
    fn apply(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
    ) -> Result<Option<String>, StoreError> {
        match msg {
            Msg::New => *self = State::opened(None),
            Msg::Edit(id) => {
                if let Some(t) = o.tasks.iter().find(|t| t.id == id) {
                    *self = State {
                        title: t.title.clone(),
                        owner: t.owner.clone(),
                        due: date_text(t.due),
                        priority: Some(t.priority),
                        milestone: t.milestone,
                        session: t.session,
                        ..State::opened(Some(id))
                    };
                }
            }
            Msg::Status(id, status) => {
                if let Some(t) = o.tasks.iter().find(|t| t.id == id) {
                    store.update_task(&Task {
                        status,
                        ..t.clone()
                    })?;
                    return Ok(Some(format!(
                        "Tâche « {} » : {}.",
                        t.title,
                        status.label().to_lowercase()
                    )));
                }
            }
            Msg::Remove(id) => {
                store.remove_task(id)?;
                return Ok(Some("Tâche retirée.".into()));
            }
            Msg::Title(s) => self.title = s,
            Msg::Owner(s) => self.owner = s,
            Msg::Due(s) => self.due = s,
            Msg::Priority(p) => self.priority = Some(p),
            Msg::Milestone(on) => self.milestone = on,
            Msg::Session(c) => self.session = c.value,
            Msg::Cancel => *self = State::default(),
            Msg::Save => return self.save(store, o),
        }
        Ok(None)
    }

    fn opened(form: Option<TaskId>) -> State {
        State {
            form: Some(form),
            ..State::default()
        }
    }

    fn save(
        &mut self,
        store: &mut Store,
        o: &ConventionOverview,
    ) -> Result<Option<String>, StoreError> {
        let Some(id) = self.form else {
            return Ok(None);
        };
        let status = id
            .and_then(|id| o.tasks.iter().find(|t| t.id == id))
            .map_or(TaskStatus::Todo, |t| t.status);
        let task = Task {
            id: id.unwrap_or_default(),
            convention: o.convention.id,
            title: self.title.trim().to_string(),
            owner: self.owner.trim().to_string(),
            due: parse::opt_date(&self.due)?,
            status,
            priority: self.priority.unwrap_or(Priority::Normal),
            milestone: self.milestone,
            session: self.session,
        };
        let notice = if id.is_some() {
            store.update_task(&task)?;
            "Tâche modifiée."
        } else {
            store.add_task(&task)?;
            "Tâche ajoutée."
        };
        *self = State::default();
        Ok(Some(notice.into()))
    }

    pub fn view<'a>(&'a self, o: &'a ConventionOverview, today: NaiveDate) -> Element<'a, Msg> {
        let mut page = column![row![button(text("Nouvelle tâche")).on_press(Msg::New)]].spacing(10);
        if let Some(id) = self.form {
            page = page.push(widget::section(
                if id.is_some() {
                    "Modifier la tâche"
                } else {
                    "Nouvelle tâche"
                },
                self.form(o, id.is_some()),
            ));
        }
        let late = o.tasks.iter().filter(|t| t.is_overdue(today)).count();
        let done = o
            .tasks
            .iter()
            .filter(|t| t.status == TaskStatus::Done)
            .count();
        page = page.push(widget::muted(format!(
            "{} tâche(s) · {done} terminée(s) · {late} en retard",
            o.tasks.len()
        )));
        for t in &o.tasks {
            page = page.push(line(o, t, today));
        }
        page.into()
    }

    fn form<'a>(&'a self, o: &'a ConventionOverview, editing: bool) -> Element<'a, Msg> {
        let sessions: Vec<Choice<Option<SessionId>>> =
            std::iter::once(Choice::new(None, "Aucune séance"))
                .chain(o.sessions.iter().map(|s| {
                    Choice::new(
                        Some(s.id),
                        format!("{} — {}", fr::date_short(s.date), s.title),
                    )
                }))
                .collect();
        let chosen = selected(&sessions, &self.session);
        column![
            widget::input("Intitulé", &self.title, Msg::Title, "task-title"),
            row![
                widget::input("Responsable", &self.owner, Msg::Owner, "task-owner"),
                widget::input("Échéance (jj/mm/aaaa)", &self.due, Msg::Due, "task-due"),
                pick_list(
                    Priority::ALL,
                    Some(self.priority.unwrap_or(Priority::Normal)),
                    Msg::Priority
                ),
            ]
            .spacing(8),
            row![
                checkbox(self.milestone)
                    .label("Jalon")
                    .on_toggle(Msg::Milestone),
                pick_list(sessions, chosen, Msg::Session),
            ]
            .spacing(16)
            .align_y(Alignment::Center),
            buttons(editing, "la tâche", Msg::Save, Msg::Cancel),
        ]
        .spacing(8)
        .into()
    }
}

/// One task: title, who, state, priority, due date, session, and its buttons.
fn line<'a>(o: &'a ConventionOverview, t: &'a Task, today: NaiveDate) -> Element<'a, Msg> {
    let due = t
        .due
        .map(fr::date_short)
        .unwrap_or_else(|| "sans échéance".into());
    let mark = if t.milestone { "◆ " } else { "" };
    let late = t.is_overdue(today);
    let color = if late {
        theme::LATE
    } else if t.status == TaskStatus::Done {
        theme::MUTED
    } else {
        iced::Color::BLACK
    };
    let session = t
        .session
        .and_then(|s| o.sessions.iter().find(|x| x.id == s))
        .map(|s| format!(" · pour « {} »", s.title))
        .unwrap_or_default();
    let owner = if t.owner.is_empty() {
        "sans responsable"
    } else {
        t.owner.as_str()
    };
    let mut line = row![
        column![
            text(format!("{mark}{}", t.title)).color(color),
            text(format!(
                "{owner} · {} · priorité {} · échéance {due}{}{session}",
                t.status.label(),
                t.priority.label().to_lowercase(),
                if late { " (en retard)" } else { "" }
            ))
            .size(12)
            .color(if late { theme::LATE } else { theme::MUTED }),
        ]
        .width(Length::Fill),
    ]
    .spacing(6)
    .align_y(Alignment::Center);
    if t.status != TaskStatus::InProgress && t.status != TaskStatus::Done {
        line = line.push(widget::small_button(
            "En cours",
            Msg::Status(t.id, TaskStatus::InProgress),
        ));
    }
    line = if t.status != TaskStatus::Done {
        line.push(widget::small_button(
            "Terminée",
            Msg::Status(t.id, TaskStatus::Done),
        ))
    } else {
        line.push(widget::small_button(
            "Rouvrir",
            Msg::Status(t.id, TaskStatus::Todo),
        ))
    };
    line.push(widget::small_button("Modifier", Msg::Edit(t.id)))
        .push(widget::small_button("Retirer", Msg::Remove(t.id)))
        .into()
}
