//! Calls for projects and grants the mission answers: funder, call, deadline, the
//! amounts asked and granted, where the answer stands, the convention it would
//! finance and, after a grant, when the report is due; and the reminders they raise.

use chrono::NaiveDate;

use super::DomainError;
use super::codes::CallStatus;
use super::ids::{CallId, ConventionId};

/// A call for projects (appel à projets) or a grant application.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Call {
    pub id: CallId,
    pub funder: String,
    pub title: String,
    /// The day the application must be filed.
    pub deadline: Option<NaiveDate>,
    pub asked_cents: Option<i64>,
    pub granted_cents: Option<i64>,
    pub status: CallStatus,
    /// The convention the money would finance.
    pub convention: Option<ConventionId>,
    /// After a grant: the day the report (bilan) is due to the funder.
    pub report_due: Option<NaiveDate>,
    pub notes: String,
}

/// A call just spotted.
impl Default for CallStatus {
    fn default() -> Self {
        CallStatus::Spotted
    }
}

/// How many days before a date the dashboard starts reminding it.
pub const REMIND_DAYS: i64 = 30;

/// A date the mission must not miss, raised by a call.
#[derive(Debug, Clone, PartialEq)]
pub struct Reminder {
    pub call: CallId,
    pub date: NaiveDate,
    /// « Dépôt » or « Bilan ».
    pub what: &'static str,
    /// Days left (0 today, negative once passed).
    pub days_left: i64,
}

impl Reminder {
    /// 30, 7 and 1 days before, the steps the dashboard marks: 3 from a month to a
    /// week, 2 in the last week, 1 on the eve and the day, 0 once passed.
    pub fn urgency(&self) -> u8 {
        match self.days_left {
            ..0 => 0,
            0..=1 => 1,
            2..=7 => 2,
            _ => 3,
        }
    }

    /// « Dépôt dans 5 jours », « Bilan demain », « Dépôt aujourd’hui », « Dépôt
    /// dépassé de 2 jours ».
    pub fn sentence(&self) -> String {
        let d = self.days_left;
        match d {
            ..-1 => format!("{} dépassé de {} jours", self.what, -d),
            -1 => format!("{} dépassé d’un jour", self.what),
            0 => format!("{} aujourd’hui", self.what),
            1 => format!("{} demain", self.what),
            _ => format!("{} dans {d} jours", self.what),
        }
    }
}

impl Call {
    /// Refuses a call without funder or title, negative amounts, a grant recorded on a
    /// call not retained.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.funder.trim().is_empty() {
            return Err(DomainError::Required("Financeur"));
        }
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Appel"));
        }
        for (field, v) in [
            ("Montant demandé", self.asked_cents),
            ("Montant accordé", self.granted_cents),
        ] {
            if v.is_some_and(|c| c < 0) {
                return Err(DomainError::Negative(field));
            }
        }
        if self.granted_cents.is_some() && self.status != CallStatus::Granted {
            return Err(DomainError::GrantNotRetained);
        }
        Ok(())
    }

    /// What this call asks of the mission as of `today`: the filing deadline while the
    /// answer is being prepared, the report after a grant — within [`REMIND_DAYS`], or
    /// already passed.
    pub fn reminder(&self, today: NaiveDate) -> Option<Reminder> {
        let (date, what) = match self.status {
            CallStatus::Spotted | CallStatus::Drafting => (self.deadline?, "Dépôt"),
            CallStatus::Granted => (self.report_due?, "Bilan"),
            CallStatus::Submitted | CallStatus::Refused => return None,
        };
        let days_left = (date - today).num_days();
        (days_left <= REMIND_DAYS).then_some(Reminder {
            call: self.id,
            date,
            what,
            days_left,
        })
    }
}

/// The amounts asked in the calls filed (déposés, retenus, refusés: not those still
/// being prepared) and the amounts granted, in cents.
pub fn totals(calls: &[Call]) -> (i64, i64) {
    let filed = |c: &&Call| {
        matches!(
            c.status,
            CallStatus::Submitted | CallStatus::Granted | CallStatus::Refused
        )
    };
    let asked = calls
        .iter()
        .filter(filed)
        .filter_map(|c| c.asked_cents)
        .sum();
    let granted = calls.iter().filter_map(|c| c.granted_cents).sum();
    (asked, granted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_call_reminds_its_deadline_then_its_report() {
        let mut c = Call {
            funder: "Fondation de France".into(),
            title: "Initiatives citoyennes".into(),
            deadline: Some(day(31)),
            report_due: Some(day(20)),
            ..Call::default()
        };
        assert_eq!(
            c.reminder(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
            None
        );
        let r = c.reminder(day(1)).unwrap();
        assert_eq!((r.what, r.days_left, r.urgency()), ("Dépôt", 30, 3));
        assert_eq!(c.reminder(day(24)).unwrap().urgency(), 2);
        assert_eq!(c.reminder(day(30)).unwrap().sentence(), "Dépôt demain");
        assert_eq!(c.reminder(day(31)).unwrap().sentence(), "Dépôt aujourd’hui");
        c.status = CallStatus::Submitted;
        assert_eq!(c.reminder(day(30)), None, "filed: nothing to remind");
        c.status = CallStatus::Granted;
        let r = c.reminder(day(22)).unwrap();
        assert_eq!((r.what, r.urgency()), ("Bilan", 0));
        assert_eq!(r.sentence(), "Bilan dépassé de 2 jours");
    }

    #[test]
    fn a_grant_needs_a_retained_call() {
        let mut c = Call {
            funder: "Région".into(),
            title: "Démocratie participative".into(),
            granted_cents: Some(1_000_000),
            ..Call::default()
        };
        assert!(c.validate().is_err());
        c.status = CallStatus::Granted;
        assert!(c.validate().is_ok());
        c.asked_cents = Some(-1);
        assert!(c.validate().is_err());
        c.asked_cents = None;
        c.funder.clear();
        assert!(c.validate().is_err());
    }
}
