//! The fiches d'expérience's paragraphs: one per convention or dispositif, read and
//! written whole (each change in the journal).

use rusqlite::{OptionalExtension, params};

use super::row::opt_date;
use super::{Store, StoreError};
use crate::domain::experience::{ExperienceNote, Subject};

fn column(subject: Subject) -> (&'static str, i64) {
    match subject {
        Subject::Convention(id) => ("convention_id", id.0),
        Subject::Dispositif(id) => ("dispositif_id", id.0),
    }
}

impl Store {
    /// The fiches d'expérience written or brought up to date in a period: the title of
    /// what each is about and the day, the latest first.
    pub fn experience_notes_in(
        &self,
        period: crate::domain::activity::Period,
    ) -> Result<Vec<(String, chrono::NaiveDate)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(c.title, d.title), x.updated_on FROM experience_notes x \
             LEFT JOIN conventions c ON c.id = x.convention_id \
             LEFT JOIN dispositifs d ON d.id = x.dispositif_id \
             WHERE x.updated_on BETWEEN ?1 AND ?2 ORDER BY x.updated_on DESC",
        )?;
        let rows = stmt.query_map(
            params![
                period.from.format("%Y-%m-%d").to_string(),
                period.to.format("%Y-%m-%d").to_string()
            ],
            |r| Ok((r.get(0)?, super::row::date(r, 1)?)),
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The paragraphs written for `subject` (blank when none yet).
    pub fn experience_note(&self, subject: Subject) -> Result<ExperienceNote, StoreError> {
        let (col, id) = column(subject);
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT context, objectives, method, worked, change, updated_on \
                     FROM experience_notes WHERE {col} = ?1"
                ),
                [id],
                |r| {
                    Ok(ExperienceNote {
                        context: r.get(0)?,
                        objectives: r.get(1)?,
                        method: r.get(2)?,
                        worked: r.get(3)?,
                        change: r.get(4)?,
                        updated_on: opt_date(r, 5)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Writes the paragraphs for `subject`, dated `on`.
    pub fn save_experience_note(
        &mut self,
        subject: Subject,
        note: &ExperienceNote,
        on: chrono::NaiveDate,
    ) -> Result<(), StoreError> {
        let (col, id) = column(subject);
        let table = match subject {
            Subject::Convention(_) => "conventions",
            Subject::Dispositif(_) => "dispositifs",
        };
        let exists: bool = self.conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(StoreError::NotFound(table, id));
        }
        self.write(|tx| {
            tx.execute(
                &format!(
                    "INSERT INTO experience_notes ({col}, context, objectives, method, worked, \
                        change, updated_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                     ON CONFLICT ({col}) DO UPDATE SET context = excluded.context, \
                        objectives = excluded.objectives, method = excluded.method, \
                        worked = excluded.worked, change = excluded.change, \
                        updated_on = excluded.updated_on"
                ),
                params![
                    id,
                    note.context.trim(),
                    note.objectives.trim(),
                    note.method.trim(),
                    note.worked.trim(),
                    note.change.trim(),
                    on.format("%Y-%m-%d").to_string()
                ],
            )?;
            tx.journal(
                "update",
                match subject {
                    Subject::Convention(_) => "convention",
                    Subject::Dispositif(_) => "dispositif",
                },
                Some(id),
                "Fiche d’expérience rédigée",
            )
        })
    }
}
