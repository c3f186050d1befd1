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
    #[error(
        "Ne garder aucune sauvegarde par jour, par semaine ni par mois effacerait chaque sauvegarde de plus de 48 heures : gardez-en au moins une par jour, par semaine ou par mois."
    )]
    NoBackupKept,
    #[error("L’heure de fin ({end}) doit suivre l’heure de début ({start}).")]
    EndNotAfterStart { start: String, end: String },
    #[error("« {0} » n’est pas une date comprise (écrivez par exemple 14/11/2026).")]
    BadDate(String),
    #[error("« {0} » n’est pas une heure comprise (écrivez par exemple 18h30).")]
    BadTime(String),
    #[error("« {0} » n’est pas un nombre de minutes (écrivez par exemple 45 ou 1h30).")]
    BadDuration(String),
    #[error("« {0} » n’est pas un montant compris (écrivez par exemple 185 000 ou 1 250,50).")]
    BadAmount(String),
    #[error("« {0} » n’est pas un nombre entier.")]
    BadNumber(String),
    #[error("Le champ « {0} » ne peut pas être négatif.")]
    Negative(&'static str),
    #[error(
        "Pour rendre la décision de recevabilité, indiquez pour chaque critère s’il est rempli : « {0} » ne l’est pas encore."
    )]
    CriterionNotAssessed(&'static str),
    #[error(
        "Le critère « {0} » n’est pas rempli : écrivez pourquoi, la lettre à l’auteur·rice le reprend."
    )]
    CriterionWithoutReason(&'static str),
    #[error("Le plafond d’un projet doit être positif et ne pas dépasser l’enveloppe.")]
    CeilingAboveEnvelope,
    #[error(
        "Le coût estimé ({}) dépasse le plafond d’un projet ({}) : le projet est non faisable ou doit être réduit.",
        super::text::euros(*cost),
        super::text::euros(*ceiling)
    )]
    OverCeiling { cost: i64, ceiling: i64 },
    #[error("« {0} » n’est pas un mois compris (écrivez par exemple 2026-11 ou 11/2026).")]
    BadMonth(String),
    #[error("Siège refusé : {0}.")]
    NotEligible(&'static str),
    #[error("Les votes pour et contre dépassent le nombre de votants.")]
    MoreVotesThanCast,
    #[error(
        "Un montant accordé suppose un appel « Retenu » : changez le statut ou videz le montant accordé."
    )]
    GrantNotRetained,
    #[error(
        "Le compte rendu est verrouillé : il ne peut plus changer. Créez une version corrigée, avec son motif."
    )]
    MinutesLocked,
    #[error("Le compte rendu est « {0} » : repassez-le en brouillon pour le modifier.")]
    MinutesNotEditable(&'static str),
    #[error(
        "Seul un compte rendu verrouillé se corrige par une nouvelle version ; celui-ci peut encore être modifié."
    )]
    NotLocked,
    #[error(
        "Ce fichier n’est pas une image PNG ou JPEG : choisissez le logo dans l’un de ces formats."
    )]
    LogoNotAnImage,
    #[error("Ce fichier fait {0} Ko : un logo doit tenir en 2 Mo (enregistrez-le plus petit).")]
    LogoTooLarge(usize),
    #[error("« {code} » n’est pas connu ici ; choisir parmi : {known}.")]
    UnknownCode { code: String, known: String },
    #[error("Passage impossible de « {from} » à « {to} ».")]
    StatusTransition {
        from: &'static str,
        to: &'static str,
    },
}

/// Refuses `value` of `field` outside `min..=max`.
pub fn in_range(field: &'static str, value: u32, min: i64, max: i64) -> Result<(), DomainError> {
    if (min..=max).contains(&i64::from(value)) {
        Ok(())
    } else {
        Err(DomainError::OutOfRange {
            field,
            value: value.into(),
            min,
            max,
        })
    }
}
