//! The days a conference made in kaigi is held on: its days show before any session is added.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A conference's first and last day, in its time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dates {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A first and last day that make no conference kaigi keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe(*.0, *.1))]
pub struct BadDates(pub NaiveDate, pub NaiveDate);

fn describe(from: NaiveDate, to: NaiveDate) -> String {
    if to < from {
        rust_i18n::t!("err.dates_backwards", from = from, to = to).into_owned()
    } else {
        rust_i18n::t!("err.dates_too_long", from = from, to = to, max = MAX_DAYS).into_owned()
    }
}

/// The longest conference kaigi makes days for (a date range typed wrong should not make a
/// thousand empty days).
pub const MAX_DAYS: i64 = 31;

impl Dates {
    pub fn check(self) -> Result<Self, BadDates> {
        let days = (self.to - self.from).num_days() + 1;
        if !(1..=MAX_DAYS).contains(&days) {
            return Err(BadDates(self.from, self.to));
        }
        Ok(self)
    }

    /// Every date from the first day to the last.
    pub fn each(self) -> impl Iterator<Item = NaiveDate> {
        self.from.iter_days().take_while(move |d| *d <= self.to)
    }
}
