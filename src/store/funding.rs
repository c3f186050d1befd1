//! The calls for projects: added, changed, removed (each written in the journal),
//! listed by deadline, and the reminders the dashboard shows.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params_from_iter};

use super::row::{code, opt_date, opt_iso};
use super::{Store, StoreError, Tx};
use crate::domain::funding::{Call, Reminder};
use crate::domain::ids::{CallId, ConventionId};

const COLUMNS: &str = "id, funder, title, deadline, asked_cents, granted_cents, status, \
     convention_id, report_due, notes";

fn call(r: &Row<'_>) -> rusqlite::Result<Call> {
    Ok(Call {
        id: CallId(r.get(0)?),
        funder: r.get(1)?,
        title: r.get(2)?,
        deadline: opt_date(r, 3)?,
        asked_cents: r.get(4)?,
        granted_cents: r.get(5)?,
        status: code(r, 6)?,
        convention: r.get::<_, Option<i64>>(7)?.map(ConventionId),
        report_due: opt_date(r, 8)?,
        notes: r.get(9)?,
    })
}

/// The stored fields of a call in the order INSERT and UPDATE bind them (?1 … ?9).
fn values(c: &Call) -> [Value; 9] {
    [
        c.funder.trim().to_string().into(),
        c.title.trim().to_string().into(),
        opt_iso(c.deadline).into(),
        c.asked_cents.into(),
        c.granted_cents.into(),
        c.status.code().to_string().into(),
        c.convention.map(|v| v.0).into(),
        opt_iso(c.report_due).into(),
        c.notes.trim().to_string().into(),
    ]
}

impl Store {
    /// Every call: those being prepared, then filed, granted, refused; in each, the
    /// next deadline first (none last).
    pub fn calls(&self) -> Result<Vec<Call>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM funding_calls ORDER BY \
                CASE status WHEN 'submitted' THEN 1 WHEN 'granted' THEN 2 \
                    WHEN 'refused' THEN 3 ELSE 0 END, \
                deadline IS NULL, deadline, funder COLLATE NOCASE, id"
        ))?;
        let rows = stmt.query_map([], call)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One call.
    pub fn call(&self, id: CallId) -> Result<Call, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM funding_calls WHERE id = ?1"),
                [id.0],
                call,
            )
            .optional()?
            .ok_or(StoreError::NotFound("appel à projets", id.0))
    }

    /// The dates the calls ask the mission not to miss as of `today`, soonest first.
    pub fn call_reminders(&self, today: NaiveDate) -> Result<Vec<(Reminder, Call)>, StoreError> {
        let mut out: Vec<(Reminder, Call)> = self
            .calls()?
            .into_iter()
            .filter_map(|c| c.reminder(today).map(|r| (r, c)))
            .collect();
        out.sort_by_key(|(r, _)| r.date);
        Ok(out)
    }

    /// Adds a call.
    pub fn add_call(&mut self, c: &Call) -> Result<CallId, StoreError> {
        c.validate()?;
        self.write(|tx| tx.insert_call(c))
    }

    /// Changes a call.
    pub fn update_call(&mut self, c: &Call) -> Result<(), StoreError> {
        c.validate()?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE funding_calls SET funder = ?1, title = ?2, deadline = ?3, asked_cents = ?4, \
                    granted_cents = ?5, status = ?6, convention_id = ?7, report_due = ?8, notes = ?9 \
                 WHERE id = ?10",
                params_from_iter(values(c).into_iter().chain([Value::Integer(c.id.0)])),
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("appel à projets", c.id.0));
            }
            tx.journal(
                "update",
                "funding_call",
                Some(c.id.0),
                &format!("Appel à projets « {} » : {}", c.title.trim(), c.status.label()),
            )
        })
    }

    /// Removes a call.
    pub fn remove_call(&mut self, id: CallId) -> Result<(), StoreError> {
        let c = self.call(id)?;
        self.write(|tx| {
            tx.execute("DELETE FROM funding_calls WHERE id = ?1", [id.0])?;
            tx.journal(
                "delete",
                "funding_call",
                Some(id.0),
                &format!("Appel à projets « {} » retiré", c.title),
            )
        })
    }
}

impl Tx<'_> {
    /// Inserts a call and writes it in the journal.
    pub(crate) fn insert_call(&self, c: &Call) -> Result<CallId, StoreError> {
        self.execute(
            "INSERT INTO funding_calls (funder, title, deadline, asked_cents, granted_cents, \
                status, convention_id, report_due, notes) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params_from_iter(values(c)),
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "funding_call",
            Some(id),
            &format!(
                "Appel à projets « {} » ({})",
                c.title.trim(),
                c.funder.trim()
            ),
        )?;
        Ok(CallId(id))
    }
}
