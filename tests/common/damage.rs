//! Files damaged the way files get damaged, for the properties that feed loaders hostile input:
//! byte ranges deleted, hostile snippets inserted (control characters, quotes, braces, `<`,
//! `BEGIN:`, `\r\n`, huge numbers and dates), cut off, slices repeated.

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

/// Snippets that break parsers: syntax of every format, control characters and escape
/// sequences (raw and as JSON/XML escapes), numbers and dates at and past their limits.
pub const PIECES: &[&str] = &[
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    ";",
    "\\",
    "<",
    ">",
    "</",
    "/>",
    "<event>",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
    "&amp;",
    "&#0;",
    "&#x1b;",
    "&#27;",
    "&lt;",
    "&unknown;",
    "BEGIN:",
    "END:",
    "BEGIN:VEVENT\r\n",
    "END:VEVENT\r\n",
    "BEGIN:VCALENDAR\r\n",
    "DTSTART:",
    "DTSTART;TZID=Mars/Olympus:20261203T100000\r\n",
    "DTSTART;VALUE=DATE:20261203\r\n",
    "DTEND:99991231T235959Z\r\n",
    "DURATION:P99999999W\r\n",
    "DURATION:-PT1H\r\n",
    "DURATION:P999999999999D\r\n",
    "RRULE:FREQ=DAILY\r\n",
    "UID:\r\n",
    "SUMMARY:\u{1b}[2J\r\n",
    "ATTENDEE;CN=\"\u{7}\":x\r\n",
    "\r\n",
    "\n",
    "\r",
    "\r\n ",
    "\t",
    "\0",
    "\u{7}",
    "\u{1b}",
    "\u{1b}[2J",
    "\u{1b}]0;pwned\u{7}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
    "\u{2028}",
    "\u{202e}",
    "\u{feff}",
    "\\u0000",
    "\\u001b[31m",
    "\\u0007",
    "\\ud800",
    "\\n",
    "null",
    "true",
    "[]",
    "{}",
    "-1",
    "0",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999",
    "1e400",
    "-0.0",
    "999999:23:59:59",
    "99:99",
    "0000-01-01",
    "9999-12-31T23:59:59+23:59",
    "0001-01-01T00:00:00-23:59",
    "+99:99",
    "T",
    "Z",
    "UTC",
    "Etc/GMT+14",
    "日本",
    "🇯🇵",
    "e\u{301}",
];

/// One way a file gets damaged. Positions are fractions of the current length, so they stay
/// meaningful after earlier mutations changed it.
#[derive(Debug, Clone)]
pub enum Mutation {
    Delete { at: Index, len: usize },
    Insert { at: Index, piece: String },
    Truncate { at: Index },
    Duplicate { from: Index, len: usize, to: Index },
    Byte { at: Index, byte: u8 },
}

pub fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        2 => "[\\x00-\\x1f\\x7f\"{}<>\\[\\]:;,\\\\]{1,4}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), 1..64usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        4 => (any::<Index>(), piece()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        1 => any::<Index>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<Index>(), 1..256usize, any::<Index>())
            .prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Byte { at, byte }),
    ]
}

/// Mostly one or two mutations (most of the damage then lands where the file still parses as far
/// as the importer's checks), sometimes many.
pub fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop_oneof![
        3 => prop::collection::vec(mutation(), 1..3),
        1 => prop::collection::vec(mutation(), 3..12),
    ]
}

/// `i` as a position in `0..=len`.
pub fn pos(i: &Index, len: usize) -> usize {
    i.index(len + 1)
}

pub fn mutate(seed: &str, ms: &[Mutation]) -> String {
    let mut b = seed.as_bytes().to_vec();
    for m in ms {
        match m {
            Mutation::Delete { at, len } => {
                let start = pos(at, b.len());
                let end = (start + len).min(b.len());
                b.drain(start..end);
            }
            Mutation::Insert { at, piece } => {
                let at = pos(at, b.len());
                b.splice(at..at, piece.bytes());
            }
            Mutation::Truncate { at } => b.truncate(pos(at, b.len())),
            Mutation::Duplicate { from, len, to } => {
                let start = pos(from, b.len());
                let slice = b[start..(start + len).min(b.len())].to_vec();
                let to = pos(to, b.len());
                b.splice(to..to, slice);
            }
            Mutation::Byte { at, byte } => {
                if !b.is_empty() {
                    let at = at.index(b.len());
                    b[at] = *byte;
                }
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

pub fn no_controls(what: &str, s: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !s.chars().any(char::is_control),
        "control character in {}: {:?}",
        what,
        s
    );
    Ok(())
}

pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z 日本]{0,12}",
        2 => piece(),
        1 => any::<String>().prop_map(|s| s.chars().take(16).collect()),
    ]
}
