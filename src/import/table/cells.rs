//! Reading a timetable's cells: where a quote is left open, whether a date names its year, a
//! row's session id, and the CSV reader's errors as line numbers.

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use super::{Column, Header};
use crate::import::ImportError;

/// The cell of `line` where a quote opens that the line never closes.
pub(super) fn unclosed_quote(line: &str, delimiter: u8) -> Option<usize> {
    let (mut cell, mut open_at) = (0, None);
    for b in line.bytes() {
        match b {
            b'"' => open_at = if open_at.is_some() { None } else { Some(cell) },
            d if d == delimiter && open_at.is_none() => cell += 1,
            _ => {}
        }
    }
    open_at
}

pub(super) fn start_column(header: &Header) -> usize {
    header
        .at
        .iter()
        .find(|(c, _)| *c == Column::Start)
        .map_or(0, |a| a.1)
}

/// Whether the row's date (or start) names a year.
pub(super) fn has_year(row: &csv::StringRecord, header: &Header) -> bool {
    [Column::Date, Column::Start].iter().any(|&c| {
        header.get(row, c).is_some_and(|(v, _)| {
            let digits: String = crate::text::fold(v)
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            digits.len() == 4 || v.contains('年')
        })
    })
}

/// `tbl-<date>-<start>-<room>`: the same row imported again gets the same id. The room is
/// hashed (it may be Japanese, or long).
pub(super) fn derived_id(start: DateTime<FixedOffset>, room: &str) -> String {
    let hash = Sha256::digest(room.as_bytes());
    let room: String = hash[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("tbl-{}-{room}", start.format("%Y%m%d-%H%M"))
}

pub(super) fn csv_error(e: &csv::Error) -> ImportError {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => rust_i18n::t!("err.csv_not_utf8").into_owned(),
        _ => e.to_string(),
    };
    ImportError::invalid(crate::import::line(line), message)
}
