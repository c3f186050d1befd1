//! A person's links seen from their sheet: the structures they belong to (attached and
//! detached there) and the campaigns that reached them, with their answer.

use chrono::NaiveDate;
use rusqlite::params;

use super::row::{code, opt_date};
use super::{Store, StoreError};
use crate::domain::codes::RecipientStatus;
use crate::domain::ids::ContactId;

/// A campaign that reached a contact, for their sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignHistory {
    pub campaign: i64,
    pub name: String,
    pub created_on: NaiveDate,
    pub status: RecipientStatus,
    pub updated_on: Option<NaiveDate>,
}

impl Store {
    /// Every organisation of the directory (id, name), by name.
    pub fn organisations(&self) -> Result<Vec<(ContactId, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, organisation FROM contacts WHERE is_organisation = 1 AND anonymised = 0 \
             ORDER BY organisation COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| Ok((ContactId(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Attaches a person to a structure with a role; a second attachment to the same
    /// structure updates the role.
    pub fn attach_to_organisation(
        &mut self,
        person: ContactId,
        organisation: ContactId,
        role: &str,
    ) -> Result<(), StoreError> {
        let (p, o) = (self.contact(person)?, self.contact(organisation)?);
        if p.is_organisation || !o.is_organisation {
            return Err(StoreError::Refused(format!(
                "« {} » ne peut pas être rattaché·e à « {} » : une personne se rattache à une structure",
                p.display_name(),
                o.display_name()
            )));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO memberships (person_id, organisation_id, role) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (person_id, organisation_id) DO UPDATE SET role = excluded.role",
                params![person.0, organisation.0, role.trim()],
            )?;
            tx.journal(
                "update",
                "contact",
                Some(person.0),
                &format!(
                    "Rattaché·e à « {} »{}",
                    super::journal::person(organisation),
                    if role.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", role.trim())
                    }
                ),
            )
        })
    }

    /// Detaches a person from a structure.
    pub fn detach_from_organisation(
        &mut self,
        person: ContactId,
        organisation: ContactId,
    ) -> Result<(), StoreError> {
        self.contact(organisation)?;
        self.write(|tx| {
            tx.execute(
                "DELETE FROM memberships WHERE person_id = ?1 AND organisation_id = ?2",
                params![person.0, organisation.0],
            )?;
            tx.journal(
                "update",
                "contact",
                Some(person.0),
                &format!("Détaché·e de « {} »", super::journal::person(organisation)),
            )
        })
    }

    /// The campaigns that reached a contact, newest first, with their status.
    pub fn campaigns_of(&self, contact: ContactId) -> Result<Vec<CampaignHistory>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.name, c.created_on, r.status, r.updated_on FROM campaign_recipients r \
             JOIN campaigns c ON c.id = r.campaign_id WHERE r.contact_id = ?1 \
             ORDER BY c.created_on DESC, c.id DESC",
        )?;
        let rows = stmt.query_map([contact.0], |r| {
            Ok(CampaignHistory {
                campaign: r.get(0)?,
                name: r.get(1)?,
                created_on: super::row::date(r, 2)?,
                status: code(r, 3)?,
                updated_on: opt_date(r, 4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
