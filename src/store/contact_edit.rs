//! Changing a contact's details from their sheet.

use rusqlite::params;

use super::row::{now_stamp, opt_iso};
use super::{Store, StoreError};
use crate::domain::contact::Contact;

impl Store {
    /// Saves every field of a contact's sheet (consents and links are kept apart).
    pub fn update_contact(&mut self, c: &Contact) -> Result<(), StoreError> {
        c.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE contacts SET kind = ?2, civility = ?3, first_name = ?4, last_name = ?5, organisation = ?6, \
                    role = ?7, email = ?8, phone = ?9, address = ?10, postal_code = ?11, city = ?12, sector = ?13, \
                    neighbourhood = ?14, notes = ?15, gender = ?16, age_band = ?17, csp = ?18, diploma = ?19, \
                    retention_by_hand = CASE WHEN ?20 IS NULL THEN 0 \
                        ELSE (retention_by_hand OR retention_review IS NOT ?20) END, \
                    retention_review = ?20, updated_at = ?21 WHERE id = ?1 AND anonymised = 0",
                params![
                    c.id.0,
                    c.kind.code(),
                    c.civility.trim(),
                    c.first_name.trim(),
                    c.last_name.trim(),
                    c.organisation.trim(),
                    c.role.trim(),
                    c.email.trim(),
                    c.phone.trim(),
                    c.address.trim(),
                    c.postal_code.trim(),
                    c.city.trim(),
                    c.sector.map(|s| s.code()),
                    c.neighbourhood.trim(),
                    c.notes.trim(),
                    c.gender.trim(),
                    c.age_band.trim(),
                    c.csp.trim(),
                    c.diploma.trim(),
                    opt_iso(c.retention_review),
                    now_stamp()
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("contact", c.id.0));
            }
            super::tags::replace_tags(tx, c.id.0, &c.tags)?;
            tx.journal(
                "update",
                "contact",
                Some(c.id.0),
                &format!("Fiche de « {} » modifiée", super::journal::person(c.id)),
            )
        })
    }
}
