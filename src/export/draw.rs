//! A draw's files: the pool and quotas in the `sortition-algorithms` format, the
//! published portfolio, the drawn panel for `agora draw verify`, the procès-verbal, and
//! the invitation sample for the mail merge; and the invitation list a directory group
//! makes (not written: the sample drawn from it is).

use chrono::NaiveDate;

use super::{ExportError, Missing, Rendered, csv_line};
use crate::domain::ids::ConventionId;
use crate::domain::sortition::portfolio::Choice;
use crate::report::draw_minutes::{self, Circumstances, Withdrawal};
use crate::store::{DrawView, Store, StoreError};

/// Which of a draw's input files to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DrawFile {
    /// The pool: `id` and one column per criterion (pseudonymous).
    Pool,
    /// The quotas: `feature,value,min,max`.
    Quotas,
}

/// A convention's pool or its draw's quotas in the `sortition-algorithms` format, for
/// `agora draw prepare` or that tool.
pub(super) fn draw_file(
    store: &Store,
    convention: ConventionId,
    which: DrawFile,
) -> Result<Rendered, ExportError> {
    let pool = store
        .pools(convention)?
        .into_iter()
        .next_back()
        .ok_or(ExportError::Missing(Missing::Pool))?;
    let quotas = store
        .current_quotas(convention)?
        .map(|t| t.quotas)
        .unwrap_or_default();
    let (text, count) = match which {
        DrawFile::Pool => {
            let people = store.pool_volunteers(pool.id)?;
            let mut criteria: Vec<String> = quotas.iter().map(|q| q.criterion.clone()).collect();
            for v in &people {
                criteria.extend(v.attributes.iter().map(|(c, _)| c.clone()));
            }
            let mut seen = std::collections::HashSet::new();
            criteria.retain(|c| seen.insert(c.to_lowercase()));
            (super::write_pool(&people, &criteria), people.len())
        }
        DrawFile::Quotas => {
            if quotas.is_empty() {
                return Err(ExportError::Missing(Missing::Quotas));
            }
            (super::write_quotas(&quotas), quotas.len())
        }
    };
    let mut r = Rendered::list("convention", text.into_bytes(), count, 0);
    r.entity_id = Some(convention.0);
    Ok(r)
}

fn latest_lottery_draw(
    store: &Store,
    convention: ConventionId,
) -> Result<(DrawView, crate::store::Prepared), ExportError> {
    let draw = store
        .latest_draw(convention)?
        .ok_or(ExportError::Missing(Missing::Draw))?;
    let lottery = draw
        .lottery
        .clone()
        .ok_or(ExportError::Missing(Missing::PublishedList))?;
    let prepared = store.portfolio(lottery.portfolio)?;
    Ok((draw, prepared))
}

/// The convention's latest prepared portfolio (the published file).
pub(super) fn portfolio_json(
    store: &Store,
    convention: ConventionId,
) -> Result<Rendered, ExportError> {
    let prepared = store
        .latest_portfolio(convention)?
        .ok_or_else(|| ExportError::Missing(Missing::Portfolio))?;
    let json = serde_json::to_string_pretty(&prepared.portfolio)
        .map_err(|e| StoreError::BadValue(e.to_string()))?;
    Ok(Rendered::of_convention(json.into_bytes(), convention))
}

/// The panel the latest draw picked from the list (`id` then one id a line), the file
/// `agora draw verify --panel` reads.
pub(super) fn panel_csv(store: &Store, convention: ConventionId) -> Result<Rendered, ExportError> {
    let (draw, prepared) = latest_lottery_draw(store, convention)?;
    let number = draw.lottery.as_ref().map_or(0, |l| l.number as usize);
    let panel = prepared
        .portfolio
        .panels
        .get(number)
        .cloned()
        .unwrap_or_default();
    let out = super::write_panel(panel.iter().map(String::as_str));
    let mut r = Rendered::list("convention", out.into_bytes(), panel.len(), 0);
    r.entity_id = Some(convention.0);
    Ok(r)
}

/// The procès-verbal of the convention's latest draw, once its portfolio passes
/// verification.
pub(super) fn draw_minutes(
    store: &Store,
    convention: ConventionId,
    format: super::Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let (doc, draw) = draw_minutes_document(store, convention, today)?;
    let bytes = format.render(&doc)?;
    Ok(Rendered::about("draw", draw.0, bytes))
}

/// The procès-verbal of the latest draw, laid out (the dossier prints it as an
/// appendix), and the draw it records.
pub(super) fn draw_minutes_document(
    store: &Store,
    convention: ConventionId,
    today: NaiveDate,
) -> Result<(crate::report::layout::Document, crate::domain::ids::DrawId), ExportError> {
    let (draw, prepared) = latest_lottery_draw(store, convention)?;
    let lottery = draw
        .lottery
        .clone()
        .expect("checked by latest_lottery_draw");
    let choice = if lottery.public_number {
        Choice::Number(lottery.number as usize)
    } else {
        Choice::Seed(draw.draw.seed.clone())
    };
    let circumstances = Circumstances {
        drawn_on: Some(draw.draw.drawn_on),
        pool_source: format!("{} — {}", draw.pool.source.label(), draw.pool.description),
        witnesses: draw.draw.witnesses.clone(),
        number_how: lottery.number_how.clone(),
        portfolio_file: "portefeuille.json".into(),
        panel_file: "panel.csv".into(),
        // The list as drawn, those who took a seat since included.
        reserves: crate::domain::sortition::reserves::reserves(
            &prepared.portfolio.panels,
            lottery.number as usize,
            lottery.reserves as usize,
        ),
        replacements: draw
            .selected
            .iter()
            .filter_map(|s| {
                s.withdrawn_on.map(|on| Withdrawal {
                    withdrawn: s.volunteer.pseudonym.clone(),
                    on,
                    replacement: s.replaced_by.clone(),
                    how: s.note.clone(),
                })
            })
            .collect(),
    };
    let failed = crate::domain::sortition::portfolio::unverified(&prepared.portfolio, &choice);
    if !failed.is_empty() {
        return Err(ExportError::Unverified(failed));
    }
    let letterhead = store.settings()?.letterhead();
    let doc = draw_minutes::build(
        &prepared.portfolio,
        &choice,
        &circumstances,
        &letterhead,
        today,
    );
    Ok((doc, draw.draw.id))
}

/// An invitation sample for the mail merge (UTF-8 with BOM, `;`).
pub(super) fn invitation_sample(
    store: &Store,
    convention: ConventionId,
    sample: i64,
) -> Result<Rendered, ExportError> {
    let s = store
        .invitation_samples(convention)?
        .into_iter()
        .find(|s| s.id == sample)
        .ok_or(StoreError::NotFound("échantillon d'invitation", sample))?;
    let mut out = String::from("\u{FEFF}");
    let header: Vec<&str> = s.header.iter().map(String::as_str).collect();
    out.push_str(&csv_line(&header));
    // Phone columns stay readable (« +33 6… »); every other column is free text.
    let phone: Vec<bool> = s
        .header
        .iter()
        .map(|h| {
            let k = crate::import::csv::key(h);
            ["tel", "phone", "portable", "mobile"]
                .iter()
                .any(|w| k.contains(w))
        })
        .collect();
    for row in &s.rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if phone.get(i) == Some(&true) {
                    super::number_cell(c)
                } else {
                    super::csv_cell(c)
                }
            })
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    let mut r = Rendered::list("invitation_sample", out.into_bytes(), s.rows.len(), 0);
    r.entity_id = Some(sample);
    Ok(r)
}

/// A directory group or saved selection as an invitation list (the CSV text a file
/// would hold: civility, names, address, sector), leaving out anyone who may not be
/// written to. Not written anywhere, so not logged; the sample drawn from it is.
/// Returns the list's name, its bytes and how many were left out.
pub fn selection_list(store: &Store, group: i64) -> Result<(String, Vec<u8>, usize), ExportError> {
    let (name, _, members) = store.group_members(group)?;
    let mut out = csv_line(&[
        "Civilité",
        "Prénom",
        "Nom",
        "Adresse",
        "Code postal",
        "Ville",
        "Secteur",
    ]);
    let mut left = 0;
    for id in members {
        if store.exclusion(id)?.is_some() {
            left += 1;
            continue;
        }
        let c = store.contact(id)?;
        out.push_str(&csv_line(&[
            &c.civility,
            &c.first_name,
            &c.last_name,
            &c.address,
            &c.postal_code,
            &c.city,
            c.sector.map_or("", |s| s.label()),
        ]));
    }
    Ok((format!("annuaire : {name}"), out.into_bytes(), left))
}
