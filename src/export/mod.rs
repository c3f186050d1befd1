//! Turning a record into a document on disk, and logging it: the glue the window and
//! the CLI share, so that both produce the same bytes and the same log line.
//!
//! One shape for every document: a [`Document`] names it; [`write`] renders it (the
//! store hands the data to `report`, or the module of its subject lays out a CSV, a
//! vCard, a JSON), then [`deliver`]s the bytes — destination checked, temporary file,
//! flush, log and rename in one transaction. A new document is a variant of
//! `Document`, its render function in the module of its subject, and one line in
//! `write`; the window and the command line reach it with no other change.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use thiserror::Error;

use crate::domain::ids::ConventionId;
use crate::domain::journal::ExportRecord;
use crate::report::ReportError;
use crate::store::{Store, StoreError};

mod activity;
mod attestation;
mod charter;
mod contacts;
mod convention;
mod csv;
mod demo_files;
mod dispositif;
mod document;
mod dossier;
mod draw;
mod experience;
mod meeting;
pub use csv::{
    csv_cell, csv_line, neutralise, number_cell, write_panel, write_pool, write_probabilities,
    write_quotas,
};
pub use demo_files::attach_demo_files;
pub use document::Document;
pub use draw::selection_list;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error("Le fichier « {} » n’a pas pu être écrit : {}. Rien n’a été laissé à moitié écrit.", path.display(), crate::files::reason(source))]
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
    #[error("{}", .0.sentence())]
    Missing(Missing),
    #[error("Le portefeuille de ce tirage ne passe pas la vérification ({}) : aucun procès-verbal n’a été écrit.", .0.join(" ; "))]
    Unverified(Vec<String>),
}

impl ExportError {
    /// The kind of failure, for the support log (no path, no name).
    pub fn kind(&self) -> &'static str {
        match self {
            ExportError::Store(_) => "store",
            ExportError::Report(_) => "report",
            ExportError::Write { .. } => "write",
            ExportError::IntoDataFolder(_) => "into-data-folder",
            ExportError::IsFolder(_) => "is-folder",
            ExportError::WouldReplace(_) => "would-replace",
            ExportError::Missing(_) => "missing",
            ExportError::Unverified(_) => "unverified",
        }
    }
}

/// What a document needs that its convention does not have yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Rules,
    Pool,
    Quotas,
    Draw,
    /// The draw was not made from a published list: it has no verifiable PV.
    PublishedList,
    Portfolio,
    /// Nobody is marked present: there is nothing to attest.
    Presence,
    /// The interpellation's supports opened no mediation or workshop.
    Mediation,
    /// No note of the veille matches.
    Notes,
}

impl Missing {
    fn sentence(self) -> &'static str {
        match self {
            Missing::Rules => "Cette convention n’a pas encore de règles du jeu enregistrées.",
            Missing::Pool => "Cette convention n’a pas de vivier.",
            Missing::Quotas => "Cette convention n’a pas encore de quotas.",
            Missing::Draw => "Cette convention n’a pas encore de tirage.",
            Missing::PublishedList => {
                "Ce tirage n’a pas été fait depuis une liste publiée : il n’a pas de procès-verbal vérifiable."
            }
            Missing::Portfolio => "Cette convention n’a pas de loterie préparée.",
            Missing::Notes => "Aucune note de veille ne correspond : rien n’a été écrit.",
            Missing::Mediation => {
                "Cette interpellation n’a pas de médiation : ses soutiens n’en ont pas ouvert (ou la collecte n’est pas finie)."
            }
            Missing::Presence => {
                "Personne n’est noté·e présent·e ici : il n’y a rien à attester. Marquez d’abord les présences (Réunions → la réunion → Émargement)."
            }
        }
    }
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

/// How a printed document is written: as a PDF, or as OpenDocument text (the
/// accessible, editable version). The file name's extension chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Odt,
}

impl Format {
    /// OpenDocument for a name ending in `.odt`, else PDF.
    pub fn of(path: &Path) -> Format {
        let odt = path
            .extension()
            .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("odt"));
        if odt { Format::Odt } else { Format::Pdf }
    }

    /// The document's bytes in this format.
    fn render(self, doc: &crate::report::layout::Document) -> Result<Vec<u8>, ReportError> {
        match self {
            Format::Pdf => crate::report::layout::render(doc),
            Format::Odt => crate::report::odt::render(doc),
        }
    }
}

/// The kind of file an export writes: an existing file of the same kind (an earlier
/// export) may be replaced without asking, any other only when the person said so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Odt,
    Csv,
    Json,
    Calendar,
    VCard,
    Text,
}

impl Kind {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Odt => "odt",
            Kind::Csv => "csv",
            Kind::Json => "json",
            Kind::Calendar => "ics",
            Kind::VCard => "vcf",
            Kind::Text => "txt",
        }
    }

    /// What a save dialog's filter calls it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Pdf => "Document PDF",
            Kind::Odt => "Document OpenDocument (texte modifiable)",
            Kind::Csv => "Fichier CSV",
            Kind::Json => "Fichier JSON",
            Kind::Calendar => "Calendrier iCalendar",
            Kind::VCard => "Cartes de visite vCard",
            Kind::Text => "Fichier texte",
        }
    }

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
            Kind::Odt => {
                head.starts_with(b"PK\x03\x04")
                    && head
                        .windows(crate::report::odt::MIME.len())
                        .any(|w| w == crate::report::odt::MIME.as_bytes())
            }
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
    entity: &'static str,
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
            store.log_export(&record(format!("échec : {}", crate::files::reason(&e))))?;
            return Err(fail(e));
        }
    };
    match store.log_export_with(&record("écrit".into()), || tmp.persist()) {
        Ok(()) => Ok(()),
        Err(StoreError::Io(e)) => {
            store.log_export(&record(format!("échec : {}", crate::files::reason(&e))))?;
            Err(fail(e))
        }
        Err(e) => {
            let _ = store.log_export(&record(format!("échec : {e}")));
            Err(e.into())
        }
    }
}

/// What was written, for the person: how many lines or people a list holds, and how
/// many were left out (withdrawn consent, opposition).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub lines: Option<usize>,
    pub left_out: usize,
}

impl Written {
    /// What the person reads once `document` is written at `path`.
    pub fn sentence(&self, document: &Document, path: &Path) -> String {
        let mut s = format!("{} — fichier écrit : {}", document.title(), path.display());
        if let Some(n) = self.lines {
            s.push_str(&format!(" ({n} ligne{})", if n > 1 { "s" } else { "" }));
        }
        if self.left_out > 0 {
            s.push_str(&format!(
                " ; {} personne(s) laissée(s) de côté : retrait du consentement ou opposition",
                self.left_out
            ));
        }
        s.push('.');
        s
    }
}

/// A document rendered, before it is delivered: its bytes, the record the log names,
/// and what to tell the person.
struct Rendered {
    bytes: Vec<u8>,
    entity: &'static str,
    entity_id: Option<i64>,
    written: Written,
}

impl Rendered {
    /// A document about one record.
    fn about(entity: &'static str, id: i64, bytes: Vec<u8>) -> Rendered {
        Rendered {
            bytes,
            entity,
            entity_id: Some(id),
            written: Written::default(),
        }
    }

    /// A convention's document.
    fn of_convention(bytes: Vec<u8>, id: ConventionId) -> Rendered {
        Rendered::about("convention", id.0, bytes)
    }

    /// A list of `lines` records of `entity`, `left_out` more left out.
    fn list(entity: &'static str, bytes: Vec<u8>, lines: usize, left_out: usize) -> Rendered {
        Rendered {
            bytes,
            entity,
            entity_id: None,
            written: Written {
                lines: Some(lines),
                left_out,
            },
        }
    }
}

/// Renders `document`, writes it where `to` says and logs it (see [`deliver`]).
/// A document that cannot be rendered (no rules yet, a portfolio that fails its
/// verification…) writes nothing.
pub fn write<'a>(
    store: &mut Store,
    document: &Document,
    to: impl Into<Destination<'a>>,
    today: NaiveDate,
) -> Result<Written, ExportError> {
    let to = to.into();
    let format = Format::of(to.path);
    let kind = document.kind_at(to.path);
    let r = match document {
        Document::Synthesis(id) => convention::synthesis(store, *id, format, today),
        Document::Dossier { convention, choice } => {
            dossier::dossier(store, *convention, choice, format, today)
        }
        Document::Followup(id) => convention::followup(store, *id, format, today),
        Document::Rules(id) => convention::rules(store, *id, format, today),
        Document::Calendar(id) => convention::calendar(store, *id),
        Document::Minutes(id) => meeting::minutes(store, *id, format, today),
        Document::Attestations(scope) => attestation::attestations(store, *scope, format, today),
        Document::ActivityReport(period) => activity::report(store, *period, format, today),
        Document::AttendanceSheet {
            meeting: id,
            contact_details,
        } => meeting::attendance_sheet(store, *id, *contact_details, format, today),
        Document::Pool(id) => draw::draw_file(store, *id, draw::DrawFile::Pool),
        Document::Quotas(id) => draw::draw_file(store, *id, draw::DrawFile::Quotas),
        Document::Portfolio(id) => draw::portfolio_json(store, *id),
        Document::Panel(id) => draw::panel_csv(store, *id),
        Document::DrawMinutes(id) => draw::draw_minutes(store, *id, format, today),
        Document::InvitationSample { convention, sample } => {
            draw::invitation_sample(store, *convention, *sample)
        }
        Document::MailMerge(id) => contacts::mail_merge(store, *id),
        Document::Contacts(filter) => contacts::contacts_csv(store, filter),
        Document::VCards(filter) => contacts::vcards(store, filter),
        Document::PersonData(id) => contacts::person_data(store, *id),
        Document::RecoveryKey => contacts::recovery_key(store),
        Document::Interpellation(id, paper) => {
            dispositif::interpellation(store, *id, *paper, format, today)
        }
        Document::BodyReport(id, year) => dispositif::body_report(store, *id, *year, format, today),
        Document::Budget(id, paper) => dispositif::budget(store, *id, *paper, format, today),
        Document::Veille { search, tag } => veille(store, search, tag.as_deref(), format, today),
        Document::Experience(subject) => experience::fiche(store, *subject, format, today),
        Document::Charter(id, paper) => charter::charter(store, *id, *paper, format, today),
    }
    .and_then(|r| {
        deliver(
            store,
            &r.bytes,
            to,
            Entry {
                document: document.title(),
                entity: r.entity,
                entity_id: r.entity_id,
                personal: document.personal(),
                kind,
            },
        )?;
        Ok(r)
    });
    match &r {
        Ok(r) => tracing::info!(
            document = document.title(),
            entity = r.entity,
            id = r.entity_id,
            "export written"
        ),
        Err(e) => tracing::warn!(
            document = document.title(),
            kind = e.kind(),
            "export failed"
        ),
    }
    Ok(r?.written)
}

/// Puts the organisation's logo (Paramètres) on a document's cover, if it has both.
fn with_logo(store: &Store, doc: &mut crate::report::layout::Document) -> Result<(), ExportError> {
    if let Some(cover) = doc.cover.as_mut() {
        cover.logo = store.logo()?.map(|l| l.bytes);
    }
    Ok(())
}

/// Where documents go when no file dialog can open: Documents/Agora.
pub fn fallback_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(Path::to_path_buf))
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
        .unwrap_or_else(std::env::temp_dir)
        .join("Agora")
}

/// A note de veille of the notes `search` finds, with `tag` if given.
fn veille(
    store: &Store,
    search: &str,
    tag: Option<&str>,
    format: Format,
    today: NaiveDate,
) -> Result<Rendered, ExportError> {
    let notes = store.veille(search, tag)?;
    if notes.is_empty() {
        return Err(ExportError::Missing(Missing::Notes));
    }
    let mut chosen = Vec::new();
    if let Some(t) = tag {
        chosen.push(format!("étiquette « {t} »"));
    }
    if !search.trim().is_empty() {
        chosen.push(format!("recherche « {} »", search.trim()));
    }
    if chosen.is_empty() {
        chosen.push("toutes les notes".into());
    }
    let doc = crate::report::veille::build(
        &notes,
        &chosen.join(", "),
        &store.settings()?.letterhead(),
        today,
    );
    Ok(Rendered {
        bytes: format.render(&doc)?,
        entity: "veille",
        entity_id: None,
        written: Written::default(),
    })
}
