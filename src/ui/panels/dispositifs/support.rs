//! A directorate's request for support: the project and the question, the level of
//! participation asked, the mission's advice and the steps agreed, the time spent
//! month by month, the outcome; the request made a convention in one step; its
//! meetings.

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, text, text_editor};
use iced::{Alignment, Element, Length};

use super::Up;
use crate::domain::attestation::duration;
use crate::domain::codes::{DispositifKind, ParticipationKind};
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::DispositifId;
use crate::domain::support::{Support, TimeSpent, parse_month};
use crate::domain::{DomainError, parse, text as fr};
use crate::store::{Store, StoreError};
use crate::ui::panels::{Event, Target, describe};
use crate::ui::{theme, widget};

/// A text field of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Directorate,
    Elected,
    Received,
    Ended,
    Question,
    Outcome,
    Month,
    Hours,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Field(Field, String),
    Level(ParticipationKind),
    Advice(text_editor::Action),
    Steps(text_editor::Action),
    Save,
    Back,
    AddTime,
    ToConvention,
    Linked(super::linked::Msg),
}

/// The sheet as typed.
#[derive(Debug)]
pub struct State {
    id: Option<DispositifId>,
    fields: [String; 9],
    level: ParticipationKind,
    advice: text_editor::Content,
    steps: text_editor::Content,
    saved: Option<Support>,
    times: Vec<TimeSpent>,
    linked: super::linked::State,
}

impl Field {
    fn index(self) -> usize {
        self as usize
    }
}

impl State {
    pub fn blank(today: NaiveDate) -> State {
        let mut fields: [String; 9] = Default::default();
        fields[Field::Received.index()] = fr::date_short(today);
        fields[Field::Month.index()] = today.format("%Y-%m").to_string();
        State {
            id: None,
            fields,
            level: ParticipationKind::Concertation,
            advice: text_editor::Content::new(),
            steps: text_editor::Content::new(),
            saved: None,
            times: Vec::new(),
            linked: super::linked::State::default(),
        }
    }

    pub fn open(store: &Store, id: DispositifId, today: NaiveDate) -> Result<State, StoreError> {
        let (d, s) = store.support(id)?;
        let mut st = State::blank(today);
        st.id = Some(id);
        for (f, v) in [
            (Field::Title, d.title.clone()),
            (Field::Directorate, d.directorate.clone()),
            (Field::Elected, d.elected_official.clone()),
            (
                Field::Received,
                d.start.map(fr::date_short).unwrap_or_default(),
            ),
            (Field::Ended, d.end.map(fr::date_short).unwrap_or_default()),
            (Field::Question, s.question.clone()),
            (Field::Outcome, s.outcome.clone()),
        ] {
            st.fields[f.index()] = v;
        }
        st.level = s.level_asked;
        st.advice = text_editor::Content::with_text(&s.advice);
        st.steps = text_editor::Content::with_text(&s.steps);
        st.reload(store);
        Ok(st)
    }

    /// The dispositif on the sheet, once saved.
    pub fn id(&self) -> Option<DispositifId> {
        self.id
    }

    pub fn reload(&mut self, store: &Store) {
        let Some(id) = self.id else { return };
        self.saved = store.support(id).ok().map(|(_, s)| s);
        self.times = store.support_time(id).unwrap_or_default();
        self.linked.reload(store, id);
    }

    fn text(&self, f: Field) -> &str {
        &self.fields[f.index()]
    }

    fn record(&self) -> Result<(Dispositif, Support), DomainError> {
        let d = Dispositif {
            id: self.id.unwrap_or_default(),
            kind: DispositifKind::Support,
            title: self.text(Field::Title).trim().to_string(),
            level: self.level,
            directorate: self.text(Field::Directorate).trim().to_string(),
            elected_official: self.text(Field::Elected).trim().to_string(),
            start: parse::opt_date(self.text(Field::Received))?,
            end: parse::opt_date(self.text(Field::Ended))?,
            notes: String::new(),
        };
        let s = Support {
            id: d.id,
            question: self.text(Field::Question).trim().to_string(),
            level_asked: self.level,
            advice: self.advice.text().trim().to_string(),
            steps: self.steps.text().trim().to_string(),
            outcome: self.text(Field::Outcome).trim().to_string(),
            became: self.saved.as_ref().and_then(|s| s.became),
        };
        d.validate()?;
        s.validate()?;
        if d.directorate.is_empty() {
            return Err(DomainError::Required("Direction qui demande"));
        }
        Ok((d, s))
    }

    pub fn update(&mut self, msg: Msg, store: &mut Store) -> Option<Up> {
        match self.apply(msg, store) {
            Ok(up) => up,
            Err(e) => Some(Up::App(Event::Notice(describe(&e)))),
        }
    }

    fn apply(&mut self, msg: Msg, store: &mut Store) -> Result<Option<Up>, StoreError> {
        match msg {
            Msg::Field(f, v) => self.fields[f.index()] = v,
            Msg::Level(l) => self.level = l,
            Msg::Advice(a) => self.advice.perform(a),
            Msg::Steps(a) => self.steps.perform(a),
            Msg::Back => return Ok(Some(Up::Back)),
            Msg::Save => {
                let (d, s) = self.record()?;
                match self.id {
                    Some(_) => store.update_support(&d, &s)?,
                    None => self.id = Some(store.add_support(&d, &s)?),
                }
                self.reload(store);
                return Ok(Some(Up::App(Event::Saved(format!(
                    "Accompagnement « {} » enregistré.",
                    d.title
                )))));
            }
            Msg::AddTime => {
                let Some(id) = self.id else { return Ok(None) };
                let month = parse_month(self.text(Field::Month))?;
                let minutes = parse::minutes(self.text(Field::Hours))?;
                store.set_support_time(id, TimeSpent { month, minutes })?;
                self.fields[Field::Hours.index()].clear();
                self.reload(store);
                return Ok(Some(Up::App(Event::Changed)));
            }
            Msg::ToConvention => {
                let Some(id) = self.id else { return Ok(None) };
                let conv = store.support_to_convention(id)?;
                self.reload(store);
                return Ok(Some(Up::App(Event::Open(Target::Convention(conv)))));
            }
            Msg::Linked(m) => {
                if let Some(id) = self.id {
                    return Ok(Some(Up::App(self.linked.update(m, store, id)?)));
                }
            }
        }
        Ok(None)
    }

    fn input<'a>(&'a self, label: &'a str, f: Field) -> Element<'a, Msg> {
        super::labelled(label, self.text(f), None, move |v| Msg::Field(f, v))
    }

    pub fn view(&self) -> Element<'_, Msg> {
        let head = row![
            widget::small_button("← Liste des dispositifs", Msg::Back),
            button(text("Enregistrer")).on_press(Msg::Save),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let request = column![
            row![
                self.input("Projet de la direction", Field::Title),
                self.input("Demande reçue le", Field::Received),
            ]
            .spacing(8),
            row![
                self.input("Direction qui demande", Field::Directorate),
                self.input("Élu·e", Field::Elected),
            ]
            .spacing(8),
            self.input("Ce que la direction demande", Field::Question),
            row![
                text("Niveau de participation envisagé").color(theme::MUTED),
                pick_list(ParticipationKind::ALL, Some(self.level), Msg::Level),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            widget::muted(fr::typography(self.level.criteria())),
            text("Avis de la mission").size(13).color(theme::MUTED),
            text_editor(&self.advice)
                .on_action(Msg::Advice)
                .height(Length::Fixed(90.0)),
            text("Étapes convenues (une par ligne)")
                .size(13)
                .color(theme::MUTED),
            text_editor(&self.steps)
                .on_action(Msg::Steps)
                .height(Length::Fixed(80.0)),
            row![
                self.input("Ce qui en est sorti", Field::Outcome),
                self.input("Accompagnement terminé le", Field::Ended),
            ]
            .spacing(8),
        ]
        .spacing(8);
        let mut page = column![head, widget::section("Demande", request)].spacing(12);
        if let Some(s) = &self.saved {
            page = page
                .push(widget::section("Temps de la mission", self.time_view()))
                .push(widget::section(
                    "Suite",
                    match s.became {
                        Some(_) => Element::from(widget::muted(
                            "Cette demande est devenue une convention (panneau Conventions).",
                        )),
                        None => button(text("Créer une convention à partir de cette demande"))
                            .on_press(Msg::ToConvention)
                            .into(),
                    },
                ))
                .push(widget::section(
                    "Réunions liées",
                    self.linked.view().map(Msg::Linked),
                ));
        }
        page.into()
    }

    fn time_view(&self) -> Element<'_, Msg> {
        let total: u32 = self.times.iter().map(|t| t.minutes).sum();
        let mut col = column![text(fr::typography(&format!(
            "Au total : {}",
            duration(total.into())
        )))]
        .spacing(4);
        for t in &self.times {
            col = col.push(text(format!(
                "{} — {}",
                t.month.format("%m/%Y"),
                duration(t.minutes.into())
            )));
        }
        col.push(
            row![
                self.input("Mois (aaaa-mm)", Field::Month),
                self.input(
                    "Temps passé (6h30, ou 90 pour 90 min ; 0 efface le mois)",
                    Field::Hours
                ),
                button(text("Enregistrer le temps")).on_press(Msg::AddTime),
            ]
            .spacing(8)
            .align_y(Alignment::End),
        )
        .into()
    }
}
