//! Citizen interpellations (interpellation citoyenne, on the model of Grenoble's
//! council decision of 14 June 2021): an inhabitant files a question; the city rules on
//! its admissibility against four criteria; a support campaign runs for a month; the
//! supports gathered decide what follows — a mediation, a workshop, or a votation —
//! each step with its deadline. Every threshold and delay is a [`Rules`] value the
//! office can change in Paramètres.

use chrono::{Days, Months, NaiveDate};

use super::DomainError;
use super::codes::{CheckResult, FilingChannel};
use super::ids::DispositifId;
use super::sortition::seed::Draws;

/// The thresholds and delays of the city's interpellation rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// The filer's least age.
    pub min_age: u32,
    /// Days the city has to rule on admissibility after receiving the question.
    pub admissibility_days: u32,
    /// Length of the support campaign, in months from the decision.
    pub campaign_months: u32,
    /// Supports that open a mediation.
    pub mediation_supports: u32,
    /// Supports that open a workshop.
    pub workshop_supports: u32,
    /// Supports (signatures) that open a votation.
    pub votation_supports: u32,
    /// Majority votes a votation needs to be won.
    pub votation_majority: u32,
    /// Share of the supports checked, in percent.
    pub check_percent: u32,
    /// Days after the campaign within which the first meeting is held.
    pub first_meeting_days: u32,
    /// Months of study between the first and the second meeting.
    pub study_months: u32,
    /// Days after the second meeting to agree the report.
    pub report_days: u32,
    /// Days after the report is agreed to send it to every supporter.
    pub sending_days: u32,
}

impl Default for Rules {
    /// Grenoble's figures where the decision gives them (16 years, 50 supports in a
    /// month, 20 % checked, about two months of study, 8,000 signatures and 16,000
    /// majority votes for a votation); the others are the office's working habits.
    fn default() -> Self {
        Rules {
            min_age: 16,
            admissibility_days: 30,
            campaign_months: 1,
            mediation_supports: 50,
            workshop_supports: 2_000,
            votation_supports: 8_000,
            votation_majority: 16_000,
            check_percent: 20,
            first_meeting_days: 30,
            study_months: 2,
            report_days: 30,
            sending_days: 15,
        }
    }
}

impl Rules {
    /// Refuses thresholds out of order or out of bounds.
    pub fn check(&self) -> Result<(), DomainError> {
        let range = super::error::in_range;
        range("Âge minimum", self.min_age, 0, 120)?;
        range("Délai de recevabilité", self.admissibility_days, 1, 365)?;
        range("Durée de la collecte", self.campaign_months, 1, 24)?;
        range(
            "Soutiens pour une médiation",
            self.mediation_supports,
            1,
            1_000_000,
        )?;
        range(
            "Soutiens pour un atelier",
            self.workshop_supports,
            i64::from(self.mediation_supports),
            1_000_000,
        )?;
        range(
            "Signatures pour une votation",
            self.votation_supports,
            i64::from(self.workshop_supports),
            1_000_000,
        )?;
        range("Votes majoritaires", self.votation_majority, 1, 10_000_000)?;
        range("Part des soutiens vérifiés", self.check_percent, 1, 100)?;
        range(
            "Délai de la première rencontre",
            self.first_meeting_days,
            1,
            365,
        )?;
        range("Durée de l’étude", self.study_months, 1, 24)?;
        range("Délai du rapport", self.report_days, 1, 365)?;
        range("Délai d’envoi du rapport", self.sending_days, 1, 365)
    }
}

/// One figure of the rules: a stable code (the settings key's end), the label the
/// office reads, and the field it sets.
pub struct Figure {
    pub code: &'static str,
    pub label: &'static str,
    pub field: fn(&mut Rules) -> &mut u32,
}

/// The twelve figures, in the order Paramètres shows them.
pub const FIGURES: [Figure; 12] = [
    Figure {
        code: "min_age",
        label: "Âge minimum de l’auteur·rice (ans)",
        field: |r| &mut r.min_age,
    },
    Figure {
        code: "admissibility_days",
        label: "Délai de la décision de recevabilité (jours)",
        field: |r| &mut r.admissibility_days,
    },
    Figure {
        code: "campaign_months",
        label: "Durée de la collecte des soutiens (mois)",
        field: |r| &mut r.campaign_months,
    },
    Figure {
        code: "mediation_supports",
        label: "Soutiens pour une médiation",
        field: |r| &mut r.mediation_supports,
    },
    Figure {
        code: "workshop_supports",
        label: "Soutiens pour un atelier",
        field: |r| &mut r.workshop_supports,
    },
    Figure {
        code: "votation_supports",
        label: "Signatures pour une votation",
        field: |r| &mut r.votation_supports,
    },
    Figure {
        code: "votation_majority",
        label: "Votes « pour » pour adopter une votation",
        field: |r| &mut r.votation_majority,
    },
    Figure {
        code: "check_percent",
        label: "Part des soutiens vérifiés (%)",
        field: |r| &mut r.check_percent,
    },
    Figure {
        code: "first_meeting_days",
        label: "Première rencontre après la collecte (jours)",
        field: |r| &mut r.first_meeting_days,
    },
    Figure {
        code: "study_months",
        label: "Durée de l’étude entre les rencontres (mois)",
        field: |r| &mut r.study_months,
    },
    Figure {
        code: "report_days",
        label: "Rapport validé après la seconde rencontre (jours)",
        field: |r| &mut r.report_days,
    },
    Figure {
        code: "sending_days",
        label: "Envoi du rapport aux soutiens (jours)",
        field: |r| &mut r.sending_days,
    },
];

/// The four criteria of admissibility, in the order the letter gives them.
pub const CRITERIA: [&str; 4] = [
    "Conforme à la loi",
    "Non discriminatoire",
    "Relevant des compétences de la Ville",
    "D’intérêt collectif",
];

/// One criterion as the mission assessed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assessment {
    /// `None` until assessed.
    pub met: Option<bool>,
    pub comment: String,
}

/// What a campaign's supports open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Mediation,
    Workshop,
    Votation,
}

impl Level {
    /// « Médiation », « Atelier », « Votation ».
    pub fn label(self) -> &'static str {
        match self {
            Level::Mediation => "Médiation",
            Level::Workshop => "Atelier",
            Level::Votation => "Votation",
        }
    }
}

/// The votation an interpellation led to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vote {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Where people vote (polling places, the online platform).
    pub places: String,
    pub cast: Option<u32>,
    pub yes: Option<u32>,
    pub no: Option<u32>,
}

/// Where an interpellation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Received; the city has not ruled on it yet.
    Admissibility,
    Inadmissible,
    /// Admissible; the support campaign runs.
    Campaign,
    /// The campaign ended short of the supports needed.
    Lapsed,
    /// The supports opened this level; its steps run.
    Following(Level),
    /// The report was sent to the supporters, or the votation's result recorded.
    Closed,
}

impl Stage {
    /// What the list and the fiche say.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Admissibility => "Recevabilité à examiner",
            Stage::Inadmissible => "Irrecevable",
            Stage::Campaign => "Collecte des soutiens",
            Stage::Lapsed => "Caduque",
            Stage::Following(Level::Mediation) => "Médiation",
            Stage::Following(Level::Workshop) => "Atelier",
            Stage::Following(Level::Votation) => "Votation",
            Stage::Closed => "Close",
        }
    }
}

/// A step with the day it is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub interpellation: DispositifId,
    /// « Décision de recevabilité », « Fin de la collecte des soutiens »…
    pub what: &'static str,
    pub date: NaiveDate,
}

impl Due {
    /// Days left as of `today` (negative once late).
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.date - today).num_days()
    }
}

/// A citizen interpellation. Its title, dates, directorate and élu are those of its
/// [`super::dispositif::Dispositif`] (same id).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Interpellation {
    pub id: DispositifId,
    /// The filer's name, as they gave it.
    pub filer: String,
    /// Where the letters go.
    pub filer_address: String,
    pub question: String,
    pub received: Option<NaiveDate>,
    pub channel: Option<FilingChannel>,
    /// The four criteria, in the order of [`CRITERIA`].
    pub criteria: [Assessment; 4],
    /// The day the city ruled on admissibility.
    pub decided: Option<NaiveDate>,
    pub supports_paper: u32,
    pub supports_online: u32,
    /// The seed text the sample of supports to check was drawn with.
    pub check_seed: Option<String>,
    pub first_meeting: Option<NaiveDate>,
    pub second_meeting: Option<NaiveDate>,
    pub report_agreed: Option<NaiveDate>,
    pub report_sent: Option<NaiveDate>,
    /// The mediation (or workshop) report, in paragraphs; « # » starts a heading.
    pub report: String,
    pub vote: Vote,
}

impl Interpellation {
    /// Every support counted, paper and online.
    pub fn supports(&self) -> u32 {
        self.supports_paper.saturating_add(self.supports_online)
    }

    /// Admissible (every criterion met), inadmissible, or not ruled on yet.
    pub fn admissible(&self) -> Option<bool> {
        self.decided?;
        Some(self.criteria.iter().all(|c| c.met == Some(true)))
    }

    /// The last day of the support campaign.
    pub fn campaign_end(&self, rules: &Rules) -> Option<NaiveDate> {
        if self.admissible() != Some(true) {
            return None;
        }
        self.decided?
            .checked_add_months(Months::new(rules.campaign_months))
    }

    /// What the supports counted open.
    pub fn level(&self, rules: &Rules) -> Option<Level> {
        let n = self.supports();
        if n >= rules.votation_supports {
            Some(Level::Votation)
        } else if n >= rules.workshop_supports {
            Some(Level::Workshop)
        } else if n >= rules.mediation_supports {
            Some(Level::Mediation)
        } else {
            None
        }
    }

    /// Where it stands on `today`.
    pub fn stage(&self, rules: &Rules, today: NaiveDate) -> Stage {
        match self.admissible() {
            None => return Stage::Admissibility,
            Some(false) => return Stage::Inadmissible,
            Some(true) => {}
        }
        if self.report_sent.is_some() || self.vote_won(rules).is_some() {
            return Stage::Closed;
        }
        let running = self.campaign_end(rules).is_some_and(|end| today <= end);
        let started = self.first_meeting.is_some() || self.vote.from.is_some();
        match self.level(rules) {
            _ if running && !started => Stage::Campaign,
            None => Stage::Lapsed,
            Some(level) => Stage::Following(level),
        }
    }

    /// The day it ended, whatever today is: the refusal, the report sent, the end of
    /// the votation once its result is recorded, or the end of a campaign that fell
    /// short; `None` while it runs (or waits for a decision).
    pub fn ended(&self, rules: &Rules) -> Option<NaiveDate> {
        match self.admissible()? {
            false => self.decided,
            true if self.report_sent.is_some() => self.report_sent,
            true if self.vote_won(rules).is_some() => self.vote.to,
            true if self.level(rules).is_none() && self.first_meeting.is_none() => {
                self.campaign_end(rules)
            }
            true => None,
        }
    }

    /// What it gathered and opened: « 187 soutiens · médiation ».
    pub fn summary(&self, rules: &Rules) -> String {
        let supports = format!(
            "{} soutien{}",
            super::text::integer(self.supports().into()),
            if self.supports() > 1 { "s" } else { "" }
        );
        match (self.admissible(), self.level(rules)) {
            (None | Some(false), _) => String::new(),
            (Some(true), None) => supports,
            (Some(true), Some(l)) => format!("{supports} · {}", l.label().to_lowercase()),
        }
    }

    /// Whether the votation was won (`None` until its result is recorded): more yes
    /// than no, and at least the majority votes the rules ask.
    pub fn vote_won(&self, rules: &Rules) -> Option<bool> {
        let (yes, no) = (self.vote.yes?, self.vote.no?);
        Some(yes > no && yes >= rules.votation_majority)
    }

    /// The next step due, as of `today`: the decision, the end of the campaign, the
    /// meetings, the report and its sending, the votation's result.
    pub fn next_due(&self, rules: &Rules, today: NaiveDate) -> Option<Due> {
        let due = |what, date| {
            Some(Due {
                interpellation: self.id,
                what,
                date,
            })
        };
        let plus_days = |d: NaiveDate, n: u32| d.checked_add_days(Days::new(n.into()));
        match self.stage(rules, today) {
            Stage::Admissibility => due(
                "Décision de recevabilité",
                plus_days(self.received?, rules.admissibility_days)?,
            ),
            Stage::Campaign => due("Fin de la collecte des soutiens", self.campaign_end(rules)?),
            Stage::Following(Level::Votation) => match self.vote.to {
                None => None,
                Some(end) => due("Résultat de la votation à saisir", end),
            },
            Stage::Following(_) => {
                if self.first_meeting.is_none() {
                    let end = self.campaign_end(rules)?;
                    due(
                        "Première rencontre",
                        plus_days(end, rules.first_meeting_days)?,
                    )
                } else if self.second_meeting.is_none() {
                    let first = self.first_meeting?;
                    due(
                        "Seconde rencontre",
                        first.checked_add_months(Months::new(rules.study_months))?,
                    )
                } else if self.report_agreed.is_none() {
                    due(
                        "Rapport validé par les parties",
                        plus_days(self.second_meeting?, rules.report_days)?,
                    )
                } else {
                    due(
                        "Envoi du rapport aux soutiens",
                        plus_days(self.report_agreed?, rules.sending_days)?,
                    )
                }
            }
            Stage::Inadmissible | Stage::Lapsed | Stage::Closed => None,
        }
    }

    /// Refuses what cannot be: no filer or question, a decision before the question
    /// was received or with a criterion not assessed, a criterion not met without the
    /// reason, meetings out of order, more votes than were cast.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.filer.trim().is_empty() {
            return Err(DomainError::Required("Auteur·rice"));
        }
        if self.question.trim().is_empty() {
            return Err(DomainError::Required("Question"));
        }
        let Some(received) = self.received else {
            return Err(DomainError::Required("Reçue le"));
        };
        if let Some(decided) = self.decided {
            if decided < received {
                return Err(DomainError::EndBeforeStart {
                    start: received,
                    end: decided,
                });
            }
            if let Some(i) = self.criteria.iter().position(|c| c.met.is_none()) {
                return Err(DomainError::CriterionNotAssessed(CRITERIA[i]));
            }
        }
        if let Some(i) = self
            .criteria
            .iter()
            .position(|c| c.met == Some(false) && c.comment.trim().is_empty())
        {
            return Err(DomainError::CriterionWithoutReason(CRITERIA[i]));
        }
        let steps = [
            self.decided,
            self.first_meeting,
            self.second_meeting,
            self.report_agreed,
            self.report_sent,
        ];
        let mut last: Option<NaiveDate> = None;
        for step in steps.into_iter().flatten() {
            if let Some(start) = last
                && step < start
            {
                return Err(DomainError::EndBeforeStart { start, end: step });
            }
            last = Some(step);
        }
        if let (Some(start), Some(end)) = (self.vote.from, self.vote.to)
            && end < start
        {
            return Err(DomainError::EndBeforeStart { start, end });
        }
        let yes_no = u64::from(self.vote.yes.unwrap_or(0)) + u64::from(self.vote.no.unwrap_or(0));
        if let Some(cast) = self.vote.cast
            && yes_no > u64::from(cast)
        {
            return Err(DomainError::MoreVotesThanCast);
        }
        Ok(())
    }
}

/// The supports to check: `percent` of `total` (rounded up), numbers from 1 to
/// `total`, drawn with the named generator from `seed`, in increasing order.
pub fn check_sample(total: u32, percent: u32, seed: &str) -> Vec<u32> {
    let size = (u64::from(total) * u64::from(percent)).div_ceil(100) as usize;
    let mut numbers: Vec<u32> = (1..=total).collect();
    let mut draws = Draws::new(seed);
    // Partial Fisher–Yates: the first `size` places are a uniform sample.
    for i in 0..size.min(numbers.len()) {
        let j = i + draws.below((numbers.len() - i) as u64) as usize;
        numbers.swap(i, j);
    }
    numbers.truncate(size);
    numbers.sort_unstable();
    numbers
}

/// One support of the sample and what its check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportCheck {
    /// Its number in the count (1 … total).
    pub number: u32,
    pub result: CheckResult,
    pub comment: String,
}

/// Checked valid, checked invalid, still to check.
pub fn check_counts(checks: &[SupportCheck]) -> (usize, usize, usize) {
    let count = |r| checks.iter().filter(|c| c.result == r).count();
    (
        count(CheckResult::Valid),
        count(CheckResult::Invalid),
        count(CheckResult::Pending),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn admitted() -> Interpellation {
        let yes = Assessment {
            met: Some(true),
            comment: String::new(),
        };
        Interpellation {
            filer: "Inès Bouvier".into(),
            question: "Piétonniser la rue Très-Cloîtres le samedi ?".into(),
            received: Some(day(1, 5)),
            channel: Some(FilingChannel::Online),
            criteria: [yes.clone(), yes.clone(), yes.clone(), yes],
            decided: Some(day(1, 20)),
            ..Interpellation::default()
        }
    }

    #[test]
    fn the_stage_follows_the_decision_the_campaign_and_the_supports() {
        let rules = Rules::default();
        let mut i = admitted();
        i.decided = None;
        assert_eq!(i.stage(&rules, day(1, 6)), Stage::Admissibility);
        assert_eq!(
            i.next_due(&rules, day(1, 6)).map(|d| (d.what, d.date)),
            Some(("Décision de recevabilité", day(2, 4)))
        );
        i.decided = Some(day(1, 20));
        assert_eq!(i.campaign_end(&rules), Some(day(2, 20)));
        assert_eq!(i.stage(&rules, day(2, 20)), Stage::Campaign);
        assert_eq!(i.stage(&rules, day(2, 21)), Stage::Lapsed, "49 short of 50");
        assert_eq!(i.next_due(&rules, day(2, 21)), None);
        // The thresholds, each at its exact figure.
        for (supports, level) in [
            (49, None),
            (50, Some(Level::Mediation)),
            (1_999, Some(Level::Mediation)),
            (2_000, Some(Level::Workshop)),
            (8_000, Some(Level::Votation)),
        ] {
            i.supports_paper = supports / 2;
            i.supports_online = supports - supports / 2;
            assert_eq!(i.level(&rules), level, "{supports} supports");
        }
        i.supports_paper = 30;
        i.supports_online = 31;
        assert_eq!(
            i.stage(&rules, day(2, 10)),
            Stage::Campaign,
            "the campaign runs to its end even once 50 are reached"
        );
        assert_eq!(
            i.stage(&rules, day(2, 21)),
            Stage::Following(Level::Mediation)
        );
    }

    #[test]
    fn the_mediation_steps_fall_due_in_turn_then_it_closes() {
        let rules = Rules::default();
        let mut i = admitted();
        i.supports_online = 64;
        let due = |i: &Interpellation| {
            let d = i.next_due(&rules, day(12, 1)).unwrap();
            (d.what, d.date)
        };
        assert_eq!(due(&i), ("Première rencontre", day(3, 22)));
        i.first_meeting = Some(day(3, 10));
        assert_eq!(due(&i), ("Seconde rencontre", day(5, 10)));
        i.second_meeting = Some(day(5, 12));
        assert_eq!(due(&i), ("Rapport validé par les parties", day(6, 11)));
        i.report_agreed = Some(day(6, 2));
        assert_eq!(due(&i), ("Envoi du rapport aux soutiens", day(6, 17)));
        assert_eq!(
            i.next_due(&rules, day(6, 20))
                .unwrap()
                .days_left(day(6, 20)),
            -3
        );
        i.report_sent = Some(day(6, 15));
        assert_eq!(i.stage(&rules, day(12, 1)), Stage::Closed);
        assert_eq!(i.next_due(&rules, day(12, 1)), None);
    }

    #[test]
    fn a_votation_is_won_with_a_majority_of_the_threshold() {
        let rules = Rules::default();
        let mut i = admitted();
        i.supports_paper = 8_200;
        i.vote = Vote {
            from: Some(day(9, 10)),
            to: Some(day(9, 19)),
            places: "22 bureaux et en ligne".into(),
            ..Vote::default()
        };
        assert_eq!(
            i.stage(&rules, day(3, 1)),
            Stage::Following(Level::Votation)
        );
        assert_eq!(
            i.next_due(&rules, day(9, 1)).map(|d| d.what),
            Some("Résultat de la votation à saisir")
        );
        for (yes, no, won) in [
            (16_000, 9_000, Some(true)),
            (15_999, 3_000, Some(false)),
            (17_000, 18_000, Some(false)),
        ] {
            i.vote.yes = Some(yes);
            i.vote.no = Some(no);
            i.vote.cast = Some(yes + no + 100);
            assert_eq!(i.vote_won(&rules), won, "{yes} / {no}");
            assert_eq!(i.stage(&rules, day(10, 1)), Stage::Closed);
        }
        i.vote.cast = Some(100);
        assert_eq!(i.validate(), Err(DomainError::MoreVotesThanCast));
    }

    #[test]
    fn a_decision_needs_every_criterion_and_a_refusal_its_reason() {
        let mut i = admitted();
        assert!(i.validate().is_ok());
        i.criteria[2].met = None;
        assert_eq!(
            i.validate(),
            Err(DomainError::CriterionNotAssessed(CRITERIA[2]))
        );
        i.criteria[2].met = Some(false);
        assert_eq!(
            i.validate(),
            Err(DomainError::CriterionWithoutReason(CRITERIA[2]))
        );
        i.criteria[2].comment = "La voirie départementale relève du Département.".into();
        assert!(i.validate().is_ok());
        assert_eq!(i.admissible(), Some(false));
        assert_eq!(i.stage(&Rules::default(), day(1, 21)), Stage::Inadmissible);
        i.decided = Some(day(1, 2));
        assert!(i.validate().is_err(), "decided before received");
        i.decided = Some(day(1, 20));
        i.first_meeting = Some(day(3, 1));
        i.second_meeting = Some(day(2, 1));
        assert!(i.validate().is_err(), "meetings out of order");
    }

    #[test]
    fn the_sample_to_check_is_a_fifth_drawn_again_from_its_seed() {
        let a = check_sample(64, 20, "interpellation-3");
        assert_eq!(a.len(), 13, "20 % of 64 is 12.8, rounded up");
        assert!(a.windows(2).all(|w| w[0] < w[1]), "increasing, no repeat");
        assert!(a.iter().all(|&n| (1..=64).contains(&n)));
        assert_eq!(a, check_sample(64, 20, "interpellation-3"));
        assert_ne!(a, check_sample(64, 20, "interpellation-4"));
        assert_eq!(check_sample(5, 100, "x"), vec![1, 2, 3, 4, 5]);
        assert!(check_sample(0, 20, "x").is_empty());
    }

    #[test]
    fn rules_out_of_order_are_refused() {
        let mut r = Rules::default();
        assert!(r.check().is_ok());
        r.workshop_supports = 40;
        assert!(r.check().is_err(), "workshop below mediation");
        r = Rules::default();
        r.check_percent = 0;
        assert!(r.check().is_err());
    }
}
