//! A conference made in kaigi, for events that publish no machine-readable schedule: its id,
//! derived from its name (or its dates when the name has no ASCII to make one from), and its
//! empty schedule.

use chrono::NaiveDate;

use super::schedule::{Dates, SCHEDULE_VERSION, ScheduleError, ScheduleFile};

/// A readable ASCII id for a conference named `name` held on `dates`: `AWS Summit Tokyo 2017`
/// becomes `aws-summit-tokyo-2017`; `クラウド技術の日` (nothing ASCII to go by) becomes
/// `conference-2017-05-30`, from its first day.
pub fn conference_id(name: &str, first_day: NaiveDate) -> String {
    let slug = slug(name);
    // A name of one or two ASCII letters among Japanese ("第3回 勉強会" → "3") says little.
    if slug == "conference" || slug.len() < 3 {
        return format!("conference-{}", first_day.format("%Y-%m-%d"));
    }
    slug
}

/// A conference id from a name: lowercase ASCII letters and digits joined by `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "conference".into()
    } else {
        out
    }
}

/// `base`, or `base-2`, `base-3`… the first not `taken`.
pub fn unused_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

/// The schedule of a new conference without sessions, checked.
pub fn empty_schedule(
    id: &str,
    name: &str,
    tz: chrono_tz::Tz,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<ScheduleFile, ScheduleError> {
    let name = crate::text::clean(name.trim()).into_owned();
    if name.is_empty() {
        return Err(ScheduleError::NoName);
    }
    let file = ScheduleFile {
        version: SCHEDULE_VERSION,
        id: id.to_string(),
        name,
        time_zone: tz.name().to_string(),
        rooms: Vec::new(),
        dates: Some(Dates { from, to }.check()?),
        source: None,
        sessions: Vec::new(),
    };
    file.check()?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(from: &str) -> Dates {
        let from: NaiveDate = from.parse().unwrap();
        Dates { from, to: from }
    }

    #[test]
    fn ids_are_readable_ascii_even_for_japanese_names() {
        let d = dates("2017-05-30");
        assert_eq!(
            conference_id("AWS Summit Tokyo 2017", d.from),
            "aws-summit-tokyo-2017"
        );
        assert_eq!(
            conference_id("JAWS DAYS 2026 東京", d.from),
            "jaws-days-2026"
        );
        assert_eq!(
            conference_id("クラウド技術の日", d.from),
            "conference-2017-05-30"
        );
        assert_eq!(
            conference_id("第3回 勉強会", d.from),
            "conference-2017-05-30"
        );
    }

    #[test]
    fn an_id_in_use_is_never_taken_again() {
        let taken = ["summit", "summit-2"];
        assert_eq!(unused_id("summit", |id| taken.contains(&id)), "summit-3");
        assert_eq!(unused_id("other", |id| taken.contains(&id)), "other");
    }

    #[test]
    fn a_new_conference_has_its_days_before_any_session() {
        let from = "2017-05-30".parse().unwrap();
        let to = "2017-06-02".parse().unwrap();
        let file = empty_schedule("x", "AWS Summit", chrono_tz::Asia::Tokyo, from, to).unwrap();
        let c = crate::model::schedule::Conference::from_file(file).unwrap();
        assert_eq!(c.days().len(), 4);
        assert!(empty_schedule("x", "  ", chrono_tz::Asia::Tokyo, from, to).is_err());
        assert!(empty_schedule("x", "Backwards", chrono_tz::Asia::Tokyo, to, from).is_err());
    }
}
