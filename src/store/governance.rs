//! A convention's governance: people designated to the COPIL, as garants,
//! facilitators or experts heard — picked from the directory or created on the spot —
//! with the date and mode of their designation and its end.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::row::opt_iso;
use super::{Store, StoreError};
use crate::domain::DomainError;
use crate::domain::codes::{ContactKind, ConventionRole};
use crate::domain::contact::Contact;
use crate::domain::convention::check_range;
use crate::domain::ids::{ContactId, ConventionId};

/// A designation to record or change.
#[derive(Debug, Clone, PartialEq)]
pub struct Designation {
    pub convention: ConventionId,
    pub contact: ContactId,
    pub role: ConventionRole,
    pub since: Option<NaiveDate>,
    pub mode: String,
    pub until: Option<NaiveDate>,
}

impl Store {
    /// Designates someone of the directory to a role of the convention.
    pub fn designate(&mut self, d: &Designation) -> Result<i64, StoreError> {
        check_range(d.since, d.until)?;
        let name = self.contact(d.contact)?.display_name();
        let taken: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM convention_roles WHERE convention_id = ?1 AND contact_id = ?2 AND role = ?3",
            params![d.convention.0, d.contact.0, d.role.code()],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::Refused(format!(
                "{name} est déjà désigné·e comme « {} »",
                d.role.label()
            )));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO convention_roles (convention_id, contact_id, role, designated_on, designation_mode, ends_on) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    d.convention.0,
                    d.contact.0,
                    d.role.code(),
                    opt_iso(d.since),
                    d.mode.trim(),
                    opt_iso(d.until)
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.journal(
                "create",
                "convention_role",
                Some(id),
                &format!(
                    "{} désigné·e : {}",
                    super::journal::person(d.contact),
                    d.role.label()
                ),
            )?;
            Ok(id)
        })
    }

    /// Changes a designation's dates and mode.
    pub fn update_designation(
        &mut self,
        id: i64,
        since: Option<NaiveDate>,
        mode: &str,
        until: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        check_range(since, until)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE convention_roles SET designated_on = ?2, designation_mode = ?3, ends_on = ?4 WHERE id = ?1",
                params![id, opt_iso(since), mode.trim(), opt_iso(until)],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("désignation", id));
            }
            tx.journal("update", "convention_role", Some(id), "Désignation modifiée")
        })
    }

    /// Ends a designation by removing it (the journal keeps the trace).
    pub fn remove_designation(&mut self, id: i64) -> Result<(), StoreError> {
        let (role, contact): (String, i64) = self
            .conn
            .query_row(
                "SELECT role, contact_id FROM convention_roles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("désignation", id))?;
        let label =
            ConventionRole::from_code(&role).map_or(role.clone(), |r| r.label().to_string());
        self.write(|tx| {
            tx.execute("DELETE FROM convention_roles WHERE id = ?1", [id])?;
            tx.journal(
                "delete",
                "convention_role",
                Some(id),
                &format!("Contact n° {contact} : fin de la désignation « {label} »"),
            )
        })
    }

    /// Creates a person in the directory on the spot (first name, name, structure,
    /// email), to designate them at once.
    pub fn quick_contact(
        &mut self,
        first_name: &str,
        last_name: &str,
        organisation: &str,
        email: &str,
        kind: ContactKind,
    ) -> Result<ContactId, StoreError> {
        if last_name.trim().is_empty() {
            return Err(DomainError::Required("Nom").into());
        }
        let c = Contact {
            kind,
            first_name: first_name.trim().to_string(),
            last_name: last_name.trim().to_string(),
            organisation: organisation.trim().to_string(),
            email: email.trim().to_string(),
            ..Contact::default()
        };
        c.validate()?;
        self.write(|tx| tx.insert_contact(&c))
    }
}
