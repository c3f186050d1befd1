//! The prepared draw as it is published: the pool (pseudonymous ids and values), the
//! quotas, each volunteer's selection probability, the 1,000 panels of the lottery and
//! the SHA-256 of their list; how a seed or a public number picks the panel; and the
//! verification anyone can run on the published file.

use serde::{Deserialize, Serialize};

use super::instance::Instance;
use super::leximin::{self, Goal, PortfolioError, Progress};
use super::lottery::{self, Mixture, PANELS};
use super::seed::{Draws, GENERATOR, sha256_hex};
use super::{Quota, Volunteer, legacy};
use crate::domain::text::integer;

/// The format tag written in every portfolio file.
pub const FORMAT: &str = "agora-portefeuille-1";

/// Which method prepared the lottery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    Leximin,
    Maximin,
    Legacy,
}

impl Algorithm {
    /// "leximin", "maximin", "legacy".
    pub fn parse(s: &str) -> Option<Algorithm> {
        match s.trim().to_lowercase().as_str() {
            "leximin" => Some(Algorithm::Leximin),
            "maximin" => Some(Algorithm::Maximin),
            "legacy" => Some(Algorithm::Legacy),
            _ => None,
        }
    }

    /// The method and its reference, for the procès-verbal.
    pub fn reference(self) -> &'static str {
        match self {
            Algorithm::Leximin => {
                "LEXIMIN — Flanigan, Gölz, Gupta, Hennig, Procaccia, « Fair algorithms for selecting citizens' assemblies », Nature 596, 2021"
            }
            Algorithm::Maximin => "MAXIMIN — premier tour de la méthode LEXIMIN (Nature 596, 2021)",
            Algorithm::Legacy => {
                "LEGACY — méthode gloutonne historique (1 000 tirages indépendants)"
            }
        }
    }
}

/// One volunteer as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    /// One value per criterion, in the order of `criteria`.
    pub values: Vec<String>,
    pub probability: f64,
}

/// One quota as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaRow {
    pub criterion: String,
    pub value: String,
    pub min: u32,
    pub max: u32,
}

/// The published portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    pub format: String,
    pub algorithm: Algorithm,
    pub panel_size: u32,
    pub criteria: Vec<String>,
    pub quotas: Vec<QuotaRow>,
    pub people: Vec<Person>,
    /// The 1,000 panels, numbered by their position (000–999), ids sorted.
    pub panels: Vec<Vec<String>>,
    /// SHA-256 of the inputs: panel size, quotas, and every volunteer's id and values
    /// (see [`inputs_text`]).
    pub inputs_sha256: String,
    /// SHA-256 of the list's text ("000;id,id,…" a line).
    pub list_sha256: String,
    /// How a seed picks a panel.
    pub generator: String,
    /// The largest gap between a person's share of the 1,000 panels and their
    /// probability.
    pub rounding_deviation: f64,
    /// Under the one-person-per-household rule, the households of two or more (ids);
    /// absent otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub households: Vec<Vec<String>>,
}

/// How the panel is chosen among the 1,000.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// A recorded seed text, through the named generator.
    Seed(String),
    /// A public number 0–999 (three ten-sided dice, or a published lottery number).
    Number(usize),
}

impl Choice {
    /// The panel number it picks.
    pub fn number(&self) -> usize {
        match self {
            Choice::Seed(s) => lottery::number_from_seed(s),
            Choice::Number(n) => *n,
        }
    }
}

impl Portfolio {
    /// How far the lowest share of the 1,000 panels falls below the lowest
    /// probability (0 when no one's does), computed from the list itself, so that it
    /// holds for files written before it was printed too.
    pub fn lowest_shortfall(&self) -> f64 {
        let index: std::collections::HashMap<&str, usize> = self
            .people
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();
        let panels: Vec<Vec<usize>> = self
            .panels
            .iter()
            .map(|p| {
                p.iter()
                    .filter_map(|id| index.get(id.as_str()).copied())
                    .collect()
            })
            .collect();
        let probabilities: Vec<f64> = self.people.iter().map(|x| x.probability).collect();
        lottery::lowest_shortfall(&panels, &probabilities)
    }

    /// The pool and quotas the file publishes, as an instance.
    pub fn instance(&self) -> Result<Instance, super::instance::InstanceError> {
        let home = |id: &str| {
            self.households
                .iter()
                .position(|h| h.iter().any(|x| x == id))
        };
        let pool: Vec<Volunteer> = self
            .people
            .iter()
            .map(|x| {
                let mut attributes: Vec<(String, String)> = self
                    .criteria
                    .iter()
                    .cloned()
                    .zip(x.values.iter().cloned())
                    .collect();
                if let Some(h) = home(&x.id) {
                    attributes.push((super::instance::HOUSEHOLD.into(), format!("foyer {h}")));
                }
                Volunteer {
                    pseudonym: x.id.clone(),
                    attributes,
                }
            })
            .collect();
        let quotas: Vec<Quota> = self
            .quotas
            .iter()
            .map(|q| Quota {
                criterion: q.criterion.clone(),
                value: q.value.clone(),
                min: q.min,
                max: q.max,
            })
            .collect();
        if self.households.is_empty() {
            Instance::new(&pool, &quotas, self.panel_size)
        } else {
            Instance::one_per_household(&pool, &quotas, self.panel_size)
        }
    }
}

/// The text whose SHA-256 is published: one panel a line.
pub fn list_text(panels: &[Vec<String>]) -> String {
    panels
        .iter()
        .enumerate()
        .map(|(n, p)| format!("{n:03};{}\n", p.join(",")))
        .collect()
}

/// The text whose SHA-256 fixes the inputs: "k=…", then one line per quota
/// "criterion;value;min;max", then one per volunteer "id;value;value…", then, under the
/// one-per-household rule, one per household "foyer;id,id…".
pub fn inputs_text(p: &Portfolio) -> String {
    let mut text = format!("k={}\n", p.panel_size);
    for q in &p.quotas {
        text.push_str(&format!(
            "{};{};{};{}\n",
            q.criterion, q.value, q.min, q.max
        ));
    }
    for person in &p.people {
        text.push_str(&format!("{};{}\n", person.id, person.values.join(";")));
    }
    for home in &p.households {
        text.push_str(&format!("foyer;{}\n", home.join(",")));
    }
    text
}

/// Prepares the portfolio of a pool; `progress` as in [`leximin::portfolio`].
pub fn prepare(
    pool: &[Volunteer],
    quotas: &[Quota],
    k: u32,
    algorithm: Algorithm,
    progress: impl FnMut(Progress) -> bool,
) -> Result<(Portfolio, Instance), PrepareError> {
    prepare_instance(Instance::new(pool, quotas, k)?, algorithm, progress)
}

/// Prepares the portfolio of an instance (built with or without the household rule).
pub fn prepare_instance(
    inst: Instance,
    algorithm: Algorithm,
    progress: impl FnMut(Progress) -> bool,
) -> Result<(Portfolio, Instance), PrepareError> {
    if !super::pricing::feasible(&inst)? {
        return Err(PrepareError::Infeasible(super::pricing::relaxation(&inst)?));
    }
    let panels: Vec<Vec<usize>> = match algorithm {
        Algorithm::Legacy => {
            // 1,000 independent LEGACY panels from a seed fixed by the inputs.
            let mut draws = Draws::new(&format!("legacy:{}", inputs_hash(&inst)));
            (0..PANELS)
                .map(|_| {
                    let mut p =
                        legacy::draw(&inst, &mut draws).ok_or(PrepareError::LegacyFailed)?;
                    p.sort_unstable();
                    Ok(p)
                })
                .collect::<Result<_, PrepareError>>()?
        }
        Algorithm::Leximin | Algorithm::Maximin => {
            let goal = if algorithm == Algorithm::Leximin {
                Goal::Leximin
            } else {
                Goal::Maximin
            };
            let out = leximin::portfolio(&inst, goal, progress)?;
            let copies = lottery::round(&inst, &out.mixture);
            let panels = lottery::expand(&inst, &out.mixture, &copies);
            return Ok((
                assemble(&inst, algorithm, &panels, Some(&out.mixture)),
                inst,
            ));
        }
    };
    Ok((assemble(&inst, algorithm, &panels, None), inst))
}

fn inputs_hash(inst: &Instance) -> String {
    let mut text = format!("k={}\n", inst.k);
    for (c, _, b) in inst.bounds() {
        text.push_str(&format!(
            "{};{};{};{}\n",
            inst.criteria[c].name, b.value, b.min, b.max
        ));
    }
    for (i, id) in inst.ids.iter().enumerate() {
        text.push_str(&format!("{id};{:?}\n", inst.values[i]));
    }
    for home in &inst.households {
        text.push_str(&format!("foyer;{home:?}\n"));
    }
    sha256_hex(text.as_bytes())
}

fn assemble(
    inst: &Instance,
    algorithm: Algorithm,
    panels: &[Vec<usize>],
    mix: Option<&Mixture>,
) -> Portfolio {
    let probabilities: Vec<f64> = match mix {
        Some(m) => m.person_probabilities(inst),
        None => {
            let mut hits = vec![0usize; inst.len()];
            panels.iter().flatten().for_each(|&i| hits[i] += 1);
            hits.iter()
                .map(|&h| h as f64 / panels.len() as f64)
                .collect()
        }
    };
    let ids: Vec<Vec<String>> = panels
        .iter()
        .map(|p| {
            let mut v: Vec<String> = p.iter().map(|&i| inst.ids[i].clone()).collect();
            v.sort();
            v
        })
        .collect();
    let mut p = Portfolio {
        format: FORMAT.into(),
        algorithm,
        panel_size: inst.k,
        criteria: inst.criteria.iter().map(|c| c.name.clone()).collect(),
        quotas: inst
            .bounds()
            .map(|(c, _, b)| QuotaRow {
                criterion: inst.criteria[c].name.clone(),
                value: b.value.clone(),
                min: b.min,
                max: b.max,
            })
            .collect(),
        people: inst
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| Person {
                id: id.clone(),
                values: inst.values[i]
                    .iter()
                    .enumerate()
                    .map(|(c, &v)| inst.criteria[c].values[v].value.clone())
                    .collect(),
                probability: probabilities[i],
            })
            .collect(),
        inputs_sha256: String::new(),
        list_sha256: sha256_hex(list_text(&ids).as_bytes()),
        panels: ids,
        generator: GENERATOR.into(),
        rounding_deviation: lottery::deviation(inst, panels, &probabilities),
        households: inst
            .households
            .iter()
            .map(|h| h.iter().map(|&p| inst.ids[p].clone()).collect())
            .collect(),
    };
    p.inputs_sha256 = sha256_hex(inputs_text(&p).as_bytes());
    p
}

/// Why no portfolio was prepared.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PrepareError {
    #[error("{0}")]
    Instance(#[from] super::instance::InstanceError),
    #[error("{0}")]
    Pricing(#[from] super::pricing::PricingError),
    #[error("{0}")]
    Portfolio(#[from] PortfolioError),
    #[error("Aucun panel ne respecte tous les quotas ; quotas à assouplir : {}", describe(.0))]
    Infeasible(Vec<super::pricing::Relaxed>),
    #[error("La méthode LEGACY n'a pas trouvé de panel après 2 000 essais.")]
    LegacyFailed,
}

/// "âge = 18-24 : minimum 6 → 4 ; …"
pub fn describe(relaxed: &[super::pricing::Relaxed]) -> String {
    relaxed
        .iter()
        .map(|r| {
            let mut parts = Vec::new();
            if r.new_min != r.min {
                parts.push(format!("minimum {} → {}", r.min, r.new_min));
            }
            if r.new_max != r.max {
                parts.push(format!("maximum {} → {}", r.max, r.new_max));
            }
            format!("{} = {} : {}", r.criterion, r.value, parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// One line of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub ok: bool,
    pub line: String,
}

/// What a procès-verbal rests on: every line of [`verify`] for the panel the choice
/// draws from the list. Returns the lines that fail (none for a sound portfolio).
pub fn unverified(p: &Portfolio, choice: &Choice) -> Vec<String> {
    let drawn = p.panels.get(choice.number()).cloned().unwrap_or_default();
    verify(p, choice, &drawn)
        .into_iter()
        .filter(|c| !c.ok)
        .map(|c| c.line)
        .collect()
}

/// Everything anyone can check from the published file, a choice and a panel: the
/// list's hash, that each of the 1,000 panels has k distinct volunteers of the pool and
/// meets every quota, the panel the choice picks, and that the panel given is that one.
pub fn verify(p: &Portfolio, choice: &Choice, panel: &[String]) -> Vec<Check> {
    let mut out = Vec::new();
    let mut check = |ok: bool, line: String| out.push(Check { ok, line });
    check(
        p.format == FORMAT,
        format!("format du fichier : {}", p.format),
    );
    let inputs = sha256_hex(inputs_text(p).as_bytes());
    check(
        inputs == p.inputs_sha256,
        format!(
            "empreinte SHA-256 du vivier et des quotas : {inputs} (publiée : {})",
            p.inputs_sha256
        ),
    );
    let hash = sha256_hex(list_text(&p.panels).as_bytes());
    check(
        hash == p.list_sha256,
        format!(
            "empreinte SHA-256 de la liste des panels : {hash} (publiée : {})",
            p.list_sha256
        ),
    );
    check(
        p.panels.len() == PANELS,
        format!(
            "{} panels dans la liste (attendu : {})",
            integer(p.panels.len() as i64),
            integer(PANELS as i64)
        ),
    );
    let known: std::collections::HashMap<&str, &Person> =
        p.people.iter().map(|x| (x.id.as_str(), x)).collect();
    let mut bad = Vec::new();
    for (n, panel) in p.panels.iter().enumerate() {
        let mut distinct: Vec<&String> = panel.iter().collect();
        distinct.sort();
        distinct.dedup();
        let mut ok = distinct.len() == panel.len() && panel.len() == p.panel_size as usize;
        if ok {
            for q in &p.quotas {
                let c = p.criteria.iter().position(|c| c == &q.criterion);
                let count = panel
                    .iter()
                    .filter(|id| {
                        known.get(id.as_str()).is_some_and(|x| {
                            c.is_some_and(|c| {
                                x.values
                                    .get(c)
                                    .is_some_and(|v| v.eq_ignore_ascii_case(&q.value))
                            })
                        })
                    })
                    .count() as u32;
                ok &= (q.min..=q.max).contains(&count);
            }
            ok &= panel.iter().all(|id| known.contains_key(id.as_str()));
        }
        if !ok {
            bad.push(format!("{n:03}"));
        }
    }
    check(
        bad.is_empty(),
        if bad.is_empty() {
            format!(
                "les {} panels comptent {} personnes distinctes du vivier et respectent tous les quotas",
                integer(p.panels.len() as i64),
                p.panel_size
            )
        } else {
            format!("panels hors quotas ou mal formés : {}", bad.join(", "))
        },
    );
    let number = choice.number();
    let how = match choice {
        Choice::Seed(s) => format!("la graine « {s} » donne le numéro {number:03}"),
        Choice::Number(_) => format!("numéro public {number:03}"),
    };
    check(number < p.panels.len(), how);
    if let Some(drawn) = p.panels.get(number) {
        let mut given: Vec<String> = panel.iter().map(|s| s.trim().to_string()).collect();
        given.sort();
        let same = &given == drawn;
        check(
            same,
            if same {
                format!(
                    "le panel fourni ({} personnes) est exactement le panel n° {number:03}",
                    given.len()
                )
            } else {
                let missing: Vec<&String> = drawn.iter().filter(|d| !given.contains(d)).collect();
                let extra: Vec<&String> = given.iter().filter(|g| !drawn.contains(g)).collect();
                format!(
                    "le panel fourni diffère du panel n° {number:03} : manquent {:?}, en trop {:?}",
                    missing, extra
                )
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sortition::generated;

    #[test]
    fn the_household_rule_is_published_hashed_and_verified() {
        let mut pool = generated::pool(60, "foyers");
        // Volunteers two by two in the same household.
        for (i, v) in pool.iter_mut().enumerate() {
            v.attributes
                .push(("foyer".into(), format!("adresse {}", i / 2)));
        }
        let quotas = generated::quotas(8, 0.2);
        let inst = Instance::one_per_household(&pool, &quotas, 8).unwrap();
        let (p, inst) = prepare_instance(inst, Algorithm::Maximin, |_| true).unwrap();
        assert_eq!(p.households.len(), 30);
        for panel in &p.panels {
            let people: Vec<usize> = panel.iter().map(|id| inst.position(id).unwrap()).collect();
            assert!(
                inst.is_feasible(&people),
                "one person per household in every panel"
            );
        }
        // Through the published JSON, the journalist's check holds.
        let back: Portfolio = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        let choice = Choice::Seed("foyers".into());
        let panel = back.panels[choice.number()].clone();
        assert!(verify(&back, &choice, &panel).iter().all(|c| c.ok));
        // Dropping the rule from the file breaks the inputs' hash.
        let mut forged = back.clone();
        forged.households.clear();
        assert!(!verify(&forged, &choice, &panel).iter().all(|c| c.ok));
    }
}
