//! Attached files (pièces jointes): what record a file belongs to, what is known of
//! it, and how its size is said. The bytes live in the data folder under their SHA-256
//! (see `store::attachments`); here only the plain facts.

use chrono::NaiveDateTime;

use super::ids::{CallId, ContactId, ConventionId, DispositifId, MeetingId, ProposalId, SessionId};

/// The record a file is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Convention(ConventionId),
    Session(SessionId),
    Meeting(MeetingId),
    Proposal(ProposalId),
    Dispositif(DispositifId),
    Contact(ContactId),
    /// A veille note (its id).
    VeilleNote(i64),
    Call(CallId),
}

impl Owner {
    /// Every owner column of the attachments table, in the order [`Owner::from_columns`]
    /// reads them.
    pub const COLUMNS: [&'static str; 8] = [
        "convention_id",
        "session_id",
        "meeting_id",
        "proposal_id",
        "dispositif_id",
        "contact_id",
        "veille_note_id",
        "call_id",
    ];

    /// The attachments table's column that holds this owner.
    pub fn column(self) -> &'static str {
        Self::COLUMNS[self.index()]
    }

    fn index(self) -> usize {
        match self {
            Owner::Convention(_) => 0,
            Owner::Session(_) => 1,
            Owner::Meeting(_) => 2,
            Owner::Proposal(_) => 3,
            Owner::Dispositif(_) => 4,
            Owner::Contact(_) => 5,
            Owner::VeilleNote(_) => 6,
            Owner::Call(_) => 7,
        }
    }

    /// The record's id.
    pub fn id(self) -> i64 {
        match self {
            Owner::Convention(i) => i.0,
            Owner::Session(i) => i.0,
            Owner::Meeting(i) => i.0,
            Owner::Proposal(i) => i.0,
            Owner::Dispositif(i) => i.0,
            Owner::Contact(i) => i.0,
            Owner::VeilleNote(i) => i,
            Owner::Call(i) => i.0,
        }
    }

    /// The owner whose column is the `index`-th of [`Owner::COLUMNS`].
    pub fn from_column(index: usize, id: i64) -> Option<Owner> {
        Some(match index {
            0 => Owner::Convention(ConventionId(id)),
            1 => Owner::Session(SessionId(id)),
            2 => Owner::Meeting(MeetingId(id)),
            3 => Owner::Proposal(ProposalId(id)),
            4 => Owner::Dispositif(DispositifId(id)),
            5 => Owner::Contact(ContactId(id)),
            6 => Owner::VeilleNote(id),
            7 => Owner::Call(CallId(id)),
            _ => return None,
        })
    }

    /// What kind of record it is, as a noun with its article (« la réunion »).
    pub fn kind_label(self) -> &'static str {
        match self {
            Owner::Convention(_) => "la convention",
            Owner::Session(_) => "la séance",
            Owner::Meeting(_) => "la réunion",
            Owner::Proposal(_) => "la proposition",
            Owner::Dispositif(_) => "le dispositif",
            Owner::Contact(_) => "la fiche contact",
            Owner::VeilleNote(_) => "la note de veille",
            Owner::Call(_) => "l’appel à projets",
        }
    }
}

/// One attached file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: i64,
    /// SHA-256 of the bytes, in lowercase hexadecimal: the file's name on disk.
    pub hash: String,
    /// The name the file had when it was attached.
    pub name: String,
    pub size: u64,
    pub added_at: NaiveDateTime,
    /// A scan of the signed attendance sheet (émargement) of the meeting it belongs to.
    pub signed_sheet: bool,
    /// `None` once the record it belonged to was deleted and the file kept.
    pub owner: Option<Owner>,
    /// The owning record's title (« Séance 2 — … »), empty without owner.
    pub owner_title: String,
}

/// Whether `name` is a SHA-256 in lowercase hexadecimal (a stored file's name).
pub fn is_hash(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A size said in French (« 830 octets », « 12 Ko », « 3,4 Mo », « 1,2 Go »).
pub fn size_label(bytes: u64) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes}\u{a0}octets")
    } else if b < K * K {
        format!("{}\u{a0}Ko", (b / K).round() as u64)
    } else if b < K * K * K {
        format!("{}\u{a0}Mo", one_decimal(b / (K * K)))
    } else {
        format!("{}\u{a0}Go", one_decimal(b / (K * K * K)))
    }
}

fn one_decimal(x: f64) -> String {
    format!("{:.1}", x).replace('.', ",")
}

/// The largest file Agora copies in (a film of a whole session is not an attachment).
pub const MAX_SIZE: u64 = 512 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_french() {
        assert_eq!(size_label(0), "0\u{a0}octets");
        assert_eq!(size_label(1023), "1023\u{a0}octets");
        assert_eq!(size_label(12 * 1024 + 100), "12\u{a0}Ko");
        assert_eq!(size_label(3_565_158), "3,4\u{a0}Mo");
        assert_eq!(size_label(1_288_490_189), "1,2\u{a0}Go");
    }

    #[test]
    fn owners_round_trip_through_their_column() {
        let all = [
            Owner::Convention(ConventionId(1)),
            Owner::Session(SessionId(2)),
            Owner::Meeting(MeetingId(3)),
            Owner::Proposal(ProposalId(4)),
            Owner::Dispositif(DispositifId(5)),
            Owner::Contact(ContactId(6)),
            Owner::VeilleNote(7),
            Owner::Call(CallId(8)),
        ];
        for o in all {
            let i = Owner::COLUMNS
                .iter()
                .position(|c| *c == o.column())
                .unwrap();
            assert_eq!(Owner::from_column(i, o.id()), Some(o));
        }
        assert_eq!(Owner::from_column(8, 1), None);
    }

    #[test]
    fn hashes_are_recognised() {
        assert!(is_hash(&"a1".repeat(32)));
        assert!(!is_hash(&"A1".repeat(32)));
        assert!(!is_hash("agora.sqlite"));
        assert!(!is_hash(&format!("{}.tmp", "a1".repeat(32))));
    }
}
