//! The frab/pretalx `schedule.json` and frab/pentabarf `schedule.xml` importers, driven through
//! the public `import::parse` on real published exports, a hand-written pentabarf file and hostile
//! inputs. Every successful import is also fed to `Conference::from_file` to prove it is usable.

use std::time::Instant;

use chrono::{DateTime, FixedOffset, NaiveDate};
use kaigi::import::{Format, ImportError, Imported, Options, parse};
use kaigi::model::schedule::{Conference, ScheduleFile, Session};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(text: &str) -> Imported {
    parse(text, &Options::default()).unwrap_or_else(|e| panic!("import failed: {e}"))
}

fn import_err(text: &str) -> (String, String) {
    match parse(text, &Options::default()) {
        Err(ImportError::Invalid { location, message }) => (location, message),
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

fn conference(imported: &Imported) -> Conference {
    Conference::from_file(imported.schedule.clone()).expect("imported schedule is usable")
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn session<'a>(file: &'a ScheduleFile, id: &str) -> &'a Session {
    file.sessions
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no session {id:?}"))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A one-day Berlin schedule.json around the given events (JSON objects, comma-joined).
fn one_day_json(events: &str) -> String {
    format!(
        r#"{{"schedule":{{"version":"t","conference":{{"acronym":"t","title":"T","time_zone_name":"Europe/Berlin",
        "days":[{{"index":1,"date":"2024-03-01","day_start":"2024-03-01T09:00:00+01:00","rooms":{{"Main":[{events}]}}}}]}}}}}}"#
    )
}

// ---- frab-camp2019.json ----------------------------------------------------------------------

#[test]
fn camp2019_imports_every_event_in_berlin() {
    let imported = import(&fixture("frab-camp2019.json"));
    let file = &imported.schedule;
    assert_eq!(imported.format, Format::FrabJson);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(file.sessions.len(), 79);
    assert_eq!(file.id, "camp2019");
    assert_eq!(file.name, "Chaos Communication Camp 2019");
    assert_eq!(file.time_zone, "Europe/Berlin");
    assert_eq!(file.rooms, strings(&["Curie", "Meitner"]));
    assert!(file.sessions.iter().all(|s| s.day.is_none()));

    let opening = session(file, "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4");
    assert_eq!(opening.title, "Opening Ceremony");
    assert_eq!(opening.start, t("2019-08-21T11:00:00+02:00"));
    assert_eq!(opening.start.offset().local_minus_utc(), 2 * 3600);
    assert_eq!(opening.end, t("2019-08-21T11:30:00+02:00"));
    assert_eq!(opening.room, "Curie");
    assert_eq!(opening.track.as_deref(), Some("CCC"));
    assert_eq!(opening.speakers, strings(&["jinxx", "smtw"]));
    assert_eq!(opening.summary, "A hearty welcome me lasses and lads!");
    assert_eq!(
        opening.url.as_deref(),
        Some("https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html")
    );

    let lightning = session(file, "117f530f-a20b-4071-b208-39e989a42408");
    assert_eq!(lightning.title, "Lightning Talks");
    assert_eq!(lightning.room, "Meitner");
    assert_eq!(lightning.start, t("2019-08-22T12:00:00+02:00"));
    assert_eq!(lightning.end, t("2019-08-22T15:00:00+02:00"));
    assert_eq!(lightning.speakers, strings(&["bigalex", "honky"]));
    assert_eq!(
        lightning.summary, "",
        "abstract and description are both empty"
    );

    let camp20 = session(file, "d8db148c-39e4-4f1e-af23-a26a477c82ee");
    assert_eq!(camp20.end, t("2019-08-21T23:30:00+02:00"));
    assert_eq!(
        camp20.speakers,
        strings(&["Markus Ossevorth", "Marc-André Janizewski", "Tim Pritlove"])
    );
    // The export has a trailing space in this title.
    let k8s = session(file, "24b58c74-2bba-412e-84ac-c206f714f0b7");
    assert_eq!(k8s.title, "Hacking Containers and Kubernetes");

    let conf = conference(&imported);
    let days: Vec<String> = conf.days().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        days,
        [
            "2019-08-21",
            "2019-08-22",
            "2019-08-23",
            "2019-08-24",
            "2019-08-25"
        ]
    );
    let per_day: Vec<usize> = (0..5).map(|d| conf.day_len(d)).collect();
    assert_eq!(per_day, [17, 17, 19, 17, 9]);
    assert_eq!(conf.day_session(0, 0).unwrap().title, "Opening Ceremony");
    assert_eq!(conf.rooms, strings(&["Curie", "Meitner"]));
}

#[test]
fn a_late_night_camp_event_stays_under_the_evening_it_is_listed_in() {
    // The real export has no event after midnight; add one to day 1 the way frab lists them.
    let late = r#""Curie": [
              {
                "id": 99999, "guid": "late-night-0001", "date": "2019-08-22T01:00:00+02:00",
                "start": "01:00", "duration": "01:00", "room": "Curie", "title": "Nachtschicht",
                "persons": [{ "id": 1, "public_name": "Night Owl" }], "abstract": "After hours."
              },"#;
    let text = fixture("frab-camp2019.json").replacen(r#""Curie": ["#, late, 1);
    let imported = import(&text);
    assert_eq!(imported.schedule.sessions.len(), 80);
    let s = session(&imported.schedule, "late-night-0001");
    assert_eq!(s.start, t("2019-08-22T01:00:00+02:00"));
    assert_eq!(s.end, t("2019-08-22T02:00:00+02:00"));
    assert_eq!(s.day, Some(date("2019-08-21")));
    assert_eq!(s.speakers, strings(&["Night Owl"]));

    let conf = conference(&imported);
    assert_eq!(conf.days().len(), 5);
    assert_eq!(conf.day_len(0), 18);
    assert_eq!(conf.day_sessions(0).last().unwrap().id, "late-night-0001");
    assert!(conf.day_sessions(1).all(|s| s.id != "late-night-0001"));
}

// ---- pretalx-democon.json --------------------------------------------------------------------

#[test]
fn pretalx_utc_over_plus_one_falls_back_to_the_offset_with_a_warning() {
    let imported = import(&fixture("pretalx-democon.json"));
    let file = &imported.schedule;
    assert_eq!(file.sessions.len(), 36);
    assert_eq!(file.id, "democon");
    assert_eq!(file.name, "DemoCon");
    assert_eq!(file.time_zone, "Etc/GMT-1");
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert!(
        imported.warnings[0].contains("\"UTC\""),
        "{:?}",
        imported.warnings
    );
    assert!(
        imported.warnings[0].contains("Etc/GMT-1"),
        "{:?}",
        imported.warnings
    );
    assert_eq!(file.rooms, strings(&["Gray Room", "Tan Room"]));

    let first = session(file, "8079583e-8321-506c-95af-fd2903a5f075");
    assert_eq!(first.title, "Focused 5thgeneration hardware");
    assert_eq!(first.start, t("2020-12-14T09:00:00+01:00"));
    assert_eq!(first.end, t("2020-12-14T09:30:00+01:00"));
    assert_eq!(first.track.as_deref(), Some("Phased"));
    assert_eq!(first.speakers, strings(&["Brian Robinson"]));
    assert!(
        first
            .summary
            .starts_with("Brand back-end models!\n\nStation provide"),
        "abstract, then description: {:?}",
        first.summary
    );
    assert_eq!(
        first.url.as_deref(),
        Some("http://localhost/democon/talk/G9JGWY/")
    );
    let trio = session(file, "8def099f-0871-5d9f-95b8-de50f694e747");
    assert_eq!(
        trio.speakers,
        strings(&["Stephanie Hudson", "Mariah Estrada", "Kathy Wallace"])
    );

    let conf = conference(&imported);
    assert_eq!(conf.days().len(), 3);
    assert_eq!((0..3).map(|d| conf.day_len(d)).sum::<usize>(), 36);
}

#[test]
fn pretalx_with_a_named_zone_keeps_it_without_warning() {
    let opts = Options {
        tz: Some(chrono_tz::Europe::Berlin),
        ..Options::default()
    };
    let imported = parse(&fixture("pretalx-democon.json"), &opts).unwrap();
    assert_eq!(imported.schedule.time_zone, "Europe/Berlin");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let conf = conference(&imported);
    assert_eq!(conf.tz, chrono_tz::Europe::Berlin);
    assert_eq!(conf.days().len(), 3);
}

// ---- schedule.xml ----------------------------------------------------------------------------

#[allow(clippy::too_many_arguments)]
fn expected(
    id: &str,
    title: &str,
    start: &str,
    end: &str,
    room: &str,
    track: &str,
    speakers: &[&str],
    summary: &str,
    url: Option<&str>,
    day: Option<&str>,
) -> Session {
    Session {
        id: id.into(),
        title: title.into(),
        start: t(start),
        end: t(end),
        room: room.into(),
        track: Some(track.into()),
        speakers: strings(speakers),
        summary: summary.into(),
        url: url.map(Into::into),
        day: day.map(date),
        adhoc: false,
        removed: false,
        published: Default::default(),
        links: Vec::new(),
    }
}

#[test]
fn pentabarf_xml_maps_exactly_onto_the_model() {
    let imported = import(&fixture("frab-exconf2026.xml"));
    let file = &imported.schedule;
    assert_eq!(imported.format, Format::FrabXml);
    assert_eq!(file.id, "exconf2026");
    assert_eq!(file.name, "ExampleConf 2026 東京");
    assert_eq!(file.time_zone, "Asia/Tokyo");
    assert_eq!(file.rooms, strings(&["Hall A", "Room 1", "Room 2 (和室)"]));
    // Event 202 has no <date>: one warning, naming the zone used to place it.
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert!(
        imported.warnings[0].starts_with("1 event(s) have no date"),
        "{:?}",
        imported.warnings
    );
    assert!(imported.warnings[0].contains("Asia/Tokyo"));

    let g = |n: u32| format!("5b1c9e3a-0c6e-4f4e-9d61-000000000{n}");
    let url = |n: u32| format!("https://exconf.example.jp/2026/talk/{n}/");
    let want = vec![
        expected(
            &g(101),
            "開会の挨拶",
            "2026-12-03T10:00:00+09:00",
            "2026-12-03T10:30:00+09:00",
            "Hall A",
            "General",
            &["山田 太郎"],
            "会議へようこそ。",
            Some(&url(101)),
            None,
        ),
        expected(
            &g(102),
            "Rustで作るターミナルUI",
            "2026-12-03T10:30:00+09:00",
            "2026-12-03T11:30:00+09:00",
            "Hall A",
            "Rust",
            &["Alice Example", "鈴木 花子"],
            "ratatui と crossterm の話。",
            Some(&url(102)),
            None,
        ),
        expected(
            &g(103),
            "Late Night Lightning Talks",
            "2026-12-03T23:30:00+09:00",
            "2026-12-04T01:00:00+09:00",
            "Hall A",
            "General",
            &[],
            "Five minutes each, no slides over 20.",
            None,
            None,
        ),
        expected(
            &g(104),
            "深夜のカラオケ",
            "2026-12-04T01:00:00+09:00",
            "2026-12-04T01:45:00+09:00",
            "Hall A",
            "Social",
            &["DJ 夜更かし"],
            "歌いましょう！",
            None,
            Some("2026-12-03"),
        ),
        expected(
            &g(105),
            "日本語の形態素解析入門",
            "2026-12-03T13:00:00+09:00",
            "2026-12-03T13:45:00+09:00",
            "Room 1",
            "NLP",
            &["佐藤 一郎"],
            "<MeCab> & Sudachi を比べる。\n\nThe description follows the abstract.",
            Some(&url(105)),
            None,
        ),
        expected(
            &g(201),
            "Keynote: 会議のこれから",
            "2026-12-04T10:00:00+09:00",
            "2026-12-04T10:30:00+09:00",
            "Room 1",
            "General",
            &["Grace Example"],
            "基調講演。",
            None,
            None,
        ),
        expected(
            &g(202),
            "お茶会とネットワーキング",
            "2026-12-04T11:00:00+09:00",
            "2026-12-04T11:45:00+09:00",
            "Room 2 (和室)",
            "Social",
            &[],
            "",
            None,
            None,
        ),
        expected(
            &g(203),
            "ワークショップ: 組込みRust <no_std>",
            "2026-12-04T14:00:00+09:00",
            "2026-12-04T15:30:00+09:00",
            "Room 2 (和室)",
            "Rust",
            &["鈴木 花子"],
            "持ち物: ノートPC、USBケーブル。",
            None,
            None,
        ),
    ];
    let mut want = want;
    // Its <links> list the project's page: a link of the session, not slides.
    want[1].links = vec![kaigi::model::schedule::Link {
        kind: kaigi::model::schedule::LinkKind::Other,
        url: "https://ratatui.rs/".into(),
        title: "ratatui".into(),
    }];
    assert_eq!(file.sessions, want);

    let conf = conference(&imported);
    assert_eq!(conf.days(), [date("2026-12-03"), date("2026-12-04")]);
    let ids = |d| {
        conf.day_sessions(d)
            .map(|s| s.id[33..].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(0), ["101", "102", "105", "103", "104"]);
    assert_eq!(ids(1), ["201", "202", "203"]);
}

#[test]
fn old_pentabarf_without_dates_places_events_by_day_and_day_change() {
    let opts = Options {
        tz: Some(chrono_tz::Asia::Tokyo),
        ..Options::default()
    };
    let imported = parse(&fixture("pentabarf-old.xml"), &opts).unwrap();
    let file = &imported.schedule;
    assert_eq!(file.id, "old-pentabarf-meeting");
    assert_eq!(file.time_zone, "Asia/Tokyo");
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert!(imported.warnings[0].starts_with("3 event(s) have no date"));
    let welcome = session(file, "901");
    assert_eq!(welcome.start, t("2010-02-06T09:00:00+09:00"));
    assert_eq!(welcome.summary, "Hello from the organisers.");
    assert_eq!(welcome.speakers, strings(&["Old Speaker"]));
    // 00:30 is before the 08:00 day change: the night after 6 February.
    let night = session(file, "902");
    assert_eq!(night.start, t("2010-02-07T00:30:00+09:00"));
    assert_eq!(night.end, t("2010-02-07T01:30:00+09:00"));
    assert_eq!(night.day, Some(date("2010-02-06")));
    assert_eq!(session(file, "903").start, t("2010-02-07T10:00:00+09:00"));
    let conf = conference(&imported);
    assert_eq!(
        conf.day_sessions(0)
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        ["901", "902"]
    );

    // Without --tz nothing says where the conference is: UTC, and the warning says so.
    let imported = import(&fixture("pentabarf-old.xml"));
    assert_eq!(imported.schedule.time_zone, "UTC");
    assert!(
        imported.warnings[0].contains("--tz"),
        "{:?}",
        imported.warnings
    );
    assert_eq!(
        session(&imported.schedule, "902").start,
        t("2010-02-07T00:30:00+00:00")
    );
}

#[test]
fn xml_errors_name_the_element_and_line() {
    let (location, message) = import_err(&fixture("hostile-bad-date.xml"));
    assert_eq!(location, r#"<event guid="bad-2"> at line 15"#);
    assert!(message.contains("next tuesday-ish"), "{message}");

    let no_duration = fixture("hostile-bad-date.xml")
        .replace("next tuesday-ish", "2024-03-01T11:00:00+01:00")
        .replacen(
            "<duration>00:30</duration>\n        <title>Broken",
            "<title>Broken",
            1,
        );
    let (location, message) = import_err(&no_duration);
    assert_eq!(location, r#"<event guid="bad-2"> at line 15"#);
    assert_eq!(message, "missing <duration>");

    let xml = fixture("frab-exconf2026.xml");
    let cut = (0..=2000).rev().find(|&i| xml.is_char_boundary(i)).unwrap();
    let (location, _) = import_err(&xml[..cut]);
    assert!(location.starts_with("line "), "{location}");

    // A page that merely mentions <schedule> is taken for no schedule at all.
    let e = parse("<html><p>see <schedule/></p></html>", &Options::default()).unwrap_err();
    assert!(
        e.to_string().contains("it looks like a web page (HTML)"),
        "{e}"
    );
}

#[test]
fn xml_entity_expansion_and_external_entities_are_refused() {
    // roxmltree refuses any DTD by default, so neither the billion laughs nor &xxe; expand.
    let (location, message) = import_err(&fixture("hostile-doctype.xml"));
    assert_eq!(location, "line 2");
    assert!(message.contains("DOCTYPE"), "{message}");
}

// ---- Hostile JSON ----------------------------------------------------------------------------

#[test]
fn truncated_json_reports_a_line() {
    let err = parse(&fixture("hostile-truncated.json"), &Options::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("(line 42)"), "{text}");
    assert!(text.contains("EOF"), "{text}");
    // The line once: not again as serde_json's " at line 42 column 0", nor a "?" path.
    assert!(!text.contains("at line") && !text.contains(".?"), "{text}");
}

#[test]
fn wrong_types_report_the_json_path() {
    let (location, message) = import_err(&fixture("hostile-wrong-type.json"));
    assert_eq!(
        location,
        "schedule.conference.days[0].rooms.Main Hall[0].duration (line 19)"
    );
    assert!(message.contains("integer `30`"), "{message}");

    let (location, _) = import_err(&one_day_json(
        r#"{"id":1,"date":20240301,"duration":"00:30","title":"x"}"#,
    ));
    assert!(
        location.starts_with("schedule.conference.days[0].rooms.Main[0].date"),
        "{location}"
    );
    let (location, _) = import_err(&one_day_json(
        r#"{"id":1,"duration":"00:30","title":["x"]}"#,
    ));
    assert!(
        location.starts_with("schedule.conference.days[0].rooms.Main[0].title"),
        "{location}"
    );
    let (location, message) = import_err(&one_day_json(
        r#"{"id":1,"date":"yesterday","duration":"00:30","title":"x"}"#,
    ));
    assert!(
        location.starts_with("schedule.conference.days[0].rooms.Main[0].date"),
        "{location}"
    );
    assert!(message.contains("RFC 3339"), "{message}");
    let (location, _) = import_err(r#"{"schedule":{"conference":{"days":{"index":1}}}}"#);
    assert!(
        location.starts_with("schedule.conference.days"),
        "{location}"
    );
}

#[test]
fn durations_accept_the_shapes_generators_write_and_refuse_the_rest() {
    let ev = |d: &str| {
        one_day_json(&format!(
            r#"{{"guid":"g","date":"2024-03-01T10:00:00+01:00","duration":"{d}","title":"x"}}"#
        ))
    };
    for (d, end) in [
        ("00:30", "2024-03-01T10:30:00+01:00"),
        ("0:45", "2024-03-01T10:45:00+01:00"),
        ("1:30:00", "2024-03-01T11:30:00+01:00"),
        ("26:00", "2024-03-02T12:00:00+01:00"),
        ("1:02:00:00", "2024-03-02T12:00:00+01:00"),
        ("00:00", "2024-03-01T10:00:00+01:00"),
    ] {
        let imported = import(&ev(d));
        assert_eq!(imported.schedule.sessions[0].end, t(end), "{d}");
    }
    for d in [
        "-00:30",
        "00:90",
        "30",
        "",
        "1h",
        "00:30:75",
        "1:25:00:00",
        "99999999:00",
        "0x1:00",
    ] {
        let (location, message) = import_err(&ev(d));
        assert!(location.ends_with(".duration (line 2)"), "{d}: {location}");
        assert!(message.contains("invalid duration"), "{d}: {message}");
    }
}

#[test]
fn hostile_ids_and_titles_survive_as_data_and_are_cleaned_later() {
    let imported = import(&fixture("hostile-ids.json"));
    let file = &imported.schedule;
    let ids: Vec<&str> = file.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["../../x", "a/b\\c", "6"]);
    assert_eq!(
        file.rooms,
        strings(&["Zeta", "Alpha"]),
        "file order, not sorted"
    );
    let w = imported.warnings.join("\n");
    assert_eq!(imported.warnings.len(), 3, "{w}");
    assert!(
        w.contains("1 event(s) without a title skipped: \"4\""),
        "{w}"
    );
    assert!(
        w.contains("1 event(s) without a usable start time skipped: \"five\""),
        "{w}"
    );
    assert!(
        w.contains(
            "1 event(s) with an id seen earlier skipped (the first one was kept): \"../../x\""
        ),
        "{w}"
    );

    let first = session(file, "../../x");
    assert_eq!(first.speakers, strings(&["Old \u{1b}[1mStyle\u{1b}[0m"]));
    let slashes = session(file, "a/b\\c");
    assert_eq!(slashes.room, "Zeta");
    assert_eq!(slashes.end, t("2024-03-01T12:00:00+01:00"));
    assert_eq!(slashes.speakers, strings(&["Named", "Bare String"]));
    let zero = session(file, "6");
    assert_eq!(
        (zero.start, zero.track.as_deref(), zero.url.as_deref()),
        (zero.end, None, None)
    );

    let conf = conference(&imported);
    let s = conf.session("../../x").expect("id kept verbatim");
    assert_eq!(s.title, "Path traversal talk");
    assert_eq!(s.summary, "Clears the screen");
    assert_eq!(s.speakers, strings(&["Old Style"]));
    assert!(!conf.name.chars().any(char::is_control), "{:?}", conf.name);
    assert!(conf.session("a/b\\c").is_some());
}

#[test]
fn json_events_without_a_date_are_skipped_and_dates_without_offset_use_the_zone() {
    let imported = import(&one_day_json(
        r#"{"guid":"a","start":"10:00","duration":"00:30","title":"No date"},
           {"guid":"b","date":"2024-03-01T11:00:00","duration":"00:30","title":"No offset"},
           {"guid":"c","date":"2024-03-01T12:00:00+01:00","duration":"00:30","title":"Fine"}"#,
    ));
    let file = &imported.schedule;
    let ids: Vec<&str> = file.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["b", "c"]);
    assert_eq!(session(file, "b").start, t("2024-03-01T11:00:00+01:00"));
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
    assert!(imported.warnings[0].starts_with("1 event(s) have no date with a UTC offset"));
    assert!(imported.warnings[0].contains("Europe/Berlin"));
    assert_eq!(
        imported.warnings[1],
        "1 event(s) without a usable start time skipped: \"a\""
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 200_000;
    let json = format!(
        r#"{{"schedule":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(parse(&json, &Options::default()).is_err());
    let xml = format!(
        "<schedule>{}{}</schedule>",
        "<day>".repeat(depth),
        "</day>".repeat(depth)
    );
    let _ = parse(&xml, &Options::default());
    let title = format!(
        "<title>{}x{}</title>",
        "<b>".repeat(depth),
        "</b>".repeat(depth)
    );
    let xml = format!(
        r#"<schedule><day date="2024-03-01"><room name="R"><event guid="g">
        <date>2024-03-01T10:00:00+01:00</date><duration>00:30</duration>{title}</event></room></day></schedule>"#
    );
    assert_eq!(import(&xml).schedule.sessions[0].title, "x");
}

#[test]
fn a_hundred_thousand_events_import() {
    const N: usize = 100_000;
    let mut events = String::with_capacity(N * 160);
    for i in 0..N {
        if i > 0 {
            events.push(',');
        }
        let (day, minute) = (1 + i / 1440 % 28, i % 1440);
        events.push_str(&format!(
            r#"{{"guid":"g-{i}","id":{i},"date":"2024-02-{day:02}T{:02}:{:02}:00+01:00","duration":"00:01","title":"Event {i}","persons":[{{"public_name":"P{i}"}}]}}"#,
            minute / 60,
            minute % 60
        ));
    }
    let text = one_day_json(&events);
    let started = Instant::now();
    let imported = import(&text);
    eprintln!(
        "imported {N} events ({} MB) in {:?}",
        text.len() / 1_000_000,
        started.elapsed()
    );
    assert_eq!(imported.schedule.sessions.len(), N);
    let started = Instant::now();
    let conf = conference(&imported);
    eprintln!("Conference::from_file took {:?}", started.elapsed());
    assert_eq!(conf.sessions().len(), N);
}
