//! The commands that write a document from the store: each names its record and its
//! output file, and goes through `export`, which writes the file whole and logs it.

use std::path::{Path, PathBuf};

use chrono::Local;

use super::{Context, say};
use crate::domain::activity::Period;
use crate::domain::attestation::AttestationScope;
use crate::domain::dossier::DossierChoice;
use crate::domain::ids::{ContactId, ConventionId, MeetingId};
use crate::domain::parse;
use crate::export::{self, Document};

/// `export synthesis ID --out FILE.pdf`
pub fn synthesis(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, out) = convention_and_out(cx, rest, "pdf")?;
    write(cx, Document::Synthesis(id), &out)
}

/// `export dossier ID --out FILE.pdf [--sections a,b] [--annexes c,d|aucune]`: without
/// a list, the sections and appendices last chosen in the window (or every section and
/// the default appendices).
pub fn dossier(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let usage = "Usage : agora export dossier ID --out FICHIER.pdf [--sections mandat,budget,…] [--annexes pv,regles,…|aucune]";
    let [id, options @ ..] = rest else {
        return Err(usage.into());
    };
    let convention = ConventionId(number(id, "convention")?);
    let (mut out, mut sections, mut appendices) = (None, None, None);
    for pair in options.chunks(2) {
        match pair {
            ["--out", f] => out = Some(cx.path(f)),
            ["--sections", list] => {
                sections = Some(DossierChoice::parse_sections(list).map_err(|e| e.to_string())?)
            }
            ["--annexes", list] => {
                appendices = Some(DossierChoice::parse_appendices(list).map_err(|e| e.to_string())?)
            }
            _ => return Err(usage.into()),
        }
    }
    let out = out.ok_or(usage)?;
    cx.with_store(|store| {
        let mut choice = store
            .dossier_choice(convention)
            .map_err(|e| e.to_string())?;
        if let Some(s) = sections {
            choice.sections = s;
        }
        if let Some(a) = appendices {
            choice.appendices = a;
        }
        if choice.sections.is_empty() && choice.appendices.is_empty() {
            return Err("Choisissez au moins une section ou une annexe.".to_string());
        }
        let document = Document::Dossier { convention, choice };
        let written =
            export::write(store, &document, cx.to(&out), today()).map_err(|e| e.to_string())?;
        say(written.sentence(&document, &out));
        Ok(())
    })
}

/// `export attestations CONVENTION --out FILE.pdf [--contact ID]`: one page per person
/// marked present, or one person's.
pub fn attestations(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let scope = match rest {
        [id, "--out", _] => AttestationScope::Convention(ConventionId(number(id, "convention")?)),
        [id, "--out", _, "--contact", c] | [id, "--contact", c, "--out", _] => {
            AttestationScope::Person {
                convention: ConventionId(number(id, "convention")?),
                contact: ContactId(number(c, "contact")?),
            }
        }
        _ => {
            return Err(
                "Usage : agora export attestations CONVENTION --out FICHIER.pdf [--contact ID]"
                    .into(),
            );
        }
    };
    let out = rest
        .iter()
        .position(|w| *w == "--out")
        .map(|i| cx.path(rest[i + 1]))
        .expect("matched above");
    write(cx, Document::Attestations(scope), &out)
}

/// `export rapport YEAR --out FILE.pdf`, or `export rapport --du D --au D --out FILE`.
pub fn activity_report(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let usage = "Usage : agora export rapport ANNÉE --out FICHIER.pdf, ou agora export rapport --du JJ/MM/AAAA --au JJ/MM/AAAA --out FICHIER.pdf";
    let (mut year, mut from, mut to, mut out) = (None, None, None, None);
    let mut words = rest.iter();
    while let Some(w) = words.next() {
        let mut value = || words.next().copied().ok_or(usage);
        match *w {
            "--out" => out = Some(cx.path(value()?)),
            "--du" => from = Some(parse::date(value()?).map_err(|e| e.to_string())?),
            "--au" => to = Some(parse::date(value()?).map_err(|e| e.to_string())?),
            y if year.is_none() && !y.starts_with("--") => {
                year = Some(
                    y.parse::<i32>()
                        .ok()
                        .and_then(Period::year)
                        .ok_or_else(|| format!("« {y} » n’est pas une année."))?,
                )
            }
            _ => return Err(usage.into()),
        }
    }
    let period = match (year, from, to) {
        (Some(p), None, None) => p,
        (None, Some(f), Some(t)) => Period::between(f, t).map_err(|e| e.to_string())?,
        _ => return Err(usage.into()),
    };
    write(cx, Document::ActivityReport(period), &out.ok_or(usage)?)
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
pub(super) fn write(cx: &Context, document: Document, out: &Path) -> Result<(), String> {
    cx.with_store(|store| {
        let written = export::write(store, &document, cx.to(out), today())?;
        say(written.sentence(&document, out));
        Ok::<_, export::ExportError>(())
    })
}

pub(super) fn today() -> chrono::NaiveDate {
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
