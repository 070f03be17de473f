//! Timetables from spreadsheets (CSV, TSV) with English or Japanese headers, as an organiser
//! or an attendee would keep them.

use kaigi::import::{Format, Options, parse};
use kaigi::model::schedule::Conference;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/table");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

fn tokyo() -> Options {
    Options {
        tz: Some(chrono_tz::Asia::Tokyo),
        name: Some("AWS Summit Tokyo 2017".into()),
        ..Options::default()
    }
}

fn rows(c: &Conference) -> Vec<String> {
    c.sessions()
        .iter()
        .map(|s| {
            format!(
                "{}–{} {} {} | {} | {} | {} | {}",
                c.local(&s.start).format("%m/%d %H:%M"),
                c.local(&s.end).format("%H:%M"),
                s.room,
                s.title,
                s.speakers.join(" + "),
                s.track.as_deref().unwrap_or(""),
                s.url.as_deref().unwrap_or(""),
                s.id.starts_with("tbl-"),
            )
        })
        .collect()
}

#[test]
fn a_japanese_sheet_reads_every_column_and_carries_dates_down() {
    let imported = parse(&fixture("aws-summit-ja.csv"), &tokyo()).unwrap();
    assert_eq!(imported.format, Format::Table);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(imported.schedule.rooms, ["ホールA", "Room B", "Room C"]);
    let c = Conference::from_file(imported.schedule).unwrap();
    assert_eq!(
        rows(&c),
        [
            "05/31 10:00–11:30 ホールA 基調講演 | Werner Vogels + 長崎 忠雄 | Keynote | https://example.com/keynote | true",
            "05/31 13:00–13:40 Room B サーバーレスで作るリアルタイム分析 | 山田 太郎 | Serverless |  | true",
            "05/31 13:00–13:40 Room C Amazon Aurora 深掘り, パート 1 | 佐藤 花子 | Database |  | true",
            "05/31 14:00–14:40 Room B コンテナ運用の勘所 |  | Containers |  | true",
            "06/01 10:00–10:40 ホールA 2 日目の基調講演 | Andy Jassy | Keynote |  | true",
        ]
    );
}

#[test]
fn a_tab_separated_sheet_with_english_headers_and_lengths() {
    let imported = parse(&fixture("en.tsv"), &tokyo()).unwrap();
    let c = Conference::from_file(imported.schedule).unwrap();
    assert_eq!(
        rows(&c),
        [
            "06/01 13:00–14:00 Hall B Lightning talks | A + B + C |  |  | true",
            "06/01 17:30–18:00 Hall B Closing |  |  |  | true",
        ]
    );
}

#[test]
fn a_bad_cell_is_named_by_line_and_column() {
    let e = parse(&fixture("malformed.csv"), &tokyo()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 3, column 3 (開始): not a time: \"25時\" (write 13:00)"
    );
    for (sheet, want) in [
        (
            "タイトル,開始\n基調講演,10:00\n",
            "line 2, column 2 (開始): no date",
        ),
        (
            "タイトル,日付,開始\n基調講演,6/1,10:00\n",
            "line 2, column 3 (開始): the first date needs a year",
        ),
        (
            "タイトル,日付,開始\n,2017-06-01,10:00\n",
            "line 2, column 1 (タイトル): a session needs a title",
        ),
        (
            "タイトル,日付,開始,終了\nx,2017-06-01,10:00,9:00\n",
            "line 2, column 4 (終了): it ends before it starts",
        ),
        (
            "タイトル,日付,開始\n",
            "line 2: the sheet has a header but no sessions",
        ),
        (
            "title,date,start,room\na,2017-06-01,10:00,A\nb,2017-06-01,10:00,A\n",
            "line 3, column 3 (start): a second session",
        ),
    ] {
        let e = parse(sheet, &tokyo()).unwrap_err().to_string();
        assert!(e.starts_with(want), "{sheet:?}: {e}");
    }
    let no_tz = Options {
        tz: None,
        ..tokyo()
    };
    let e = parse(&fixture("en.tsv"), &no_tz).unwrap_err().to_string();
    assert!(e.contains("pass --tz"), "{e}");
}

#[test]
fn a_date_without_a_year_takes_the_conferences() {
    let opts = Options {
        near: "2017-05-30".parse().ok(),
        ..tokyo()
    };
    let imported = parse("タイトル,日付,開始\n基調講演,6/1,10:00\n", &opts).unwrap();
    let s = &imported.schedule.sessions[0];
    assert_eq!(s.start.to_rfc3339(), "2017-06-01T10:00:00+09:00");
    assert!(imported.warnings[0].contains("40 minutes assumed"));
}

#[test]
fn a_csv_that_is_no_timetable_is_not_taken_for_one() {
    for text in ["name,email\na,b@example.com\n", "hello, world\n", "a\tb\n"] {
        assert!(kaigi::import::detect(text).is_none(), "{text:?}");
    }
}

#[test]
fn the_same_row_imported_again_is_the_same_session() {
    let a = parse(&fixture("aws-summit-ja.csv"), &tokyo())
        .unwrap()
        .schedule;
    let edited = fixture("aws-summit-ja.csv").replace(",基調講演,", ",基調講演 (更新),");
    let b = parse(&edited, &tokyo()).unwrap().schedule;
    let (merged, changes) = kaigi::import::reimport::merge(Some(&a), b, |_| false);
    assert_eq!(changes.added, Vec::<String>::new());
    assert_eq!(changes.retitled.len(), 1);
    assert_eq!(merged.sessions.len(), 5);
    // An id column wins over date, start and room: a moved row is the same session.
    let with_id = "id,title,date,start,room\n7,Talk,2017-06-01,10:00,A\n";
    let moved = "id,title,date,start,room\n7,Talk,2017-06-01,11:00,B\n";
    let a = parse(with_id, &tokyo()).unwrap().schedule;
    let b = parse(moved, &tokyo()).unwrap().schedule;
    let (_, changes) = kaigi::import::reimport::merge(Some(&a), b, |_| false);
    assert_eq!((changes.added.len(), changes.moved.len()), (0, 1));
}

#[test]
fn an_unclosed_quote_and_a_day_outside_the_conference_are_named() {
    let sheet =
        "日付,開始,会場,タイトル,登壇者\n2017-05-31,17:00,\"unterminated,Room B,引用符,誰か\n";
    let e = parse(sheet, &tokyo()).unwrap_err().to_string();
    assert_eq!(
        e,
        "line 2, column 3 (会場): a quote (\") opened in this cell is never closed"
    );
    let opts = Options {
        within: Some(kaigi::model::schedule::Dates {
            from: "2017-05-30".parse().unwrap(),
            to: "2017-06-02".parse().unwrap(),
        }),
        ..tokyo()
    };
    let e = parse("タイトル,日付,開始\nx,2017-07-10,10:00\n", &opts)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "line 2, column 2 (日付): 2017-07-10 is not a day of this conference (2017-05-30 – 2017-06-02)"
    );
}

#[test]
fn a_file_that_is_no_schedule_says_what_it_looks_like() {
    for (text, like) in [
        (
            "<!DOCTYPE html><html><body>x</body></html>",
            "a web page (HTML)",
        ),
        (
            "<?xml version=\"1.0\"?><root><schedule/></root>",
            "XML whose root element is <root>",
        ),
        (
            "{\"name\": \"x\", \"users\": []}",
            "JSON with the keys name, users",
        ),
        ("hello, world\n", "text starting \"hello, world\""),
        ("", "an empty file"),
    ] {
        let e = parse(text, &tokyo()).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!(
                "not a schedule kaigi can read: it looks like {like}"
            )),
            "{e}"
        );
    }
}
