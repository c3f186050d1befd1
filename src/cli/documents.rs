//! The commands that write a document from the store: each names its record and its
//! output file, and goes through `export`, which writes the file whole and logs it.

use std::path::PathBuf;

use chrono::Local;

use super::{Context, say};
use crate::domain::ids::{ConventionId, MeetingId};
use crate::export::{self, ExportError};

/// `export synthesis ID --out FILE.pdf`
pub fn synthesis(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "pdf")?;
    cx.with_store(|store| {
        export::synthesis_note(store, id, cx.to(&out), today())?;
        written("Note de synthèse écrite", &out)
    })
}

/// `export minutes MEETING --out FILE.pdf`
pub fn minutes(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out, details) = meeting_and_out(cx, rest)?;
    if details {
        return Err("--contact-details ne vaut que pour la feuille d'émargement.".into());
    }
    cx.with_store(|store| {
        export::minutes(store, id, cx.to(&out), today())?;
        written("Compte rendu écrit", &out)
    })
}

/// `export attendance MEETING --out FILE.pdf [--contact-details]`
pub fn attendance(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out, details) = meeting_and_out(cx, rest)?;
    cx.with_store(|store| {
        export::attendance_sheet(store, id, cx.to(&out), details, today())?;
        written("Feuille d'émargement écrite", &out)
    })
}

/// `export followup ID --out FILE.pdf`
pub fn followup(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "pdf")?;
    cx.with_store(|store| {
        export::followup(store, id, cx.to(&out), today())?;
        written("Tableau de suivi écrit", &out)
    })
}

/// `export rules ID --out FILE.pdf`
pub fn rules(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "pdf")?;
    cx.with_store(|store| {
        export::rules(store, id, cx.to(&out), today())?;
        written("Règles du jeu écrites", &out)
    })
}

/// `export draw ID --out FILE.pdf`
pub fn draw_minutes(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "pdf")?;
    cx.with_store(|store| {
        export::draw_minutes(store, id, cx.to(&out), today())?;
        written("Procès-verbal de tirage au sort écrit", &out)
    })
}

/// `export portfolio ID --out FILE.json`
pub fn portfolio(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "json")?;
    cx.with_store(|store| {
        export::portfolio_json(store, id, cx.to(&out))?;
        written("Portefeuille du tirage écrit", &out)
    })
}

/// `export panel ID --out FILE.csv`
pub fn panel(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "csv")?;
    cx.with_store(|store| {
        export::panel_csv(store, id, cx.to(&out))?;
        written("Panel tiré écrit", &out)
    })
}

/// `convention ics ID --out FILE.ics`
pub fn calendar(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "ics")?;
    cx.with_store(|store| {
        export::calendar(store, id, cx.to(&out))?;
        written("Calendrier écrit", &out)
    })
}

/// `contacts export FILE.csv [--search TEXT]`
pub fn contacts(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (file, search) = match rest {
        [file] => (file, String::new()),
        [file, "--search", s] => (file, s.to_string()),
        _ => return Err("Usage : agora contacts export FICHIER.csv [--search TEXTE]".into()),
    };
    cx.with_store(|store| {
        let filter = crate::store::ContactFilter {
            search,
            ..Default::default()
        };
        let n = export::contacts_csv(store, &filter, cx.to(&cx.path(file)))?;
        say(format!(
            "{n} contact(s) exporté(s) dans {file} (export journalisé)."
        ));
        Ok::<_, ExportError>(())
    })
}

fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

fn written(document: &str, out: &std::path::Path) -> Result<(), ExportError> {
    say(format!("{document} : {}", out.display()));
    Ok(())
}

/// A convention number and `--out FILE`.
fn convention_and_out(
    cx: &Context,
    rest: &[&str],
    extension: &str,
) -> Result<(ConventionId, PathBuf), String> {
    match rest {
        [id, "--out", out] => Ok((ConventionId(number(id, "convention")?), cx.path(out))),
        _ => Err(format!(
            "Indiquez la convention et le fichier de sortie : ID --out FICHIER.{extension}"
        )),
    }
}

/// A meeting number, `--out FILE` and whether `--contact-details` was given.
fn meeting_and_out(cx: &Context, rest: &[&str]) -> Result<(MeetingId, PathBuf, bool), String> {
    let (id, out, details) = match rest {
        [id, "--out", out] => (id, out, false),
        [id, "--out", out, "--contact-details"] | [id, "--contact-details", "--out", out] => {
            (id, out, true)
        }
        _ => {
            return Err(
                "Indiquez la réunion et le fichier de sortie : RÉUNION --out FICHIER.pdf".into(),
            );
        }
    };
    Ok((MeetingId(number(id, "réunion")?), cx.path(out), details))
}

/// A record's number as typed.
pub fn number(word: &str, what: &str) -> Result<i64, String> {
    word.parse()
        .map_err(|_| format!("Numéro de {what} invalide : « {word} »."))
}
