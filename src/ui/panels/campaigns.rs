//! The Campagnes screen of the Contacts panel: campaigns for a convention, their
//! recipients (from a group, a saved selection or the directory's current search; who
//! may not be written to is left out, with the reason), statuses changed one by one
//! or all at once, reminders due, who answered and came by sector, age band and
//! gender, and the mail-merge file.

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};

use super::Event;
use crate::domain::campaign::Funnel;
use crate::domain::codes::{CampaignKind, RecipientStatus};
use crate::domain::ids::{ContactId, ConventionId};
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{CampaignRow, ContactFilter, GroupRow, Recipient, SplitBy, Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::{theme, widget};

/// Days without an answer after which an invitation is to be followed up.
const REMIND_AFTER_DAYS: u64 = 7;

/// The screen's state.
#[derive(Debug, Default)]
pub struct Campaigns {
    list: Vec<CampaignRow>,
    groups: Vec<GroupRow>,
    conventions: Vec<Choice<Option<ConventionId>>>,
    selected: Option<i64>,
    recipients: Vec<Recipient>,
    reminders: usize,
    funnels: Vec<Funnel>,
    split: Option<SplitBy>,
    name: String,
    kind: Option<CampaignKind>,
    convention: Option<ConventionId>,
}

/// Its messages.
#[derive(Debug, Clone)]
pub enum Msg {
    Select(i64),
    Name(String),
    Kind(CampaignKind),
    Convention(Choice<Option<ConventionId>>),
    Create,
    AddGroup(Choice<i64>),
    AddSearch,
    SetStatus(ContactId, RecipientStatus),
    InviteAll,
    Split(Choice<SplitBy>),
    MailMerge,
}

fn splits() -> Vec<Choice<SplitBy>> {
    vec![
        Choice::new(SplitBy::Sector, "par secteur"),
        Choice::new(SplitBy::AgeBand, "par tranche d'âge"),
        Choice::new(SplitBy::Gender, "par genre"),
    ]
}

impl Campaigns {
    /// Loads the campaigns and what they can be built from.
    pub fn load(store: &Store, selected: Option<i64>) -> Result<Campaigns, StoreError> {
        let mut c = Campaigns {
            list: store.campaigns()?,
            groups: store.groups()?,
            conventions: std::iter::once(Choice::new(None, "Sans convention"))
                .chain(
                    store
                        .conventions()?
                        .into_iter()
                        .map(|c| Choice::new(Some(c.id), c.title)),
                )
                .collect(),
            ..Campaigns::default()
        };
        if let Some(id) = selected.or(c.list.first().map(|x| x.id)) {
            c.open(store, id)?;
        }
        Ok(c)
    }

    fn open(&mut self, store: &Store, id: i64) -> Result<(), StoreError> {
        self.selected = Some(id);
        self.recipients = store.recipients(id)?;
        self.reminders = store
            .reminders_due(id, REMIND_AFTER_DAYS, chrono::Local::now().date_naive())?
            .len();
        self.funnels = store.campaign_funnels(id, self.split.unwrap_or(SplitBy::Sector))?;
        Ok(())
    }

    /// Handles a message; `filter` is the directory's current search.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        filter: &ContactFilter,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        if let (Msg::MailMerge, Some(id)) = (&msg, self.selected) {
            return (Task::none(), Some(Event::Export(Document::MailMerge(id))));
        }
        let result: Result<Option<String>, StoreError> = (|| {
            match msg {
                Msg::Select(id) => self.open(store, id)?,
                Msg::Name(s) => self.name = s,
                Msg::Kind(k) => self.kind = Some(k),
                Msg::Convention(c) => self.convention = c.value,
                Msg::Create => {
                    let kind = self.kind.unwrap_or(CampaignKind::Invitation);
                    let id =
                        store.create_campaign(&self.name, kind, self.convention, None, today)?;
                    self.name.clear();
                    *self = Campaigns::load(store, Some(id))?;
                    return Ok(Some("Campagne créée : ajoutez ses destinataires.".into()));
                }
                Msg::AddGroup(g) => return self.add(store, store.group_members(g.value)?.2),
                Msg::AddSearch => {
                    let ids = store
                        .contacts_page(filter, 0, u32::MAX)?
                        .into_iter()
                        .map(|c| c.id)
                        .collect();
                    return self.add(store, ids);
                }
                Msg::SetStatus(contact, status) => {
                    if let Some(id) = self.selected {
                        store.set_recipients_status(id, &[contact], status, today)?;
                        self.open(store, id)?;
                    }
                }
                Msg::InviteAll => {
                    if let Some(id) = self.selected {
                        let waiting: Vec<ContactId> = self
                            .recipients
                            .iter()
                            .filter(|r| r.status == RecipientStatus::ToInvite)
                            .map(|r| r.contact)
                            .collect();
                        store.set_recipients_status(
                            id,
                            &waiting,
                            RecipientStatus::Invited,
                            today,
                        )?;
                        self.open(store, id)?;
                        return Ok(Some(format!(
                            "{} invitation(s) marquée(s) comme envoyée(s).",
                            waiting.len()
                        )));
                    }
                }
                Msg::Split(c) => {
                    self.split = Some(c.value);
                    if let Some(id) = self.selected {
                        self.open(store, id)?;
                    }
                }
                Msg::MailMerge => {}
            }
            Ok(None)
        })();
        (Task::none(), super::outcome(result))
    }

    fn add(
        &mut self,
        store: &mut Store,
        ids: Vec<ContactId>,
    ) -> Result<Option<String>, StoreError> {
        let Some(id) = self.selected else {
            return Ok(None);
        };
        let (added, left) = store.add_recipients(id, &ids)?;
        self.open(store, id)?;
        let mut reasons: Vec<String> = Vec::new();
        for (_, why) in left.iter().take(1) {
            reasons.push(why.label().to_string());
        }
        Ok(Some(if left.is_empty() {
            format!("{added} destinataire(s) ajouté(s).")
        } else {
            format!(
                "{added} destinataire(s) ajouté(s) ; {} laissé(s) de côté (par exemple : {}).",
                left.len(),
                reasons.join(", ")
            )
        }))
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Msg> {
        let mut list = column![].spacing(2);
        if self.list.is_empty() {
            list = list.push(widget::muted(tf!("Aucune campagne pour l'instant.")));
        }
        for c in &self.list {
            list = list.push(widget::entry(
                column![
                    text(c.name.as_str()),
                    text(format!(
                        "{} · {} · {} destinataire(s)",
                        c.kind.label(),
                        fr::date_short(c.created_on),
                        c.recipients
                    ))
                    .size(12),
                ],
                self.selected == Some(c.id),
                Msg::Select(c.id),
            ));
        }
        let form = widget::section(
            "Nouvelle campagne",
            column![
                widget::input("Nom de la campagne", &self.name, Msg::Name, "campaign-name"),
                row![
                    pick_list(
                        CampaignKind::ALL,
                        Some(self.kind.unwrap_or(CampaignKind::Invitation)),
                        Msg::Kind
                    ),
                    pick_list(
                        self.conventions.as_slice(),
                        selected(&self.conventions, &self.convention),
                        Msg::Convention
                    ),
                ]
                .spacing(8),
                button(text("Créer la campagne")).on_press(Msg::Create),
            ]
            .spacing(8),
        );
        let left = column![form, scrollable(list).height(Length::Fill)]
            .spacing(10)
            .width(Length::Fixed(340.0));
        let right: Element<'_, Msg> = match self.selected {
            Some(_) => scrollable(iced::widget::container(self.detail()).padding(widget::GUTTER))
                .height(Length::Fill)
                .into(),
            None => widget::muted("Créez une campagne ou choisissez-en une."),
        };
        row![left, right].spacing(20).into()
    }

    fn detail(&self) -> Element<'_, Msg> {
        let groups = crate::ui::choice::groups(&self.groups);
        let mut head = row![
            pick_list(groups, None::<Choice<i64>>, Msg::AddGroup)
                .placeholder("Ajouter un groupe ou une sélection…"),
            widget::small_button("Ajouter la recherche en cours", Msg::AddSearch),
            widget::small_button("Tous les « à inviter » → invités", Msg::InviteAll),
            widget::small_button("Publipostage (CSV)", Msg::MailMerge),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if self.reminders > 0 {
            head = head.push(widget::colored(
                format!(
                    "{} à relancer (sans réponse depuis {REMIND_AFTER_DAYS} jours)",
                    self.reminders
                ),
                theme::LATE,
            ));
        }
        let choices = splits();
        let chosen = selected(&choices, &self.split.unwrap_or(SplitBy::Sector));
        let mut funnel = column![
            row![
                text("Qui a répondu et qui est venu").font(widget::bold()),
                pick_list(choices, chosen, Msg::Split).text_size(13),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
            widget::header_row(&[
                ("", 3),
                ("Ciblés", 1),
                ("Invités", 1),
                ("Ont répondu", 1),
                ("Venus", 1)
            ]),
        ]
        .spacing(4);
        for f in &self.funnels {
            let rate = |n: u32| {
                if f.targeted == 0 {
                    String::new()
                } else {
                    format!(
                        "{n} ({})",
                        fr::percent(f64::from(n) / f64::from(f.targeted))
                    )
                }
            };
            funnel = funnel.push(row![
                text(f.group.as_str()).width(Length::FillPortion(3)),
                text(f.targeted.to_string()).width(Length::FillPortion(1)),
                text(rate(f.invited)).width(Length::FillPortion(1)),
                text(rate(f.answered)).width(Length::FillPortion(1)),
                text(rate(f.came)).width(Length::FillPortion(1)),
            ]);
        }
        let mut people = column![].spacing(2);
        if self.recipients.is_empty() {
            people = people.push(widget::muted("Pas encore de destinataires."));
        }
        for r in &self.recipients {
            let contact = r.contact;
            people = people.push(
                row![
                    text(r.name.as_str()).width(Length::Fill),
                    text(r.email.as_str())
                        .size(12)
                        .color(theme::MUTED)
                        .width(Length::Fill),
                    pick_list(RecipientStatus::ALL, Some(r.status), move |s| {
                        Msg::SetStatus(contact, s)
                    })
                    .text_size(13),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        column![
            head,
            widget::section("Destinataires", people),
            widget::section("Taux", funnel),
        ]
        .spacing(10)
        .into()
    }
}

/// The screen.
pub fn screen(c: &Campaigns) -> Element<'_, Msg> {
    c.view()
}
