//! A meeting's record: its header (title, type, date, state of the minutes, change or
//! delete the meeting) and five tabs, one module each — the fiche, the agenda, the
//! émargement, the compte rendu, the decisions and actions. The tabs read the record
//! loaded here and keep what is being typed while the same meeting stays open.

mod agenda;
mod attendance;
mod decisions;
mod details;
mod minutes;

use chrono::NaiveDate;
use iced::widget::{column, container, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};

use super::Up;
use super::form::Form;
use crate::domain::attachment::Owner;
use crate::domain::ids::MeetingId;
use crate::domain::meeting::MeetingRecord;
use crate::domain::text as fr;
use crate::store::{Store, StoreError};
use crate::ui::attachments::{self, Files};
use crate::ui::panels::describe;
use crate::ui::{theme, widget};

/// The tabs of a meeting's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Details,
    Agenda,
    Attendance,
    Minutes,
    Decisions,
    Files,
}

impl Tab {
    const ALL: [Tab; 6] = [
        Tab::Details,
        Tab::Agenda,
        Tab::Attendance,
        Tab::Minutes,
        Tab::Decisions,
        Tab::Files,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::Details => "Fiche",
            Tab::Agenda => "Ordre du jour",
            Tab::Attendance => "Émargement",
            Tab::Minutes => "Compte rendu",
            Tab::Decisions => "Décisions et actions",
            Tab::Files => "Pièces jointes",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Msg {
    Tab(Tab),
    Edit,
    Delete,
    ConfirmDelete(bool),
    Agenda(agenda::Msg),
    Attendance(attendance::Msg),
    Minutes(minutes::Msg),
    Decisions(decisions::Msg),
    Files(attachments::Msg),
}

/// The open meeting.
pub struct State {
    today: NaiveDate,
    record: MeetingRecord,
    tab: Tab,
    confirm_delete: bool,
    agenda: agenda::State,
    attendance: attendance::State,
    minutes: minutes::State,
    decisions: decisions::State,
    files: Files,
}

/// Whether the agenda, the émargement and the decisions can still change: not once
/// the minutes are validated.
fn editable(r: &MeetingRecord) -> bool {
    r.minutes
        .as_ref()
        .is_none_or(|m| crate::domain::minutes::check_editable(m.status).is_ok())
}

impl State {
    /// Opens meeting `id` on its fiche.
    pub fn open(store: &Store, id: MeetingId, today: NaiveDate) -> Result<State, StoreError> {
        let record = store.meeting_record(id)?;
        let mut s = State {
            today,
            tab: Tab::Details,
            confirm_delete: false,
            agenda: agenda::State::default(),
            attendance: attendance::State::default(),
            minutes: minutes::State::new(&record),
            decisions: decisions::State::default(),
            files: Files::new(store, Owner::Meeting(id)),
            record,
        };
        s.load_tabs(store)?;
        Ok(s)
    }

    /// Reads the record again after a change, keeping the tab and what is typed.
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.record = store.meeting_record(self.id())?;
        self.load_tabs(store)
    }

    fn load_tabs(&mut self, store: &Store) -> Result<(), StoreError> {
        self.files.reload(store);
        self.attendance.reload(store)?;
        self.minutes.reload(store, &self.record)?;
        self.decisions.reload(store, &self.record)
    }

    pub fn id(&self) -> MeetingId {
        self.record.meeting.id
    }

    /// The meeting's files (where a file dropped on the window goes).
    pub fn files_mut(&mut self) -> &mut Files {
        &mut self.files
    }

    /// Shows `tab` (a new meeting opens on its agenda).
    pub fn show(&mut self, tab: Tab) {
        self.tab = tab;
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Up>) {
        let r = &self.record;
        let (task, event) = match msg {
            Msg::Tab(t) => {
                self.tab = t;
                return (Task::none(), None);
            }
            Msg::Edit => return (Task::none(), Some(Up::Form(Form::edit(&r.meeting)))),
            Msg::Delete | Msg::ConfirmDelete(false) => {
                self.confirm_delete = matches!(msg, Msg::Delete);
                return (Task::none(), None);
            }
            Msg::ConfirmDelete(true) => {
                let id = r.meeting.id;
                let keep = self.files.keep_on_delete();
                let up = match store
                    .delete_with_files(Owner::Meeting(id), keep, |s| s.delete_meeting(id))
                {
                    Ok(_) => Up::Deleted,
                    Err(e) => Up::App(crate::ui::panels::Event::Notice(describe(&e))),
                };
                return (Task::none(), Some(up));
            }
            Msg::Agenda(m) => {
                let (t, e) = self.agenda.update(m, store, r);
                (t.map(Msg::Agenda), e)
            }
            Msg::Attendance(m) => {
                let (t, e) = self.attendance.update(m, store, r);
                (t.map(Msg::Attendance), e)
            }
            Msg::Minutes(m) => {
                let (t, e) = self.minutes.update(m, store, r, self.today);
                (t.map(Msg::Minutes), e)
            }
            Msg::Decisions(m) => {
                let (t, e) = self.decisions.update(m, store, r);
                (t.map(Msg::Decisions), e)
            }
            Msg::Files(m) => {
                let (t, e) = self.files.update(m, store);
                (t.map(Msg::Files), e)
            }
        };
        (task, event.map(Up::App))
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let r = &self.record;
        let mut tabs = row![].spacing(4);
        for tab in Tab::ALL {
            tabs = tabs.push(widget::tab(tab.label(), tab == self.tab, Msg::Tab(tab)));
        }
        let status = match &r.minutes {
            Some(mn) => format!(
                "compte rendu {} (version {})",
                mn.status.label().to_lowercase(),
                mn.version
            ),
            None => "pas encore de compte rendu".into(),
        };
        let body: Element<'_, Msg> = match self.tab {
            Tab::Details => details::view(r),
            Tab::Agenda => self.agenda.view(r).map(Msg::Agenda),
            Tab::Attendance => self.attendance.view(r).map(Msg::Attendance),
            Tab::Minutes => self.minutes.view(r).map(Msg::Minutes),
            Tab::Decisions => self.decisions.view(r, self.today).map(Msg::Decisions),
            Tab::Files => self.files.view().map(Msg::Files),
        };
        let sheet = if self.files.has_signed_sheet() {
            " · feuille d’émargement signée jointe"
        } else {
            ""
        };
        column![
            row![
                text(r.meeting.title.as_str()).size(22).font(widget::bold()),
                self.actions()
            ]
            .spacing(10)
            .align_y(Alignment::Center),
            widget::muted(format!(
                "{} · {} · {status}{sheet}",
                r.meeting.kind.label(),
                fr::date_with_weekday(r.meeting.date)
            )),
            tabs,
            scrollable(container(body).padding(widget::GUTTER)).height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }

    /// « Modifier la réunion », and « Supprimer » with its confirmation.
    fn actions(&self) -> Element<'_, Msg> {
        let actions = row![
            iced::widget::Space::new().width(Length::Fill),
            widget::small_button("Modifier la réunion", Msg::Edit),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        if !self.confirm_delete {
            return actions
                .push(widget::small_button("Supprimer", Msg::Delete))
                .into();
        }
        actions
            .push(widget::colored(
                "Supprimer cette réunion et tout ce qui s'y rattache ?",
                theme::LATE,
            ))
            .push(self.files.deletion_choice().map(|e| e.map(Msg::Files)))
            .push(widget::small_button(
                "Oui, supprimer",
                Msg::ConfirmDelete(true),
            ))
            .push(widget::small_button("Non", Msg::ConfirmDelete(false)))
            .into()
    }
}
