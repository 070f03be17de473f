//! Reading the times, lengths and dates an attendee types into the session form, the way they
//! would write them: `13:00`, `1300`, `13時30分`, `１３：００`; lengths `40`, `40m`, `40分`,
//! `1h30m`, `1時間半`; dates `2017-06-01`, `6/1`, `6月1日`. Full-width forms are read as their
//! ASCII twins (NFKC), so a Japanese IME's output needs no switching back.

use chrono::{NaiveDate, NaiveTime, TimeDelta};
use unicode_normalization::UnicodeNormalization;

/// `s` with full-width digits and punctuation as ASCII, spaces dropped, lower case.
fn plain(s: &str) -> String {
    s.nfkc()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A time of day: `13:00`, `13.00`, `1300`, `930`, `13`, `13時`, `13時30分`, `午後1時`, `1pm`.
pub fn time(s: &str) -> Option<NaiveTime> {
    let mut t = plain(s);
    let mut pm = false;
    for (mark, is_pm) in [("午後", true), ("午前", false)] {
        if let Some(rest) = t.strip_prefix(mark) {
            pm = is_pm;
            t = rest.to_string();
        }
    }
    for (mark, is_pm) in [("pm", true), ("am", false)] {
        if let Some(rest) = t.strip_suffix(mark) {
            pm = is_pm;
            t = rest.to_string();
        }
    }
    let (h, m) = if let Some((h, rest)) = t.split_once('時') {
        let m = rest.trim_end_matches('分');
        let m = match m {
            "" => "0",
            "半" => "30",
            m => m,
        };
        (h.to_string(), m.to_string())
    } else if let Some((h, m)) = t.split_once([':', '.', 'h']) {
        (
            h.to_string(),
            if m.is_empty() { "0".into() } else { m.into() },
        )
    } else if t.len() >= 3 && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        let (h, m) = t.split_at(t.len() - 2);
        (h.to_string(), m.to_string())
    } else {
        (t, "0".into())
    };
    let (mut h, m): (u32, u32) = (digits(&h)?, digits(&m)?);
    if pm && h < 12 {
        h += 12;
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A whole number of at most two digits.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A length: minutes by default (`40`, `40m`, `40min`, `40分`), hours (`1h`, `1.5h`, `1時間`),
/// both (`1h30m`, `1時間30分`, `1時間半`), optionally after a `+`.
pub fn length(s: &str) -> Option<TimeDelta> {
    let t = plain(s);
    let t = t.strip_prefix('+').unwrap_or(&t);
    if t.is_empty() {
        return None;
    }
    let t = t
        .replace("時間半", "h30m")
        .replace("時間", "h")
        .replace("分間", "m")
        .replace('分', "m")
        .replace("hours", "h")
        .replace("hour", "h")
        .replace("hrs", "h")
        .replace("hr", "h")
        .replace("minutes", "m")
        .replace("mins", "m")
        .replace("min", "m");
    let (hours, minutes) = match t.split_once('h') {
        Some((h, m)) => (h, m.trim_end_matches('m')),
        None => ("0", t.trim_end_matches('m')),
    };
    let hours: f64 = if hours.is_empty() {
        return None;
    } else {
        hours.parse().ok().filter(|h: &f64| h.is_finite())?
    };
    let minutes: i64 = if minutes.is_empty() {
        0
    } else {
        minutes.parse().ok()?
    };
    let total = (hours * 60.0).round() as i64 + minutes;
    // A session of more than a day was typed wrong.
    (1..=24 * 60)
        .contains(&total)
        .then(|| TimeDelta::minutes(total))
}

/// A date: `2017-06-01`, `2017/6/1`, `6/1`, `06-01`, `6月1日`, `2017年6月1日`; without a year,
/// the year of `near` (the conference's days).
pub fn date(s: &str, near: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let t = plain(s);
    let t = t
        .replace(['年', '月'], "-")
        .replace('日', "")
        .replace(['/', '.'], "-");
    let t = t.split('(').next().unwrap_or("");
    let parts: Vec<&str> = t.split('-').collect();
    let (y, m, d) = match parts[..] {
        [y, m, d] => (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        [m, d] => (near.year(), m.parse().ok()?, d.parse().ok()?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A length as the form shows it: `40m`, `1h30m`.
pub fn show_length(d: TimeDelta) -> String {
    let m = d.num_minutes();
    match (m / 60, m % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn times_are_read_as_people_type_them() {
        for (typed, want) in [
            ("13:00", hm(13, 0)),
            ("9:05", hm(9, 5)),
            ("1300", hm(13, 0)),
            ("930", hm(9, 30)),
            ("13", hm(13, 0)),
            ("13時", hm(13, 0)),
            ("13時30分", hm(13, 30)),
            ("13時半", hm(13, 30)),
            ("１３：００", hm(13, 0)),
            ("１３時３０分", hm(13, 30)),
            ("午後1時", hm(13, 0)),
            ("1pm", hm(13, 0)),
            ("13.45", hm(13, 45)),
            (" 14:05 ", hm(14, 5)),
            ("25:00", None),
            ("13:60", None),
            ("", None),
            ("lunch", None),
            ("12345", None),
        ] {
            assert_eq!(time(typed), want, "{typed:?}");
        }
    }

    #[test]
    fn lengths_are_minutes_unless_told_otherwise() {
        let m = |n| Some(TimeDelta::minutes(n));
        for (typed, want) in [
            ("40", m(40)),
            ("40m", m(40)),
            ("40min", m(40)),
            ("40分", m(40)),
            ("４０分", m(40)),
            ("+40", m(40)),
            ("1h", m(60)),
            ("1h30m", m(90)),
            ("1h30", m(90)),
            ("1.5h", m(90)),
            ("1時間", m(60)),
            ("1時間30分", m(90)),
            ("1時間半", m(90)),
            ("0", None),
            ("-5", None),
            ("2d", None),
            ("h", None),
            ("25h", None),
        ] {
            assert_eq!(length(typed), want, "{typed:?}");
        }
    }

    #[test]
    fn dates_take_the_conference_year_when_none_is_typed() {
        let near = NaiveDate::from_ymd_opt(2017, 5, 30).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (typed, want) in [
            ("2017-06-01", d(2017, 6, 1)),
            ("2017/6/1", d(2017, 6, 1)),
            ("6/1", d(2017, 6, 1)),
            ("06-01", d(2017, 6, 1)),
            ("6月1日", d(2017, 6, 1)),
            ("2017年6月1日", d(2017, 6, 1)),
            ("６／１", d(2017, 6, 1)),
            ("2017-06-01 (Thu)", d(2017, 6, 1)),
            ("6/31", None),
            ("tomorrow", None),
        ] {
            assert_eq!(date(typed, near), want, "{typed:?}");
        }
    }

    #[test]
    fn lengths_show_as_they_are_typed() {
        assert_eq!(show_length(TimeDelta::minutes(40)), "40m");
        assert_eq!(show_length(TimeDelta::minutes(90)), "1h30m");
        assert_eq!(show_length(TimeDelta::minutes(120)), "2h");
    }
}
