//! The commands that write a document from the store: each names its record and its
//! output file, and goes through `export`, which writes the file whole and logs it.

use std::path::{Path, PathBuf};

use chrono::Local;

use super::{Context, say};
use crate::domain::ids::{ConventionId, MeetingId};
use crate::export::{self, Document};

/// `export synthesis ID --out FILE.pdf`
pub fn synthesis(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "pdf")?;
    write(cx, Document::Synthesis(id), &out)
}

/// `export minutes MEETING --out FILE.pdf`
pub fn minutes(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out, details) = meeting_and_out(cx, rest)?;
    if details {
        return Err("--contact-details ne vaut que pour la feuille d'émargement.".into());
    }
    write(cx, Document::Minutes(id), &out)
}

/// `export attendance MEETING --out FILE.pdf [--contact-details]`
pub fn attendance(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (meeting, out, contact_details) = meeting_and_out(cx, rest)?;
    let sheet = Document::AttendanceSheet {
        meeting,
        contact_details,
    };
    write(cx, sheet, &out)
}

/// `export followup ID --out FILE.pdf`
pub fn followup(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "pdf")?;
    write(cx, Document::Followup(id), &out)
}

/// `export rules ID --out FILE.pdf`
pub fn rules(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "pdf")?;
    write(cx, Document::Rules(id), &out)
}

/// `export draw ID --out FILE.pdf`
pub fn draw_minutes(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "pdf")?;
    write(cx, Document::DrawMinutes(id), &out)
}

/// `export portfolio ID --out FILE.json`
pub fn portfolio(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "json")?;
    write(cx, Document::Portfolio(id), &out)
}

/// `export panel ID --out FILE.csv`
pub fn panel(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "csv")?;
    write(cx, Document::Panel(id), &out)
}

/// `convention ics ID --out FILE.ics`
pub fn calendar(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "ics")?;
    write(cx, Document::Calendar(id), &out)
}

/// `contacts export FILE.csv [--search TEXT]`
pub fn contacts(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (file, search) = match rest {
        [file] => (file, String::new()),
        [file, "--search", s] => (file, s.to_string()),
        _ => return Err("Usage : agora contacts export FICHIER.csv [--search TEXTE]".into()),
    };
    let filter = crate::store::ContactFilter {
        search,
        ..Default::default()
    };
    write(cx, Document::Contacts(filter), &cx.path(file))
}

/// `cle-de-secours --out FILE`
pub fn recovery_key(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let ["--out", out] = rest else {
        return Err("Usage : agora cle-de-secours --out FICHIER.txt".into());
    };
    write(cx, Document::RecoveryKey, &cx.path(out))?;
    say("Imprimez la clé, rangez-la à part, puis supprimez le fichier.");
    Ok(())
}

/// Writes a document through `export` (checked, whole or not at all, logged) and says
/// where it went.
fn write(cx: &Context, document: Document, out: &Path) -> Result<(), String> {
    cx.with_store(|store| {
        let written = export::write(store, &document, cx.to(out), today())?;
        say(written.sentence(&document, out));
        Ok::<_, export::ExportError>(())
    })
}

fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
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
