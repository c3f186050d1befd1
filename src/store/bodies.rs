//! Consultative bodies: their composition rules, their members and terms (each
//! change journaled), the terms ending soon, and the renewal by lot — a convention of
//! the body's own that the Tirage au sort panel draws like any panel, whose drawn
//! members then take their seats in one step.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::dispositifs::{DISPOSITIF_COLS, dispositif};
use super::row::{code, date, iso, opt_date};
use super::{Store, StoreError, Tx};
use crate::domain::body::{Body, Member, Opinion, eligibility, vacancies};
use crate::domain::codes::{ConventionStatus, DispositifKind, ParticipationKind, SeatFilling};
use crate::domain::convention::Convention;
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::{ContactId, ConventionId, DispositifId};

const MEMBER_COLS: &str = "m.id, m.dispositif_id, m.contact_id, \
    CASE WHEN k.is_organisation = 1 THEN k.organisation \
         ELSE trim(k.first_name || ' ' || k.last_name) END, \
    m.start_date, m.end_date, m.mode, m.term, m.left_on";

fn member(r: &Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        id: r.get(0)?,
        body: DispositifId(r.get(1)?),
        contact: ContactId(r.get(2)?),
        name: r.get(3)?,
        start: date(r, 4)?,
        end: date(r, 5)?,
        mode: code(r, 6)?,
        term: r.get(7)?,
        left_on: opt_date(r, 8)?,
    })
}

fn body(r: &Row<'_>, at: usize) -> rusqlite::Result<Body> {
    Ok(Body {
        id: DispositifId(r.get(at)?),
        seats: r.get(at + 1)?,
        filling: code(r, at + 2)?,
        term_years: r.get(at + 3)?,
        max_terms: r.get(at + 4)?,
        min_age: r.get(at + 5)?,
        parity: r.get(at + 6)?,
        sector: r
            .get::<_, Option<String>>(at + 7)?
            .and_then(|s| crate::domain::codes::Sector::from_code(&s)),
    })
}

const BODY_COLS: &str = "b.dispositif_id, b.seats, b.filling, b.term_years, b.max_terms, \
    b.min_age, b.parity, b.sector";

/// What appointing a renewal's drawn members did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Appointed {
    /// Names of those who took a seat.
    pub seated: Vec<String>,
    /// What the office should know (another body, another sector).
    pub warnings: Vec<String>,
    /// Drawn people who could not be seated, and why.
    pub refused: Vec<String>,
}

impl Store {
    /// Every body with its process, by title.
    pub fn bodies(&self) -> Result<Vec<(Dispositif, Body)>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {DISPOSITIF_COLS}, {BODY_COLS} FROM dispositifs d \
             JOIN bodies b ON b.dispositif_id = d.id ORDER BY d.title COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([], |r| Ok((dispositif(r)?, body(r, 9)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One body with its process.
    pub fn body(&self, id: DispositifId) -> Result<(Dispositif, Body), StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {DISPOSITIF_COLS}, {BODY_COLS} FROM dispositifs d \
                     JOIN bodies b ON b.dispositif_id = d.id WHERE d.id = ?1"
                ),
                [id.0],
                |r| Ok((dispositif(r)?, body(r, 9)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("instance", id.0))
    }

    /// Records a new body.
    pub fn add_body(&mut self, d: &Dispositif, b: &Body) -> Result<DispositifId, StoreError> {
        self.write(|tx| tx.insert_body(d, b))
    }

    /// Changes a body's process and rules.
    pub fn update_body(&mut self, d: &Dispositif, b: &Body) -> Result<(), StoreError> {
        b.validate()?;
        self.write(|tx| {
            tx.update_dispositif(d)?;
            tx.put_body_rules(d.id, b)?;
            tx.journal(
                "update",
                "dispositif",
                Some(d.id.0),
                &format!("Instance « {} » modifiée", d.title.trim()),
            )
        })
    }

    /// A body's members, sitting or not, by end of term then name.
    pub fn body_members(&self, id: DispositifId) -> Result<Vec<Member>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEMBER_COLS} FROM body_members m JOIN contacts k ON k.id = m.contact_id \
             WHERE m.dispositif_id = ?1"
        ))?;
        let mut out: Vec<Member> = stmt.query_map([id.0], member)?.collect::<Result<_, _>>()?;
        let key = |m: &Member| crate::domain::text::sort_key(&m.name);
        out.sort_by(|a, b| b.end.cmp(&a.end).then_with(|| key(a).cmp(&key(b))));
        Ok(out)
    }

    /// Every seat a contact held or holds, with its body's title, latest first.
    pub fn seats_of(&self, contact: ContactId) -> Result<Vec<(Member, String)>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEMBER_COLS}, d.title FROM body_members m \
             JOIN contacts k ON k.id = m.contact_id JOIN dispositifs d ON d.id = m.dispositif_id \
             WHERE m.contact_id = ?1 ORDER BY m.start_date DESC"
        ))?;
        let rows = stmt.query_map([contact.0], |r| Ok((member(r)?, r.get::<_, String>(9)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Members whose term ends within `months` of `today`, soonest first, with their
    /// body's title.
    pub fn terms_ending(
        &self,
        today: NaiveDate,
        months: u32,
    ) -> Result<Vec<(Member, String)>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {MEMBER_COLS}, d.title FROM body_members m \
             JOIN contacts k ON k.id = m.contact_id JOIN dispositifs d ON d.id = m.dispositif_id \
             WHERE m.end_date >= ?1 ORDER BY m.end_date, 4 COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([iso(today)], |r| Ok((member(r)?, r.get::<_, String>(9)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (m, title) = row?;
            if m.ends_within(today, months) {
                out.push((m, title));
            }
        }
        Ok(out)
    }

    /// Gives a contact a seat from `start` for one term; refused for an organisation,
    /// an élu·e or someone at the end of their terms; the warnings say what the office
    /// should know (another body, another sector).
    pub fn add_member(
        &mut self,
        id: DispositifId,
        contact: ContactId,
        start: NaiveDate,
        mode: SeatFilling,
    ) -> Result<Vec<String>, StoreError> {
        let (d, b) = self.body(id)?;
        self.write(|tx| tx.seat(&d, &b, contact, start, mode))
    }

    /// Records that a member left before the end of their term.
    pub fn member_left(&mut self, member: i64, on: NaiveDate) -> Result<(), StoreError> {
        self.write(|tx| {
            let (body, name): (i64, String) = tx
                .query_row(
                    "SELECT m.dispositif_id, trim(k.first_name || ' ' || k.last_name) \
                 FROM body_members m JOIN contacts k ON k.id = m.contact_id WHERE m.id = ?1",
                    [member],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound("siège", member))?;
            tx.execute(
                "UPDATE body_members SET left_on = ?2 WHERE id = ?1",
                params![member, iso(on)],
            )?;
            tx.journal(
                "update",
                "dispositif",
                Some(body),
                &format!("{name} quitte l’instance le {}", on.format("%d/%m/%Y")),
            )
        })
    }

    /// The opinions a body issued, latest first.
    pub fn opinions(&self, id: DispositifId) -> Result<Vec<Opinion>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, issued_on, title, addressed_to FROM body_opinions \
             WHERE dispositif_id = ?1 ORDER BY issued_on DESC, id DESC",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(Opinion {
                id: r.get(0)?,
                issued_on: date(r, 1)?,
                title: r.get(2)?,
                addressed_to: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records an opinion the body issued.
    pub fn add_opinion(&mut self, id: DispositifId, o: &Opinion) -> Result<(), StoreError> {
        if o.title.trim().is_empty() {
            return Err(crate::domain::DomainError::Required("Objet de l’avis").into());
        }
        let (d, _) = self.body(id)?;
        self.write(|tx| tx.insert_opinion(id, o, &d.title))
    }

    /// The renewal conventions of a body, latest first.
    pub fn renewals(&self, id: DispositifId) -> Result<Vec<(ConventionId, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, title FROM conventions WHERE renewal_of = ?1 ORDER BY id DESC")?;
        let rows = stmt.query_map([id.0], |r| Ok((ConventionId(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Opens the renewal by lot of the seats free on `day`: a convention of the body's
    /// own, whose panel size is the seats to fill, drawn in the Tirage au sort panel.
    /// A renewal not drawn yet is reused.
    pub fn start_renewal(
        &mut self,
        id: DispositifId,
        day: NaiveDate,
    ) -> Result<ConventionId, StoreError> {
        let (d, b) = self.body(id)?;
        let seats = vacancies(&b, &self.body_members(id)?, day);
        if seats == 0 {
            return Err(StoreError::Refused(format!(
                "aucun siège n’est libre au {} : rien à renouveler",
                day.format("%d/%m/%Y")
            )));
        }
        for (conv, _) in self.renewals(id)? {
            if self.latest_draw(conv)?.is_none() {
                self.write(|tx| {
                    tx.execute(
                        "UPDATE conventions SET target_panel_size = ?2, start_date = ?3 WHERE id = ?1",
                        params![conv.0, seats, iso(day)],
                    )?;
                    tx.journal(
                        "update",
                        "convention",
                        Some(conv.0),
                        &format!("Renouvellement de « {} » : {seats} siège(s) à pourvoir", d.title),
                    )
                })?;
                return Ok(conv);
            }
        }
        let title = format!("Renouvellement — {} ({})", d.title, day.format("%m/%Y"));
        let convention = Convention {
            title: title.clone(),
            theme: "Instance consultative".into(),
            status: ConventionStatus::Recruitment,
            participation: ParticipationKind::Consultation,
            question: format!("Qui siégera dans « {} » ?", d.title),
            target_panel_size: seats,
            start_date: Some(day),
            ..Convention::draft(title.clone())
        };
        self.write(|tx| {
            let conv = tx.insert_convention(&convention)?;
            tx.execute(
                "UPDATE conventions SET renewal_of = ?2 WHERE id = ?1",
                [conv.0, id.0],
            )?;
            tx.journal(
                "create",
                "convention",
                Some(conv.0),
                &format!("{title} : {seats} siège(s) à pourvoir par tirage au sort"),
            )?;
            Ok(conv)
        })
    }

    /// Seats the members of a renewal's latest draw from `start`, in one transaction:
    /// those the directory knows and who may sit; the others are said.
    pub fn appoint_drawn(
        &mut self,
        id: DispositifId,
        renewal: ConventionId,
        start: NaiveDate,
    ) -> Result<Appointed, StoreError> {
        let (d, b) = self.body(id)?;
        let draw = self.latest_draw(renewal)?.ok_or(StoreError::Refused(
            "ce renouvellement n’a pas encore de tirage".into(),
        ))?;
        let drawn: Vec<(String, Option<i64>)> = self
            .conn
            .prepare(
                "SELECT m.pseudonym, m.contact_id FROM draw_selections s \
                 JOIN pool_members m ON m.id = s.pool_member_id \
                 WHERE s.draw_id = ?1 AND s.role = 'member' AND s.withdrawn_on IS NULL \
                 ORDER BY s.rank",
            )?
            .query_map([draw.draw.id.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mode = match b.filling {
            SeatFilling::Appointed => SeatFilling::DrawnVolunteers,
            other => other,
        };
        self.write(|tx| {
            let mut out = Appointed::default();
            for (pseudonym, contact) in &drawn {
                let Some(contact) = contact else {
                    out.refused.push(format!(
                        "{pseudonym} : pas de fiche dans l’annuaire (vivier importé d’un fichier) — ajoutez la personne puis donnez-lui son siège"
                    ));
                    continue;
                };
                let name = tx.contact_name(ContactId(*contact))?;
                match tx.seat(&d, &b, ContactId(*contact), start, mode) {
                    Ok(w) => {
                        out.seated.push(name);
                        out.warnings.extend(w);
                    }
                    Err(e @ (StoreError::Invalid(_) | StoreError::Refused(_))) => {
                        out.refused.push(format!("{name} : {e}"))
                    }
                    Err(e) => return Err(e),
                }
            }
            tx.journal(
                "update",
                "dispositif",
                Some(id.0),
                &format!(
                    "« {} » : {} membre(s) tiré(s) au sort prennent leur siège le {}",
                    d.title,
                    out.seated.len(),
                    start.format("%d/%m/%Y")
                ),
            )?;
            Ok(out)
        })
    }
}

impl Tx<'_> {
    /// Inserts a body with its process, journaled.
    pub(crate) fn insert_body(&self, d: &Dispositif, b: &Body) -> Result<DispositifId, StoreError> {
        b.validate()?;
        let d = Dispositif {
            kind: DispositifKind::Body,
            ..d.clone()
        };
        let id = self.insert_dispositif(&d)?;
        self.put_body_rules(id, b)?;
        self.journal(
            "create",
            "dispositif",
            Some(id.0),
            &format!("Instance consultative « {} » créée", d.title.trim()),
        )?;
        Ok(id)
    }

    /// Writes a body's composition rules, whether it has some already or not.
    fn put_body_rules(&self, id: DispositifId, b: &Body) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO bodies (dispositif_id, seats, filling, term_years, max_terms, min_age, \
                parity, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (dispositif_id) DO UPDATE SET seats = excluded.seats, \
                filling = excluded.filling, term_years = excluded.term_years, \
                max_terms = excluded.max_terms, min_age = excluded.min_age, \
                parity = excluded.parity, sector = excluded.sector",
            params![
                id.0,
                b.seats,
                b.filling.code(),
                b.term_years,
                b.max_terms,
                b.min_age,
                b.parity,
                b.sector.map(|s| s.code())
            ],
        )?;
        Ok(())
    }

    pub(crate) fn insert_opinion(
        &self,
        id: DispositifId,
        o: &Opinion,
        body: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO body_opinions (dispositif_id, issued_on, title, addressed_to) \
             VALUES (?1, ?2, ?3, ?4)",
            params![
                id.0,
                iso(o.issued_on),
                o.title.trim(),
                o.addressed_to.trim()
            ],
        )?;
        self.journal(
            "update",
            "dispositif",
            Some(id.0),
            &format!("« {body} » : avis « {} » rendu", o.title.trim()),
        )
    }

    fn contact_name(&self, id: ContactId) -> Result<String, StoreError> {
        Ok(self.query_row(
            "SELECT CASE WHEN is_organisation = 1 THEN organisation \
                ELSE trim(first_name || ' ' || last_name) END FROM contacts WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )?)
    }

    /// Gives a contact a seat for one term from `start`, after the eligibility rules;
    /// returns the warnings.
    pub(crate) fn seat(
        &self,
        d: &Dispositif,
        b: &Body,
        contact: ContactId,
        start: NaiveDate,
        mode: SeatFilling,
    ) -> Result<Vec<String>, StoreError> {
        let c = super::contacts::read_contact(self, contact)?;
        // The terms in a row: the last one ending within a month of this start.
        let previous: Option<(u32, NaiveDate, Option<NaiveDate>)> = self
            .query_row(
                "SELECT term, end_date, left_on FROM body_members \
                 WHERE dispositif_id = ?1 AND contact_id = ?2 ORDER BY end_date DESC LIMIT 1",
                params![d.id.0, contact.0],
                |r| Ok((r.get(0)?, date(r, 1)?, opt_date(r, 2)?)),
            )
            .optional()?;
        if let Some((_, end, left)) = previous
            && end >= start
            && left.is_none_or(|l| l > start)
        {
            return Err(StoreError::Refused(format!(
                "{} siège déjà dans « {} » jusqu’au {}",
                c.display_name(),
                d.title,
                end.format("%d/%m/%Y")
            )));
        }
        let in_a_row = previous
            .filter(|(_, end, _)| (start - *end).num_days() <= 31)
            .map_or(0, |(term, _, _)| term);
        let others: Vec<String> = self
            .prepare(
                "SELECT d.title FROM body_members m JOIN dispositifs d ON d.id = m.dispositif_id \
                 WHERE m.contact_id = ?1 AND m.dispositif_id <> ?2 AND m.start_date <= ?3 \
                   AND m.end_date >= ?3 AND (m.left_on IS NULL OR m.left_on > ?3)",
            )?
            .query_map(params![contact.0, d.id.0, iso(start)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let warnings = eligibility(b, &c, &others, in_a_row)?;
        let end = b.term_end(start);
        self.execute(
            "INSERT INTO body_members (dispositif_id, contact_id, start_date, end_date, mode, term, left_on) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)",
            params![d.id.0, contact.0, iso(start), iso(end), mode.code(), in_a_row + 1],
        )?;
        self.journal(
            "update",
            "dispositif",
            Some(d.id.0),
            &format!(
                "{} siège dans « {} » du {} au {} (mandat {})",
                c.display_name(),
                d.title,
                start.format("%d/%m/%Y"),
                end.format("%d/%m/%Y"),
                in_a_row + 1
            ),
        )?;
        Ok(warnings)
    }
}
