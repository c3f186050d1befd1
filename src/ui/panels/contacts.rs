//! The Contacts & mobilisation panel: the directory, searched and filtered by kind,
//! read page by page from the store, and a contact's sheet (details, memberships,
//! consents, conventions, meetings).

use iced::widget::{button, column, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use super::{Event, Target};
use crate::domain::codes::{ConsentScope, ContactKind};
use crate::domain::contact::{Contact, has_consent};
use crate::domain::ids::ContactId;
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{ContactFilter, ContactRow, MeetingAttended, Participation, Store};
use crate::ui::{theme, widget};

const PAGE: u32 = 50;

/// The kind filter's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(Option<ContactKind>);

impl std::fmt::Display for KindChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or("Tous les types", ContactKind::label))
    }
}

struct Sheet {
    contact: Contact,
    memberships: Vec<(ContactId, String, String)>,
    campaigns: Vec<crate::store::CampaignHistory>,
    /// The structures a person can be attached to.
    organisations: Vec<crate::ui::choice::Choice<ContactId>>,
    consents: Vec<crate::domain::contact::Consent>,
    participations: Vec<Participation>,
    meetings: Vec<MeetingAttended>,
    journal: Vec<crate::domain::journal::JournalEntry>,
}

/// The panel's state.
pub struct State {
    filter: ContactFilter,
    page: u32,
    total: u32,
    rows: Vec<ContactRow>,
    sheet: Option<Sheet>,
    /// After an anonymisation: the contact and the free texts that still name them.
    mentions: Option<(ContactId, Vec<String>)>,
    kinds: Vec<KindChoice>,
    selection_name: String,
    confirm_anonymise: bool,
    import: Option<super::contacts_import::Import>,
    /// The Campagnes screen, when shown instead of the directory.
    campaigns: Option<super::campaigns::Campaigns>,
    /// The Doublons screen, when shown instead of the directory.
    duplicates: Option<super::duplicates::Duplicates>,
    /// Every tag with how many contacts carry it, for the filter.
    tags: Vec<(String, u32)>,
    /// The contact's sheet being changed.
    form: Option<super::contact_form::ContactForm>,
    /// The consent being recorded on the sheet.
    consent: super::consent_form::ConsentForm,
    /// The structure and role a person is being attached to.
    attach: (Option<crate::ui::choice::Choice<ContactId>>, String),
    groups: Vec<crate::store::GroupRow>,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Kind(KindChoice),
    Sector(crate::ui::choice::Choice<Option<crate::domain::codes::Sector>>),
    ReviewDue(bool),
    MakeGroup,
    GroupFilter(crate::ui::choice::Choice<Option<i64>>),
    ConsentFilter(crate::ui::choice::Choice<Option<ConsentScope>>),
    AddToGroup(crate::ui::choice::Choice<i64>),
    ExportList(bool),
    Page(u32),
    Select(ContactId),
    OpenConvention(crate::domain::ids::ConventionId),
    OpenMeeting(crate::domain::ids::MeetingId),
    SelectionName(String),
    SaveSelection,
    Withdraw(ConsentScope),
    Consent(super::consent_form::Field),
    AttachTo(crate::ui::choice::Choice<ContactId>),
    AttachRole(String),
    Attach,
    Detach(ContactId),
    RecordConsent(bool),
    DoNotContact(bool),
    Anonymise(bool),
    ConfirmAnonymise,
    ExportPerson,
    OpenImport,
    Import(super::contacts_import::Msg),
    ShowCampaigns(bool),
    Campaigns(super::campaigns::Msg),
    ShowDuplicates,
    Duplicates(super::duplicates::Msg),
    TagFilter(crate::ui::choice::Choice<Option<String>>),
    Sort(crate::store::SortColumn),
    Edit,
    Form(super::contact_form::Field),
    SaveForm,
    CancelForm,
}

impl State {
    /// The first page of the directory.
    pub fn new(store: &Store) -> State {
        let mut kinds = vec![KindChoice(None)];
        kinds.extend(ContactKind::ALL.iter().map(|k| KindChoice(Some(*k))));
        let mut s = State {
            filter: ContactFilter::default(),
            page: 0,
            total: 0,
            rows: Vec::new(),
            sheet: None,
            kinds,
            selection_name: String::new(),
            confirm_anonymise: false,
            mentions: None,
            import: None,
            campaigns: None,
            duplicates: None,
            tags: Vec::new(),
            form: None,
            consent: Default::default(),
            attach: (None, String::new()),
            groups: Vec::new(),
            error: None,
        };
        s.reload(store);
        s
    }

    /// Re-runs the query for the current page and filter.
    pub fn reload(&mut self, store: &Store) {
        if let Ok(groups) = store.groups() {
            self.groups = groups;
        }
        if let Ok(tags) = store.tags() {
            self.tags = tags;
        }
        let result = store.contacts_count(&self.filter).and_then(|total| {
            Ok((
                total,
                store.contacts_page(&self.filter, self.page * PAGE, PAGE)?,
            ))
        });
        match result {
            Ok((total, rows)) => {
                self.total = total;
                self.rows = rows;
                self.error = None;
            }
            Err(e) => self.error = Some(super::describe(&e)),
        }
        if let Some(id) = self.sheet.as_ref().map(|s| s.contact.id) {
            self.open(store, id);
        }
    }

    /// Brings the directory forward with one contact's sheet (from another panel).
    pub fn show(&mut self, store: &Store, id: ContactId) {
        self.campaigns = None;
        self.duplicates = None;
        self.import = None;
        self.open(store, id);
    }

    /// Shows one contact's sheet.
    pub fn open(&mut self, store: &Store, id: ContactId) {
        let sheet = (|| {
            Ok::<_, crate::store::StoreError>(Sheet {
                contact: store.contact(id)?,
                memberships: store.memberships(id)?,
                campaigns: store.campaigns_of(id)?,
                organisations: store
                    .organisations()?
                    .into_iter()
                    .map(|(id, name)| crate::ui::choice::Choice::new(id, name))
                    .collect(),
                consents: store.consents(id)?,
                participations: store.participations(id)?,
                meetings: store.meetings_attended(id)?,
                journal: store.journal_of("contact", id.0, 30)?,
            })
        })();
        match sheet {
            Ok(s) => self.sheet = Some(s),
            Err(e) => self.error = Some(super::describe(&e)),
        }
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
        today: chrono::NaiveDate,
    ) -> (Task<Message>, Option<Event>) {
        let id = self.sheet.as_ref().map(|s| s.contact.id);
        let written = match message {
            Message::MakeGroup | Message::AddToGroup(_) => {
                let ids: Result<Vec<ContactId>, _> = store
                    .contacts_page(&self.filter, 0, u32::MAX)
                    .map(|rows| rows.into_iter().map(|r| r.id).collect());
                Some(ids.and_then(|ids| match message {
                    Message::AddToGroup(g) => store.add_to_group(g.value, &ids).map(|n| {
                        format!("{n} contact(s) ajouté(s) au groupe « {} ».", g.label)
                    }),
                    _ => store.create_group(&self.selection_name, &ids).map(|_| {
                        let name = std::mem::take(&mut self.selection_name);
                        format!(
                            "Groupe « {} » créé avec les {} contact(s) trouvés.",
                            name.trim(),
                            ids.len()
                        )
                    }),
                }))
            }
            Message::ExportList(vcard) => {
                let filter = self.filter.clone();
                let document = if vcard {
                    Document::VCards(filter)
                } else {
                    Document::Contacts(filter)
                };
                return (Task::none(), Some(Event::Export(document)));
            }
            Message::ReviewDue(on) => {
                self.filter.review_due = on.then_some(today);
                self.page = 0;
                self.reload(store);
                None
            }
            Message::Edit => {
                self.form = self
                    .sheet
                    .as_ref()
                    .map(|s| super::contact_form::ContactForm::new(&s.contact));
                None
            }
            Message::Form(f) => {
                if let Some(form) = self.form.as_mut() {
                    form.set(f);
                }
                None
            }
            Message::CancelForm => {
                self.form = None;
                None
            }
            Message::SaveForm => match self.form.as_mut().map(|f| (f.to_contact(), f)) {
                Some((Ok(c), _)) => Some(store.update_contact(&c).map(|_| {
                    self.form = None;
                    "Fiche enregistrée.".to_string()
                })),
                Some((Err(e), form)) => {
                    form.error = Some(super::describe(&e));
                    None
                }
                None => None,
            },
            Message::ShowCampaigns(false) => {
                self.campaigns = None;
                self.duplicates = None;
                None
            }
            Message::ShowCampaigns(true) => match super::campaigns::Campaigns::load(store, None) {
                Ok(c) => {
                    self.campaigns = Some(c);
                    self.duplicates = None;
                    None
                }
                Err(e) => Some(Err(e)),
            },
            Message::ShowDuplicates => {
                self.duplicates = Some(super::duplicates::Duplicates::load(store));
                self.campaigns = None;
                None
            }
            Message::Duplicates(super::duplicates::Msg::Open(id)) => {
                self.show(store, id);
                None
            }
            Message::Duplicates(m) => {
                let Some(d) = self.duplicates.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = d.update(m, store);
                return (task.map(Message::Duplicates), event);
            }
            Message::Campaigns(m) => {
                let Some(c) = self.campaigns.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, event) = c.update(m, store, &self.filter, today);
                return (task.map(Message::Campaigns), event);
            }
            Message::OpenImport => {
                self.import = Some(super::contacts_import::Import::default());
                None
            }
            Message::Import(m) => {
                let Some(import) = self.import.as_mut() else {
                    return (Task::none(), None);
                };
                let (task, outcome) = import.update(m, store);
                let task = task.map(Message::Import);
                return match outcome {
                    Ok(super::contacts_import::Outcome::Stay) => (task, None),
                    Ok(super::contacts_import::Outcome::Close) => {
                        self.import = None;
                        (task, None)
                    }
                    Ok(super::contacts_import::Outcome::Imported(r)) => {
                        self.import = None;
                        (
                            task,
                            Some(Event::Saved(format!(
                                "Import terminé : {} contact(s) créé(s), {} fiche(s) complétée(s), {} doublon(s) laissé(s) de côté, {} consentement(s).",
                                r.created, r.merged, r.skipped, r.consents
                            ))),
                        )
                    }
                    Err(e) => (task, Some(Event::Notice(super::describe(&e)))),
                };
            }
            Message::Withdraw(scope) => id.map(|id| {
                store.withdraw_consent(id, scope, today).map(|_| {
                    format!(
                        "Consentement « {} » retiré : il prend effet tout de suite.",
                        scope.label()
                    )
                })
            }),
            Message::AttachTo(c) => {
                self.attach.0 = Some(c);
                None
            }
            Message::AttachRole(r) => {
                self.attach.1 = r;
                None
            }
            Message::Attach => match (id, self.attach.0.clone()) {
                (Some(id), Some(org)) => Some(
                    store
                        .attach_to_organisation(id, org.value, &self.attach.1)
                        .map(|()| {
                            self.attach = (None, String::new());
                            format!("Rattachement à « {} » enregistré.", org.label)
                        }),
                ),
                _ => None,
            },
            Message::Detach(org) => id.map(|id| {
                store
                    .detach_from_organisation(id, org)
                    .map(|()| "Rattachement retiré.".to_string())
            }),
            Message::Consent(f) => {
                self.consent.set(f);
                None
            }
            Message::RecordConsent(given) => id.map(|id| {
                let consent = self.consent.to_consent(id, given, today)?;
                store.record_consent(&consent, today)?;
                self.consent = Default::default();
                Ok(format!(
                    "{} « {} » enregistré ({}, le {}).",
                    if given { "Consentement" } else { "Retrait du consentement" },
                    consent.scope.label(),
                    consent.channel.label(),
                    fr::date_short(consent.date)
                ))
            }),
            Message::DoNotContact(on) => id.map(|id| {
                store.set_do_not_contact(id, on).map(|_| {
                    if on {
                        "Cette personne ne sera plus contactée.".to_string()
                    } else {
                        "Cette personne peut de nouveau être contactée.".to_string()
                    }
                })
            }),
            Message::Anonymise(ask) => {
                self.confirm_anonymise = ask;
                None
            }
            Message::ConfirmAnonymise => id.map(|id| {
                store.anonymise_contact(id, today).map(|mentions| {
                    self.confirm_anonymise = false;
                    self.mentions = Some((id, mentions.into_iter().map(|m| m.place).collect()));
                    "Contact anonymisé : son identité est effacée, ses participations restent pour les statistiques.".to_string()
                })
            }),
            Message::ExportPerson => {
                return (Task::none(), id.map(|id| Event::Export(Document::PersonData(id))));
            }
            other => return (Task::none(), self.update_list(other, store)),
        };
        match written {
            Some(Ok(notice)) => {
                if let Some(id) = self.sheet.as_ref().map(|s| s.contact.id) {
                    self.open(store, id);
                }
                (Task::none(), Some(Event::Saved(notice)))
            }
            Some(Err(e)) => (Task::none(), Some(Event::Notice(super::describe(&e)))),
            None => (Task::none(), None),
        }
    }

    fn update_list(&mut self, message: Message, store: &mut Store) -> Option<Event> {
        match message {
            Message::Search(s) => {
                self.filter.search = s;
                self.page = 0;
                self.reload(store);
            }
            Message::Kind(k) => {
                self.filter.kind = k.0;
                self.page = 0;
                self.reload(store);
            }
            Message::Sector(c) => {
                self.filter.sector = c.value;
                self.page = 0;
                self.reload(store);
            }
            Message::GroupFilter(c) => {
                self.filter.group = c.value;
                self.page = 0;
                self.reload(store);
            }
            Message::ConsentFilter(c) => {
                self.filter.consent = c.value;
                self.page = 0;
                self.reload(store);
            }
            Message::TagFilter(c) => {
                self.filter.tag = c.value;
                self.page = 0;
                self.reload(store);
            }
            Message::Sort(column) => {
                let sort = &mut self.filter.sort;
                sort.descending = sort.column == column && !sort.descending;
                sort.column = column;
                self.page = 0;
                self.reload(store);
            }
            Message::Page(p) => {
                self.page = p;
                self.reload(store);
            }
            Message::Select(id) => self.open(store, id),
            Message::OpenConvention(id) => return Some(Event::Open(Target::Convention(id))),
            Message::OpenMeeting(id) => return Some(Event::Open(Target::Meeting(id))),
            Message::SelectionName(s) => self.selection_name = s,
            Message::SaveSelection => {
                return Some(
                    match store.save_selection(&self.selection_name, &self.filter) {
                        Ok(_) => {
                            let name = std::mem::take(&mut self.selection_name);
                            Event::Saved(format!(
                                "Sélection « {} » enregistrée : elle se recalcule à chaque usage (invitations aux réunions).",
                                name.trim()
                            ))
                        }
                        Err(e) => Event::Notice(super::describe(&e)),
                    },
                );
            }
            _ => {}
        }
        None
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        if let Some(import) = &self.import {
            return super::contacts_import::screen(import).map(Message::Import);
        }
        let switch = row![
            button(text("Annuaire").size(14))
                .padding([6, 12])
                .style(theme::entry(
                    self.campaigns.is_none() && self.duplicates.is_none()
                ))
                .on_press(Message::ShowCampaigns(false)),
            button(text("Campagnes").size(14))
                .padding([6, 12])
                .style(theme::entry(self.campaigns.is_some()))
                .on_press(Message::ShowCampaigns(true)),
            button(text("Doublons").size(14))
                .padding([6, 12])
                .style(theme::entry(self.duplicates.is_some()))
                .on_press(Message::ShowDuplicates),
        ]
        .spacing(4);
        if let Some(d) = &self.duplicates {
            return column![switch, d.view().map(Message::Duplicates)]
                .spacing(10)
                .into();
        }
        if let Some(c) = &self.campaigns {
            return column![switch, super::campaigns::screen(c).map(Message::Campaigns)]
                .spacing(10)
                .into();
        }
        let pages = self.total.div_ceil(PAGE).max(1);
        let controls = row![
            text_input(
                "Rechercher (nom, structure, courriel…)",
                &self.filter.search
            )
            .id("contacts-search")
            .on_input(Message::Search)
            .padding(8)
            .width(Length::Fill),
            iced::widget::checkbox(self.filter.review_due.is_some())
                .label("À réexaminer")
                .text_size(13)
                .on_toggle(Message::ReviewDue),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center);
        let sectors: Vec<crate::ui::choice::Choice<Option<crate::domain::codes::Sector>>> =
            std::iter::once(crate::ui::choice::Choice::new(None, "Tous les secteurs"))
                .chain(
                    crate::domain::codes::Sector::ALL
                        .iter()
                        .map(|s| crate::ui::choice::Choice::new(Some(*s), s.label())),
                )
                .collect();
        let chosen = crate::ui::choice::selected(&sectors, &self.filter.sector);
        use crate::ui::choice::Choice as C;
        let groups: Vec<C<Option<i64>>> = std::iter::once(C::new(None, "Tous les groupes"))
            .chain(
                self.groups
                    .iter()
                    .filter(|g| !g.saved_selection)
                    .map(|g| C::new(Some(g.id), g.name.clone())),
            )
            .collect();
        let chosen_group = crate::ui::choice::selected(&groups, &self.filter.group);
        let consents: Vec<C<Option<ConsentScope>>> =
            std::iter::once(C::new(None, "Accords : tous"))
                .chain(
                    ConsentScope::ALL
                        .iter()
                        .map(|k| C::new(Some(*k), format!("Accord : {}", k.label()))),
                )
                .collect();
        let chosen_consent = crate::ui::choice::selected(&consents, &self.filter.consent);
        let tags: Vec<C<Option<String>>> = std::iter::once(C::new(None, "Toutes les étiquettes"))
            .chain(
                self.tags
                    .iter()
                    .map(|(t, n)| C::new(Some(t.clone()), format!("{t} ({n})"))),
            )
            .collect();
        let chosen_tag = crate::ui::choice::selected(&tags, &self.filter.tag);
        let narrow = column![
            row![
                pick_list(
                    self.kinds.as_slice(),
                    Some(KindChoice(self.filter.kind)),
                    Message::Kind
                )
                .text_size(13)
                .width(Length::FillPortion(1)),
                pick_list(sectors, chosen, Message::Sector)
                    .text_size(13)
                    .width(Length::FillPortion(1)),
                pick_list(tags, chosen_tag, Message::TagFilter)
                    .text_size(13)
                    .width(Length::FillPortion(1)),
            ]
            .spacing(8),
            row![
                pick_list(groups, chosen_group, Message::GroupFilter)
                    .text_size(13)
                    .width(Length::FillPortion(1)),
                pick_list(consents, chosen_consent, Message::ConsentFilter)
                    .text_size(13)
                    .width(Length::FillPortion(1)),
            ]
            .spacing(8),
        ]
        .spacing(8);
        let mut list = column![].spacing(2);
        for c in &self.rows {
            let selected = self.sheet.as_ref().is_some_and(|s| s.contact.id == c.id);
            let details: Vec<&str> = [
                c.kind.label(),
                c.sector.map_or("", |s| s.label()),
                &c.organisation,
                &c.email,
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            list = list.push(widget::entry(
                column![text(c.name.as_str()), text(details.join(" · ")).size(13)],
                selected,
                Message::Select(c.id),
            ));
        }
        if self.rows.is_empty() {
            list = list.push(widget::muted("Aucun contact ne correspond."));
        }
        let mut pager = row![widget::muted(format!(
            "{} contact{} · page {} / {pages}",
            fr::integer(self.total.into()),
            if self.total > 1 { "s" } else { "" },
            self.page + 1
        ))]
        .spacing(10)
        .align_y(iced::Alignment::Center);
        if self.page > 0 {
            pager = pager.push(
                button(text("Précédent"))
                    .style(button::secondary)
                    .on_press(Message::Page(self.page - 1)),
            );
        }
        if self.page + 1 < pages {
            pager = pager.push(
                button(text("Suivant"))
                    .style(button::secondary)
                    .on_press(Message::Page(self.page + 1)),
            );
        }
        pager = pager
            .push(widget::small_button(
                "Exporter (CSV)",
                Message::ExportList(false),
            ))
            .push(widget::small_button(
                "Exporter (vCard)",
                Message::ExportList(true),
            ));
        let mut save = row![
            text_input("Nom de la sélection", &self.selection_name)
                .id("selection-name")
                .on_input(Message::SelectionName)
                .padding(6)
                .width(Length::Fill),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center);
        let filtered = !self.filter.search.trim().is_empty()
            || self.filter.kind.is_some()
            || self.filter.sector.is_some()
            || self.filter.tag.is_some();
        let fixed: Vec<crate::ui::choice::Choice<i64>> = self
            .groups
            .iter()
            .filter(|g| !g.saved_selection)
            .map(|g| crate::ui::choice::Choice::new(g.id, g.name.clone()))
            .collect();
        save = save.push(
            button(text("Enregistrer la sélection"))
                .style(button::secondary)
                .on_press_maybe(filtered.then_some(Message::SaveSelection)),
        );
        let mut group_row = row![].spacing(10).align_y(iced::Alignment::Center);
        group_row = group_row.push(
            button(text("Créer un groupe avec ces contacts"))
                .style(button::secondary)
                .on_press_maybe(
                    (!self.selection_name.trim().is_empty()).then_some(Message::MakeGroup),
                ),
        );
        if !fixed.is_empty() {
            group_row = group_row.push(
                pick_list(
                    fixed,
                    None::<crate::ui::choice::Choice<i64>>,
                    Message::AddToGroup,
                )
                .placeholder("Ajouter au groupe…")
                .text_size(13),
            );
        }
        let left = column![
            row![
                text("Contacts & mobilisation")
                    .size(24)
                    .font(widget::bold())
                    .color(theme::ACCENT)
                    .width(Length::Fill),
                button(text("Importer un fichier CSV")).on_press(Message::OpenImport),
            ]
            .align_y(iced::Alignment::Center),
            controls,
            narrow,
            save,
            group_row,
            pager,
            sort_bar(self.filter.sort),
            scrollable(list).height(Length::Fill)
        ]
        .spacing(10)
        .width(Length::FillPortion(5));
        let right: Element<'_, Message> = match (&self.form, &self.sheet) {
            (Some(form), _) => scrollable(
                iced::widget::container(form.view(
                    Message::Form,
                    Message::SaveForm,
                    Message::CancelForm,
                ))
                .padding(widget::GUTTER),
            )
            .height(Length::Fill)
            .into(),
            (None, Some(s)) => scrollable(sheet(
                s,
                self.confirm_anonymise,
                match &self.mentions {
                    Some((id, places)) if *id == s.contact.id => places,
                    _ => &[],
                },
                &self.consent,
                &self.attach,
            ))
            .height(Length::Fill)
            .into(),
            (None, None) => widget::muted("Choisissez un contact pour voir sa fiche."),
        };
        let mut page = column![switch].spacing(8);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        page.push(row![left, column![right].width(Length::FillPortion(4))].spacing(20))
            .into()
    }
}

/// The columns the list can be sorted by; the current one shows its direction.
fn sort_bar<'a>(sort: crate::store::ContactSort) -> Element<'a, Message> {
    use crate::store::SortColumn as S;
    let mut bar = row![widget::muted("Trier par :")]
        .spacing(4)
        .align_y(iced::Alignment::Center);
    for (column, label) in [
        (S::Name, "Nom"),
        (S::Organisation, "Structure"),
        (S::Kind, "Type"),
        (S::Sector, "Secteur"),
        (S::Email, "Courriel"),
    ] {
        let current = sort.column == column;
        let label = match (current, sort.descending) {
            (true, false) => format!("{label} ▲"),
            (true, true) => format!("{label} ▼"),
            (false, _) => label.to_string(),
        };
        bar = bar.push(
            button(text(label).size(13))
                .padding([3, 8])
                .style(theme::entry(current))
                .on_press(Message::Sort(column)),
        );
    }
    bar.into()
}

fn sheet<'a>(
    s: &'a Sheet,
    confirm_anonymise: bool,
    still_named_in: &'a [String],
    consent: &'a super::consent_form::ConsentForm,
    attach: &'a (Option<crate::ui::choice::Choice<ContactId>>, String),
) -> Element<'a, Message> {
    let c = &s.contact;
    let mut details = column![
        widget::field("Type", c.kind.label()),
        widget::field("Structure", c.organisation.as_str()),
        widget::field("Fonction", c.role.as_str()),
        widget::field("Courriel", c.email.as_str()),
        widget::field("Téléphone", c.phone.as_str()),
        widget::field(
            "Adresse",
            format!("{} {} {}", c.address, c.postal_code, c.city)
        ),
        widget::field("Secteur", c.sector.map(|s| s.label()).unwrap_or("—")),
        widget::field("Quartier", c.neighbourhood.as_str()),
        widget::field("Étiquettes", c.tags.join(", ")),
        widget::field(
            "Réexamen des données",
            c.retention_review.map(fr::date_short).unwrap_or_default()
        ),
    ]
    .spacing(6);
    if c.do_not_contact {
        details = details.push(widget::colored("Ne pas contacter", theme::LATE));
    }
    if !c.notes.is_empty() {
        details = details.push(widget::field("Notes", c.notes.as_str()));
    }
    let mut sensitive = column![widget::muted(
        "Attributs sensibles, utilisés pour les quotas :"
    )]
    .spacing(4);
    for (label, value) in [
        ("Genre", &c.gender),
        ("Tranche d'âge", &c.age_band),
        ("CSP", &c.csp),
        ("Diplôme", &c.diploma),
    ] {
        sensitive = sensitive.push(widget::field(
            label,
            if value.is_empty() {
                "non renseigné"
            } else {
                value.as_str()
            },
        ));
    }
    let mut current = column![].spacing(4);
    for scope in ConsentScope::ALL {
        if has_consent(&s.consents, *scope) {
            current = current.push(
                row![
                    text(format!("{} : consentement en cours", scope.label())).width(Length::Fill),
                    widget::small_button("Retirer le consentement", Message::Withdraw(*scope)),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
    }
    let mut consents = column![].spacing(4);
    if s.consents.is_empty() {
        consents = consents.push(widget::muted("Aucun consentement enregistré."));
    }
    for k in &s.consents {
        let what = if k.given { "donné" } else { "retiré" };
        let line = format!(
            "{} — {what} le {} ({}, {})",
            k.scope.label(),
            fr::date_short(k.date),
            k.channel.label(),
            k.wording_version
        );
        consents = consents.push(if k.given {
            text(line).into()
        } else {
            widget::colored(line, theme::LATE)
        });
    }
    let mut links = column![].spacing(2);
    for (other, name, role) in &s.memberships {
        let line = if role.is_empty() {
            name.clone()
        } else {
            format!("{name} — {role}")
        };
        let mut entry = row![
            iced::widget::container(widget::entry(text(line), false, Message::Select(*other)))
                .width(Length::Fill)
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        if !c.is_organisation {
            entry = entry.push(widget::small_button("Détacher", Message::Detach(*other)));
        }
        links = links.push(entry);
    }
    if !c.is_organisation {
        links = links.push(
            column![
                pick_list(
                    s.organisations.as_slice(),
                    attach.0.clone(),
                    Message::AttachTo
                )
                .placeholder("Rattacher à une structure…")
                .text_size(13)
                .width(Length::Fill),
                row![
                    text_input("Rôle (adhérent·e, présidente…)", &attach.1)
                        .on_input(Message::AttachRole)
                        .padding(5)
                        .size(13)
                        .width(Length::Fill),
                    button(text("Rattacher").size(13))
                        .padding([4, 8])
                        .style(button::secondary)
                        .on_press_maybe(attach.0.is_some().then_some(Message::Attach)),
                ]
                .spacing(6)
                .align_y(iced::Alignment::Center),
            ]
            .spacing(4)
            .padding([6, 0]),
        );
    }
    for k in &s.campaigns {
        links = links.push(text(format!(
            "Campagne « {} » ({}) — {}{}",
            k.name,
            fr::date_short(k.created_on),
            k.status.label(),
            k.updated_on
                .map(|d| format!(" le {}", fr::date_short(d)))
                .unwrap_or_default()
        )));
    }
    for p in &s.participations {
        links = links.push(widget::entry(
            text(format!("{} — {}", p.convention_title, p.role.label())),
            false,
            Message::OpenConvention(p.convention),
        ));
    }
    for m in &s.meetings {
        links = links.push(widget::entry(
            text(format!(
                "{} · {} — {}",
                fr::date_short(m.date),
                m.title,
                m.status.label()
            )),
            false,
            Message::OpenMeeting(m.meeting),
        ));
    }
    if s.memberships.is_empty()
        && s.participations.is_empty()
        && s.meetings.is_empty()
        && s.campaigns.is_empty()
    {
        links = links.push(widget::muted("Aucune participation enregistrée."));
    }
    let edit = row![
        widget::small_button("Modifier la fiche", Message::Edit),
        widget::small_button(
            if c.do_not_contact {
                "Autoriser de nouveau les contacts"
            } else {
                "Ne plus contacter"
            },
            Message::DoNotContact(!c.do_not_contact)
        ),
    ]
    .spacing(6);
    let rights = row![
        widget::small_button(
            "Droit d'accès : exporter ses données",
            Message::ExportPerson
        ),
        widget::small_button("Anonymiser", Message::Anonymise(true)),
    ]
    .spacing(6)
    .align_y(iced::Alignment::Center);
    // The confirmation below the buttons: beside them it overflowed the sheet.
    let mut rights = column![rights].spacing(6);
    if confirm_anonymise {
        rights = rights
            .push(widget::colored(
                fr::typography("Effacer son identité ? Une sauvegarde est faite avant."),
                theme::LATE,
            ))
            .push(
                row![
                    widget::small_button("Oui, anonymiser", Message::ConfirmAnonymise),
                    widget::small_button("Non", Message::Anonymise(false)),
                ]
                .spacing(6),
            );
    }
    let mut mentions = column![widget::colored(
        fr::typography(
            "Ces textes libres citent encore son nom ou son adresse : Agora ne les réécrit pas, modifiez-les (un compte rendu verrouillé se corrige par une nouvelle version)."
        ),
        theme::LATE,
    )]
    .spacing(4);
    for place in still_named_in {
        mentions = mentions.push(text(format!("• {place}")));
    }
    let mut page = column![
        text(c.display_name()).size(22).font(widget::bold()),
        edit,
        rights,
        current,
    ];
    if !still_named_in.is_empty() {
        page = page.push(widget::section("Textes à modifier", mentions));
    }
    page.push(consent.view(Message::Consent, Message::RecordConsent))
        .push(widget::section("Coordonnées", details))
        .push(widget::section("Quotas", sensitive))
        .push(widget::section("Consentements", consents))
        .push(widget::section("Participation", links))
        .push(widget::section(
            "Journal des modifications",
            history(&s.journal),
        ))
        .spacing(10)
        .padding(widget::GUTTER)
        .into()
}

/// The changes made to a contact, newest first.
fn history(entries: &[crate::domain::journal::JournalEntry]) -> Element<'_, Message> {
    let mut col = column![].spacing(2);
    if entries.is_empty() {
        col = col.push(widget::muted("Aucune modification enregistrée."));
    }
    for e in entries {
        col = col.push(
            row![
                text(format!(
                    "{} {}",
                    fr::date_short(e.at.date()),
                    e.at.format("%H:%M")
                ))
                .size(12)
                .color(theme::MUTED)
                .width(Length::Fixed(120.0)),
                text(e.summary.as_str()).size(13),
            ]
            .spacing(8),
        );
    }
    col.into()
}
