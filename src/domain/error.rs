//! Validation errors of the domain, each with the French sentence shown to people.

use chrono::NaiveDate;
use thiserror::Error;

/// A rule of the domain that a value breaks.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("Le champ « {0} » est obligatoire.")]
    Required(&'static str),
    #[error("L’adresse électronique « {0} » n’est pas valide.")]
    InvalidEmail(String),
    #[error("La date de fin ({end}) précède la date de début ({start}).")]
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error("La valeur {value} de « {field} » doit être comprise entre {min} et {max}.")]
    OutOfRange {
        field: &'static str,
        value: i64,
        min: i64,
        max: i64,
    },
    #[error(
        "Le quota « {criterion} = {value} » est impossible : minimum {min} supérieur au maximum {max}."
    )]
    QuotaMinAboveMax {
        criterion: String,
        value: String,
        min: u32,
        max: u32,
    },
    #[error("Passage impossible de « {from} » à « {to} ».")]
    StatusTransition {
        from: &'static str,
        to: &'static str,
    },
}
