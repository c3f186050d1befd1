//! The commands on the dispositifs: their list, the interpellations with where each
//! stands, and an interpellation's three documents.

use super::documents::{number, today, write};
use super::{Context, print_listing};
use crate::domain::codes::DispositifKind;
use crate::domain::ids::DispositifId;
use crate::domain::interpellation::check_counts;
use crate::export::Document;
use crate::report::interpellation::Paper;
use crate::store::{DispositifFilter, StoreError};

/// `dispositifs list [--kind interpellation|instance|budget|accompagnement]`
pub fn list(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let usage =
        "Usage : agora dispositifs list [--kind interpellation|instance|budget|accompagnement]";
    let kind = match rest {
        [] => None,
        ["--kind", k] => Some(DispositifKind::from_code(k).ok_or_else(|| usage.to_string())?),
        _ => return Err(usage.into()),
    };
    cx.with_store(|store| {
        let filter = DispositifFilter {
            kind,
            ..DispositifFilter::default()
        };
        let lines = store.dispositifs(&filter, today())?;
        let mut listing = String::new();
        for l in &lines {
            let d = &l.dispositif;
            let start = d
                .start
                .map(|s| s.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|| "sans date".into());
            let summary = if l.summary.is_empty() {
                String::new()
            } else {
                format!(" · {}", l.summary)
            };
            listing.push_str(&format!(
                "{:>4}  {:<30} {:<24} {}{summary} · {start}{}\n",
                d.id,
                d.kind.label(),
                l.stage,
                d.title,
                if d.directorate.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", d.directorate)
                }
            ));
        }
        listing.push_str(&format!("{} dispositif(s).\n", lines.len()));
        print_listing(&listing);
        Ok::<_, StoreError>(())
    })
}

/// `interpellations list`: where each stands, its supports, its next deadline.
pub fn interpellations(cx: &Context, rest: &[&str]) -> Result<(), String> {
    if !rest.is_empty() {
        return Err("Usage : agora interpellations list".into());
    }
    cx.with_store(|store| {
        let rules = store.interpellation_rules()?;
        let today = today();
        let all = store.interpellations()?;
        let mut listing = String::new();
        for (d, i) in &all {
            let next = match i.next_due(&rules, today) {
                Some(due) => {
                    let late = due.days_left(today) < 0;
                    format!(
                        "{} le {}{}",
                        due.what,
                        due.date.format("%d/%m/%Y"),
                        if late { " (en retard)" } else { "" }
                    )
                }
                None => "rien à faire".into(),
            };
            let checks = store.support_checks(d.id)?;
            let checked = if checks.is_empty() {
                String::new()
            } else {
                let (valid, invalid, pending) = check_counts(&checks);
                format!(
                    " (vérifiés : {valid} valides, {invalid} non valides, {pending} à vérifier)"
                )
            };
            listing.push_str(&format!(
                "{:>4}  {:<24} {} · {} soutien(s){checked} · {next}\n",
                d.id,
                i.stage(&rules, today).label(),
                d.title,
                crate::domain::text::integer(i.supports().into()),
            ));
        }
        listing.push_str(&format!("{} interpellation(s).\n", all.len()));
        print_listing(&listing);
        Ok::<_, StoreError>(())
    })
}

/// `export fiche ID --out FILE.pdf|.odt`
pub fn fiche(cx: &Context, rest: &[&str]) -> Result<(), String> {
    paper(cx, rest, Paper::Fiche)
}

/// `export lettre ID --out FILE.pdf|.odt`
pub fn letter(cx: &Context, rest: &[&str]) -> Result<(), String> {
    paper(cx, rest, Paper::Letter)
}

/// `export mediation ID --out FILE.pdf|.odt`
pub fn report(cx: &Context, rest: &[&str]) -> Result<(), String> {
    paper(cx, rest, Paper::Report)
}

fn paper(cx: &Context, rest: &[&str], paper: Paper) -> Result<(), String> {
    let [id, "--out", out] = rest else {
        return Err(
            "Indiquez l’interpellation et le fichier de sortie : ID --out FICHIER.pdf (ou .odt)"
                .into(),
        );
    };
    let id = DispositifId(number(id, "dispositif")?);
    write(cx, Document::Interpellation(id, paper), &cx.path(out))
}

/// `export instance ID ANNÉE --out FILE.pdf|.odt`
pub fn body_report(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let [id, year, "--out", out] = rest else {
        return Err(
            "Indiquez l’instance, l’année et le fichier de sortie : ID ANNÉE --out FICHIER.pdf"
                .into(),
        );
    };
    let id = DispositifId(number(id, "dispositif")?);
    let year = number(year, "année")? as i32;
    write(cx, Document::BodyReport(id, year), &cx.path(out))
}

/// `export budget ID --out FILE.pdf|.odt`: the results of the vote.
pub fn budget_results(cx: &Context, rest: &[&str]) -> Result<(), String> {
    budget(cx, rest, crate::report::budget::Paper::Results)
}

/// `export budget-suivi ID --out FILE.pdf|.odt`: the winners' delivery.
pub fn budget_delivery(cx: &Context, rest: &[&str]) -> Result<(), String> {
    budget(cx, rest, crate::report::budget::Paper::Delivery)
}

fn budget(cx: &Context, rest: &[&str], paper: crate::report::budget::Paper) -> Result<(), String> {
    let [id, "--out", out] = rest else {
        return Err(
            "Indiquez le budget participatif et le fichier de sortie : ID --out FICHIER.pdf".into(),
        );
    };
    let id = DispositifId(number(id, "dispositif")?);
    write(cx, Document::Budget(id, paper), &cx.path(out))
}

/// `export fiche-experience [dispositif] ID --out FILE.pdf|.odt`: a convention's fiche
/// d'expérience, or a dispositif's.
pub fn experience(cx: &Context, rest: &[&str]) -> Result<(), String> {
    use crate::domain::experience::Subject;
    let subject = match rest {
        [id, "--out", _] => {
            Subject::Convention(crate::domain::ids::ConventionId(number(id, "convention")?))
        }
        ["dispositif", id, "--out", _] => {
            Subject::Dispositif(DispositifId(number(id, "dispositif")?))
        }
        _ => {
            return Err(
                "Indiquez la convention (ou « dispositif ID ») et le fichier de sortie : ID --out FICHIER.pdf (ou .odt)"
                    .into(),
            );
        }
    };
    let out = rest[rest.len() - 1];
    write(cx, Document::Experience(subject), &cx.path(out))
}
