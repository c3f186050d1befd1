//! The « Émargement » tab: who is on the list and whether they came (in bulk, then the
//! exceptions), late arrivals and early departures, who to invite (the convention's
//! panel, a group or selection, a person found by name), and the printed sheet.

use crate::domain::attestation::AttestationScope;
use iced::widget::{button, checkbox, column, pick_list, row, text};
use iced::{Alignment, Element, Length, Task};

use super::editable;
use crate::domain::codes::AttendanceStatus;
use crate::domain::ids::ContactId;
use crate::domain::meeting::{MeetingRecord, attendance_rate};
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{ContactFilter, ContactRow, GroupRow, Store, StoreError};
use crate::ui::choice::Choice;
use crate::ui::panels::meetings::{changed, saved};
use crate::ui::panels::{Event, Target};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    Filter(String),
    Mark(ContactId, AttendanceStatus),
    MarkAll(AttendanceStatus),
    Late(ContactId, bool),
    Early(ContactId, bool),
    Remove(ContactId),
    OpenContact(ContactId),
    Search(String),
    Invite(ContactId),
    InvitePanel,
    InviteGroup(Choice<i64>),
    SheetDetails(bool),
    PrintSheet,
    /// The attestations de participation of everyone marked present.
    PrintAttestations,
}

/// What is being typed, and the groups one can invite.
#[derive(Debug, Default)]
pub struct State {
    filter: String,
    search: String,
    found: Vec<ContactRow>,
    groups: Vec<GroupRow>,
    /// Whether the printed sheet shows e-mails and phone numbers.
    sheet_details: bool,
}

fn toggle_button(label: &str, on: bool, on_press: Msg) -> Element<'_, Msg> {
    button(text(label).size(12))
        .padding([3, 6])
        .style(theme::entry(on))
        .on_press(on_press)
        .into()
}

impl State {
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.groups = store.groups()?;
        Ok(())
    }

    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        r: &MeetingRecord,
    ) -> (Task<Msg>, Option<Event>) {
        let id = r.meeting.id;
        let event = match msg {
            Msg::Filter(s) => {
                self.filter = s;
                None
            }
            Msg::Mark(contact, status) => changed(store.mark_attendance(id, &[contact], status)),
            Msg::MarkAll(status) => {
                let everyone: Vec<ContactId> = r
                    .attendance
                    .iter()
                    .filter(|a| a.status != AttendanceStatus::Replaced)
                    .map(|a| a.contact)
                    .collect();
                changed(store.mark_attendance(id, &everyone, status))
            }
            Msg::Late(contact, on) | Msg::Early(contact, on) => {
                let current = r.attendance.iter().find(|a| a.contact == contact);
                let (late, early) =
                    current.map_or((false, false), |a| (a.arrived_late, a.left_early));
                let (late, early) = if matches!(msg, Msg::Late(..)) {
                    (on, early)
                } else {
                    (late, on)
                };
                changed(store.set_attendance_flags(id, contact, late, early))
            }
            Msg::Remove(contact) => changed(store.remove_participant(id, contact)),
            Msg::OpenContact(contact) => Some(Event::Open(Target::Contact(contact))),
            Msg::Search(s) => {
                self.search = s;
                self.found = self.find(store);
                None
            }
            Msg::Invite(contact) => saved(store.invite(id, &[contact]).map(|n| {
                if n == 0 {
                    "Cette personne figure déjà sur la liste.".to_string()
                } else {
                    "Invitation ajoutée.".to_string()
                }
            })),
            Msg::InvitePanel => saved(
                store
                    .invite_panel(id)
                    .map(|n| format!("{n} membre(s) du panel ajouté(s) à la liste.")),
            ),
            Msg::InviteGroup(g) => saved(
                store
                    .invite_group(id, g.value)
                    .map(|n| format!("{n} personne(s) du groupe ajoutée(s) à la liste.")),
            ),
            Msg::SheetDetails(on) => {
                self.sheet_details = on;
                None
            }
            Msg::PrintSheet => Some(Event::Export(Document::AttendanceSheet {
                meeting: id,
                contact_details: self.sheet_details,
            })),
            Msg::PrintAttestations => Some(Event::Export(Document::Attestations(
                AttestationScope::Meeting(id),
            ))),
        };
        (Task::none(), event)
    }

    /// The people whose name starts like what is typed (two letters at least).
    fn find(&self, store: &Store) -> Vec<ContactRow> {
        if self.search.trim().chars().count() < 2 {
            return Vec::new();
        }
        let filter = ContactFilter {
            search: self.search.clone(),
            kind: None,
            ..ContactFilter::default()
        };
        store.contacts_page(&filter, 0, 8).unwrap_or_default()
    }

    pub fn view<'a>(&'a self, r: &'a MeetingRecord) -> Element<'a, Msg> {
        let mut page = column![
            widget::muted(summary(r)),
            row![
                button(text(tf!("Imprimer la feuille d'émargement (PDF)")))
                    .on_press(Msg::PrintSheet),
                checkbox(self.sheet_details)
                    .label("avec courriels et téléphones")
                    .on_toggle(Msg::SheetDetails),
                button(text("Attestations des présents (PDF)"))
                    .style(button::secondary)
                    .on_press(Msg::PrintAttestations),
            ]
            .spacing(12)
            .align_y(Alignment::Center)
            .wrap()
            .vertical_spacing(8),
        ]
        .spacing(12);
        if editable(r) && !r.attendance.is_empty() {
            page = page.push(
                row![
                    button(text("Tout le monde présent"))
                        .on_press(Msg::MarkAll(AttendanceStatus::Present)),
                    button(text(tf!("Tout remettre à « invité »")))
                        .style(button::secondary)
                        .on_press(Msg::MarkAll(AttendanceStatus::Invited)),
                    widget::input(
                        "Trouver un nom",
                        &self.filter,
                        Msg::Filter,
                        "attendance-filter"
                    ),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        page = page.push(widget::section("Participants", self.participants(r)));
        if editable(r) {
            page = page.push(widget::section("Inviter", self.invite(r)));
        }
        page.into()
    }

    fn participants<'a>(&'a self, r: &'a MeetingRecord) -> Element<'a, Msg> {
        let editable = editable(r);
        let needle = fr::sort_key(self.filter.trim());
        let mut rows = column![].spacing(2);
        for a in r
            .attendance
            .iter()
            .filter(|a| needle.is_empty() || fr::sort_key(&a.name).contains(&needle))
        {
            let mut who = column![
                button(text(a.name.as_str()).size(14))
                    .style(button::text)
                    .padding(0)
                    .width(Length::Fill)
                    .on_press(Msg::OpenContact(a.contact)),
            ];
            if !a.organisation.is_empty() {
                who = who.push(text(a.organisation.as_str()).size(12).color(theme::MUTED));
            }
            let mut line = row![who.width(Length::Fill)]
                .spacing(4)
                .align_y(Alignment::Center);
            if !editable {
                rows = rows.push(line.push(text(a.status.label()).width(Length::FillPortion(2))));
                continue;
            }
            for s in [
                AttendanceStatus::Present,
                AttendanceStatus::Excused,
                AttendanceStatus::Absent,
                AttendanceStatus::Replaced,
            ] {
                line = line.push(toggle_button(
                    s.label(),
                    a.status == s,
                    Msg::Mark(a.contact, s),
                ));
            }
            line = line
                .push(
                    checkbox(a.arrived_late)
                        .label("retard")
                        .text_size(12)
                        .size(14)
                        .on_toggle(move |on| Msg::Late(a.contact, on)),
                )
                .push(
                    checkbox(a.left_early)
                        .label("départ")
                        .text_size(12)
                        .size(14)
                        .on_toggle(move |on| Msg::Early(a.contact, on)),
                )
                .push(
                    button(text("Retirer").size(12))
                        .padding([3, 6])
                        .style(button::secondary)
                        .on_press(Msg::Remove(a.contact)),
                );
            rows = rows.push(line);
        }
        if r.attendance.is_empty() {
            rows = rows.push(widget::muted(tf!("Personne n'est encore invité.")));
        }
        rows.into()
    }

    fn invite<'a>(&'a self, r: &'a MeetingRecord) -> Element<'a, Msg> {
        let groups = crate::ui::choice::groups(&self.groups);
        let mut sources = row![].spacing(8).align_y(Alignment::Center);
        if r.meeting.convention.is_some() {
            sources = sources
                .push(button(text("Inviter le panel de la convention")).on_press(Msg::InvitePanel));
        }
        if !groups.is_empty() {
            sources = sources.push(
                pick_list(groups, None::<Choice<i64>>, Msg::InviteGroup)
                    .placeholder("Inviter un groupe ou une sélection…"),
            );
        }
        let mut invite = column![
            sources,
            widget::input(
                "Chercher une personne à inviter (deux lettres au moins)",
                &self.search,
                Msg::Search,
                "invite-search",
            )
        ]
        .spacing(8);
        for c in &self.found {
            invite = invite.push(
                row![
                    text(c.name.as_str()).width(Length::Fill),
                    text(c.organisation.as_str())
                        .size(13)
                        .color(theme::MUTED)
                        .width(Length::Fill),
                    widget::small_button("Inviter", Msg::Invite(c.id)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        invite.into()
    }
}

/// « 40 sur la liste · 39 présent(s) · … · taux de présence 97,5 % ».
fn summary(r: &MeetingRecord) -> String {
    let count = |s| r.attendance.iter().filter(|a| a.status == s).count();
    format!(
        "{} sur la liste · {} présent(s) · {} excusé(s) · {} absent(s) · {} sans réponse{}",
        r.attendance.len(),
        count(AttendanceStatus::Present),
        count(AttendanceStatus::Excused),
        count(AttendanceStatus::Absent),
        count(AttendanceStatus::Invited) + count(AttendanceStatus::Registered),
        attendance_rate(&r.attendance)
            .map(|x| format!(" · taux de présence {}", fr::percent(x)))
            .unwrap_or_default()
    )
}
