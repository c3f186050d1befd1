//! A draw's instance as the algorithms see it: people with one value index per
//! criterion, the quota bounds per (criterion, value), the panel size, the people
//! grouped into types (same values on every criterion: interchangeable), and, under the
//! one-person-per-household rule, the households of two or more (whose members are
//! types of their own, since they are no longer interchangeable).

use std::collections::HashMap;

use super::{Quota, Volunteer};

/// The volunteer attribute naming their household, for the one-person-per-household
/// rule (an address key, a household number); never a quota criterion.
pub const HOUSEHOLD: &str = "foyer";

/// Whether an attribute name is the household's.
pub fn is_household(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    n == HOUSEHOLD || n == "household"
}

/// The households of two or more volunteers (indices in `pool`), by their `foyer`
/// value, case and surrounding spaces ignored; someone without one is alone.
pub fn household_groups(pool: &[Volunteer]) -> Vec<Vec<usize>> {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (person, v) in pool.iter().enumerate() {
        if let Some((_, key)) = v.attributes.iter().find(|(n, _)| is_household(n))
            && !key.trim().is_empty()
        {
            by_key
                .entry(key.trim().to_lowercase())
                .or_default()
                .push(person);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_key.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    groups
}

/// Why an instance cannot be built from a pool and a quota table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    #[error("Le vivier est vide.")]
    EmptyPool,
    #[error("La table de quotas est vide.")]
    NoQuotas,
    #[error("Le panel doit compter au moins une personne, et au plus {0} (la taille du vivier).")]
    BadSize(usize),
    #[error("L’identifiant « {0} » apparaît deux fois dans le vivier.")]
    DuplicateId(String),
    #[error("« {id} » n’a pas de valeur pour le critère « {criterion} ».")]
    MissingValue { id: String, criterion: String },
    #[error(
        "« {id} » : la valeur « {value} » du critère « {criterion} » n’a pas de ligne dans la table de quotas."
    )]
    UnknownValue {
        id: String,
        criterion: String,
        value: String,
    },
    #[error("{0}")]
    Quota(#[from] crate::domain::DomainError),
}

/// One value of a criterion and its bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub value: String,
    pub min: u32,
    pub max: u32,
}

/// A criterion and the bounds of each of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub name: String,
    pub values: Vec<Bound>,
}

/// The pool, the quotas and the panel size, indexed for the algorithms.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub ids: Vec<String>,
    pub criteria: Vec<Criterion>,
    /// For each person, the index of their value in each criterion.
    pub values: Vec<Vec<usize>>,
    pub k: u32,
    /// For each person, their type.
    pub type_of: Vec<usize>,
    /// For each type, its members (person indices, in pool order).
    pub members: Vec<Vec<usize>>,
    /// For each type, its value index in each criterion.
    pub type_values: Vec<Vec<usize>>,
    /// Under the one-per-household rule, the households of two or more people (person
    /// indices); empty otherwise.
    pub households: Vec<Vec<usize>>,
    /// For each person, their household in `households`, if it has two or more.
    pub household_of: Vec<Option<usize>>,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Instance {
    /// Builds the instance; criteria in the order of their first quota.
    pub fn new(pool: &[Volunteer], quotas: &[Quota], k: u32) -> Result<Instance, InstanceError> {
        Instance::build(pool, quotas, k, false)
    }

    /// Builds the instance with at most one person per household (the volunteers'
    /// `foyer` attribute; someone without one is alone in theirs).
    pub fn one_per_household(
        pool: &[Volunteer],
        quotas: &[Quota],
        k: u32,
    ) -> Result<Instance, InstanceError> {
        Instance::build(pool, quotas, k, true)
    }

    fn build(
        pool: &[Volunteer],
        quotas: &[Quota],
        k: u32,
        households_apart: bool,
    ) -> Result<Instance, InstanceError> {
        if pool.is_empty() {
            return Err(InstanceError::EmptyPool);
        }
        if quotas.is_empty() {
            return Err(InstanceError::NoQuotas);
        }
        if k == 0 || k as usize > pool.len() {
            return Err(InstanceError::BadSize(pool.len()));
        }
        let mut criteria: Vec<Criterion> = Vec::new();
        for q in quotas {
            q.validate()?;
            let bound = Bound {
                value: q.value.trim().to_string(),
                min: q.min,
                max: q.max,
            };
            match criteria.iter_mut().find(|c| same(&c.name, &q.criterion)) {
                Some(c) => c.values.push(bound),
                None => criteria.push(Criterion {
                    name: q.criterion.trim().to_string(),
                    values: vec![bound],
                }),
            }
        }
        let mut seen = std::collections::HashSet::new();
        let mut values = Vec::with_capacity(pool.len());
        for v in pool {
            if !seen.insert(v.pseudonym.clone()) {
                return Err(InstanceError::DuplicateId(v.pseudonym.clone()));
            }
            let mut row = Vec::with_capacity(criteria.len());
            for c in &criteria {
                let value = v
                    .attributes
                    .iter()
                    .find(|(name, _)| same(name, &c.name))
                    .map(|(_, value)| value)
                    .ok_or_else(|| InstanceError::MissingValue {
                        id: v.pseudonym.clone(),
                        criterion: c.name.clone(),
                    })?;
                let index = c
                    .values
                    .iter()
                    .position(|b| same(&b.value, value))
                    .ok_or_else(|| InstanceError::UnknownValue {
                        id: v.pseudonym.clone(),
                        criterion: c.name.clone(),
                        value: value.clone(),
                    })?;
                row.push(index);
            }
            values.push(row);
        }
        let mut households: Vec<Vec<usize>> = Vec::new();
        let mut household_of: Vec<Option<usize>> = vec![None; pool.len()];
        if households_apart {
            households = household_groups(pool);
            for (h, group) in households.iter().enumerate() {
                for &p in group {
                    household_of[p] = Some(h);
                }
            }
        }
        // A person sharing a household is a type of their own.
        let mut index: HashMap<(&[usize], Option<usize>), usize> = HashMap::new();
        let mut type_of = Vec::with_capacity(pool.len());
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut type_values = Vec::new();
        for (person, row) in values.iter().enumerate() {
            let alone = household_of[person].map(|_| person);
            let t = *index.entry((row.as_slice(), alone)).or_insert_with(|| {
                members.push(Vec::new());
                type_values.push(row.clone());
                members.len() - 1
            });
            members[t].push(person);
            type_of.push(t);
        }
        Ok(Instance {
            ids: pool.iter().map(|v| v.pseudonym.clone()).collect(),
            criteria,
            values,
            k,
            type_of,
            members,
            type_values,
            households,
            household_of,
        })
    }

    /// How many people are in the pool.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the pool is empty (never, once built).
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many types.
    pub fn types(&self) -> usize {
        self.members.len()
    }

    /// The types holding value `v` of criterion `c`.
    pub fn types_with(&self, c: usize, v: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.types()).filter(move |&t| self.type_values[t][c] == v)
    }

    /// Every (criterion, value) pair with its bounds, in table order.
    pub fn bounds(&self) -> impl Iterator<Item = (usize, usize, &Bound)> {
        self.criteria
            .iter()
            .enumerate()
            .flat_map(|(c, crit)| crit.values.iter().enumerate().map(move |(v, b)| (c, v, b)))
    }

    /// How many pool members have each value: `[criterion][value]`.
    pub fn pool_counts(&self) -> Vec<Vec<u32>> {
        let mut counts: Vec<Vec<u32>> = self
            .criteria
            .iter()
            .map(|c| vec![0; c.values.len()])
            .collect();
        for row in &self.values {
            for (c, &v) in row.iter().enumerate() {
                counts[c][v] += 1;
            }
        }
        counts
    }

    /// The counts of a panel (person indices) per criterion and value.
    pub fn panel_counts(&self, panel: &[usize]) -> Vec<Vec<u32>> {
        let mut counts: Vec<Vec<u32>> = self
            .criteria
            .iter()
            .map(|c| vec![0; c.values.len()])
            .collect();
        for &p in panel {
            for (c, &v) in self.values[p].iter().enumerate() {
                counts[c][v] += 1;
            }
        }
        counts
    }

    /// Whether a panel (person indices) has k distinct people, at most one per
    /// household under that rule, and meets every quota.
    pub fn is_feasible(&self, panel: &[usize]) -> bool {
        let mut sorted = panel.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted.len() != panel.len()
            || panel.len() != self.k as usize
            || panel.iter().any(|&p| p >= self.len())
        {
            return false;
        }
        let mut homes: Vec<usize> = panel.iter().filter_map(|&p| self.household_of[p]).collect();
        let people_with_a_home = homes.len();
        homes.sort_unstable();
        homes.dedup();
        if homes.len() != people_with_a_home {
            return false;
        }
        let counts = self.panel_counts(panel);
        self.bounds()
            .all(|(c, v, b)| (b.min..=b.max).contains(&counts[c][v]))
    }

    /// The person index of an id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|i| i == id)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small pool: (id, genre, âge) and quotas.
    pub(crate) fn small(
        people: &[(&str, &str, &str)],
        quotas: &[(&str, &str, u32, u32)],
    ) -> (Vec<Volunteer>, Vec<Quota>) {
        let pool = people
            .iter()
            .map(|(id, g, a)| Volunteer {
                pseudonym: id.to_string(),
                attributes: vec![
                    ("genre".into(), g.to_string()),
                    ("âge".into(), a.to_string()),
                ],
            })
            .collect();
        let quotas = quotas
            .iter()
            .map(|(c, v, min, max)| Quota {
                criterion: c.to_string(),
                value: v.to_string(),
                min: *min,
                max: *max,
            })
            .collect();
        (pool, quotas)
    }

    #[test]
    fn people_with_the_same_values_share_a_type() {
        let (pool, quotas) = small(
            &[
                ("a", "F", "jeune"),
                ("b", "f", "Jeune"),
                ("c", "H", "jeune"),
                ("d", "H", "âgé"),
            ],
            &[
                ("genre", "F", 1, 2),
                ("genre", "H", 1, 2),
                ("âge", "jeune", 0, 2),
                ("âge", "âgé", 0, 2),
            ],
        );
        let i = Instance::new(&pool, &quotas, 2).unwrap();
        assert_eq!(i.types(), 3);
        assert_eq!(i.type_of[0], i.type_of[1], "case ignored");
        assert!(i.is_feasible(&[0, 2]));
        assert!(!i.is_feasible(&[0, 1]), "two women and no man");
        assert!(!i.is_feasible(&[0, 0]));
        assert_eq!(i.pool_counts()[0], vec![2, 2]);
    }

    #[test]
    fn a_value_without_a_quota_is_named() {
        let (pool, quotas) = small(
            &[("a", "F", "jeune"), ("b", "X", "jeune")],
            &[("genre", "F", 0, 2), ("âge", "jeune", 0, 2)],
        );
        assert_eq!(
            Instance::new(&pool, &quotas, 1).unwrap_err(),
            InstanceError::UnknownValue {
                id: "b".into(),
                criterion: "genre".into(),
                value: "X".into()
            }
        );
        assert!(matches!(
            Instance::new(&pool, &quotas, 3),
            Err(InstanceError::BadSize(2))
        ));
    }
}
