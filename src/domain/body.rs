//! Consultative bodies (instances consultatives: the Conseils citoyens indépendants,
//! a youth council, the foreign residents' council): how their seats are filled, who
//! sits on them for which term, whose term ends soon, who cannot be renewed, how many
//! seats a renewal must fill, and who may not sit.

use chrono::{Months, NaiveDate};

use super::DomainError;
use super::codes::{ContactKind, SeatFilling, Sector};
use super::contact::Contact;
use super::ids::{ContactId, DispositifId};

/// A body's composition rules; each one a figure the office sets per body, with the
/// Grenoble defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub id: DispositifId,
    pub seats: u32,
    pub filling: SeatFilling,
    /// Length of a term, in years.
    pub term_years: u32,
    /// Terms in a row a member may sit (2: renewable once).
    pub max_terms: u32,
    pub min_age: u32,
    /// Seats shared equally between women and men.
    pub parity: bool,
    /// The sector a sector council serves.
    pub sector: Option<Sector>,
}

impl Body {
    /// A new body with the usual rules: 40 seats drawn among volunteers, two-year
    /// terms renewable once, 16 years or more, parity.
    pub fn new(id: DispositifId) -> Body {
        Body {
            id,
            seats: 40,
            filling: SeatFilling::DrawnVolunteers,
            term_years: 2,
            max_terms: 2,
            min_age: 16,
            parity: true,
            sector: None,
        }
    }

    /// Refuses a body without seats or terms, or beyond 40 seats.
    pub fn validate(&self) -> Result<(), DomainError> {
        let range = super::error::in_range;
        range("Nombre de sièges", self.seats, 1, 40)?;
        range("Durée du mandat (ans)", self.term_years, 1, 6)?;
        range("Mandats successifs", self.max_terms, 1, 5)?;
        range("Âge minimum", self.min_age, 0, 120)
    }

    /// The end of a term started on `start` (the day before its anniversary).
    pub fn term_end(&self, start: NaiveDate) -> NaiveDate {
        start
            .checked_add_months(Months::new(12 * self.term_years))
            .and_then(|d| d.pred_opt())
            .unwrap_or(start)
    }
}

/// A seat held: who, since when, until when, how they were designated, which term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub body: DispositifId,
    pub contact: ContactId,
    /// The member's name, as the directory gives it.
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub mode: SeatFilling,
    /// 1 for a first term, 2 for a renewal…
    pub term: u32,
    /// The day they left before the end of their term.
    pub left_on: Option<NaiveDate>,
}

impl Member {
    /// Whether they sit on `day`.
    pub fn sits_on(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end && self.left_on.is_none_or(|l| day < l)
    }

    /// Whether their term ends within `months` after `today` (and they still sit).
    pub fn ends_within(&self, today: NaiveDate, months: u32) -> bool {
        let horizon = today
            .checked_add_months(Months::new(months))
            .unwrap_or(today);
        self.sits_on(today) && self.end <= horizon
    }

    /// Whether another term may follow this one.
    pub fn renewable(&self, body: &Body) -> bool {
        self.term < body.max_terms
    }
}

/// An opinion (avis) the body issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opinion {
    pub id: i64,
    pub issued_on: NaiveDate,
    pub title: String,
    /// Whom it was addressed to (the mayor, a deputy, a directorate).
    pub addressed_to: String,
}

/// Seats to fill on `day`: the seats less the members sitting then.
pub fn vacancies(body: &Body, members: &[Member], day: NaiveDate) -> u32 {
    let sitting = members.iter().filter(|m| m.sits_on(day)).count() as u32;
    body.seats.saturating_sub(sitting)
}

/// Why a contact may not take a seat (an error), or what the office should know
/// first (warnings): an organisation or an élu·e may not sit; someone sitting on
/// another body, living in another sector, or at the end of their terms is said.
pub fn eligibility(
    body: &Body,
    contact: &Contact,
    other_bodies: &[String],
    previous_terms: u32,
) -> Result<Vec<String>, DomainError> {
    if contact.is_organisation {
        return Err(DomainError::NotEligible(
            "une organisation ne siège pas : désignez la personne qui la représente",
        ));
    }
    if contact.kind == ContactKind::Elected {
        return Err(DomainError::NotEligible(
            "une personne titulaire d’un mandat électif ne peut pas siéger",
        ));
    }
    if previous_terms >= body.max_terms {
        return Err(DomainError::NotEligible(
            "cette personne a déjà siégé le nombre de mandats successifs permis",
        ));
    }
    let mut warnings = Vec::new();
    for other in other_bodies {
        warnings.push(format!(
            "{} siège déjà dans « {other} » : une personne ne siège que dans une instance.",
            contact.display_name()
        ));
    }
    if let (Some(s), Some(c)) = (body.sector, contact.sector)
        && s != c
    {
        warnings.push(format!(
            "{} est rattaché·e à « {} », l’instance à « {} ».",
            contact.display_name(),
            c.label(),
            s.label()
        ));
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn member(start: NaiveDate, body: &Body, term: u32) -> Member {
        Member {
            id: 0,
            body: body.id,
            contact: ContactId(1),
            name: "Lina Haddad".into(),
            start,
            end: body.term_end(start),
            mode: SeatFilling::DrawnVolunteers,
            term,
            left_on: None,
        }
    }

    #[test]
    fn terms_end_after_their_years_and_renew_once() {
        let body = Body::new(DispositifId(1));
        let m = member(day(2025, 1, 15), &body, 1);
        assert_eq!(m.end, day(2027, 1, 14));
        assert!(m.sits_on(day(2027, 1, 14)) && !m.sits_on(day(2027, 1, 15)));
        assert!(!m.ends_within(day(2026, 10, 13), 3));
        assert!(m.ends_within(day(2026, 10, 14), 3), "three months before");
        assert!(m.renewable(&body));
        assert!(!member(day(2025, 1, 15), &body, 2).renewable(&body));
        let mut left = m.clone();
        left.left_on = Some(day(2026, 3, 1));
        assert!(!left.sits_on(day(2026, 3, 1)));
    }

    #[test]
    fn vacancies_count_the_seats_not_held_that_day() {
        let mut body = Body::new(DispositifId(1));
        body.seats = 3;
        let members = [
            member(day(2025, 1, 15), &body, 1),
            member(day(2025, 1, 15), &body, 1),
            member(day(2026, 1, 15), &body, 1),
        ];
        assert_eq!(vacancies(&body, &members, day(2026, 6, 1)), 0);
        assert_eq!(vacancies(&body, &members, day(2027, 1, 15)), 2);
        assert_eq!(vacancies(&body, &members, day(2024, 1, 1)), 3);
    }

    #[test]
    fn who_may_sit() {
        let mut body = Body::new(DispositifId(1));
        body.sector = Some(Sector::S3);
        let mut c = Contact {
            first_name: "Lina".into(),
            last_name: "Haddad".into(),
            sector: Some(Sector::S5),
            ..Contact::default()
        };
        let warnings = eligibility(&body, &c, &["Conseil des jeunes".into()], 0).unwrap();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("ne siège que dans une instance"));
        assert!(eligibility(&body, &c, &[], 2).is_err(), "two terms already");
        c.kind = ContactKind::Elected;
        assert!(eligibility(&body, &c, &[], 0).is_err());
        assert!(body.validate().is_ok());
        body.seats = 41;
        assert!(body.validate().is_err(), "up to 40");
    }
}
