//! Turning a record into a document on disk, and logging it: the glue the window and
//! the CLI share, so that both produce the same bytes and the same log line.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use thiserror::Error;

use crate::domain::codes::AttendanceStatus;
use crate::domain::ids::{ContactId, ConventionId, MeetingId};
use crate::domain::journal::ExportRecord;
use crate::report::attendance_sheet::SheetLine;
use crate::report::{self, ReportError, synthesis_note};
use crate::store::{Store, StoreError};

mod draw;
pub use draw::{
    DrawFile, draw_file, draw_minutes, invitation_sample, panel_csv, portfolio_json, selection_list,
};

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error("Le fichier « {} » n'a pas pu être écrit : {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes bytes to `path` through a temporary file, so a failed write leaves no
/// half-written document behind.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let fail = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(".partiel");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}

/// Exports a convention's note de synthèse to `path` and logs it.
pub fn synthesis_note(
    store: &mut Store,
    id: ConventionId,
    path: &Path,
    today: NaiveDate,
) -> Result<(), ExportError> {
    let overview = store.convention_overview(id)?;
    let settings = store.settings()?;
    let bytes = synthesis_note::render_pdf(&overview, &settings.letterhead(), today)?;
    write_logged(
        store,
        &bytes,
        path,
        synthesis_note::DOCUMENT,
        Subject::Convention(id),
    )
}

/// Exports the follow-up table of a convention's proposals to `path` and logs it.
pub fn followup(
    store: &mut Store,
    id: ConventionId,
    path: &Path,
    today: NaiveDate,
) -> Result<(), ExportError> {
    let overview = store.convention_overview(id)?;
    let mut rows = Vec::with_capacity(overview.proposals.len());
    for p in overview.proposals {
        let answers = store.answers(p.id)?;
        rows.push((p, answers));
    }
    let settings = store.settings()?;
    let bytes =
        report::followup::render_pdf(&overview.convention, &rows, &settings.letterhead(), today)?;
    write_logged(
        store,
        &bytes,
        path,
        report::followup::DOCUMENT,
        Subject::Convention(id),
    )
}

/// Exports the latest version of a convention's rules of participation and logs it.
pub fn rules(
    store: &mut Store,
    id: ConventionId,
    path: &Path,
    today: NaiveDate,
) -> Result<(), ExportError> {
    let convention = store.convention(id)?;
    let Some(version) = store.rules_versions(id)?.pop() else {
        return Err(StoreError::Refused(
            "cette convention n'a pas encore de règles du jeu enregistrées".into(),
        )
        .into());
    };
    let settings = store.settings()?;
    let bytes = report::rules::render_pdf(&convention, &version, &settings.letterhead(), today)?;
    write_logged(
        store,
        &bytes,
        path,
        report::rules::DOCUMENT,
        Subject::Convention(id),
    )
}

/// What a document is about, which says whether it holds personal data.
enum Subject {
    /// A convention's document: no personal data.
    Convention(ConventionId),
    /// A meeting's document: it names the participants.
    Meeting(MeetingId),
}

/// Writes a document and logs it.
fn write_logged(
    store: &mut Store,
    bytes: &[u8],
    path: &Path,
    document: &str,
    subject: Subject,
) -> Result<(), ExportError> {
    write_file(path, bytes)?;
    let (entity, id, personal) = match subject {
        Subject::Convention(id) => ("convention", id.0, false),
        Subject::Meeting(id) => ("meeting", id.0, true),
    };
    log(store, document, entity, Some(id), path, personal)?;
    Ok(())
}

/// A CSV cell for Excel in France: quoted when needed, and a leading = + - @ made
/// harmless so that a cell is never run as a formula.
pub fn csv_cell(s: &str) -> String {
    let mut v = s.to_string();
    if v.starts_with(['=', '+', '-', '@']) {
        v.insert(0, '\'');
    }
    if v.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// One CSV line for Excel in France: cells made safe, `;` between them, CRLF at the end.
pub fn csv_line(cells: &[&str]) -> String {
    let mut line = cells
        .iter()
        .map(|x| csv_cell(x))
        .collect::<Vec<_>>()
        .join(";");
    line.push_str("\r\n");
    line
}

/// Writes the directory's contacts the filter keeps as CSV (UTF-8 with BOM, `;`) and
/// logs the export of personal data. Returns how many were written.
pub fn contacts_csv(
    store: &mut Store,
    filter: &crate::store::ContactFilter,
    path: &Path,
) -> Result<usize, ExportError> {
    let rows = store.contacts_page(filter, 0, u32::MAX)?;
    let mut out = String::from("\u{FEFF}");
    out.push_str("Civilité;Nom;Prénom;Structure;Fonction;Courriel;Téléphone;Adresse;Code postal;Ville;Secteur;Quartier;Type;Étiquettes;Notes\r\n");
    for r in &rows {
        let c = store.contact(r.id)?;
        let tags = c.tags.join(", ");
        let cells = [
            c.civility.as_str(),
            if c.is_organisation {
                ""
            } else {
                c.last_name.as_str()
            },
            c.first_name.as_str(),
            c.organisation.as_str(),
            c.role.as_str(),
            c.email.as_str(),
            c.phone.as_str(),
            c.address.as_str(),
            c.postal_code.as_str(),
            c.city.as_str(),
            c.sector.map_or("", |s| s.label()),
            c.neighbourhood.as_str(),
            c.kind.label(),
            tags.as_str(),
            c.notes.as_str(),
        ];
        out.push_str(&csv_line(&cells));
    }
    write_file(path, out.as_bytes())?;
    log(store, "Contacts (CSV)", "contact", None, path, true)?;
    Ok(rows.len())
}

/// The document name of a convention's calendar.
pub const CALENDAR: &str = "Calendrier (.ics)";

/// Writes a convention's sessions as an iCalendar file to `path` and logs it.
pub fn calendar(store: &mut Store, id: ConventionId, path: &Path) -> Result<(), ExportError> {
    let overview = store.convention_overview(id)?;
    let text = report::ics::calendar(
        &overview.convention,
        &overview.sessions,
        chrono::Utc::now().naive_utc(),
    );
    write_logged(
        store,
        text.as_bytes(),
        path,
        CALENDAR,
        Subject::Convention(id),
    )
}

/// Writes the contacts the filter keeps as vCards (3.0, one card each) and logs the
/// export of personal data. Returns how many were written.
pub fn vcards(
    store: &mut Store,
    filter: &crate::store::ContactFilter,
    path: &Path,
) -> Result<usize, ExportError> {
    let esc = |s: &str| {
        s.replace('\\', "\\\\")
            .replace(';', "\\;")
            .replace(',', "\\,")
            .replace('\n', "\\n")
    };
    let rows = store.contacts_page(filter, 0, u32::MAX)?;
    let mut out = String::new();
    for r in &rows {
        let c = store.contact(r.id)?;
        out.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        if c.is_organisation {
            out.push_str(&format!("N:;;;;\r\nFN:{}\r\n", esc(&c.organisation)));
        } else {
            out.push_str(&format!(
                "N:{};{};;{};\r\nFN:{}\r\n",
                esc(&c.last_name),
                esc(&c.first_name),
                esc(&c.civility),
                esc(&c.display_name())
            ));
        }
        if !c.organisation.is_empty() {
            out.push_str(&format!("ORG:{}\r\n", esc(&c.organisation)));
        }
        if !c.role.is_empty() {
            out.push_str(&format!("TITLE:{}\r\n", esc(&c.role)));
        }
        if !c.email.is_empty() {
            out.push_str(&format!("EMAIL;TYPE=INTERNET:{}\r\n", esc(&c.email)));
        }
        if !c.phone.is_empty() {
            out.push_str(&format!("TEL:{}\r\n", esc(&c.phone)));
        }
        if !c.address.is_empty() || !c.city.is_empty() {
            out.push_str(&format!(
                "ADR:;;{};{};;{};France\r\n",
                esc(&c.address),
                esc(&c.city),
                esc(&c.postal_code)
            ));
        }
        out.push_str("END:VCARD\r\n");
    }
    write_file(path, out.as_bytes())?;
    log(store, "Contacts (vCard)", "contact", None, path, true)?;
    Ok(rows.len())
}

/// Writes a campaign's mail-merge file (the fields a letter needs; UTF-8 with BOM,
/// `;`), leaving out anyone who may no longer be written to. Logged. Returns the
/// lines written and the people left out.
pub fn mail_merge(
    store: &mut Store,
    campaign: i64,
    path: &Path,
) -> Result<(usize, usize), ExportError> {
    let mut out = String::from("\u{FEFF}");
    out.push_str("Civilité;Prénom;Nom;Structure;Adresse;Code postal;Ville;Courriel;Statut\r\n");
    let (mut written, mut left) = (0, 0);
    for r in store.recipients(campaign)? {
        if store.exclusion(r.contact)?.is_some() {
            left += 1;
            continue;
        }
        let c = store.contact(r.contact)?;
        let cells = [
            c.civility.as_str(),
            c.first_name.as_str(),
            c.last_name.as_str(),
            c.organisation.as_str(),
            c.address.as_str(),
            c.postal_code.as_str(),
            c.city.as_str(),
            c.email.as_str(),
            r.status.label(),
        ];
        out.push_str(&csv_line(&cells));
        written += 1;
    }
    write_file(path, out.as_bytes())?;
    log(
        store,
        "Publipostage d'une campagne",
        "campaign",
        Some(campaign),
        path,
        true,
    )?;
    Ok((written, left))
}

/// Writes everything the directory holds about one person (an access request) as
/// JSON to `path`, and logs it.
pub fn person_data(store: &mut Store, id: ContactId, path: &Path) -> Result<(), ExportError> {
    let c = store.contact(id)?;
    let consents: Vec<serde_json::Value> = store
        .consents(id)?
        .into_iter()
        .map(|k| {
            serde_json::json!({
                "objet": k.scope.label(),
                "donné": k.given,
                "date": k.date.to_string(),
                "canal": k.channel.label(),
                "formulation": k.wording_version,
            })
        })
        .collect();
    let memberships: Vec<serde_json::Value> = store
        .memberships(id)?
        .into_iter()
        .map(|(_, org, role)| serde_json::json!({ "structure": org, "rôle": role }))
        .collect();
    let participations: Vec<serde_json::Value> = store
        .participations(id)?
        .into_iter()
        .map(|p| serde_json::json!({ "convention": p.convention_title, "rôle": p.role.label() }))
        .collect();
    let meetings: Vec<serde_json::Value> = store
        .meetings_attended(id)?
        .into_iter()
        .map(|m| {
            serde_json::json!({ "date": m.date.to_string(), "réunion": m.title, "présence": m.status.label() })
        })
        .collect();
    let data = serde_json::json!({
        "personne": {
            "civilité": c.civility, "prénom": c.first_name, "nom": c.last_name,
            "structure": c.organisation, "fonction": c.role, "courriel": c.email,
            "téléphone": c.phone, "adresse": c.address, "code postal": c.postal_code,
            "ville": c.city, "secteur": c.sector.map(|s| s.label()), "quartier": c.neighbourhood,
            "type": c.kind.label(), "genre": c.gender, "tranche d'âge": c.age_band,
            "CSP": c.csp, "diplôme": c.diploma, "notes": c.notes, "étiquettes": c.tags,
            "ne pas contacter": c.do_not_contact,
        },
        "consentements": consents,
        "appartenances": memberships,
        "conventions": participations,
        "réunions": meetings,
    });
    let text = serde_json::to_string_pretty(&data).unwrap_or_default();
    write_file(path, text.as_bytes())?;
    log(
        store,
        "Données d'une personne (droit d'accès)",
        "contact",
        Some(id.0),
        path,
        true,
    )?;
    Ok(())
}

/// Logs an export in the export log and the journal.
fn log(
    store: &mut Store,
    document: &str,
    entity: &str,
    entity_id: Option<i64>,
    path: &Path,
    personal_data: bool,
) -> Result<(), StoreError> {
    store.log_export(&ExportRecord {
        at: Local::now().naive_local(),
        document: document.into(),
        entity: entity.into(),
        entity_id,
        path: path.display().to_string(),
        personal_data,
    })
}

/// Where documents go when no file dialog can open: Documents/Agora.
pub fn fallback_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(Path::to_path_buf))
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
        .unwrap_or_else(std::env::temp_dir)
        .join("Agora")
}

/// A file name for a document: "note-de-synthese-convention-1-2026-11-29.pdf".
pub fn file_name(document: &str, id: i64, today: NaiveDate) -> String {
    named(document, "convention", id, today)
}

/// A file name for a meeting's document: "compte-rendu-reunion-3-2026-11-29.pdf".
pub fn meeting_file_name(document: &str, id: MeetingId, today: NaiveDate) -> String {
    named(document, "reunion", id.0, today)
}

fn named(document: &str, entity: &str, id: i64, today: NaiveDate) -> String {
    format!(
        "{}-{entity}-{id}-{}.pdf",
        crate::domain::text::slug(document),
        today.format("%Y-%m-%d")
    )
}

/// Exports a meeting's compte rendu to `path` and logs it (it names participants).
pub fn minutes(
    store: &mut Store,
    id: MeetingId,
    path: &Path,
    today: NaiveDate,
) -> Result<(), ExportError> {
    let record = store.meeting_record(id)?;
    let settings = store.settings()?;
    let bytes = report::minutes::render_pdf(&record, &settings.letterhead(), today)?;
    write_logged(
        store,
        &bytes,
        path,
        report::minutes::DOCUMENT,
        Subject::Meeting(id),
    )
}

/// Exports a meeting's feuille d'émargement to `path` and logs it. Emails and phones
/// are printed only with `with_contact_details`.
pub fn attendance_sheet(
    store: &mut Store,
    id: MeetingId,
    path: &Path,
    with_contact_details: bool,
    today: NaiveDate,
) -> Result<(), ExportError> {
    let record = store.meeting_record(id)?;
    let panel = match record.meeting.convention {
        Some(c) => store.panelists(c)?,
        None => Default::default(),
    };
    let mut lines = Vec::with_capacity(record.attendance.len());
    for a in record
        .attendance
        .iter()
        .filter(|a| a.status != AttendanceStatus::Replaced)
    {
        let c = store.contact(a.contact)?;
        let role = if !a.organisation.is_empty() {
            a.organisation.clone()
        } else if panel.contains(&a.contact) {
            "Membre du panel".into()
        } else {
            c.kind.label().into()
        };
        let contact_details = if with_contact_details {
            [c.email, c.phone]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            String::new()
        };
        lines.push(SheetLine {
            name: a.name.clone(),
            role,
            contact_details,
        });
    }
    let settings = store.settings()?;
    let bytes = report::attendance_sheet::render_pdf(
        &record,
        lines,
        with_contact_details,
        &settings.letterhead(),
        today,
    )?;
    write_logged(
        store,
        &bytes,
        path,
        report::attendance_sheet::DOCUMENT,
        Subject::Meeting(id),
    )
}
