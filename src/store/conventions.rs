//! Conventions and their parts: phases, sessions, governance, tasks, risks, budget,
//! proposals and answers; and the overview that gathers them.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{code, date, hm, iso, now_stamp, opt_date, opt_iso, time};
use super::{Store, StoreError, Tx};
use crate::domain::codes::{ConventionRole, ConventionStatus};
use crate::domain::convention::{Convention, Phase, RoleHolder, Session};
use crate::domain::ids::*;
use crate::domain::meeting::Decision;
use crate::domain::overview::{AttendanceSummary, ConventionOverview};
use crate::domain::planning::{BudgetLine, Risk, Task};
use crate::domain::proposal::{Answer, Proposal};
use crate::domain::sortition::check_composition;

/// A line of the conventions list.
#[derive(Debug, Clone, PartialEq)]
pub struct ConventionRow {
    pub id: ConventionId,
    pub archived: bool,
    pub title: String,
    pub theme: String,
    pub status: ConventionStatus,
    pub start_date: Option<chrono::NaiveDate>,
    pub end_date: Option<chrono::NaiveDate>,
    pub tasks_done: u32,
    pub tasks_total: u32,
}

const CONVENTION_COLS: &str = "id, title, theme, status, participation, mandate_from, question, \
    commitment, elected_official, target_panel_size, budget_envelope_cents, start_date, end_date, \
    synthesis_text, archived";

fn convention(r: &Row<'_>) -> rusqlite::Result<Convention> {
    Ok(Convention {
        id: ConventionId(r.get(0)?),
        title: r.get(1)?,
        theme: r.get(2)?,
        status: code(r, 3)?,
        participation: code(r, 4)?,
        mandate_from: r.get(5)?,
        question: r.get(6)?,
        commitment: r.get(7)?,
        elected_official: r.get(8)?,
        target_panel_size: r.get(9)?,
        budget_envelope_cents: r.get(10)?,
        start_date: opt_date(r, 11)?,
        end_date: opt_date(r, 12)?,
        synthesis_text: r.get(13)?,
        archived: r.get(14)?,
    })
}

pub(crate) fn task(r: &Row<'_>) -> rusqlite::Result<Task> {
    Ok(Task {
        id: TaskId(r.get(0)?),
        convention: ConventionId(r.get(1)?),
        title: r.get(2)?,
        owner: r.get(3)?,
        due: opt_date(r, 4)?,
        status: code(r, 5)?,
        priority: code(r, 6)?,
        milestone: r.get(7)?,
        session: r.get::<_, Option<i64>>(8)?.map(SessionId),
    })
}

pub(crate) const TASK_COLS: &str =
    "id, convention_id, title, owner, due_date, status, priority, milestone, session_id";

fn risk(r: &Row<'_>) -> rusqlite::Result<Risk> {
    Ok(Risk {
        id: RiskId(r.get(0)?),
        convention: ConventionId(r.get(1)?),
        title: r.get(2)?,
        probability: r.get(3)?,
        impact: r.get(4)?,
        mitigation: r.get(5)?,
        owner: r.get(6)?,
        review: opt_date(r, 7)?,
        status: code(r, 8)?,
    })
}

pub(crate) fn proposal(r: &Row<'_>) -> rusqlite::Result<Proposal> {
    Ok(Proposal {
        id: ProposalId(r.get(0)?),
        convention: ConventionId(r.get(1)?),
        number: r.get(2)?,
        title: r.get(3)?,
        text: r.get(4)?,
        theme: r.get(5)?,
        vote_result: r.get(6)?,
        status: code(r, 7)?,
        directorate: r.get(8)?,
        progress: r.get(9)?,
        members_grade: r.get(10)?,
    })
}

pub(crate) const PROPOSAL_COLS: &str = "id, convention_id, number, title, text, theme, vote_result, \
    status, directorate, progress, members_grade";

impl Store {
    /// Every convention, newest first, archived ones last.
    pub fn conventions(&self) -> Result<Vec<ConventionRow>, StoreError> {
        self.convention_rows(false)
    }

    /// What the Tirage au sort panel draws for: the conventions, and the renewals of
    /// the consultative bodies' seats.
    pub fn draw_subjects(&self) -> Result<Vec<ConventionRow>, StoreError> {
        self.convention_rows(true)
    }

    fn convention_rows(&self, with_renewals: bool) -> Result<Vec<ConventionRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.title, c.theme, c.status, c.start_date, c.end_date, \
                (SELECT count(*) FROM tasks t WHERE t.convention_id = c.id AND t.status = 'done'), \
                (SELECT count(*) FROM tasks t WHERE t.convention_id = c.id), c.archived \
             FROM conventions c WHERE ?1 OR c.renewal_of IS NULL \
             ORDER BY c.renewal_of IS NOT NULL, c.archived, c.start_date DESC, c.id DESC",
        )?;
        let rows = stmt.query_map([with_renewals], |r| {
            Ok(ConventionRow {
                id: ConventionId(r.get(0)?),
                archived: r.get(8)?,
                title: r.get(1)?,
                theme: r.get(2)?,
                status: code(r, 3)?,
                start_date: opt_date(r, 4)?,
                end_date: opt_date(r, 5)?,
                tasks_done: r.get(6)?,
                tasks_total: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One convention.
    pub fn convention(&self, id: ConventionId) -> Result<Convention, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {CONVENTION_COLS} FROM conventions WHERE id = ?1"),
                [id.0],
                convention,
            )
            .optional()?
            .ok_or(StoreError::NotFound("convention", id.0))
    }

    /// Saves the paragraph written for the synthesis note.
    pub fn set_synthesis_text(&mut self, id: ConventionId, text: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE conventions SET synthesis_text = ?2 WHERE id = ?1",
                params![id.0, text],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound("convention", id.0));
            }
            tx.journal(
                "update",
                "convention",
                Some(id.0),
                "Texte de la note de synthèse modifié",
            )
        })
    }

    /// The answers given to a proposal, oldest first.
    pub fn answers(&self, id: ProposalId) -> Result<Vec<Answer>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT date, status, text FROM proposal_answers WHERE proposal_id = ?1 ORDER BY date, id",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(Answer {
                proposal: id,
                date: date(r, 0)?,
                status: code(r, 1)?,
                text: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Each proposal with its answers, oldest first (the follow-up table, the dossier,
    /// the rapport d'activité).
    pub fn with_answers(
        &self,
        proposals: &[Proposal],
    ) -> Result<Vec<(Proposal, Vec<Answer>)>, StoreError> {
        proposals
            .iter()
            .map(|p| Ok((p.clone(), self.answers(p.id)?)))
            .collect()
    }

    /// Everything about one convention.
    pub fn convention_overview(&self, id: ConventionId) -> Result<ConventionOverview, StoreError> {
        let convention = self.convention(id)?;
        let c = &self.conn;
        let phases = c
            .prepare("SELECT id, position, name, start_date, end_date FROM phases WHERE convention_id = ?1 ORDER BY position")?
            .query_map([id.0], |r| {
                Ok(Phase {
                    id: PhaseId(r.get(0)?),
                    convention: id,
                    position: r.get(1)?,
                    name: r.get(2)?,
                    start_date: opt_date(r, 3)?,
                    end_date: opt_date(r, 4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let sessions = c
            .prepare(
                "SELECT id, phase_id, title, date, start_time, end_time, venue, programme, kind FROM sessions \
                 WHERE convention_id = ?1 ORDER BY date, start_time",
            )?
            .query_map([id.0], |r| {
                Ok(Session {
                    id: SessionId(r.get(0)?),
                    convention: id,
                    phase: r.get::<_, Option<i64>>(1)?.map(PhaseId),
                    title: r.get(2)?,
                    date: date(r, 3)?,
                    start: time(r, 4)?,
                    end: time(r, 5)?,
                    venue: r.get(6)?,
                    programme: r.get(7)?,
                    kind: code(r, 8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let meetings = self.meetings_of(Some(id))?;
        let governance = c
            .prepare(
                "SELECT k.id, k.is_organisation, k.first_name, k.last_name, k.organisation, k.kind, \
                    r.role, r.designated_on, r.designation_mode, r.id, r.ends_on \
                 FROM convention_roles r JOIN contacts k ON k.id = r.contact_id \
                 WHERE r.convention_id = ?1 AND r.role <> 'panelist' \
                 ORDER BY r.role, k.last_name, k.first_name",
            )?
            .query_map([id.0], |r| {
                let is_org: bool = r.get(1)?;
                let (first, last, org): (String, String, String) = (r.get(2)?, r.get(3)?, r.get(4)?);
                Ok(RoleHolder {
                    id: r.get(9)?,
                    until: opt_date(r, 10)?,
                    contact: ContactId(r.get(0)?),
                    name: if is_org { org.clone() } else { format!("{first} {last}") },
                    organisation: if is_org { String::new() } else { org },
                    kind: code(r, 5)?,
                    role: code::<ConventionRole>(r, 6)?,
                    since: opt_date(r, 7)?,
                    mode: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let pool_size: u32 = c.query_row(
            "SELECT count(*) FROM pool_members m JOIN pools p ON p.id = m.pool_id WHERE p.convention_id = ?1",
            [id.0],
            |r| r.get(0),
        )?;
        let (panel_size, reserves, composition) = match self.latest_draw(id)? {
            Some(view) => {
                let members: Vec<_> = view.members().collect();
                let checks = check_composition(&view.quotas, &members);
                (members.len() as u32, view.reserves().count() as u32, checks)
            }
            None => (0, 0, Vec::new()),
        };
        let attendance = c
            .prepare(
                "SELECT m.date, m.title, \
                    sum(a.status = 'present'), sum(a.status <> 'replaced') \
                 FROM meetings m JOIN attendance a ON a.meeting_id = m.id \
                 WHERE m.convention_id = ?1 AND m.session_id IS NOT NULL GROUP BY m.id \
                 HAVING sum(a.status IN ('present', 'excused', 'absent')) > 0 \
                 ORDER BY m.date, m.start_time",
            )?
            .query_map([id.0], |r| {
                Ok(AttendanceSummary {
                    date: date(r, 0)?,
                    title: r.get(1)?,
                    present: r.get(2)?,
                    expected: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let decisions = c
            .prepare(
                "SELECT d.meeting_id, d.number, d.text, d.vote_result, d.id FROM decisions d \
                 JOIN meetings m ON m.id = d.meeting_id WHERE m.convention_id = ?1 \
                 ORDER BY m.date DESC, d.number",
            )?
            .query_map([id.0], |r| {
                Ok(Decision {
                    id: crate::domain::ids::DecisionId(r.get(4)?),
                    meeting: MeetingId(r.get(0)?),
                    number: r.get(1)?,
                    text: r.get(2)?,
                    vote_result: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let proposals = c
            .prepare(&format!(
                "SELECT {PROPOSAL_COLS} FROM proposals WHERE convention_id = ?1 ORDER BY number"
            ))?
            .query_map([id.0], proposal)?
            .collect::<Result<_, _>>()?;
        let risks = c
            .prepare(
                "SELECT id, convention_id, title, probability, impact, mitigation, owner, review_date, status \
                 FROM risks WHERE convention_id = ?1 ORDER BY probability * impact DESC, title",
            )?
            .query_map([id.0], risk)?
            .collect::<Result<_, _>>()?;
        let tasks = c
            .prepare(&format!(
                "SELECT {TASK_COLS} FROM tasks WHERE convention_id = ?1 ORDER BY due_date IS NULL, due_date, id"
            ))?
            .query_map([id.0], task)?
            .collect::<Result<_, _>>()?;
        let budget = c
            .prepare(
                "SELECT id, category, label, planned_cents, committed_cents, spent_cents \
                 FROM budget_lines WHERE convention_id = ?1 ORDER BY id",
            )?
            .query_map([id.0], |r| {
                Ok(BudgetLine {
                    id: BudgetLineId(r.get(0)?),
                    convention: id,
                    category: code(r, 1)?,
                    label: r.get(2)?,
                    planned_cents: r.get(3)?,
                    committed_cents: r.get(4)?,
                    spent_cents: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(ConventionOverview {
            convention,
            phases,
            sessions,
            meetings,
            governance,
            pool_size,
            panel_size,
            reserves,
            composition,
            attendance,
            compensation_days: self.compensation_days(id)?,
            decisions,
            proposals,
            risks,
            tasks,
            budget,
        })
    }
}

/// Inserts, each journaled; used by the demo dossier and the panels.
impl Tx<'_> {
    pub(crate) fn insert_convention(&self, c: &Convention) -> Result<ConventionId, StoreError> {
        c.validate()?;
        self.execute(
            "INSERT INTO conventions (title, theme, status, participation, mandate_from, question, \
                commitment, elected_official, target_panel_size, budget_envelope_cents, start_date, \
                end_date, synthesis_text, archived, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                c.title,
                c.theme,
                c.status.code(),
                c.participation.code(),
                c.mandate_from,
                c.question,
                c.commitment,
                c.elected_official,
                c.target_panel_size,
                c.budget_envelope_cents,
                opt_iso(c.start_date),
                opt_iso(c.end_date),
                c.synthesis_text,
                c.archived,
                now_stamp()
            ],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "convention",
            Some(id),
            &format!("Convention « {} » créée", c.title),
        )?;
        Ok(ConventionId(id))
    }

    pub(crate) fn insert_phase(&self, p: &Phase) -> Result<PhaseId, StoreError> {
        crate::domain::convention::check_range(p.start_date, p.end_date)?;
        self.execute(
            "INSERT INTO phases (convention_id, position, name, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![p.convention.0, p.position, p.name, opt_iso(p.start_date), opt_iso(p.end_date)],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "phase",
            Some(id),
            &format!("Phase « {} » ajoutée", p.name),
        )?;
        Ok(PhaseId(id))
    }

    pub(crate) fn insert_session(&self, s: &Session) -> Result<SessionId, StoreError> {
        self.execute(
            "INSERT INTO sessions (convention_id, phase_id, title, date, start_time, end_time, venue, programme, kind) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                s.convention.0,
                s.phase.map(|p| p.0),
                s.title,
                iso(s.date),
                hm(s.start),
                hm(s.end),
                s.venue,
                s.programme,
                s.kind.code()
            ],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "session",
            Some(id),
            &format!("Séance « {} » planifiée", s.title),
        )?;
        Ok(SessionId(id))
    }

    pub(crate) fn insert_role(
        &self,
        convention: ConventionId,
        contact: ContactId,
        role: ConventionRole,
        since: Option<chrono::NaiveDate>,
        mode: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO convention_roles (convention_id, contact_id, role, designated_on, designation_mode) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![convention.0, contact.0, role.code(), opt_iso(since), mode],
        )?;
        self.journal(
            "create",
            "convention_role",
            Some(self.last_insert_rowid()),
            &format!("Contact n° {contact} désigné : {}", role.label()),
        )
    }

    pub(crate) fn insert_task(&self, t: &Task) -> Result<TaskId, StoreError> {
        self.execute(
            "INSERT INTO tasks (convention_id, title, owner, due_date, status, priority, milestone, session_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                t.convention.0,
                t.title,
                t.owner,
                opt_iso(t.due),
                t.status.code(),
                t.priority.code(),
                t.milestone,
                t.session.map(|s| s.0)
            ],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "task",
            Some(id),
            &format!("Tâche « {} » créée", t.title),
        )?;
        Ok(TaskId(id))
    }

    pub(crate) fn insert_risk(&self, r: &Risk) -> Result<RiskId, StoreError> {
        self.execute(
            "INSERT INTO risks (convention_id, title, probability, impact, mitigation, owner, review_date, status) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                r.convention.0,
                r.title,
                r.probability,
                r.impact,
                r.mitigation,
                r.owner,
                opt_iso(r.review),
                r.status.code()
            ],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "risk",
            Some(id),
            &format!("Risque « {} » ajouté", r.title),
        )?;
        Ok(RiskId(id))
    }

    pub(crate) fn insert_budget_line(&self, b: &BudgetLine) -> Result<BudgetLineId, StoreError> {
        self.execute(
            "INSERT INTO budget_lines (convention_id, category, label, planned_cents, committed_cents, spent_cents) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![b.convention.0, b.category.code(), b.label, b.planned_cents, b.committed_cents, b.spent_cents],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "budget_line",
            Some(id),
            &format!("Ligne budgétaire « {} » ajoutée", b.label),
        )?;
        Ok(BudgetLineId(id))
    }

    pub(crate) fn insert_proposal(&self, p: &Proposal) -> Result<ProposalId, StoreError> {
        self.execute(
            "INSERT INTO proposals (convention_id, number, title, text, theme, vote_result, status, \
                directorate, progress, members_grade) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                p.convention.0,
                p.number,
                p.title,
                p.text,
                p.theme,
                p.vote_result,
                p.status.code(),
                p.directorate,
                p.progress,
                p.members_grade
            ],
        )?;
        let id = self.last_insert_rowid();
        self.journal(
            "create",
            "proposal",
            Some(id),
            &format!("Proposition n° {} « {} » enregistrée", p.number, p.title),
        )?;
        Ok(ProposalId(id))
    }

    pub(crate) fn insert_answer(&self, a: &Answer) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO proposal_answers (proposal_id, date, status, text) VALUES (?1, ?2, ?3, ?4)",
            params![a.proposal.0, iso(a.date), a.status.code(), a.text],
        )?;
        self.journal(
            "answer",
            "proposal",
            Some(a.proposal.0),
            &format!("Réponse de la Ville : {}", a.status.label()),
        )
    }
}
