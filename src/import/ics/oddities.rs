//! What was odd about a calendar's events, tallied into a few warnings.

pub(super) const ALL_DAY: &str =
    "all-day event{s} skipped (VALUE=DATE): kaigi lists timed sessions only";
pub(super) const REPEATING: &str = "repeating event{s} (RRULE/RDATE) whose repeats could not be read: only the first occurrence imported";
pub(super) const OUTSIDE: &str = "repeating event{s} with no repeat within the conference's days: only the first occurrence imported";
pub(super) const SHIFTED: &str =
    "repeat{s} falling in a daylight-saving gap: moved to the first time that exists";
pub(super) const FLOATING: &str =
    "event{s} without a time zone: read as {zone}; pass --tz Area/City if wrong";
pub(super) const NO_UID: &str = "event{s} without a UID: ids derived from start time and title";
pub(super) const NO_END: &str =
    "event{s} without a usable DTEND or DURATION: imported as zero-length";
pub(super) const RENAMED: &str = "event{s} repeating an earlier UID: ids suffixed #2, #3…";

/// What was odd about the events. Problems many events share are tallied (how many, and the
/// first as "UID (line N)") so that a 500-talk export yields a few warnings, not 500.
#[derive(Default)]
pub(super) struct Oddities {
    pub(super) warnings: Vec<String>,
    pub(super) tallies: Vec<(&'static str, usize, String)>,
}

impl Oddities {
    pub(super) fn add(&mut self, kind: &'static str, who: impl FnOnce() -> String) {
        match self.tallies.iter_mut().find(|(k, ..)| *k == kind) {
            Some((_, n, _)) => *n += 1,
            None => self.tallies.push((kind, 1, who())),
        }
    }
    pub(super) fn finish(mut self, zone: &str) -> Vec<String> {
        for (kind, n, first) in self.tallies {
            let text = kind.replace("{s}", if n == 1 { "" } else { "s" });
            let text = text.replace("{zone}", zone);
            self.warnings.push(format!("{n} {text} (first: {first})"));
        }
        self.warnings
    }
}
