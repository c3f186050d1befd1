//! A person's rights over their data: consents recorded, withdrawn in one step, the
//! do-not-contact flag, anonymisation (identity removed, statistics and links kept).

use chrono::NaiveDate;
use rusqlite::params;

use super::row::{iso, now_stamp};
use super::{Store, StoreError};
use crate::domain::codes::{ConsentChannel, ConsentScope};
use crate::domain::ids::ContactId;

impl Store {
    /// Records the withdrawal of a consent, effective at once.
    pub fn withdraw_consent(
        &mut self,
        contact: ContactId,
        scope: ConsentScope,
        on: NaiveDate,
    ) -> Result<(), StoreError> {
        self.contact(contact)?;
        self.write(|tx| {
            tx.insert_consent(&crate::domain::contact::Consent {
                contact,
                scope,
                given: false,
                date: on,
                channel: ConsentChannel::Paper,
                wording_version: "retrait enregistré par la mission".into(),
            })
        })
    }

    /// Records a consent given or withdrawn, as the person expressed it: on paper, online,
    /// by phone or at a meeting, on a day up to `today`, with the version of the wording
    /// they agreed to (required for a consent: it is the proof).
    pub fn record_consent(
        &mut self,
        consent: &crate::domain::contact::Consent,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.contact(consent.contact)?;
        if consent.date > today {
            return Err(StoreError::Refused(format!(
                "un consentement ne peut pas être daté du {} : cette date n'est pas encore passée",
                crate::domain::text::date_short(consent.date)
            )));
        }
        if consent.given && consent.wording_version.trim().is_empty() {
            return Err(crate::domain::DomainError::Required("Version du texte accepté").into());
        }
        self.write(|tx| tx.insert_consent(consent))
    }

    /// Sets or clears the do-not-contact flag.
    pub fn set_do_not_contact(&mut self, contact: ContactId, on: bool) -> Result<(), StoreError> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE contacts SET do_not_contact = ?2, updated_at = ?3 WHERE id = ?1",
                params![contact.0, on, now_stamp()],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("contact", contact.0));
            }
            tx.journal(
                "privacy",
                "contact",
                Some(contact.0),
                if on {
                    "Ne plus contacter"
                } else {
                    "Contact de nouveau possible"
                },
            )
        })
    }

    /// Removes a person's identity for good: names, email, phone, address and notes
    /// are erased; kind, sector, quota attributes and every link (participations,
    /// attendance, consents) stay for the statistics. Logged in the journal and the
    /// export log.
    pub fn anonymise_contact(
        &mut self,
        contact: ContactId,
        on: NaiveDate,
    ) -> Result<(), StoreError> {
        self.contact(contact)?;
        self.backup_now("avant-anonymisation")?;
        self.write(|tx| {
            tx.execute(
                "UPDATE contacts SET civility = '', first_name = '', last_name = ?2, email = '', phone = '', \
                    address = '', notes = '', anonymised = 1, do_not_contact = 1, updated_at = ?3 WHERE id = ?1",
                params![contact.0, format!("Anonyme n° {contact}"), now_stamp()],
            )?;
            // Tags are free text and may name the person; groups and links stay.
            super::tags::replace_tags(tx, contact.0, &[])?;
            tx.execute(
                "INSERT INTO export_log (at, document, entity, entity_id, path, personal_data) \
                 VALUES (?1, 'Anonymisation', 'contact', ?2, '', 1)",
                params![now_stamp(), contact.0],
            )?;
            tx.journal(
                "privacy",
                "contact",
                Some(contact.0),
                &format!("Contact n° {contact} anonymisé le {}", iso(on)),
            )
        })
    }
}
