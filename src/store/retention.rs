//! The retention policy: each contact's review date, by default a number of years
//! (Paramètres) after their last participation, unless it was typed by hand.

use super::{Store, StoreError};

/// The day a contact last took part: the latest of their entry in the directory, a
/// consent record, a meeting where they came or sent apologies, and the end of a
/// convention they had a role in.
const LAST_PARTICIPATION: &str = "max(substr(created_at, 1, 10), \
    coalesce((SELECT max(date) FROM consents WHERE contact_id = contacts.id), ''), \
    coalesce((SELECT max(m.date) FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
              WHERE a.contact_id = contacts.id AND a.status IN ('present', 'excused', 'replaced')), ''), \
    coalesce((SELECT max(cv.end_date) FROM convention_roles r JOIN conventions cv ON cv.id = r.convention_id \
              WHERE r.contact_id = contacts.id), ''))";

impl Store {
    /// Sets the computed review date of every contact whose date was not typed by hand;
    /// returns how many dates changed.
    pub fn apply_retention_policy(&mut self) -> Result<usize, StoreError> {
        let years = self.settings()?.retention_years;
        let stale = format!(
            "anonymised = 0 AND retention_by_hand = 0 \
             AND retention_review IS NOT date({LAST_PARTICIPATION}, '+{years} years')"
        );
        // Most days nothing is due: a read finds it out without a write or a journal line.
        let due: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM contacts WHERE {stale}"),
            [],
            |r| r.get(0),
        )?;
        if due == 0 {
            return Ok(0);
        }
        self.write(|tx| {
            let changed = tx.execute(
                &format!(
                    "UPDATE contacts SET retention_review = date({LAST_PARTICIPATION}, '+{years} years') \
                     WHERE {stale}"
                ),
                [],
            )?;
            tx.journal(
                "update",
                "contact",
                None,
                &format!(
                    "Dates de réexamen recalculées ({years} an(s) après la dernière participation) : {changed} contact(s)"
                ),
            )?;
            Ok(changed)
        })
    }
}
