//! The mission's participatory processes other than conventions (« dispositifs »):
//! what every one of them has — its kind, its level on the city's scale, the
//! directorate and the élu concerned, its dates — whatever its kind adds.

use chrono::{Datelike, NaiveDate};

use super::DomainError;
use super::codes::{DispositifKind, ParticipationKind};
use super::ids::DispositifId;
use super::interpellation::Due;

/// A participatory process.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispositif {
    pub id: DispositifId,
    pub kind: DispositifKind,
    pub title: String,
    /// Its level on the city's scale (information … co-construction).
    pub level: ParticipationKind,
    /// The directorate(s) involved, as they are named in the city.
    pub directorate: String,
    pub elected_official: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub notes: String,
}

impl Dispositif {
    /// A new process of `kind`, started on `start`.
    pub fn new(kind: DispositifKind, start: NaiveDate) -> Dispositif {
        Dispositif {
            id: DispositifId::default(),
            kind,
            title: String::new(),
            level: ParticipationKind::Concertation,
            directorate: String::new(),
            elected_official: String::new(),
            start: Some(start),
            end: None,
            notes: String::new(),
        }
    }

    /// Refuses a process without a title, or ending before it starts.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Intitulé"));
        }
        if let (Some(start), Some(end)) = (self.start, self.end)
            && end < start
        {
            return Err(DomainError::EndBeforeStart { start, end });
        }
        Ok(())
    }

    /// Whether it ran during `year` (started that year or before, not ended before it).
    pub fn runs_in(&self, year: i32) -> bool {
        self.start.is_none_or(|s| s.year() <= year) && self.end.is_none_or(|e| e.year() >= year)
    }
}

/// A dispositif as a list or a report shows it: where it stands, what it gathered,
/// its next step due.
#[derive(Debug, Clone, PartialEq)]
pub struct DispositifLine {
    pub dispositif: Dispositif,
    /// « Collecte des soutiens », « Médiation »…
    pub stage: &'static str,
    /// « 187 soutiens · médiation »…
    pub summary: String,
    pub next: Option<Due>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_process_needs_a_title_and_dates_in_order() {
        let mut d = Dispositif::new(DispositifKind::Support, day(2026, 3, 1));
        assert_eq!(d.validate(), Err(DomainError::Required("Intitulé")));
        d.title = "Cour d’école Clemenceau".into();
        assert!(d.validate().is_ok());
        d.end = Some(day(2026, 2, 1));
        assert!(matches!(
            d.validate(),
            Err(DomainError::EndBeforeStart { .. })
        ));
    }

    #[test]
    fn a_process_runs_in_the_years_between_its_dates() {
        let mut d = Dispositif::new(DispositifKind::Body, day(2024, 9, 1));
        assert!(!d.runs_in(2023));
        assert!(d.runs_in(2024) && d.runs_in(2030));
        d.end = Some(day(2026, 6, 30));
        assert!(d.runs_in(2026) && !d.runs_in(2027));
    }
}
