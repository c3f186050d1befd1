//! Mobilisation campaigns: who is targeted, who may be written to (consent and the
//! do-not-contact flag decide), and the funnel invited → answered → came, by group.

use super::codes::RecipientStatus;

/// Why someone of a selection is left out of a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exclusion {
    DoNotContact,
    NoConsent,
}

impl Exclusion {
    /// The reason shown.
    pub fn label(self) -> &'static str {
        match self {
            Exclusion::DoNotContact => "ne souhaite plus être contacté·e",
            Exclusion::NoConsent => "pas de consentement « Convocations » en cours",
        }
    }
}

/// The stages of the funnel a status has reached: (invited, answered, came).
pub fn stages(status: RecipientStatus) -> (bool, bool, bool) {
    use RecipientStatus::*;
    match status {
        ToInvite => (false, false, false),
        Invited => (true, false, false),
        Yes | No | Maybe | Confirmed | Excused => (true, true, false),
        Present => (true, true, true),
        Absent => (true, true, false),
    }
}

/// The funnel of one group of recipients (a sector, an age band, a gender).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Funnel {
    pub group: String,
    pub targeted: u32,
    pub invited: u32,
    pub answered: u32,
    pub came: u32,
}

/// Funnels by group, from (group, status) pairs; groups sorted, the empty group last
/// as « non renseigné ».
pub fn funnels(rows: &[(String, RecipientStatus)]) -> Vec<Funnel> {
    let mut out: Vec<Funnel> = Vec::new();
    for (group, status) in rows {
        let name = if group.trim().is_empty() {
            "non renseigné".to_string()
        } else {
            group.clone()
        };
        let f = match out.iter_mut().position(|f| f.group == name) {
            Some(i) => &mut out[i],
            None => {
                out.push(Funnel {
                    group: name,
                    ..Funnel::default()
                });
                out.last_mut().expect("just pushed")
            }
        };
        let (invited, answered, came) = stages(*status);
        f.targeted += 1;
        f.invited += u32::from(invited);
        f.answered += u32::from(answered);
        f.came += u32::from(came);
    }
    out.sort_by(|a, b| {
        (a.group == "non renseigné", &a.group).cmp(&(b.group == "non renseigné", &b.group))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use RecipientStatus::*;

    #[test]
    fn funnels_count_each_stage_by_group() {
        let rows = vec![
            ("Secteur 1".to_string(), Present),
            ("Secteur 1".to_string(), Invited),
            ("Secteur 2".to_string(), No),
            (String::new(), ToInvite),
            ("Secteur 1".to_string(), Absent),
        ];
        let f = funnels(&rows);
        assert_eq!(f.len(), 3);
        assert_eq!(
            f[0],
            Funnel {
                group: "Secteur 1".into(),
                targeted: 3,
                invited: 3,
                answered: 2,
                came: 1
            }
        );
        assert_eq!(f[1].answered, 1);
        assert_eq!(f[2].group, "non renseigné");
        assert_eq!(f[2].invited, 0);
    }
}
