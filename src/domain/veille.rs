//! The veille: a notebook of practices and initiatives the mission reads about — a
//! note with its source, where it happened, and tags of its own (kept apart from the
//! directory's tags: those describe people, these describe practices).

use chrono::NaiveDate;

use super::DomainError;
use super::codes::Place;

/// A note of the veille.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    pub title: String,
    /// Paragraphs separated by a blank line; « # » starts a heading, « - » an item.
    pub body: String,
    /// The address of the source, as text (Agora never opens it).
    pub source_url: String,
    pub publication: String,
    pub read_on: Option<NaiveDate>,
    pub place: Place,
    pub tags: Vec<String>,
}

impl Note {
    /// A new note read on `day`.
    pub fn new(day: NaiveDate) -> Note {
        Note {
            id: 0,
            title: String::new(),
            body: String::new(),
            source_url: String::new(),
            publication: String::new(),
            read_on: Some(day),
            place: Place::France,
            tags: Vec::new(),
        }
    }

    /// A note has a title.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::Required("Titre de la note"));
        }
        Ok(())
    }

    /// Whether it carries `tag` (case and accents ignored).
    pub fn has_tag(&self, tag: &str) -> bool {
        let key = super::text::sort_key(tag.trim());
        self.tags.iter().any(|t| super::text::sort_key(t) == key)
    }
}
