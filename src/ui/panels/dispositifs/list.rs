//! The list of dispositifs: filtered by kind, year and directorate, each line with
//! where it stands and its next step due (late ones in red); a line opens its sheet.

use chrono::{Datelike, NaiveDate};
use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};

use crate::domain::codes::DispositifKind;
use crate::domain::ids::DispositifId;
use crate::domain::text as fr;
use crate::store::{DispositifFilter, DispositifLine, Store};
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::describe;
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    Kind(Choice<Option<DispositifKind>>),
    Year(Choice<Option<i32>>),
    Running(Choice<Option<bool>>),
    Directorate(String),
    Open(DispositifId),
    NewInterpellation,
    NewBody,
    NewBudget,
    NewSupport,
}

/// The filters and the lines they keep.
#[derive(Debug)]
pub struct State {
    filter: DispositifFilter,
    kinds: Vec<Choice<Option<DispositifKind>>>,
    years: Vec<Choice<Option<i32>>>,
    statuses: Vec<Choice<Option<bool>>>,
    lines: Result<Vec<DispositifLine>, String>,
}

impl State {
    pub fn new(store: &Store, today: NaiveDate) -> State {
        let mut kinds = vec![Choice::new(None, "Tous les types")];
        kinds.extend(
            DispositifKind::ALL
                .iter()
                .map(|k| Choice::new(Some(*k), k.label())),
        );
        let mut years = vec![Choice::new(None, "Toutes les années")];
        years.extend(
            (2020..=today.year() + 1)
                .rev()
                .map(|y| Choice::new(Some(y), y.to_string())),
        );
        let mut s = State {
            filter: DispositifFilter::default(),
            kinds,
            years,
            statuses: vec![
                Choice::new(None, "En cours et terminés"),
                Choice::new(Some(true), "En cours"),
                Choice::new(Some(false), "Terminés"),
            ],
            lines: Ok(Vec::new()),
        };
        s.reload(store, today);
        s
    }

    pub fn reload(&mut self, store: &Store, today: NaiveDate) {
        self.lines = store
            .dispositifs(&self.filter, today)
            .map_err(|e| describe(&e));
    }

    /// Changes a filter; `Some(id)` when a line was opened, `None` otherwise (the
    /// panel opens the sheet).
    pub fn update(&mut self, msg: Msg, store: &Store, today: NaiveDate) {
        match msg {
            Msg::Kind(k) => self.filter.kind = k.value,
            Msg::Year(y) => self.filter.year = y.value,
            Msg::Running(r) => self.filter.running = r.value,
            Msg::Directorate(d) => self.filter.directorate = d,
            Msg::Open(_)
            | Msg::NewInterpellation
            | Msg::NewBody
            | Msg::NewBudget
            | Msg::NewSupport => return,
        }
        self.reload(store, today);
    }

    pub fn view(&self, today: NaiveDate) -> Element<'_, Msg> {
        let new = row![
            button(text("Nouvelle interpellation")).on_press(Msg::NewInterpellation),
            button(text("Nouvelle instance")).on_press(Msg::NewBody),
            button(text("Nouveau budget participatif")).on_press(Msg::NewBudget),
            button(text("Nouvelle demande d’une direction")).on_press(Msg::NewSupport),
        ]
        .spacing(8);
        let filters = row![
            pick_list(
                self.kinds.as_slice(),
                selected(&self.kinds, &self.filter.kind),
                Msg::Kind
            )
            .width(Length::Fixed(300.0)),
            pick_list(
                self.years.as_slice(),
                selected(&self.years, &self.filter.year),
                Msg::Year
            )
            .width(Length::Fixed(200.0)),
            pick_list(
                self.statuses.as_slice(),
                selected(&self.statuses, &self.filter.running),
                Msg::Running
            )
            .width(Length::Fixed(220.0)),
            text_input("Direction…", &self.filter.directorate)
                .id("dispositifs-directorate")
                .on_input(Msg::Directorate)
                .padding(6)
                .width(Length::Fixed(260.0)),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let lines = match &self.lines {
            Ok(l) => l,
            Err(e) => return widget::colored(e.as_str(), theme::LATE),
        };
        let mut list = column![].spacing(4);
        if lines.is_empty() {
            list = list.push(widget::muted(
                "Aucun dispositif ne correspond. « Nouvelle interpellation » enregistre une interpellation reçue.",
            ));
        }
        for l in lines {
            list = list.push(line(l, today));
        }
        column![
            new,
            filters,
            widget::muted(format!("{} dispositif(s)", lines.len())),
            list
        ]
        .spacing(10)
        .into()
    }
}

/// One dispositif: title; kind, stage, start, directorate; its next step.
fn line(l: &DispositifLine, today: NaiveDate) -> Element<'_, Msg> {
    let d = &l.dispositif;
    let mut facts = vec![d.kind.label().to_string(), l.stage.to_string()];
    if !l.summary.is_empty() {
        facts.push(l.summary.clone());
    }
    if let Some(s) = d.start {
        facts.push(format!("depuis le {}", fr::date_short(s)));
    }
    if !d.directorate.is_empty() {
        facts.push(d.directorate.clone());
    }
    let mut about = column![
        text(d.title.as_str()).font(widget::bold()),
        text(fr::typography(&facts.join(" · ")))
            .size(13)
            .color(theme::MUTED),
    ];
    if let Some(due) = &l.next {
        let left = due.days_left(today);
        let when = match left {
            ..0 => format!("en retard de {} j", -left),
            0 => "aujourd’hui".into(),
            _ => format!("dans {left} j"),
        };
        about = about.push(
            text(fr::typography(&format!(
                "{} : {} ({when})",
                due.what,
                fr::date_short(due.date)
            )))
            .size(13)
            .color(if left <= 7 {
                theme::LATE
            } else {
                theme::ACCENT
            }),
        );
    }
    widget::entry(about, false, Msg::Open(d.id))
}
