//! The Tirage au sort panel: for a convention, the whole draw in five tabs — the
//! invitation sample, the volunteer pool, the quotas beside the pool's counts, the
//! preparation of the lottery (progress, cancel, probabilities against LEGACY's), and
//! the draw itself (seed or public ceremony, reserves, withdrawals, procès-verbal).
//! This module owns the convention picker, the tabs and what they all read.

mod ceremony;
mod chart;
mod invitations;
mod pool;
mod prepare;
mod quotas;

use chrono::NaiveDate;
use iced::widget::{column, pick_list, row, scrollable};
use iced::{Element, Length, Task};

use super::Event;
use crate::domain::ids::ConventionId;
use crate::domain::sortition::instance::{household_groups, is_household};
use crate::domain::sortition::reference::Reference;
use crate::domain::sortition::{Pool, Volunteer};
use crate::store::{
    CampaignRow, ConventionRow, DrawView, GroupRow, Prepared, QuotaTable, Store, StoreError,
};
use crate::ui::{theme, widget};

pub use ceremony::{Mode as CeremonyMode, Msg as CeremonyMsg};
pub use invitations::Msg as InvitationsMsg;
pub use pool::Msg as PoolMsg;
pub use prepare::Msg as PrepareMsg;
pub use quotas::Msg as QuotasMsg;

/// A file the person named: its name (for messages and records) and its bytes, or why
/// it cannot be read, in French.
fn read_file(path: &str) -> Result<(String, Vec<u8>), String> {
    let bytes =
        crate::files::read_named(path).map_err(|why| crate::domain::text::typography(&why))?;
    let path = std::path::PathBuf::from(path.trim());
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// A convention in the picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice(ConventionId, String);

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// The steps of a draw, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Invitations,
    Pool,
    Quotas,
    Prepare,
    Draw,
}

impl Tab {
    const ALL: [Tab; 5] = [
        Tab::Invitations,
        Tab::Pool,
        Tab::Quotas,
        Tab::Prepare,
        Tab::Draw,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::Invitations => "1. Invitations",
            Tab::Pool => "2. Vivier",
            Tab::Quotas => "3. Quotas",
            Tab::Prepare => "4. Préparation",
            Tab::Draw => "5. Tirage",
        }
    }
}

/// What the tabs read of the selected convention, reloaded after every change.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub convention: ConventionId,
    /// The k of the draw (the convention's target panel size).
    pub panel_size: u32,
    pub pools: Vec<Pool>,
    /// The current pool's volunteers (the latest pool).
    pub volunteers: Vec<Volunteer>,
    pub quotas: Option<QuotaTable>,
    pub prepared: Option<Prepared>,
    pub draw: Option<DrawView>,
    pub samples: Vec<crate::domain::sortition::invitation::InvitationSample>,
    pub campaigns: Vec<CampaignRow>,
    /// The directory's groups and saved selections, for an invitation list.
    pub groups: Vec<GroupRow>,
    pub references: Vec<(Option<i64>, Reference)>,
}

impl Loaded {
    fn load(store: &Store, convention: ConventionId) -> Result<Loaded, StoreError> {
        let pools = store.pools(convention)?;
        let volunteers = match pools.last() {
            Some(p) => store.pool_volunteers(p.id)?,
            None => Vec::new(),
        };
        let size = store.convention(convention)?.target_panel_size;
        Ok(Loaded {
            convention,
            panel_size: if size == 0 { 40 } else { size },
            pools,
            volunteers,
            quotas: store.current_quotas(convention)?,
            prepared: store.latest_portfolio(convention)?,
            draw: store.latest_draw(convention)?,
            samples: store.invitation_samples(convention)?,
            campaigns: store.campaigns()?,
            groups: store.groups()?,
            references: store.reference_tables()?,
        })
    }

    /// The current pool, the one the next draw uses.
    pub fn pool(&self) -> Option<&Pool> {
        self.pools.last()
    }

    /// How many volunteers of the current pool have `value` for `criterion`.
    pub fn pool_count(&self, criterion: &str, value: &str) -> usize {
        self.volunteers
            .iter()
            .filter(|v| {
                v.value(criterion)
                    .is_some_and(|x| x.eq_ignore_ascii_case(value))
            })
            .count()
    }

    /// The criteria of the current pool, in their first volunteer's order (the
    /// household is not one).
    pub fn criteria(&self) -> Vec<String> {
        self.volunteers
            .first()
            .map(|v| {
                v.attributes
                    .iter()
                    .map(|(c, _)| c.clone())
                    .filter(|c| !is_household(c))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How many households of the current pool hold two or more volunteers.
    pub fn households(&self) -> usize {
        household_groups(&self.volunteers).len()
    }

    /// The values one criterion takes in the pool, sorted.
    pub fn values(&self, criterion: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .volunteers
            .iter()
            .filter_map(|v| v.value(criterion).map(str::to_string))
            .collect();
        out.sort_by_key(|v| v.to_lowercase());
        out.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        out
    }
}

/// Why a prepared lottery no longer matches the pool, the quotas or the panel size,
/// if it does not.
pub fn stale(l: &Loaded, prepared: &Prepared) -> Option<String> {
    let p = &prepared.portfolio;
    let same_pool = l.pool().is_some_and(|pool| pool.id == prepared.pool);
    let same_quotas = l.quotas.as_ref().is_some_and(|t| {
        t.quotas.len() == p.quotas.len()
            && t.quotas.iter().all(|q| {
                p.quotas.iter().any(|r| {
                    r.criterion.eq_ignore_ascii_case(&q.criterion)
                        && r.value.eq_ignore_ascii_case(&q.value)
                        && (r.min, r.max) == (q.min, q.max)
                })
            })
    });
    let rule = l.quotas.as_ref().is_some_and(|t| t.one_per_household) && l.households() > 0;
    let why = if !same_pool {
        "le vivier a changé"
    } else if rule == p.households.is_empty() {
        "la règle du foyer a changé"
    } else if !same_quotas {
        "les quotas ont changé"
    } else if p.panel_size != l.panel_size {
        "la taille du panel a changé"
    } else {
        return None;
    };
    Some(tf!(
        "Attention : {why} depuis la préparation. Préparez de nouveau la loterie avant de tirer."
    ))
}

/// The panel's state.
pub struct State {
    choices: Vec<Choice>,
    selected: Option<Choice>,
    tab: Tab,
    loaded: Option<Loaded>,
    invitations: invitations::State,
    pool: pool::State,
    quotas: quotas::State,
    prepare: prepare::State,
    ceremony: ceremony::State,
    error: Option<String>,
}

/// The panel's messages.
#[derive(Debug, Clone)]
pub enum Message {
    Convention(Choice),
    Tab(Tab),
    Invitations(invitations::Msg),
    Pool(pool::Msg),
    Quotas(quotas::Msg),
    Prepare(prepare::Msg),
    Ceremony(ceremony::Msg),
}

impl State {
    /// Opens on the first convention.
    pub fn new(store: &Store) -> State {
        let mut s = State {
            choices: Vec::new(),
            selected: None,
            tab: Tab::Draw,
            loaded: None,
            invitations: invitations::State::default(),
            pool: pool::State::default(),
            quotas: quotas::State::default(),
            prepare: prepare::State::default(),
            ceremony: ceremony::State::default(),
            error: None,
        };
        s.reload(store);
        s
    }

    /// Reloads the conventions and the selected one's draw, keeping what is being typed.
    pub fn reload(&mut self, store: &Store) {
        self.choices = store
            .draw_subjects()
            .map(|l: Vec<ConventionRow>| l.into_iter().map(|c| Choice(c.id, c.title)).collect())
            .unwrap_or_default();
        let keep = self
            .selected
            .clone()
            .filter(|s| self.choices.contains(s))
            .or(self.choices.first().cloned());
        match keep {
            Some(c) => self.select(store, c),
            None => {
                self.selected = None;
                self.loaded = None;
            }
        }
    }

    /// Shows the draw of `convention` (a body's renewal opened from its sheet).
    pub fn open(&mut self, store: &Store, convention: ConventionId) {
        self.reload(store);
        if let Some(c) = self.choices.iter().find(|c| c.0 == convention).cloned() {
            self.select(store, c);
        }
    }

    fn select(&mut self, store: &Store, choice: Choice) {
        let changed = self.selected.as_ref() != Some(&choice);
        let id = choice.0;
        self.selected = Some(choice);
        match Loaded::load(store, id) {
            Ok(l) => {
                if changed {
                    self.tab = if l.draw.is_some() {
                        Tab::Draw
                    } else {
                        Tab::Pool
                    };
                    self.quotas = quotas::State::default();
                    self.ceremony = ceremony::State::default();
                }
                self.quotas.refresh(&l);
                self.ceremony.refresh(&l);
                self.loaded = Some(l);
                self.error = None;
            }
            Err(e) => {
                self.loaded = None;
                self.error = Some(super::describe(&e));
            }
        }
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        message: Message,
        store: &mut Store,
        today: NaiveDate,
    ) -> (Task<Message>, Option<Event>) {
        let loaded = match message {
            Message::Convention(c) => {
                self.select(store, c);
                return (Task::none(), None);
            }
            Message::Tab(t) => {
                self.tab = t;
                return (Task::none(), None);
            }
            _ => match &self.loaded {
                Some(l) => l,
                None => return (Task::none(), None),
            },
        };
        let (task, event) = match message {
            Message::Invitations(m) => {
                let (t, e) = self.invitations.update(m, store, loaded, today);
                (t.map(Message::Invitations), e)
            }
            Message::Pool(m) => {
                let (t, e) = self.pool.update(m, store, loaded, today);
                (t.map(Message::Pool), e)
            }
            Message::Quotas(m) => {
                let (t, e) = self.quotas.update(m, store, loaded);
                (t.map(Message::Quotas), e)
            }
            Message::Prepare(m) => {
                let (t, e) = self.prepare.update(m, store, loaded);
                (t.map(Message::Prepare), e)
            }
            Message::Ceremony(m) => {
                let (t, e) = self.ceremony.update(m, store, loaded, today);
                (t.map(Message::Ceremony), e)
            }
            Message::Convention(_) | Message::Tab(_) => (Task::none(), None),
        };
        if matches!(event, Some(Event::Saved(_))) {
            // The app reloads every panel; this one moves on to the next step.
            if let Some(next) = self.next_tab_after_save() {
                self.tab = next;
            }
        }
        (task, event)
    }

    fn next_tab_after_save(&self) -> Option<Tab> {
        match self.tab {
            Tab::Pool if self.pool.just_imported() => Some(Tab::Quotas),
            Tab::Prepare => Some(Tab::Draw),
            _ => None,
        }
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![
            row![
                widget::title("Tirage au sort"),
                pick_list(
                    self.choices.as_slice(),
                    self.selected.clone(),
                    Message::Convention
                )
                .placeholder("Choisir une convention"),
            ]
            .spacing(16)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        let Some(l) = &self.loaded else {
            if self.choices.is_empty() {
                page = page.push(widget::muted(tf!(
                    "Aucune convention : créez-en une d'abord."
                )));
            }
            return page.into();
        };
        let mut tabs = row![].spacing(4);
        for tab in Tab::ALL {
            tabs = tabs.push(widget::tab(tab.label(), tab == self.tab, Message::Tab(tab)));
        }
        let body: Element<'_, Message> = match self.tab {
            Tab::Invitations => self.invitations.view(l).map(Message::Invitations),
            Tab::Pool => self.pool.view(l).map(Message::Pool),
            Tab::Quotas => self.quotas.view(l).map(Message::Quotas),
            Tab::Prepare => self.prepare.view(l).map(Message::Prepare),
            Tab::Draw => self.ceremony.view(l).map(Message::Ceremony),
        };
        page.push(tabs)
            .push(scrollable(column![body].padding(widget::GUTTER)).height(Length::Fill))
            .into()
    }
}
