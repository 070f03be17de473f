//! "No panics on any input" for everything that reads a file someone else wrote: the schedule
//! importers (`import::parse` for iCalendar, frab/pretalx JSON, frab/pentabarf XML and kaigi's own
//! JSON) and `Conference::from_file`/`from_json`. The notes file has its own properties, with the
//! storage tests (`tests/storage/fuzz_notes.rs`); both damage files with `common::damage`.
//!
//! Inputs are arbitrary strings; the real fixtures in `tests/fixtures/` damaged the way files get
//! damaged (byte ranges deleted, hostile snippets inserted: control characters, quotes, braces,
//! `<`, `BEGIN:`, `\r\n`, huge numbers and dates; cut off; slices repeated); and well-formed
//! calendars and frab schedules built from extreme values (years 1 and 9999, DST gaps, durations
//! of 999999 hours, zones only a VTIMEZONE defines), which byte mutations seldom hit. Mutation
//! works on bytes, so multi-byte characters get split too (the text is then read lossily, as a
//! file that is not UTF-8 would have to be converted before it reaches the parsers). The two big
//! JSON fixtures are mutated whole and also cut down to a few events, where a mutation is more
//! likely to hit structure than an abstract.
//!
//! Every property checks more than "does not panic": an import error must render as a message
//! without control characters (it is printed to the terminal); an imported schedule that
//! `Conference::from_file` accepts must hold no control character in any text the screen shows
//! (nothing a stranger wrote may reach the terminal raw), must browse (days, sessions, search) and
//! must save and load back.
//!
//! Runs `PROPTEST_CASES` cases per property (256 by default); the file takes about 1.5 s in a
//! debug build on two cores. Failures are not persisted to disk: a failing case prints its
//! minimal input, which belongs in a regression test at the bottom of this file.

use std::sync::LazyLock;

use chrono::Utc;
use kaigi::import::{self, Options};
use kaigi::model::schedule::Conference;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};

use crate::common::damage::{any_text, mutate, mutations, no_controls, piece};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A c3voc `schedule.json` cut down to its first `days` days, `rooms` rooms a day and `events`
/// events a room, with long texts shortened: still a real export in shape and detail.
fn shrink_c3voc(text: &str, days: usize, rooms: usize, events: usize) -> String {
    let mut v: Value = serde_json::from_str(text).unwrap();
    let conf = &mut v["schedule"]["conference"];
    let list = conf["days"].as_array_mut().unwrap();
    list.truncate(days);
    for day in list {
        let map = day["rooms"].as_object_mut().unwrap();
        let keep: Vec<String> = map.keys().take(rooms).cloned().collect();
        map.retain(|k, _| keep.contains(k));
        for evs in map.values_mut() {
            let evs = evs.as_array_mut().unwrap();
            evs.truncate(events);
            for e in evs {
                for key in ["abstract", "description"] {
                    if let Some(Value::String(s)) = e.get_mut(key) {
                        *s = s.chars().take(120).collect();
                    }
                }
            }
        }
    }
    serde_json::to_string_pretty(&v).unwrap()
}

/// The seeds the mutations start from: every format; the two big JSON exports both cut down
/// (index 0 and 1) and whole (the last two); kaigi's own JSON at index 5.
static SEEDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    vec![
        shrink_c3voc(&fixture("frab-camp2019.json"), 2, 2, 2),
        shrink_c3voc(&fixture("pretalx-democon.json"), 2, 2, 2),
        fixture("sessionize-kaigi2026.ics"),
        fixture("frab-exconf2026.xml"),
        fixture("pentabarf-old.xml"),
        native_seed(),
        fixture("frab-camp2019.json"),
        fixture("pretalx-democon.json"),
    ]
});

/// kaigi's own schedule JSON: the bundled sample with its sessions cut to a handful.
fn native_seed() -> String {
    let text = include_str!("../../assets/sample-conference.json");
    let mut v: Value = serde_json::from_str(text).unwrap();
    v["sessions"].as_array_mut().unwrap().truncate(5);
    serde_json::to_string_pretty(&v).unwrap()
}

/// Everything the screen shows of a conference is free of control characters, and the
/// conference can be browsed, searched, saved and loaded back.
fn check_conference(c: &Conference) -> Result<(), TestCaseError> {
    no_controls("conference name", &c.name)?;
    for r in &c.rooms {
        no_controls("room list", r)?;
    }
    for s in c.sessions() {
        no_controls("title", &s.title)?;
        no_controls("room", &s.room)?;
        // An abstract keeps its line breaks (the app wraps each line); nothing else.
        for line in s.summary.split('\n') {
            no_controls("abstract", line)?;
        }
        for p in &s.speakers {
            no_controls("speaker", p)?;
        }
        for t in s.track.iter().chain(&s.url) {
            no_controls("track/url", t)?;
        }
    }
    let mut listed = 0;
    for d in 0..c.days().len() {
        listed += c.day_sessions(d).count();
        prop_assert_eq!(c.day_len(d), c.day_indices(d).len());
    }
    prop_assert_eq!(listed, c.sessions().len(), "every session is on a day");
    let _ = c.day_for(Utc::now());
    let terms = kaigi::text::terms("a 日本");
    for (i, s) in c.sessions().iter().enumerate() {
        let _ = c.matches(i, &terms);
        prop_assert!(c.locate(&s.id).is_some(), "session {:?} is on no day", s.id);
    }
    let json =
        serde_json::to_string(&c.to_file()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = Conference::from_json(&json);
    prop_assert!(
        back.is_ok(),
        "a loaded conference does not load back: {:?}",
        back.err()
    );
    Ok(())
}

/// Import, then build the conference the app would browse.
fn check_import(text: &str) -> Result<(), TestCaseError> {
    let imported = match import::parse(text, &Options::default()) {
        Ok(i) => i,
        Err(e) => {
            no_controls("import error", &e.to_string())?;
            return Ok(());
        }
    };
    for w in &imported.warnings {
        no_controls("warning", w)?;
    }
    match Conference::from_file(imported.schedule) {
        Ok(c) => check_conference(&c),
        Err(e) => {
            no_controls("schedule error", &e.to_string())?;
            Ok(())
        }
    }
}

fn check_native(text: &str) -> Result<(), TestCaseError> {
    match Conference::from_json(text) {
        Ok(c) => check_conference(&c),
        Err(e) => no_controls("schedule error", &e.to_string()),
    }
}

// ---------------------------------------------------------------------------------------------
// Well-formed files with extreme values: byte mutations seldom produce a valid date at the edge
// of what chrono can hold, a DST gap or a duration of 999999 hours, so these build them.

const TZS: &[&str] = &[
    "Asia/Tokyo",
    "Europe/Berlin",
    "America/New_York",
    "Pacific/Kiritimati",
    "UTC",
    "Etc/GMT+12",
    "Mars/Olympus",
    "",
    "/mozilla.org/20050126_1/Europe/Berlin",
    "Tokyo Standard Time",
];

/// iCalendar dates and times around the edges: year 1, 999, 1000, 9999, leap days, DST gaps and
/// repeats in Berlin and New York, impossible dates.
const ICS_DATES: &[&str] = &[
    "20261203", "20260329", "20261025", "20260308", "20240229", "00010101", "09991231", "10000101",
    "99991231",
];
const ICS_BAD_DATES: &[&str] = &["20261332", "2026120", "20250229"];
const ICS_TIMES: &[&str] = &["100000", "000000", "023000", "020000", "235959"];
const ICS_BAD_TIMES: &[&str] = &["240000", "235960", "999999", "1000"];
const ICS_DURATIONS: &[&str] = &[
    "PT45M",
    "P1D",
    "-PT1H",
    "PT0S",
    "P99999999W",
    "P999999999999D",
    "PT9223372036854775807S",
    "P2147483647W",
    "P",
    "PT",
    "P1W2D",
    "+P1DT2H3M4S",
];
const OFFSETS: &[&str] = &[
    "+0900", "-0500", "+2500", "-9999", "+09", "0900", "+0000", "x",
];

/// Mostly one of `good` (files that import, so the sessions reach `Conference::from_file`), now
/// and then one of `bad`.
fn mostly(
    good: &'static [&'static str],
    bad: &'static [&'static str],
) -> BoxedStrategy<&'static str> {
    prop_oneof![4 => prop::sample::select(good), 1 => prop::sample::select(bad)].boxed()
}

fn ics_time() -> impl Strategy<Value = String> {
    (
        mostly(ICS_DATES, ICS_BAD_DATES),
        mostly(ICS_TIMES, ICS_BAD_TIMES),
        prop::sample::select(&["", "Z"][..]),
    )
        .prop_map(|(d, t, z)| format!("{d}T{t}{z}"))
}

/// `DTSTART`/`DTEND` in each of the forms iCalendar allows (and a few it does not).
fn ics_instant(name: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        ics_time().prop_map(move |t| format!("{name}:{t}")),
        (prop::sample::select(TZS), ics_time())
            .prop_map(move |(tz, t)| format!("{name};TZID={tz}:{t}")),
        prop::sample::select(ICS_DATES).prop_map(move |d| format!("{name};VALUE=DATE:{d}")),
        piece().prop_map(move |p| format!("{name}:{p}")),
    ]
}

fn ics_start() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        6 => ics_instant("DTSTART").prop_map(Some),
        1 => Just(None),
    ]
}

fn ics_event() -> impl Strategy<Value = String> {
    (
        ics_start(),
        prop::option::of(ics_instant("DTEND")),
        prop::option::of(prop::sample::select(ICS_DURATIONS)),
        prop::option::of(prop::sample::select(&["a@x", "a@x", "b@x", "", " "][..])),
        any_text(),
        any_text(),
        any_text(),
        any::<bool>(),
    )
        .prop_map(
            |(start, end, duration, uid, summary, location, cn, rrule)| {
                let mut lines = vec!["BEGIN:VEVENT".to_string()];
                lines.extend(start);
                lines.extend(end);
                lines.extend(duration.map(|d| format!("DURATION:{d}")));
                lines.extend(uid.map(|u| format!("UID:{u}")));
                lines.push(format!("SUMMARY:{}", summary.replace(['\r', '\n'], "")));
                lines.push(format!("LOCATION:{}", location.replace(['\r', '\n'], "")));
                lines.push(format!(
                    "ATTENDEE;CN=\"{}\":mailto:x@example.com",
                    cn.replace(['\r', '\n', '"'], "")
                ));
                if rrule {
                    lines.push("RRULE:FREQ=DAILY;COUNT=3".into());
                }
                lines.push("END:VEVENT".into());
                lines.join("\r\n")
            },
        )
}

fn ics_calendar() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop::sample::select(TZS)),
        prop::collection::vec(prop::sample::select(OFFSETS), 0..3),
        prop::collection::vec(ics_event(), 1..5),
    )
        .prop_map(|(declared, offsets, events)| {
            let mut lines = vec!["BEGIN:VCALENDAR".to_string(), "VERSION:2.0".into()];
            lines.extend(declared.map(|tz| format!("X-WR-TIMEZONE:{tz}")));
            // A zone only its VTIMEZONE defines, as Outlook writes them.
            lines.push("BEGIN:VTIMEZONE".into());
            lines.push("TZID:Tokyo Standard Time".into());
            for (i, o) in offsets.iter().enumerate() {
                let kind = if i % 2 == 0 { "STANDARD" } else { "DAYLIGHT" };
                lines.push(format!("BEGIN:{kind}"));
                lines.push("DTSTART:16010101T000000".into());
                lines.push(format!("TZOFFSETFROM:{o}"));
                lines.push(format!("TZOFFSETTO:{o}"));
                lines.push(format!("END:{kind}"));
            }
            lines.push("END:VTIMEZONE".into());
            lines.extend(events);
            lines.push("END:VCALENDAR".into());
            lines.join("\r\n")
        })
}

/// c3voc dates and clock times around the edges, with and without offsets.
const C3VOC_DATES: &[&str] = &[
    "2026-12-03T10:00:00+09:00",
    "2026-03-29T02:30:00",
    "2026-10-25T02:30:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59",
    "2026-12-03 10:00",
    "",
    "  ",
];
const C3VOC_BAD_DATES: &[&str] = &[
    "0000-01-01T00:00:00Z",
    "2026-02-30T10:00:00+09:00",
    "2026-12-03T10:00:00+99:00",
    "soon",
];
const C3VOC_DAYS: &[&str] = &["2026-12-03", "2026-03-29", "9999-12-31", "0001-01-01", ""];
const C3VOC_BAD_DAYS: &[&str] = &["+10000-01-01", "2026-13-01"];
const CLOCKS: &[&str] = &[
    "10:00", "00:30", "23:59", "24:00", "02:30", "99:99", "10:00:00", "", "x",
];
const C3VOC_DURATIONS: &[&str] = &[
    "00:30",
    "01:00:00",
    "1:00:00:00",
    "999999:59",
    "999999:23:59:59",
    "0:00",
];
const C3VOC_BAD_DURATIONS: &[&str] = &[
    "1:24:00:00",
    "",
    "::",
    "1:2:3:4:5",
    "1000000:00",
    "00:60",
    "-1:00",
];

/// One event: its `date` (if any), `start` clock and `duration`.
type C3vocEvent = (Option<&'static str>, &'static str, &'static str);
/// One day: its date and events.
type C3vocDay = (&'static str, Vec<C3vocEvent>);

fn c3voc_event() -> impl Strategy<Value = C3vocEvent> {
    (
        prop::option::of(mostly(C3VOC_DATES, C3VOC_BAD_DATES)),
        prop::sample::select(CLOCKS),
        mostly(C3VOC_DURATIONS, C3VOC_BAD_DURATIONS),
    )
}

fn c3voc_days() -> impl Strategy<Value = Vec<C3vocDay>> {
    prop::collection::vec(
        (
            mostly(C3VOC_DAYS, C3VOC_BAD_DAYS),
            prop::collection::vec(c3voc_event(), 1..4),
        ),
        1..3,
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

/// A frab `schedule.xml` holding the given days and events.
fn frab_xml(tz: Option<&str>, day_change: Option<&str>, days: &[C3vocDay]) -> String {
    let mut x = String::from("<?xml version=\"1.0\"?>\n<schedule><conference><title>T</title>");
    if let Some(tz) = tz {
        x += &format!("<time_zone_name>{}</time_zone_name>", xml_escape(tz));
    }
    if let Some(c) = day_change {
        x += &format!("<day_change>{c}</day_change>");
    }
    x += "</conference>";
    for (i, (date, events)) in days.iter().enumerate() {
        x += &format!("<day date=\"{date}\" index=\"{i}\"><room name=\"R\">");
        for (n, (at, start, duration)) in events.iter().enumerate() {
            x += &format!("<event id=\"{n}\"><title>Talk {n}</title>");
            if let Some(at) = at {
                x += &format!("<date>{at}</date>");
            }
            x += &format!("<start>{start}</start><duration>{duration}</duration></event>");
        }
        x += "</room></day>";
    }
    x + "</schedule>"
}

/// A frab/pretalx `schedule.json` holding the given days and events.
fn frab_json(tz: Option<&str>, days: &[C3vocDay]) -> String {
    let days: Vec<Value> = days
        .iter()
        .map(|(date, events)| {
            let events: Vec<Value> = events
                .iter()
                .enumerate()
                .map(|(n, (at, start, duration))| {
                    json!({ "guid": n.to_string(), "date": at, "start": start,
                            "duration": duration, "title": format!("Talk {n}"), "room": "R",
                            "persons": [{ "public_name": "A" }, "B", { "name": "\u{1b}[2J" }] })
                })
                .collect();
            json!({ "date": date, "rooms": { "R": events } })
        })
        .collect();
    json!({ "schedule": { "conference": { "title": "T", "time_zone_name": tz, "days": days } } })
        .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn import_survives_arbitrary_text(text in any::<String>()) {
        check_import(&text)?;
    }

    #[test]
    fn import_survives_text_that_looks_like_each_format(
        head in prop::sample::select(vec![
            "BEGIN:VCALENDAR\r\n", "<schedule>", "<?xml version=\"1.0\"?><schedule>",
            "{\"schedule\":", "{\"sessions\":", "\u{feff}  {\"version\":1,\"sessions\":",
        ]),
        body in prop::collection::vec(piece(), 0..24),
    ) {
        check_import(&format!("{head}{}", body.concat()))?;
    }

    #[test]
    fn import_survives_damaged_fixtures(
        seed in 0..SEEDS.len(),
        ms in mutations(),
    ) {
        check_import(&mutate(&SEEDS[seed], &ms))?;
    }

    #[test]
    fn import_survives_extreme_calendars(text in ics_calendar()) {
        check_import(&text)?;
    }

    #[test]
    fn import_survives_extreme_frab_schedules(
        tz in prop::option::of(prop::sample::select(TZS)),
        day_change in prop::option::of(prop::sample::select(CLOCKS)),
        days in c3voc_days(),
    ) {
        check_import(&frab_xml(tz, day_change, &days))?;
        check_import(&frab_json(tz, &days))?;
    }

    /// A spreadsheet damaged (cells cut, quotes unbalanced, control characters, other
    /// delimiters): an error that names a line, or a schedule that passes every check.
    #[test]
    fn a_timetable_survives_damage(seed in 0..2usize, ms in mutations()) {
        let name = ["table/aws-summit-ja.csv", "table/en.tsv"][seed];
        let text = mutate(&fixture(name), &ms);
        let opts = Options { tz: Some(chrono_tz::Asia::Tokyo), ..Options::default() };
        match import::parse(&text, &opts) {
            Ok(imported) => match Conference::from_file(imported.schedule) {
                Ok(c) => check_conference(&c)?,
                Err(e) => no_controls("schedule error", &e.to_string())?,
            },
            Err(e) => no_controls("import error", &e.to_string())?,
        }
    }

    #[test]
    fn native_schedule_survives_damage(ms in mutations()) {
        check_native(&mutate(&SEEDS[5], &ms))?;
    }
}

/// The unmutated fixtures, whole, import and pass every check: the mutations above start from
/// files that work.
#[test]
fn every_fixture_imports() {
    for name in [
        "frab-camp2019.json",
        "pretalx-democon.json",
        "sessionize-kaigi2026.ics",
        "frab-exconf2026.xml",
        "pentabarf-old.xml",
    ] {
        let imported = import::parse(&fixture(name), &Options::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let c = Conference::from_file(imported.schedule).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!c.sessions().is_empty(), "{name}");
        check_conference(&c).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    for (i, seed) in SEEDS.iter().enumerate() {
        let imported =
            import::parse(seed, &Options::default()).unwrap_or_else(|e| panic!("seed {i}: {e}"));
        let c =
            Conference::from_file(imported.schedule).unwrap_or_else(|e| panic!("seed {i}: {e}"));
        assert!(!c.sessions().is_empty(), "seed {i}");
    }
}

/// The big fixtures cut at many points: a download that stopped part-way.
#[test]
fn truncated_big_fixtures_fail_cleanly() {
    for name in ["frab-camp2019.json", "pretalx-democon.json"] {
        let text = fixture(name);
        for k in 1..24 {
            let mut at = text.len() * k / 24;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            check_import(&text[..at]).unwrap_or_else(|e| panic!("{name} cut at {at}: {e}"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Regressions: inputs these properties found.

/// Import errors quoted the file raw: a component name after `BEGIN:` (with a lone `\r` or an
/// escape sequence in it) and the character roxmltree stopped at reached the terminal as they
/// were when `kaigi import` printed the error.
#[test]
fn import_errors_escape_what_they_quote_from_the_file() {
    for text in [
        "BEGIN:VCALENDAR\r\nBEGIN:X\u{1b}]0;pwned\u{7}\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nBEGIN:STANDARD\rVERSION:2.0\r\n",
        "BEGIN:VCALENDAR\r\nEND:\u{1b}[2J\r\n",
        "<schedule\u{1b}[2J>",
        "<schedule>\u{0}</schedule>",
    ] {
        let e = import::parse(text, &Options::default())
            .unwrap_err()
            .to_string();
        assert!(!e.chars().any(char::is_control), "{e:?}");
        assert!(
            e.contains("\\u{1b}") || e.contains("\\r") || e.contains("\\0"),
            "{e:?}"
        );
    }
}
