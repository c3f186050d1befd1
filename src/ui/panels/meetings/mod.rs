//! The Réunions panel: every meeting (list with filters, or a week), a meeting's record
//! in tabs — details, agenda, émargement, compte rendu with its workflow and versions,
//! decisions and actions — and, across meetings, the actions to follow, a convention's
//! timeline and a full-text search of the traces. Exports the compte rendu and the
//! feuille d'émargement.

mod across;
mod form;
mod record;

use chrono::{Datelike, Days, NaiveDate};
use iced::widget::{button, column, row, text, text_editor};
use iced::{Element, Length, Task};

use super::{Event, Target, describe};
use crate::domain::codes::{
    ActionStatus, AttendanceStatus, MeetingKind, MinutesStatus, TimelineKind,
};
use crate::domain::ids::{
    ActionId, AgendaItemId, ContactId, ConventionId, DecisionId, MeetingId, ProposalId,
};
use crate::domain::meeting::{AgendaItem, MeetingRecord, PersonAttendance};
use crate::domain::minutes::MinutesVersion;
use crate::domain::parse;
use crate::domain::timeline::{TimelineEntry, TimelineFilter};
use crate::export::Document;
use crate::store::{
    ActionRow, ActionView, ContactFilter, ContactRow, GroupRow, LinkedProposal, MeetingFilter,
    MeetingRow, Store, StoreError, TraceHit,
};
use crate::ui::choice::Choice;
use crate::ui::{theme, widget};

pub use form::{Field, Form};

/// What the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Meetings,
    Actions,
    Timeline,
    Search,
}

impl View {
    const ALL: [View; 4] = [View::Meetings, View::Actions, View::Timeline, View::Search];

    fn label(self) -> &'static str {
        match self {
            View::Meetings => "Réunions",
            View::Actions => "Suivi des actions",
            View::Timeline => "Chronologie",
            View::Search => "Recherche",
        }
    }
}

/// The tabs of a meeting's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Details,
    Agenda,
    Attendance,
    Minutes,
    Decisions,
}

impl Tab {
    const ALL: [Tab; 5] = [
        Tab::Details,
        Tab::Agenda,
        Tab::Attendance,
        Tab::Minutes,
        Tab::Decisions,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::Details => "Fiche",
            Tab::Agenda => "Ordre du jour",
            Tab::Attendance => "Émargement",
            Tab::Minutes => "Compte rendu",
            Tab::Decisions => "Décisions et actions",
        }
    }
}

/// Which meetings the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    All,
    Upcoming,
    Past,
    ThisMonth,
    Week,
}

impl Period {
    const ALL: [Period; 5] = [
        Period::All,
        Period::Upcoming,
        Period::Past,
        Period::ThisMonth,
        Period::Week,
    ];
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Period::All => "Toutes les dates",
            Period::Upcoming => "À venir",
            Period::Past => "Passées",
            Period::ThisMonth => "Ce mois-ci",
            Period::Week => "Vue semaine",
        })
    }
}

/// A document of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Minutes,
    AttendanceSheet,
}

/// The open meeting and what its tabs edit.
struct Open {
    record: MeetingRecord,
    versions: Vec<MinutesVersion>,
    linkable: Vec<LinkedProposal>,
    body: text_editor::Content,
    notes: Vec<(AgendaItemId, text_editor::Content)>,
    /// Version shown read-only, if an older one was picked.
    shown_version: Option<u32>,
}

/// Fields of the small forms inside the tabs.
#[derive(Debug, Default)]
struct Drafts {
    item_title: String,
    item_duration: String,
    item_speaker: String,
    item_parent: Option<AgendaItemId>,
    /// The item being changed, when the form edits rather than adds.
    editing_item: Option<AgendaItemId>,
    invite_search: String,
    invite_results: Vec<ContactRow>,
    attendance_filter: String,
    correction_reason: String,
    decision_text: String,
    decision_vote: String,
    action_title: String,
    action_owner: String,
    action_due: String,
    sheet_details: bool,
}

/// The panel's state.
pub struct State {
    today: NaiveDate,
    view: View,
    conventions: Vec<Choice<Option<ConventionId>>>,
    /// The same, for the form: "none" instead of "all".
    form_conventions: Vec<Choice<Option<ConventionId>>>,
    kinds: Vec<Choice<Option<MeetingKind>>>,
    groups: Vec<GroupRow>,
    filter_convention: Option<ConventionId>,
    filter_kind: Option<MeetingKind>,
    period: Period,
    week: NaiveDate,
    list: Vec<MeetingRow>,
    open: Option<Open>,
    tab: Tab,
    form: Option<Form>,
    form_error: Option<String>,
    drafts: Drafts,
    confirm_delete: bool,
    actions_view: ActionView,
    actions_owner: String,
    owners: Vec<Choice<String>>,
    actions: Vec<ActionRow>,
    timeline_convention: Option<ConventionId>,
    timeline_kinds: Vec<TimelineKind>,
    timeline_from: String,
    timeline_to: String,
    timeline: Vec<TimelineEntry>,
    people: Vec<PersonAttendance>,
    compensation_days: Option<u32>,
    search: String,
    hits: Vec<TraceHit>,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    View(View),
    FilterConvention(Choice<Option<ConventionId>>),
    FilterKind(Choice<Option<MeetingKind>>),
    Period(Period),
    WeekShift(i64),
    Select(MeetingId),
    Tab(Tab),
    OpenContact(ContactId),
    New,
    Edit,
    Form(Field),
    SaveForm,
    CancelForm,
    Delete,
    ConfirmDelete(bool),
    ItemTitle(String),
    ItemDuration(String),
    ItemSpeaker(String),
    ItemParent(Choice<Option<AgendaItemId>>),
    AddItem,
    EditItem(AgendaItemId),
    CancelItem,
    RemoveItem(AgendaItemId),
    MoveItem(AgendaItemId, bool),
    InviteSearch(String),
    Invite(ContactId),
    InvitePanel,
    InviteGroup(Choice<i64>),
    AttendanceFilter(String),
    Mark(ContactId, AttendanceStatus),
    MarkAll(AttendanceStatus),
    Late(ContactId, bool),
    Early(ContactId, bool),
    RemoveParticipant(ContactId),
    BodyEdited(text_editor::Action),
    NotesEdited(usize, text_editor::Action),
    SaveMinutes,
    MinutesTo(MinutesStatus),
    CorrectionReason(String),
    Correct,
    ShowVersion(Option<u32>),
    DecisionText(String),
    DecisionVote(String),
    AddDecision,
    RemoveDecision(DecisionId),
    ActionTitle(String),
    ActionOwner(String),
    ActionDue(String),
    AddAction,
    SetAction(ActionId, ActionStatus),
    LinkProposal(ProposalId, bool),
    SheetDetails(bool),
    Export(Doc),
    ActionsView(ActionView),
    ActionsOwner(Choice<String>),
    TimelineConvention(Choice<Option<ConventionId>>),
    TimelineKind(TimelineKind, bool),
    TimelineFrom(String),
    TimelineTo(String),
    Search(String),
}

/// What an update returns after a write that needs no message: reload, say nothing.
fn changed() -> Option<String> {
    Some(String::new())
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

impl State {
    /// Loads the lists as of `today`.
    pub fn new(store: &Store, today: NaiveDate) -> State {
        let mut s = State {
            today,
            view: View::Meetings,
            conventions: Vec::new(),
            form_conventions: Vec::new(),
            kinds: std::iter::once(Choice::new(None, "Tous les types"))
                .chain(
                    MeetingKind::ALL
                        .iter()
                        .map(|k| Choice::new(Some(*k), k.label())),
                )
                .collect(),
            groups: Vec::new(),
            filter_convention: None,
            filter_kind: None,
            period: Period::All,
            week: monday(today),
            list: Vec::new(),
            open: None,
            tab: Tab::Details,
            form: None,
            form_error: None,
            drafts: Drafts::default(),
            confirm_delete: false,
            actions_view: ActionView::Open,
            actions_owner: String::new(),
            owners: Vec::new(),
            actions: Vec::new(),
            timeline_convention: None,
            timeline_kinds: Vec::new(),
            timeline_from: String::new(),
            timeline_to: String::new(),
            timeline: Vec::new(),
            people: Vec::new(),
            compensation_days: None,
            search: String::new(),
            hits: Vec::new(),
            error: None,
        };
        s.reload(store);
        // Start on the latest meeting held: the one whose traces are being written.
        if let Some(id) = s
            .list
            .iter()
            .find(|m| m.meeting.date <= today)
            .or(s.list.last())
            .map(|m| m.meeting.id)
            && let Err(e) = s.open_meeting(store, id)
        {
            s.error = Some(describe(&e));
        }
        s
    }

    /// Reloads everything shown, keeping the open meeting and the filters.
    pub fn reload(&mut self, store: &Store) {
        if let Err(e) = self.try_reload(store) {
            self.error = Some(describe(&e));
        }
    }

    fn try_reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.conventions = std::iter::once(Choice::new(None, "Toutes les conventions"))
            .chain(
                store
                    .conventions()?
                    .into_iter()
                    .map(|c| Choice::new(Some(c.id), c.title)),
            )
            .collect();
        self.form_conventions = self.conventions.clone();
        if let Some(first) = self.form_conventions.first_mut() {
            first.label = "Aucune (réunion hors convention)".into();
        }
        if self.timeline_convention.is_none() {
            self.timeline_convention = self.conventions.get(1).and_then(|c| c.value);
        }
        self.groups = store.groups()?;
        self.list = store.meetings_list(&self.filter())?;
        self.owners = std::iter::once(Choice::new(String::new(), "Tous les responsables"))
            .chain(
                store
                    .action_owners()?
                    .into_iter()
                    .map(|o| Choice::new(o.clone(), o)),
            )
            .collect();
        self.actions = store.all_actions(self.actions_view, &self.actions_owner, self.today)?;
        self.load_timeline(store)?;
        self.hits = store.search_traces(&self.search, 100)?;
        if let Some(id) = self.open.as_ref().map(|o| o.record.meeting.id) {
            self.open_meeting(store, id)?;
        }
        self.error = None;
        Ok(())
    }

    fn filter(&self) -> MeetingFilter {
        let (from, to) = match self.period {
            Period::All => (None, None),
            Period::Upcoming => (Some(self.today), None),
            Period::Past => (None, self.today.pred_opt()),
            Period::ThisMonth => {
                let first = self.today.with_day(1).unwrap_or(self.today);
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first);
                (Some(first), next.pred_opt())
            }
            Period::Week => (Some(self.week), Some(self.week + Days::new(6))),
        };
        MeetingFilter {
            convention: self.filter_convention,
            kind: self.filter_kind,
            from,
            to,
        }
    }

    fn load_timeline(&mut self, store: &Store) -> Result<(), StoreError> {
        let Some(c) = self.timeline_convention else {
            self.timeline.clear();
            self.people.clear();
            self.compensation_days = None;
            return Ok(());
        };
        let filter = TimelineFilter {
            kinds: self.timeline_kinds.clone(),
            from: parse::date(&self.timeline_from).ok(),
            to: parse::date(&self.timeline_to).ok(),
        };
        self.timeline = store.timeline(c, &filter)?;
        self.people = store.person_attendance(c)?;
        self.compensation_days = Some(store.compensation_days(c)?);
        Ok(())
    }

    /// Shows one meeting (from this panel or from elsewhere).
    pub fn open(&mut self, store: &Store, id: MeetingId) {
        self.view = View::Meetings;
        self.form = None;
        match self.open_meeting(store, id) {
            Ok(()) => self.error = None,
            Err(e) => self.error = Some(describe(&e)),
        }
    }

    fn open_meeting(&mut self, store: &Store, id: MeetingId) -> Result<(), StoreError> {
        let record = store.meeting_record(id)?;
        let same = self
            .open
            .as_ref()
            .is_some_and(|o| o.record.meeting.id == id);
        if !same {
            self.tab = Tab::Details;
            self.drafts = Drafts::default();
            self.confirm_delete = false;
        }
        // Reopening the same meeting after a write keeps what is being typed in the
        // compte rendu's editors.
        let previous = self.open.take().filter(|_| same);
        let (body, mut old_notes) = match previous {
            Some(o) => (o.body, o.notes),
            None => (
                text_editor::Content::with_text(
                    record
                        .minutes
                        .as_ref()
                        .map(|m| m.body.as_str())
                        .unwrap_or(""),
                ),
                Vec::new(),
            ),
        };
        let notes = record
            .agenda
            .iter()
            .map(|i| match old_notes.iter().position(|(id, _)| *id == i.id) {
                Some(k) => old_notes.swap_remove(k),
                None => (i.id, text_editor::Content::with_text(&i.notes)),
            })
            .collect();
        self.open = Some(Open {
            body,
            notes,
            versions: store.minutes_versions(id)?,
            linkable: store.linkable_proposals(id)?,
            shown_version: None,
            record,
        });
        Ok(())
    }

    /// The open meeting, if any.
    pub fn open_id(&self) -> Option<MeetingId> {
        self.open.as_ref().map(|o| o.record.meeting.id)
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
    ) -> (Task<Message>, Option<Event>) {
        let today = self.today;
        let meeting = self.open_id();
        let result: Result<Option<String>, StoreError> = match message {
            Message::View(v) => {
                self.view = v;
                if v == View::Search {
                    return (iced::widget::operation::focus("traces-search"), None);
                }
                Ok(None)
            }
            Message::FilterConvention(c) => {
                self.filter_convention = c.value;
                self.refresh_list(store)
            }
            Message::FilterKind(k) => {
                self.filter_kind = k.value;
                self.refresh_list(store)
            }
            Message::Period(p) => {
                self.period = p;
                self.refresh_list(store)
            }
            Message::WeekShift(weeks) => {
                self.week = if weeks < 0 {
                    self.week - Days::new(7 * weeks.unsigned_abs())
                } else {
                    self.week + Days::new(7 * weeks as u64)
                };
                self.refresh_list(store)
            }
            Message::Select(id) => {
                self.form = None;
                self.view = View::Meetings;
                self.open_meeting(store, id).map(|_| None)
            }
            Message::Tab(t) => {
                self.tab = t;
                Ok(None)
            }
            Message::OpenContact(id) => return (Task::none(), Some(Event::Open(Target::Contact(id)))),
            Message::New => {
                self.form = Some(Form::new(today, self.filter_convention));
                self.form_error = None;
                Ok(None)
            }
            Message::Edit => {
                if let Some(o) = &self.open {
                    self.form = Some(Form::edit(&o.record.meeting));
                    self.form_error = None;
                }
                Ok(None)
            }
            Message::Form(f) => {
                if let Some(form) = self.form.as_mut() {
                    form.set(f);
                }
                Ok(None)
            }
            Message::CancelForm => {
                self.form = None;
                Ok(None)
            }
            Message::SaveForm => return (Task::none(), self.save_form(store)),
            Message::Delete => {
                self.confirm_delete = true;
                Ok(None)
            }
            Message::ConfirmDelete(false) => {
                self.confirm_delete = false;
                Ok(None)
            }
            Message::ConfirmDelete(true) => match meeting {
                Some(id) => store.delete_meeting(id).map(|_| {
                    self.open = None;
                    self.confirm_delete = false;
                    Some("Réunion supprimée.".to_string())
                }),
                None => Ok(None),
            },
            Message::ItemTitle(s) => {
                self.drafts.item_title = s;
                Ok(None)
            }
            Message::ItemDuration(s) => {
                self.drafts.item_duration = s;
                Ok(None)
            }
            Message::ItemSpeaker(s) => {
                self.drafts.item_speaker = s;
                Ok(None)
            }
            Message::ItemParent(c) => {
                self.drafts.item_parent = c.value;
                Ok(None)
            }
            Message::AddItem => match meeting {
                Some(id) => self.add_item(store, id),
                None => Ok(None),
            },
            Message::EditItem(item) => {
                if let Some(i) = self
                    .open
                    .as_ref()
                    .and_then(|o| o.record.agenda.iter().find(|i| i.id == item))
                {
                    self.drafts.item_title = i.title.clone();
                    self.drafts.item_duration = i.duration_minutes.to_string();
                    self.drafts.item_speaker = i.speaker.clone();
                    self.drafts.item_parent = i.parent;
                    self.drafts.editing_item = Some(item);
                }
                Ok(None)
            }
            Message::CancelItem => {
                self.drafts.item_title.clear();
                self.drafts.item_duration.clear();
                self.drafts.item_speaker.clear();
                self.drafts.editing_item = None;
                Ok(None)
            }
            Message::RemoveItem(item) => store.remove_agenda_item(item).map(|_| changed()),
            Message::MoveItem(item, up) => store.move_agenda_item(item, up).map(|_| changed()),
            Message::InviteSearch(s) => {
                self.drafts.invite_search = s;
                self.drafts.invite_results = if self.drafts.invite_search.trim().chars().count() < 2 {
                    Vec::new()
                } else {
                    store
                        .contacts_page(
                            &ContactFilter {
                                search: self.drafts.invite_search.clone(),
                                kind: None,
                                ..ContactFilter::default()
                            },
                            0,
                            8,
                        )
                        .unwrap_or_default()
                };
                return (Task::none(), None);
            }
            Message::Invite(contact) => match meeting {
                Some(id) => store.invite(id, &[contact]).map(|n| {
                    Some(if n == 0 {
                        "Cette personne figure déjà sur la liste.".to_string()
                    } else {
                        "Invitation ajoutée.".to_string()
                    })
                }),
                None => Ok(None),
            },
            Message::InvitePanel => match meeting {
                Some(id) => store
                    .invite_panel(id)
                    .map(|n| Some(format!("{n} membre(s) du panel ajouté(s) à la liste."))),
                None => Ok(None),
            },
            Message::InviteGroup(g) => match meeting {
                Some(id) => store
                    .invite_group(id, g.value)
                    .map(|n| Some(format!("{n} personne(s) du groupe ajoutée(s) à la liste."))),
                None => Ok(None),
            },
            Message::AttendanceFilter(s) => {
                self.drafts.attendance_filter = s;
                Ok(None)
            }
            Message::Mark(contact, status) => match meeting {
                Some(id) => store.mark_attendance(id, &[contact], status).map(|_| changed()),
                None => Ok(None),
            },
            Message::MarkAll(status) => match &self.open {
                Some(o) => {
                    let everyone: Vec<ContactId> = o
                        .record
                        .attendance
                        .iter()
                        .filter(|a| a.status != AttendanceStatus::Replaced)
                        .map(|a| a.contact)
                        .collect();
                    store
                        .mark_attendance(o.record.meeting.id, &everyone, status).map(|_| changed())
                }
                None => Ok(None),
            },
            Message::Late(contact, on) | Message::Early(contact, on) if meeting.is_some() => {
                let Some(o) = &self.open else {
                    return (Task::none(), None);
                };
                let current = o.record.attendance.iter().find(|a| a.contact == contact);
                let (late, early) = current.map_or((false, false), |a| (a.arrived_late, a.left_early));
                let (late, early) = if matches!(message, Message::Late(..)) {
                    (on, early)
                } else {
                    (late, on)
                };
                store
                    .set_attendance_flags(o.record.meeting.id, contact, late, early).map(|_| changed())
            }
            Message::Late(..) | Message::Early(..) => Ok(None),
            Message::RemoveParticipant(contact) => match meeting {
                Some(id) => store.remove_participant(id, contact).map(|_| changed()),
                None => Ok(None),
            },
            Message::BodyEdited(action) => {
                if let Some(o) = self.open.as_mut() {
                    o.body.perform(action);
                }
                return (Task::none(), None);
            }
            Message::NotesEdited(i, action) => {
                if let Some((_, content)) = self.open.as_mut().and_then(|o| o.notes.get_mut(i)) {
                    content.perform(action);
                }
                return (Task::none(), None);
            }
            Message::SaveMinutes => match &self.open {
                Some(o) => {
                    let notes: Vec<(AgendaItemId, String)> = o
                        .notes
                        .iter()
                        .map(|(id, c)| (*id, c.text().trim_end().to_string()))
                        .collect();
                    store
                        .save_minutes(o.record.meeting.id, o.body.text().trim_end(), &notes)
                        .map(|_| Some("Compte rendu enregistré.".to_string()))
                }
                None => Ok(None),
            },
            Message::MinutesTo(status) => match meeting {
                Some(id) => store
                    .set_minutes_status(id, status, today)
                    .map(|_| Some(format!("Compte rendu : {}.", status.label().to_lowercase()))),
                None => Ok(None),
            },
            Message::CorrectionReason(s) => {
                self.drafts.correction_reason = s;
                Ok(None)
            }
            Message::Correct => match meeting {
                Some(id) => store.correct_minutes(id, &self.drafts.correction_reason).map(|v| {
                    self.drafts.correction_reason.clear();
                    Some(format!(
                        "Version {v} ouverte en brouillon ; la version verrouillée reste consultable."
                    ))
                }),
                None => Ok(None),
            },
            Message::ShowVersion(v) => {
                if let Some(o) = self.open.as_mut() {
                    o.shown_version = v;
                }
                Ok(None)
            }
            Message::DecisionText(s) => {
                self.drafts.decision_text = s;
                Ok(None)
            }
            Message::DecisionVote(s) => {
                self.drafts.decision_vote = s;
                Ok(None)
            }
            Message::AddDecision => match meeting {
                Some(id) => store
                    .add_decision(id, &self.drafts.decision_text, &self.drafts.decision_vote)
                    .map(|n| {
                        self.drafts.decision_text.clear();
                        self.drafts.decision_vote.clear();
                        Some(format!("Décision n° {n} enregistrée."))
                    }),
                None => Ok(None),
            },
            Message::RemoveDecision(d) => store.remove_decision(d).map(|_| changed()),
            Message::ActionTitle(s) => {
                self.drafts.action_title = s;
                Ok(None)
            }
            Message::ActionOwner(s) => {
                self.drafts.action_owner = s;
                Ok(None)
            }
            Message::ActionDue(s) => {
                self.drafts.action_due = s;
                Ok(None)
            }
            Message::AddAction => match meeting {
                Some(id) => self.add_action(store, id),
                None => Ok(None),
            },
            Message::SetAction(a, status) => store.set_action_status(a, status).map(|_| changed()),
            Message::LinkProposal(p, on) => match meeting {
                Some(id) => store.link_proposal(id, p, on).map(|_| changed()),
                None => Ok(None),
            },
            Message::SheetDetails(on) => {
                self.drafts.sheet_details = on;
                Ok(None)
            }
            Message::Export(doc) => {
                let Some(meeting) = meeting else {
                    return (Task::none(), None);
                };
                let document = match doc {
                    Doc::Minutes => Document::Minutes(meeting),
                    Doc::AttendanceSheet => Document::AttendanceSheet {
                        meeting,
                        contact_details: self.drafts.sheet_details,
                    },
                };
                return (Task::none(), Some(Event::Export(document)));
            }
            Message::ActionsView(v) => {
                self.actions_view = v;
                store
                    .all_actions(v, &self.actions_owner, today)
                    .map(|a| {
                        self.actions = a;
                        None
                    })
            }
            Message::ActionsOwner(o) => {
                self.actions_owner = o.value;
                store
                    .all_actions(self.actions_view, &self.actions_owner, today)
                    .map(|a| {
                        self.actions = a;
                        None
                    })
            }
            Message::TimelineConvention(c) => {
                self.timeline_convention = c.value;
                self.load_timeline(store).map(|_| None)
            }
            Message::TimelineKind(kind, on) => {
                self.timeline_kinds.retain(|k| *k != kind);
                if on {
                    self.timeline_kinds.push(kind);
                }
                self.load_timeline(store).map(|_| None)
            }
            Message::TimelineFrom(s) => {
                self.timeline_from = s;
                self.load_timeline(store).map(|_| None)
            }
            Message::TimelineTo(s) => {
                self.timeline_to = s;
                self.load_timeline(store).map(|_| None)
            }
            Message::Search(s) => {
                self.search = s;
                store.search_traces(&self.search, 100).map(|h| {
                    self.hits = h;
                    None
                })
            }
        };
        match result {
            Ok(Some(notice)) => (Task::none(), Some(Event::Saved(notice))),
            Ok(None) => (Task::none(), None),
            Err(e) => (Task::none(), Some(Event::Notice(describe(&e)))),
        }
    }

    fn refresh_list(&mut self, store: &Store) -> Result<Option<String>, StoreError> {
        self.list = store.meetings_list(&self.filter())?;
        Ok(None)
    }

    fn save_form(&mut self, store: &mut Store) -> Option<Event> {
        let form = self.form.as_ref()?;
        let meeting = match form.to_meeting() {
            Ok(m) => m,
            Err(e) => {
                self.form_error = Some(describe(&e));
                return None;
            }
        };
        let saved = match form.id {
            Some(_) => store.update_meeting(&meeting).map(|_| meeting.id),
            None => store.create_meeting(&meeting),
        };
        match saved {
            Ok(id) => {
                let new = form.id.is_none();
                self.form = None;
                self.reload(store);
                self.open(store, id);
                if new {
                    self.tab = Tab::Agenda;
                }
                Some(Event::Saved(if new {
                    format!(
                        "Réunion « {} » créée : construisez son ordre du jour.",
                        meeting.title
                    )
                } else {
                    "Réunion enregistrée.".into()
                }))
            }
            Err(e) => {
                self.form_error = Some(describe(&e));
                None
            }
        }
    }

    fn add_item(&mut self, store: &mut Store, id: MeetingId) -> Result<Option<String>, StoreError> {
        let duration = if self.drafts.item_duration.trim().is_empty() {
            0
        } else {
            parse::minutes(&self.drafts.item_duration)?
        };
        let item = AgendaItem {
            id: self.drafts.editing_item.unwrap_or_default(),
            parent: self.drafts.item_parent,
            title: self.drafts.item_title.trim().to_string(),
            duration_minutes: duration,
            speaker: self.drafts.item_speaker.trim().to_string(),
            ..AgendaItem::default()
        };
        let notice = match self.drafts.editing_item {
            Some(_) => {
                store.update_agenda_item(&item)?;
                "Point modifié."
            }
            None => {
                store.add_agenda_item(id, &item)?;
                "Point ajouté à l'ordre du jour."
            }
        };
        self.drafts.item_title.clear();
        self.drafts.item_duration.clear();
        self.drafts.item_speaker.clear();
        self.drafts.editing_item = None;
        Ok(Some(notice.into()))
    }

    fn add_action(
        &mut self,
        store: &mut Store,
        id: MeetingId,
    ) -> Result<Option<String>, StoreError> {
        let due = if self.drafts.action_due.trim().is_empty() {
            None
        } else {
            Some(parse::date(&self.drafts.action_due)?)
        };
        store.add_action(
            id,
            &self.drafts.action_title,
            &self.drafts.action_owner,
            due,
        )?;
        self.drafts.action_title.clear();
        self.drafts.action_due.clear();
        Ok(Some("Action enregistrée.".into()))
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let mut views = row![].spacing(4);
        for v in View::ALL {
            views = views.push(
                button(text(v.label()).size(14))
                    .padding([6, 12])
                    .style(theme::entry(v == self.view))
                    .on_press(Message::View(v)),
            );
        }
        let mut page = column![views].spacing(10);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        let body: Element<'_, Message> = match self.view {
            View::Meetings => self.meetings_view(),
            View::Actions => across::actions(self),
            View::Timeline => across::timeline(self),
            View::Search => across::search(self),
        };
        page.push(body).height(Length::Fill).into()
    }
}
