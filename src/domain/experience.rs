//! The fiche d'expérience (capitalisation): what the mission writes about a convention
//! or a dispositif once it has run — context, objectives, method, what worked, what to
//! change. The figures beside these paragraphs come from the records.

use chrono::NaiveDate;

use super::ids::{ConventionId, DispositifId};

/// What a fiche is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Convention(ConventionId),
    Dispositif(DispositifId),
}

/// The paragraphs written by the mission.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExperienceNote {
    pub context: String,
    pub objectives: String,
    pub method: String,
    pub worked: String,
    pub change: String,
    /// The day it was last written (`None` before the first time).
    pub updated_on: Option<NaiveDate>,
}

impl ExperienceNote {
    /// The fields with their headings, in the fiche's order.
    pub fn parts(&self) -> [(&'static str, &str); 5] {
        [
            ("Contexte", &self.context),
            ("Objectifs", &self.objectives),
            ("Méthode", &self.method),
            ("Ce qui a marché", &self.worked),
            ("Ce qu’il faudrait changer", &self.change),
        ]
    }

    /// Whether nothing is written yet.
    pub fn is_blank(&self) -> bool {
        self.parts().iter().all(|(_, t)| t.trim().is_empty())
    }
}
