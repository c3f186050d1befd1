//! The Risques tab: the 4 × 4 matrix (impact upwards, probability rightwards), then
//! the register — each risk's score, prevention, owner, state and review date, the
//! reviews due in red — and the form that adds or changes one.

use chrono::NaiveDate;
use iced::widget::{button, column, container, pick_list, row, text};
use iced::{Alignment, Element, Length};

use super::{buttons, date_text};
use crate::domain::codes::RiskStatus;
use crate::domain::ids::RiskId;
use crate::domain::overview::ConventionOverview;
use crate::domain::parse;
use crate::domain::planning::{Risk, risk_matrix};
use crate::domain::text as fr;
use crate::store::{Store, StoreError};
use crate::ui::panels::{Event, outcome};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    New,
    Edit(RiskId),
    Remove(RiskId),
    Title(String),
    Probability(u8),
    Impact(u8),
    Status(RiskStatus),
    Mitigation(String),
    Owner(String),
    Review(String),
    Save,
    Cancel,
}

/// The risk form, when open: `Some(None)` for a new risk.
#[derive(Debug, Default)]
pub struct State {
    form: Option<Option<RiskId>>,
    title: String,
    probability: u8,
    impact: u8,
    status: Option<RiskStatus>,
    mitigation: String,
    owner: String,
    review: String,
}

impl State {
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
    ) -> (iced::Task<Msg>, Option<Event>) {
        (iced::Task::none(), outcome(self.apply(msg, store, o)))
    }

    /// Handles a message; `Some(notice)` after a write.
    fn apply(
        &mut self,
        msg: Msg,
        store: &mut Store,
        o: &ConventionOverview,
    ) -> Result<Option<String>, StoreError> {
        match msg {
            Msg::New => *self = State::opened(None),
            Msg::Edit(id) => {
                if let Some(r) = o.risks.iter().find(|r| r.id == id) {
                    *self = State {
                        title: r.title.clone(),
                        owner: r.owner.clone(),
                        probability: r.probability,
                        impact: r.impact,
                        mitigation: r.mitigation.clone(),
                        review: date_text(r.review),
                        status: Some(r.status),
                        ..State::opened(Some(id))
                    };
                }
            }
            Msg::Remove(id) => {
                store.remove_risk(id)?;
                return Ok(Some("Risque retiré du registre.".into()));
            }
            Msg::Title(s) => self.title = s,
            Msg::Probability(p) => self.probability = p,
            Msg::Impact(i) => self.impact = i,
            Msg::Status(s) => self.status = Some(s),
            Msg::Mitigation(s) => self.mitigation = s,
            Msg::Owner(s) => self.owner = s,
            Msg::Review(s) => self.review = s,
            Msg::Cancel => *self = State::default(),
            Msg::Save => return self.save(store, o),
        }
        Ok(None)
    }

    /// A form on a new risk starts at probability 2 and impact 2.
    fn opened(form: Option<RiskId>) -> State {
        State {
            form: Some(form),
            probability: 2,
            impact: 2,
            ..State::default()
        }
    }

    fn save(
        &mut self,
        store: &mut Store,
        o: &ConventionOverview,
    ) -> Result<Option<String>, StoreError> {
        let Some(id) = self.form else {
            return Ok(None);
        };
        let risk = Risk {
            id: id.unwrap_or_default(),
            convention: o.convention.id,
            title: self.title.trim().to_string(),
            probability: self.probability,
            impact: self.impact,
            mitigation: self.mitigation.trim().to_string(),
            owner: self.owner.trim().to_string(),
            review: parse::opt_date(&self.review)?,
            status: self.status.unwrap_or(RiskStatus::Open),
        };
        let notice = if id.is_some() {
            store.update_risk(&risk)?;
            "Risque modifié."
        } else {
            store.add_risk(&risk)?;
            "Risque ajouté au registre."
        };
        *self = State::default();
        Ok(Some(notice.into()))
    }

    /// The matrix, then the register.
    pub fn view<'a>(&'a self, o: &'a ConventionOverview, today: NaiveDate) -> Element<'a, Msg> {
        let mut page = column![row![button(text("Nouveau risque")).on_press(Msg::New)]].spacing(10);
        if let Some(id) = self.form {
            page = page.push(widget::section(
                if id.is_some() {
                    "Modifier le risque"
                } else {
                    "Nouveau risque"
                },
                self.form(id.is_some()),
            ));
        }
        page = page.push(matrix(o));
        for r in &o.risks {
            page = page.push(line(r, today));
        }
        if o.risks.is_empty() {
            page = page.push(widget::muted("Le registre des risques est vide."));
        }
        page.into()
    }

    fn form(&self, editing: bool) -> Element<'_, Msg> {
        let levels: Vec<u8> = vec![1, 2, 3, 4];
        column![
            widget::input("Intitulé du risque", &self.title, Msg::Title, "risk-title"),
            row![
                text("Probabilité").color(theme::MUTED),
                pick_list(levels.clone(), Some(self.probability), Msg::Probability),
                text("Impact").color(theme::MUTED),
                pick_list(levels, Some(self.impact), Msg::Impact),
                pick_list(
                    RiskStatus::ALL,
                    Some(self.status.unwrap_or(RiskStatus::Open)),
                    Msg::Status
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            widget::input(
                "Mesures de prévention",
                &self.mitigation,
                Msg::Mitigation,
                "risk-mitigation"
            ),
            row![
                widget::input("Responsable", &self.owner, Msg::Owner, "risk-owner"),
                widget::input(
                    "Revue le (jj/mm/aaaa)",
                    &self.review,
                    Msg::Review,
                    "risk-review"
                ),
            ]
            .spacing(8),
            buttons(editing, "le risque", Msg::Save, Msg::Cancel),
        ]
        .spacing(8)
        .into()
    }
}

/// One risk: its score and level, prevention, owner, state, review.
fn line(r: &Risk, today: NaiveDate) -> Element<'_, Msg> {
    let review = r
        .review
        .map(|d| format!(" · revue le {}", fr::date_short(d)))
        .unwrap_or_default();
    let due = if r.review_due(today) {
        " · revue à faire"
    } else {
        ""
    };
    let owner = if r.owner.is_empty() {
        "sans responsable"
    } else {
        r.owner.as_str()
    };
    row![
        column![
            text(format!(
                "{} — P {} × I {} = {} ({})",
                r.title,
                r.probability,
                r.impact,
                r.score(),
                r.level()
            ))
            .font(widget::bold()),
            text(format!(
                "{} · {owner} · {}{review}{due}",
                r.mitigation,
                r.status.label()
            ))
            .size(13)
            .color(if r.review_due(today) {
                theme::LATE
            } else {
                theme::MUTED
            }),
        ]
        .width(Length::Fill),
        widget::small_button("Modifier", Msg::Edit(r.id)),
        widget::small_button("Retirer", Msg::Remove(r.id)),
    ]
    .spacing(6)
    .align_y(Alignment::Center)
    .into()
}

/// The 4 × 4 matrix: impact upwards, probability rightwards, each cell coloured by
/// its level and listing the open risks there.
fn matrix(o: &ConventionOverview) -> Element<'_, Msg> {
    let cells = risk_matrix(&o.risks);
    let mut grid = column![].spacing(2);
    for impact in (1..=4u8).rev() {
        let mut line = row![
            text(format!("Impact {impact}"))
                .size(12)
                .color(theme::MUTED)
                .width(Length::Fixed(70.0))
        ]
        .spacing(2)
        .align_y(Alignment::Center);
        for probability in 1..=4u8 {
            let score = impact * probability;
            let tint = match score {
                12.. => iced::Color::from_rgb(0.96, 0.80, 0.78),
                8..=11 => iced::Color::from_rgb(0.98, 0.88, 0.76),
                4..=7 => iced::Color::from_rgb(0.99, 0.95, 0.78),
                _ => iced::Color::from_rgb(0.86, 0.93, 0.86),
            };
            let mut cell = column![text(score.to_string()).size(11).color(theme::MUTED)].spacing(1);
            for r in &cells[usize::from(impact - 1)][usize::from(probability - 1)] {
                cell = cell.push(text(r.title.as_str()).size(12));
            }
            line = line.push(
                container(cell)
                    .padding(4)
                    .width(Length::FillPortion(1))
                    .height(Length::Fixed(64.0))
                    .style(move |_: &iced::Theme| container::Style {
                        background: Some(iced::Background::Color(tint)),
                        ..container::Style::default()
                    }),
            );
        }
        grid = grid.push(line);
    }
    let mut axis = row![text("").width(Length::Fixed(70.0))].spacing(2);
    for p in 1..=4 {
        axis = axis.push(
            text(format!("Probabilité {p}"))
                .size(12)
                .color(theme::MUTED)
                .width(Length::FillPortion(1)),
        );
    }
    grid.push(axis).into()
}
