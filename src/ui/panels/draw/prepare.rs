//! The Préparation tab: the lottery computed in a background thread from the current
//! pool and quotas (LEXIMIN by default), with a progress bar and a cancel button; then
//! each volunteer's probability — the lowest and highest, a histogram against LEGACY's
//! estimated probabilities on the same pool, and per quota value — and the portfolio to
//! publish before the draw.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use iced::futures::channel::mpsc;
use iced::widget::{column, pick_list, progress_bar, row, text};
use iced::{Alignment, Element, Length, Task};

use super::Loaded;
use super::chart::{Series, histogram};
use crate::domain::ids::PoolId;
use crate::domain::sortition::instance::Instance;
use crate::domain::sortition::legacy;
use crate::domain::sortition::leximin::Progress;
use crate::domain::sortition::portfolio::{self, Algorithm, Portfolio};
use crate::domain::text as fr;
use crate::export::Document;
use crate::store::Store;
use crate::ui::choice::{Choice, selected};
use crate::ui::panels::{Event, describe};
use crate::ui::{theme, widget};

/// LEGACY runs for the comparison.
const LEGACY_RUNS: usize = 2_000;

/// A finished computation.
#[derive(Debug, Clone)]
pub struct Done {
    portfolio: Portfolio,
    legacy: Vec<f64>,
    seconds: f64,
    pool: PoolId,
    table: i64,
}

/// What the background thread reports.
#[derive(Debug, Clone)]
pub enum JobEvent {
    Progress(Progress),
    Comparing,
    Finished(Result<Box<Done>, String>),
}

/// A computation under way.
#[derive(Debug)]
struct Job {
    cancel: Arc<AtomicBool>,
    started: Instant,
    last: Option<Progress>,
    comparing: bool,
}

/// The tab's state.
#[derive(Debug, Default)]
pub struct State {
    algorithm: Option<Algorithm>,
    job: Option<Job>,
    error: Option<String>,
}

/// The tab's messages.
#[derive(Debug, Clone)]
pub enum Msg {
    Algorithm(Choice<Algorithm>),
    Start,
    Cancel,
    Job(JobEvent),
    Publish,
}

fn algorithms() -> Vec<Choice<Algorithm>> {
    vec![
        Choice::new(
            Algorithm::Leximin,
            "LEXIMIN (recommandé : chances les plus égales)",
        ),
        Choice::new(
            Algorithm::Maximin,
            "MAXIMIN (relève seulement la plus basse)",
        ),
        Choice::new(Algorithm::Legacy, "LEGACY (méthode gloutonne historique)"),
    ]
}

/// Runs the computation in a thread and streams what it reports.
fn spawn(
    pool: Vec<crate::domain::sortition::Volunteer>,
    quotas: Vec<crate::domain::sortition::Quota>,
    k: u32,
    apart: bool,
    algorithm: Algorithm,
    ids: (PoolId, i64),
    cancel: Arc<AtomicBool>,
) -> Task<Msg> {
    let (tx, rx) = mpsc::unbounded();
    std::thread::spawn(move || {
        let started = Instant::now();
        let progress = {
            let tx = tx.clone();
            let cancel = cancel.clone();
            move |p: Progress| {
                let _ = tx.unbounded_send(JobEvent::Progress(p));
                !cancel.load(Ordering::Relaxed)
            }
        };
        let inst = if apart {
            Instance::one_per_household(&pool, &quotas, k)
        } else {
            Instance::new(&pool, &quotas, k)
        };
        let result = inst
            .map_err(portfolio::PrepareError::from)
            .and_then(|inst| portfolio::prepare_instance(inst, algorithm, progress))
            .map_err(|e| describe(&e))
            .map(|(portfolio, inst)| {
                let legacy = if algorithm == Algorithm::Legacy {
                    portfolio.people.iter().map(|p| p.probability).collect()
                } else {
                    let _ = tx.unbounded_send(JobEvent::Comparing);
                    legacy::estimate(&inst, &portfolio.inputs_sha256, LEGACY_RUNS).0
                };
                Box::new(Done {
                    portfolio,
                    legacy,
                    seconds: started.elapsed().as_secs_f64(),
                    pool: ids.0,
                    table: ids.1,
                })
            });
        let _ = tx.unbounded_send(JobEvent::Finished(result));
    });
    Task::run(rx, Msg::Job)
}

impl State {
    /// Handles a message.
    pub fn update(
        &mut self,
        msg: Msg,
        store: &mut Store,
        l: &Loaded,
    ) -> (Task<Msg>, Option<Event>) {
        match msg {
            Msg::Algorithm(c) => self.algorithm = Some(c.value),
            Msg::Start => {
                if self.job.is_some() {
                    return (Task::none(), None);
                }
                let (Some(pool), Some(table)) = (l.pool(), l.quotas.as_ref()) else {
                    self.error = Some(tf!("Il faut un vivier et des quotas enregistrés."));
                    return (Task::none(), None);
                };
                let cancel = Arc::new(AtomicBool::new(false));
                self.job = Some(Job {
                    cancel: cancel.clone(),
                    started: Instant::now(),
                    last: None,
                    comparing: false,
                });
                self.error = None;
                return (
                    spawn(
                        l.volunteers.clone(),
                        table.quotas.clone(),
                        l.panel_size,
                        table.one_per_household,
                        self.algorithm.unwrap_or(Algorithm::Leximin),
                        (pool.id, table.id),
                        cancel,
                    ),
                    None,
                );
            }
            Msg::Cancel => {
                if let Some(j) = &self.job {
                    j.cancel.store(true, Ordering::Relaxed);
                }
            }
            Msg::Job(JobEvent::Progress(p)) => {
                if let Some(j) = self.job.as_mut() {
                    j.last = Some(p);
                }
            }
            Msg::Job(JobEvent::Comparing) => {
                if let Some(j) = self.job.as_mut() {
                    j.comparing = true;
                }
            }
            Msg::Job(JobEvent::Finished(result)) => {
                self.job = None;
                match result {
                    Err(e) => self.error = Some(e),
                    Ok(done) => {
                        match store.save_portfolio(
                            l.convention,
                            done.pool,
                            Some(done.table),
                            &done.portfolio,
                            &done.legacy,
                            done.seconds,
                        ) {
                            Ok(_) => {
                                return (
                                    Task::none(),
                                    Some(Event::Saved(tf!(
                                        "Loterie préparée en {} s : publiez le portefeuille et son empreinte avant le tirage.",
                                        tf!("{:.1}", done.seconds)
                                            .replace('.', ",")
                                            .trim_end_matches('0')
                                            .trim_end_matches(',')
                                    ))),
                                );
                            }
                            Err(e) => self.error = Some(describe(&e)),
                        }
                    }
                }
            }
            Msg::Publish => {
                return (
                    Task::none(),
                    Some(Event::Export(Document::Portfolio(l.convention))),
                );
            }
        }
        (Task::none(), None)
    }

    /// The tab.
    pub fn view<'a>(&'a self, l: &'a Loaded) -> Element<'a, Msg> {
        let mut page = column![].spacing(12);
        if let Some(e) = &self.error {
            page = page.push(widget::colored(e.as_str(), theme::LATE));
        }
        let choices = algorithms();
        let ready = l.pool().is_some() && l.quotas.is_some();
        let mut launch = column![
            widget::field(
                "Vivier",
                l.pool().map_or("aucun".into(), |p| tf!(
                    "{} volontaires (vivier n° {})",
                    fr::integer(p.size.into()),
                    p.id
                ))
            ),
            widget::field(
                "Quotas",
                l.quotas
                    .as_ref()
                    .map_or("aucun : onglet « 3. Quotas »".into(), |t| tf!(
                        "{} lignes, « {} »",
                        t.quotas.len(),
                        t.name
                    ))
            ),
            widget::field("Taille du panel", l.panel_size.to_string()),
            row![pick_list(
                choices.clone(),
                selected(&choices, &self.algorithm.unwrap_or(Algorithm::Leximin)),
                Msg::Algorithm
            ),],
        ]
        .spacing(6);
        match &self.job {
            Some(j) => {
                let (fraction, line) = match (&j.last, j.comparing) {
                    (_, true) => (
                        1.0,
                        tf!(
                            "Estimation des probabilités de LEGACY sur le même vivier ({} tirages)…",
                            fr::integer(LEGACY_RUNS as i64)
                        ),
                    ),
                    (Some(p), false) if p.placed.is_some() => (
                        p.placed.unwrap_or(0.0) as f32,
                        tf!(
                            "Décomposition en panels : {} panels, plus basse probabilité visée {}",
                            p.panels,
                            fr::decimal(p.lowest)
                        ),
                    ),
                    (Some(p), false) => (
                        p.fixed_types as f32 / p.types.max(1) as f32,
                        tf!(
                            "Tour {} : {} panels, {} types de profils fixés sur {}, plus basse probabilité {}",
                            p.round,
                            p.panels,
                            p.fixed_types,
                            p.types,
                            fr::decimal(p.lowest)
                        ),
                    ),
                    (None, false) => (0.0, "Recherche des premiers panels…".to_string()),
                };
                launch = launch.push(progress_bar(0.0..=1.0, fraction));
                launch = launch.push(text(tf!(
                    "{line} — {} s écoulées",
                    j.started.elapsed().as_secs()
                )));
                launch = launch.push(widget::small_button("Annuler le calcul", Msg::Cancel));
            }
            None if ready => {
                launch = launch.push(widget::small_button("Lancer le calcul", Msg::Start));
                launch = launch.push(widget::muted(
                    tf!("Le calcul tourne en arrière-plan ; la fenêtre reste utilisable. Il produit 1 000 panels qui respectent tous les quotas, à publier avant le tirage."),
                ));
            }
            None => {
                launch = launch.push(widget::muted(
                    "Importez un vivier et enregistrez des quotas avant de préparer la loterie.",
                ))
            }
        }
        page = page.push(widget::section("Préparer la loterie", launch));
        if let Some(p) = &l.prepared {
            page = page.push(result(l, p));
        }
        page.into()
    }
}

fn result<'a>(l: &'a Loaded, prepared: &'a crate::store::Prepared) -> Element<'a, Msg> {
    let p = &prepared.portfolio;
    let probs: Vec<f64> = p.people.iter().map(|x| x.probability).collect();
    let low = probs.iter().copied().fold(1.0, f64::min);
    let high = probs.iter().copied().fold(0.0, f64::max);
    let zero = probs.iter().filter(|&&x| x < 1e-9).count();
    let legacy_low = prepared.legacy.iter().copied().fold(1.0, f64::min);
    let legacy_zero = prepared.legacy.iter().filter(|&&x| x < 1e-9).count();
    let mut body = column![
        widget::field("Méthode", p.algorithm.reference()),
        widget::field(
            "Préparée le",
            tf!(
                "{}, en {} s",
                fr::date_long(prepared.prepared_on),
                tf!("{:.1}", prepared.seconds).replace('.', ",")
            )
        ),
        widget::field("Empreinte de la liste (SHA-256)", p.list_sha256.as_str()),
        widget::field("Empreinte des entrées (SHA-256)", p.inputs_sha256.as_str()),
        widget::field(
            "Probabilités",
            tf!(
                "de {} à {} ; écart d'arrondi des 1 000 panels : {}, part la plus basse {} sous la plus basse probabilité",
                fr::decimal(low),
                fr::decimal(high),
                fr::decimal(p.rounding_deviation),
                fr::decimal(p.lowest_shortfall())
            )
        ),
        widget::field(
            "LEGACY sur le même vivier",
            tf!(
                "la plus basse : {} ; {} volontaires à zéro",
                fr::decimal(legacy_low),
                legacy_zero
            )
        ),
    ]
    .spacing(6);
    if zero > 0 {
        body = body.push(widget::colored(
            tf!(
                "{zero} volontaire(s) ne peuvent figurer dans aucun panel qui respecte les quotas : leur probabilité est nulle."
            ),
            theme::LATE,
        ));
    }
    if let Some(why) = super::stale(l, prepared) {
        body = body.push(widget::colored(why, theme::LATE));
    }
    body = body.push(widget::small_button(
        "Publier le portefeuille (JSON)",
        Msg::Publish,
    ));
    let chart = histogram(&[
        Series {
            name: match p.algorithm {
                Algorithm::Leximin => "LEXIMIN",
                Algorithm::Maximin => "MAXIMIN",
                Algorithm::Legacy => "LEGACY (liste)",
            },
            color: theme::ACCENT,
            values: &probs,
        },
        Series {
            name: "LEGACY (estimée)",
            color: iced::Color::from_rgb(0.85, 0.55, 0.2),
            values: &prepared.legacy,
        },
    ]);
    let mut table = column![widget::header_row(&[
        ("Critère : valeur", 4),
        ("Vivier", 1),
        ("Moyenne", 2),
        ("La plus basse", 2),
        ("LEGACY : moyenne", 2),
        ("LEGACY : la plus basse", 2),
    ])]
    .spacing(2);
    for (c, criterion) in p.criteria.iter().enumerate() {
        let mut values: Vec<&str> = p
            .people
            .iter()
            .filter_map(|x| x.values.get(c).map(String::as_str))
            .collect();
        values.sort_unstable();
        values.dedup();
        for v in values {
            let idx: Vec<usize> = (0..p.people.len())
                .filter(|&i| p.people[i].values.get(c).is_some_and(|x| x == v))
                .collect();
            let stat = |xs: &[f64]| {
                let picked: Vec<f64> = idx.iter().filter_map(|&i| xs.get(i).copied()).collect();
                let mean = picked.iter().sum::<f64>() / picked.len().max(1) as f64;
                let min = picked.iter().copied().fold(1.0, f64::min);
                (fr::decimal(mean), fr::decimal(min))
            };
            let (m, lo) = stat(&probs);
            let (lm, llo) = stat(&prepared.legacy);
            table = table.push(
                row![
                    text(tf!("{criterion} : {v}")).width(Length::FillPortion(4)),
                    text(idx.len().to_string()).width(Length::FillPortion(1)),
                    text(m).width(Length::FillPortion(2)),
                    text(lo).width(Length::FillPortion(2)),
                    text(lm).width(Length::FillPortion(2)),
                    text(llo).width(Length::FillPortion(2)),
                ]
                .align_y(Alignment::Center),
            );
        }
    }
    column![
        widget::section("Loterie préparée", body),
        widget::section(tf!("Probabilités de sélection : répartition"), chart),
        widget::section("Probabilités par valeur", table),
    ]
    .spacing(12)
    .into()
}
