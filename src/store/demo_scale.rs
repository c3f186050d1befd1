//! The demonstration dossier at a real convention's size, for the benchmarks and the
//! tests of long documents: the demo's convention grown to as many sessions, meetings
//! (each with an agenda, the panel marked present, a validated compte rendu, a decision
//! and an action) and answered proposals as asked, through the calls the window makes.

use chrono::{Days, NaiveDate, NaiveTime};

use super::{Store, StoreError};
use crate::domain::codes::{
    AttendanceStatus, MeetingFormat, MeetingKind, MinutesStatus, ProposalStatus,
};
use crate::domain::convention::Session;
use crate::domain::ids::{ConventionId, MeetingId, ProposalId, SessionId};
use crate::domain::meeting::{AgendaItem, Meeting};
use crate::domain::proposal::{Answer, Proposal};

/// How large to grow the demo's convention.
#[derive(Debug, Clone, Copy)]
pub struct DemoScale {
    pub sessions: usize,
    pub meetings: usize,
    pub proposals: usize,
}

fn at(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).expect("an hour of the day")
}

impl Store {
    /// Grows the demo's convention (number 1, loaded first) to `size`; `today` dates
    /// the validations, actions and answers.
    pub fn grow_demo(&mut self, size: DemoScale, today: NaiveDate) -> Result<(), StoreError> {
        let c = ConventionId(1);
        let first = NaiveDate::from_ymd_opt(2026, 9, 5).expect("a date");
        let o = self.convention_overview(c)?;
        for i in o.sessions.len()..size.sessions {
            self.add_session(&Session {
                id: SessionId(0),
                convention: c,
                phase: None,
                title: format!("Séance de travail n° {i}"),
                date: first + Days::new(i as u64 * 7),
                start: at(9),
                end: at(17),
                venue: "Salle des fêtes de l'Hôtel de Ville".into(),
                programme: "Auditions, travail en groupes, restitution.".into(),
                kind: MeetingKind::Plenary,
            })?;
        }
        for i in o.meetings.len()..size.meetings {
            let id = self.create_meeting(&Meeting {
                id: MeetingId(0),
                convention: Some(c),
                session: None,
                kind: MeetingKind::Workshop,
                title: format!("Atelier thématique n° {i}"),
                date: first + Days::new(i as u64 * 4),
                start: at(18),
                end: at(21),
                venue: "Maison des habitants".into(),
                format: MeetingFormat::InPerson,
                services: "Accès PMR".into(),
                facilitators: "Lise Carrier".into(),
            })?;
            let mut notes = Vec::new();
            for title in ["Accueil", "Travail en groupes", "Restitution"] {
                let item = self.add_agenda_item(
                    id,
                    &AgendaItem {
                        title: title.into(),
                        duration_minutes: 45,
                        speaker: "Facilitateurs".into(),
                        ..AgendaItem::default()
                    },
                )?;
                notes.push((item, format!("Échanges sur « {title} » : pistes retenues, questions ouvertes, suites à donner.")));
            }
            self.invite_panel(id)?;
            let people: Vec<_> = self.attendance(id)?.iter().map(|a| a.contact).collect();
            self.mark_attendance(id, &people, AttendanceStatus::Present)?;
            self.save_minutes(id, "Une soirée de travail en groupes.", &notes)?;
            self.add_decision(
                id,
                "Les pistes du groupe sont retenues.",
                "30 pour, 5 contre",
            )?;
            self.add_action(id, "Envoyer le compte rendu", "Pauline Giraud", Some(today))?;
            self.set_minutes_status(id, MinutesStatus::Reviewed, today)?;
            self.set_minutes_status(id, MinutesStatus::Validated, today)?;
        }
        for i in o.proposals.len()..size.proposals {
            let id = self.add_proposal(&Proposal {
                id: ProposalId(0),
                convention: c,
                number: 0,
                title: format!("Proposition de la convention n° {i}"),
                text: "Mettre en place, dans chaque quartier, une mesure concrète.".into(),
                theme: "Mobilités".into(),
                vote_result: "Adoptée à 80 %".into(),
                status: ProposalStatus::ToReview,
                directorate: "Direction de la mobilité".into(),
                progress: 0,
                members_grade: None,
            })?;
            self.add_answer(&Answer {
                proposal: id,
                date: today,
                status: ProposalStatus::Accepted,
                text: "La Ville retient la proposition et en confie l'instruction à la direction compétente.".into(),
            })
            ?;
        }
        Ok(())
    }
}
