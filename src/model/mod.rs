//! What kaigi knows about a conference and the notes taken at it, free of terminals and files:
//! the schedule (and a conference made in kaigi: its id, days, the attendee's edits, times as
//! typed), each session's outline of notes, the follow-ups collected from them, the day's view
//! of the schedule, and search.

pub mod create;
pub mod dates;
pub mod dayview;
pub mod edits;
pub mod entry;
pub mod followups;
pub mod grid;
pub mod instant;
pub mod links;
pub mod outline;
pub mod reminder;
pub mod schedule;
pub mod search;
