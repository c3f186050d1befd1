//! The Budget tab: the budget lines (planned, committed, spent) and their totals
//! against the envelope, the form that adds or changes a line, and the panel's
//! compensation computed from the émargement at a daily amount.

use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::buttons;
use crate::domain::codes::BudgetCategory;
use crate::domain::ids::BudgetLineId;
use crate::domain::overview::ConventionOverview;
use crate::domain::parse;
use crate::domain::planning::{BudgetLine, budget_totals};
use crate::domain::text as fr;
use crate::store::{Store, StoreError};
use crate::ui::panels::{Event, outcome};
use crate::ui::{theme, widget};

#[derive(Debug, Clone)]
pub enum Msg {
    New,
    Edit(BudgetLineId),
    Remove(BudgetLineId),
    Category(BudgetCategory),
    Label(String),
    Planned(String),
    Committed(String),
    Spent(String),
    Save,
    Cancel,
    Daily(String),
    Compute,
}

/// The line form, when open (`Some(None)` for a new line), and the daily amount.
#[derive(Debug, Default)]
pub struct State {
    form: Option<Option<BudgetLineId>>,
    category: Option<BudgetCategory>,
    label: String,
    planned: String,
    committed: String,
    spent: String,
    /// The compensation per day, kept while forms open and close.
    daily: String,
}

/// A budget amount for editing: nothing shows as an empty field.
fn amount_text(cents: i64) -> String {
    fr::amount_field((cents != 0).then_some(cents))
}

fn amount(s: &str) -> Result<i64, crate::domain::DomainError> {
    Ok(parse::opt_euros(s)?.unwrap_or(0))
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
            Msg::New => self.open(None),
            Msg::Edit(id) => {
                if let Some(b) = o.budget.iter().find(|b| b.id == id) {
                    self.open(Some(id));
                    self.label = b.label.clone();
                    self.category = Some(b.category);
                    self.planned = amount_text(b.planned_cents);
                    self.committed = amount_text(b.committed_cents);
                    self.spent = amount_text(b.spent_cents);
                }
            }
            Msg::Remove(id) => {
                store.remove_budget_line(id)?;
                return Ok(Some("Ligne budgétaire retirée.".into()));
            }
            Msg::Category(c) => self.category = Some(c),
            Msg::Label(s) => self.label = s,
            Msg::Planned(s) => self.planned = s,
            Msg::Committed(s) => self.committed = s,
            Msg::Spent(s) => self.spent = s,
            Msg::Cancel => self.close(),
            Msg::Save => return self.save(store, o),
            Msg::Daily(s) => self.daily = s,
            Msg::Compute => {
                let daily = parse::euros(&self.daily)?;
                let days = store.compute_compensation(o.convention.id, daily)?;
                return Ok(Some(format!(
                    "Ligne d'indemnités calculée : {days} journées × {}.",
                    fr::euros(daily)
                )));
            }
        }
        Ok(None)
    }

    fn open(&mut self, form: Option<BudgetLineId>) {
        *self = State {
            form: Some(form),
            daily: std::mem::take(&mut self.daily),
            ..State::default()
        };
    }

    fn close(&mut self) {
        *self = State {
            daily: std::mem::take(&mut self.daily),
            ..State::default()
        };
    }

    fn save(
        &mut self,
        store: &mut Store,
        o: &ConventionOverview,
    ) -> Result<Option<String>, StoreError> {
        let Some(id) = self.form else {
            return Ok(None);
        };
        let line = BudgetLine {
            id: id.unwrap_or_default(),
            convention: o.convention.id,
            category: self.category.unwrap_or(BudgetCategory::Other),
            label: self.label.trim().to_string(),
            planned_cents: amount(&self.planned)?,
            committed_cents: amount(&self.committed)?,
            spent_cents: amount(&self.spent)?,
        };
        let notice = if id.is_some() {
            store.update_budget_line(&line)?;
            "Ligne budgétaire modifiée."
        } else {
            store.add_budget_line(&line)?;
            "Ligne budgétaire ajoutée."
        };
        self.close();
        Ok(Some(notice.into()))
    }

    /// Lines, totals against the envelope, the compensation.
    pub fn view<'a>(&'a self, o: &'a ConventionOverview) -> Element<'a, Msg> {
        let c = &o.convention;
        let mut page = column![row![button(text("Nouvelle ligne")).on_press(Msg::New)]].spacing(10);
        if let Some(id) = self.form {
            page = page.push(widget::section(
                if id.is_some() {
                    "Modifier la ligne"
                } else {
                    "Nouvelle ligne"
                },
                self.form(id.is_some()),
            ));
        }
        let left = c.budget_envelope_cents - budget_totals(&o.budget).planned_cents;
        page = page.push(table(o)).push(if left < 0 {
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
            self.compensation(o),
        ))
        .into()
    }

    fn form(&self, editing: bool) -> Element<'_, Msg> {
        column![
            row![
                pick_list(
                    BudgetCategory::ALL,
                    Some(self.category.unwrap_or(BudgetCategory::Other)),
                    Msg::Category
                ),
                widget::input("Libellé", &self.label, Msg::Label, "line-label"),
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
            buttons(editing, "la ligne", Msg::Save, Msg::Cancel),
        ]
        .spacing(8)
        .into()
    }

    fn compensation<'a>(&'a self, o: &'a ConventionOverview) -> Element<'a, Msg> {
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
        .spacing(8)
        .into()
    }
}

/// The lines and their total, in euros aligned right.
fn table(o: &ConventionOverview) -> Element<'_, Msg> {
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
                    widget::small_button("Modifier", Msg::Edit(b.id)),
                    widget::small_button("Retirer", Msg::Remove(b.id))
                ]
                .spacing(4)
                .width(Length::Fixed(150.0)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
    }
    table
        .push(
            row![
                text("Total").font(widget::bold()).width(Length::Fill),
                amount(totals.planned_cents).font(widget::bold()),
                amount(totals.committed_cents).font(widget::bold()),
                amount(totals.spent_cents).font(widget::bold()),
                text("").width(Length::Fixed(150.0)),
            ]
            .spacing(8),
        )
        .into()
}
