//! Real published schedules in the layouts kaigi learnt for issue 17: c3voc schedule v2 (the
//! 38C3 hub example), Sessionize's "All data", FOSDEM 2026 (HTML abstracts, slides, chat and
//! feedback links; cut to 13 events), FOSDEM 2012's pentabarf XML and PyCon AU 2023's pretalx
//! calendar (speakers only in SUMMARY). Where each is from: tests/fixtures/SOURCES.md.

use kaigi::import::{Format, Options, parse};
use kaigi::model::schedule::{Conference, LinkKind};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn import(name: &str, opts: &Options) -> (Format, Conference, Vec<String>) {
    let imported = parse(&fixture(name), opts).unwrap_or_else(|e| panic!("{name}: {e}"));
    let c = Conference::from_file(imported.schedule).unwrap();
    (imported.format, c, imported.warnings)
}

#[test]
fn c3voc_schedule_v2_reads_its_flat_events_rooms_tracks_and_speakers() {
    let (format, c, warnings) = import("c3voc-v2-38c3-example.json", &Options::default());
    assert_eq!(format, Format::C3vocV2);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        (c.id.as_str(), c.name.as_str(), c.tz.name()),
        ("38c3", "38C3", "Europe/Berlin")
    );
    let s = &c.sessions()[0];
    assert_eq!(s.title, "38C3: Opening Ceremony");
    assert_eq!(s.room, "Saal 1");
    assert_eq!(s.track.as_deref(), Some("CCC"));
    assert_eq!(
        s.speakers,
        ["Gabriela Bogk", "Aline Blankertz"],
        "the contributor is no speaker"
    );
    assert_eq!((s.end - s.start).num_minutes(), 30);
    let kinds: Vec<LinkKind> = s.links.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [LinkKind::Slides, LinkKind::Other, LinkKind::Feedback]
    );
}

#[test]
fn sessionize_all_data_reads_rooms_and_speakers_by_id_in_the_zone_given() {
    let opts = Options {
        tz: Some(chrono_tz::America::New_York),
        ..Options::default()
    };
    let (format, c, warnings) = import("sessionize-all-orlandocodecamp2020.json", &opts);
    assert_eq!(format, Format::Sessionize);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(c.sessions().len(), 99);
    assert_eq!(c.rooms.len(), 14);
    let s = c.session("176149").unwrap();
    assert_eq!(s.start.to_rfc3339(), "2020-03-28T09:00:00-04:00");
    assert_eq!(
        (s.room.as_str(), s.speakers.clone()),
        ("Room 1", vec!["Mark Kilby".to_string()])
    );
    let e = parse(
        &fixture("sessionize-all-orlandocodecamp2020.json"),
        &Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("pass --tz"), "{e}");
}

#[test]
fn fosdem_abstracts_read_as_text_and_slides_stay_apart_from_chat_and_feedback() {
    let (_, c, _) = import("fosdem2026-cut.xml", &Options::default());
    assert_eq!(c.sessions().len(), 13);
    for s in c.sessions() {
        assert!(
            !s.summary.contains("<p>") && !s.summary.contains("&lt;"),
            "{}",
            s.summary
        );
    }
    let welcome = c
        .sessions()
        .iter()
        .find(|s| s.title == "Welcome to FOSDEM 2026")
        .unwrap();
    let kinds: Vec<LinkKind> = welcome.links.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [LinkKind::Chat, LinkKind::Chat, LinkKind::Feedback]);
    let with_slides = c
        .sessions()
        .iter()
        .filter(|s| s.links.iter().any(|l| l.kind == LinkKind::Slides));
    assert_eq!(with_slides.count(), 1);
}

#[test]
fn fosdem_2012_pentabarf_imports_every_event() {
    let opts = Options {
        tz: Some(chrono_tz::Europe::Brussels),
        ..Options::default()
    };
    let (format, c, _) = import("fosdem2012-pentabarf.xml", &opts);
    assert_eq!(format, Format::FrabXml);
    assert_eq!(c.sessions().len(), 301);
    assert_eq!(c.days().len(), 2);
}

#[test]
fn pretalx_calendars_name_their_speakers_in_the_summary() {
    let (_, c, _) = import("pyconau2023-pretalx.ics", &Options::default());
    assert_eq!(c.tz.name(), "Australia/Adelaide");
    let s = c
        .sessions()
        .iter()
        .find(|s| s.title.starts_with("Roll for Initiative"))
        .unwrap();
    assert_eq!(
        s.title,
        "Roll for Initiative: how to make the world of AI a more ethical place"
    );
    assert_eq!(s.speakers, ["J. Rosenbaum"]);
    let with = c
        .sessions()
        .iter()
        .filter(|s| !s.speakers.is_empty())
        .count();
    assert_eq!((with, c.sessions().len()), (93, 94));
}

#[test]
fn older_pentabarf_with_events_straight_under_the_day_reads_each_events_room() {
    let opts = Options {
        tz: Some(chrono_tz::Europe::Brussels),
        ..Options::default()
    };
    let (format, c, _) = import("pentabarf-flat-fosdem2012.xml", &opts);
    assert_eq!(format, Format::FrabXml);
    assert_eq!(c.sessions().len(), 8);
    assert!(c.sessions().iter().all(|s| !s.room.is_empty()));
    assert_eq!(
        c.rooms,
        ["Janson"],
        "the first events of each day are in Janson"
    );
}

#[test]
fn relative_attachment_links_are_made_absolute_with_the_schedules_base_url() {
    let (_, c, _) = import("frab-camp2019.json", &Options::default());
    let slides: Vec<&str> = (c.sessions().iter())
        .flat_map(|s| &s.links)
        .filter(|l| l.url.contains("event_attachments"))
        .map(|l| l.url.as_str())
        .collect();
    assert!(!slides.is_empty());
    for url in slides {
        assert!(
            url.starts_with("https://fahrplan.events.ccc.de/system/"),
            "{url}"
        );
    }
}
