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

mod csv;
mod draw;
pub use csv::{
    csv_cell, csv_line, neutralise, number_cell, write_panel, write_pool, write_probabilities,
    write_quotas,
};
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
    #[error("Le fichier « {} » n’a pas pu être écrit : {source}. Rien n’a été laissé à moitié écrit.", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("« {} » est dans le dossier des données d’Agora : un export n’y va jamais (il pourrait remplacer la base ou une sauvegarde). Choisissez un autre dossier.", .0.display())]
    IntoDataFolder(PathBuf),
    #[error("« {} » est un dossier : indiquez le nom du fichier à écrire.", .0.display())]
    IsFolder(PathBuf),
    #[error("« {} » existe déjà et n’est pas un export du même type : choisissez un autre nom, ou confirmez le remplacement (en ligne de commande : --remplacer).", .0.display())]
    WouldReplace(PathBuf),
}

/// Where an export goes, and whether the person agreed to replace what is there.
#[derive(Debug, Clone, Copy)]
pub struct Destination<'a> {
    pub path: &'a Path,
    /// The person confirmed replacing an existing file: a save dialog asks before it
    /// returns an existing name; on the command line, `--remplacer`.
    pub replace: bool,
}

impl<'a> From<&'a Path> for Destination<'a> {
    fn from(path: &'a Path) -> Self {
        Destination {
            path,
            replace: false,
        }
    }
}

impl<'a> From<&'a PathBuf> for Destination<'a> {
    fn from(path: &'a PathBuf) -> Self {
        Destination::from(path.as_path())
    }
}

/// The kind of file an export writes: an existing file of the same kind (an earlier
/// export) may be replaced without asking, any other only when the person said so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Csv,
    Json,
    Calendar,
    VCard,
    Text,
}

impl Kind {
    /// Whether the file at `path` looks like an earlier export of this kind.
    fn matches(self, path: &Path) -> bool {
        let mut head = [0u8; 512];
        let n = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .unwrap_or(0);
        let head = &head[..n];
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let text = !head.contains(&0);
        match self {
            Kind::Pdf => head.starts_with(b"%PDF-"),
            Kind::Csv => extension == "csv" && text,
            Kind::Json => {
                extension == "json"
                    && text
                    && matches!(
                        head.iter().find(|b| !b.is_ascii_whitespace()),
                        Some(b'{' | b'[') | None
                    )
            }
            Kind::Calendar => head.starts_with(b"BEGIN:VCALENDAR"),
            Kind::VCard => head.starts_with(b"BEGIN:VCARD"),
            Kind::Text => extension == "txt" && text,
        }
    }
}

/// What the export log says of an export.
struct Entry<'a> {
    document: &'a str,
    entity: &'a str,
    entity_id: Option<i64>,
    personal: bool,
    kind: Kind,
}

/// Refuses a destination inside the data folder (the store, its backups), a folder,
/// and an existing file of another kind the person did not agree to replace.
fn check_destination(store: &Store, to: Destination, kind: Kind) -> Result<(), ExportError> {
    if crate::files::is_inside(to.path, crate::files::parent(store.path())) {
        return Err(ExportError::IntoDataFolder(to.path.to_path_buf()));
    }
    match std::fs::metadata(to.path) {
        Ok(m) if m.is_dir() => Err(ExportError::IsFolder(to.path.to_path_buf())),
        Ok(_) if !to.replace && !kind.matches(to.path) => {
            Err(ExportError::WouldReplace(to.path.to_path_buf()))
        }
        _ => Ok(()),
    }
}

/// Delivers an export: checks the destination, writes a temporary file in its folder
/// (private when it holds personal data) and flushes it, then logs the export and
/// renames the file into place in one transaction. A refusal or a failure is logged
/// too, with its reason, and leaves no file behind.
fn deliver(
    store: &mut Store,
    bytes: &[u8],
    to: Destination,
    entry: Entry,
) -> Result<(), ExportError> {
    let record = |outcome: String| ExportRecord {
        at: Local::now().naive_local(),
        document: entry.document.into(),
        entity: entry.entity.into(),
        entity_id: entry.entity_id,
        path: to.path.display().to_string(),
        personal_data: entry.personal,
        outcome,
    };
    if let Err(e) = check_destination(store, to, entry.kind) {
        store.log_export(&record(format!("refusé : {e}")))?;
        return Err(e);
    }
    let fail = |source: std::io::Error| ExportError::Write {
        path: to.path.to_path_buf(),
        source,
    };
    let written = (|| {
        std::fs::create_dir_all(crate::files::parent(to.path))?;
        crate::files::write_temp(to.path, bytes, entry.personal)
    })();
    let tmp = match written {
        Ok(tmp) => tmp,
        Err(e) => {
            store.log_export(&record(format!("échec : {e}")))?;
            return Err(fail(e));
        }
    };
    match store.log_export_with(&record("écrit".into()), || tmp.persist()) {
        Ok(()) => Ok(()),
        Err(StoreError::Io(e)) => {
            store.log_export(&record(format!("échec : {e}")))?;
            Err(fail(e))
        }
        Err(e) => {
            let _ = store.log_export(&record(format!("échec : {e}")));
            Err(e.into())
        }
    }
}

/// Exports a convention's note de synthèse to `path` and logs it.
pub fn synthesis_note<'a>(
    store: &mut Store,
    id: ConventionId,
    to: impl Into<Destination<'a>>,
    today: NaiveDate,
) -> Result<(), ExportError> {
    let overview = store.convention_overview(id)?;
    let settings = store.settings()?;
    let bytes = synthesis_note::render_pdf(&overview, &settings.letterhead(), today)?;
    write_logged(
        store,
        &bytes,
        to.into(),
        synthesis_note::DOCUMENT,
        Subject::Convention(id),
        Kind::Pdf,
    )
}

/// Exports the follow-up table of a convention's proposals to `path` and logs it.
pub fn followup<'a>(
    store: &mut Store,
    id: ConventionId,
    to: impl Into<Destination<'a>>,
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
        to.into(),
        report::followup::DOCUMENT,
        Subject::Convention(id),
        Kind::Pdf,
    )
}

/// Exports the latest version of a convention's rules of participation and logs it.
pub fn rules<'a>(
    store: &mut Store,
    id: ConventionId,
    to: impl Into<Destination<'a>>,
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
        to.into(),
        report::rules::DOCUMENT,
        Subject::Convention(id),
        Kind::Pdf,
    )
}

/// What a document is about, which says whether it holds personal data.
enum Subject {
    /// A convention's document: no personal data.
    Convention(ConventionId),
    /// A meeting's document: it names the participants.
    Meeting(MeetingId),
}

/// Delivers a convention's or a meeting's document (see [`deliver`]).
fn write_logged(
    store: &mut Store,
    bytes: &[u8],
    to: Destination,
    document: &str,
    subject: Subject,
    kind: Kind,
) -> Result<(), ExportError> {
    let (entity, id, personal) = match subject {
        Subject::Convention(id) => ("convention", id.0, false),
        Subject::Meeting(id) => ("meeting", id.0, true),
    };
    deliver(
        store,
        bytes,
        to,
        Entry {
            document,
            entity,
            entity_id: Some(id),
            personal,
            kind,
        },
    )
}

/// Writes the directory's contacts the filter keeps as CSV (UTF-8 with BOM, `;`) and
/// logs the export of personal data. Returns how many were written.
pub fn contacts_csv<'a>(
    store: &mut Store,
    filter: &crate::store::ContactFilter,
    to: impl Into<Destination<'a>>,
) -> Result<usize, ExportError> {
    let rows = store.contacts_page(filter, 0, u32::MAX)?;
    let mut out = String::from("\u{FEFF}");
    out.push_str("Civilité;Nom;Prénom;Structure;Fonction;Courriel;Téléphone;Adresse;Code postal;Ville;Secteur;Quartier;Type;Étiquettes;Notes\r\n");
    for r in &rows {
        let c = store.contact(r.id)?;
        let tags = c.tags.join(", ");
        let before = [
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
        ];
        let after = [
            c.address.as_str(),
            c.postal_code.as_str(),
            c.city.as_str(),
            c.sector.map_or("", |s| s.label()),
            c.neighbourhood.as_str(),
            c.kind.label(),
            tags.as_str(),
            c.notes.as_str(),
        ];
        // The phone stays readable (« +33 6… »); every other column is free text.
        let line = csv_line(&before);
        out.push_str(line.trim_end_matches("\r\n"));
        out.push(';');
        out.push_str(&number_cell(&c.phone));
        out.push(';');
        out.push_str(&csv_line(&after));
    }
    deliver(
        store,
        out.as_bytes(),
        to.into(),
        Entry {
            document: "Contacts (CSV)",
            entity: "contact",
            entity_id: None,
            personal: true,
            kind: Kind::Csv,
        },
    )?;
    Ok(rows.len())
}

/// The document name of a convention's calendar.
pub const CALENDAR: &str = "Calendrier (.ics)";

/// Writes a convention's sessions as an iCalendar file to `path` and logs it.
pub fn calendar<'a>(
    store: &mut Store,
    id: ConventionId,
    to: impl Into<Destination<'a>>,
) -> Result<(), ExportError> {
    let overview = store.convention_overview(id)?;
    let text = report::ics::calendar(
        &overview.convention,
        &overview.sessions,
        chrono::Utc::now().naive_utc(),
    );
    write_logged(
        store,
        text.as_bytes(),
        to.into(),
        CALENDAR,
        Subject::Convention(id),
        Kind::Calendar,
    )
}

/// Writes the contacts the filter keeps as vCards (3.0, one card each) and logs the
/// export of personal data. Returns how many were written.
pub fn vcards<'a>(
    store: &mut Store,
    filter: &crate::store::ContactFilter,
    to: impl Into<Destination<'a>>,
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
    deliver(
        store,
        out.as_bytes(),
        to.into(),
        Entry {
            document: "Contacts (vCard)",
            entity: "contact",
            entity_id: None,
            personal: true,
            kind: Kind::VCard,
        },
    )?;
    Ok(rows.len())
}

/// Writes a campaign's mail-merge file (the fields a letter needs; UTF-8 with BOM,
/// `;`), leaving out anyone who may no longer be written to. Logged. Returns the
/// lines written and the people left out.
pub fn mail_merge<'a>(
    store: &mut Store,
    campaign: i64,
    to: impl Into<Destination<'a>>,
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
    deliver(
        store,
        out.as_bytes(),
        to.into(),
        Entry {
            document: "Publipostage d'une campagne",
            entity: "campaign",
            entity_id: Some(campaign),
            personal: true,
            kind: Kind::Csv,
        },
    )?;
    Ok((written, left))
}

/// Writes everything the directory holds about one person (an access request) as
/// JSON to `path`, and logs it.
pub fn person_data<'a>(
    store: &mut Store,
    id: ContactId,
    to: impl Into<Destination<'a>>,
) -> Result<(), ExportError> {
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
    deliver(
        store,
        text.as_bytes(),
        to.into(),
        Entry {
            document: "Données d'une personne (droit d'accès)",
            entity: "contact",
            entity_id: Some(id.0),
            personal: true,
            kind: Kind::Json,
        },
    )?;
    Ok(())
}

/// Writes the recovery key of an encrypted store, with what to do with it, to a
/// private file, and logs it (the key itself is not logged).
pub fn recovery_key<'a>(
    store: &mut Store,
    to: impl Into<Destination<'a>>,
) -> Result<(), ExportError> {
    let key = store.key().ok_or(StoreError::NotEncrypted)?.recovery_text();
    let settings = store.settings()?;
    let text = format!(
        "{} — {}\r\nClé de secours de la base Agora\r\n\r\n{key}\r\n\r\n\
         Cette clé ouvre la base chiffrée à la place de sa phrase de passe (commande :\r\n\
         AGORA_CLE_DE_SECOURS=\"…\" agora …, ou « Clé de secours » à l’ouverture).\r\n\
         Imprimez-la, rangez-la sous clé, à part de l’ordinateur, puis supprimez ce fichier.\r\n\
         Sans la phrase de passe ni cette clé, les données ne peuvent pas être retrouvées.\r\n\
         Établie le {}.\r\n",
        settings.organisation,
        settings.mission,
        crate::domain::text::date_short(Local::now().date_naive())
    );
    deliver(
        store,
        text.as_bytes(),
        to.into(),
        Entry {
            document: "Clé de secours",
            entity: "settings",
            entity_id: None,
            personal: true,
            kind: Kind::Text,
        },
    )
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
pub fn minutes<'a>(
    store: &mut Store,
    id: MeetingId,
    to: impl Into<Destination<'a>>,
    today: NaiveDate,
) -> Result<(), ExportError> {
    let record = store.meeting_record(id)?;
    let settings = store.settings()?;
    let bytes = report::minutes::render_pdf(&record, &settings.letterhead(), today)?;
    write_logged(
        store,
        &bytes,
        to.into(),
        report::minutes::DOCUMENT,
        Subject::Meeting(id),
        Kind::Pdf,
    )
}

/// Exports a meeting's feuille d'émargement to `path` and logs it. Emails and phones
/// are printed only with `with_contact_details`.
pub fn attendance_sheet<'a>(
    store: &mut Store,
    id: MeetingId,
    to: impl Into<Destination<'a>>,
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
        to.into(),
        report::attendance_sheet::DOCUMENT,
        Subject::Meeting(id),
        Kind::Pdf,
    )
}
