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

    /// Removes a person's identity for good, after a verified backup. Cleared: names,
    /// civility, structure, role, email, phone, address, postal code, city,
    /// neighbourhood, CSP, diploma, notes, tags, memberships of structures; kept for
    /// the statistics: kind, sector, age band, gender and every link (participations,
    /// attendance, consents). Owners of actions, tasks and risks named like the person
    /// become « Anonyme n° N »; past journal entries name them by id; their rows leave
    /// the invitation samples; the full-text indexes are rewritten so that no token of
    /// the name is left. Returns the free texts that still mention the name, for the
    /// person to edit (minutes, notes, decisions…: Agora does not rewrite them).
    pub fn anonymise_contact(
        &mut self,
        contact: ContactId,
        on: NaiveDate,
    ) -> Result<Vec<Mention>, StoreError> {
        let c = self.contact(contact)?;
        let name = c.display_name();
        let pseudonym = format!("Anonyme n° {contact}");
        let needles: Vec<String> = [
            name.clone(),
            format!("{} {}", c.last_name, c.first_name),
            c.email.clone(),
            c.phone.clone(),
        ]
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| n.chars().count() >= 4)
        .collect();
        self.backup_now("avant-anonymisation")?;
        self.write(|tx| {
            tx.execute(
                "UPDATE contacts SET civility = '', first_name = '', last_name = ?2, organisation = '', \
                    role = '', email = '', phone = '', address = '', postal_code = '', city = '', \
                    neighbourhood = '', notes = '', csp = '', diploma = '', anonymised = 1, \
                    do_not_contact = 1, updated_at = ?3 WHERE id = ?1",
                params![contact.0, pseudonym, now_stamp()],
            )?;
            // Tags are free text and may name the person; so may a role in a structure.
            super::tags::replace_tags(tx, contact.0, &[])?;
            tx.execute("DELETE FROM memberships WHERE person_id = ?1", [contact.0])?;
            for table in ["actions", "tasks", "risks"] {
                tx.execute(
                    &format!("UPDATE {table} SET owner = ?2 WHERE owner = ?1 COLLATE NOCASE"),
                    params![name, pseudonym],
                )?;
            }
            for needle in &needles {
                tx.execute(
                    "UPDATE journal SET summary = replace(summary, ?1, ?2) WHERE instr(summary, ?1) > 0",
                    params![needle, super::journal::person(contact)],
                )?;
            }
            let left = tx.remove_from_samples(&c)?;
            // Files attached to the person's sheet (a signed form, a letter) go too.
            let files = tx.execute("DELETE FROM attachments WHERE contact_id = ?1", [contact.0])?;
            tx.execute_batch(
                "INSERT INTO contacts_fts (contacts_fts) VALUES ('optimize'); \
                 INSERT INTO trace_search (trace_search) VALUES ('optimize');",
            )?;
            tx.execute(
                "INSERT INTO export_log (at, document, entity, entity_id, path, personal_data) \
                 VALUES (?1, 'Anonymisation', 'contact', ?2, '', 1)",
                params![now_stamp(), contact.0],
            )?;
            tx.journal(
                "privacy",
                "contact",
                Some(contact.0),
                &format!(
                    "Contact n° {contact} anonymisé le {}{}{}",
                    iso(on),
                    if left > 0 {
                        format!(" ; retiré de {left} ligne(s) d’échantillons d’invitation")
                    } else {
                        String::new()
                    },
                    if files > 0 {
                        format!(" ; {files} pièce(s) jointe(s) supprimée(s)")
                    } else {
                        String::new()
                    }
                ),
            )
        })?;
        self.sweep_attachment_files()?;
        self.mentions(&needles)
    }

    /// The free texts that mention one of `needles` (a name, an email): where they are,
    /// so that a person can edit them.
    pub fn mentions(&self, needles: &[String]) -> Result<Vec<Mention>, StoreError> {
        const PLACES: &[(&str, &str)] = &[
            (
                "Compte rendu de la réunion n° ",
                "SELECT m.meeting_id FROM minutes_versions v JOIN minutes m ON m.id = v.minutes_id \
                 WHERE instr(v.body, ?1) > 0",
            ),
            (
                "Réunion n° ",
                "SELECT id FROM meetings WHERE instr(title || ' ' || facilitators || ' ' || services, ?1) > 0",
            ),
            (
                "Ordre du jour de la réunion n° ",
                "SELECT meeting_id FROM agenda_items \
                 WHERE instr(title || ' ' || speaker || ' ' || notes, ?1) > 0",
            ),
            (
                "Décision de la réunion n° ",
                "SELECT meeting_id FROM decisions WHERE instr(text, ?1) > 0",
            ),
            (
                "Action n° ",
                "SELECT id FROM actions WHERE instr(title, ?1) > 0",
            ),
            (
                "Proposition n° ",
                "SELECT id FROM proposals WHERE instr(title || ' ' || text, ?1) > 0",
            ),
            (
                "Réponse de la Ville à la proposition n° ",
                "SELECT proposal_id FROM proposal_answers WHERE instr(text, ?1) > 0",
            ),
            (
                "Convention n° ",
                "SELECT id FROM conventions WHERE instr(mandate_from || ' ' || question || ' ' || \
                 commitment || ' ' || elected_official || ' ' || synthesis_text, ?1) > 0",
            ),
            (
                "Tâche n° ",
                "SELECT id FROM tasks WHERE instr(title, ?1) > 0",
            ),
            (
                "Risque n° ",
                "SELECT id FROM risks WHERE instr(title || ' ' || mitigation, ?1) > 0",
            ),
            (
                "Notes de la fiche contact n° ",
                "SELECT id FROM contacts WHERE instr(notes, ?1) > 0",
            ),
        ];
        let mut out: Vec<Mention> = Vec::new();
        for (label, sql) in PLACES {
            let mut stmt = self.conn.prepare(sql)?;
            for needle in needles {
                let ids = stmt.query_map([needle], |r| r.get::<_, i64>(0))?;
                for id in ids {
                    let place = format!("{label}{}", id?);
                    if !out.iter().any(|m| m.place == place) {
                        out.push(Mention { place });
                    }
                }
            }
        }
        Ok(out)
    }
}

/// A free text that still mentions an anonymised person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Where it is, in words: « Compte rendu de la réunion n° 3 ».
    pub place: String,
}

impl super::Tx<'_> {
    /// Removes the person's rows from the invitation samples (a row naming them, or
    /// holding their email or address). Returns how many rows went.
    fn remove_from_samples(
        &self,
        c: &crate::domain::contact::Contact,
    ) -> Result<usize, StoreError> {
        let same =
            |a: &str, b: &str| !b.trim().is_empty() && a.trim().eq_ignore_ascii_case(b.trim());
        let mut stmt = self.prepare("SELECT id, rows FROM invitation_samples")?;
        let samples: Vec<(i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut removed = 0;
        for (id, text) in samples {
            let rows: Vec<Vec<String>> = serde_json::from_str(&text)
                .map_err(|e| StoreError::BadValue(format!("échantillon n° {id} : {e}")))?;
            let before = rows.len();
            let kept: Vec<Vec<String>> = rows
                .into_iter()
                .filter(|row| {
                    let has = |v: &str| row.iter().any(|cell| same(cell, v));
                    let named = has(&c.last_name) && has(&c.first_name);
                    !(named || has(&c.email) || has(&c.address))
                })
                .collect();
            if kept.len() != before {
                removed += before - kept.len();
                let json = serde_json::to_string(&kept)
                    .map_err(|e| StoreError::BadValue(e.to_string()))?;
                self.execute(
                    "UPDATE invitation_samples SET rows = ?2 WHERE id = ?1",
                    params![id, json],
                )?;
            }
        }
        Ok(removed)
    }
}
