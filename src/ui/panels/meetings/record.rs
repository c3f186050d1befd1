//! The meetings list (or week) and a meeting's record in tabs.

use chrono::{Datelike, Days};
use iced::widget::{
    button, checkbox, column, container, pick_list, row, scrollable, text, text_editor,
};
use iced::{Alignment, Element, Length};

use super::{Doc, Message, Open, Period, State, Tab};
use crate::domain::codes::{ActionStatus, AttendanceStatus, MinutesStatus};
use crate::domain::ids::AgendaItemId;
use crate::domain::meeting::{
    agenda_overrun_minutes, agenda_total_minutes, attendance_rate, numbered_agenda,
    sub_item_overruns,
};
use crate::domain::minutes::{action_label, next_statuses};
use crate::domain::text as fr;
use crate::ui::choice::{Choice, selected};
use crate::ui::{theme, widget};

fn toggle_button(label: &str, on: bool, on_press: Message) -> Element<'_, Message> {
    button(text(label).size(12))
        .padding([3, 6])
        .style(theme::entry(on))
        .on_press(on_press)
        .into()
}

impl State {
    pub(super) fn meetings_view(&self) -> Element<'_, Message> {
        if let Some(form) = &self.form {
            return scrollable(
                container(form.view(&self.form_conventions, self.form_error.as_deref()))
                    .padding(widget::GUTTER),
            )
            .height(Length::Fill)
            .into();
        }
        let filters = column![
            row![
                pick_list(
                    self.conventions.as_slice(),
                    selected(&self.conventions, &self.filter_convention),
                    Message::FilterConvention
                )
                .width(Length::Fill),
            ],
            row![
                pick_list(
                    self.kinds.as_slice(),
                    selected(&self.kinds, &self.filter_kind),
                    Message::FilterKind
                )
                .width(Length::Fill),
                pick_list(Period::ALL, Some(self.period), Message::Period).width(Length::Fill),
            ]
            .spacing(6),
        ]
        .spacing(6);
        let list = if self.period == Period::Week {
            self.week_view()
        } else {
            self.list_view()
        };
        let left = column![
            row![
                text("Réunions")
                    .size(22)
                    .font(widget::bold())
                    .color(theme::ACCENT)
                    .width(Length::Fill),
                button(text("Nouvelle réunion")).on_press(Message::New),
            ]
            .align_y(Alignment::Center),
            filters,
            scrollable(container(list).padding(widget::GUTTER)).height(Length::Fill)
        ]
        .spacing(10)
        .width(Length::Fixed(350.0));
        let right: Element<'_, Message> = match &self.open {
            Some(o) => self.record_view(o),
            None => widget::muted("Choisissez une réunion dans la liste, ou créez-en une."),
        };
        row![left, column![right].width(Length::Fill)]
            .spacing(20)
            .into()
    }

    fn entry<'a>(&'a self, m: &'a crate::store::MeetingRow, in_week: bool) -> Element<'a, Message> {
        let selected = self.open_id() == Some(m.meeting.id);
        let count = match (m.invited, m.meeting.date < self.today) {
            (0, _) => String::new(),
            (n, false) => format!(" · {n} invités"),
            (n, true) => format!(" · {}/{n} présents", m.present),
        };
        widget::entry(
            column![
                text(m.meeting.title.as_str()),
                text(format!(
                    "{} · {}{count}",
                    if in_week {
                        format!(
                            "{} – {}",
                            fr::time(m.meeting.start),
                            fr::time(m.meeting.end)
                        )
                    } else {
                        fr::date_short(m.meeting.date)
                    },
                    m.meeting.kind.label()
                ))
                .size(13),
            ],
            selected,
            Message::Select(m.meeting.id),
        )
    }

    fn list_view(&self) -> Element<'_, Message> {
        let mut list = column![].spacing(2);
        if self.list.is_empty() {
            list = list.push(widget::muted("Aucune réunion pour ces critères."));
        }
        for m in &self.list {
            list = list.push(self.entry(m, false));
        }
        list.into()
    }

    fn week_view(&self) -> Element<'_, Message> {
        let end = self.week + Days::new(6);
        let mut col = column![
            row![
                widget::small_button("← Semaine précédente", Message::WeekShift(-1)),
                widget::small_button("Semaine suivante →", Message::WeekShift(1)),
            ]
            .spacing(6),
            text(format!(
                "Semaine du {} au {}",
                fr::date_short(self.week),
                fr::date_short(end)
            ))
            .font(widget::bold()),
        ]
        .spacing(6);
        for offset in 0..7 {
            let day = self.week + Days::new(offset);
            let mut of_day: Vec<&crate::store::MeetingRow> =
                self.list.iter().filter(|m| m.meeting.date == day).collect();
            of_day.sort_by_key(|m| m.meeting.start);
            let heading = fr::date_with_weekday(day);
            let mut day_col = column![text(heading).size(14).color(if day == self.today {
                theme::ACCENT
            } else {
                theme::MUTED
            })]
            .spacing(2);
            if of_day.is_empty() {
                day_col = day_col.push(text("—").size(13).color(theme::MUTED));
            }
            for m in of_day {
                day_col = day_col.push(self.entry(m, true));
            }
            col = col.push(day_col);
        }
        let _ = end.weekday();
        col.into()
    }

    fn record_view<'a>(&'a self, o: &'a Open) -> Element<'a, Message> {
        let r = &o.record;
        let m = &r.meeting;
        let mut tabs = row![].spacing(4);
        for tab in Tab::ALL {
            tabs = tabs.push(widget::tab(tab.label(), tab == self.tab, Message::Tab(tab)));
        }
        let status = match &r.minutes {
            Some(mn) => format!(
                "compte rendu {} (version {})",
                mn.status.label().to_lowercase(),
                mn.version
            ),
            None => "pas encore de compte rendu".into(),
        };
        let mut actions = row![
            iced::widget::Space::new().width(Length::Fill),
            widget::small_button("Modifier la réunion", Message::Edit),
        ]
        .spacing(6)
        .align_y(Alignment::Center);
        if self.confirm_delete {
            actions = actions
                .push(widget::colored(
                    "Supprimer cette réunion et tout ce qui s'y rattache ?",
                    theme::LATE,
                ))
                .push(widget::small_button(
                    "Oui, supprimer",
                    Message::ConfirmDelete(true),
                ))
                .push(widget::small_button("Non", Message::ConfirmDelete(false)));
        } else {
            actions = actions.push(widget::small_button("Supprimer", Message::Delete));
        }
        let body: Element<'a, Message> = match self.tab {
            Tab::Details => details(o),
            Tab::Agenda => self.agenda(o),
            Tab::Attendance => self.attendance(o),
            Tab::Minutes => self.minutes(o),
            Tab::Decisions => self.decisions(o),
        };
        column![
            row![
                text(m.title.as_str()).size(22).font(widget::bold()),
                actions
            ]
            .spacing(10)
            .align_y(Alignment::Center),
            widget::muted(format!(
                "{} · {} · {status}",
                m.kind.label(),
                fr::date_with_weekday(m.date)
            )),
            tabs,
            scrollable(container(body).padding(widget::GUTTER)).height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }

    fn agenda<'a>(&'a self, o: &'a Open) -> Element<'a, Message> {
        let r = &o.record;
        let editable = editable(o);
        let mut items = column![].spacing(4);
        if r.agenda.is_empty() {
            items = items.push(widget::muted(
                "L'ordre du jour est vide : ajoutez son premier point ci-dessous.",
            ));
        }
        for (number, item) in numbered_agenda(&r.agenda) {
            let indent = if item.parent.is_some() { 28.0 } else { 0.0 };
            let mut line = row![
                iced::widget::Space::new().width(Length::Fixed(indent)),
                text(format!("{number}. {}", item.title)).width(Length::Fill),
                text(format!("{} min", item.duration_minutes)).width(Length::Fixed(70.0)),
                text(item.speaker.as_str())
                    .width(Length::Fixed(180.0))
                    .color(theme::MUTED),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            if editable {
                line = line
                    .push(widget::small_button("Modifier", Message::EditItem(item.id)))
                    .push(widget::small_button("↑", Message::MoveItem(item.id, true)))
                    .push(widget::small_button("↓", Message::MoveItem(item.id, false)))
                    .push(widget::small_button(
                        "Retirer",
                        Message::RemoveItem(item.id),
                    ));
            }
            items = items.push(line);
        }
        let total = agenda_total_minutes(&r.agenda);
        let overrun = agenda_overrun_minutes(&r.meeting, &r.agenda);
        items = items.push(if overrun > 0 {
            widget::colored(
                format!(
                    "Total {total} min : l'ordre du jour dépasse de {overrun} min la durée de la réunion ({} min).",
                    r.meeting.length_minutes()
                ),
                theme::LATE,
            )
        } else {
            widget::muted(format!(
                "Total {total} min sur {} min ({} min de marge).",
                r.meeting.length_minutes(),
                -overrun
            ))
        });
        for (parent, over) in sub_item_overruns(&r.agenda) {
            items = items.push(widget::colored(
                format!(
                    "Les sous-points de « {} » dépassent sa durée de {over} min.",
                    parent.title
                ),
                theme::LATE,
            ));
        }
        let mut page = column![widget::section("Ordre du jour", items)].spacing(12);
        if editable {
            let parents: Vec<Choice<Option<AgendaItemId>>> =
                std::iter::once(Choice::new(None, "Point principal"))
                    .chain(
                        numbered_agenda(&r.agenda)
                            .into_iter()
                            .filter(|(_, i)| i.parent.is_none())
                            .map(|(n, i)| {
                                Choice::new(Some(i.id), format!("Sous-point du {n}. {}", i.title))
                            }),
                    )
                    .collect();
            let chosen = selected(&parents, &self.drafts.item_parent);
            let editing = self.drafts.editing_item.is_some();
            let mut details = row![
                widget::input(
                    "Durée (45, 1h30)",
                    &self.drafts.item_duration,
                    Message::ItemDuration,
                    "item-duration"
                ),
                widget::input(
                    "Intervenant·e",
                    &self.drafts.item_speaker,
                    Message::ItemSpeaker,
                    "item-speaker"
                ),
            ]
            .spacing(8);
            if !editing {
                details = details.push(pick_list(parents, chosen, Message::ItemParent));
            }
            let buttons = if editing {
                row![
                    button(text("Enregistrer le point")).on_press(Message::AddItem),
                    button(text("Annuler"))
                        .style(button::secondary)
                        .on_press(Message::CancelItem),
                ]
            } else {
                row![button(text("Ajouter le point")).on_press(Message::AddItem)]
            };
            page = page.push(widget::section(
                if editing {
                    "Modifier le point"
                } else {
                    "Ajouter un point"
                },
                column![
                    widget::input(
                        "Intitulé du point",
                        &self.drafts.item_title,
                        Message::ItemTitle,
                        "item-title"
                    ),
                    details,
                    buttons.spacing(8),
                ]
                .spacing(8),
            ));
        } else {
            page = page.push(widget::muted(
                "Le compte rendu est validé : l'ordre du jour ne change plus.",
            ));
        }
        page.into()
    }

    fn attendance<'a>(&'a self, o: &'a Open) -> Element<'a, Message> {
        let r = &o.record;
        let editable = editable(o);
        let count = |s| r.attendance.iter().filter(|a| a.status == s).count();
        let summary = format!(
            "{} sur la liste · {} présent(s) · {} excusé(s) · {} absent(s) · {} sans réponse{}",
            r.attendance.len(),
            count(AttendanceStatus::Present),
            count(AttendanceStatus::Excused),
            count(AttendanceStatus::Absent),
            count(AttendanceStatus::Invited) + count(AttendanceStatus::Registered),
            attendance_rate(&r.attendance)
                .map(|x| format!(" · taux de présence {}", fr::percent(x)))
                .unwrap_or_default()
        );
        let mut page = column![
            widget::muted(summary),
            row![
                button(text(tf!("Imprimer la feuille d'émargement (PDF)")))
                    .on_press(Message::Export(Doc::AttendanceSheet)),
                checkbox(self.drafts.sheet_details)
                    .label("avec courriels et téléphones")
                    .on_toggle(Message::SheetDetails),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        ]
        .spacing(12);
        if editable && !r.attendance.is_empty() {
            page = page.push(
                row![
                    button(text("Tout le monde présent"))
                        .on_press(Message::MarkAll(AttendanceStatus::Present)),
                    button(text(tf!("Tout remettre à « invité »")))
                        .style(button::secondary)
                        .on_press(Message::MarkAll(AttendanceStatus::Invited)),
                    widget::input(
                        "Trouver un nom",
                        &self.drafts.attendance_filter,
                        Message::AttendanceFilter,
                        "attendance-filter"
                    ),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        let needle = fr::sort_key(self.drafts.attendance_filter.trim());
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
                    .on_press(Message::OpenContact(a.contact)),
            ];
            if !a.organisation.is_empty() {
                who = who.push(text(a.organisation.as_str()).size(12).color(theme::MUTED));
            }
            let mut line = row![who.width(Length::Fill)]
                .spacing(4)
                .align_y(Alignment::Center);
            if editable {
                for s in [
                    AttendanceStatus::Present,
                    AttendanceStatus::Excused,
                    AttendanceStatus::Absent,
                    AttendanceStatus::Replaced,
                ] {
                    line = line.push(toggle_button(
                        s.label(),
                        a.status == s,
                        Message::Mark(a.contact, s),
                    ));
                }
                line = line
                    .push(
                        checkbox(a.arrived_late)
                            .label("retard")
                            .text_size(12)
                            .size(14)
                            .on_toggle(move |on| Message::Late(a.contact, on)),
                    )
                    .push(
                        checkbox(a.left_early)
                            .label("départ")
                            .text_size(12)
                            .size(14)
                            .on_toggle(move |on| Message::Early(a.contact, on)),
                    )
                    .push(
                        button(text("Retirer").size(12))
                            .padding([3, 6])
                            .style(button::secondary)
                            .on_press(Message::RemoveParticipant(a.contact)),
                    );
            } else {
                line = line.push(text(a.status.label()).width(Length::FillPortion(2)));
            }
            rows = rows.push(line);
        }
        if r.attendance.is_empty() {
            rows = rows.push(widget::muted(tf!("Personne n'est encore invité.")));
        }
        page = page.push(widget::section("Participants", rows));
        if editable {
            let groups = crate::ui::choice::groups(&self.groups);
            let mut invite = column![].spacing(8);
            let mut sources = row![].spacing(8).align_y(Alignment::Center);
            if r.meeting.convention.is_some() {
                sources = sources.push(
                    button(text("Inviter le panel de la convention"))
                        .on_press(Message::InvitePanel),
                );
            }
            if !groups.is_empty() {
                sources = sources.push(
                    pick_list(groups, None::<Choice<i64>>, Message::InviteGroup)
                        .placeholder("Inviter un groupe ou une sélection…"),
                );
            }
            invite = invite.push(sources).push(widget::input(
                "Chercher une personne à inviter (deux lettres au moins)",
                &self.drafts.invite_search,
                Message::InviteSearch,
                "invite-search",
            ));
            for c in &self.drafts.invite_results {
                invite = invite.push(
                    row![
                        text(c.name.as_str()).width(Length::Fill),
                        text(c.organisation.as_str())
                            .size(13)
                            .color(theme::MUTED)
                            .width(Length::Fill),
                        widget::small_button("Inviter", Message::Invite(c.id)),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                );
            }
            page = page.push(widget::section("Inviter", invite));
        }
        page.into()
    }

    fn minutes<'a>(&'a self, o: &'a Open) -> Element<'a, Message> {
        let r = &o.record;
        let mut page = column![].spacing(12);
        let status = r.minutes.as_ref().map(|m| m.status);
        let mut workflow = row![].spacing(8).align_y(Alignment::Center);
        match &r.minutes {
            Some(mn) => {
                let validated = mn
                    .validated_on
                    .map(|d| format!(", validé le {}", fr::date_long(d)))
                    .unwrap_or_default();
                workflow = workflow.push(
                    text(format!(
                        "{} — version {}{validated}",
                        mn.status.label(),
                        mn.version
                    ))
                    .font(widget::bold()),
                );
                for to in next_statuses(mn.status) {
                    workflow = workflow
                        .push(button(text(action_label(*to))).on_press(Message::MinutesTo(*to)));
                }
            }
            None => {
                workflow = workflow.push(widget::muted(
                    "Pas encore de compte rendu : rédigez-le ici puis enregistrez.",
                ));
            }
        }
        let mut tools = row![].spacing(8);
        if editable(o) {
            tools = tools
                .push(button(text("Enregistrer le compte rendu")).on_press(Message::SaveMinutes));
        }
        if r.minutes.is_some() {
            tools = tools.push(
                button(text("Exporter le compte rendu (PDF)"))
                    .style(button::secondary)
                    .on_press(Message::Export(Doc::Minutes)),
            );
        }
        page = page.push(workflow).push(tools);
        if !r.version_reason.is_empty() {
            page = page.push(widget::muted(format!(
                "Version corrigée — motif : {}",
                r.version_reason
            )));
        }
        // Attendees, filled in from the émargement.
        let mut who = column![].spacing(4);
        for (s, label) in [
            (AttendanceStatus::Present, "Présents"),
            (AttendanceStatus::Excused, "Excusés"),
            (AttendanceStatus::Absent, "Absents"),
        ] {
            let names = r.names_with(s);
            if !names.is_empty() {
                who = who.push(widget::field(
                    format!("{label} ({})", names.len()),
                    names.join(", "),
                ));
            }
        }
        page = page.push(widget::section("Participants (d'après l'émargement)", who));
        match status {
            None | Some(MinutesStatus::Draft) | Some(MinutesStatus::Reviewed) => {
                let mut edit = column![
                    text("Synthèse").font(widget::bold()),
                    text_editor(&o.body)
                        .id("minutes-body")
                        .placeholder("Ce qu'il faut retenir de la réunion…")
                        .height(Length::Fixed(140.0))
                        .on_action(Message::BodyEdited),
                ]
                .spacing(8);
                for (i, (number, item)) in numbered_agenda(&r.agenda).into_iter().enumerate() {
                    let Some(k) = o.notes.iter().position(|(id, _)| *id == item.id) else {
                        continue;
                    };
                    let _ = i;
                    edit = edit
                        .push(text(format!("{number}. {}", item.title)).font(widget::bold()))
                        .push(
                            text_editor(&o.notes[k].1)
                                .placeholder("Notes sur ce point…")
                                .height(Length::Fixed(90.0))
                                .on_action(move |a| Message::NotesEdited(k, a)),
                        );
                }
                edit = edit.push(
                    button(text("Enregistrer le compte rendu")).on_press(Message::SaveMinutes),
                );
                page = page.push(widget::section("Rédaction", edit));
            }
            Some(_) => {
                let mut read = column![text(
                    r.minutes.as_ref().map(|m| m.body.as_str()).unwrap_or("")
                )]
                .spacing(8);
                for (number, item) in numbered_agenda(&r.agenda) {
                    read = read
                        .push(text(format!("{number}. {}", item.title)).font(widget::bold()))
                        .push(text(if item.notes.is_empty() {
                            "Pas de notes."
                        } else {
                            item.notes.as_str()
                        }));
                }
                page = page.push(widget::section("Texte", read));
                if status == Some(MinutesStatus::Locked) {
                    page = page.push(widget::section(
                        "Corriger le compte rendu verrouillé",
                        column![
                            widget::muted(tf!("La version verrouillée reste consultable telle quelle ; la correction ouvre une nouvelle version en brouillon.")),
                            widget::input("Motif de la correction", &self.drafts.correction_reason, Message::CorrectionReason, "correction-reason"),
                            button(text("Créer une version corrigée")).on_press(Message::Correct),
                        ]
                        .spacing(8),
                    ));
                }
            }
        }
        if o.versions.len() > 1 || o.versions.iter().any(|v| v.snapshot.is_some()) {
            let mut versions = column![].spacing(4);
            for v in &o.versions {
                let reason = if v.reason.is_empty() {
                    String::new()
                } else {
                    format!(" — motif : {}", v.reason)
                };
                versions = versions.push(
                    row![
                        text(format!(
                            "Version {} du {}{reason}",
                            v.version,
                            fr::date_short(v.created_at.date())
                        ))
                        .width(Length::Fill),
                        widget::small_button(
                            "Consulter",
                            Message::ShowVersion(if o.shown_version == Some(v.version) {
                                None
                            } else {
                                Some(v.version)
                            })
                        ),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                );
                if o.shown_version == Some(v.version) {
                    let mut shown = column![text(v.body.as_str())].spacing(4);
                    if let Some(s) = &v.snapshot {
                        for (item, notes) in &s.items {
                            shown = shown
                                .push(text(item.as_str()).font(widget::bold()))
                                .push(text(notes.as_str()));
                        }
                        for (n, t, vote) in &s.decisions {
                            shown = shown.push(text(tf!("Décision n° {n} : {t} {vote}")));
                        }
                    }
                    versions = versions.push(container(shown).padding(10).style(theme::card));
                }
            }
            page = page.push(widget::section("Versions", versions));
        }
        page.into()
    }

    fn decisions<'a>(&'a self, o: &'a Open) -> Element<'a, Message> {
        let r = &o.record;
        let editable = editable(o);
        let mut decisions = column![].spacing(4);
        if r.decisions.is_empty() {
            decisions = decisions.push(widget::muted("Aucune décision."));
        }
        for d in &r.decisions {
            let vote = if d.vote_result.is_empty() {
                String::new()
            } else {
                format!(" ({})", d.vote_result)
            };
            let mut line =
                row![text(format!("n° {} — {}{vote}", d.number, d.text)).width(Length::Fill)]
                    .spacing(8);
            if editable {
                line = line.push(widget::small_button(
                    "Retirer",
                    Message::RemoveDecision(d.id),
                ));
            }
            decisions = decisions.push(line);
        }
        if editable {
            decisions = decisions.push(widget::input(
                "Texte de la décision",
                &self.drafts.decision_text,
                Message::DecisionText,
                "decision-text",
            ));
            decisions = decisions.push(
                row![
                    widget::input(
                        "Vote (facultatif)",
                        &self.drafts.decision_vote,
                        Message::DecisionVote,
                        "decision-vote"
                    ),
                    button(text("Enregistrer la décision")).on_press(Message::AddDecision),
                ]
                .spacing(8),
            );
        }
        let mut actions = column![].spacing(4);
        if r.actions.is_empty() {
            actions = actions.push(widget::muted("Aucune action."));
        }
        for a in &r.actions {
            let due = a
                .due
                .map(fr::date_short)
                .unwrap_or_else(|| "sans échéance".into());
            let late = a.is_overdue(self.today);
            let mut line = row![
                text(a.title.as_str()).width(Length::Fill),
                text(a.owner.as_str()).width(Length::Fixed(140.0)),
                text(due).width(Length::Fixed(100.0)).color(if late {
                    theme::LATE
                } else {
                    theme::MUTED
                }),
                text(a.status.label()).width(Length::Fixed(70.0)),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            line = match a.status {
                ActionStatus::Open => line
                    .push(widget::small_button(
                        "Fait",
                        Message::SetAction(a.id, ActionStatus::Done),
                    ))
                    .push(widget::small_button(
                        "Annuler",
                        Message::SetAction(a.id, ActionStatus::Cancelled),
                    )),
                _ => line.push(widget::small_button(
                    "Rouvrir",
                    Message::SetAction(a.id, ActionStatus::Open),
                )),
            };
            actions = actions.push(line);
        }
        actions = actions.push(widget::input(
            "Action à mener",
            &self.drafts.action_title,
            Message::ActionTitle,
            "action-title",
        ));
        actions = actions.push(
            row![
                widget::input(
                    "Responsable",
                    &self.drafts.action_owner,
                    Message::ActionOwner,
                    "action-owner"
                ),
                widget::input(
                    "Échéance (jj/mm/aaaa)",
                    &self.drafts.action_due,
                    Message::ActionDue,
                    "action-due"
                ),
                button(text(tf!("Ajouter l'action"))).on_press(Message::AddAction),
            ]
            .spacing(8),
        );
        let mut proposals = column![].spacing(4);
        if o.linkable.is_empty() {
            proposals = proposals.push(widget::muted(
                "La convention n'a pas encore de propositions.",
            ));
        }
        for p in &o.linkable {
            let linked = r.proposals.iter().any(|(n, _)| *n == p.number);
            let label = format!("n° {} — {}", p.number, p.title);
            if editable {
                let id = p.id;
                proposals = proposals.push(
                    checkbox(linked)
                        .label(label)
                        .on_toggle(move |on| Message::LinkProposal(id, on)),
                );
            } else if linked {
                proposals = proposals.push(text(label));
            }
        }
        column![
            widget::section("Décisions", decisions),
            widget::section("Actions", actions),
            widget::section("Propositions examinées", proposals),
        ]
        .spacing(12)
        .into()
    }
}

fn editable(o: &Open) -> bool {
    o.record
        .minutes
        .as_ref()
        .is_none_or(|m| crate::domain::minutes::check_editable(m.status).is_ok())
}

fn details(o: &Open) -> Element<'_, Message> {
    let r = &o.record;
    let m = &r.meeting;
    column![
        widget::field("Type", m.kind.label()),
        widget::field(
            "Convention",
            r.convention_title
                .clone()
                .unwrap_or_else(|| "Aucune".into())
        ),
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
        widget::field(
            "Services proposés",
            if m.services.is_empty() {
                "Aucun"
            } else {
                m.services.as_str()
            }
        ),
        widget::field("Animation", m.facilitators.as_str()),
        widget::field(
            "Émargement",
            match attendance_rate(&r.attendance) {
                Some(x) => format!(
                    "{} personne(s) sur la liste, taux de présence {}",
                    r.attendance.len(),
                    fr::percent(x)
                ),
                None => "Personne sur la liste".into(),
            }
        ),
        widget::field("Décisions", r.decisions.len().to_string()),
        widget::field("Actions", r.actions.len().to_string()),
    ]
    .spacing(8)
    .into()
}
