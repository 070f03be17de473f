//! What was odd about a calendar's events, tallied into a few warnings.

use rust_i18n::t;

/// A kind of oddity; its warning is `err.odd_*` in the catalogues.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Odd {
    /// All-day events skipped (VALUE=DATE): kaigi lists timed sessions only.
    AllDay,
    /// Repeating events (RRULE/RDATE) whose repeats could not be read: only the first
    /// occurrence imported.
    Repeating,
    /// Repeating events with no repeat within the conference's days: only the first occurrence
    /// imported.
    Outside,
    /// Repeats falling in a daylight-saving gap: moved to the first time that exists.
    Shifted,
    /// Events without a time zone, read in the one guessed.
    Floating,
    /// Events without a UID: ids derived from start time and title.
    NoUid,
    /// Events without a usable DTEND or DURATION: imported as zero-length.
    NoEnd,
    /// Events repeating an earlier UID: ids suffixed #2, #3…
    Renamed,
}

pub(super) const ALL_DAY: Odd = Odd::AllDay;
pub(super) const REPEATING: Odd = Odd::Repeating;
pub(super) const OUTSIDE: Odd = Odd::Outside;
pub(super) const SHIFTED: Odd = Odd::Shifted;
pub(super) const FLOATING: Odd = Odd::Floating;
pub(super) const NO_UID: Odd = Odd::NoUid;
pub(super) const NO_END: Odd = Odd::NoEnd;
pub(super) const RENAMED: Odd = Odd::Renamed;

/// What was odd about the events. Problems many events share are tallied (how many, and the
/// first as "UID (line N)") so that a 500-talk export yields a few warnings, not 500.
#[derive(Default)]
pub(super) struct Oddities {
    pub(super) warnings: Vec<String>,
    pub(super) tallies: Vec<(Odd, usize, String)>,
}

impl Oddities {
    pub(super) fn add(&mut self, kind: Odd, who: impl FnOnce() -> String) {
        match self.tallies.iter_mut().find(|(k, ..)| *k == kind) {
            Some((_, n, _)) => *n += 1,
            None => self.tallies.push((kind, 1, who())),
        }
    }
    pub(super) fn finish(mut self, zone: &str) -> Vec<String> {
        for (kind, n, first) in self.tallies {
            let one = n == 1;
            let said = match kind {
                Odd::AllDay if one => t!("err.odd_all_day_one", n = n, first = first),
                Odd::AllDay => t!("err.odd_all_day_many", n = n, first = first),
                Odd::Repeating if one => t!("err.odd_repeating_one", n = n, first = first),
                Odd::Repeating => t!("err.odd_repeating_many", n = n, first = first),
                Odd::Outside if one => t!("err.odd_outside_one", n = n, first = first),
                Odd::Outside => t!("err.odd_outside_many", n = n, first = first),
                Odd::Shifted if one => t!("err.odd_shifted_one", n = n, first = first),
                Odd::Shifted => t!("err.odd_shifted_many", n = n, first = first),
                Odd::Floating if one => {
                    t!("err.odd_floating_one", n = n, zone = zone, first = first)
                }
                Odd::Floating => t!("err.odd_floating_many", n = n, zone = zone, first = first),
                Odd::NoUid if one => t!("err.odd_no_uid_one", n = n, first = first),
                Odd::NoUid => t!("err.odd_no_uid_many", n = n, first = first),
                Odd::NoEnd if one => t!("err.odd_no_end_one", n = n, first = first),
                Odd::NoEnd => t!("err.odd_no_end_many", n = n, first = first),
                Odd::Renamed if one => t!("err.odd_renamed_one", n = n, first = first),
                Odd::Renamed => t!("err.odd_renamed_many", n = n, first = first),
            };
            self.warnings.push(said.into_owned());
        }
        self.warnings
    }
}
