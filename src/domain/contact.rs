//! People and organisations of the directory, and their consents.

use chrono::NaiveDate;

use super::DomainError;
use super::codes::{ConsentChannel, ConsentScope, ContactKind, Sector};
use super::ids::ContactId;

/// A person or an organisation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contact {
    pub id: ContactId,
    pub kind: ContactKind,
    pub is_organisation: bool,
    pub civility: String,
    pub first_name: String,
    pub last_name: String,
    /// For a person: the structure they belong to; for an organisation: its name.
    pub organisation: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub sector: Option<Sector>,
    pub neighbourhood: String,
    pub notes: String,
    /// Sensitive quota attributes, optional.
    pub gender: String,
    pub age_band: String,
    pub csp: String,
    pub diploma: String,
    pub do_not_contact: bool,
    pub retention_review: Option<NaiveDate>,
}

impl Default for ContactKind {
    fn default() -> Self {
        ContactKind::Inhabitant
    }
}

impl Default for ContactId {
    fn default() -> Self {
        ContactId(0)
    }
}

impl Contact {
    /// "Hélène Martin", or the organisation's name.
    pub fn display_name(&self) -> String {
        if self.is_organisation {
            self.organisation.clone()
        } else {
            format!("{} {}", self.first_name, self.last_name)
                .trim()
                .to_string()
        }
    }

    /// Checks names and the email address.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.is_organisation && self.organisation.trim().is_empty() {
            return Err(DomainError::Required("Nom de la structure"));
        }
        if !self.is_organisation && self.last_name.trim().is_empty() {
            return Err(DomainError::Required("Nom"));
        }
        if !self.email.is_empty() && !is_valid_email(&self.email) {
            return Err(DomainError::InvalidEmail(self.email.clone()));
        }
        Ok(())
    }
}

/// A plain check of an email address: one @, something before, a dotted domain after.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.contains(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// A consent given or withdrawn, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Consent {
    pub contact: ContactId,
    pub scope: ConsentScope,
    pub given: bool,
    pub date: NaiveDate,
    pub channel: ConsentChannel,
    pub wording_version: String,
}

/// The latest record per scope decides: a withdrawal after a consent wins.
pub fn has_consent(history: &[Consent], scope: ConsentScope) -> bool {
    history
        .iter()
        .filter(|c| c.scope == scope)
        .max_by_key(|c| c.date)
        .is_some_and(|c| c.given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_valid_email("helene.martin@exemple.fr"));
        assert!(!is_valid_email("helene.martin@exemple"));
        assert!(!is_valid_email("helene martin@exemple.fr"));
        assert!(!is_valid_email("@exemple.fr"));
        assert!(!is_valid_email("a@b@c.fr"));
    }

    #[test]
    fn latest_consent_wins() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let c = |day, given| Consent {
            contact: ContactId(1),
            scope: ConsentScope::Newsletter,
            given,
            date: d(day),
            channel: ConsentChannel::Online,
            wording_version: "v1".into(),
        };
        assert!(has_consent(&[c(1, true)], ConsentScope::Newsletter));
        assert!(!has_consent(
            &[c(1, true), c(5, false)],
            ConsentScope::Newsletter
        ));
        assert!(!has_consent(&[c(1, true)], ConsentScope::Photo));
    }
}
