//! A contact's sheet, beside the directory: details, quota attributes, consents (and
//! recording one), memberships of structures, campaigns, conventions, meetings, the
//! journal of the record; and what a person's rights ask for — editing the record,
//! « ne plus contacter », the export of their data, anonymisation.

use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Element, Length, Task};

use super::super::{Event, Target};
use crate::domain::attachment::Owner;
use crate::domain::attestation::AttestationScope;
use crate::domain::codes::ConsentScope;
use crate::domain::contact::{Contact, has_consent};
use crate::domain::ids::{ContactId, ConventionId, MeetingId};
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{MeetingAttended, Participation, Store, StoreError};
use crate::ui::attachments::{self, Files};
use crate::ui::{theme, widget};

/// What the sheet shows of the open contact.
struct Opened {
    contact: Contact,
    memberships: Vec<(ContactId, String, String)>,
    campaigns: Vec<crate::store::CampaignHistory>,
    /// The structures a person can be attached to.
    organisations: Vec<crate::ui::choice::Choice<ContactId>>,
    consents: Vec<crate::domain::contact::Consent>,
    participations: Vec<Participation>,
    meetings: Vec<MeetingAttended>,
    journal: Vec<crate::domain::journal::JournalEntry>,
    files: Files,
}

/// The sheet's state: the open contact, and what is being typed on it.
#[derive(Default)]
pub struct State {
    open: Option<Opened>,
    /// After an anonymisation: the contact and the free texts that still name them.
    mentions: Option<(ContactId, Vec<String>)>,
    confirm_anonymise: bool,
    /// The contact's record being changed.
    form: Option<super::super::contact_form::ContactForm>,
    /// The consent being recorded.
    consent: super::super::consent_form::ConsentForm,
    /// The structure and role a person is being attached to.
    attach: (Option<crate::ui::choice::Choice<ContactId>>, String),
}

/// What the person does on the sheet.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Another contact named on the sheet (a structure, a member).
    Open(ContactId),
    OpenConvention(ConventionId),
    OpenMeeting(MeetingId),
    Withdraw(ConsentScope),
    Consent(super::super::consent_form::Field),
    AttachTo(crate::ui::choice::Choice<ContactId>),
    AttachRole(String),
    Attach,
    Detach(ContactId),
    RecordConsent(bool),
    DoNotContact(bool),
    Anonymise(bool),
    ConfirmAnonymise,
    ExportPerson,
    /// Their attestation de participation for a convention.
    Attestation(ConventionId),
    Edit,
    Form(super::super::contact_form::Field),
    SaveForm,
    CancelForm,
    Files(attachments::Msg),
}

impl State {
    /// The open contact.
    pub fn id(&self) -> Option<ContactId> {
        self.open.as_ref().map(|s| s.contact.id)
    }

    /// The open contact's files (where a file dropped on the window goes).
    pub fn files_mut(&mut self) -> Option<&mut Files> {
        self.open.as_mut().map(|s| &mut s.files)
    }

    /// Opens one contact's sheet (or reloads it).
    pub fn open(&mut self, store: &Store, id: ContactId) -> Result<(), StoreError> {
        self.open = Some(Opened {
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
            files: Files::new(store, Owner::Contact(id)),
        });
        Ok(())
    }

    /// Handles a message on the open contact.
    pub fn update(
        &mut self,
        message: Msg,
        store: &mut Store,
        today: chrono::NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        let id = self.id();
        let written = match message {
            Msg::Files(m) => {
                return match self.files_mut() {
                    Some(f) => {
                        let (task, event) = f.update(m, store);
                        (task.map(Msg::Files), event)
                    }
                    None => (Task::none(), None),
                };
            }
            Msg::Edit => {
                self.form = self
                    .open
                    .as_ref()
                    .map(|s| super::super::contact_form::ContactForm::new(&s.contact));
                None
            }
            Msg::Form(f) => {
                if let Some(form) = self.form.as_mut() {
                    form.set(f);
                }
                None
            }
            Msg::CancelForm => {
                self.form = None;
                None
            }
            Msg::SaveForm => match self.form.as_mut().map(|f| (f.to_contact(), f)) {
                Some((Ok(c), _)) => Some(store.update_contact(&c).map(|_| {
                    self.form = None;
                    "Fiche enregistrée.".to_string()
                })),
                Some((Err(e), form)) => {
                    form.error = Some(super::super::describe(&e));
                    None
                }
                None => None,
            },
            Msg::Withdraw(scope) => id.map(|id| {
                store.withdraw_consent(id, scope, today).map(|_| {
                    format!(
                        "Consentement « {} » retiré : il prend effet tout de suite.",
                        scope.label()
                    )
                })
            }),
            Msg::AttachTo(c) => {
                self.attach.0 = Some(c);
                None
            }
            Msg::AttachRole(r) => {
                self.attach.1 = r;
                None
            }
            Msg::Attach => match (id, self.attach.0.clone()) {
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
            Msg::Detach(org) => id.map(|id| {
                store
                    .detach_from_organisation(id, org)
                    .map(|()| "Rattachement retiré.".to_string())
            }),
            Msg::Consent(f) => {
                self.consent.set(f);
                None
            }
            Msg::RecordConsent(given) => id.map(|id| {
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
            Msg::DoNotContact(on) => id.map(|id| {
                store.set_do_not_contact(id, on).map(|_| {
                    if on {
                        "Cette personne ne sera plus contactée.".to_string()
                    } else {
                        "Cette personne peut de nouveau être contactée.".to_string()
                    }
                })
            }),
            Msg::Anonymise(ask) => {
                self.confirm_anonymise = ask;
                None
            }
            Msg::ConfirmAnonymise => id.map(|id| {
                store.anonymise_contact(id, today).map(|mentions| {
                    self.confirm_anonymise = false;
                    self.mentions = Some((id, mentions.into_iter().map(|m| m.place).collect()));
                    "Contact anonymisé : son identité est effacée, ses participations restent pour les statistiques.".to_string()
                })
            }),
            Msg::ExportPerson => {
                return (Task::none(), id.map(|id| Event::Export(Document::PersonData(id))));
            }
            Msg::Attestation(convention) => {
                let scope = id.map(|contact| AttestationScope::Person {
                    convention,
                    contact,
                });
                return (
                    Task::none(),
                    scope.map(|s| Event::Export(Document::Attestations(s))),
                );
            }
            Msg::Open(other) => return (Task::none(), Some(Event::Open(Target::Contact(other)))),
            Msg::OpenConvention(c) => {
                return (Task::none(), Some(Event::Open(Target::Convention(c))));
            }
            Msg::OpenMeeting(m) => return (Task::none(), Some(Event::Open(Target::Meeting(m)))),
        };
        // The app reloads every panel on Saved, this sheet included.
        (Task::none(), super::super::outcome(written.transpose()))
    }

    /// The sheet, the record's form while it is changed, or an invitation to choose.
    pub fn view(&self) -> Element<'_, Msg> {
        match (&self.form, &self.open) {
            (Some(form), _) => {
                iced::widget::container(form.view(Msg::Form, Msg::SaveForm, Msg::CancelForm))
                    .padding(widget::GUTTER)
                    .into()
            }
            (None, Some(s)) => sheet(
                s,
                self.confirm_anonymise,
                match &self.mentions {
                    Some((id, places)) if *id == s.contact.id => places,
                    _ => &[],
                },
                &self.consent,
                &self.attach,
            ),
            (None, None) => widget::muted("Choisissez un contact pour voir sa fiche."),
        }
    }
}

fn sheet<'a>(
    s: &'a Opened,
    confirm_anonymise: bool,
    still_named_in: &'a [String],
    consent: &'a super::super::consent_form::ConsentForm,
    attach: &'a (Option<crate::ui::choice::Choice<ContactId>>, String),
) -> Element<'a, Msg> {
    let c = &s.contact;
    let mut page = column![
        text(c.display_name()).size(22).font(widget::bold()),
        actions(c, confirm_anonymise),
        current_consents(s),
    ];
    if !still_named_in.is_empty() {
        page = page.push(widget::section(
            "Textes à modifier",
            mentions(still_named_in),
        ));
    }
    page.push(consent.view(Msg::Consent, Msg::RecordConsent))
        .push(widget::section("Coordonnées", details(c)))
        .push(widget::section("Quotas", sensitive(c)))
        .push(widget::section("Consentements", consent_history(s)))
        .push(widget::section("Participation", links(s, attach)))
        .push(s.files.view().map(Msg::Files))
        .push(widget::section(
            "Journal des modifications",
            history(&s.journal),
        ))
        .spacing(10)
        .padding(widget::GUTTER)
        .into()
}

/// Change the sheet, stop contacting, the person's rights (access, anonymisation).
fn actions(c: &Contact, confirm_anonymise: bool) -> Element<'_, Msg> {
    let edit = row![
        widget::small_button("Modifier la fiche", Msg::Edit),
        widget::small_button(
            if c.do_not_contact {
                "Autoriser de nouveau les contacts"
            } else {
                "Ne plus contacter"
            },
            Msg::DoNotContact(!c.do_not_contact)
        ),
    ]
    .spacing(6);
    let rights = row![
        widget::small_button("Droit d'accès : exporter ses données", Msg::ExportPerson),
        widget::small_button("Anonymiser", Msg::Anonymise(true)),
    ]
    .spacing(6)
    .align_y(iced::Alignment::Center);
    // The confirmation below the buttons: beside them it overflowed the sheet.
    let mut rights = column![rights].spacing(6);
    if confirm_anonymise {
        rights = rights
            .push(widget::colored(
                fr::typography(
                    "Effacer son identité et les fichiers joints à sa fiche ? Une sauvegarde est faite avant.",
                ),
                theme::LATE,
            ))
            .push(
                row![
                    widget::small_button("Oui, anonymiser", Msg::ConfirmAnonymise),
                    widget::small_button("Non", Msg::Anonymise(false)),
                ]
                .spacing(6),
            );
    }
    // The sheet's own spacing between the two rows.
    column![edit, rights].spacing(10).into()
}

/// The free texts that still name an anonymised person.
fn mentions(still_named_in: &[String]) -> Element<'_, Msg> {
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
    mentions.into()
}

fn details(c: &Contact) -> Element<'_, Msg> {
    let mut details = column![
        widget::field("Type", c.kind.label()),
        widget::field("Structure", c.organisation.as_str()),
        widget::field("Fonction", c.role.as_str()),
        widget::field("Courriel", c.email.as_str()),
        widget::field("Téléphone", c.phone.as_str()),
        widget::field("Adresse", c.postal_address()),
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
    details.into()
}

/// The attributes the quotas read.
fn sensitive(c: &Contact) -> Element<'_, Msg> {
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
    sensitive.into()
}

/// The consents in force, each with its withdrawal.
fn current_consents(s: &Opened) -> Element<'_, Msg> {
    let mut current = column![].spacing(4);
    for scope in ConsentScope::ALL {
        if has_consent(&s.consents, *scope) {
            current = current.push(
                row![
                    text(tf!("{} : consentement en cours", scope.label())).width(Length::Fill),
                    widget::small_button("Retirer le consentement", Msg::Withdraw(*scope)),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
    }
    current.into()
}

/// Every consent given or withdrawn, with its date, channel and wording.
fn consent_history(s: &Opened) -> Element<'_, Msg> {
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
    consents.into()
}

/// Structures, campaigns, conventions and meetings the person takes part in.
fn links<'a>(
    s: &'a Opened,
    attach: &'a (Option<crate::ui::choice::Choice<ContactId>>, String),
) -> Element<'a, Msg> {
    let c = &s.contact;
    let mut links = column![].spacing(2);
    for (other, name, role) in &s.memberships {
        let line = if role.is_empty() {
            name.clone()
        } else {
            format!("{name} — {role}")
        };
        let mut entry = row![
            iced::widget::container(widget::entry(text(line), false, Msg::Open(*other)))
                .width(Length::Fill)
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        if !c.is_organisation {
            entry = entry.push(widget::small_button("Détacher", Msg::Detach(*other)));
        }
        links = links.push(entry);
    }
    if !c.is_organisation {
        links = links.push(attach_form(s, attach));
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
        links = links.push(
            row![
                iced::widget::container(widget::entry(
                    text(format!("{} — {}", p.convention_title, p.role.label())),
                    false,
                    Msg::OpenConvention(p.convention),
                ))
                .width(Length::Fill),
                widget::small_button(
                    "Attestation de participation (PDF)",
                    Msg::Attestation(p.convention)
                ),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        );
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
            Msg::OpenMeeting(m.meeting),
        ));
    }
    if s.memberships.is_empty()
        && s.participations.is_empty()
        && s.meetings.is_empty()
        && s.campaigns.is_empty()
    {
        links = links.push(widget::muted("Aucune participation enregistrée."));
    }
    links.into()
}

/// Attach a person to a structure, with a role.
fn attach_form<'a>(
    s: &'a Opened,
    attach: &'a (Option<crate::ui::choice::Choice<ContactId>>, String),
) -> Element<'a, Msg> {
    column![
        pick_list(s.organisations.as_slice(), attach.0.clone(), Msg::AttachTo)
            .placeholder("Rattacher à une structure…")
            .text_size(13)
            .width(Length::Fill),
        row![
            text_input("Rôle (adhérent·e, présidente…)", &attach.1)
                .on_input(Msg::AttachRole)
                .padding(5)
                .size(13)
                .width(Length::Fill),
            button(text("Rattacher").size(13))
                .padding([4, 8])
                .style(button::secondary)
                .on_press_maybe(attach.0.is_some().then_some(Msg::Attach)),
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center),
    ]
    .spacing(4)
    .padding([6, 0])
    .into()
}

/// The changes made to a contact, newest first.
fn history(entries: &[crate::domain::journal::JournalEntry]) -> Element<'_, Msg> {
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
