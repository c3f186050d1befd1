//! Mobilisation campaigns: a selection targeted for a convention or a meeting, each
//! recipient's status (bulk updates), who is left out and why (consent, do-not-contact),
//! reminders due, and who answered and came by sector, age band and gender.

use chrono::{Days, NaiveDate};
use rusqlite::{OptionalExtension, params};

use super::row::{code, iso, opt_date};
use super::{Store, StoreError};
use crate::domain::DomainError;
use crate::domain::campaign::{Exclusion, Funnel, funnels};
use crate::domain::codes::{CampaignKind, ConsentScope, RecipientStatus};
use crate::domain::contact::has_consent;
use crate::domain::ids::{ContactId, ConventionId, MeetingId};

/// A line of the campaigns list.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignRow {
    pub id: i64,
    pub name: String,
    pub kind: CampaignKind,
    pub convention: Option<ConventionId>,
    pub meeting: Option<MeetingId>,
    pub created_on: NaiveDate,
    pub recipients: u32,
}

/// A recipient and where they stand.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipient {
    pub contact: ContactId,
    pub name: String,
    pub email: String,
    pub status: RecipientStatus,
    pub updated_on: Option<NaiveDate>,
}

/// Which attribute the funnels are split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitBy {
    Sector,
    AgeBand,
    Gender,
}

impl Store {
    /// Starts a campaign.
    pub fn create_campaign(
        &mut self,
        name: &str,
        kind: CampaignKind,
        convention: Option<ConventionId>,
        meeting: Option<MeetingId>,
        today: NaiveDate,
    ) -> Result<i64, StoreError> {
        if name.trim().is_empty() {
            return Err(DomainError::Required("Nom de la campagne").into());
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO campaigns (convention_id, meeting_id, name, kind, created_on) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    convention.map(|c| c.0),
                    meeting.map(|m| m.0),
                    name.trim(),
                    kind.code(),
                    iso(today)
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.journal(
                "create",
                "campaign",
                Some(id),
                &format!("Campagne « {} » ({}) créée", name.trim(), kind.label()),
            )?;
            Ok(id)
        })
    }

    /// Every campaign, newest first.
    pub fn campaigns(&self) -> Result<Vec<CampaignRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.name, c.kind, c.convention_id, c.meeting_id, c.created_on, \
                (SELECT count(*) FROM campaign_recipients r WHERE r.campaign_id = c.id) \
             FROM campaigns c ORDER BY c.created_on DESC, c.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CampaignRow {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: code(r, 2)?,
                convention: r.get::<_, Option<i64>>(3)?.map(ConventionId),
                meeting: r.get::<_, Option<i64>>(4)?.map(MeetingId),
                created_on: super::row::date(r, 5)?,
                recipients: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Why a contact may not be written to now, if so.
    pub fn exclusion(&self, contact: ContactId) -> Result<Option<Exclusion>, StoreError> {
        let dnc: Option<bool> = self
            .conn
            .query_row(
                "SELECT do_not_contact OR anonymised FROM contacts WHERE id = ?1",
                [contact.0],
                |r| r.get(0),
            )
            .optional()?;
        if dnc.unwrap_or(true) {
            return Ok(Some(Exclusion::DoNotContact));
        }
        if !has_consent(&self.consents(contact)?, ConsentScope::Convocations) {
            return Ok(Some(Exclusion::NoConsent));
        }
        Ok(None)
    }

    /// Adds people to a campaign; those who may not be written to are left out, each
    /// with the reason. Returns how many were added and who was left out.
    pub fn add_recipients(
        &mut self,
        campaign: i64,
        contacts: &[ContactId],
    ) -> Result<(usize, Vec<(ContactId, Exclusion)>), StoreError> {
        let mut kept = Vec::new();
        let mut left = Vec::new();
        for c in contacts {
            match self.exclusion(*c)? {
                Some(why) => left.push((*c, why)),
                None => kept.push(*c),
            }
        }
        let added = self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT OR IGNORE INTO campaign_recipients (campaign_id, contact_id, status) VALUES (?1, ?2, 'to_invite')",
            )?;
            let mut added = 0;
            for c in &kept {
                added += stmt.execute(params![campaign, c.0])?;
            }
            tx.journal(
                "campaign",
                "campaign",
                Some(campaign),
                &format!(
                    "{added} destinataire(s) ajouté(s), {} laissé(s) de côté faute de consentement",
                    left.len()
                ),
            )?;
            Ok(added)
        })?;
        Ok((added, left))
    }

    /// The recipients, by name.
    pub fn recipients(&self, campaign: i64) -> Result<Vec<Recipient>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT k.id, k.is_organisation, k.first_name, k.last_name, k.organisation, k.email, r.status, r.updated_on \
             FROM campaign_recipients r JOIN contacts k ON k.id = r.contact_id WHERE r.campaign_id = ?1 \
             ORDER BY CASE WHEN k.is_organisation = 1 THEN k.organisation ELSE k.last_name END COLLATE NOCASE, \
                k.first_name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([campaign], |r| {
            let is_org: bool = r.get(1)?;
            let (first, last, org): (String, String, String) = (r.get(2)?, r.get(3)?, r.get(4)?);
            Ok(Recipient {
                contact: ContactId(r.get(0)?),
                name: if is_org {
                    org
                } else {
                    format!("{first} {last}")
                },
                email: r.get(5)?,
                status: code(r, 6)?,
                updated_on: opt_date(r, 7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Gives one status to several recipients at once.
    pub fn set_recipients_status(
        &mut self,
        campaign: i64,
        contacts: &[ContactId],
        status: RecipientStatus,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "UPDATE campaign_recipients SET status = ?3, updated_on = ?4 WHERE campaign_id = ?1 AND contact_id = ?2",
            )?;
            for c in contacts {
                stmt.execute(params![campaign, c.0, status.code(), iso(today)])?;
            }
            tx.journal(
                "campaign",
                "campaign",
                Some(campaign),
                &format!("{} destinataire(s) : {}", contacts.len(), status.label()),
            )
        })
    }

    /// Invited without an answer for `days` days or more: the people to remind.
    pub fn reminders_due(
        &self,
        campaign: i64,
        days: u64,
        today: NaiveDate,
    ) -> Result<Vec<Recipient>, StoreError> {
        let limit = today - Days::new(days);
        Ok(self
            .recipients(campaign)?
            .into_iter()
            .filter(|r| {
                r.status == RecipientStatus::Invited && r.updated_on.is_some_and(|d| d <= limit)
            })
            .collect())
    }

    /// Invited → answered → came, split by sector, age band or gender.
    pub fn campaign_funnels(&self, campaign: i64, by: SplitBy) -> Result<Vec<Funnel>, StoreError> {
        let column = match by {
            SplitBy::Sector => "coalesce(k.sector, '')",
            SplitBy::AgeBand => "k.age_band",
            SplitBy::Gender => "k.gender",
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {column}, r.status FROM campaign_recipients r JOIN contacts k ON k.id = r.contact_id \
             WHERE r.campaign_id = ?1"
        ))?;
        let rows: Vec<(String, RecipientStatus)> = stmt
            .query_map([campaign], |r| {
                let group: String = r.get(0)?;
                let label = match by {
                    SplitBy::Sector => crate::domain::codes::Sector::from_code(&group)
                        .map_or(group.clone(), |s| s.label().to_string()),
                    _ => group,
                };
                Ok((label, code(r, 1)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(funnels(&rows))
    }
}
