//! Full-text search over the traces of meetings — comptes rendus, notes per agenda
//! item, decisions, actions — accent- and case-insensitive, by word prefix.

use super::row::date;
use super::{Store, StoreError};
use crate::domain::ids::MeetingId;

/// One place where the words were found.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceHit {
    pub meeting: MeetingId,
    pub meeting_title: String,
    pub date: chrono::NaiveDate,
    /// "Compte rendu", "Notes", "Décision", "Action".
    pub kind: &'static str,
    /// The passage, in pieces: (text, whether it is a matched word).
    pub excerpt: Vec<(String, bool)>,
}

/// Marks FTS5 puts around matched words in a snippet.
const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';

/// Splits a snippet into plain and matched pieces.
fn pieces(snippet: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut matched = false;
    for c in snippet.chars() {
        if c == OPEN || c == CLOSE {
            if !current.is_empty() {
                out.push((std::mem::take(&mut current), matched));
            }
            matched = c == OPEN;
        } else {
            current.push(if c == '\n' { ' ' } else { c });
        }
    }
    if !current.is_empty() {
        out.push((current, matched));
    }
    out
}

/// An FTS5 query from what a person typed: every word, as a prefix, must be there.
/// Quotes and operators are neutralised.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Store {
    /// Searches the traces of every meeting; at most `limit` hits, newest first.
    pub fn search_traces(&self, typed: &str, limit: u32) -> Result<Vec<TraceHit>, StoreError> {
        let Some(query) = fts_query(typed) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare(
            "SELECT s.meeting_id, m.title, m.date, s.kind, \
                snippet(trace_search, 2, char(2), char(3), '…', 14) \
             FROM trace_search s JOIN meetings m ON m.id = s.meeting_id \
             WHERE trace_search MATCH ?1 ORDER BY m.date DESC, s.rank LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![query, limit], |r| {
            let kind: String = r.get(3)?;
            Ok(TraceHit {
                meeting: MeetingId(r.get(0)?),
                meeting_title: r.get(1)?,
                date: date(r, 2)?,
                kind: match kind.as_str() {
                    "minutes" => "Compte rendu",
                    "notes" => "Notes",
                    "decision" => "Décision",
                    _ => "Action",
                },
                excerpt: pieces(&r.get::<_, String>(4)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_prefixes_and_neutralise_operators() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(
            fts_query("vélo OR\"x"),
            Some("\"vélo\"* \"OR\"* \"x\"*".into())
        );
        assert_eq!(
            pieces("a \u{2}b\u{3} c"),
            vec![
                ("a ".into(), false),
                ("b".into(), true),
                (" c".into(), false)
            ]
        );
    }
}
