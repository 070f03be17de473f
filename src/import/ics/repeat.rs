//! Repeating events (RRULE, RDATE, EXDATE) expanded into their occurrences with the `rrule`
//! crate, in the event's own zone so that a weekly talk stays at 10:00 across a daylight-saving
//! change; RECURRENCE-ID overrides take their occurrence's place.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use chrono_tz::Tz;

/// More occurrences than this of one event is not a conference session.
const MOST: u16 = 500;

/// Where each occurrence of an event starting at `start` in `tz` (UTC when the zone is a fixed
/// offset) falls between `from` and `to`, by its repeat `lines`; and how many fell into a
/// daylight-saving gap and were moved.
pub(super) fn occurrences(
    start: DateTime<FixedOffset>,
    tz: Option<Tz>,
    lines: &[String],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(Vec<DateTime<FixedOffset>>, usize), String> {
    let zone = tz.unwrap_or(Tz::UTC);
    let local = start.with_timezone(&zone);
    let dtstart = if zone == Tz::UTC {
        format!("DTSTART:{}", local.format("%Y%m%dT%H%M%SZ"))
    } else {
        format!(
            "DTSTART;TZID={}:{}",
            zone.name(),
            local.format("%Y%m%dT%H%M%S")
        )
    };
    let text = std::iter::once(dtstart)
        .chain(lines.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    let set: rrule::RRuleSet = text.parse().map_err(|e: rrule::RRuleError| e.to_string())?;
    let rz = rrule::Tz::Tz(zone);
    let set = set
        .after(rz.from_utc_datetime(&from.naive_utc()))
        .before(rz.from_utc_datetime(&to.naive_utc()));
    let result = set.all(MOST);
    let mut shifted = 0;
    let found = result
        .dates
        .into_iter()
        .map(|d| {
            let t = d.with_timezone(&zone);
            if t.time() != local.time() {
                shifted += 1;
            }
            t.fixed_offset()
        })
        .collect();
    Ok((found, shifted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn a_weekly_talk_keeps_its_local_time_across_a_dst_change_and_exdates_drop_one() {
        let start = t("2026-03-19T10:00:00+01:00");
        let lines = [
            "RRULE:FREQ=WEEKLY;COUNT=3".to_string(),
            "EXDATE;TZID=Europe/Berlin:20260402T100000".to_string(),
        ];
        let (found, shifted) = occurrences(
            start,
            Some(chrono_tz::Europe::Berlin),
            &lines,
            t("2026-01-01T00:00:00Z").to_utc(),
            t("2026-12-31T00:00:00Z").to_utc(),
        )
        .unwrap();
        let found: Vec<String> = found.iter().map(|d| d.to_rfc3339()).collect();
        assert_eq!(
            found,
            ["2026-03-19T10:00:00+01:00", "2026-03-26T10:00:00+01:00"]
        );
        assert_eq!(shifted, 0);
        let (found, _) = occurrences(
            start,
            Some(chrono_tz::Europe::Berlin),
            &["RRULE:FREQ=WEEKLY;COUNT=3".to_string()],
            t("2026-01-01T00:00:00Z").to_utc(),
            t("2026-12-31T00:00:00Z").to_utc(),
        )
        .unwrap();
        assert_eq!(
            found[2].to_rfc3339(),
            "2026-04-02T10:00:00+02:00",
            "summer time, still 10:00"
        );
    }

    #[test]
    fn a_repeat_that_cannot_be_read_is_an_error_not_a_panic() {
        let e = occurrences(
            t("2026-03-19T10:00:00+01:00"),
            None,
            &["RRULE:RRULE:AnythingRandom;FREQ=WEEKLY".to_string()],
            t("2026-01-01T00:00:00Z").to_utc(),
            t("2026-12-31T00:00:00Z").to_utc(),
        );
        assert!(e.is_err());
    }
}
