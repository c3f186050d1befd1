//! The Calendrier tab: phases and sessions, as a list or a month, with the calendar's
//! conflicts flagged, forms to add or change a phase or a session, and the `.ics`
//! export.

use chrono::{Datelike, Days, Months, NaiveDate};
use iced::widget::{button, column, container, pick_list, row, text};
use iced::{Alignment, Element, Length, Task};

use super::super::{Event, outcome};
use super::date_text;
use crate::domain::attachment::Owner;
use crate::domain::calendar::{conflicts, holiday};
use crate::domain::codes::MeetingKind;
use crate::domain::convention::{Phase, Session};
use crate::domain::ids::{ConventionId, PhaseId, SessionId};
use crate::domain::overview::ConventionOverview;
use crate::domain::parse;
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{Store, StoreError};
use crate::ui::attachments::{self, Files};
use crate::ui::choice::{Choice, selected};
use crate::ui::{theme, widget};

/// The tab's own state: the view and the two forms.
#[derive(Debug, Default)]
pub struct Calendar {
    month_view: bool,
    /// Which form is open, if any.
    session_open: bool,
    phase_open: bool,
    month: Option<NaiveDate>,
    phase: Option<PhaseId>,
    phase_name: String,
    phase_start: String,
    phase_end: String,
    session: Option<SessionId>,
    session_title: String,
    session_phase: Option<PhaseId>,
    session_date: String,
    session_start: String,
    session_end: String,
    session_venue: String,
    session_programme: String,
    session_kind: Option<MeetingKind>,
    /// The session whose removal awaits confirmation, with its files.
    removing: Option<(SessionId, Files)>,
}

/// The tab's messages.
#[derive(Debug, Clone)]
pub enum Msg {
    MonthView(bool),
    NewSession,
    NewPhase,
    MonthShift(i32),
    PhaseName(String),
    PhaseStart(String),
    PhaseEnd(String),
    EditPhase(PhaseId),
    SavePhase,
    RemovePhase(PhaseId),
    Session(SessionField),
    EditSession(SessionId),
    SaveSession,
    RemoveSession(SessionId),
    ConfirmRemoveSession(bool),
    Files(attachments::Msg),
    Cancel,
    /// Handled by the panel: write the `.ics` file.
    Export,
}

/// A change to one field of the session form.
#[derive(Debug, Clone)]
pub enum SessionField {
    Title(String),
    Phase(Choice<Option<PhaseId>>),
    Date(String),
    Start(String),
    End(String),
    Venue(String),
    Programme(String),
    Kind(MeetingKind),
}

impl Calendar {
    fn clear(&mut self) {
        let (month_view, month) = (self.month_view, self.month);
        *self = Calendar {
            month_view,
            month,
            ..Calendar::default()
        };
    }

    /// Handles a message: a task, and what the panel must know.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        if let Msg::Export = msg {
            return (
                Task::none(),
                Some(Event::Export(Document::Calendar(o.convention.id))),
            );
        }
        if let Msg::Files(m) = msg {
            return match &mut self.removing {
                Some((_, f)) => {
                    let (task, event) = f.update(m, store);
                    (task.map(Msg::Files), event)
                }
                None => (Task::none(), None),
            };
        }
        (Task::none(), outcome(self.apply(msg, store, o, today)))
    }

    /// Handles a message; `Some(notice)` after a write.
    fn apply(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
        today: NaiveDate,
    ) -> Result<Option<String>, StoreError> {
        let id = o.convention.id;
        match msg {
            Msg::MonthView(on) => self.month_view = on,
            Msg::NewSession => {
                self.clear();
                self.session_open = true;
            }
            Msg::NewPhase => {
                self.clear();
                self.phase_open = true;
            }
            Msg::MonthShift(n) => {
                let m = self.first_month(o, today);
                self.month = Some(if n < 0 {
                    m - Months::new(n.unsigned_abs())
                } else {
                    m + Months::new(n as u32)
                });
            }
            Msg::PhaseName(s) => self.phase_name = s,
            Msg::PhaseStart(s) => self.phase_start = s,
            Msg::PhaseEnd(s) => self.phase_end = s,
            Msg::EditPhase(p) => self.edit_phase(o, p),
            Msg::SavePhase => return self.save_phase(store, id),
            Msg::RemovePhase(p) => {
                store.remove_phase(p)?;
                return Ok(Some(
                    "Phase retirée ; ses séances restent, sans phase.".into(),
                ));
            }
            Msg::Session(field) => self.set_session(field),
            Msg::EditSession(sid) => self.edit_session(o, sid),
            Msg::SaveSession => return self.save_session(store, id),
            Msg::RemoveSession(s) => {
                let files = Files::new(store, Owner::Session(s));
                if files.count() == 0 {
                    store.remove_session(s)?;
                    return Ok(Some("Séance retirée du calendrier.".into()));
                }
                // A session with files asks what becomes of them.
                self.removing = Some((s, files));
            }
            Msg::ConfirmRemoveSession(false) => self.removing = None,
            Msg::ConfirmRemoveSession(true) => {
                if let Some((s, files)) = self.removing.take() {
                    store.delete_with_files(Owner::Session(s), files.keep_on_delete(), |st| {
                        st.remove_session(s)
                    })?;
                    return Ok(Some("Séance retirée du calendrier.".into()));
                }
            }
            Msg::Files(_) => {}
            Msg::Cancel => self.clear(),
            Msg::Export => {}
        }
        Ok(None)
    }

    fn edit_phase(&mut self, o: &ConventionOverview, p: PhaseId) {
        if let Some(p) = o.phases.iter().find(|x| x.id == p) {
            self.clear();
            self.phase_open = true;
            self.phase = Some(p.id);
            self.phase_name = p.name.clone();
            self.phase_start = date_text(p.start_date);
            self.phase_end = date_text(p.end_date);
        }
    }

    fn save_phase(
        &mut self,
        store: &mut Store,
        id: ConventionId,
    ) -> Result<Option<String>, StoreError> {
        let phase = Phase {
            id: self.phase.unwrap_or_default(),
            convention: id,
            position: 0,
            name: self.phase_name.clone(),
            start_date: parse::opt_date(&self.phase_start)?,
            end_date: parse::opt_date(&self.phase_end)?,
        };
        let notice = if self.phase.is_some() {
            store.update_phase(&phase)?;
            "Phase modifiée."
        } else {
            store.add_phase(&phase)?;
            "Phase ajoutée au calendrier."
        };
        self.clear();
        Ok(Some(notice.into()))
    }

    fn set_session(&mut self, field: SessionField) {
        match field {
            SessionField::Title(s) => self.session_title = s,
            SessionField::Phase(c) => self.session_phase = c.value,
            SessionField::Date(s) => self.session_date = s,
            SessionField::Start(s) => self.session_start = s,
            SessionField::End(s) => self.session_end = s,
            SessionField::Venue(s) => self.session_venue = s,
            SessionField::Programme(s) => self.session_programme = s,
            SessionField::Kind(k) => self.session_kind = Some(k),
        }
    }

    fn edit_session(&mut self, o: &ConventionOverview, sid: SessionId) {
        if let Some(s) = o.sessions.iter().find(|x| x.id == sid) {
            self.clear();
            self.session_open = true;
            self.session = Some(s.id);
            self.session_title = s.title.clone();
            self.session_phase = s.phase;
            self.session_date = fr::date_short(s.date);
            self.session_start = s.start.format("%Hh%M").to_string();
            self.session_end = s.end.format("%Hh%M").to_string();
            self.session_venue = s.venue.clone();
            self.session_programme = s.programme.clone();
            self.session_kind = Some(s.kind);
        }
    }

    /// Saves the session; a session without hours runs 9h30–17h.
    fn save_session(
        &mut self,
        store: &mut Store,
        id: ConventionId,
    ) -> Result<Option<String>, StoreError> {
        let start = if self.session_start.trim().is_empty() {
            "9h30"
        } else {
            self.session_start.as_str()
        };
        let end = if self.session_end.trim().is_empty() {
            "17h"
        } else {
            self.session_end.as_str()
        };
        let session = Session {
            id: self.session.unwrap_or_default(),
            convention: id,
            phase: self.session_phase,
            title: self.session_title.trim().to_string(),
            date: parse::date(&self.session_date)?,
            start: parse::time(start)?,
            end: parse::time(end)?,
            venue: self.session_venue.trim().to_string(),
            programme: self.session_programme.trim().to_string(),
            kind: self.session_kind.unwrap_or(MeetingKind::Plenary),
        };
        let notice = if self.session.is_some() {
            store.update_session(&session)?;
            "Séance modifiée."
        } else {
            store.add_session(&session)?;
            "Séance ajoutée au calendrier."
        };
        self.month = Some(session.date.with_day(1).unwrap_or(session.date));
        self.clear();
        Ok(Some(notice.into()))
    }

    /// The month shown: the one chosen, else the next session's, else today's.
    fn first_month(&self, o: &ConventionOverview, today: NaiveDate) -> NaiveDate {
        let d = self.month.unwrap_or_else(|| {
            o.sessions
                .iter()
                .map(|s| s.date)
                .find(|d| *d >= today)
                .unwrap_or(today)
        });
        d.with_day(1).unwrap_or(d)
    }

    /// The tab.
    pub fn view<'a>(&'a self, o: &'a ConventionOverview, today: NaiveDate) -> Element<'a, Msg> {
        let found = conflicts(&o.phases, &o.sessions);
        let flagged: Vec<SessionId> = found.iter().flat_map(|(c, _)| c.sessions()).collect();
        let mut page = column![
            row![
                button(text("Liste").size(14))
                    .padding([5, 12])
                    .style(theme::entry(!self.month_view))
                    .on_press(Msg::MonthView(false)),
                button(text("Mois").size(14))
                    .padding([5, 12])
                    .style(theme::entry(self.month_view))
                    .on_press(Msg::MonthView(true)),
                iced::widget::Space::new().width(Length::Fixed(16.0)),
                button(text("Nouvelle séance")).on_press(Msg::NewSession),
                button(text("Nouvelle phase"))
                    .style(button::secondary)
                    .on_press(Msg::NewPhase),
                iced::widget::Space::new().width(Length::Fill),
                button(text("Exporter le calendrier (.ics)"))
                    .style(button::secondary)
                    .on_press(Msg::Export),
            ]
            .spacing(4)
            .align_y(Alignment::Center)
        ]
        .spacing(12);
        if let Some((s, files)) = &self.removing {
            let title = o
                .sessions
                .iter()
                .find(|x| x.id == *s)
                .map_or("", |x| x.title.as_str());
            page = page.push(widget::section(
                "Retirer une séance",
                column![widget::colored(
                    fr::typography(&format!("Retirer « {title} » du calendrier ?")),
                    theme::LATE
                )]
                .push(files.deletion_choice().map(|e| e.map(Msg::Files)))
                .push(
                    row![
                        widget::small_button("Oui, retirer", Msg::ConfirmRemoveSession(true)),
                        widget::small_button("Non", Msg::ConfirmRemoveSession(false)),
                    ]
                    .spacing(6),
                )
                .spacing(8),
            ));
        }
        if self.session_open {
            page = page.push(self.session_form(o));
        }
        if self.phase_open {
            page = page.push(self.phase_form());
        }
        if found.is_empty() {
            page = page.push(widget::muted("Aucun conflit dans le calendrier."));
        } else {
            let mut warnings = column![].spacing(2);
            for (_, sentence) in found {
                warnings = warnings.push(widget::colored(sentence, theme::LATE));
            }
            page = page.push(warnings);
        }
        page = page.push(if self.month_view {
            self.month_grid(o, today, &flagged)
        } else {
            list(o, today, &flagged)
        });
        page.into()
    }

    fn month_grid<'a>(
        &'a self,
        o: &'a ConventionOverview,
        today: NaiveDate,
        flagged: &[SessionId],
    ) -> Element<'a, Msg> {
        let first = self.first_month(o, today);
        let next = first + Months::new(1);
        let month_name = fr::date_long(first);
        let month_name = month_name
            .split_once(' ')
            .map(|(_, rest)| rest.to_string())
            .unwrap_or(month_name);
        let mut grid = column![
            row![
                widget::small_button("← Mois précédent", Msg::MonthShift(-1)),
                text(month_name)
                    .size(18)
                    .font(widget::bold())
                    .width(Length::Fill)
                    .align_x(Alignment::Center),
                widget::small_button("Mois suivant →", Msg::MonthShift(1)),
            ]
            .align_y(Alignment::Center),
        ]
        .spacing(2);
        let mut header = row![].spacing(2);
        for d in ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."] {
            header = header.push(
                text(d)
                    .size(13)
                    .color(theme::MUTED)
                    .width(Length::FillPortion(1)),
            );
        }
        grid = grid.push(header);
        let mut day = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
        while day < next {
            let mut week = row![].spacing(2);
            for _ in 0..7 {
                let mut cell = column![text(day.day().to_string()).size(12).color(
                    if day.month() == first.month() {
                        theme::MUTED
                    } else {
                        iced::Color::from_rgb(0.8, 0.8, 0.8)
                    }
                )]
                .spacing(1);
                if let Some(name) = holiday(day) {
                    cell = cell.push(text(name).size(10).color(theme::LATE));
                }
                for s in o.sessions.iter().filter(|s| s.date == day) {
                    let color = if flagged.contains(&s.id) {
                        theme::LATE
                    } else {
                        theme::ACCENT
                    };
                    cell = cell.push(
                        button(
                            text(format!("{} {}", fr::time(s.start), s.title))
                                .size(11)
                                .color(color),
                        )
                        .style(button::text)
                        .padding(0)
                        .on_press(Msg::EditSession(s.id)),
                    );
                }
                week = week.push(
                    container(cell)
                        .padding(4)
                        .width(Length::FillPortion(1))
                        .height(Length::Fixed(78.0))
                        .style(theme::card),
                );
                day = day + Days::new(1);
            }
            grid = grid.push(week);
        }
        grid.into()
    }

    fn phase_form(&self) -> Element<'_, Msg> {
        let editing = self.phase.is_some();
        let buttons = row![
            button(text(if editing {
                "Enregistrer la phase"
            } else {
                "Ajouter la phase"
            }))
            .on_press(Msg::SavePhase),
            widget::small_button("Annuler", Msg::Cancel),
        ]
        .spacing(8);
        widget::section(
            if editing {
                "Modifier la phase"
            } else {
                "Ajouter une phase"
            },
            column![
                row![
                    widget::input(
                        "Nom de la phase",
                        &self.phase_name,
                        Msg::PhaseName,
                        "phase-name"
                    ),
                    widget::input(
                        "Début (jj/mm/aaaa)",
                        &self.phase_start,
                        Msg::PhaseStart,
                        "phase-start"
                    ),
                    widget::input(
                        "Fin (jj/mm/aaaa)",
                        &self.phase_end,
                        Msg::PhaseEnd,
                        "phase-end"
                    ),
                ]
                .spacing(8),
                buttons,
            ]
            .spacing(8),
        )
    }

    fn session_form<'a>(&'a self, o: &'a ConventionOverview) -> Element<'a, Msg> {
        let editing = self.session.is_some();
        let phases: Vec<Choice<Option<PhaseId>>> = std::iter::once(Choice::new(None, "Sans phase"))
            .chain(
                o.phases
                    .iter()
                    .map(|p| Choice::new(Some(p.id), format!("Phase {} — {}", p.position, p.name))),
            )
            .collect();
        let chosen = selected(&phases, &self.session_phase);
        let buttons = row![
            button(text(if editing {
                "Enregistrer la séance"
            } else {
                "Ajouter la séance"
            }))
            .on_press(Msg::SaveSession),
            widget::small_button("Annuler", Msg::Cancel),
        ]
        .spacing(8);
        widget::section(
            if editing {
                "Modifier la séance"
            } else {
                "Ajouter une séance"
            },
            column![
                widget::input(
                    "Intitulé de la séance",
                    &self.session_title,
                    |s| Msg::Session(SessionField::Title(s)),
                    "session-title"
                ),
                row![
                    widget::input(
                        "Date (jj/mm/aaaa)",
                        &self.session_date,
                        |s| Msg::Session(SessionField::Date(s)),
                        "session-date"
                    ),
                    widget::input(
                        "Début (9h30)",
                        &self.session_start,
                        |s| Msg::Session(SessionField::Start(s)),
                        "session-start"
                    ),
                    widget::input(
                        "Fin (17h)",
                        &self.session_end,
                        |s| Msg::Session(SessionField::End(s)),
                        "session-end"
                    ),
                    pick_list(phases, chosen, |c| Msg::Session(SessionField::Phase(c))),
                    pick_list(
                        MeetingKind::ALL,
                        Some(self.session_kind.unwrap_or(MeetingKind::Plenary)),
                        |k| Msg::Session(SessionField::Kind(k))
                    ),
                ]
                .spacing(8),
                widget::input(
                    "Lieu",
                    &self.session_venue,
                    |s| Msg::Session(SessionField::Venue(s)),
                    "session-venue"
                ),
                widget::input(
                    "Programme",
                    &self.session_programme,
                    |s| Msg::Session(SessionField::Programme(s)),
                    "session-programme"
                ),
                buttons,
            ]
            .spacing(8),
        )
    }
}

/// Phases with their sessions, then the sessions without a phase.
fn list<'a>(
    o: &'a ConventionOverview,
    today: NaiveDate,
    flagged: &[SessionId],
) -> Element<'a, Msg> {
    let mut col = column![].spacing(6);
    let session_line = |s: &'a Session| -> Element<'a, Msg> {
        let color = if flagged.contains(&s.id) {
            theme::LATE
        } else if s.date < today {
            theme::MUTED
        } else {
            iced::Color::BLACK
        };
        row![
            text(format!(
                "{} · {} – {} · {} · {} · {}",
                fr::date_with_weekday(s.date),
                fr::time(s.start),
                fr::time(s.end),
                s.title,
                s.kind.label(),
                s.venue
            ))
            .color(color)
            .width(Length::Fill),
            widget::small_button("Modifier", Msg::EditSession(s.id)),
            widget::small_button("Retirer", Msg::RemoveSession(s.id)),
        ]
        .spacing(6)
        .align_y(Alignment::Center)
        .into()
    };
    for p in &o.phases {
        let dates = match (p.start_date, p.end_date) {
            (Some(s), Some(e)) => format!(" — du {} au {}", fr::date_long(s), fr::date_long(e)),
            (Some(s), None) => format!(" — à partir du {}", fr::date_long(s)),
            _ => " — dates à fixer".into(),
        };
        col = col.push(
            row![
                text(format!("Phase {} — {}{dates}", p.position, p.name))
                    .font(widget::bold())
                    .width(Length::Fill),
                widget::small_button("Modifier", Msg::EditPhase(p.id)),
                widget::small_button("Retirer", Msg::RemovePhase(p.id)),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
        );
        let mut any = false;
        for s in o.sessions.iter().filter(|s| s.phase == Some(p.id)) {
            col = col.push(session_line(s));
            any = true;
        }
        if !any {
            col = col.push(widget::muted("Aucune séance dans cette phase."));
        }
    }
    let loose: Vec<&Session> = o.sessions.iter().filter(|s| s.phase.is_none()).collect();
    if !loose.is_empty() {
        col = col.push(text("Séances sans phase").font(widget::bold()));
        for s in loose {
            col = col.push(session_line(s));
        }
    }
    col.into()
}
