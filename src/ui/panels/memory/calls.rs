//! Appels à projets: the calls and grants the mission answers, soonest deadline first,
//! with what was asked and granted, the convention each would finance, the report due
//! after a grant, and the form that adds or changes one. A deadline within 30 days is
//! marked, within 7 in red.

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, text};
use iced::{Alignment, Element, Length, Task};

use crate::domain::attachment::Owner;
use crate::domain::codes::CallStatus;
use crate::domain::funding::{self, Call};
use crate::domain::ids::{CallId, ConventionId};
use crate::domain::parse;
use crate::domain::text as fr;
use crate::store::{Store, StoreError};
use crate::ui::attachments::{self, Files};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, describe, outcome};
use crate::ui::{theme, widget};

/// A text field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Funder,
    Title,
    Deadline,
    Asked,
    Granted,
    ReportDue,
    Notes,
}

#[derive(Debug, Clone)]
pub enum Msg {
    New,
    Edit(CallId),
    Remove(CallId),
    Field(Field, String),
    Status(CallStatus),
    Convention(Choice<Option<ConventionId>>),
    Save,
    Cancel,
    ConfirmRemove(bool),
    Files(attachments::Msg),
}

/// The form as typed: `id` is `None` for a new call.
#[derive(Debug, Default)]
struct Form {
    id: Option<CallId>,
    funder: String,
    title: String,
    deadline: String,
    asked: String,
    granted: String,
    status: CallStatus,
    convention: Option<ConventionId>,
    report_due: String,
    notes: String,
}

/// The calls, the conventions they may finance, and the form when open.
#[derive(Debug)]
pub struct State {
    calls: Result<Vec<Call>, String>,
    conventions: Vec<Choice<Option<ConventionId>>>,
    form: Option<Form>,
    /// The files of the call being changed.
    files: Option<Files>,
    /// The call whose removal awaits confirmation, with its files.
    removing: Option<(CallId, Files)>,
}

impl State {
    pub fn new(store: &Store) -> State {
        let mut s = State {
            calls: Ok(Vec::new()),
            conventions: Vec::new(),
            form: None,
            files: None,
            removing: None,
        };
        s.reload(store);
        s
    }

    /// Reads the calls and conventions again; a form being typed stays.
    pub fn reload(&mut self, store: &Store) {
        self.calls = store.calls().map_err(|e| describe(&e));
        let mut conventions = vec![Choice::new(None, "Aucune convention")];
        if let Ok(rows) = store.conventions() {
            conventions.extend(rows.into_iter().map(|c| Choice::new(Some(c.id), c.title)));
        }
        self.conventions = conventions;
        if let Some(f) = &mut self.files {
            f.reload(store);
        }
    }

    /// The files of the call being changed (where a file dropped on the window goes).
    pub fn files_mut(&mut self) -> Option<&mut Files> {
        self.files.as_mut()
    }

    /// Opens a call's form; a call gone since leaves the panel as it was.
    pub fn open(&mut self, store: &Store, id: CallId) {
        if let Ok(c) = store.call(id) {
            self.edit(store, c);
        }
    }

    fn edit(&mut self, store: &Store, c: Call) {
        self.files = Some(Files::new(store, Owner::Call(c.id)));
        self.form = Some(Form {
            id: Some(c.id),
            funder: c.funder,
            title: c.title,
            deadline: c.deadline.map(fr::date_short).unwrap_or_default(),
            asked: fr::amount_field(c.asked_cents),
            granted: fr::amount_field(c.granted_cents),
            status: c.status,
            convention: c.convention,
            report_due: c.report_due.map(fr::date_short).unwrap_or_default(),
            notes: c.notes,
        });
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> (Task<Msg>, Option<Event>) {
        if let Msg::Files(m) = msg {
            let files = match &mut self.removing {
                Some((_, f)) => Some(f),
                None => self.files.as_mut(),
            };
            return match files {
                Some(f) => {
                    let (task, event) = f.update(m, store);
                    (task.map(Msg::Files), event)
                }
                None => (Task::none(), None),
            };
        }
        (Task::none(), outcome(self.apply(msg, store)))
    }

    /// Handles a message; `Some(notice)` after a write.
    fn apply(&mut self, msg: Msg, store: &mut Store) -> Result<Option<String>, StoreError> {
        match msg {
            Msg::New => {
                self.form = Some(Form::default());
                self.files = None;
            }
            Msg::Edit(id) => {
                let c = store.call(id)?;
                self.edit(store, c);
            }
            Msg::Remove(id) => self.removing = Some((id, Files::new(store, Owner::Call(id)))),
            Msg::ConfirmRemove(false) => self.removing = None,
            Msg::ConfirmRemove(true) => {
                if let Some((id, files)) = self.removing.take() {
                    store.delete_with_files(Owner::Call(id), files.keep_on_delete(), |s| {
                        s.remove_call(id)
                    })?;
                    if self.form.as_ref().is_some_and(|f| f.id == Some(id)) {
                        self.form = None;
                        self.files = None;
                    }
                    return Ok(Some("Appel à projets retiré.".into()));
                }
            }
            Msg::Files(_) => {}
            Msg::Cancel => {
                self.form = None;
                self.files = None;
            }
            Msg::Save => return self.save(store),
            Msg::Field(field, value) => {
                if let Some(f) = &mut self.form {
                    *match field {
                        Field::Funder => &mut f.funder,
                        Field::Title => &mut f.title,
                        Field::Deadline => &mut f.deadline,
                        Field::Asked => &mut f.asked,
                        Field::Granted => &mut f.granted,
                        Field::ReportDue => &mut f.report_due,
                        Field::Notes => &mut f.notes,
                    } = value;
                }
            }
            Msg::Status(s) => {
                if let Some(f) = &mut self.form {
                    f.status = s;
                }
            }
            Msg::Convention(c) => {
                if let Some(f) = &mut self.form {
                    f.convention = c.value;
                }
            }
        }
        Ok(None)
    }

    fn save(&mut self, store: &mut Store) -> Result<Option<String>, StoreError> {
        let Some(f) = &self.form else {
            return Ok(None);
        };
        let call = Call {
            id: f.id.unwrap_or_default(),
            funder: f.funder.trim().to_string(),
            title: f.title.trim().to_string(),
            deadline: parse::opt_date(&f.deadline)?,
            asked_cents: parse::opt_euros(&f.asked)?,
            granted_cents: parse::opt_euros(&f.granted)?,
            status: f.status,
            convention: f.convention,
            report_due: parse::opt_date(&f.report_due)?,
            notes: f.notes.trim().to_string(),
        };
        let notice = if f.id.is_some() {
            store.update_call(&call)?;
            format!("Appel à projets « {} » enregistré.", call.title)
        } else {
            store.add_call(&call)?;
            format!("Appel à projets « {} » ajouté.", call.title)
        };
        self.form = None;
        self.files = None;
        Ok(Some(notice))
    }

    /// The totals, the form when open, then the calls.
    pub fn view(&self, today: NaiveDate) -> Element<'_, Msg> {
        let calls = match &self.calls {
            Ok(c) => c,
            Err(e) => return widget::colored(e.as_str(), theme::LATE),
        };
        let mut list = column![].spacing(6);
        if calls.is_empty() {
            list = list.push(widget::muted(
                "Aucun appel à projets suivi. « Nouvel appel à projets » ajoute le premier.",
            ));
        }
        for c in calls {
            list = list.push(self.line(c, today));
        }
        let mut page = column![
            row![
                button(text("Nouvel appel à projets")).on_press(Msg::New),
                totals(calls),
            ]
            .spacing(16)
            .align_y(Alignment::Center)
        ]
        .spacing(12);
        if let Some((id, files)) = &self.removing {
            let title = calls
                .iter()
                .find(|c| c.id == *id)
                .map(|c| c.title.as_str())
                .unwrap_or_default();
            page = page.push(widget::section(
                "Retirer un appel à projets",
                column![widget::colored(
                    format!("Retirer « {title} » du suivi ?"),
                    theme::LATE
                ),]
                .push(files.deletion_choice().map(|e| e.map(Msg::Files)))
                .push(
                    row![
                        widget::small_button("Oui, retirer", Msg::ConfirmRemove(true)),
                        widget::small_button("Non", Msg::ConfirmRemove(false)),
                    ]
                    .spacing(6),
                )
                .spacing(8),
            ));
        }
        if let Some(f) = &self.form {
            page = page.push(widget::section(
                if f.id.is_some() {
                    "Modifier l’appel à projets"
                } else {
                    "Nouvel appel à projets"
                },
                self.form_view(f),
            ));
            if let Some(files) = &self.files {
                page = page.push(files.view().map(Msg::Files));
            }
        }
        page.push(widget::section("Appels à projets et subventions", list))
            .into()
    }

    fn form_view<'a>(&'a self, f: &'a Form) -> Element<'a, Msg> {
        let input = widget::input::<Msg>;
        column![
            row![
                input(
                    "Financeur",
                    &f.funder,
                    |s| Msg::Field(Field::Funder, s),
                    "call-funder"
                ),
                input(
                    "Appel",
                    &f.title,
                    |s| Msg::Field(Field::Title, s),
                    "call-title"
                ),
            ]
            .spacing(8),
            row![
                input(
                    "Date limite de dépôt (jj/mm/aaaa)",
                    &f.deadline,
                    |s| Msg::Field(Field::Deadline, s),
                    "call-deadline"
                ),
                input(
                    "Montant demandé (€)",
                    &f.asked,
                    |s| Msg::Field(Field::Asked, s),
                    "call-asked"
                ),
                input(
                    "Montant accordé (€)",
                    &f.granted,
                    |s| Msg::Field(Field::Granted, s),
                    "call-granted"
                ),
            ]
            .spacing(8),
            row![
                text("Statut").color(theme::MUTED),
                pick_list(CallStatus::ALL, Some(f.status), Msg::Status),
                text("Finance").color(theme::MUTED),
                pick_list(
                    self.conventions.as_slice(),
                    selected(&self.conventions, &f.convention),
                    Msg::Convention
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            row![
                input(
                    "Bilan à rendre le (jj/mm/aaaa)",
                    &f.report_due,
                    |s| Msg::Field(Field::ReportDue, s),
                    "call-report"
                ),
                input(
                    "Notes",
                    &f.notes,
                    |s| Msg::Field(Field::Notes, s),
                    "call-notes"
                ),
            ]
            .spacing(8),
            row![
                button(text(if f.id.is_some() {
                    "Enregistrer l’appel"
                } else {
                    "Ajouter l’appel"
                }))
                .on_press(Msg::Save),
                widget::small_button("Annuler", Msg::Cancel),
            ]
            .spacing(8),
        ]
        .spacing(8)
        .into()
    }

    /// One call: title and funder; status, dates, amounts, convention; its reminder.
    fn line<'a>(&'a self, c: &'a Call, today: NaiveDate) -> Element<'a, Msg> {
        let mut facts = vec![c.status.label().to_string()];
        if let Some(d) = c.deadline {
            facts.push(format!("dépôt le {}", fr::date_short(d)));
        }
        if let Some(a) = c.asked_cents {
            facts.push(format!("demandé {}", fr::euros(a)));
        }
        if let Some(g) = c.granted_cents {
            facts.push(format!("accordé {}", fr::euros(g)));
        }
        if let Some(d) = c.report_due {
            facts.push(format!("bilan le {}", fr::date_short(d)));
        }
        if let Some(choice) = c
            .convention
            .and_then(|id| self.conventions.iter().find(|x| x.value == Some(id)))
        {
            facts.push(format!("finance « {} »", choice.label));
        }
        let mut about = column![
            text(format!("{} — {}", c.title, c.funder)).font(widget::bold()),
            text(fr::typography(&facts.join(" · ")))
                .size(13)
                .color(theme::MUTED),
        ];
        if let Some(r) = c.reminder(today) {
            about = about.push(text(fr::typography(&r.sentence())).size(13).color(
                if r.urgency() <= 2 {
                    theme::LATE
                } else {
                    theme::ACCENT
                },
            ));
        }
        if !c.notes.is_empty() {
            about = about.push(text(c.notes.as_str()).size(13));
        }
        row![
            about.width(Length::Fill),
            widget::small_button("Modifier", Msg::Edit(c.id)),
            widget::small_button("Retirer", Msg::Remove(c.id)),
        ]
        .spacing(6)
        .align_y(Alignment::Center)
        .into()
    }
}

/// « Demandé : … · Accordé : … » over the calls filed (déposés, retenus, refusés).
fn totals<'a>(calls: &[Call]) -> Element<'a, Msg> {
    let (asked, granted) = funding::totals(calls);
    widget::muted(fr::typography(&format!(
        "Demandé (appels déposés) : {} · Accordé : {}",
        fr::euros(asked),
        fr::euros(granted)
    )))
}
