//! The Tirage tab: the draw from the published list — with a recorded seed, or in a
//! public ceremony where the list's hash is read out before the dice give the number —
//! with the witnesses and garants and the number of reserves; then the panel with
//! every quota shown met, the ordered reserves, members' withdrawals and their
//! replacements, and the procès-verbal and panel file exported.

use chrono::NaiveDate;
use iced::widget::{column, radio, row, text, text_input};
use iced::{Alignment, Element, Length, Task};

use super::Loaded;
use crate::domain::codes::SelectionRole;
use crate::domain::sortition::lottery::number_from_seed;
use crate::domain::sortition::portfolio::Choice;
use crate::domain::sortition::{QuotaCheck, check_composition};
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::{DrawRequest, Store};
use crate::ui::panels::{Event, describe};
use crate::ui::{theme, widget};

/// How the panel number is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Seed,
    Public,
}

/// The tab's state.
#[derive(Debug, Default)]
pub struct State {
    mode: Mode,
    seed: String,
    number: String,
    how: String,
    witnesses: String,
    reserves: String,
    /// Whether the number of reserves was typed (else it follows the panel size).
    reserves_typed: bool,
    withdrawing: Option<String>,
    /// The new-draw form shown above a recorded draw.
    open: bool,
    error: Option<String>,
}

/// The tab's messages.
#[derive(Debug, Clone)]
pub enum Msg {
    Mode(Mode),
    Seed(String),
    Number(String),
    How(String),
    Witnesses(String),
    Reserves(String),
    Open(bool),
    Draw,
    Withdraw(String),
    ConfirmWithdraw(bool),
    Export(Document),
}

/// "Membre 3 — V-0042 — Femme · 30-44 ans · …": a person drawn, by pseudonym.
fn line(s: &crate::domain::sortition::Selected) -> String {
    let values: Vec<&str> = s
        .volunteer
        .attributes
        .iter()
        .map(|(_, v)| v.as_str())
        .collect();
    tf!(
        "{} {} — {} — {}",
        s.role.label(),
        s.rank,
        s.volunteer.pseudonym,
        values.join(" · ")
    )
}

impl State {
    /// Fills the defaults that depend on the convention.
    pub fn refresh(&mut self, l: &Loaded) {
        if !self.reserves_typed {
            self.reserves = (l.panel_size / 5).max(1).to_string();
        }
        if self.how.is_empty() {
            self.how =
                "trois dés à dix faces (centaines, dizaines, unités), lancés devant les garants"
                    .into();
        }
    }

    fn choice(&self) -> Result<Choice, String> {
        match self.mode {
            Mode::Seed if self.seed.trim().is_empty() => Err(describe(
                &"Indiquez la graine du tirage (par exemple la date, le lieu et l'heure).",
            )),
            Mode::Seed => Ok(Choice::Seed(self.seed.trim().to_string())),
            Mode::Public => match self.number.trim().parse::<usize>() {
                Ok(n) if n < 1000 && !self.number.trim().is_empty() => Ok(Choice::Number(n)),
                _ => Err(tf!(
                    "« {} » n'est pas un numéro de 000 à 999 : trois chiffres, un par dé.",
                    self.number.trim()
                )),
            },
        }
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        l: &Loaded,
        today: NaiveDate,
    ) -> (Task<Msg>, Option<Event>) {
        match msg {
            Msg::Mode(m) => self.mode = m,
            Msg::Open(o) => self.open = o,
            Msg::Seed(s) => self.seed = s,
            Msg::Number(s) => self.number = s,
            Msg::How(s) => self.how = s,
            Msg::Witnesses(s) => self.witnesses = s,
            Msg::Reserves(s) => {
                self.reserves = s;
                self.reserves_typed = true;
            }
            Msg::Draw => {
                let Some(prepared) = &l.prepared else {
                    return (Task::none(), None);
                };
                if let Some(why) = super::stale(l, prepared) {
                    self.error = Some(why);
                    return (Task::none(), None);
                }
                let choice = match self.choice() {
                    Ok(c) => c,
                    Err(e) => {
                        self.error = Some(e);
                        return (Task::none(), None);
                    }
                };
                let Ok(reserves) = self.reserves.trim().parse::<usize>() else {
                    self.error = Some(tf!(
                        "« {} » n'est pas un nombre de remplaçant·e·s.",
                        self.reserves
                    ));
                    return (Task::none(), None);
                };
                if self.witnesses.trim().is_empty() {
                    self.error = Some(describe(
                        &"Nommez les témoins et garants présents : ils figurent au procès-verbal.",
                    ));
                    return (Task::none(), None);
                }
                let request = DrawRequest {
                    choice,
                    number_how: if self.mode == Mode::Public {
                        self.how.trim().to_string()
                    } else {
                        String::new()
                    },
                    witnesses: self.witnesses.trim().to_string(),
                    reserves,
                    drawn_on: today,
                };
                match store.draw_from_portfolio(l.convention, prepared.id, &request) {
                    Ok(_) => {
                        self.error = None;
                        self.open = false;
                        return (
                            Task::none(),
                            Some(Event::Saved(tf!(
                                "Panel n° {:03} tiré : {} membres et {reserves} remplaçant·e·s enregistrés.",
                                request.choice.number(),
                                prepared.portfolio.panel_size
                            ))),
                        );
                    }
                    Err(e) => self.error = Some(describe(&e)),
                }
            }
            Msg::Withdraw(p) => self.withdrawing = Some(p),
            Msg::ConfirmWithdraw(false) => self.withdrawing = None,
            Msg::ConfirmWithdraw(true) => {
                let (Some(p), Some(d)) = (self.withdrawing.take(), &l.draw) else {
                    return (Task::none(), None);
                };
                match store.withdraw_member(d.draw.id, &p, today) {
                    Ok(r) => {
                        self.error = None;
                        let said = match &r.replacement {
                            Some(x) => tf!(
                                "{} se retire : {x} prend sa place ({}).",
                                r.withdrawn,
                                r.note
                            ),
                            None => tf!("{} se retire : {}.", r.withdrawn, r.note),
                        };
                        return (Task::none(), Some(Event::Saved(describe(&said))));
                    }
                    Err(e) => self.error = Some(describe(&e)),
                }
            }
            Msg::Export(document) => return (Task::none(), Some(Event::Export(document))),
        }
        (Task::none(), None)
    }

    /// The tab.
    pub fn view<'a>(&'a self, l: &'a Loaded) -> Element<'a, Msg> {
        let mut page = column![].spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        match &l.draw {
            Some(d) if !self.open => {
                page = page.push(widget::small_button("Nouveau tirage…", Msg::Open(true)));
                page.push(self.drawn(l, d)).into()
            }
            Some(d) => page.push(self.form(l)).push(self.drawn(l, d)).into(),
            None => page.push(self.form(l)).into(),
        }
    }

    fn form<'a>(&'a self, l: &'a Loaded) -> Element<'a, Msg> {
        let Some(prepared) = &l.prepared else {
            return widget::section(
                "Nouveau tirage",
                widget::muted(tf!(
                    "Préparez d'abord la loterie (onglet « 4. Préparation »)."
                )),
            );
        };
        let mut body = column![
            row![
                radio("Graine enregistrée", Mode::Seed, Some(self.mode), Msg::Mode),
                radio(
                    "Cérémonie publique (dés ou numéro publié)",
                    Mode::Public,
                    Some(self.mode),
                    Msg::Mode
                ),
            ]
            .spacing(24),
        ]
        .spacing(8);
        match self.mode {
            Mode::Seed => {
                body = body.push(widget::input(
                    "Graine (par exemple\u{a0}: convention climat, 1er octobre 2026, salle du conseil)",
                    &self.seed,
                    Msg::Seed,
                    "draw-seed",
                ));
                if !self.seed.trim().is_empty() {
                    body = body.push(widget::muted(tf!(
                        "Cette graine désigne le panel n° {:03} de la liste ({}).",
                        number_from_seed(self.seed.trim()),
                        prepared.portfolio.generator
                    )));
                }
            }
            Mode::Public => {
                body = body.push(text(
                    tf!("À lire à voix haute avant de lancer les dés : l'empreinte de la liste des 1 000 panels publiée."),
                ));
                body = body.push(
                    text(fr::grouped(&prepared.portfolio.list_sha256))
                        .size(18)
                        .font(iced::Font::MONOSPACE),
                );
                body = body.push(
                    row![
                        text("Numéro tiré (000 à 999)").width(Length::Fixed(210.0)),
                        text_input("000", &self.number)
                            .id("draw-number")
                            .on_input(Msg::Number)
                            .padding(6)
                            .width(Length::Fixed(90.0)),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                );
                body = body.push(widget::input(
                    "Comment le numéro a été produit",
                    &self.how,
                    Msg::How,
                    "draw-how",
                ));
            }
        }
        body = body.push(widget::input(
            "Témoins et garants présents",
            &self.witnesses,
            Msg::Witnesses,
            "draw-witnesses",
        ));
        body = body.push(
            row![
                text("Remplaçant·e·s").width(Length::Fixed(210.0)),
                text_input("8", &self.reserves)
                    .on_input(Msg::Reserves)
                    .padding(6)
                    .width(Length::Fixed(90.0)),
                widget::muted("lus dans la même liste, à partir du panel n° + 500"),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        if let Some(why) = super::stale(l, prepared) {
            body = body.push(widget::colored(why, theme::LATE));
        }
        let mut actions = row![widget::small_button("Tirer le panel", Msg::Draw)].spacing(6);
        if l.draw.is_some() {
            actions = actions.push(widget::small_button("Fermer", Msg::Open(false)));
        }
        body = body.push(actions);
        widget::section("Nouveau tirage", body)
    }

    fn drawn<'a>(&'a self, l: &'a Loaded, d: &'a crate::store::DrawView) -> Element<'a, Msg> {
        let members: Vec<_> = d.members().collect();
        let checks = check_composition(&d.quotas, &members);
        let mut reserves = column![].spacing(2);
        for s in d
            .selected
            .iter()
            .filter(|s| s.role == SelectionRole::Reserve)
        {
            reserves = reserves.push(text(line(s)).size(14));
        }
        let mut out = column![
            row![
                widget::section(tf!("Tirage n° {}", d.draw.id), draw_info(l, d, &checks)),
                widget::section(tf!("Quotas : vivier et panel"), quota_counts(l, d, &checks)),
            ]
            .spacing(12),
            widget::section(
                tf!("Panel ({} membres en place)", members.len()),
                self.members(d)
            ),
            widget::section(
                tf!("Remplaçant·e·s en attente ({})", d.reserves().count()),
                reserves
            ),
        ]
        .spacing(12);
        if d.selected.iter().any(|s| s.withdrawn_on.is_some()) {
            out = out.push(widget::section("Retraits et remplacements", withdrawals(d)));
        }
        out.into()
    }

    /// The members in place, each with its withdrawal (and its confirmation).
    fn members<'a>(&'a self, d: &'a crate::store::DrawView) -> Element<'a, Msg> {
        let mut people = column![].spacing(2);
        for s in d
            .selected
            .iter()
            .filter(|s| s.role == SelectionRole::Member)
        {
            let line = text(line(s)).size(14);
            let mut r = row![line.width(Length::Fill)]
                .spacing(8)
                .align_y(Alignment::Center);
            if let Some(on) = s.withdrawn_on {
                r = r.push(widget::colored(
                    tf!(
                        "retiré·e le {}{}",
                        fr::date_short(on),
                        s.replaced_by
                            .as_ref()
                            .map_or(String::new(), |x| tf!(", remplacé·e par {x}"))
                    ),
                    theme::MUTED,
                ));
            } else if self.withdrawing.as_deref() == Some(s.volunteer.pseudonym.as_str()) {
                r = r.push(widget::colored(
                    tf!("Retrait et remplacement ?"),
                    theme::LATE,
                ));
                r = r.push(widget::small_button(
                    "Confirmer",
                    Msg::ConfirmWithdraw(true),
                ));
                r = r.push(widget::small_button("Annuler", Msg::ConfirmWithdraw(false)));
            } else if d.lottery.is_some() || !d.quotas.is_empty() {
                r = r.push(widget::small_button(
                    "Retrait…",
                    Msg::Withdraw(s.volunteer.pseudonym.clone()),
                ));
            }
            people = people.push(r);
        }
        people.into()
    }
}

/// Date, method, seed or public number, the list's fingerprint, witnesses, quotas met,
/// and the procès-verbal.
fn draw_info<'a>(
    l: &'a Loaded,
    d: &'a crate::store::DrawView,
    checks: &[QuotaCheck],
) -> Element<'a, Msg> {
    let met = checks.iter().filter(|c| c.met()).count();
    let mut info = column![
        widget::field("Date", fr::date_long(d.draw.drawn_on)),
        widget::field("Méthode", d.draw.algorithm.label()),
    ]
    .spacing(6);
    info = info.push(match &d.lottery {
        Some(x) if x.public_number => {
            widget::field("Numéro public", tf!("{:03} ({})", x.number, x.number_how))
        }
        Some(x) => widget::field(
            "Graine",
            tf!("{} → panel n° {:03}", fr::quoted(&d.draw.seed), x.number),
        ),
        None => widget::field("Graine", fr::quoted(&d.draw.seed)),
    });
    if let Some(x) = &d.lottery {
        info = info.push(widget::field(
            "Empreinte de la liste",
            fr::grouped(&x.list_sha256),
        ));
    }
    info = info.push(widget::field("Témoins", d.draw.witnesses.as_str()));
    info = info.push(widget::field(
        "Quotas respectés",
        tf!("{met} sur {}", checks.len()),
    ));
    info.push(if d.lottery.is_some() {
        Element::from(
            row![
                widget::small_button(
                    "Procès-verbal (PDF)",
                    Msg::Export(Document::DrawMinutes(l.convention))
                ),
                widget::small_button(
                    "Exporter le panel (CSV)",
                    Msg::Export(Document::Panel(l.convention))
                ),
            ]
            .spacing(6),
        )
    } else {
        widget::muted(tf!(
            "Tirage enregistré sans liste publiée : pas de procès-verbal vérifiable."
        ))
    })
    .into()
}

/// Each quota beside the pool's count and the panel's.
fn quota_counts<'a>(
    l: &'a Loaded,
    d: &'a crate::store::DrawView,
    checks: &[QuotaCheck],
) -> Element<'a, Msg> {
    // The pool as published with the lottery (it survives a purge), else the store's.
    let published = l
        .prepared
        .as_ref()
        .filter(|p| d.lottery.as_ref().is_some_and(|x| x.portfolio == p.id))
        .map(|p| &p.portfolio);
    let pool_count = |c: &str, v: &str| match published {
        Some(p) => {
            let i = p.criteria.iter().position(|x| x.eq_ignore_ascii_case(c));
            p.people
                .iter()
                .filter(|x| {
                    i.and_then(|i| x.values.get(i))
                        .is_some_and(|x| x.eq_ignore_ascii_case(v))
                })
                .count()
        }
        None => l.pool_count(c, v),
    };
    let mut quotas = column![widget::header_row(&[
        ("Critère : valeur", 3),
        ("Quota", 1),
        ("Vivier", 1),
        ("Panel", 1)
    ])]
    .spacing(3);
    for c in checks {
        quotas = quotas.push(row![
            text(tf!("{} : {}", c.quota.criterion, c.quota.value)).width(Length::FillPortion(3)),
            text(tf!("{} à {}", c.quota.min, c.quota.max)).width(Length::FillPortion(1)),
            text(pool_count(&c.quota.criterion, &c.quota.value).to_string())
                .width(Length::FillPortion(1)),
            text(tf!("{} {}", c.count, if c.met() { "✓" } else { "✗" }))
                .width(Length::FillPortion(1))
                .color(if c.met() { theme::OK } else { theme::LATE }),
        ]);
    }
    quotas.into()
}

/// Who withdrew, when, and who took their place.
fn withdrawals(d: &crate::store::DrawView) -> Element<'_, Msg> {
    let mut history = column![].spacing(2);
    for s in d.selected.iter().filter(|s| s.withdrawn_on.is_some()) {
        history = history.push(
            text(tf!(
                "{} : {} se retire{} — {}",
                s.withdrawn_on.map(fr::date_short).unwrap_or_default(),
                s.volunteer.pseudonym,
                s.replaced_by
                    .as_ref()
                    .map_or(String::new(), |x| tf!(", {x} prend sa place")),
                s.note
            ))
            .size(14),
        );
    }
    history.into()
}
