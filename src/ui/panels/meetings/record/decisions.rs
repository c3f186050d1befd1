//! The « Décisions et actions » tab: the numbered decisions with their votes, the
//! actions to follow (owner, due date, done or cancelled), and the convention's
//! proposals this meeting examined.

use chrono::NaiveDate;
use iced::widget::{button, checkbox, column, row, text};
use iced::{Alignment, Element, Length, Task};

use super::editable;
use crate::domain::codes::ActionStatus;
use crate::domain::ids::{ActionId, DecisionId, ProposalId};
use crate::domain::meeting::MeetingRecord;
use crate::domain::parse;
use crate::domain::text as fr;
use crate::store::{LinkedProposal, Store, StoreError};
use crate::ui::panels::Event;
use crate::ui::panels::meetings::{changed, saved};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
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
}

/// What is being typed, and the proposals the meeting can be linked to.
#[derive(Debug, Default)]
pub struct State {
    decision_text: String,
    decision_vote: String,
    action_title: String,
    action_owner: String,
    action_due: String,
    linkable: Vec<LinkedProposal>,
}

impl State {
    pub fn reload(&mut self, store: &Store, r: &MeetingRecord) -> Result<(), StoreError> {
        self.linkable = store.linkable_proposals(r.meeting.id)?;
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
            Msg::DecisionText(s) => {
                self.decision_text = s;
                None
            }
            Msg::DecisionVote(s) => {
                self.decision_vote = s;
                None
            }
            Msg::AddDecision => saved(
                store
                    .add_decision(id, &self.decision_text, &self.decision_vote)
                    .map(|n| {
                        self.decision_text.clear();
                        self.decision_vote.clear();
                        format!("Décision n° {n} enregistrée.")
                    }),
            ),
            Msg::RemoveDecision(d) => changed(store.remove_decision(d)),
            Msg::ActionTitle(s) => {
                self.action_title = s;
                None
            }
            Msg::ActionOwner(s) => {
                self.action_owner = s;
                None
            }
            Msg::ActionDue(s) => {
                self.action_due = s;
                None
            }
            Msg::AddAction => saved(self.add_action(store, r)),
            Msg::SetAction(a, status) => changed(store.set_action_status(a, status)),
            Msg::LinkProposal(p, on) => changed(store.link_proposal(id, p, on)),
        };
        (Task::none(), event)
    }

    fn add_action(&mut self, store: &mut Store, r: &MeetingRecord) -> Result<String, StoreError> {
        let due = if self.action_due.trim().is_empty() {
            None
        } else {
            Some(parse::date(&self.action_due)?)
        };
        store.add_action(r.meeting.id, &self.action_title, &self.action_owner, due)?;
        self.action_title.clear();
        self.action_due.clear();
        Ok("Action enregistrée.".into())
    }

    pub fn view<'a>(&'a self, r: &'a MeetingRecord, today: NaiveDate) -> Element<'a, Msg> {
        column![
            widget::section("Décisions", self.decisions(r)),
            widget::section("Actions", self.actions(r, today)),
            widget::section("Propositions examinées", self.proposals(r)),
        ]
        .spacing(12)
        .into()
    }

    fn decisions<'a>(&'a self, r: &'a MeetingRecord) -> Element<'a, Msg> {
        let editable = editable(r);
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
                line = line.push(widget::small_button("Retirer", Msg::RemoveDecision(d.id)));
            }
            decisions = decisions.push(line);
        }
        if !editable {
            return decisions.into();
        }
        decisions
            .push(widget::input(
                "Texte de la décision",
                &self.decision_text,
                Msg::DecisionText,
                "decision-text",
            ))
            .push(
                row![
                    widget::input(
                        "Vote (facultatif)",
                        &self.decision_vote,
                        Msg::DecisionVote,
                        "decision-vote"
                    ),
                    button(text("Enregistrer la décision")).on_press(Msg::AddDecision),
                ]
                .spacing(8),
            )
            .into()
    }

    fn actions<'a>(&'a self, r: &'a MeetingRecord, today: NaiveDate) -> Element<'a, Msg> {
        let mut actions = column![].spacing(4);
        if r.actions.is_empty() {
            actions = actions.push(widget::muted("Aucune action."));
        }
        for a in &r.actions {
            let due = a
                .due
                .map(fr::date_short)
                .unwrap_or_else(|| "sans échéance".into());
            let colour = if a.is_overdue(today) {
                theme::LATE
            } else {
                theme::MUTED
            };
            let line = row![
                text(a.title.as_str()).width(Length::Fill),
                text(a.owner.as_str()).width(Length::Fixed(140.0)),
                text(due).width(Length::Fixed(100.0)).color(colour),
                text(a.status.label()).width(Length::Fixed(70.0)),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            actions = actions.push(match a.status {
                ActionStatus::Open => line
                    .push(widget::small_button(
                        "Fait",
                        Msg::SetAction(a.id, ActionStatus::Done),
                    ))
                    .push(widget::small_button(
                        "Annuler",
                        Msg::SetAction(a.id, ActionStatus::Cancelled),
                    )),
                _ => line.push(widget::small_button(
                    "Rouvrir",
                    Msg::SetAction(a.id, ActionStatus::Open),
                )),
            });
        }
        actions
            .push(widget::input(
                "Action à mener",
                &self.action_title,
                Msg::ActionTitle,
                "action-title",
            ))
            .push(
                row![
                    widget::input(
                        "Responsable",
                        &self.action_owner,
                        Msg::ActionOwner,
                        "action-owner"
                    ),
                    widget::input(
                        "Échéance (jj/mm/aaaa)",
                        &self.action_due,
                        Msg::ActionDue,
                        "action-due"
                    ),
                    button(text(tf!("Ajouter l'action"))).on_press(Msg::AddAction),
                ]
                .spacing(8),
            )
            .into()
    }

    fn proposals<'a>(&'a self, r: &'a MeetingRecord) -> Element<'a, Msg> {
        let editable = editable(r);
        let mut proposals = column![].spacing(4);
        if self.linkable.is_empty() {
            proposals = proposals.push(widget::muted(
                "La convention n'a pas encore de propositions.",
            ));
        }
        for p in &self.linkable {
            let linked = r.proposals.iter().any(|(n, _)| *n == p.number);
            let label = format!("n° {} — {}", p.number, p.title);
            if editable {
                let id = p.id;
                proposals = proposals.push(
                    checkbox(linked)
                        .label(label)
                        .on_toggle(move |on| Msg::LinkProposal(id, on)),
                );
            } else if linked {
                proposals = proposals.push(text(label));
            }
        }
        proposals.into()
    }
}
