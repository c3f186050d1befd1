//! The Quotas tab: the panel size, then one table per criterion of the pool with each
//! value's count in the pool beside its minimum and maximum, typed as seats or as a
//! percentage of the panel; defaults from a reference population table (source and
//! year shown), and those tables edited.

use iced::widget::{checkbox, column, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::Loaded;
use crate::domain::sortition::Quota;
use crate::domain::sortition::reference::{self, Reference, Side, parse_bound};
use crate::domain::text as fr;
use crate::store::Store;
use crate::ui::choice::Choice;
use crate::ui::panels::{Event, describe};
use crate::ui::{theme, widget};

/// The tolerance around a reference share when defaults are computed.
const TOLERANCE: f64 = 0.15;

/// One value's line.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    criterion: String,
    value: String,
    min: String,
    max: String,
}

/// A reference table being edited.
#[derive(Debug, Clone, PartialEq)]
struct RefForm {
    id: Option<i64>,
    criterion: String,
    name: String,
    source: String,
    year: String,
    shares: Vec<(String, String)>,
}

/// The tab's state.
#[derive(Debug, Default)]
pub struct State {
    size: String,
    name: String,
    source: String,
    year: String,
    lines: Vec<Line>,
    /// At most one person per household in a panel.
    households: bool,
    /// Typed since the last save: reloads keep it.
    dirty: bool,
    reference: Option<RefForm>,
    error: Option<String>,
}

/// The tab's messages.
#[derive(Debug, Clone)]
pub enum Msg {
    Size(String),
    Name(String),
    Source(String),
    Year(String),
    Households(bool),
    Min(usize, String),
    Max(usize, String),
    /// Fills a criterion's lines from reference table n.
    Defaults(usize),
    Save,
    EditReference(Choice<usize>),
    NewReference(String),
    RefName(String),
    RefSource(String),
    RefYear(String),
    RefShare(usize, String),
    SaveReference,
    CloseReference,
}

impl State {
    /// Rebuilds the lines from the pool and the saved quotas, unless something is
    /// being typed.
    pub fn refresh(&mut self, l: &Loaded) {
        if self.dirty {
            return;
        }
        self.size = l.panel_size.to_string();
        let saved = l.quotas.as_ref();
        self.name = saved.map_or("Quotas du panel".into(), |t| t.name.clone());
        self.source = saved.map_or(String::new(), |t| t.source.clone());
        self.year = saved
            .and_then(|t| t.year)
            .map_or(String::new(), |y| y.to_string());
        self.households = saved.is_some_and(|t| t.one_per_household);
        let quotas: &[Quota] = saved.map_or(&[], |t| t.quotas.as_slice());
        let mut lines = Vec::new();
        let mut criteria = l.criteria();
        for q in quotas {
            if !criteria
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&q.criterion))
            {
                criteria.push(q.criterion.clone());
            }
        }
        for c in &criteria {
            let mut values = l.values(c);
            for q in quotas
                .iter()
                .filter(|q| q.criterion.eq_ignore_ascii_case(c))
            {
                if !values.iter().any(|v| v.eq_ignore_ascii_case(&q.value)) {
                    values.push(q.value.clone());
                }
            }
            for v in values {
                let q = quotas.iter().find(|q| {
                    q.criterion.eq_ignore_ascii_case(c) && q.value.eq_ignore_ascii_case(&v)
                });
                lines.push(Line {
                    criterion: c.clone(),
                    value: v,
                    min: q.map_or(String::new(), |q| q.min.to_string()),
                    max: q.map_or(String::new(), |q| q.max.to_string()),
                });
            }
        }
        self.lines = lines;
    }

    fn k(&self) -> Option<u32> {
        self.size.trim().parse().ok().filter(|&k| k > 0)
    }

    /// The quotas typed, or the first problem in French.
    fn quotas(&self) -> Result<Vec<Quota>, String> {
        let k = self
            .k()
            .ok_or_else(|| tf!("« {} » n'est pas une taille de panel.", self.size))?;
        let mut out = Vec::new();
        for l in &self.lines {
            let (min, max) = (l.min.trim(), l.max.trim());
            if min.is_empty() && max.is_empty() {
                continue;
            }
            let parse = |t: &str, side| {
                parse_bound(t, k, side).map_err(|e| tf!("{} = {} : {e}", l.criterion, l.value))
            };
            let min = if min.is_empty() {
                0
            } else {
                parse(min, Side::Min)?
            };
            let max = if max.is_empty() {
                k
            } else {
                parse(max, Side::Max)?
            };
            let q = Quota {
                criterion: l.criterion.clone(),
                value: l.value.clone(),
                min,
                max,
            };
            q.validate().map_err(|e| describe(&e))?;
            out.push(q);
        }
        // A criterion with some quotas needs them all: every volunteer must fall in one.
        for l in &self.lines {
            let used = out.iter().any(|q| q.criterion == l.criterion);
            let has = out
                .iter()
                .any(|q| q.criterion == l.criterion && q.value == l.value);
            if used && !has {
                return Err(tf!(
                    "« {} = {} » n'a ni minimum ni maximum, alors que « {} » a des quotas : mettez 0 et {k} pour ne rien imposer.",
                    l.criterion,
                    l.value,
                    l.criterion
                ));
            }
        }
        Ok(out)
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        l: &Loaded,
    ) -> (Task<Msg>, Option<Event>) {
        match msg {
            Msg::Size(s) => {
                self.size = s;
                self.dirty = true;
            }
            Msg::Name(s) => {
                self.name = s;
                self.dirty = true;
            }
            Msg::Source(s) => {
                self.source = s;
                self.dirty = true;
            }
            Msg::Year(s) => {
                self.year = s;
                self.dirty = true;
            }
            Msg::Households(b) => {
                self.households = b;
                self.dirty = true;
            }
            Msg::Min(i, s) => {
                if let Some(line) = self.lines.get_mut(i) {
                    line.min = s;
                    self.dirty = true;
                }
            }
            Msg::Max(i, s) => {
                if let Some(line) = self.lines.get_mut(i) {
                    line.max = s;
                    self.dirty = true;
                }
            }
            Msg::Defaults(n) => self.fill_defaults(l, n),
            Msg::Save => return (Task::none(), self.save(store, l)),
            Msg::EditReference(c) => self.edit_reference(l, c.value),
            Msg::NewReference(criterion) => self.new_reference(l, criterion),
            Msg::RefName(s) => self.edit_ref(|r| r.name = s),
            Msg::RefSource(s) => self.edit_ref(|r| r.source = s),
            Msg::RefYear(s) => self.edit_ref(|r| r.year = s),
            Msg::RefShare(i, s) => self.edit_ref(|r| {
                if let Some(x) = r.shares.get_mut(i) {
                    x.1 = s;
                }
            }),
            Msg::CloseReference => self.reference = None,
            Msg::SaveReference => return (Task::none(), self.save_reference(store)),
        }
        (Task::none(), None)
    }

    /// Fills a criterion's lines from reference table `n`, within the tolerance.
    fn fill_defaults(&mut self, l: &Loaded, n: usize) {
        let Some((_, r)) = l.references.get(n) else {
            return;
        };
        let Some(k) = self.k() else {
            self.error = Some(tf!("Indiquez d'abord la taille du panel."));
            return;
        };
        let defaults = reference::default_quotas(r, k, TOLERANCE);
        let mut missing = Vec::new();
        for q in &defaults {
            match self.lines.iter_mut().find(|x| {
                x.criterion.eq_ignore_ascii_case(&r.criterion)
                    && x.value.eq_ignore_ascii_case(&q.value)
            }) {
                Some(line) => {
                    line.min = q.min.to_string();
                    line.max = q.max.to_string();
                }
                None => missing.push(q.value.clone()),
            }
        }
        self.source = if self.source.trim().is_empty() {
            r.source.clone()
        } else if self.source.contains(&r.source) {
            self.source.clone()
        } else {
            tf!("{} ; {}", self.source.trim(), r.source)
        };
        if let Some(y) = r.year {
            self.year = y.to_string();
        }
        self.dirty = true;
        self.error = (!missing.is_empty()).then(|| {
            tf!(
                "Valeurs de la table de référence absentes du vivier : {}.",
                missing.join(", ")
            )
        });
    }

    /// Checks and saves the quotas with the panel size.
    fn save(&mut self, store: &mut Store, l: &Loaded) -> Option<Event> {
        let quotas = match self.quotas() {
            Ok(q) => q,
            Err(e) => {
                self.error = Some(e);
                return None;
            }
        };
        if quotas.is_empty() {
            self.error = Some(describe(
                &"Aucun quota saisi : donnez au moins un minimum ou un maximum.",
            ));
            return None;
        }
        let year = match self.year.trim() {
            "" => None,
            y => match y.parse() {
                Ok(y) => Some(y),
                Err(_) => {
                    self.error = Some(tf!("« {y} » n'est pas une année."));
                    return None;
                }
            },
        };
        let k = self.k().unwrap_or(l.panel_size);
        let result = store.set_panel_size(l.convention, k).and_then(|_| {
            store.save_quotas(
                l.convention,
                self.name.trim(),
                self.source.trim(),
                year,
                &quotas,
                self.households,
            )
        });
        match result {
            Ok(_) => {
                self.dirty = false;
                self.error = None;
                Some(Event::Saved(tf!(
                    "Quotas enregistrés : {} lignes pour un panel de {k}.",
                    quotas.len()
                )))
            }
            Err(e) => {
                self.error = Some(describe(&e));
                None
            }
        }
    }

    fn edit_reference(&mut self, l: &Loaded, n: usize) {
        if let Some((id, r)) = l.references.get(n) {
            self.reference = Some(RefForm {
                id: *id,
                criterion: r.criterion.clone(),
                name: r.name.clone(),
                source: r.source.clone(),
                year: r.year.map_or(String::new(), |y| y.to_string()),
                shares: r
                    .shares
                    .iter()
                    .map(|(v, s)| (v.clone(), s.to_string().replace('.', ",")))
                    .collect(),
            });
        }
    }

    fn new_reference(&mut self, l: &Loaded, criterion: String) {
        self.reference = Some(RefForm {
            id: None,
            name: tf!("Population de référence : {criterion}"),
            shares: l
                .values(&criterion)
                .into_iter()
                .map(|v| (v, String::new()))
                .collect(),
            criterion,
            source: String::new(),
            year: String::new(),
        });
    }

    /// Checks and saves the reference table being edited.
    fn save_reference(&mut self, store: &mut Store) -> Option<Event> {
        let form = self.reference.as_ref()?;
        let mut shares = Vec::new();
        for (v, s) in &form.shares {
            match s
                .trim()
                .trim_end_matches('%')
                .trim()
                .replace(',', ".")
                .parse::<f64>()
            {
                Ok(x) if x >= 0.0 => shares.push((v.clone(), x)),
                _ => {
                    self.error = Some(tf!(
                        "La part de « {v} » (« {s} ») n'est pas un pourcentage."
                    ));
                    return None;
                }
            }
        }
        let year = form.year.trim().parse().ok();
        let table = Reference {
            criterion: form.criterion.clone(),
            name: form.name.trim().to_string(),
            source: form.source.trim().to_string(),
            year,
            shares,
        };
        match store.save_reference(form.id, &table) {
            Ok(_) => {
                self.reference = None;
                self.error = None;
                Some(Event::Saved(tf!(
                    "Population de référence « {} » enregistrée.",
                    table.name
                )))
            }
            Err(e) => {
                self.error = Some(describe(&e));
                None
            }
        }
    }

    fn edit_ref(&mut self, f: impl FnOnce(&mut RefForm)) {
        if let Some(r) = self.reference.as_mut() {
            f(r);
        }
    }

    /// The tab.
    pub fn view<'a>(&'a self, l: &'a Loaded) -> Element<'a, Msg> {
        if l.volunteers.is_empty() && self.lines.is_empty() {
            return widget::muted(tf!(
                "Importez d'abord un vivier (onglet « 2. Vivier ») : les quotas se fixent sur ses critères."
            ));
        }
        let mut page = column![].spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        let head = column![
            row![
                text("Taille du panel").width(Length::Fixed(160.0)),
                text_input("40", &self.size)
                    .id("quota-size")
                    .on_input(Msg::Size)
                    .padding(6)
                    .width(Length::Fixed(80.0)),
                widget::muted(
                    "Les bornes se tapent en sièges (12) ou en pourcentage du panel (30 %)."
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            row![
                text("Nom de la table").width(Length::Fixed(160.0)),
                widget::input("Quotas du panel", &self.name, Msg::Name, "quota-name"),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            row![
                text("Source, année").width(Length::Fixed(160.0)),
                widget::input(
                    "INSEE, recensement…",
                    &self.source,
                    Msg::Source,
                    "quota-source"
                ),
                text_input("Année", &self.year)
                    .on_input(Msg::Year)
                    .padding(6)
                    .width(Length::Fixed(80.0)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            if l.households() > 0 || self.households {
                Element::from(
                    checkbox(self.households)
                        .label(tf!(
                            "Une personne par foyer au plus (colonne « foyer » du vivier : {} foyers de plusieurs volontaires)",
                            l.households()
                        ))
                        .on_toggle(Msg::Households),
                )
            } else {
                widget::muted(tf!(
                    "Pour n'admettre qu'une personne par foyer, ajoutez au vivier une colonne « foyer » (un numéro de foyer, pas une adresse)."
                ))
            },
            row![
                widget::small_button("Enregistrer les quotas", Msg::Save),
                widget::muted(if self.dirty {
                    "Modifications non enregistrées."
                } else {
                    ""
                }),
            ]
            .spacing(10)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        page = page.push(widget::section("Table de quotas", head));
        let k = self.k();
        let mut criteria: Vec<&str> = Vec::new();
        for line in &self.lines {
            if !criteria.contains(&line.criterion.as_str()) {
                criteria.push(&line.criterion);
            }
        }
        for c in criteria {
            page = page.push(self.criterion(l, c, k));
        }
        page = page.push(self.references(l));
        page.into()
    }

    fn criterion<'a>(&'a self, l: &'a Loaded, c: &'a str, k: Option<u32>) -> Element<'a, Msg> {
        let pool = l.volunteers.len().max(1) as f64;
        let mut table = column![widget::header_row(&[
            ("Valeur", 4),
            ("Vivier", 2),
            ("Part du vivier", 2),
            ("Minimum", 2),
            ("Maximum", 2),
            ("Sièges", 2),
        ])]
        .spacing(3);
        let (mut low, mut high, mut any) = (0u32, 0u32, false);
        for (i, line) in self
            .lines
            .iter()
            .enumerate()
            .filter(|(_, x)| x.criterion == c)
        {
            let count = l.pool_count(c, &line.value);
            let seats = k.map(|k| {
                let min = parse_bound(&line.min, k, Side::Min);
                let max = parse_bound(&line.max, k, Side::Max);
                (min, max)
            });
            let shown = match &seats {
                Some((Ok(a), Ok(b))) => {
                    low += a;
                    high += b;
                    any = true;
                    if (*b as usize) > count && (*a as usize) > count {
                        widget::colored(tf!("{a} à {b} (vivier : {count})"), theme::LATE)
                    } else if (*a as usize) > count {
                        widget::colored(tf!("{a} à {b} : trop peu au vivier"), theme::LATE)
                    } else {
                        widget::muted(tf!("{a} à {b}"))
                    }
                }
                _ if line.min.trim().is_empty() && line.max.trim().is_empty() => widget::muted("—"),
                _ => widget::colored("à corriger", theme::LATE),
            };
            table = table.push(
                row![
                    text(line.value.as_str()).width(Length::FillPortion(4)),
                    text(count.to_string()).width(Length::FillPortion(2)),
                    text(fr::percent(count as f64 / pool)).width(Length::FillPortion(2)),
                    text_input("min", &line.min)
                        .on_input(move |s| Msg::Min(i, s))
                        .padding(4)
                        .width(Length::FillPortion(2)),
                    text_input("max", &line.max)
                        .on_input(move |s| Msg::Max(i, s))
                        .padding(4)
                        .width(Length::FillPortion(2)),
                    row![shown].width(Length::FillPortion(2)),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        if let (true, Some(k)) = (any, k) {
            let verdict = if low > k {
                widget::colored(
                    tf!("Les minimums font {low} sièges, plus que les {k} du panel."),
                    theme::LATE,
                )
            } else if high < k {
                widget::colored(
                    tf!("Les maximums font {high} sièges, moins que les {k} du panel."),
                    theme::LATE,
                )
            } else {
                widget::colored(
                    tf!(
                        "Minimums : {low} sièges, maximums : {high} ; le panel de {k} tient entre les deux."
                    ),
                    theme::OK,
                )
            };
            table = table.push(verdict);
        }
        let mut tools = row![].spacing(6);
        for (n, (_, r)) in l.references.iter().enumerate() {
            if r.criterion.eq_ignore_ascii_case(c) {
                tools = tools.push(widget::small_button(
                    "Valeurs par défaut de la population de référence",
                    Msg::Defaults(n),
                ));
                tools = tools.push(widget::muted(tf!(
                    "{}{}",
                    r.name,
                    r.year.map_or(String::new(), |y| tf!(" ({y})"))
                )));
            }
        }
        widget::section(c, column![table, tools].spacing(8))
    }

    fn references<'a>(&'a self, l: &'a Loaded) -> Element<'a, Msg> {
        let choices: Vec<Choice<usize>> = l
            .references
            .iter()
            .enumerate()
            .map(|(n, (_, r))| Choice::new(n, tf!("{} — {}", r.criterion, r.name)))
            .collect();
        let mut body = column![widget::muted(
            tf!("Les tables livrées viennent de l'INSEE pour Grenoble ; les tables par secteur ou par CSP se saisissent à partir des données IRIS.")
        )]
        .spacing(8);
        for (_, r) in &l.references {
            body = body.push(widget::field(
                tf!("{} — {}", r.criterion, r.name),
                tf!(
                    "{} ; source : {}",
                    r.shares
                        .iter()
                        .map(|(v, s)| tf!("{v} {}", fr::percent(s / 100.0)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    r.source
                ),
            ));
        }
        let mut new = row![
            pick_list(choices, None::<Choice<usize>>, Msg::EditReference)
                .placeholder("Modifier une table…")
        ]
        .spacing(6);
        for c in l.criteria() {
            if !l
                .references
                .iter()
                .any(|(_, r)| r.criterion.eq_ignore_ascii_case(&c))
            {
                new = new.push(widget::small_button(
                    "Nouvelle table",
                    Msg::NewReference(c.clone()),
                ));
                new = new.push(widget::muted(c));
            }
        }
        body = body.push(new.align_y(Alignment::Center));
        if let Some(f) = &self.reference {
            let mut form = column![
                text(tf!("Critère : {}", f.criterion)).font(widget::bold()),
                text_input("Nom", &f.name).on_input(Msg::RefName).padding(6),
                text_input("Source", &f.source)
                    .on_input(Msg::RefSource)
                    .padding(6),
                text_input("Année", &f.year)
                    .on_input(Msg::RefYear)
                    .padding(6)
                    .width(Length::Fixed(100.0)),
            ]
            .spacing(6);
            for (i, (v, s)) in f.shares.iter().enumerate() {
                form = form.push(
                    row![
                        text(v.as_str()).width(Length::Fixed(220.0)),
                        text_input("part en %", s)
                            .on_input(move |x| Msg::RefShare(i, x))
                            .padding(4)
                            .width(Length::Fixed(100.0)),
                        text("%"),
                    ]
                    .spacing(6)
                    .align_y(Alignment::Center),
                );
            }
            form = form.push(
                row![
                    widget::small_button("Enregistrer la table", Msg::SaveReference),
                    widget::small_button("Fermer", Msg::CloseReference),
                ]
                .spacing(6),
            );
            body = body.push(form);
        }
        widget::section("Populations de référence", body)
    }
}
