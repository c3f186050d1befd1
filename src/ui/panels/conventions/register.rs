//! The Tâches, Risques and Budget tabs: each register listed with its forms — tasks
//! and milestones (late ones in red), the risk register with its 4 × 4 matrix and its
//! reviews due, budget lines against the envelope with the compensation computed from
//! attendance.

use chrono::NaiveDate;
use iced::widget::{button, checkbox, column, container, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::super::{Event, outcome};
use crate::domain::codes::{BudgetCategory, Priority, RiskStatus, TaskStatus};
use crate::domain::ids::{BudgetLineId, RiskId, SessionId, TaskId};
use crate::domain::overview::ConventionOverview;
use crate::domain::parse;
use crate::domain::planning::{BudgetLine, Risk, Task, budget_totals, risk_matrix};
use crate::domain::text as fr;
use crate::store::{Store, StoreError};
use crate::ui::choice::{Choice, selected};
use crate::ui::{theme, widget};

/// Which form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Form {
    #[default]
    None,
    Task(Option<TaskId>),
    Risk(Option<RiskId>),
    Budget(Option<BudgetLineId>),
}

/// The three registers' forms.
#[derive(Debug, Default)]
pub struct Register {
    form: Form,
    title: String,
    owner: String,
    due: String,
    priority: Option<Priority>,
    milestone: bool,
    session: Option<SessionId>,
    probability: u8,
    impact: u8,
    mitigation: String,
    review: String,
    risk_status: Option<RiskStatus>,
    category: Option<BudgetCategory>,
    planned: String,
    committed: String,
    spent: String,
    daily: String,
}

/// The registers' messages.
#[derive(Debug, Clone)]
pub enum Msg {
    NewTask,
    EditTask(TaskId),
    TaskStatus(TaskId, TaskStatus),
    RemoveTask(TaskId),
    NewRisk,
    EditRisk(RiskId),
    RemoveRisk(RiskId),
    NewLine,
    EditLine(BudgetLineId),
    RemoveLine(BudgetLineId),
    Title(String),
    Owner(String),
    Due(String),
    Priority(Priority),
    Milestone(bool),
    Session(Choice<Option<SessionId>>),
    Probability(u8),
    Impact(u8),
    Mitigation(String),
    Review(String),
    RiskStatus(RiskStatus),
    Category(BudgetCategory),
    Planned(String),
    Committed(String),
    Spent(String),
    Daily(String),
    Compute,
    Save,
    Cancel,
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn amount_text(cents: i64) -> String {
    if cents == 0 {
        String::new()
    } else {
        format!("{},{:02}", cents / 100, cents % 100)
    }
}

fn amount(s: &str) -> Result<i64, crate::domain::DomainError> {
    if s.trim().is_empty() {
        Ok(0)
    } else {
        parse::euros(s)
    }
}

impl Register {
    fn open(&mut self, form: Form) {
        let daily = std::mem::take(&mut self.daily);
        *self = Register {
            form,
            daily,
            probability: 2,
            impact: 2,
            ..Register::default()
        };
    }

    /// Handles a message: a task, and what the panel must know.
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
        let convention = o.convention.id;
        match msg {
            Msg::NewTask => self.open(Form::Task(None)),
            Msg::EditTask(id) => {
                if let Some(t) = o.tasks.iter().find(|t| t.id == id) {
                    self.open(Form::Task(Some(id)));
                    self.title = t.title.clone();
                    self.owner = t.owner.clone();
                    self.due = date_text(t.due);
                    self.priority = Some(t.priority);
                    self.milestone = t.milestone;
                    self.session = t.session;
                }
            }
            Msg::TaskStatus(id, status) => {
                if let Some(t) = o.tasks.iter().find(|t| t.id == id) {
                    store.update_task(&Task {
                        status,
                        ..t.clone()
                    })?;
                    return Ok(Some(format!(
                        "Tâche « {} » : {}.",
                        t.title,
                        status.label().to_lowercase()
                    )));
                }
            }
            Msg::RemoveTask(id) => {
                store.remove_task(id)?;
                return Ok(Some("Tâche retirée.".into()));
            }
            Msg::NewRisk => self.open(Form::Risk(None)),
            Msg::EditRisk(id) => {
                if let Some(r) = o.risks.iter().find(|r| r.id == id) {
                    self.open(Form::Risk(Some(id)));
                    self.title = r.title.clone();
                    self.owner = r.owner.clone();
                    self.probability = r.probability;
                    self.impact = r.impact;
                    self.mitigation = r.mitigation.clone();
                    self.review = date_text(r.review);
                    self.risk_status = Some(r.status);
                }
            }
            Msg::RemoveRisk(id) => {
                store.remove_risk(id)?;
                return Ok(Some("Risque retiré du registre.".into()));
            }
            Msg::NewLine => self.open(Form::Budget(None)),
            Msg::EditLine(id) => {
                if let Some(b) = o.budget.iter().find(|b| b.id == id) {
                    self.open(Form::Budget(Some(id)));
                    self.title = b.label.clone();
                    self.category = Some(b.category);
                    self.planned = amount_text(b.planned_cents);
                    self.committed = amount_text(b.committed_cents);
                    self.spent = amount_text(b.spent_cents);
                }
            }
            Msg::RemoveLine(id) => {
                store.remove_budget_line(id)?;
                return Ok(Some("Ligne budgétaire retirée.".into()));
            }
            Msg::Title(s) => self.title = s,
            Msg::Owner(s) => self.owner = s,
            Msg::Due(s) => self.due = s,
            Msg::Priority(p) => self.priority = Some(p),
            Msg::Milestone(on) => self.milestone = on,
            Msg::Session(c) => self.session = c.value,
            Msg::Probability(p) => self.probability = p,
            Msg::Impact(i) => self.impact = i,
            Msg::Mitigation(s) => self.mitigation = s,
            Msg::Review(s) => self.review = s,
            Msg::RiskStatus(s) => self.risk_status = Some(s),
            Msg::Category(c) => self.category = Some(c),
            Msg::Planned(s) => self.planned = s,
            Msg::Committed(s) => self.committed = s,
            Msg::Spent(s) => self.spent = s,
            Msg::Daily(s) => self.daily = s,
            Msg::Compute => {
                let daily = parse::euros(&self.daily)?;
                let days = store.compute_compensation(convention, daily)?;
                return Ok(Some(format!(
                    "Ligne d'indemnités calculée : {days} journées × {}.",
                    fr::euros(daily)
                )));
            }
            Msg::Cancel => self.open(Form::None),
            Msg::Save => {
                let notice = match self.form {
                    Form::None => return Ok(None),
                    Form::Task(id) => {
                        let status = id
                            .and_then(|id| o.tasks.iter().find(|t| t.id == id))
                            .map_or(TaskStatus::Todo, |t| t.status);
                        let task = Task {
                            id: id.unwrap_or_default(),
                            convention,
                            title: self.title.trim().to_string(),
                            owner: self.owner.trim().to_string(),
                            due: parse::opt_date(&self.due)?,
                            status,
                            priority: self.priority.unwrap_or(Priority::Normal),
                            milestone: self.milestone,
                            session: self.session,
                        };
                        if id.is_some() {
                            store.update_task(&task)?;
                            "Tâche modifiée."
                        } else {
                            store.add_task(&task)?;
                            "Tâche ajoutée."
                        }
                    }
                    Form::Risk(id) => {
                        let risk = Risk {
                            id: id.unwrap_or_default(),
                            convention,
                            title: self.title.trim().to_string(),
                            probability: self.probability,
                            impact: self.impact,
                            mitigation: self.mitigation.trim().to_string(),
                            owner: self.owner.trim().to_string(),
                            review: parse::opt_date(&self.review)?,
                            status: self.risk_status.unwrap_or(RiskStatus::Open),
                        };
                        if id.is_some() {
                            store.update_risk(&risk)?;
                            "Risque modifié."
                        } else {
                            store.add_risk(&risk)?;
                            "Risque ajouté au registre."
                        }
                    }
                    Form::Budget(id) => {
                        let line = BudgetLine {
                            id: id.unwrap_or_default(),
                            convention,
                            category: self.category.unwrap_or(BudgetCategory::Other),
                            label: self.title.trim().to_string(),
                            planned_cents: amount(&self.planned)?,
                            committed_cents: amount(&self.committed)?,
                            spent_cents: amount(&self.spent)?,
                        };
                        if id.is_some() {
                            store.update_budget_line(&line)?;
                            "Ligne budgétaire modifiée."
                        } else {
                            store.add_budget_line(&line)?;
                            "Ligne budgétaire ajoutée."
                        }
                    }
                };
                self.open(Form::None);
                return Ok(Some(notice.into()));
            }
        }
        Ok(None)
    }

    fn buttons(&self, editing: bool, what: &'static str) -> Element<'_, Msg> {
        row![
            button(text(if editing {
                format!("Enregistrer {what}")
            } else {
                format!("Ajouter {what}")
            }))
            .on_press(Msg::Save),
            widget::small_button("Annuler", Msg::Cancel),
        ]
        .spacing(8)
        .into()
    }

    /// The Tâches tab.
    pub fn tasks<'a>(&'a self, o: &'a ConventionOverview, today: NaiveDate) -> Element<'a, Msg> {
        let mut page =
            column![row![button(text("Nouvelle tâche")).on_press(Msg::NewTask)]].spacing(10);
        if let Form::Task(id) = self.form {
            let sessions: Vec<Choice<Option<SessionId>>> =
                std::iter::once(Choice::new(None, "Aucune séance"))
                    .chain(o.sessions.iter().map(|s| {
                        Choice::new(
                            Some(s.id),
                            format!("{} — {}", fr::date_short(s.date), s.title),
                        )
                    }))
                    .collect();
            let chosen = selected(&sessions, &self.session);
            page = page.push(widget::section(
                if id.is_some() {
                    "Modifier la tâche"
                } else {
                    "Nouvelle tâche"
                },
                column![
                    widget::input("Intitulé", &self.title, Msg::Title, "task-title"),
                    row![
                        widget::input("Responsable", &self.owner, Msg::Owner, "task-owner"),
                        widget::input("Échéance (jj/mm/aaaa)", &self.due, Msg::Due, "task-due"),
                        pick_list(
                            Priority::ALL,
                            Some(self.priority.unwrap_or(Priority::Normal)),
                            Msg::Priority
                        ),
                    ]
                    .spacing(8),
                    row![
                        checkbox(self.milestone)
                            .label("Jalon")
                            .on_toggle(Msg::Milestone),
                        pick_list(sessions, chosen, Msg::Session),
                    ]
                    .spacing(16)
                    .align_y(Alignment::Center),
                    self.buttons(id.is_some(), "la tâche"),
                ]
                .spacing(8),
            ));
        }
        let late = o.tasks.iter().filter(|t| t.is_overdue(today)).count();
        let done = o
            .tasks
            .iter()
            .filter(|t| t.status == TaskStatus::Done)
            .count();
        page = page.push(widget::muted(format!(
            "{} tâche(s) · {done} terminée(s) · {late} en retard",
            o.tasks.len()
        )));
        for t in &o.tasks {
            let due = t
                .due
                .map(fr::date_short)
                .unwrap_or_else(|| "sans échéance".into());
            let mark = if t.milestone { "◆ " } else { "" };
            let color = if t.is_overdue(today) {
                theme::LATE
            } else if t.status == TaskStatus::Done {
                theme::MUTED
            } else {
                iced::Color::BLACK
            };
            let session = t
                .session
                .and_then(|s| o.sessions.iter().find(|x| x.id == s))
                .map(|s| format!(" · pour « {} »", s.title))
                .unwrap_or_default();
            let mut line = row![
                column![
                    text(format!("{mark}{}", t.title)).color(color),
                    text(format!(
                        "{} · {} · priorité {} · échéance {due}{}{session}",
                        if t.owner.is_empty() {
                            "sans responsable"
                        } else {
                            t.owner.as_str()
                        },
                        t.status.label(),
                        t.priority.label().to_lowercase(),
                        if t.is_overdue(today) {
                            " (en retard)"
                        } else {
                            ""
                        }
                    ))
                    .size(12)
                    .color(if t.is_overdue(today) {
                        theme::LATE
                    } else {
                        theme::MUTED
                    }),
                ]
                .width(Length::Fill),
            ]
            .spacing(6)
            .align_y(Alignment::Center);
            if t.status != TaskStatus::InProgress && t.status != TaskStatus::Done {
                line = line.push(widget::small_button(
                    "En cours",
                    Msg::TaskStatus(t.id, TaskStatus::InProgress),
                ));
            }
            if t.status != TaskStatus::Done {
                line = line.push(widget::small_button(
                    "Terminée",
                    Msg::TaskStatus(t.id, TaskStatus::Done),
                ));
            } else {
                line = line.push(widget::small_button(
                    "Rouvrir",
                    Msg::TaskStatus(t.id, TaskStatus::Todo),
                ));
            }
            line = line
                .push(widget::small_button("Modifier", Msg::EditTask(t.id)))
                .push(widget::small_button("Retirer", Msg::RemoveTask(t.id)));
            page = page.push(line);
        }
        page.into()
    }

    /// The Risques tab: the matrix, then the register.
    pub fn risks<'a>(&'a self, o: &'a ConventionOverview, today: NaiveDate) -> Element<'a, Msg> {
        let mut page =
            column![row![button(text("Nouveau risque")).on_press(Msg::NewRisk)]].spacing(10);
        if let Form::Risk(id) = self.form {
            let levels: Vec<u8> = vec![1, 2, 3, 4];
            page = page.push(widget::section(
                if id.is_some() {
                    "Modifier le risque"
                } else {
                    "Nouveau risque"
                },
                column![
                    widget::input("Intitulé du risque", &self.title, Msg::Title, "risk-title"),
                    row![
                        text("Probabilité").color(theme::MUTED),
                        pick_list(levels.clone(), Some(self.probability), Msg::Probability),
                        text("Impact").color(theme::MUTED),
                        pick_list(levels, Some(self.impact), Msg::Impact),
                        pick_list(
                            RiskStatus::ALL,
                            Some(self.risk_status.unwrap_or(RiskStatus::Open)),
                            Msg::RiskStatus
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
                    self.buttons(id.is_some(), "le risque"),
                ]
                .spacing(8),
            ));
        }
        page = page.push(matrix(o));
        for r in &o.risks {
            let review = r
                .review
                .map(|d| format!(" · revue le {}", fr::date_short(d)))
                .unwrap_or_default();
            let due = if r.review_due(today) {
                " · revue à faire"
            } else {
                ""
            };
            page = page.push(
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
                            "{} · {} · {}{review}{due}",
                            r.mitigation,
                            if r.owner.is_empty() {
                                "sans responsable"
                            } else {
                                r.owner.as_str()
                            },
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
                    widget::small_button("Modifier", Msg::EditRisk(r.id)),
                    widget::small_button("Retirer", Msg::RemoveRisk(r.id)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        if o.risks.is_empty() {
            page = page.push(widget::muted("Le registre des risques est vide."));
        }
        page.into()
    }

    /// The Budget tab: lines, totals against the envelope, the compensation.
    pub fn budget<'a>(&'a self, o: &'a ConventionOverview) -> Element<'a, Msg> {
        let c = &o.convention;
        let mut page =
            column![row![button(text("Nouvelle ligne")).on_press(Msg::NewLine)]].spacing(10);
        if let Form::Budget(id) = self.form {
            page = page.push(widget::section(
                if id.is_some() {
                    "Modifier la ligne"
                } else {
                    "Nouvelle ligne"
                },
                column![
                    row![
                        pick_list(
                            BudgetCategory::ALL,
                            Some(self.category.unwrap_or(BudgetCategory::Other)),
                            Msg::Category
                        ),
                        widget::input("Libellé", &self.title, Msg::Title, "line-label"),
                    ]
                    .spacing(8),
                    row![
                        widget::input("Prévu (€)", &self.planned, Msg::Planned, "line-planned"),
                        widget::input(
                            "Engagé (€)",
                            &self.committed,
                            Msg::Committed,
                            "line-committed"
                        ),
                        widget::input("Dépensé (€)", &self.spent, Msg::Spent, "line-spent"),
                    ]
                    .spacing(8),
                    self.buttons(id.is_some(), "la ligne"),
                ]
                .spacing(8),
            ));
        }
        let totals = budget_totals(&o.budget);
        let amount = |cents: i64| {
            text(fr::euros(cents))
                .size(14)
                .width(Length::Fixed(100.0))
                .align_x(iced::alignment::Horizontal::Right)
        };
        let head = |s: &'static str| {
            text(s)
                .font(widget::bold())
                .width(Length::Fixed(100.0))
                .align_x(iced::alignment::Horizontal::Right)
        };
        let mut table = column![
            row![
                text("Poste").font(widget::bold()).width(Length::Fill),
                head("Prévu"),
                head("Engagé"),
                head("Dépensé"),
                text("").width(Length::Fixed(150.0)),
            ]
            .spacing(8)
        ]
        .spacing(4);
        for b in &o.budget {
            table = table.push(
                row![
                    text(format!("{} — {}", b.category.label(), b.label))
                        .size(14)
                        .width(Length::Fill),
                    amount(b.planned_cents),
                    amount(b.committed_cents),
                    amount(b.spent_cents),
                    row![
                        widget::small_button("Modifier", Msg::EditLine(b.id)),
                        widget::small_button("Retirer", Msg::RemoveLine(b.id))
                    ]
                    .spacing(4)
                    .width(Length::Fixed(150.0)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        table = table.push(
            row![
                text("Total").font(widget::bold()).width(Length::Fill),
                amount(totals.planned_cents).font(widget::bold()),
                amount(totals.committed_cents).font(widget::bold()),
                amount(totals.spent_cents).font(widget::bold()),
                text("").width(Length::Fixed(150.0)),
            ]
            .spacing(8),
        );
        let left = c.budget_envelope_cents - totals.planned_cents;
        page = page.push(table).push(if left < 0 {
            widget::colored(
                format!(
                    "Enveloppe : {} — le prévu la dépasse de {}.",
                    fr::euros(c.budget_envelope_cents),
                    fr::euros(-left)
                ),
                theme::LATE,
            )
        } else {
            widget::muted(format!(
                "Enveloppe : {} — reste à affecter : {}.",
                fr::euros(c.budget_envelope_cents),
                fr::euros(left)
            ))
        });
        page.push(widget::section(
            "Indemnités des membres du panel",
            column![
                widget::field(
                    "Journées indemnisables",
                    format!(
                        "{} présence(s) de membres du panel aux séances, d'après l'émargement",
                        o.compensation_days
                    ),
                ),
                row![
                    text_input("Montant par journée (€)", &self.daily)
                        .id("daily-amount")
                        .on_input(Msg::Daily)
                        .padding(6)
                        .width(Length::Fixed(220.0)),
                    button(text(tf!("Calculer la ligne d'indemnités"))).on_press(Msg::Compute),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            ]
            .spacing(8),
        ))
        .into()
    }
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
