//! Co-written texts: charters, their articles in order, the contributions and the
//! answers published to them, the saved versions of the whole text, the pactes de
//! coopération. Every change goes in the journal.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::row::{code, date, iso, opt_date, opt_iso};
use super::{Store, StoreError};
use crate::domain::charter::{
    Article, Charter, CharterVersion, Contribution, Pacte, Section, sections,
};
use crate::domain::codes::ContributionStatus;
use crate::domain::ids::{ArticleId, CharterId, ContactId, ContributionId, MeetingId, PacteId};

fn charter(r: &Row<'_>) -> rusqlite::Result<Charter> {
    Ok(Charter {
        id: CharterId(r.get(0)?),
        title: r.get(1)?,
        preamble: r.get(2)?,
        adopted_on: opt_date(r, 3)?,
        deliberation: r.get(4)?,
    })
}

fn article(r: &Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: ArticleId(r.get(0)?),
        position: r.get(1)?,
        title: r.get(2)?,
        text: r.get(3)?,
    })
}

const CONTRIBUTION: &str = "SELECT id, number, article_id, contact_id, participant, meeting_id, \
    received_on, proposal, status, answer, answered_on FROM charter_contributions";

fn contribution(r: &Row<'_>) -> rusqlite::Result<Contribution> {
    let status: ContributionStatus = code(r, 8)?;
    Ok(Contribution {
        id: ContributionId(r.get(0)?),
        number: r.get(1)?,
        article: r.get::<_, Option<i64>>(2)?.map(ArticleId),
        contact: r.get::<_, Option<i64>>(3)?.map(ContactId),
        participant: r.get(4)?,
        meeting: r.get::<_, Option<i64>>(5)?.map(MeetingId),
        received_on: opt_date(r, 6)?,
        proposal: r.get(7)?,
        status: (status != ContributionStatus::ToReview).then_some(status),
        answer: r.get(9)?,
        answered_on: opt_date(r, 10)?,
    })
}

const PACTE: &str = "SELECT id, title, parties, common, signed_on, ends_on, renewal_on, \
    commitments FROM pactes";

fn pacte(r: &Row<'_>) -> rusqlite::Result<Pacte> {
    Ok(Pacte {
        id: PacteId(r.get(0)?),
        title: r.get(1)?,
        parties: r.get(2)?,
        common: r.get(3)?,
        signed_on: opt_date(r, 4)?,
        ends_on: opt_date(r, 5)?,
        renewal_on: opt_date(r, 6)?,
        commitments: r.get(7)?,
    })
}

impl Store {
    /// Every charter, by title.
    pub fn charters(&self) -> Result<Vec<Charter>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, title, preamble, adopted_on, deliberation FROM charters \
             ORDER BY title COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], charter)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One charter.
    pub fn charter(&self, id: CharterId) -> Result<Charter, StoreError> {
        self.conn
            .query_row(
                "SELECT id, title, preamble, adopted_on, deliberation FROM charters WHERE id = ?1",
                [id.0],
                charter,
            )
            .optional()?
            .ok_or(StoreError::NotFound("charters", id.0))
    }

    /// Creates a charter (`id` 0) or changes its title, preamble and adoption.
    pub fn save_charter(&mut self, c: &Charter) -> Result<CharterId, StoreError> {
        c.check()?;
        if c.id.0 != 0 {
            self.charter(c.id)?;
        }
        let sql = if c.id.0 == 0 {
            "INSERT INTO charters (title, preamble, adopted_on, deliberation) \
             SELECT ?1, ?2, ?3, ?4 WHERE ?5 = 0"
        } else {
            "UPDATE charters SET title = ?1, preamble = ?2, adopted_on = ?3, \
                deliberation = ?4 WHERE id = ?5"
        };
        self.write(|tx| {
            tx.execute(
                sql,
                params![
                    c.title.trim(),
                    c.preamble.trim(),
                    opt_iso(c.adopted_on),
                    c.deliberation.trim(),
                    c.id.0
                ],
            )?;
            let id = if c.id.0 == 0 {
                tx.last_insert_rowid()
            } else {
                c.id.0
            };
            let what = match c.adopted_on {
                Some(d) => format!(
                    "Charte « {} » : adoptée le {} (délibération {})",
                    c.title,
                    iso(d),
                    c.deliberation
                ),
                None => format!("Charte « {} » enregistrée", c.title),
            };
            tx.journal("update", "charter", Some(id), &what)?;
            Ok(CharterId(id))
        })
    }

    /// A charter's articles, in order.
    pub fn articles(&self, charter: CharterId) -> Result<Vec<Article>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, position, title, text FROM charter_articles WHERE charter_id = ?1 \
             ORDER BY position, id",
        )?;
        let rows = stmt.query_map([charter.0], article)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds an article at the end (`id` 0) or changes its title and text.
    pub fn save_article(
        &mut self,
        charter: CharterId,
        a: &Article,
    ) -> Result<ArticleId, StoreError> {
        a.check()?;
        self.charter(charter)?;
        self.write(|tx| {
            let id = if a.id.0 == 0 {
                tx.execute(
                    "INSERT INTO charter_articles (charter_id, position, title, text) \
                     VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM charter_articles \
                        WHERE charter_id = ?1), ?2, ?3)",
                    params![charter.0, a.title.trim(), a.text.trim()],
                )?;
                tx.last_insert_rowid()
            } else {
                let n = tx.execute(
                    "UPDATE charter_articles SET title = ?2, text = ?3 \
                     WHERE id = ?1 AND charter_id = ?4",
                    params![a.id.0, a.title.trim(), a.text.trim(), charter.0],
                )?;
                if n == 0 {
                    return Err(StoreError::NotFound("charter_articles", a.id.0));
                }
                a.id.0
            };
            tx.journal(
                "update",
                "charter",
                Some(charter.0),
                &format!("Article « {} » enregistré", a.title.trim()),
            )?;
            Ok(ArticleId(id))
        })
    }

    /// Moves an article one place up or down.
    pub fn move_article(
        &mut self,
        charter: CharterId,
        id: ArticleId,
        up: bool,
    ) -> Result<(), StoreError> {
        let list = self.articles(charter)?;
        let Some(i) = list.iter().position(|a| a.id == id) else {
            return Err(StoreError::NotFound("charter_articles", id.0));
        };
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        let Some(other) = j.and_then(|j| list.get(j)) else {
            return Ok(());
        };
        let (a, b) = (&list[i], other);
        self.write(|tx| {
            tx.execute(
                "UPDATE charter_articles SET position = ?2 WHERE id = ?1",
                params![a.id.0, b.position],
            )?;
            tx.execute(
                "UPDATE charter_articles SET position = ?2 WHERE id = ?1",
                params![b.id.0, a.position],
            )?;
            tx.journal(
                "update",
                "charter",
                Some(charter.0),
                &format!("Article « {} » déplacé", a.title),
            )
        })
    }

    /// Removes an article; refused while contributions bear on it (their answers
    /// would lose what they answer).
    pub fn remove_article(&mut self, charter: CharterId, id: ArticleId) -> Result<(), StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM charter_contributions WHERE article_id = ?1",
            [id.0],
            |r| r.get(0),
        )?;
        if n > 0 {
            return Err(StoreError::Refused(format!(
                "{n} contribution(s) portent sur cet article : rattachez-les à un autre article avant de le retirer"
            )));
        }
        self.write(|tx| {
            tx.execute(
                "DELETE FROM charter_articles WHERE id = ?1 AND charter_id = ?2",
                params![id.0, charter.0],
            )?;
            tx.journal("delete", "charter", Some(charter.0), "Article retiré")
        })
    }

    /// A charter's contributions, in the order received.
    pub fn contributions(&self, charter: CharterId) -> Result<Vec<Contribution>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "{CONTRIBUTION} WHERE charter_id = ?1 ORDER BY number"
        ))?;
        let rows = stmt.query_map([charter.0], contribution)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records a contribution (`id` 0: numbered after the last one) or changes it —
    /// its status and published answer included. An answer given today is dated
    /// `on` (kept when the answer does not change).
    pub fn save_contribution(
        &mut self,
        charter: CharterId,
        c: &Contribution,
        on: NaiveDate,
    ) -> Result<ContributionId, StoreError> {
        c.check()?;
        self.charter(charter)?;
        let before = if c.id.0 == 0 {
            None
        } else {
            let found = self
                .conn
                .query_row(
                    &format!("{CONTRIBUTION} WHERE id = ?1 AND charter_id = ?2"),
                    params![c.id.0, charter.0],
                    contribution,
                )
                .optional()?;
            Some(found.ok_or(StoreError::NotFound("charter_contributions", c.id.0))?)
        };
        let answered_on = match &before {
            Some(b) if b.answer == c.answer.trim() && b.state() == c.state() => b.answered_on,
            _ if c.state() == ContributionStatus::ToReview => None,
            _ => Some(on),
        };
        // ?1 is the charter for a new contribution, the contribution itself otherwise.
        let (key, sql) = if c.id.0 == 0 {
            (
                charter.0,
                "INSERT INTO charter_contributions (charter_id, number, article_id, \
                    contact_id, participant, meeting_id, received_on, proposal, status, \
                    answer, answered_on) \
                 VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM charter_contributions \
                    WHERE charter_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
        } else {
            (
                c.id.0,
                "UPDATE charter_contributions SET article_id = ?2, contact_id = ?3, \
                    participant = ?4, meeting_id = ?5, received_on = ?6, proposal = ?7, \
                    status = ?8, answer = ?9, answered_on = ?10 WHERE id = ?1",
            )
        };
        self.write(|tx| {
            tx.execute(
                sql,
                params![
                    key,
                    c.article.map(|a| a.0),
                    c.contact.map(|x| x.0),
                    c.participant.trim(),
                    c.meeting.map(|m| m.0),
                    opt_iso(c.received_on),
                    c.proposal.trim(),
                    c.state().code(),
                    c.answer.trim(),
                    opt_iso(answered_on)
                ],
            )?;
            let id = if c.id.0 == 0 {
                tx.last_insert_rowid()
            } else {
                c.id.0
            };
            tx.journal(
                "update",
                "charter",
                Some(charter.0),
                &format!(
                    "Contribution n° {id} : {}",
                    c.state().label().to_lowercase()
                ),
            )?;
            Ok(ContributionId(id))
        })
    }

    /// The contributions a contact of the directory made, with their charter's title
    /// (the access request lists them).
    pub fn contributions_of(
        &self,
        contact: ContactId,
    ) -> Result<Vec<(String, Contribution)>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT x.*, c.title FROM ({CONTRIBUTION} WHERE contact_id = ?1) x              JOIN charter_contributions k ON k.id = x.id              JOIN charters c ON c.id = k.charter_id ORDER BY c.id, x.number"
        ))?;
        let rows = stmt.query_map([contact.0], |r| Ok((r.get(11)?, contribution(r)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Saves the whole text as it stands as the next version, with a label
    /// (« Projet soumis au conseil »). Returns its number.
    pub fn save_charter_version(
        &mut self,
        charter: CharterId,
        label: &str,
        on: NaiveDate,
    ) -> Result<u32, StoreError> {
        let articles = sections(&self.articles(charter)?);
        if articles.is_empty() {
            return Err(StoreError::Refused(
                "la charte n’a pas encore d’article : rien à enregistrer".into(),
            ));
        }
        let json =
            serde_json::to_string(&articles).map_err(|e| StoreError::BadValue(e.to_string()))?;
        self.write(|tx| {
            let number: u32 = tx.query_row(
                "SELECT coalesce(max(number), 0) + 1 FROM charter_versions WHERE charter_id = ?1",
                [charter.0],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO charter_versions (charter_id, number, label, saved_on, articles) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![charter.0, number, label.trim(), iso(on), json],
            )?;
            tx.journal(
                "update",
                "charter",
                Some(charter.0),
                &format!("Version {number} de la charte enregistrée"),
            )?;
            Ok(number)
        })
    }

    /// The saved versions, oldest first.
    pub fn charter_versions(&self, charter: CharterId) -> Result<Vec<CharterVersion>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT number, label, saved_on, articles FROM charter_versions \
             WHERE charter_id = ?1 ORDER BY number",
        )?;
        let rows = stmt.query_map([charter.0], |r| {
            let json: String = r.get(3)?;
            let articles: Vec<Section> = serde_json::from_str(&json).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, e.into())
            })?;
            Ok(CharterVersion {
                number: r.get(0)?,
                label: r.get(1)?,
                saved_on: date(r, 2)?,
                articles,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The pactes signed under a charter, the latest signed first.
    pub fn pactes(&self, charter: CharterId) -> Result<Vec<Pacte>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "{PACTE} WHERE charter_id = ?1 ORDER BY signed_on IS NULL, signed_on DESC, id"
        ))?;
        let rows = stmt.query_map([charter.0], pacte)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a pacte (`id` 0) or changes it.
    pub fn save_pacte(&mut self, charter: CharterId, p: &Pacte) -> Result<PacteId, StoreError> {
        p.check()?;
        self.charter(charter)?;
        self.write(|tx| {
            let values = params![
                p.title.trim(),
                p.parties.trim(),
                p.common.trim(),
                opt_iso(p.signed_on),
                opt_iso(p.ends_on),
                opt_iso(p.renewal_on),
                p.commitments.trim(),
                charter.0,
                p.id.0
            ];
            let id = if p.id.0 == 0 {
                tx.execute(
                    "INSERT INTO pactes (title, parties, common, signed_on, ends_on, \
                        renewal_on, commitments, charter_id) \
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE ?9 = 0",
                    values,
                )?;
                tx.last_insert_rowid()
            } else {
                let n = tx.execute(
                    "UPDATE pactes SET title = ?1, parties = ?2, common = ?3, signed_on = ?4, \
                        ends_on = ?5, renewal_on = ?6, commitments = ?7 \
                     WHERE charter_id = ?8 AND id = ?9",
                    values,
                )?;
                if n == 0 {
                    return Err(StoreError::NotFound("pactes", p.id.0));
                }
                p.id.0
            };
            tx.journal(
                "update",
                "charter",
                Some(charter.0),
                &format!("Pacte de coopération « {} » enregistré", p.title.trim()),
            )?;
            Ok(PacteId(id))
        })
    }

    /// Removes a pacte.
    pub fn remove_pacte(&mut self, charter: CharterId, id: PacteId) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM pactes WHERE id = ?1 AND charter_id = ?2",
                params![id.0, charter.0],
            )?;
            tx.journal(
                "delete",
                "charter",
                Some(charter.0),
                "Pacte de coopération retiré",
            )
        })
    }
}
