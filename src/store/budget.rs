//! Participatory budget editions and their projects: added and changed (journaled),
//! the votes imported whole or not at all, and the winners designated by filling the
//! envelope in vote order.

use rusqlite::{OptionalExtension, Row, params};

use super::dispositifs::{DISPOSITIF_COLS, dispositif};
use super::row::{code, opt_date, opt_iso};
use super::{Store, StoreError, Tx};
use crate::domain::budget::{Edition, Project, fill_envelope};
use crate::domain::codes::{DispositifKind, ProjectStage, Sector};
use crate::domain::dispositif::Dispositif;
use crate::domain::ids::DispositifId;
use crate::import::votes::Votes;

const PROJECT_COLS: &str = "id, dispositif_id, number, title, sector, proposer, stage, \
    directorate, opinion_on, opinion, estimated_cents, votes, progress, spent_cents, delivered_on";

fn project(r: &Row<'_>) -> rusqlite::Result<Project> {
    Ok(Project {
        id: r.get(0)?,
        edition: DispositifId(r.get(1)?),
        number: r.get(2)?,
        title: r.get(3)?,
        sector: r
            .get::<_, Option<String>>(4)?
            .and_then(|s| Sector::from_code(&s)),
        proposer: r.get(5)?,
        stage: code(r, 6)?,
        directorate: r.get(7)?,
        opinion_on: opt_date(r, 8)?,
        opinion: r.get(9)?,
        estimated_cents: r.get(10)?,
        votes: r.get(11)?,
        progress: r.get(12)?,
        spent_cents: r.get(13)?,
        delivered_on: opt_date(r, 14)?,
    })
}

fn edition(r: &Row<'_>, at: usize) -> rusqlite::Result<Edition> {
    Ok(Edition {
        id: DispositifId(r.get(at)?),
        year: r.get(at + 1)?,
        envelope_cents: r.get(at + 2)?,
        max_project_cents: r.get(at + 3)?,
        investment_only: r.get(at + 4)?,
    })
}

impl Store {
    /// One edition with its process.
    pub fn edition(&self, id: DispositifId) -> Result<(Dispositif, Edition), StoreError> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {DISPOSITIF_COLS}, e.dispositif_id, e.year, e.envelope_cents, \
                        e.max_project_cents, e.investment_only \
                     FROM dispositifs d JOIN budget_editions e ON e.dispositif_id = d.id \
                     WHERE d.id = ?1"
                ),
                [id.0],
                |r| Ok((dispositif(r)?, edition(r, 9)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("budget participatif", id.0))
    }

    /// Records a new edition.
    pub fn add_edition(&mut self, d: &Dispositif, e: &Edition) -> Result<DispositifId, StoreError> {
        self.write(|tx| tx.insert_edition(d, e))
    }

    /// Changes an edition's process and rules.
    pub fn update_edition(&mut self, d: &Dispositif, e: &Edition) -> Result<(), StoreError> {
        e.validate()?;
        self.write(|tx| {
            tx.update_dispositif(d)?;
            tx.put_edition_rules(d.id, e)?;
            tx.journal(
                "update",
                "dispositif",
                Some(d.id.0),
                &format!("Budget participatif « {} » modifié", d.title.trim()),
            )
        })
    }

    /// An edition's projects, by number.
    pub fn projects(&self, id: DispositifId) -> Result<Vec<Project>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {PROJECT_COLS} FROM budget_projects WHERE dispositif_id = ?1 ORDER BY number"
        ))?;
        let rows = stmt.query_map([id.0], project)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a project (its number the next free one when 0) or changes it.
    pub fn save_project(&mut self, p: &Project) -> Result<u32, StoreError> {
        let (d, e) = self.edition(p.edition)?;
        p.validate(&e)?;
        self.write(|tx| tx.save_project(p, &d.title))
    }

    /// Applies a votes file to the projects on the ballot, whole: refused if a number
    /// is not a project of the edition or not on the ballot.
    pub fn import_votes(&mut self, id: DispositifId, votes: &Votes) -> Result<usize, StoreError> {
        if !votes.is_clean() {
            return Err(StoreError::Refused(
                "le fichier des votes a des lignes à corriger : rien n’a été appliqué".into(),
            ));
        }
        let (d, _) = self.edition(id)?;
        let projects = self.projects(id)?;
        let mut errors = Vec::new();
        for (line, number, _) in &votes.lines {
            match projects.iter().find(|p| p.number == *number) {
                None => errors.push(format!("ligne {line} : pas de projet n° {number}")),
                Some(p)
                    if p.stage < ProjectStage::OnBallot || p.stage == ProjectStage::Rejected =>
                {
                    errors.push(format!(
                        "ligne {line} : le projet n° {number} n’est pas soumis au vote ({})",
                        p.stage.label().to_lowercase()
                    ))
                }
                Some(_) => {}
            }
        }
        if !errors.is_empty() {
            return Err(StoreError::Refused(format!(
                "{} ; rien n’a été appliqué",
                errors.join(" ; ")
            )));
        }
        self.write(|tx| {
            for (_, number, v) in &votes.lines {
                tx.execute(
                    "UPDATE budget_projects SET votes = ?3 WHERE dispositif_id = ?1 AND number = ?2",
                    params![id.0, number, v],
                )?;
            }
            tx.journal(
                "import",
                "dispositif",
                Some(id.0),
                &format!(
                    "« {} » : votes de {} projet(s) importés",
                    d.title,
                    votes.lines.len()
                ),
            )
        })?;
        Ok(votes.lines.len())
    }

    /// Designates the winners by filling the envelope in vote order; the projects on
    /// the ballot become « Lauréate » or « Non retenue au vote » (those already being
    /// delivered keep their stage). Returns the winners' count and the envelope used.
    pub fn designate_winners(&mut self, id: DispositifId) -> Result<(usize, i64), StoreError> {
        let (d, e) = self.edition(id)?;
        let projects = self.projects(id)?;
        if projects
            .iter()
            .any(|p| p.stage == ProjectStage::OnBallot && p.votes.is_none())
        {
            return Err(StoreError::Refused(
                "des projets soumis au vote n’ont pas encore leurs votes".into(),
            ));
        }
        let ranked = fill_envelope(&e, &projects);
        let winners = ranked.iter().filter(|r| r.winner).count();
        let used = ranked.last().map_or(0, |r| r.used);
        self.write(|tx| {
            for r in &ranked {
                tx.execute(
                    "UPDATE budget_projects SET stage = ?3 WHERE dispositif_id = ?1 AND number = ?2 \
                     AND stage IN ('on_ballot', 'winner', 'not_chosen')",
                    params![
                        id.0,
                        r.number,
                        if r.winner { "winner" } else { "not_chosen" }
                    ],
                )?;
            }
            tx.journal(
                "update",
                "dispositif",
                Some(id.0),
                &format!(
                    "« {} » : {winners} projet(s) lauréat(s), {} de l’enveloppe engagés",
                    d.title,
                    crate::domain::text::euros(used)
                ),
            )
        })?;
        Ok((winners, used))
    }
}

impl Tx<'_> {
    /// Inserts an edition with its process, journaled.
    pub(crate) fn insert_edition(
        &self,
        d: &Dispositif,
        e: &Edition,
    ) -> Result<DispositifId, StoreError> {
        e.validate()?;
        let d = Dispositif {
            kind: DispositifKind::Budget,
            ..d.clone()
        };
        let id = self.insert_dispositif(&d)?;
        self.put_edition_rules(id, e)?;
        self.journal(
            "create",
            "dispositif",
            Some(id.0),
            &format!("Budget participatif « {} » créé", d.title.trim()),
        )?;
        Ok(id)
    }

    /// Writes an edition's envelope and rules, whether it has some already or not.
    fn put_edition_rules(&self, id: DispositifId, e: &Edition) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO budget_editions (dispositif_id, year, envelope_cents, max_project_cents, \
                investment_only) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (dispositif_id) DO UPDATE SET year = excluded.year, \
                envelope_cents = excluded.envelope_cents, \
                max_project_cents = excluded.max_project_cents, \
                investment_only = excluded.investment_only",
            params![
                id.0,
                e.year,
                e.envelope_cents,
                e.max_project_cents,
                e.investment_only
            ],
        )?;
        Ok(())
    }

    /// Inserts or changes a project, journaled; returns its number.
    pub(crate) fn save_project(&self, p: &Project, edition: &str) -> Result<u32, StoreError> {
        let number = if p.number == 0 {
            self.query_row(
                "SELECT coalesce(max(number), 0) + 1 FROM budget_projects WHERE dispositif_id = ?1",
                [p.edition.0],
                |r| r.get(0),
            )?
        } else {
            p.number
        };
        let fields: [rusqlite::types::Value; 14] = [
            p.edition.0.into(),
            number.into(),
            p.title.trim().to_string().into(),
            p.sector.map(|s| s.code().to_string()).into(),
            p.proposer.trim().to_string().into(),
            p.stage.code().to_string().into(),
            p.directorate.trim().to_string().into(),
            opt_iso(p.opinion_on).into(),
            p.opinion.trim().to_string().into(),
            p.estimated_cents.into(),
            p.votes.into(),
            p.progress.into(),
            p.spent_cents.into(),
            opt_iso(p.delivered_on).into(),
        ];
        if p.id == 0 {
            self.execute(
                "INSERT INTO budget_projects (dispositif_id, number, title, sector, proposer, stage, \
                    directorate, opinion_on, opinion, estimated_cents, votes, progress, spent_cents, \
                    delivered_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                rusqlite::params_from_iter(fields),
            )?;
        } else {
            let n = self.execute(
                "UPDATE budget_projects SET dispositif_id = ?1, number = ?2, title = ?3, sector = ?4, \
                    proposer = ?5, stage = ?6, directorate = ?7, opinion_on = ?8, opinion = ?9, \
                    estimated_cents = ?10, votes = ?11, progress = ?12, spent_cents = ?13, \
                    delivered_on = ?14 WHERE id = ?15",
                rusqlite::params_from_iter(fields.into_iter().chain([p.id.into()])),
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("projet", p.id));
            }
        }
        self.journal(
            if p.id == 0 { "create" } else { "update" },
            "dispositif",
            Some(p.edition.0),
            &format!(
                "« {edition} » : projet n° {number} « {} » — {}",
                p.title.trim(),
                p.stage.label()
            ),
        )?;
        Ok(number)
    }
}
