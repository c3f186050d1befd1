//! A convention's calendar as an iCalendar file (RFC 5545) that calendar programs
//! import: one event per session, in Paris time, with its venue and programme.

use chrono::NaiveDateTime;

use crate::domain::convention::{Convention, Session};

/// Europe/Paris, as calendar programs expect it beside TZID references.
const PARIS: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n\
DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n\
DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// Escapes a text value: backslash, semicolon, comma, newline.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The calendar file; `stamp` is the moment of the export (UTC).
pub fn calendar(convention: &Convention, sessions: &[Session], stamp: NaiveDateTime) -> String {
    let mut out = String::new();
    let mut line = |s: String| fold(&s, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Mission Démocratie locale//Agora//FR".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(&convention.title)));
    line("X-WR-TIMEZONE:Europe/Paris".into());
    let mut text = out;
    text.push_str(PARIS);
    let dt = |d: chrono::NaiveDate, t: chrono::NaiveTime| d.and_time(t).format("%Y%m%dT%H%M%S");
    for s in sessions {
        let mut ev = String::new();
        let mut line = |l: String| fold(&l, &mut ev);
        line("BEGIN:VEVENT".into());
        line(format!(
            "UID:seance-{}-convention-{}@agora.local",
            s.id, convention.id
        ));
        line(format!("DTSTAMP:{}Z", stamp.format("%Y%m%dT%H%M%S")));
        line(format!("DTSTART;TZID=Europe/Paris:{}", dt(s.date, s.start)));
        line(format!("DTEND;TZID=Europe/Paris:{}", dt(s.date, s.end)));
        line(format!("SUMMARY:{}", escape(&s.title)));
        if !s.venue.is_empty() {
            line(format!("LOCATION:{}", escape(&s.venue)));
        }
        let description = if s.programme.is_empty() {
            convention.title.clone()
        } else {
            format!("{}\n\n{}", convention.title, s.programme)
        };
        line(format!("DESCRIPTION:{}", escape(&description)));
        line(format!("CATEGORIES:{}", escape(&convention.title)));
        line("END:VEVENT".into());
        text.push_str(&ev);
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        fold(&long, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), long);
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
