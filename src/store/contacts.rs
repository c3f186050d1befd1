//! The directory: people and organisations, memberships, consents, participation.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{code, date, iso, now_stamp, opt_date, opt_iso};
use super::{Store, StoreError, Tx};
use crate::domain::codes::{AttendanceStatus, ConsentScope, ContactKind, ConventionRole, Sector};
use crate::domain::contact::{Consent, Contact};
use crate::domain::ids::{ContactId, ConventionId, MeetingId};

/// A line of the directory list.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub id: ContactId,
    pub name: String,
    pub organisation: String,
    pub kind: ContactKind,
    pub sector: Option<Sector>,
    pub email: String,
    pub phone: String,
}

/// What the directory list shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContactFilter {
    /// Words that must all begin a word of a name, organisation, email, notes or city
    /// (accents and case ignored).
    pub search: String,
    pub kind: Option<ContactKind>,
    pub sector: Option<Sector>,
    /// Only contacts whose retention review date has come by this day.
    pub review_due: Option<chrono::NaiveDate>,
    /// Only members of this fixed group.
    pub group: Option<i64>,
    /// Only contacts whose latest record for this scope is a consent.
    pub consent: Option<ConsentScope>,
    /// Only contacts carrying this tag (its name, case ignored).
    pub tag: Option<String>,
    /// The column the list is sorted by.
    pub sort: ContactSort,
}

/// A column the directory list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    /// Last name, or the organisation's name (the list's own index).
    #[default]
    Name,
    Organisation,
    Kind,
    Sector,
    Email,
}

/// The list's order: a column, ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ContactSort {
    pub column: SortColumn,
    pub descending: bool,
}

impl ContactSort {
    /// The ORDER BY terms; every order ends on the name, then the id, so pages never
    /// overlap.
    fn sql(self) -> String {
        let dir = if self.descending { "DESC" } else { "ASC" };
        let name = format!(
            "CASE WHEN is_organisation = 1 THEN organisation ELSE last_name END COLLATE NOCASE {dir}, \
             first_name COLLATE NOCASE {dir}, id {dir}"
        );
        match self.column {
            SortColumn::Name => name,
            SortColumn::Organisation => format!(
                "CASE WHEN is_organisation = 1 THEN '' ELSE organisation END COLLATE NOCASE {dir}, {name}"
            ),
            SortColumn::Kind => format!("kind {dir}, {name}"),
            SortColumn::Sector => format!("coalesce(sector, 'zz') {dir}, {name}"),
            SortColumn::Email => format!("email COLLATE NOCASE {dir}, {name}"),
        }
    }
}

impl ContactFilter {
    /// The filter as stored in a saved selection.
    pub(crate) fn to_query(&self) -> String {
        serde_json::json!({
            "search": self.search,
            "kind": self.kind.map(ContactKind::code),
            "sector": self.sector.map(Sector::code),
            "tag": self.tag,
        })
        .to_string()
    }

    /// A saved selection's filter.
    pub(crate) fn from_query(query: &str) -> Result<ContactFilter, StoreError> {
        let bad = || StoreError::BadValue(format!("sélection enregistrée illisible : {query}"));
        let v: serde_json::Value = serde_json::from_str(query).map_err(|_| bad())?;
        let kind = match v.get("kind").and_then(|k| k.as_str()) {
            Some(code) => Some(ContactKind::from_code(code).ok_or_else(bad)?),
            None => None,
        };
        let sector = match v.get("sector").and_then(|k| k.as_str()) {
            Some(code) => Some(Sector::from_code(code).ok_or_else(bad)?),
            None => None,
        };
        Ok(ContactFilter {
            search: v
                .get("search")
                .and_then(|s| s.as_str())
                .unwrap_or_default()
                .to_string(),
            kind,
            sector,
            tag: v.get("tag").and_then(|t| t.as_str()).map(str::to_string),
            ..ContactFilter::default()
        })
    }

    fn sql(&self) -> (String, Vec<String>) {
        let mut clauses = vec!["anonymised = 0".to_string()];
        let mut args = Vec::new();
        if let Some(query) = super::search::fts_query(&self.search) {
            args.push(query);
            clauses.push(format!(
                "id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?{})",
                args.len()
            ));
        }
        if let Some(kind) = self.kind {
            args.push(kind.code().to_string());
            clauses.push(format!("kind = ?{}", args.len()));
        }
        if let Some(sector) = self.sector {
            args.push(sector.code().to_string());
            clauses.push(format!("sector = ?{}", args.len()));
        }
        if let Some(group) = self.group {
            args.push(group.to_string());
            clauses.push(format!(
                "id IN (SELECT contact_id FROM group_members WHERE group_id = ?{})",
                args.len()
            ));
        }
        if let Some(scope) = self.consent {
            args.push(scope.code().to_string());
            let n = args.len();
            clauses.push(format!(
                "id IN (SELECT c.contact_id FROM consents c WHERE c.scope = ?{n} AND c.given = 1 \
                 AND NOT EXISTS (SELECT 1 FROM consents d WHERE d.contact_id = c.contact_id \
                 AND d.scope = c.scope AND (d.date > c.date OR (d.date = c.date AND d.id > c.id))))"
            ));
        }
        if let Some(tag) = self.tag.as_deref().filter(|t| !t.trim().is_empty()) {
            args.push(tag.trim().to_string());
            clauses.push(format!(
                "id IN (SELECT ct.contact_id FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id \
                 WHERE t.name = ?{})",
                args.len()
            ));
        }
        if let Some(day) = self.review_due {
            args.push(iso(day));
            clauses.push(format!(
                "retention_review IS NOT NULL AND retention_review <= ?{}",
                args.len()
            ));
        }
        (clauses.join(" AND "), args)
    }
}

const CONTACT_COLS: &str = "id, kind, is_organisation, civility, first_name, last_name, organisation, \
    role, email, phone, address, postal_code, city, sector, neighbourhood, notes, gender, age_band, csp, \
    diploma, do_not_contact, retention_review";

fn contact(r: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: ContactId(r.get(0)?),
        kind: code(r, 1)?,
        is_organisation: r.get(2)?,
        civility: r.get(3)?,
        first_name: r.get(4)?,
        last_name: r.get(5)?,
        organisation: r.get(6)?,
        role: r.get(7)?,
        email: r.get(8)?,
        phone: r.get(9)?,
        address: r.get(10)?,
        postal_code: r.get(11)?,
        city: r.get(12)?,
        sector: r
            .get::<_, Option<String>>(13)?
            .and_then(|s| Sector::from_code(&s)),
        neighbourhood: r.get(14)?,
        notes: r.get(15)?,
        gender: r.get(16)?,
        age_band: r.get(17)?,
        csp: r.get(18)?,
        diploma: r.get(19)?,
        do_not_contact: r.get(20)?,
        retention_review: opt_date(r, 21)?,
        tags: Vec::new(),
    })
}

/// A contact's role in a convention, for the contact sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Participation {
    pub convention: ConventionId,
    pub convention_title: String,
    pub role: ConventionRole,
}

/// A meeting a contact was invited to, for the contact sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingAttended {
    pub meeting: MeetingId,
    pub date: chrono::NaiveDate,
    pub title: String,
    pub status: AttendanceStatus,
}

impl Store {
    /// One page of the directory, in the filter's order.
    pub fn contacts_page(
        &self,
        filter: &ContactFilter,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<ContactRow>, StoreError> {
        let (clause, args) = filter.sql();
        // With no search, or words of one to three letters (they match a large share of
        // the directory), walking an index in the list's order and keeping the matches
        // is cheaper than sorting them all; a precise search sorts its few matches.
        let broad = filter
            .search
            .split(|c: char| !c.is_alphanumeric())
            .all(|w| w.chars().count() <= 3);
        let index = match filter.sort.column {
            SortColumn::Name if broad => "INDEXED BY contacts_sort",
            SortColumn::Email if broad => "INDEXED BY contacts_email",
            _ => "",
        };
        let sql = format!(
            "SELECT id, is_organisation, first_name, last_name, organisation, kind, sector, email, phone \
             FROM contacts {index} WHERE {clause} ORDER BY {} LIMIT {limit} OFFSET {offset}",
            filter.sort.sql()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let is_org: bool = r.get(1)?;
            let (first, last, org): (String, String, String) = (r.get(2)?, r.get(3)?, r.get(4)?);
            Ok(ContactRow {
                id: ContactId(r.get(0)?),
                name: if is_org {
                    org.clone()
                } else {
                    format!("{first} {last}")
                },
                organisation: if is_org { String::new() } else { org },
                kind: code(r, 5)?,
                sector: r
                    .get::<_, Option<String>>(6)?
                    .and_then(|s| Sector::from_code(&s)),
                email: r.get(7)?,
                phone: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many contacts the filter keeps.
    pub fn contacts_count(&self, filter: &ContactFilter) -> Result<u32, StoreError> {
        let (clause, args) = filter.sql();
        Ok(self.conn.query_row(
            &format!("SELECT count(*) FROM contacts WHERE {clause}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?)
    }

    /// One contact.
    pub fn contact(&self, id: ContactId) -> Result<Contact, StoreError> {
        read_contact(&self.conn, id)
    }

    /// A contact's consent history, oldest first.
    pub fn consents(&self, id: ContactId) -> Result<Vec<Consent>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT scope, given, date, channel, wording_version FROM consents WHERE contact_id = ?1 ORDER BY date, id",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(Consent {
                contact: id,
                scope: code(r, 0)?,
                given: r.get(1)?,
                date: date(r, 2)?,
                channel: code(r, 3)?,
                wording_version: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// For a person, the structures they belong to; for a structure, its members: the
    /// other side's id and name, and the role, by name.
    pub fn memberships(
        &self,
        id: ContactId,
    ) -> Result<Vec<(ContactId, String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT o.id, o.organisation, m.role FROM memberships m JOIN contacts o ON o.id = m.organisation_id \
             WHERE m.person_id = ?1 \
             UNION ALL \
             SELECT p.id, trim(p.first_name || ' ' || p.last_name), m.role FROM memberships m \
             JOIN contacts p ON p.id = m.person_id WHERE m.organisation_id = ?1 \
             ORDER BY 2 COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([id.0], |r| Ok((ContactId(r.get(0)?), r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The conventions a contact takes part in.
    pub fn participations(&self, id: ContactId) -> Result<Vec<Participation>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.title, r.role FROM convention_roles r JOIN conventions c ON c.id = r.convention_id \
             WHERE r.contact_id = ?1 ORDER BY c.start_date DESC",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(Participation {
                convention: ConventionId(r.get(0)?),
                convention_title: r.get(1)?,
                role: code(r, 2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The meetings a contact was invited to, newest first.
    pub fn meetings_attended(&self, id: ContactId) -> Result<Vec<MeetingAttended>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT m.id, m.date, m.title, a.status FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
             WHERE a.contact_id = ?1 ORDER BY m.date DESC",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(MeetingAttended {
                meeting: MeetingId(r.get(0)?),
                date: date(r, 1)?,
                title: r.get(2)?,
                status: code(r, 3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The insertion of a contact, every column of the sheet plus its timestamps.
pub(crate) const INSERT_CONTACT: &str = "INSERT INTO contacts (kind, is_organisation, civility, \
    first_name, last_name, organisation, role, email, phone, address, postal_code, city, sector, \
    neighbourhood, notes, gender, age_band, csp, diploma, do_not_contact, retention_review, \
    created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, \
    ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)";

/// Inserts one contact with a statement prepared from [`INSERT_CONTACT`].
/// One contact with its tags, through any connection (a transaction too).
pub(super) fn read_contact(
    conn: &rusqlite::Connection,
    id: ContactId,
) -> Result<Contact, StoreError> {
    conn.query_row(
        &format!("SELECT {CONTACT_COLS} FROM contacts WHERE id = ?1"),
        [id.0],
        contact,
    )
    .optional()?
    .ok_or(StoreError::NotFound("contact", id.0))
    .and_then(|mut c| {
        c.tags = super::tags::tags_of(conn, id)?;
        Ok(c)
    })
}

pub(crate) fn insert_row(
    stmt: &mut rusqlite::Statement<'_>,
    c: &Contact,
    now: &str,
) -> rusqlite::Result<usize> {
    stmt.execute(params![
        c.kind.code(),
        c.is_organisation,
        c.civility,
        c.first_name,
        c.last_name,
        c.organisation,
        c.role,
        c.email,
        c.phone,
        c.address,
        c.postal_code,
        c.city,
        c.sector.map(|s| s.code()),
        c.neighbourhood,
        c.notes,
        c.gender,
        c.age_band,
        c.csp,
        c.diploma,
        c.do_not_contact,
        opt_iso(c.retention_review),
        now
    ])
}

impl Tx<'_> {
    pub(crate) fn insert_contact(&self, c: &Contact) -> Result<ContactId, StoreError> {
        c.validate()?;
        insert_row(&mut self.prepare(INSERT_CONTACT)?, c, &now_stamp())?;
        let id = self.last_insert_rowid();
        super::tags::add_tags(self, id, &c.tags)?;
        self.journal(
            "create",
            "contact",
            Some(id),
            &format!("Contact « {} » créé", super::journal::person(id)),
        )?;
        Ok(ContactId(id))
    }

    pub(crate) fn insert_consent(&self, c: &Consent) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO consents (contact_id, scope, given, date, channel, wording_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![c.contact.0, c.scope.code(), c.given, iso(c.date), c.channel.code(), c.wording_version],
        )?;
        let verb = if c.given { "donné" } else { "retiré" };
        self.journal(
            "consent",
            "contact",
            Some(c.contact.0),
            &format!(
                "Consentement « {} » {verb} ({})",
                c.scope.label(),
                c.channel.label()
            ),
        )
    }

    pub(crate) fn insert_membership(
        &self,
        person: ContactId,
        organisation: ContactId,
        role: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO memberships (person_id, organisation_id, role) VALUES (?1, ?2, ?3)",
            params![person.0, organisation.0, role],
        )?;
        self.journal(
            "create",
            "membership",
            Some(self.last_insert_rowid()),
            &format!("Contact n° {person} rattaché à la structure n° {organisation}"),
        )
    }

    /// A group filled with the contacts `select` returns (a query without parameters).
    pub(crate) fn insert_group(&self, name: &str, select: &str) -> Result<i64, StoreError> {
        self.execute("INSERT INTO groups (name) VALUES (?1)", [name])?;
        let id = self.last_insert_rowid();
        let members = self.execute(
            &format!(
                "INSERT INTO group_members (group_id, contact_id) SELECT ?1, id FROM ({select})"
            ),
            [id],
        )?;
        self.journal(
            "create",
            "group",
            Some(id),
            &format!("Groupe « {name} » créé avec {members} membre(s)"),
        )?;
        Ok(id)
    }
}
