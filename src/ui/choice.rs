//! A labelled option for pick lists: any value (or none) with the French text shown.

use std::fmt;

/// One entry of a pick list.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice<T> {
    pub value: T,
    pub label: String,
}

impl<T> Choice<T> {
    /// An entry.
    pub fn new(value: T, label: impl Into<String>) -> Choice<T> {
        Choice {
            value,
            label: label.into(),
        }
    }
}

impl<T> fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// The entry of `choices` holding `value`.
pub fn selected<T: PartialEq + Clone>(choices: &[Choice<T>], value: &T) -> Option<Choice<T>> {
    choices.iter().find(|c| &c.value == value).cloned()
}

/// The directory's groups and saved selections as pick-list entries, with their size.
pub fn groups(groups: &[crate::store::GroupRow]) -> Vec<Choice<i64>> {
    groups
        .iter()
        .map(|g| {
            let what = if g.saved_selection {
                "sélection"
            } else {
                "groupe"
            };
            Choice::new(g.id, format!("{} ({what}, {})", g.name, g.members))
        })
        .collect()
}

/// The first contacts of the directory a typed text finds (two letters at least),
/// for a picker beside a form.
pub fn contacts_found(
    store: &crate::store::Store,
    typed: &str,
) -> Result<Vec<crate::store::ContactRow>, crate::store::StoreError> {
    if typed.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    let filter = crate::store::ContactFilter {
        search: typed.to_string(),
        ..Default::default()
    };
    store.contacts_page(&filter, 0, 5)
}
