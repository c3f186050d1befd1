//! Duplicates in the directory: pairs of contacts that look like the same person or
//! structure, and the merge of one into the other that keeps every link.

use rusqlite::params;

use super::row::now_stamp;
use super::{Store, StoreError};
use crate::domain::ids::ContactId;

/// Two contacts that look like one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicatePair {
    /// The older record, kept by default.
    pub first: ContactId,
    pub first_name: String,
    /// Email, phone, address and postal code, as the sheets hold them.
    pub first_details: String,
    pub second: ContactId,
    pub second_name: String,
    pub second_details: String,
    /// Why they look alike: "Même courriel", "Mêmes nom et téléphone"…
    pub reason: &'static str,
}

/// A contact's display name from the row (person or organisation).
const NAME: &str = "CASE WHEN {t}.is_organisation = 1 THEN {t}.organisation \
                    ELSE trim({t}.first_name || ' ' || {t}.last_name) END";

/// What tells two namesakes apart (empty values left out).
const DETAILS: &str = "concat_ws(' · ', nullif({t}.email, ''), nullif({t}.phone, ''), \
                       nullif(trim({t}.address || ' ' || {t}.postal_code || ' ' || {t}.city), ''))";

/// Tables whose rows point at a contact, and the column that does. A row that would
/// clash with one the kept contact already has is left behind and goes with the other.
const LINKS: [(&str, &str); 14] = [
    ("memberships", "person_id"),
    ("memberships", "organisation_id"),
    ("convention_roles", "contact_id"),
    ("contact_tags", "contact_id"),
    ("group_members", "contact_id"),
    ("consents", "contact_id"),
    ("campaign_recipients", "contact_id"),
    ("attendance", "contact_id"),
    ("pool_members", "contact_id"),
    ("body_members", "contact_id"),
    ("veille_links", "contact_id"),
    ("attachments", "contact_id"),
    ("charter_contributions", "contact_id"),
    ("journal", "entity_id"),
];

impl Store {
    /// Pairs of contacts that look like duplicates, oldest pairs first, at most `limit`:
    /// the same email; the same first and last names with the same phone (spaces and
    /// dots ignored) or postal code; organisations of the same name.
    pub fn duplicate_pairs(&self, limit: u32) -> Result<Vec<DuplicatePair>, StoreError> {
        let phone = |t: &str| format!("replace(replace({t}.phone, ' ', ''), '.', '')");
        let (pa, pb) = (phone("a"), phone("b"));
        // Each rule walks the directory in id order and looks its twins up by index, so
        // the first `limit` pairs come without pairing the whole directory.
        let rules = [
            (
                "'Même courriel'".to_string(),
                "b.email = a.email COLLATE NOCASE".to_string(),
                "a.email <> ''".to_string(),
            ),
            (
                format!(
                    "CASE WHEN a.phone <> '' AND {pa} = {pb} THEN 'Mêmes nom et téléphone' \
                     ELSE 'Mêmes nom et code postal' END"
                ),
                "b.last_name = a.last_name COLLATE NOCASE AND b.first_name = a.first_name COLLATE NOCASE \
                 AND b.is_organisation = 0"
                    .to_string(),
                format!(
                    "a.is_organisation = 0 AND a.last_name <> '' AND ((a.phone <> '' AND {pa} = {pb}) \
                     OR (a.postal_code <> '' AND a.postal_code = b.postal_code))"
                ),
            ),
            (
                "'Même nom de structure'".to_string(),
                "b.organisation = a.organisation COLLATE NOCASE AND b.is_organisation = 1"
                    .to_string(),
                "a.is_organisation = 1 AND a.organisation <> ''".to_string(),
            ),
        ];
        let mut pairs: Vec<DuplicatePair> = Vec::new();
        for (reason, join, filter) in rules {
            let sql = format!(
                "SELECT a.id, {na}, {da}, b.id, {nb}, {db}, {reason} FROM contacts a \
                 JOIN contacts b ON {join} AND b.id > a.id AND b.anonymised = 0 \
                 WHERE a.anonymised = 0 AND {filter} \
                   AND NOT EXISTS (SELECT 1 FROM distinct_contacts d WHERE d.first_id = a.id AND d.second_id = b.id) \
                 ORDER BY a.id, b.id LIMIT ?1",
                na = NAME.replace("{t}", "a"),
                da = DETAILS.replace("{t}", "a"),
                nb = NAME.replace("{t}", "b"),
                db = DETAILS.replace("{t}", "b"),
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map([limit], |r| {
                let reason: String = r.get(6)?;
                Ok(DuplicatePair {
                    first: ContactId(r.get(0)?),
                    first_name: r.get(1)?,
                    first_details: r.get(2)?,
                    second: ContactId(r.get(3)?),
                    second_name: r.get(4)?,
                    second_details: r.get(5)?,
                    reason: match reason.as_str() {
                        "Même courriel" => "Même courriel",
                        "Mêmes nom et téléphone" => "Mêmes nom et téléphone",
                        "Mêmes nom et code postal" => "Mêmes nom et code postal",
                        _ => "Même nom de structure",
                    },
                })
            })?;
            for pair in rows {
                let pair = pair?;
                if !pairs
                    .iter()
                    .any(|p| (p.first, p.second) == (pair.first, pair.second))
                {
                    pairs.push(pair);
                }
            }
        }
        pairs.sort_by_key(|p| (p.first, p.second));
        pairs.truncate(limit as usize);
        Ok(pairs)
    }

    /// Records that two contacts the finder paired are different people: the pair is
    /// no longer proposed.
    pub fn mark_distinct(&mut self, a: ContactId, b: ContactId) -> Result<(), StoreError> {
        let (first, second) = (a.min(b), a.max(b));
        self.contact(first)?;
        self.contact(second)?;
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO distinct_contacts (first_id, second_id) VALUES (?1, ?2)",
                params![first.0, second.0],
            )?;
            tx.journal(
                "update",
                "contact",
                Some(first.0),
                &format!(
                    "« {} » (n° {first}) et « {} » (n° {second}) sont deux personnes différentes",
                    super::journal::person(first),
                    super::journal::person(second)
                ),
            )
        })
    }

    /// Merges `other` into `keep`: empty fields of `keep` are filled from `other`, notes
    /// are joined, and every link (memberships, roles, tags, groups, consents, campaign
    /// statuses, attendance, pool entries, journal) moves to `keep`. Where both had a
    /// link to the same thing (the same meeting, say), `keep`'s stays. Then `other` is
    /// deleted. One transaction, after a backup.
    pub fn merge_contacts(&mut self, keep: ContactId, other: ContactId) -> Result<(), StoreError> {
        if keep == other {
            return Err(StoreError::Refused(
                "un contact ne peut pas être fusionné avec lui-même".into(),
            ));
        }
        self.contact(keep)?;
        self.contact(other)?;
        self.backup_now("avant-fusion-contacts")?;
        self.write(|tx| {
            let fill = [
                "civility",
                "first_name",
                "last_name",
                "organisation",
                "role",
                "email",
                "phone",
                "address",
                "postal_code",
                "city",
                "neighbourhood",
                "gender",
                "age_band",
                "csp",
                "diploma",
            ]
            .iter()
            .map(|c| format!("{c} = CASE WHEN k.{c} = '' THEN o.{c} ELSE k.{c} END"))
            .collect::<Vec<_>>()
            .join(", ");
            tx.execute(
                &format!(
                    "UPDATE contacts AS k SET {fill}, \
                        sector = coalesce(k.sector, o.sector), \
                        notes = CASE WHEN o.notes = '' THEN k.notes WHEN k.notes = '' THEN o.notes \
                                ELSE k.notes || char(10) || o.notes END, \
                        do_not_contact = max(k.do_not_contact, o.do_not_contact), \
                        updated_at = ?3 \
                     FROM contacts AS o WHERE k.id = ?1 AND o.id = ?2"
                ),
                params![keep.0, other.0, now_stamp()],
            )?;
            for (table, column) in LINKS {
                let only_contacts = if table == "journal" {
                    " AND entity = 'contact'"
                } else {
                    ""
                };
                tx.execute(
                    &format!(
                        "UPDATE OR IGNORE {table} SET {column} = ?1 WHERE {column} = ?2{only_contacts}"
                    ),
                    params![keep.0, other.0],
                )?;
            }
            // A membership of the merged structure in itself is meaningless.
            tx.execute(
                "DELETE FROM memberships WHERE person_id = organisation_id",
                [],
            )?;
            tx.execute("DELETE FROM contacts WHERE id = ?1", [other.0])?;
            tx.journal(
                "merge",
                "contact",
                Some(keep.0),
                &format!(
                    "Fiche « {} » (n° {}) fusionnée dans « {} » : liens, consentements et participations repris",
                    super::journal::person(other),
                    other.0,
                    super::journal::person(keep)
                ),
            )
        })
    }
}
