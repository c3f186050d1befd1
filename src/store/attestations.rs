//! The attendance an attestation de participation states: each person marked present,
//! the meetings they attended with their hours.

use rusqlite::params;

use super::row::{date, time};
use super::{Store, StoreError};
use crate::domain::attestation::{Attended, Attestation, AttestationScope};
use crate::domain::ids::ContactId;

impl Store {
    /// The attestations of `scope`: one per person marked present, by name, each with
    /// the meetings attended by date.
    pub fn attestations(&self, scope: AttestationScope) -> Result<Vec<Attestation>, StoreError> {
        let (convention, meeting, contact) = match scope {
            AttestationScope::Convention(c) => (Some(c.0), None, None),
            AttestationScope::Person {
                convention,
                contact,
            } => (Some(convention.0), None, Some(contact.0)),
            AttestationScope::Meeting(m) => (None, Some(m.0), None),
        };
        let mut stmt = self.conn.prepare(
            "SELECT k.id, k.first_name, k.last_name, m.date, m.title, m.start_time, m.end_time, \
                    m.session_id IS NOT NULL, \
                    EXISTS (SELECT 1 FROM convention_roles r WHERE r.contact_id = k.id \
                            AND r.convention_id = m.convention_id AND r.role = 'panelist') \
             FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
             JOIN contacts k ON k.id = a.contact_id \
             WHERE a.status = 'present' AND (?1 IS NULL OR m.convention_id = ?1) \
               AND (?2 IS NULL OR m.id = ?2) AND (?3 IS NULL OR k.id = ?3) \
             ORDER BY k.last_name COLLATE NOCASE, k.first_name COLLATE NOCASE, k.id, \
                      m.date, m.start_time",
        )?;
        let rows = stmt.query_map(params![convention, meeting, contact], |r| {
            let (first, last): (String, String) = (r.get(1)?, r.get(2)?);
            Ok((
                ContactId(r.get(0)?),
                format!("{} {first}", last.to_uppercase())
                    .trim()
                    .to_string(),
                r.get::<_, bool>(8)?,
                Attended {
                    date: date(r, 3)?,
                    title: r.get(4)?,
                    start: time(r, 5)?,
                    end: time(r, 6)?,
                    session: r.get(7)?,
                },
            ))
        })?;
        let mut out: Vec<Attestation> = Vec::new();
        for row in rows {
            let (contact, name, panelist, attended) = row?;
            match out.last_mut() {
                Some(a) if a.contact == contact => {
                    a.panelist |= panelist;
                    a.attended.push(attended);
                }
                _ => out.push(Attestation {
                    contact,
                    name,
                    panelist,
                    attended: vec![attended],
                }),
            }
        }
        Ok(out)
    }
}
