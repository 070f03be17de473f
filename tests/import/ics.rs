//! The iCalendar importer through the public API: a realistic Sessionize export, time zones in
//! every form a calendar writes them, and files that are broken or hostile.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use kaigi::import::{Format, ImportError, Imported, Options, parse};
use kaigi::model::schedule::{Conference, Session};

const SESSIONIZE: &str = include_str!("../fixtures/sessionize-kaigi2026.ics");

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn ok(text: &str, opts: &Options) -> Imported {
    match parse(text, opts) {
        Ok(i) => i,
        Err(e) => panic!("import failed: {e}"),
    }
}

fn invalid(text: &str) -> String {
    match parse(text, &Options::default()) {
        Err(e @ ImportError::Invalid { .. }) => e.to_string(),
        Err(e) => panic!("expected an Invalid error, got {e}"),
        Ok(i) => panic!(
            "expected an error, imported {} sessions",
            i.schedule.sessions.len()
        ),
    }
}

fn session<'a>(i: &'a Imported, id: &str) -> &'a Session {
    let found = i.schedule.sessions.iter().find(|s| s.id == id);
    found.unwrap_or_else(|| panic!("no session {id:?}"))
}

fn berlin() -> Options {
    Options {
        tz: Some(chrono_tz::Europe::Berlin),
        ..Options::default()
    }
}

/// A calendar around `events`, each a VEVENT body without BEGIN/END.
fn calendar(head: &str, events: &[&str]) -> String {
    let mut s = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{head}");
    for e in events {
        s += &format!("BEGIN:VEVENT\r\n{e}END:VEVENT\r\n");
    }
    s + "END:VCALENDAR\r\n"
}

#[test]
fn the_fixture_is_folded_crlf_text_as_exporters_write_it() {
    assert!(SESSIONIZE.contains("\r\n "), "has folded lines");
    assert!(
        SESSIONIZE
            .split("\r\n")
            .all(|l| l.len() <= 75 && !l.contains('\n'))
    );
}

#[test]
fn a_sessionize_export_becomes_a_tokyo_schedule() {
    let i = ok(SESSIONIZE, &Options::default());
    assert_eq!(i.format, Format::Ics);
    let s = &i.schedule;
    assert_eq!(
        (s.name.as_str(), s.id.as_str(), s.time_zone.as_str()),
        ("Kaigi Conf 2026", "kaigi-conf-2026", "Asia/Tokyo")
    );
    let ids: Vec<&str> = s.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "501@sessionize.com",
            "502@sessionize.com",
            "505@sessionize.com",
            "503@sessionize.com",
            "../../x"
        ]
    );
    assert_eq!(s.rooms, ["Hall A", "Room B", "Foyer"]);
    assert_eq!(i.warnings.len(), 1, "{:?}", i.warnings);
    assert!(
        i.warnings[0].starts_with("1 all-day event skipped (VALUE=DATE)"),
        "{:?}",
        i.warnings
    );

    let keynote = session(&i, "501@sessionize.com");
    assert_eq!(keynote.start, t("2026-12-03T10:00:00+09:00"));
    assert_eq!(keynote.start.offset().local_minus_utc(), 9 * 3600);
    assert_eq!(keynote.end, t("2026-12-03T10:45:00+09:00"));
    assert_eq!(keynote.title, "基調講演：会議の未来とノートの取り方");
    assert_eq!(
        keynote.summary,
        "登壇者: 山田 太郎\n\n会議で聞いた話をその場で整理し、あとで見返せる形に残すための実践的な方法を紹介します。\
         端末だけで完結するワークフロー, キーボード操作; そして検索性について話します。"
    );
    assert_eq!(
        (keynote.room.as_str(), keynote.track.as_deref()),
        ("Hall A", Some("Keynote"))
    );
    assert_eq!(
        keynote.url.as_deref(),
        Some("https://sessionize.com/s/yamada/keynote/501")
    );
    assert!(
        keynote.speakers.is_empty(),
        "Sessionize names speakers in DESCRIPTION only"
    );

    let rust = session(&i, "502@sessionize.com");
    assert_eq!(rust.title, "Rust, WebAssembly; そしてターミナル");
    assert_eq!(rust.start, t("2026-12-03T11:00:00+09:00"));
    assert_eq!(
        rust.end - rust.start,
        TimeDelta::minutes(40),
        "DURATION:PT40M"
    );
    assert_eq!(
        rust.track.as_deref(),
        Some("Rust,Wasm"),
        "first category, escaped comma kept"
    );

    let huddle = session(&i, "503@sessionize.com");
    assert_eq!(
        huddle.start,
        t("2026-12-04T08:00:00+09:00"),
        "23:00Z is the next morning in Tokyo"
    );
    assert_eq!(huddle.start.offset().local_minus_utc(), 9 * 3600);
    assert_eq!(huddle.end, t("2026-12-04T08:30:00+09:00"));

    let odd = session(&i, "../../x");
    assert_eq!(odd.speakers, ["Sato, Hanako", "Suzuki Ichiro"]);
    assert_eq!(session(&i, "505@sessionize.com").summary, "");

    let c = Conference::from_file(i.schedule).unwrap();
    let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    assert_eq!(c.days(), [day(3), day(4)]);
    assert_eq!(c.day_len(0), 3);
    assert_eq!(c.day_session(1, 0).unwrap().id, "503@sessionize.com");
    assert_eq!(c.session("../../x").unwrap().room, "Hall A");
}

#[test]
fn line_endings_and_a_byte_order_mark_change_nothing() {
    let reference = ok(SESSIONIZE, &Options::default()).schedule.sessions;
    for text in [
        SESSIONIZE.replace("\r\n", "\n"),
        format!("\u{feff}{SESSIONIZE}"),
        format!("\n\n{SESSIONIZE}  \r\n\r\n"),
    ] {
        assert_eq!(ok(&text, &Options::default()).schedule.sessions, reference);
    }
}

#[test]
fn command_line_names_win_over_the_file() {
    let opts = Options {
        id: Some("kc26".into()),
        name: Some("KC".into()),
        ..Options::default()
    };
    let s = ok(SESSIONIZE, &opts).schedule;
    assert_eq!((s.id.as_str(), s.name.as_str()), ("kc26", "KC"));
}

#[test]
fn floating_times_follow_berlin_across_both_dst_changes() {
    let ev = |uid: &str, start: &str| {
        format!("UID:{uid}\r\nSUMMARY:{uid}\r\nDTSTART:{start}\r\nDURATION:PT1H\r\n")
    };
    let events = [
        ev("before-spring", "20260328T100000"),
        ev("gap", "20260329T023000"),
        ev("after-spring", "20260330T100000"),
        ev("ambiguous", "20261025T023000"),
        ev("after-autumn", "20261026T100000"),
    ];
    let text = calendar("", &events.iter().map(String::as_str).collect::<Vec<_>>());
    let i = ok(&text, &berlin());
    assert!(i.warnings.is_empty(), "--tz was given: {:?}", i.warnings);
    assert_eq!(i.schedule.time_zone, "Europe/Berlin");
    let start = |id| session(&i, id).start;
    assert_eq!(start("before-spring"), t("2026-03-28T10:00:00+01:00"));
    assert_eq!(start("after-spring"), t("2026-03-30T10:00:00+02:00"));
    assert_eq!(
        start("gap"),
        t("2026-03-29T03:30:00+02:00"),
        "RFC 5545: offset from before the gap"
    );
    assert_eq!(
        start("ambiguous"),
        t("2026-10-25T02:30:00+02:00"),
        "the first of the two 02:30s"
    );
    assert_eq!(start("after-autumn"), t("2026-10-26T10:00:00+01:00"));
    assert_eq!(
        session(&i, "ambiguous").end,
        t("2026-10-25T02:30:00+01:00"),
        "an hour later, after the change"
    );
    assert!(Conference::from_file(i.schedule).is_ok());

    let unzoned = ok(&text, &Options::default());
    assert_eq!(
        session(&unzoned, "gap").start,
        t("2026-03-29T02:30:00+00:00")
    );
    assert!(
        unzoned
            .warnings
            .iter()
            .any(|w| w.starts_with("5 events without a time zone") && w.contains("--tz")),
        "{:?}",
        unzoned.warnings
    );
}

#[test]
fn floating_times_use_x_wr_timezone_when_no_tz_is_given() {
    let text = calendar(
        "X-WR-TIMEZONE:Europe/Berlin\r\n",
        &["UID:a\r\nDTSTART:20260701T100000\r\nDTEND:20260701T110000\r\n"],
    );
    let i = ok(&text, &Options::default());
    assert_eq!(session(&i, "a").start, t("2026-07-01T10:00:00+02:00"));
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

const WINDOWS_ZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n\
BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n\
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

const TOKYO_ZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Tokyo Standard Time\r\n\
BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\n\
END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0900\r\n\
TZOFFSETTO:+0900\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

fn windows_events(tzid: &str, dates: &[&str]) -> Vec<String> {
    let ev =
        |d: &&str| format!("UID:{d}\r\nDTSTART;TZID=\"{tzid}\":{d}T100000\r\nDURATION:PT30M\r\n");
    dates.iter().map(ev).collect()
}

#[test]
fn a_windows_zone_without_dst_uses_the_offset_its_vtimezone_defines() {
    let events = windows_events("Tokyo Standard Time", &["20261203"]);
    let text = calendar(
        TOKYO_ZONE,
        &events.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let i = ok(&text, &Options::default());
    assert_eq!(
        session(&i, "20261203").start,
        t("2026-12-03T10:00:00+09:00")
    );
    assert_eq!(session(&i, "20261203").end, t("2026-12-03T10:30:00+09:00"));
    let named = |w: &&String| w.contains("Tokyo Standard Time") && w.contains("+09:00");
    assert!(i.warnings.iter().any(|w| named(&w)), "{:?}", i.warnings);
    assert!(Conference::from_file(i.schedule).is_ok());
}

#[test]
fn a_windows_zone_with_dst_asks_for_tz_and_then_reads_right() {
    let events = windows_events(
        "W. Europe Standard Time",
        &["20260328", "20260701", "20261101"],
    );
    let text = calendar(
        WINDOWS_ZONE,
        &events.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let guessed = ok(&text, &Options::default());
    let asks = |w: &&String| w.contains("W. Europe Standard Time") && w.contains("--tz");
    assert!(
        guessed.warnings.iter().any(|w| asks(&w)),
        "{:?}",
        guessed.warnings
    );
    assert_eq!(
        session(&guessed, "20260701").start,
        t("2026-07-01T10:00:00Z")
    );

    let i = ok(&text, &berlin());
    assert_eq!(
        session(&i, "20260328").start,
        t("2026-03-28T10:00:00+01:00")
    );
    assert_eq!(
        session(&i, "20260701").start,
        t("2026-07-01T10:00:00+02:00")
    );
    assert_eq!(session(&i, "20260701").end, t("2026-07-01T10:30:00+02:00"));
    assert_eq!(
        session(&i, "20261101").start,
        t("2026-11-01T10:00:00+01:00")
    );
    assert!(Conference::from_file(i.schedule).is_ok());
}

#[test]
fn mozilla_style_tzids_name_their_iana_zone() {
    let text = calendar(
        "",
        &[
            "UID:a\r\nDTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20260701T100000\r\nDURATION:PT1H\r\n",
        ],
    );
    let i = ok(&text, &Options::default());
    assert_eq!(session(&i, "a").start, t("2026-07-01T10:00:00+02:00"));
    assert_eq!(i.schedule.time_zone, "Europe/Berlin");
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
}

#[test]
fn an_unknown_tzid_falls_back_to_the_calendar_zone_with_a_warning() {
    let text = calendar(
        "X-WR-TIMEZONE:Asia/Tokyo\r\n",
        &["UID:a\r\nDTSTART;TZID=Mars/Olympus:20261203T100000\r\nDURATION:PT1H\r\n"],
    );
    let i = ok(&text, &Options::default());
    assert_eq!(session(&i, "a").start, t("2026-12-03T10:00:00+09:00"));
    assert!(
        i.warnings
            .iter()
            .any(|w| w.contains("Mars/Olympus") && w.contains("Asia/Tokyo")),
        "{:?}",
        i.warnings
    );
    assert_eq!(i.schedule.time_zone, "Asia/Tokyo");
}

#[test]
fn repeats_expand_within_the_conference_with_exdates_and_overrides() {
    // A three-day conference: a talk each day, and a daily lunch that is skipped on day 2 and
    // moved to 12:30 on day 3; a weekly meetup beyond the conference stays once.
    let berlin = "TZID=Europe/Berlin";
    let text = calendar(
        "",
        &[
            &format!(
                "UID:t1\r\nDTSTART;{berlin}:20261201T100000\r\nDURATION:PT45M\r\nSUMMARY:Talk 1\r\n"
            ),
            &format!(
                "UID:t3\r\nDTSTART;{berlin}:20261203T100000\r\nDURATION:PT45M\r\nSUMMARY:Talk 3\r\n"
            ),
            &format!(
                "UID:lunch\r\nDTSTART;{berlin}:20261201T120000\r\nDURATION:PT1H\r\nSUMMARY:Lunch\r\n\
                 RRULE:FREQ=DAILY\r\nEXDATE;{berlin}:20261202T120000\r\n"
            ),
            &format!(
                "UID:lunch\r\nRECURRENCE-ID;{berlin}:20261203T120000\r\nDTSTART;{berlin}:20261203T123000\r\n\
                 DURATION:PT1H\r\nSUMMARY:Late lunch\r\n"
            ),
            &format!(
                "UID:meetup\r\nDTSTART;{berlin}:20270105T190000\r\nDURATION:PT2H\r\nSUMMARY:Meetup\r\nRRULE:FREQ=WEEKLY\r\n"
            ),
        ],
    );
    let i = ok(&text, &Options::default());
    let got: Vec<(String, String, String)> = i
        .schedule
        .sessions
        .iter()
        .map(|s| (s.id.clone(), s.start.to_rfc3339(), s.title.clone()))
        .collect();
    let want = [
        ("t1", "2026-12-01T10:00:00+01:00", "Talk 1"),
        ("lunch#20261201T1200", "2026-12-01T12:00:00+01:00", "Lunch"),
        ("t3", "2026-12-03T10:00:00+01:00", "Talk 3"),
        (
            "lunch#20261203T1200",
            "2026-12-03T12:30:00+01:00",
            "Late lunch",
        ),
        ("meetup", "2027-01-05T19:00:00+01:00", "Meetup"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    assert!(
        i.warnings
            .iter()
            .any(|w| w.contains("no repeat within the conference's days")),
        "{:?}",
        i.warnings
    );
}

#[test]
fn a_repeat_that_cannot_be_read_keeps_the_first_occurrence() {
    let text = calendar(
        "",
        &[
            "UID:odd\r\nDTSTART:20261203T090000Z\r\nDURATION:PT15M\r\nRRULE:RRULE:Nonsense;FREQ=DAILY\r\n",
        ],
    );
    let i = ok(&text, &Options::default());
    assert_eq!(i.schedule.sessions.len(), 1);
    assert_eq!(session(&i, "odd").start, t("2026-12-03T09:00:00Z"));
    assert!(
        i.warnings
            .iter()
            .any(|w| w.contains("only the first occurrence")),
        "{:?}",
        i.warnings
    );
}

#[test]
fn events_without_an_end_last_zero_minutes_with_one_warning() {
    let text = calendar(
        "",
        &[
            "UID:a\r\nDTSTART:20261203T090000Z\r\n",
            "UID:b\r\nDTSTART:20261203T100000Z\r\nDTEND:20261203T090000Z\r\n",
            "UID:c\r\nDTSTART:20261203T110000Z\r\nDURATION:P99999999999999999999W\r\n",
            "UID:d\r\nDTSTART:20261203T120000Z\r\nDURATION:-PT5M\r\n",
        ],
    );
    let i = ok(&text, &Options::default());
    assert!(i.schedule.sessions.iter().all(|s| s.start == s.end));
    let w: Vec<_> = i
        .warnings
        .iter()
        .filter(|w| w.contains("zero-length"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", i.warnings);
    assert!(
        w[0].starts_with("4 events without a usable DTEND") && w[0].contains("\"a\""),
        "{w:?}"
    );
    assert!(Conference::from_file(i.schedule).is_ok());
}

#[test]
fn garbage_is_rejected_with_the_line_it_is_on() {
    assert!(matches!(
        parse("hello world", &Options::default()),
        Err(ImportError::UnknownFormat(_))
    ));
    let e =
        invalid("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis is not a calendar\r\nEND:VCALENDAR\r\n");
    assert!(
        e.starts_with("line 3:") && e.contains("this is not a calendar"),
        "{e}"
    );
    // Folded lines before the culprit count as the lines they are in the file.
    let broken = SESSIONIZE.replacen("LOCATION:Room B", "LOCATION:Room B\r\n<html>oops</html>", 1);
    let line = broken
        .split("\r\n")
        .position(|l| l.starts_with("<html>"))
        .unwrap()
        + 1;
    let e = invalid(&broken);
    assert!(e.starts_with(&format!("line {line}:")), "{e}");
    let e = invalid("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENTX\r\nEND:VCALENDAR\r\n");
    assert!(
        e.starts_with("line 4:") && e.contains("BEGIN:VEVENT from line 2"),
        "{e}"
    );
}

#[test]
fn a_truncated_file_says_where() {
    let cut = SESSIONIZE.find("DURATION:PT40M").unwrap();
    let e = invalid(&SESSIONIZE[..cut]);
    let lines: Vec<&str> = SESSIONIZE[..cut].split("\r\n").collect();
    let line = lines.iter().rposition(|l| *l == "BEGIN:VEVENT").unwrap() + 1;
    assert!(
        e.starts_with(&format!("line {line}:")) && e.contains("truncated"),
        "{e}"
    );
    let e = invalid(SESSIONIZE.trim_end().trim_end_matches("END:VCALENDAR"));
    assert!(
        e.starts_with("line 1:") && e.contains("BEGIN:VCALENDAR"),
        "{e}"
    );
}

#[test]
fn deep_nesting_is_refused_instead_of_overflowing_the_stack() {
    let text = format!("BEGIN:VCALENDAR\r\n{}", "BEGIN:X\r\n".repeat(100_000));
    assert!(invalid(&text).contains("nested too deeply"));
}

#[test]
fn events_without_a_uid_get_stable_ids_and_a_warning() {
    let text = calendar(
        "",
        &[
            "SUMMARY:One\r\nDTSTART:20261203T090000Z\r\n",
            "SUMMARY:Two\r\nDTSTART:20261203T090000Z\r\n",
        ],
    );
    let a = ok(&text, &Options::default());
    let b = ok(&text, &Options::default());
    let ids = |i: &Imported| {
        i.schedule
            .sessions
            .iter()
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
    assert_ne!(ids(&a)[0], ids(&a)[1]);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.starts_with("2 events without a UID")),
        "{:?}",
        a.warnings
    );
    assert!(Conference::from_file(a.schedule).is_ok());
}

#[test]
fn repeated_uids_are_made_unique() {
    let ev = "UID:same\r\nDTSTART:20261203T090000Z\r\n";
    let i = ok(&calendar("", &[ev, ev, ev]), &Options::default());
    let ids: Vec<_> = i.schedule.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["same", "same#2", "same#3"]);
    assert!(Conference::from_file(i.schedule).is_ok());
}

#[test]
fn an_unreadable_dtstart_skips_only_that_event() {
    let text = calendar(
        "",
        &[
            "UID:good\r\nDTSTART:20261203T090000Z\r\n",
            "UID:bad\r\nSUMMARY:x\r\nDTSTART:tomorrow-ish\r\n",
            "UID:none\r\n",
        ],
    );
    let i = ok(&text, &Options::default());
    assert_eq!(i.schedule.sessions.len(), 1);
    assert!(
        i.warnings
            .iter()
            .any(|w| w.contains("\"bad\" (line 10)") && w.contains("tomorrow-ish")),
        "{:?}",
        i.warnings
    );
    assert!(
        i.warnings.iter().any(|w| w.contains("\"none\"")),
        "{:?}",
        i.warnings
    );
}

#[test]
fn escape_sequences_in_titles_are_cleaned_once_loaded() {
    let text = calendar(
        "",
        &[
            "UID:e\r\nSUMMARY:\u{1b}[31mRed\u{1b}[0m \u{1b}]0;pwned\u{7}alert\u{7}\r\nDTSTART:20261203T090000Z\r\n",
        ],
    );
    let c = Conference::from_file(ok(&text, &Options::default()).schedule).unwrap();
    let title = &c.session("e").unwrap().title;
    assert!(!title.chars().any(char::is_control), "{title:?}");
    assert!(title.contains("Red"), "{title:?}");
}

#[test]
fn a_hundred_thousand_events_import() {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Asia/Tokyo\r\n");
    for n in 0..100_000u32 {
        let (day, minute) = (1 + n / 1440 % 28, n % 1440);
        text += &format!(
            "BEGIN:VEVENT\r\nUID:{n}@bulk\r\nDTSTART;TZID=Asia/Tokyo:202612{day:02}T{:02}{:02}00\r\nDURATION:PT1M\r\nSUMMARY:Talk {n}\r\nLOCATION:Room {}\r\nEND:VEVENT\r\n",
            minute / 60,
            minute % 60,
            n % 7
        );
    }
    text += "END:VCALENDAR\r\n";
    let started = std::time::Instant::now();
    let i = ok(&text, &Options::default());
    eprintln!(
        "imported 100,000 events ({} MB) in {:?}",
        text.len() / 1_000_000,
        started.elapsed()
    );
    assert_eq!(i.schedule.sessions.len(), 100_000);
    assert_eq!(i.schedule.rooms.len(), 7);
    assert!(Conference::from_file(i.schedule).is_ok());
}

#[test]
fn calendar_properties_count_wherever_they_stand_and_stray_ones_are_refused() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261203T010000Z\r\n\
        END:VEVENT\r\nX-WR-CALNAME:Late\\, but named\r\nX-WR-TIMEZONE:Asia/Tokyo\r\nEND:VCALENDAR\r\n\
        BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261203T020000Z\r\nEND:VEVENT\r\n\
        END:VCALENDAR\r\n";
    let i = ok(text, &Options::default());
    assert_eq!(i.schedule.name, "Late, but named");
    assert_eq!(i.schedule.time_zone, "Asia/Tokyo");
    assert_eq!(session(&i, "a").start, t("2026-12-03T10:00:00+09:00"));
    assert_eq!(session(&i, "b").start, t("2026-12-03T11:00:00+09:00"));

    let e = invalid(&format!("{text}X-STRAY:1\r\n"));
    let line = text.lines().count() + 1;
    assert!(
        e.starts_with(&format!("line {line}:")) && e.contains("outside"),
        "{e}"
    );
}

/// Issue 19.5: the starred sessions written by `kaigi export --ics` read back, by this importer
/// and by the `icalendar` crate, with their times in the conference's zone and their alarms.
#[test]
fn starred_sessions_exported_as_ics_read_back_whole() {
    use icalendar::{Component, EventLike};
    let c = Conference::sample();
    let starred: std::collections::HashSet<String> = ["d1-1135-a", "d1-1315-d", "d2-keynote"]
        .map(String::from)
        .into();
    let sessions = kaigi::export::ics::starred(&c, &starred);
    let now = t("2026-11-30T12:00:00+09:00").with_timezone(&chrono::Utc);
    let text = kaigi::export::ics::calendar(&c, &sessions, Some(10), now);
    assert!(
        text.contains("DTSTART;TZID=Asia/Tokyo:20261203T113500\r\n"),
        "{text}"
    );
    assert!(
        text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"),
        "{text}"
    );

    let back = Conference::from_file(ok(&text, &Options::default()).schedule).unwrap();
    assert_eq!(back.name, c.name);
    assert_eq!(back.tz.name(), "Asia/Tokyo");
    let mut got: Vec<(String, DateTime<FixedOffset>, DateTime<FixedOffset>, String)> = back
        .sessions()
        .iter()
        .map(|s| (s.title.clone(), s.start, s.end, s.room.clone()))
        .collect();
    got.sort_by_key(|g| g.1);
    let want: Vec<_> = sessions
        .iter()
        .map(|s| (s.title.clone(), s.start, s.end, s.room.clone()))
        .collect();
    assert_eq!(got, want);

    let cal: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = cal.events().collect();
    assert_eq!(events.len(), 3);
    let hands_on = events
        .iter()
        .find(|e| e.get_summary().is_some_and(|s| s.starts_with("ハンズオン")))
        .unwrap();
    assert_eq!(hands_on.get_location(), Some("Room D (Workshop)"));
    let start = hands_on.get_start().unwrap();
    assert!(format!("{start:?}").contains("Asia/Tokyo"), "{start:?}");
    assert_eq!(text.matches("TRIGGER:-PT600S").count(), 3);
    assert!(text.contains("PRODID:-//kaigi//kaigi "), "{text}");
    let alarm = &text[text.find("BEGIN:VALARM").unwrap()..text.find("END:VALARM").unwrap()];
    assert!(!alarm.contains("DTSTAMP"), "{alarm}");
}
