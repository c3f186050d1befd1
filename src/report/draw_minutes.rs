//! The procès-verbal de tirage au sort: the method and its reference, the pool and its
//! source, the quotas with the pool's and the panel's counts, how the number was
//! produced, both published hashes, the witnesses, the panel by pseudonymous id, and
//! the command that lets anyone check it.

use chrono::NaiveDate;

use super::ReportError;
use super::layout::{Block, Document, Table, render};
use crate::domain::sortition::portfolio::{Choice, Portfolio};
use crate::domain::text;

/// The document's name, as logged and used in file names.
pub const DOCUMENT: &str = "Procès-verbal de tirage au sort";

/// What the PV says beyond the portfolio: the circumstances of the draw.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Circumstances {
    /// The day of the draw, when known.
    pub drawn_on: Option<NaiveDate>,
    /// "Réponses à 8 000 invitations envoyées au hasard…".
    pub pool_source: String,
    /// Witnesses and garants present.
    pub witnesses: String,
    /// How the public number was produced ("trois dés à dix faces, filmés").
    pub number_how: String,
    /// The file names the verification command names.
    pub portfolio_file: String,
    pub panel_file: String,
    /// The reserves, in order (pseudonymous ids).
    pub reserves: Vec<String>,
    /// Withdrawals since the draw: who left, when, who took the seat and how.
    pub replacements: Vec<Withdrawal>,
}

/// A member who withdrew after the draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Withdrawal {
    pub withdrawn: String,
    pub on: NaiveDate,
    pub replacement: Option<String>,
    pub how: String,
}

/// The PV as a document.
pub fn build(
    p: &Portfolio,
    choice: &Choice,
    c: &Circumstances,
    letterhead: &str,
    today: NaiveDate,
) -> Document {
    let number = choice.number();
    let panel: &[String] = p.panels.get(number).map(Vec::as_slice).unwrap_or_default();
    let (mode, flag) = match choice {
        Choice::Seed(s) => (
            format!("graine enregistrée « {s} », passée au générateur nommé ci-dessous"),
            format!("--seed \"{s}\""),
        ),
        Choice::Number(n) => (
            format!(
                "numéro public {n:03}{}",
                if c.number_how.trim().is_empty() {
                    String::new()
                } else {
                    format!(" ({})", c.number_how.trim())
                }
            ),
            format!("--number {n}"),
        ),
    };
    let probabilities: Vec<f64> = p.people.iter().map(|x| x.probability).collect();
    let low = probabilities.iter().copied().fold(1.0, f64::min);
    let high = probabilities.iter().copied().fold(0.0, f64::max);
    let mut blocks = vec![Block::KeyValues(vec![
        (
            "Date du tirage".into(),
            c.drawn_on.map_or("—".into(), text::date_long),
        ),
        ("Méthode".into(), p.algorithm.reference().into()),
        (
            "Vivier".into(),
            format!("{} volontaires", text::integer(p.people.len() as i64)),
        ),
        (
            "Source du vivier".into(),
            if c.pool_source.trim().is_empty() {
                "—".into()
            } else {
                c.pool_source.trim().into()
            },
        ),
        ("Taille du panel".into(), p.panel_size.to_string()),
        (
            "Règle du foyer".into(),
            if p.households.is_empty() {
                "aucune".into()
            } else {
                format!(
                    "une personne au plus par foyer ({} foyers de plusieurs volontaires, publiés avec la liste)",
                    p.households.len()
                )
            },
        ),
        ("Choix du panel".into(), mode),
        (
            "Panel tiré".into(),
            format!("n° {number:03} sur les 1 000 de la liste publiée"),
        ),
        (
            "Empreinte du vivier et des quotas (SHA-256)".into(),
            text::grouped(&p.inputs_sha256),
        ),
        (
            "Empreinte de la liste des 1 000 panels (SHA-256)".into(),
            text::grouped(&p.list_sha256),
        ),
        ("Générateur".into(), p.generator.clone()),
        (
            "Témoins et garants".into(),
            if c.witnesses.trim().is_empty() {
                "—".into()
            } else {
                c.witnesses.trim().into()
            },
        ),
    ])];
    blocks.push(Block::Heading(
        1,
        "Quotas : cibles, vivier et panel tiré".into(),
    ));
    let count = |ids: &mut dyn Iterator<Item = &crate::domain::sortition::portfolio::Person>,
                 c: usize,
                 v: &str| {
        ids.filter(|x| x.values.get(c).is_some_and(|x| x.eq_ignore_ascii_case(v)))
            .count() as u32
    };
    let drawn: Vec<&crate::domain::sortition::portfolio::Person> =
        p.people.iter().filter(|x| panel.contains(&x.id)).collect();
    blocks.push(Block::Table(Table {
        columns: vec![
            ("Critère".into(), 1.6),
            ("Valeur".into(), 2.2),
            ("Min".into(), 0.6),
            ("Max".into(), 0.6),
            ("Vivier".into(), 0.8),
            ("Panel".into(), 0.8),
            ("Respecté".into(), 0.9),
        ],
        rows: p
            .quotas
            .iter()
            .map(|q| {
                let c = p
                    .criteria
                    .iter()
                    .position(|c| c == &q.criterion)
                    .unwrap_or(usize::MAX);
                let in_pool = count(&mut p.people.iter(), c, &q.value);
                let in_panel = count(&mut drawn.iter().copied(), c, &q.value);
                vec![
                    q.criterion.clone(),
                    q.value.clone(),
                    q.min.to_string(),
                    q.max.to_string(),
                    in_pool.to_string(),
                    in_panel.to_string(),
                    if (q.min..=q.max).contains(&in_panel) {
                        "oui"
                    } else {
                        "NON"
                    }
                    .into(),
                ]
            })
            .collect(),
        ..Table::default()
    }));
    blocks.push(Block::Heading(1, "Probabilités de sélection".into()));
    blocks.push(Block::KeyValues(vec![
        ("La plus basse".into(), text::decimal(low)),
        ("La plus haute".into(), text::decimal(high)),
        (
            "Écart d'arrondi le plus grand (liste des 1 000 panels)".into(),
            text::decimal(p.rounding_deviation),
        ),
        (
            "Part la plus basse dans la liste, sous la plus basse probabilité".into(),
            text::decimal(p.lowest_shortfall()),
        ),
    ]));
    blocks.push(Block::Heading(
        1,
        format!(
            "Panel tiré ({} personnes, identifiants pseudonymes)",
            panel.len()
        ),
    ));
    let mut columns = vec![("N°".to_string(), 0.5), ("Identifiant".to_string(), 1.3)];
    columns.extend(p.criteria.iter().map(|c| (c.clone(), 1.5)));
    blocks.push(Block::Table(Table {
        columns,
        rows: drawn
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let mut row = vec![(i + 1).to_string(), x.id.clone()];
                row.extend(x.values.iter().cloned());
                row
            })
            .collect(),
        ..Table::default()
    }));
    if !c.reserves.is_empty() {
        blocks.push(Block::Heading(
            1,
            format!("Remplaçant·e·s, dans l'ordre ({})", c.reserves.len()),
        ));
        blocks.push(Block::Paragraph(format!(
            "Lus dans la liste publiée à partir du panel n° {:03} (numéro tiré + 500), en écartant les membres du panel : {}.",
            crate::domain::sortition::reserves::first_reserve_panel(number),
            c.reserves.join(", ")
        )));
    }
    if !c.replacements.is_empty() {
        blocks.push(Block::Heading(1, "Retraits et remplacements".into()));
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Date".into(), 1.0),
                ("Retrait".into(), 1.0),
                ("Remplacé·e par".into(), 1.1),
                ("Comment".into(), 3.5),
            ],
            rows: c
                .replacements
                .iter()
                .map(|w| {
                    vec![
                        text::date_short(w.on),
                        w.withdrawn.clone(),
                        w.replacement.clone().unwrap_or_else(|| "—".into()),
                        w.how.clone(),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }
    blocks.push(Block::Heading(1, "Vérification".into()));
    blocks.push(Block::Paragraph(
        "Le portefeuille publié contient le vivier (identifiants pseudonymes et valeurs), les quotas, la probabilité de chaque volontaire et la liste des 1 000 panels. Chacun peut recalculer les deux empreintes, vérifier que chaque panel respecte les quotas et que le panel tiré découle du numéro, avec la commande :".into(),
    ));
    blocks.push(Block::Paragraph(format!(
        "agora draw verify --portfolio {} {flag} --panel {}",
        if c.portfolio_file.is_empty() {
            "portefeuille.json"
        } else {
            &c.portfolio_file
        },
        if c.panel_file.is_empty() {
            "panel.csv"
        } else {
            &c.panel_file
        },
    )));
    blocks.push(Block::Note(
        "Les fichiers de quotas et de vivier sont aussi lisibles par l'outil sortition-algorithms de la Sortition Foundation.".into(),
    ));
    Document {
        letterhead: letterhead.to_string(),
        title: DOCUMENT.into(),
        subtitle: format!("Établi le {}", text::date_long(today)),
        generated_on: today,
        blocks,
        watermark: None,
        stamp: None,
        cover: None,
    }
}

/// The PV as PDF bytes.
pub fn render_pdf(
    p: &Portfolio,
    choice: &Choice,
    c: &Circumstances,
    letterhead: &str,
    today: NaiveDate,
) -> Result<Vec<u8>, ReportError> {
    render(&build(p, choice, c, letterhead, today))
}
