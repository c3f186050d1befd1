//! What the rapport d'activité counts over a period: the meetings held and their
//! attendance, the people who took part (as the directory describes them), the exports,
//! and the paragraphs the mission writes for each of its sections.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::journal::{EXPORT_COLS, export_record};
use super::meetings::{MEETING_COLS, meeting};
use super::{Store, StoreError};
use crate::domain::activity::{HeldMeeting, Participant, Period, ReportSection};
use crate::domain::codes::Sector;
use crate::domain::journal::ExportRecord;

impl Store {
    /// The meetings of the period held by `until` (today: later ones have not taken
    /// place), by date, with their attendance.
    pub fn meetings_held(
        &self,
        period: Period,
        until: NaiveDate,
    ) -> Result<Vec<HeldMeeting>, StoreError> {
        let last = period.to.min(until);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEETING_COLS}, \
                (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'present'), \
                (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id \
                    AND a.status IN ('present', 'excused', 'absent')) \
             FROM meetings m WHERE m.date BETWEEN ?1 AND ?2 ORDER BY m.date, m.start_time"
        ))?;
        let rows = stmt.query_map(params![period.from.to_string(), last.to_string()], |r| {
            Ok(HeldMeeting {
                meeting: meeting(r)?,
                present: r.get(12)?,
                expected: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Everyone marked present at a meeting of the period, once each.
    pub fn participants(&self, period: Period) -> Result<Vec<Participant>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT k.id, k.gender, k.age_band, k.sector, k.diploma, k.csp \
             FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
             JOIN contacts k ON k.id = a.contact_id \
             WHERE a.status = 'present' AND m.date BETWEEN ?1 AND ?2",
        )?;
        let rows = stmt.query_map(
            params![period.from.to_string(), period.to.to_string()],
            |r| {
                let sector: Option<String> = r.get(3)?;
                Ok(Participant {
                    gender: r.get(1)?,
                    age_band: r.get(2)?,
                    sector: sector
                        .as_deref()
                        .and_then(Sector::from_code)
                        .map(|s| s.label().to_string())
                        .unwrap_or_default(),
                    diploma: r.get(4)?,
                    csp: r.get(5)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The exports of the period, oldest first.
    pub fn exports_in(&self, period: Period) -> Result<Vec<ExportRecord>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {EXPORT_COLS} FROM export_log WHERE date(at) BETWEEN ?1 AND ?2 ORDER BY id"
        ))?;
        let rows = stmt.query_map(
            params![period.from.to_string(), period.to.to_string()],
            export_record,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The paragraphs written for the report of `period`, by section.
    pub fn activity_texts(
        &self,
        period: Period,
    ) -> Result<BTreeMap<ReportSection, String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT section, text FROM activity_texts WHERE period = ?1")?;
        let rows = stmt.query_map([period.key()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (code, text) = row?;
            if let Some(s) = ReportSection::from_code(&code) {
                out.insert(s, text);
            }
        }
        Ok(out)
    }

    /// Keeps the paragraphs of the report of `period` (an empty one is removed).
    pub fn save_activity_texts(
        &mut self,
        period: Period,
        texts: &BTreeMap<ReportSection, String>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            for (section, text) in texts {
                if text.trim().is_empty() {
                    tx.execute(
                        "DELETE FROM activity_texts WHERE period = ?1 AND section = ?2",
                        params![period.key(), section.code()],
                    )?;
                } else {
                    tx.execute(
                        "INSERT INTO activity_texts (period, section, text) VALUES (?1, ?2, ?3) \
                         ON CONFLICT (period, section) DO UPDATE SET text = ?3",
                        params![period.key(), section.code(), text.trim_end()],
                    )?;
                }
            }
            tx.journal(
                "activity-report",
                "report",
                None,
                &format!("Rapport d’activité {} : textes enregistrés", period.label()),
            )
        })
    }
}
