//! Citizen interpellations: filed, ruled on, counted, followed to their end (each
//! change journaled); the sample of supports to check and what each check found; the
//! thresholds and delays of the rules, kept in the settings.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::dispositifs::{DISPOSITIF_COLS, dispositif};
use super::row::{code, opt_date, opt_iso};
use super::{Store, StoreError, Tx};
use crate::domain::codes::{CheckResult, DispositifKind, FilingChannel};
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::DispositifId;
use crate::domain::interpellation::{
    Assessment, Due, FIGURES, Figure, Interpellation, Rules, SupportCheck, Vote, check_sample,
};

const COLUMNS: &str = "i.dispositif_id, i.filer, i.filer_address, i.question, i.received, \
    i.channel, i.legal, i.legal_comment, i.fair, i.fair_comment, i.city_power, \
    i.city_power_comment, i.collective, i.collective_comment, i.decided, i.supports_paper, \
    i.supports_online, i.check_seed, i.first_meeting, i.second_meeting, i.report_agreed, \
    i.report_sent, i.report, i.vote_from, i.vote_to, i.vote_places, i.votes_cast, \
    i.votes_yes, i.votes_no";

/// Reads an interpellation from `COLUMNS` starting at `at`.
fn interpellation(r: &Row<'_>, at: usize) -> rusqlite::Result<Interpellation> {
    let assessment = |i: usize| -> rusqlite::Result<Assessment> {
        Ok(Assessment {
            met: r.get::<_, Option<bool>>(at + i)?,
            comment: r.get(at + i + 1)?,
        })
    };
    Ok(Interpellation {
        id: DispositifId(r.get(at)?),
        filer: r.get(at + 1)?,
        filer_address: r.get(at + 2)?,
        question: r.get(at + 3)?,
        received: opt_date(r, at + 4)?,
        channel: r
            .get::<_, Option<String>>(at + 5)?
            .and_then(|c| FilingChannel::from_code(&c)),
        criteria: [
            assessment(6)?,
            assessment(8)?,
            assessment(10)?,
            assessment(12)?,
        ],
        decided: opt_date(r, at + 14)?,
        supports_paper: r.get(at + 15)?,
        supports_online: r.get(at + 16)?,
        check_seed: r.get(at + 17)?,
        first_meeting: opt_date(r, at + 18)?,
        second_meeting: opt_date(r, at + 19)?,
        report_agreed: opt_date(r, at + 20)?,
        report_sent: opt_date(r, at + 21)?,
        report: r.get(at + 22)?,
        vote: Vote {
            from: opt_date(r, at + 23)?,
            to: opt_date(r, at + 24)?,
            places: r.get(at + 25)?,
            cast: r.get(at + 26)?,
            yes: r.get(at + 27)?,
            no: r.get(at + 28)?,
        },
    })
}

/// The stored fields after the id, in the order INSERT and UPDATE bind them (?2 …).
fn values(i: &Interpellation) -> Vec<Value> {
    let mut v: Vec<Value> = vec![
        i.filer.trim().to_string().into(),
        i.filer_address.trim().to_string().into(),
        i.question.trim().to_string().into(),
        opt_iso(i.received).into(),
        i.channel.map(|c| c.code().to_string()).into(),
    ];
    for a in &i.criteria {
        v.push(a.met.into());
        v.push(a.comment.trim().to_string().into());
    }
    v.extend([
        opt_iso(i.decided).into(),
        i.supports_paper.into(),
        i.supports_online.into(),
        i.check_seed.clone().into(),
        opt_iso(i.first_meeting).into(),
        opt_iso(i.second_meeting).into(),
        opt_iso(i.report_agreed).into(),
        opt_iso(i.report_sent).into(),
        i.report.trim().to_string().into(),
        opt_iso(i.vote.from).into(),
        opt_iso(i.vote.to).into(),
        i.vote.places.trim().to_string().into(),
        i.vote.cast.into(),
        i.vote.yes.into(),
        i.vote.no.into(),
    ]);
    v
}

/// `?1, ?2, … ?n`.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|k| format!("?{k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The settings key of a figure of the rules.
fn key(f: &Figure) -> String {
    format!("interpellation_{}", f.code)
}

impl Store {
    /// The rules in force: the office's figures where it saved some, else the defaults.
    pub fn interpellation_rules(&self) -> Result<Rules, StoreError> {
        let mut rules = Rules::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?;
        for f in &FIGURES {
            let saved: Option<String> = stmt.query_row([key(f)], |r| r.get(0)).optional()?;
            if let Some(v) = saved.and_then(|v| v.parse().ok()) {
                *(f.field)(&mut rules) = v;
            }
        }
        Ok(rules)
    }

    /// Saves the rules, once checked.
    pub fn save_interpellation_rules(&mut self, rules: &Rules) -> Result<(), StoreError> {
        rules.check()?;
        let mut rules = *rules;
        self.write(|tx| {
            for f in &FIGURES {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    params![key(f), (f.field)(&mut rules).to_string()],
                )?;
            }
            tx.journal(
                "update",
                "settings",
                None,
                "Règles de l’interpellation citoyenne enregistrées",
            )
        })
    }

    /// Every interpellation with its process, the latest received first.
    pub fn interpellations(&self) -> Result<Vec<(Dispositif, Interpellation)>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {DISPOSITIF_COLS}, {COLUMNS} FROM dispositifs d \
             JOIN interpellations i ON i.dispositif_id = d.id \
             ORDER BY i.received DESC, d.id DESC"
        ))?;
        let rows = stmt.query_map([], |r| Ok((dispositif(r)?, interpellation(r, 9)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One interpellation with its process.
    pub fn interpellation(
        &self,
        id: DispositifId,
    ) -> Result<(Dispositif, Interpellation), StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {DISPOSITIF_COLS}, {COLUMNS} FROM dispositifs d \
                     JOIN interpellations i ON i.dispositif_id = d.id WHERE d.id = ?1"
                ),
                [id.0],
                |r| Ok((dispositif(r)?, interpellation(r, 9)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("interpellation", id.0))
    }

    /// Records an interpellation just received, as a process of its own.
    pub fn add_interpellation(
        &mut self,
        d: &Dispositif,
        i: &Interpellation,
    ) -> Result<DispositifId, StoreError> {
        let rules = self.interpellation_rules()?;
        self.write(|tx| tx.insert_interpellation(d, i, &rules))
    }

    /// Changes an interpellation and its process; the journal says where it stands.
    pub fn update_interpellation(
        &mut self,
        d: &Dispositif,
        i: &Interpellation,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        i.validate()?;
        let rules = self.interpellation_rules()?;
        let d = &Dispositif {
            start: i.received,
            end: i.ended(&rules),
            ..d.clone()
        };
        self.write(|tx| {
            tx.update_dispositif(d)?;
            let fields = values(i);
            let sets = COLUMNS
                .replace("i.", "")
                .split(", ")
                .skip(1)
                .enumerate()
                .map(|(k, c)| format!("{} = ?{}", c.trim(), k + 2))
                .collect::<Vec<_>>()
                .join(", ");
            tx.execute(
                &format!("UPDATE interpellations SET {sets} WHERE dispositif_id = ?1"),
                params_from_iter(std::iter::once(Value::Integer(d.id.0)).chain(fields)),
            )?;
            tx.journal(
                "update",
                "dispositif",
                Some(d.id.0),
                &format!(
                    "Interpellation « {} » : {}",
                    d.title.trim(),
                    i.stage(&rules, today).label()
                ),
            )
        })
    }

    /// The supports drawn for checking, by number.
    pub fn support_checks(&self, id: DispositifId) -> Result<Vec<SupportCheck>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT number, result, comment FROM support_checks WHERE dispositif_id = ?1 \
             ORDER BY number",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(SupportCheck {
                number: r.get(0)?,
                result: code(r, 1)?,
                comment: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Draws the supports to check among those counted, from a seed text, and keeps
    /// the seed. Refused once a check has a result (drawing again would hide it).
    pub fn draw_support_checks(
        &mut self,
        id: DispositifId,
        seed: &str,
    ) -> Result<Vec<SupportCheck>, StoreError> {
        let (d, i) = self.interpellation(id)?;
        let rules = self.interpellation_rules()?;
        if self
            .support_checks(id)?
            .iter()
            .any(|c| c.result != CheckResult::Pending)
        {
            return Err(StoreError::Refused(
                "des soutiens tirés ont déjà été vérifiés : un nouveau tirage effacerait ces vérifications".into(),
            ));
        }
        if i.supports() == 0 {
            return Err(StoreError::Refused(
                "aucun soutien n’est compté : saisissez d’abord les nombres de soutiens".into(),
            ));
        }
        let seed = seed.trim();
        if seed.is_empty() {
            return Err(crate::domain::DomainError::Required("Graine").into());
        }
        let sample = check_sample(i.supports(), rules.check_percent, seed);
        self.write(|tx| tx.insert_support_checks(id, seed, &sample, &d.title, i.supports()))?;
        self.support_checks(id)
    }

    /// Records what the check of one drawn support found.
    pub fn record_support_check(
        &mut self,
        id: DispositifId,
        check: &SupportCheck,
    ) -> Result<(), StoreError> {
        let (d, _) = self.interpellation(id)?;
        if check.result == CheckResult::Invalid && check.comment.trim().is_empty() {
            return Err(crate::domain::DomainError::Required("Motif").into());
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE support_checks SET result = ?3, comment = ?4 \
                 WHERE dispositif_id = ?1 AND number = ?2",
                params![
                    id.0,
                    check.number,
                    check.result.code(),
                    check.comment.trim()
                ],
            )?;
            if n == 0 {
                return Err(StoreError::Refused(format!(
                    "le soutien n° {} n’est pas dans l’échantillon tiré",
                    check.number
                )));
            }
            tx.journal(
                "update",
                "dispositif",
                Some(id.0),
                &format!(
                    "Interpellation « {} » : soutien n° {} {}",
                    d.title,
                    check.number,
                    check.result.label().to_lowercase()
                ),
            )
        })
    }

    /// Links a meeting (the yearly review with the inhabitants involved) to every
    /// interpellation received in `year`; returns how many.
    pub fn link_year_review(
        &mut self,
        year: i32,
        meeting: crate::domain::ids::MeetingId,
    ) -> Result<usize, StoreError> {
        let m = self.meeting(meeting)?;
        let ids: Vec<i64> = self
            .interpellations()?
            .iter()
            .filter(|(_, i)| {
                i.received
                    .is_some_and(|r| chrono::Datelike::year(&r) == year)
            })
            .map(|(d, _)| d.id.0)
            .collect();
        if ids.is_empty() {
            return Err(StoreError::Refused(format!(
                "aucune interpellation reçue en {year}"
            )));
        }
        self.write(|tx| {
            for id in &ids {
                tx.execute(
                    "INSERT OR IGNORE INTO dispositif_meetings (dispositif_id, meeting_id) VALUES (?1, ?2)",
                    [*id, meeting.0],
                )?;
            }
            tx.journal(
                "update",
                "meeting",
                Some(meeting.0),
                &format!(
                    "Réunion « {} » liée aux {} interpellations de {year} (bilan annuel)",
                    m.title,
                    ids.len()
                ),
            )
        })?;
        Ok(ids.len())
    }

    /// How many supporters the imported list holds (0 when the supports were typed).
    pub fn supporter_count(&self, id: DispositifId) -> Result<u32, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM supporters WHERE dispositif_id = ?1",
            [id.0],
            |r| r.get(0),
        )?)
    }

    /// The names (and places) of the supporters numbered `numbers` in the imported
    /// list: what the person checks.
    pub fn supporters_named(
        &self,
        id: DispositifId,
        numbers: &[u32],
    ) -> Result<std::collections::HashMap<u32, String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, place FROM supporters WHERE dispositif_id = ?1 AND number = ?2",
        )?;
        let mut out = std::collections::HashMap::new();
        for &n in numbers {
            let found: Option<(String, String)> = stmt
                .query_row(params![id.0, n], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((name, place)) = found {
                out.insert(
                    n,
                    if place.is_empty() {
                        name
                    } else {
                        format!("{name} ({place})")
                    },
                );
            }
        }
        Ok(out)
    }

    /// Replaces the list of supporters with a checked file's, whole: the counts on
    /// paper and online become the list's, a sample drawn from the old list and not
    /// checked yet is dropped (it must be drawn again). Refused once a check has a
    /// result, and for a list with an error.
    pub fn import_supporters(
        &mut self,
        id: DispositifId,
        list: &crate::import::supporters::SupporterList,
    ) -> Result<(u32, u32), StoreError> {
        if !list.is_clean() {
            return Err(StoreError::Refused(
                "la liste a des lignes à corriger : rien n’a été importé".into(),
            ));
        }
        let (d, _) = self.interpellation(id)?;
        if self
            .support_checks(id)?
            .iter()
            .any(|c| c.result != CheckResult::Pending)
        {
            return Err(StoreError::Refused(
                "des soutiens tirés ont déjà été vérifiés : une nouvelle liste changerait leurs numéros".into(),
            ));
        }
        let (paper, online) = list.counts();
        self.write(|tx| {
            tx.execute("DELETE FROM support_checks WHERE dispositif_id = ?1", [id.0])?;
            tx.execute("DELETE FROM supporters WHERE dispositif_id = ?1", [id.0])?;
            let mut insert = tx.prepare(
                "INSERT INTO supporters (dispositif_id, number, name, place, channel, signed_on) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (k, s) in list.supporters.iter().enumerate() {
                insert.execute(params![
                    id.0,
                    k as i64 + 1,
                    s.name,
                    s.place,
                    s.channel.code(),
                    opt_iso(s.signed_on)
                ])?;
            }
            tx.execute(
                "UPDATE interpellations SET supports_paper = ?2, supports_online = ?3, \
                    check_seed = NULL WHERE dispositif_id = ?1",
                params![id.0, paper, online],
            )?;
            tx.journal(
                "import",
                "dispositif",
                Some(id.0),
                &format!(
                    "Interpellation « {} » : liste de {} soutiens importée ({paper} sur papier, {online} en ligne)",
                    d.title,
                    paper + online
                ),
            )
        })?;
        Ok((paper, online))
    }

    /// The steps of interpellations due by `until` (and those late), soonest first,
    /// each with its interpellation's title.
    pub fn interpellation_dues(
        &self,
        today: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<(Due, String)>, StoreError> {
        let rules = self.interpellation_rules()?;
        let mut out: Vec<(Due, String)> = self
            .interpellations()?
            .into_iter()
            .filter_map(|(d, i)| i.next_due(&rules, today).map(|due| (due, d.title)))
            .filter(|(due, _)| due.date <= until)
            .collect();
        out.sort_by_key(|(due, _)| due.date);
        Ok(out)
    }
}

impl Tx<'_> {
    /// Inserts an interpellation with its process, journaled.
    pub(crate) fn insert_interpellation(
        &self,
        d: &Dispositif,
        i: &Interpellation,
        rules: &Rules,
    ) -> Result<DispositifId, StoreError> {
        i.validate()?;
        let d = Dispositif {
            kind: DispositifKind::Interpellation,
            start: i.received,
            end: i.ended(rules),
            ..d.clone()
        };
        let id = self.insert_dispositif(&d)?;
        let fields = values(i);
        self.execute(
            &format!(
                "INSERT INTO interpellations ({}) VALUES ({})",
                COLUMNS.replace("i.", ""),
                placeholders(fields.len() + 1)
            ),
            params_from_iter(std::iter::once(Value::Integer(id.0)).chain(fields)),
        )?;
        self.journal(
            "create",
            "dispositif",
            Some(id.0),
            &format!("Interpellation citoyenne « {} » reçue", d.title.trim()),
        )?;
        Ok(id)
    }

    /// Replaces the sample of supports to check with `sample`, drawn from `seed`.
    pub(crate) fn insert_support_checks(
        &self,
        id: DispositifId,
        seed: &str,
        sample: &[u32],
        title: &str,
        supports: u32,
    ) -> Result<(), StoreError> {
        self.execute(
            "DELETE FROM support_checks WHERE dispositif_id = ?1",
            [id.0],
        )?;
        let mut insert =
            self.prepare("INSERT INTO support_checks (dispositif_id, number) VALUES (?1, ?2)")?;
        for n in sample {
            insert.execute(params![id.0, n])?;
        }
        self.execute(
            "UPDATE interpellations SET check_seed = ?2 WHERE dispositif_id = ?1",
            params![id.0, seed],
        )?;
        self.journal(
            "draw",
            "dispositif",
            Some(id.0),
            &format!(
                "Interpellation « {title} » : {} soutiens sur {supports} tirés pour vérification (graine « {seed} »)",
                sample.len(),
            ),
        )
    }
}
