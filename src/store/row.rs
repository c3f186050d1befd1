//! Reading typed values out of rows: dates, times and codes kept as text.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Row;
use rusqlite::types::Type;

use crate::domain::codes::Coded;

fn bad(idx: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        Type::Text,
        format!("{what} illisible : {value:?}").into(),
    )
}

/// A stored ISO date.
pub fn date(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = row.get(idx)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad(idx, "date", &s))
}

/// A stored ISO date, or NULL.
pub fn opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad(idx, "date", &s)))
        .transpose()
}

/// A stored "HH:MM" time.
pub fn time(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveTime> {
    let s: String = row.get(idx)?;
    NaiveTime::parse_from_str(&s, "%H:%M").map_err(|_| bad(idx, "heure", &s))
}

/// How date-times are stored.
const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// A stored ISO date and time.
pub fn datetime(row: &Row<'_>, idx: usize) -> rusqlite::Result<NaiveDateTime> {
    let s: String = row.get(idx)?;
    NaiveDateTime::parse_from_str(&s, STAMP).map_err(|_| bad(idx, "horodatage", &s))
}

/// A stored code.
pub fn code<T: Coded>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    T::from_code(&s).ok_or_else(|| bad(idx, "code", &s))
}

/// The text form of a date for storage.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The text form of an optional date for storage.
pub fn opt_iso(date: Option<NaiveDate>) -> Option<String> {
    date.map(iso)
}

/// The text form of a time for storage.
pub fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// The text form of a date and time for storage.
pub fn stamp(at: NaiveDateTime) -> String {
    at.format(STAMP).to_string()
}

/// Now, local time, as stored.
pub fn now_stamp() -> String {
    stamp(chrono::Local::now().naive_local())
}
