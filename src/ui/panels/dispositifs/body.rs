//! A consultative body's sheet: its composition rules; its members with their terms
//! (those ending within three months and those who cannot be renewed marked), a seat
//! given to a contact found in the directory, a departure recorded; the renewal by
//! lot, prepared in the Tirage au sort panel and whose drawn members take their seats
//! in one step; the opinions it issued; its meetings; its yearly report.

use chrono::{Datelike, NaiveDate};
use iced::widget::{button, checkbox, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::Up;
use crate::domain::body::{Body, Member, Opinion, vacancies};
use crate::domain::codes::{DispositifKind, ParticipationKind, SeatFilling, Sector};
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::{ContactId, ConventionId, DispositifId};
use crate::domain::{DomainError, parse, text as fr};
use crate::export::Document;
use crate::store::{ContactFilter, ContactRow, Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, Target, describe};
use crate::ui::{theme, widget};

/// A text field of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Directorate,
    Elected,
    Start,
    Seats,
    TermYears,
    MaxTerms,
    MinAge,
    Search,
    SeatFrom,
    OpinionDate,
    OpinionTitle,
    OpinionTo,
    Year,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Field(Field, String),
    Filling(SeatFilling),
    Level(ParticipationKind),
    Sector(Choice<Option<Sector>>),
    Parity(bool),
    Save,
    Back,
    Seat(ContactId),
    Left(i64),
    PrepareRenewal,
    OpenRenewal(ConventionId),
    Appoint(ConventionId),
    AddOpinion,
    Linked(super::linked::Msg),
    Export(bool),
}

/// The sheet as typed, and what the store holds beside it.
#[derive(Debug)]
pub struct State {
    id: Option<DispositifId>,
    title: String,
    directorate: String,
    elected: String,
    start: String,
    level: ParticipationKind,
    seats: String,
    filling: SeatFilling,
    term_years: String,
    max_terms: String,
    min_age: String,
    parity: bool,
    sector: Option<Sector>,
    sectors: Vec<Choice<Option<Sector>>>,
    search: String,
    found: Vec<ContactRow>,
    seat_from: String,
    opinion: [String; 3],
    year: String,
    saved: Option<Body>,
    members: Vec<Member>,
    opinions: Vec<Opinion>,
    renewals: Vec<(ConventionId, String, Option<String>)>,
    linked: super::linked::State,
}

impl State {
    /// A blank sheet for a new body.
    pub fn blank(today: NaiveDate) -> State {
        let defaults = Body::new(DispositifId::default());
        let mut sectors = vec![Choice::new(None, "Toute la commune")];
        sectors.extend(
            Sector::ALL
                .iter()
                .filter(|s| **s != Sector::Outside)
                .map(|s| Choice::new(Some(*s), s.label())),
        );
        State {
            id: None,
            title: String::new(),
            directorate: String::new(),
            elected: String::new(),
            start: fr::date_short(today),
            level: ParticipationKind::Consultation,
            seats: defaults.seats.to_string(),
            filling: defaults.filling,
            term_years: defaults.term_years.to_string(),
            max_terms: defaults.max_terms.to_string(),
            min_age: defaults.min_age.to_string(),
            parity: defaults.parity,
            sector: None,
            sectors,
            search: String::new(),
            found: Vec::new(),
            seat_from: fr::date_short(today),
            opinion: [fr::date_short(today), String::new(), String::new()],
            year: today.year().to_string(),
            saved: None,
            members: Vec::new(),
            opinions: Vec::new(),
            renewals: Vec::new(),
            linked: super::linked::State::default(),
        }
    }

    /// The sheet of a saved body.
    pub fn open(store: &Store, id: DispositifId, today: NaiveDate) -> Result<State, StoreError> {
        let (d, b) = store.body(id)?;
        let mut s = State::blank(today);
        s.id = Some(id);
        s.title = d.title;
        s.directorate = d.directorate;
        s.elected = d.elected_official;
        s.start = d.start.map(fr::date_short).unwrap_or_default();
        s.level = d.level;
        s.seats = b.seats.to_string();
        s.filling = b.filling;
        s.term_years = b.term_years.to_string();
        s.max_terms = b.max_terms.to_string();
        s.min_age = b.min_age.to_string();
        s.parity = b.parity;
        s.sector = b.sector;
        s.reload(store);
        Ok(s)
    }

    /// Reads again the members, opinions, renewals and meetings.
    /// The dispositif on the sheet, once saved.
    pub fn id(&self) -> Option<DispositifId> {
        self.id
    }

    pub fn reload(&mut self, store: &Store) {
        let Some(id) = self.id else { return };
        self.saved = store.body(id).ok().map(|(_, b)| b);
        self.members = store.body_members(id).unwrap_or_default();
        self.opinions = store.opinions(id).unwrap_or_default();
        self.renewals = store
            .renewals(id)
            .unwrap_or_default()
            .into_iter()
            .map(|(c, title)| {
                let drawn = store.latest_draw(c).ok().flatten().map(|d| {
                    format!(
                        "tiré le {} : {} membre(s), {} suppléant·e(s)",
                        fr::date_short(d.draw.drawn_on),
                        d.members().count(),
                        d.selected.len() - d.members().count()
                    )
                });
                (c, title, drawn)
            })
            .collect();
        self.linked.reload(store, id);
    }

    fn number(field: &'static str, s: &str) -> Result<u32, DomainError> {
        parse::count(s.trim()).map_err(|_| DomainError::Required(field))
    }

    fn record(&self) -> Result<(Dispositif, Body), DomainError> {
        let start = parse::opt_date(&self.start)?;
        let dispositif = Dispositif {
            id: self.id.unwrap_or_default(),
            kind: DispositifKind::Body,
            title: self.title.trim().to_string(),
            level: self.level,
            directorate: self.directorate.trim().to_string(),
            elected_official: self.elected.trim().to_string(),
            start,
            end: None,
            notes: String::new(),
        };
        let body = Body {
            id: dispositif.id,
            seats: Self::number("Nombre de sièges", &self.seats)?,
            filling: self.filling,
            term_years: Self::number("Durée du mandat (ans)", &self.term_years)?,
            max_terms: Self::number("Mandats successifs", &self.max_terms)?,
            min_age: Self::number("Âge minimum", &self.min_age)?,
            parity: self.parity,
            sector: self.sector,
        };
        dispositif.validate()?;
        body.validate()?;
        Ok((dispositif, body))
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store, today: NaiveDate) -> Option<Up> {
        match self.apply(msg, store, today) {
            Ok(up) => up,
            Err(e) => Some(Up::App(Event::Notice(describe(&e)))),
        }
    }

    fn apply(
        &mut self,
        msg: Msg,
        store: &mut Store,
        today: NaiveDate,
    ) -> Result<Option<Up>, StoreError> {
        let saved = |s: String| Ok(Some(Up::App(Event::Saved(s))));
        match msg {
            Msg::Field(f, v) => {
                let search = f == Field::Search;
                *match f {
                    Field::Title => &mut self.title,
                    Field::Directorate => &mut self.directorate,
                    Field::Elected => &mut self.elected,
                    Field::Start => &mut self.start,
                    Field::Seats => &mut self.seats,
                    Field::TermYears => &mut self.term_years,
                    Field::MaxTerms => &mut self.max_terms,
                    Field::MinAge => &mut self.min_age,
                    Field::Search => &mut self.search,
                    Field::SeatFrom => &mut self.seat_from,
                    Field::OpinionDate => &mut self.opinion[0],
                    Field::OpinionTitle => &mut self.opinion[1],
                    Field::OpinionTo => &mut self.opinion[2],
                    Field::Year => &mut self.year,
                } = v;
                if search {
                    self.found = if self.search.trim().chars().count() < 2 {
                        Vec::new()
                    } else {
                        let filter = ContactFilter {
                            search: self.search.clone(),
                            ..ContactFilter::default()
                        };
                        store.contacts_page(&filter, 0, 6).unwrap_or_default()
                    };
                }
            }
            Msg::Filling(f) => self.filling = f,
            Msg::Level(l) => self.level = l,
            Msg::Sector(s) => self.sector = s.value,
            Msg::Parity(p) => self.parity = p,
            Msg::Back => return Ok(Some(Up::Back)),
            Msg::Save => {
                let (d, b) = self.record()?;
                match self.id {
                    Some(_) => store.update_body(&d, &b)?,
                    None => self.id = Some(store.add_body(&d, &b)?),
                }
                self.reload(store);
                return saved(format!("Instance « {} » enregistrée.", d.title));
            }
            Msg::Seat(contact) => {
                let Some(id) = self.id else { return Ok(None) };
                let start = parse::date(&self.seat_from)?;
                let warnings = store.add_member(id, contact, start, self.filling)?;
                self.search.clear();
                self.found.clear();
                self.reload(store);
                let mut s = "Siège donné.".to_string();
                for w in warnings {
                    s.push(' ');
                    s.push_str(&w);
                }
                return saved(s);
            }
            Msg::Left(member) => {
                store.member_left(member, today)?;
                self.reload(store);
                return saved("Départ enregistré ; le siège est libre.".into());
            }
            Msg::PrepareRenewal => {
                let Some(id) = self.id else { return Ok(None) };
                let day = parse::date(&self.seat_from)?;
                let conv = store.start_renewal(id, day)?;
                self.reload(store);
                return Ok(Some(Up::App(Event::Open(Target::Draw(conv)))));
            }
            Msg::OpenRenewal(conv) => return Ok(Some(Up::App(Event::Open(Target::Draw(conv))))),
            Msg::Appoint(conv) => {
                let Some(id) = self.id else { return Ok(None) };
                let start = parse::date(&self.seat_from)?;
                let done = store.appoint_drawn(id, conv, start)?;
                self.reload(store);
                let mut s = format!(
                    "{} membre(s) tiré(s) au sort prennent leur siège le {}.",
                    done.seated.len(),
                    fr::date_short(start)
                );
                for line in done.warnings.iter().chain(&done.refused) {
                    s.push(' ');
                    s.push_str(line);
                }
                return saved(s);
            }
            Msg::AddOpinion => {
                let Some(id) = self.id else { return Ok(None) };
                let o = Opinion {
                    id: 0,
                    issued_on: parse::date(&self.opinion[0])?,
                    title: self.opinion[1].clone(),
                    addressed_to: self.opinion[2].clone(),
                };
                store.add_opinion(id, &o)?;
                self.opinion[1].clear();
                self.opinion[2].clear();
                self.reload(store);
                return saved("Avis enregistré.".into());
            }
            Msg::Linked(m) => {
                if let Some(id) = self.id {
                    return Ok(Some(Up::App(self.linked.update(m, store, id)?)));
                }
            }
            Msg::Export(editable) => {
                if let Some(id) = self.id {
                    let year = parse::count(self.year.trim())? as i32;
                    return Ok(Some(Up::App(Event::export(
                        Document::BodyReport(id, year),
                        editable,
                    ))));
                }
            }
        }
        Ok(None)
    }

    fn input<'a>(
        &'a self,
        label: &'a str,
        value: &'a str,
        f: Field,
        id: &'static str,
    ) -> Element<'a, Msg> {
        super::labelled(label, value, Some(id), move |v| Msg::Field(f, v))
    }

    pub fn view(&self, today: NaiveDate) -> Element<'_, Msg> {
        let mut head = row![
            widget::small_button("← Liste des dispositifs", Msg::Back),
            button(text("Enregistrer")).on_press(Msg::Save),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if self.id.is_some() {
            head = head
                .push(text("Rapport annuel").color(theme::MUTED))
                .push(
                    text_input("Année", &self.year)
                        .id("body-year")
                        .on_input(|v| Msg::Field(Field::Year, v))
                        .padding(4)
                        .width(Length::Fixed(70.0)),
                )
                .push(widget::small_button("PDF", Msg::Export(false)))
                .push(widget::small_button("ODT", Msg::Export(true)));
        }
        let mut page = column![head, widget::section("Instance", self.rules())].spacing(12);
        if let Some(b) = &self.saved {
            page = page
                .push(widget::section("Membres", self.members_view(b, today)))
                .push(widget::section(
                    "Renouvellement par tirage au sort",
                    self.renewal_view(b),
                ))
                .push(widget::section("Avis rendus", self.opinions_view()))
                .push(widget::section(
                    "Réunions liées",
                    self.linked.view().map(Msg::Linked),
                ));
        } else {
            page = page.push(widget::muted(
                "Nouvelle instance : renseignez ses règles puis enregistrez ; ses membres viennent ensuite.",
            ));
        }
        page.into()
    }

    fn rules(&self) -> Element<'_, Msg> {
        column![
            row![
                self.input("Nom de l’instance", &self.title, Field::Title, "body-title"),
                self.input("Créée le (jj/mm/aaaa)", &self.start, Field::Start, "body-start"),
            ]
            .spacing(8),
            row![
                self.input(
                    "Direction(s) qui l’accompagnent",
                    &self.directorate,
                    Field::Directorate,
                    "body-directorate"
                ),
                self.input("Élu·e référent·e", &self.elected, Field::Elected, "body-elected"),
            ]
            .spacing(8),
            row![
                self.input("Sièges (40 au plus)", &self.seats, Field::Seats, "body-seats"),
                self.input(
                    "Mandat (ans)",
                    &self.term_years,
                    Field::TermYears,
                    "body-term"
                ),
                self.input(
                    "Mandats successifs au plus",
                    &self.max_terms,
                    Field::MaxTerms,
                    "body-max-terms"
                ),
                self.input("Âge minimum", &self.min_age, Field::MinAge, "body-min-age"),
            ]
            .spacing(8),
            row![
                text("Sièges pourvus par").color(theme::MUTED),
                pick_list(SeatFilling::ALL, Some(self.filling), Msg::Filling),
                text("Secteur").color(theme::MUTED),
                pick_list(
                    self.sectors.as_slice(),
                    selected(&self.sectors, &self.sector),
                    Msg::Sector
                ),
                checkbox(self.parity)
                    .label("Parité femmes-hommes")
                    .on_toggle(Msg::Parity),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            row![
                text("Niveau sur l’échelle de la Ville").color(theme::MUTED),
                pick_list(ParticipationKind::ALL, Some(self.level), Msg::Level),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            widget::muted(
                "Ne peuvent siéger ni une organisation ni une personne élue ; Agora signale qui siège déjà dans une autre instance ou habite un autre secteur."
            ),
        ]
        .spacing(8)
        .into()
    }

    fn members_view<'a>(&'a self, b: &'a Body, today: NaiveDate) -> Element<'a, Msg> {
        let sitting: Vec<&Member> = self.members.iter().filter(|m| m.sits_on(today)).collect();
        let ending = sitting.iter().filter(|m| m.ends_within(today, 3)).count();
        let mut col = column![text(fr::typography(&format!(
            "{} membre(s) sur {} sièges · {} siège(s) libre(s) · {ending} mandat(s) finissent dans les 3 mois",
            sitting.len(),
            b.seats,
            vacancies(b, &self.members, today)
        )))]
        .spacing(4);
        for m in &sitting {
            let mut facts = format!(
                "du {} au {} · {} · mandat {}",
                fr::date_short(m.start),
                fr::date_short(m.end),
                m.mode.label().to_lowercase(),
                m.term
            );
            if !m.renewable(b) {
                facts.push_str(" · non renouvelable");
            }
            let color = if m.ends_within(today, 3) {
                theme::LATE
            } else {
                theme::MUTED
            };
            col = col.push(
                row![
                    text(m.name.as_str()).width(Length::Fixed(240.0)),
                    text(fr::typography(&facts))
                        .size(13)
                        .color(color)
                        .width(Length::Fill),
                    widget::small_button("Départ", Msg::Left(m.id)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        let past = self.members.len() - sitting.len();
        if past > 0 {
            col = col.push(widget::muted(format!(
                "{past} mandat(s) passés ou à venir ne sont pas listés."
            )));
        }
        col = col.push(
            row![
                self.input(
                    "Donner un siège à… (nom dans l’annuaire)",
                    &self.search,
                    Field::Search,
                    "body-search"
                ),
                self.input(
                    "À partir du (jj/mm/aaaa)",
                    &self.seat_from,
                    Field::SeatFrom,
                    "body-seat-from"
                ),
            ]
            .spacing(8),
        );
        for c in &self.found {
            col = col.push(
                row![
                    text(c.name.as_str()).width(Length::Fixed(240.0)),
                    text(c.sector.map(|s| s.label()).unwrap_or(""))
                        .size(13)
                        .color(theme::MUTED)
                        .width(Length::Fill),
                    widget::small_button("Donner un siège", Msg::Seat(c.id)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        col.into()
    }

    fn renewal_view<'a>(&'a self, b: &'a Body) -> Element<'a, Msg> {
        let day = parse::date(&self.seat_from).ok();
        let free = day.map(|d| vacancies(b, &self.members, d));
        let mut col = column![widget::muted(fr::typography(&match (day, free) {
            (Some(d), Some(n)) => format!(
                "Sièges libres au {} (date « À partir du » ci-dessus) : {n}. Le tirage se prépare dans Tirage au sort (vivier, quotas de parité, de secteur, d’âge) ; le procès-verbal est celui de tout tirage.",
                fr::date_short(d)
            ),
            _ => "Indiquez la date « À partir du » ci-dessus.".into(),
        }))]
        .spacing(6);
        col = col.push(
            button(text("Préparer le renouvellement dans Tirage au sort"))
                .on_press_maybe(free.is_some_and(|n| n > 0).then_some(Msg::PrepareRenewal)),
        );
        for (conv, title, drawn) in &self.renewals {
            let mut line = row![
                column![
                    text(title.as_str()),
                    text(drawn.as_deref().unwrap_or("pas encore tiré"))
                        .size(13)
                        .color(theme::MUTED),
                ]
                .width(Length::Fill),
                widget::small_button("Ouvrir le tirage", Msg::OpenRenewal(*conv)),
            ]
            .spacing(6)
            .align_y(Alignment::Center);
            if drawn.is_some() {
                line = line.push(widget::small_button(
                    "Donner leur siège aux tiré·es",
                    Msg::Appoint(*conv),
                ));
            }
            col = col.push(line);
        }
        col.into()
    }

    fn opinions_view(&self) -> Element<'_, Msg> {
        let mut col = column![].spacing(4);
        for o in &self.opinions {
            col = col.push(text(fr::typography(&format!(
                "{} — {}{}",
                fr::date_short(o.issued_on),
                o.title,
                if o.addressed_to.is_empty() {
                    String::new()
                } else {
                    format!(" (à {})", o.addressed_to)
                }
            ))));
        }
        col.push(
            row![
                self.input("Le", &self.opinion[0], Field::OpinionDate, "opinion-date"),
                self.input(
                    "Objet de l’avis",
                    &self.opinion[1],
                    Field::OpinionTitle,
                    "opinion-title"
                ),
                self.input(
                    "Adressé à",
                    &self.opinion[2],
                    Field::OpinionTo,
                    "opinion-to"
                ),
                button(text("Ajouter l’avis")).on_press(Msg::AddOpinion),
            ]
            .spacing(8)
            .align_y(Alignment::End),
        )
        .into()
    }
}
