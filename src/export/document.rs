//! The documents Agora writes, named by what they are about. A panel asks for one by
//! raising it (`panels::Event::Export`), the command line builds it from its words;
//! [`super::write`] renders it, delivers it and logs it. What the log and the file
//! dialog need to know of a document (its title, file kind, whether it holds personal
//! data, a file name) is said here, once.

use chrono::NaiveDate;

use super::Kind;
use crate::domain::activity::Period;
use crate::domain::attestation::AttestationScope;
use crate::domain::dossier::DossierChoice;
use crate::domain::ids::{ContactId, ConventionId, DispositifId, MeetingId};
use crate::domain::text::slug;
use crate::report;
use crate::report::interpellation::Paper;
use crate::store::ContactFilter;

/// A document to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// A convention's note de synthèse (PDF).
    Synthesis(ConventionId),
    /// A convention's whole dossier (PDF): the chosen sections and appendices.
    Dossier {
        convention: ConventionId,
        choice: DossierChoice,
    },
    /// The follow-up table of a convention's proposals (PDF).
    Followup(ConventionId),
    /// The latest version of a convention's rules of participation (PDF).
    Rules(ConventionId),
    /// A convention's sessions as an iCalendar file.
    Calendar(ConventionId),
    /// The rapport d'activité of a period (PDF).
    ActivityReport(Period),
    /// Attestations de participation, one page per person (PDF; personal data).
    Attestations(AttestationScope),
    /// A meeting's compte rendu (PDF; it names the participants).
    Minutes(MeetingId),
    /// A meeting's feuille d'émargement (PDF); emails and phones only when asked.
    AttendanceSheet {
        meeting: MeetingId,
        contact_details: bool,
    },
    /// A convention's current pool in the `sortition-algorithms` format (pseudonyms and
    /// attributes: personal data).
    Pool(ConventionId),
    /// A convention's quotas in the `sortition-algorithms` format.
    Quotas(ConventionId),
    /// The latest prepared lottery, the file published before a draw (JSON).
    Portfolio(ConventionId),
    /// The panel the latest draw picked, the file `agora draw verify` reads (CSV).
    Panel(ConventionId),
    /// The procès-verbal of the latest draw (PDF).
    DrawMinutes(ConventionId),
    /// An invitation sample, for the mail merge (CSV).
    InvitationSample {
        convention: ConventionId,
        sample: i64,
    },
    /// A campaign's mail-merge file (CSV), without anyone who may no longer be written to.
    MailMerge(i64),
    /// The directory's contacts a filter keeps (CSV).
    Contacts(ContactFilter),
    /// The same as vCards.
    VCards(ContactFilter),
    /// Everything the directory holds about one person: an access request (JSON).
    PersonData(ContactId),
    /// The recovery key of an encrypted store (text, to print).
    RecoveryKey,
    /// One of an interpellation's documents: the letter to its filer (personal data),
    /// its fiche, its mediation report.
    Interpellation(DispositifId, Paper),
    /// A consultative body's activity report of a year (PDF).
    BodyReport(DispositifId, i32),
    /// A participatory budget's results or delivery follow-up (PDF).
    Budget(DispositifId, report::budget::Paper),
    /// A note de veille: the notes a search finds, with a tag or not (PDF).
    Veille { search: String, tag: Option<String> },
    /// The fiche d'expérience of a convention or a dispositif (PDF).
    Experience(crate::domain::experience::Subject),
    /// A charter's text with what changed and why, or its table of contributions (PDF).
    Charter(crate::domain::ids::CharterId, report::charter::Paper),
}

impl Document {
    /// Its name in the export log and in the window's notices.
    pub fn title(&self) -> &'static str {
        match self {
            Document::Synthesis(_) => report::synthesis_note::DOCUMENT,
            Document::Dossier { .. } => report::dossier::DOCUMENT,
            Document::Followup(_) => report::followup::DOCUMENT,
            Document::Rules(_) => report::rules::DOCUMENT,
            Document::Calendar(_) => "Calendrier (.ics)",
            Document::Minutes(_) => report::minutes::DOCUMENT,
            Document::Attestations(_) => report::attestation::DOCUMENT,
            Document::ActivityReport(_) => report::activity::DOCUMENT,
            Document::AttendanceSheet { .. } => report::attendance_sheet::DOCUMENT,
            Document::Pool(_) => "Vivier (CSV)",
            Document::Quotas(_) => "Quotas (CSV)",
            Document::Portfolio(_) => "Portefeuille du tirage (JSON)",
            Document::Panel(_) => "Panel tiré (CSV)",
            Document::DrawMinutes(_) => report::draw_minutes::DOCUMENT,
            Document::InvitationSample { .. } => "Échantillon d'invitation (publipostage)",
            Document::MailMerge(_) => "Publipostage d'une campagne",
            Document::Contacts(_) => "Contacts (CSV)",
            Document::VCards(_) => "Contacts (vCard)",
            Document::PersonData(_) => "Données d'une personne (droit d'accès)",
            Document::RecoveryKey => "Clé de secours",
            Document::Interpellation(_, paper) => paper.title(),
            Document::BodyReport(..) => report::body::DOCUMENT,
            Document::Budget(_, paper) => paper.title(),
            Document::Veille { .. } => report::veille::DOCUMENT,
            Document::Experience(_) => report::experience::DOCUMENT,
            Document::Charter(_, paper) => paper.title(),
        }
    }

    /// The kind of file it is.
    pub fn kind(&self) -> Kind {
        match self {
            Document::Synthesis(_)
            | Document::Dossier { .. }
            | Document::Followup(_)
            | Document::Rules(_)
            | Document::Minutes(_)
            | Document::Attestations(_)
            | Document::ActivityReport(_)
            | Document::AttendanceSheet { .. }
            | Document::DrawMinutes(_)
            | Document::Interpellation(..)
            | Document::BodyReport(..)
            | Document::Budget(..)
            | Document::Veille { .. }
            | Document::Experience(_)
            | Document::Charter(..) => Kind::Pdf,
            Document::Calendar(_) => Kind::Calendar,
            Document::Pool(_)
            | Document::Quotas(_)
            | Document::Panel(_)
            | Document::InvitationSample { .. }
            | Document::MailMerge(_)
            | Document::Contacts(_) => Kind::Csv,
            Document::Portfolio(_) | Document::PersonData(_) => Kind::Json,
            Document::VCards(_) => Kind::VCard,
            Document::RecoveryKey => Kind::Text,
        }
    }

    /// Whether it is a printed document, which is written as PDF or as OpenDocument.
    pub fn printed(&self) -> bool {
        self.kind() == Kind::Pdf
    }

    /// The kind of file written at `path`: a printed document goes to OpenDocument when
    /// the name ends in `.odt`.
    pub fn kind_at(&self, path: &std::path::Path) -> Kind {
        match super::Format::of(path) {
            super::Format::Odt if self.printed() => Kind::Odt,
            _ => self.kind(),
        }
    }

    /// Whether it holds personal data: such a file is private to the user and its
    /// export is logged as personal.
    pub fn personal(&self) -> bool {
        if let Document::Dossier { choice, .. } = self {
            return choice.personal();
        }
        matches!(
            self,
            Document::Minutes(_)
                | Document::Attestations(_)
                | Document::AttendanceSheet { .. }
                | Document::Pool(_)
                | Document::InvitationSample { .. }
                | Document::MailMerge(_)
                | Document::Contacts(_)
                | Document::VCards(_)
                | Document::PersonData(_)
                | Document::RecoveryKey
                | Document::Interpellation(_, Paper::Letter)
        )
    }

    /// The file name a save dialog proposes: what it is, of what, and the day
    /// (« note-de-synthese-convention-1-2026-11-29.pdf »).
    pub fn file_name(&self, today: NaiveDate) -> String {
        self.file_name_as(self.kind(), today)
    }

    /// The same name for a file of `kind` (« ….odt » for the editable version).
    pub fn file_name_as(&self, kind: Kind, today: NaiveDate) -> String {
        let day = today.format("%Y-%m-%d");
        let ext = kind.extension();
        let of = |entity: &str, id: i64| {
            format!("{}-{entity}-{id}-{day}.{ext}", slug(self.title_for_files()))
        };
        match self {
            Document::Synthesis(c)
            | Document::Dossier { convention: c, .. }
            | Document::Followup(c)
            | Document::Rules(c)
            | Document::Calendar(c)
            | Document::DrawMinutes(c) => of("convention", c.0),
            Document::Minutes(m)
            | Document::AttendanceSheet { meeting: m, .. }
            | Document::Attestations(AttestationScope::Meeting(m)) => of("reunion", m.0),
            Document::Attestations(AttestationScope::Convention(c)) => of("convention", c.0),
            Document::Attestations(AttestationScope::Person { contact, .. }) => {
                of("contact", contact.0)
            }
            Document::ActivityReport(p) => format!(
                "rapport-d-activite-{}-{day}.{ext}",
                p.calendar_year()
                    .map_or_else(|| format!("{}-{}", p.from, p.to), |y| y.to_string())
            ),
            Document::Pool(_) => "vivier.csv".into(),
            Document::Quotas(_) => "quotas.csv".into(),
            Document::Portfolio(_) => "portefeuille.json".into(),
            Document::Panel(_) => "panel.csv".into(),
            Document::InvitationSample { sample, .. } => format!("invitations-{sample}.{ext}"),
            Document::MailMerge(c) => of("campagne", *c),
            Document::Contacts(_) | Document::VCards(_) => format!("contacts.{ext}"),
            Document::PersonData(c) => format!("donnees-contact-{c}-{day}.{ext}"),
            Document::RecoveryKey => format!("cle-de-secours-agora-{day}.{ext}"),
            Document::Interpellation(id, _) => of("interpellation", id.0),
            Document::Budget(id, _) => of("budget", id.0),
            Document::Veille { tag, .. } => match tag {
                Some(t) => format!("note-de-veille-{}-{day}.{ext}", slug(t)),
                None => format!("note-de-veille-{day}.{ext}"),
            },
            Document::BodyReport(id, year) => {
                format!("rapport-annuel-instance-{}-{year}-{day}.{ext}", id.0)
            }
            Document::Experience(crate::domain::experience::Subject::Convention(c)) => {
                of("convention", c.0)
            }
            Document::Experience(crate::domain::experience::Subject::Dispositif(d)) => {
                of("dispositif", d.0)
            }
            Document::Charter(id, _) => of("charte", id.0),
        }
    }

    /// The title without what the file name says already (its kind).
    fn title_for_files(&self) -> &'static str {
        match self {
            Document::Calendar(_) => "Calendrier",
            Document::MailMerge(_) => "Publipostage",
            other => other.title(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_what_of_what_and_when() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(
            Document::Synthesis(ConventionId(1)).file_name(day),
            "note-de-synthese-convention-1-2026-11-29.pdf"
        );
        assert_eq!(
            Document::Minutes(MeetingId(3)).file_name(day),
            "compte-rendu-reunion-3-2026-11-29.pdf"
        );
        assert_eq!(
            Document::Calendar(ConventionId(2)).file_name(day),
            "calendrier-convention-2-2026-11-29.ics"
        );
        assert_eq!(
            Document::MailMerge(4).file_name(day),
            "publipostage-campagne-4-2026-11-29.csv"
        );
        assert_eq!(
            Document::VCards(ContactFilter::default()).file_name(day),
            "contacts.vcf"
        );
    }
}
