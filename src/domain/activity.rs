//! The rapport d'activité: its period (a calendar year or any dates), its sections,
//! and the figures it computes from what the store hands over — free of IO.

use chrono::{Datelike, NaiveDate};

use super::DomainError;

/// The period a report covers, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// A calendar year.
    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// Any dates; refused when the end comes first.
    pub fn between(from: NaiveDate, to: NaiveDate) -> Result<Period, DomainError> {
        if to < from {
            return Err(DomainError::EndBeforeStart {
                start: from,
                end: to,
            });
        }
        Ok(Period { from, to })
    }

    /// Whether it is exactly one calendar year.
    pub fn calendar_year(&self) -> Option<i32> {
        (Period::year(self.from.year()) == Some(*self)).then_some(self.from.year())
    }

    /// « 2026 », or « du 1er mars au 30 juin 2026 ».
    pub fn label(&self) -> String {
        match self.calendar_year() {
            Some(y) => y.to_string(),
            None => format!(
                "du {} au {}",
                super::text::date_long(self.from),
                super::text::date_long(self.to)
            ),
        }
    }

    /// The key its paragraphs are kept under (« 2026-01-01/2026-12-31 »).
    pub fn key(&self) -> String {
        format!("{}/{}", self.from, self.to)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// Whether dates from `start` to `end` (either unknown) meet the period.
    pub fn overlaps(&self, start: Option<NaiveDate>, end: Option<NaiveDate>) -> bool {
        start.is_none_or(|s| s <= self.to) && end.is_none_or(|e| e >= self.from)
    }
}

/// A section of the report, in print order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReportSection {
    KeyFigures,
    Participants,
    Conventions,
    Dispositifs,
    Proposals,
    Budget,
    Funding,
    Documents,
}

impl ReportSection {
    pub const ALL: [ReportSection; 8] = [
        ReportSection::KeyFigures,
        ReportSection::Participants,
        ReportSection::Conventions,
        ReportSection::Dispositifs,
        ReportSection::Proposals,
        ReportSection::Budget,
        ReportSection::Funding,
        ReportSection::Documents,
    ];

    /// Its code in the store (the paragraphs written for it).
    pub fn code(self) -> &'static str {
        match self {
            ReportSection::KeyFigures => "chiffres",
            ReportSection::Participants => "participants",
            ReportSection::Conventions => "conventions",
            ReportSection::Dispositifs => "dispositifs",
            ReportSection::Proposals => "propositions",
            ReportSection::Budget => "budget",
            ReportSection::Funding => "financements",
            ReportSection::Documents => "documents",
        }
    }

    pub fn from_code(code: &str) -> Option<ReportSection> {
        ReportSection::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Its title in the report.
    pub fn title(self) -> &'static str {
        match self {
            ReportSection::KeyFigures => "L’année en chiffres",
            ReportSection::Participants => "Qui a participé",
            ReportSection::Conventions => "Les conventions",
            ReportSection::Dispositifs => "Les autres dispositifs",
            ReportSection::Proposals => "Propositions et réponses de la Ville",
            ReportSection::Budget => "Budget",
            ReportSection::Funding => "Appels à projets et financements",
            ReportSection::Documents => "Documents publiés",
        }
    }
}

/// A meeting held in the period, with its attendance.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldMeeting {
    pub meeting: super::meeting::Meeting,
    pub present: u32,
    /// Marked present, excused or absent (those the rate counts).
    pub expected: u32,
}

impl HeldMeeting {
    /// Hours of participation it gave: its length times the people present, in minutes.
    pub fn participation_minutes(&self) -> i64 {
        let m = &self.meeting;
        (m.end - m.start).num_minutes().max(0) * self.present as i64
    }
}

/// Someone marked present at least once in the period, as the directory describes them.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub gender: String,
    pub age_band: String,
    /// « Secteur 4 », empty when unknown.
    pub sector: String,
    pub diploma: String,
    pub csp: String,
}

impl Participant {
    /// Their value for a reference table's criterion (« âge », « genre »…), empty when
    /// unknown or when the directory does not describe it.
    pub fn value(&self, criterion: &str) -> &str {
        match super::text::sort_key(criterion).as_str() {
            "age" | "tranche d'age" => &self.age_band,
            "genre" | "sexe" => &self.gender,
            "secteur" | "quartier" => &self.sector,
            "diplome" => &self.diploma,
            "csp" | "categorie socio-professionnelle" => &self.csp,
            _ => "",
        }
    }
}

/// One share of a group among participants beside its share in the population.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub criterion: String,
    pub value: String,
    /// Per cent of the participants whose value is known.
    pub participants: f64,
    /// Per cent of the population.
    pub population: f64,
}

impl Gap {
    /// Points below (negative) or above the population's share.
    pub fn points(&self) -> f64 {
        self.participants - self.population
    }
}

/// The groups most under-represented, largest gap first (at most `n`, only those
/// more than 2 points below their share).
pub fn widest_gaps(gaps: &[Gap], n: usize) -> Vec<Gap> {
    let mut under: Vec<Gap> = gaps.iter().filter(|g| g.points() < -2.0).cloned().collect();
    under.sort_by(|a, b| a.points().total_cmp(&b.points()));
    under.truncate(n);
    under
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_labelled_by_its_number_and_other_periods_by_their_dates() {
        let y = Period::year(2026).unwrap();
        assert_eq!(y.label(), "2026");
        assert_eq!(y.key(), "2026-01-01/2026-12-31");
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let p = Period::between(d(3, 1), d(6, 30)).unwrap();
        assert_eq!(p.label(), "du 1er mars 2026 au 30 juin 2026");
        assert!(Period::between(d(6, 30), d(3, 1)).is_err());
        assert!(p.overlaps(None, Some(d(3, 1))));
        assert!(!p.overlaps(Some(d(7, 1)), None));
    }

    #[test]
    fn the_widest_gaps_come_first() {
        let g = |v: &str, p, q| Gap {
            criterion: "âge".into(),
            value: v.into(),
            participants: p,
            population: q,
        };
        let gaps = [
            g("16-29 ans", 10.0, 30.0),
            g("75 ans et plus", 7.0, 8.3),
            g("60-74 ans", 5.0, 11.6),
        ];
        let w = widest_gaps(&gaps, 3);
        assert_eq!(w.len(), 2, "1.3 points is not a gap");
        assert_eq!(w[0].value, "16-29 ans");
    }
}
