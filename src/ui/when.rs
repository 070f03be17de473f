//! Dates and times as the panes show them, written directly: chrono's `format` reads its
//! pattern anew on every call, and the status bar and the notes header are drawn on every key.

use chrono::{Datelike, Timelike};

use crate::i18n::Lang;

/// "10:45", as `%H:%M`.
pub fn hm(t: &impl Timelike) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "Thu 12/03", as `%a %m/%d`; in Japanese "12/3(木)", as Japanese schedules write it.
pub fn day(d: &impl Datelike) -> String {
    match crate::i18n::current() {
        Lang::En => format!("{} {:02}/{:02}", d.weekday(), d.month(), d.day()),
        Lang::Ja => format!("{}/{}({})", d.month(), d.day(), weekday_ja(d)),
    }
}

/// "Thu 10:45", as `%a %H:%M`; in Japanese "(木) 10:45".
pub fn day_hm<T: Datelike + Timelike>(t: &T) -> String {
    match crate::i18n::current() {
        Lang::En => format!("{} {}", t.weekday(), hm(t)),
        Lang::Ja => format!("({}) {}", weekday_ja(t), hm(t)),
    }
}

/// "Thu 12/03 10:45", as `%a %m/%d %H:%M`; in Japanese "12/3(木) 10:45".
pub fn day_and_time<T: Datelike + Timelike>(t: &T) -> String {
    format!("{} {}", day(t), hm(t))
}

/// "10:45–11:25"; in Japanese "10:45〜11:25".
pub fn range(start: &impl Timelike, end: &impl Timelike) -> String {
    let dash = match crate::i18n::current() {
        Lang::En => "–",
        Lang::Ja => "〜",
    };
    format!("{}{dash}{}", hm(start), hm(end))
}

fn weekday_ja(d: &impl Datelike) -> &'static str {
    ["月", "火", "水", "木", "金", "土", "日"][d.weekday().num_days_from_monday() as usize]
}

/// A session's length as a schedule shows it: `40m`, `1h`, `1h30`; in Japanese in minutes below
/// 100, as Japanese programmes write it (`40分`, `90分`), in four columns at most so that a space
/// stays before it.
pub fn length(s: &crate::model::schedule::Session) -> String {
    let m = (s.end - s.start).num_minutes().max(0);
    if crate::i18n::current() == Lang::Ja && m < 100 {
        return format!("{m}分");
    }
    match (m / 60, m % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m:02}"),
    }
}

/// A conference's dates as the picker lists them: `2026-12-03–12-04`; in Japanese
/// `2026/12/3〜12/4`.
pub fn dates(first: chrono::NaiveDate, last: chrono::NaiveDate) -> String {
    match (crate::i18n::current(), first == last) {
        (Lang::En, true) => first.format("%Y-%m-%d").to_string(),
        (Lang::En, false) => format!("{}–{}", first.format("%Y-%m-%d"), last.format("%m-%d")),
        (Lang::Ja, true) => format!("{}/{}/{}", first.year(), first.month(), first.day()),
        (Lang::Ja, false) => format!(
            "{}/{}/{}〜{}/{}",
            first.year(),
            first.month(),
            first.day(),
            last.month(),
            last.day()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn written_as_chrono_formats_them() {
        let tz: chrono_tz::Tz = "Asia/Tokyo".parse().unwrap();
        let mut t = tz.with_ymd_and_hms(2026, 12, 3, 0, 0, 0).unwrap();
        for _ in 0..400 {
            assert_eq!(hm(&t), t.format("%H:%M").to_string());
            assert_eq!(day(&t), t.format("%a %m/%d").to_string());
            assert_eq!(day(&t.date_naive()), t.format("%a %m/%d").to_string());
            assert_eq!(day_hm(&t), t.format("%a %H:%M").to_string());
            t += Duration::minutes(397);
        }
    }
}
