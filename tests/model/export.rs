//! The Markdown export: parsed back with pulldown-cmark to prove that the nesting, the text and
//! the task states survive exactly, and compared with golden files through insta (which CI also runs
//! markdownlint over): `cargo insta review` accepts a change.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset};
use kaigi::export::{Days, Lang, Notes, Options, markdown};
use kaigi::model::outline::file::SessionMeta;
use kaigi::model::outline::{FollowUp, Kind, Outline};
use kaigi::model::schedule::Conference;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Bullets: (depth, text, kind, follow-up).
type Spec = [(usize, &'static str, Kind, Option<FollowUp>)];

const B: Kind = Kind::Bullet;
const P: Kind = Kind::Paragraph;

const KEYNOTE: &Spec = &[
    (0, "クラウドネイティブの次の 10 年", B, None),
    (1, "分散から「統合」へ", B, None),
    (2, "Platform Engineering が鍵", B, None),
    (3, "内部開発者ポータル (IDP) の事例", B, None),
    (0, "スライド公開待ち", B, Some(FollowUp::Open)),
    (
        0,
        "基調講演は毎年一番わかりやすい。来年も聞きたい。",
        P,
        None,
    ),
];

const KINESIS: &Spec = &[
    (0, "# not a heading", B, None),
    (0, "1. not a numbered list", B, None),
    (1, "- not a nested marker", B, None),
    (1, "+ plus and > quote", B, None),
    (2, "*not emphasis* _nor this_ `nor code`", B, None),
    (
        3,
        "[not a link](x) <b>no html</b> | a | b | & &amp; \\ back",
        B,
        None,
    ),
    (
        0,
        "limits: https://docs.example.com/kinesis?x=1&y=2 (see table)",
        B,
        None,
    ),
    (0, "read the book mentioned", B, Some(FollowUp::Done)),
    (
        0,
        "find the reference architecture",
        B,
        Some(FollowUp::Open),
    ),
];

const DAY_TWO: &Spec = &[(0, "SRE の話", B, None), (1, "SLO は 99.9%", B, None)];

fn outline(spec: &Spec, start: DateTime<FixedOffset>) -> Outline {
    let mut o = Outline::new(start);
    let bullets = spec
        .iter()
        .enumerate()
        .map(|(i, &(depth, text, kind, follow_up))| {
            let created = start + Duration::minutes(3 * i as i64 + 2);
            let mut b = o.new_bullet(depth, text.to_string(), created);
            b.kind = kind;
            b.follow_up = follow_up;
            b
        })
        .collect();
    Outline::from_bullets(bullets, start)
}

struct Fixture {
    conference: Conference,
    outlines: HashMap<String, Outline>,
    meta: HashMap<String, SessionMeta>,
}

fn fixture() -> Fixture {
    let conference = Conference::sample();
    let session = |id: &str| conference.session(id).unwrap().start;
    let outlines = HashMap::from([
        (
            "d1-keynote".to_string(),
            outline(KEYNOTE, session("d1-keynote")),
        ),
        (
            "d1-1045-a".to_string(),
            outline(KINESIS, session("d1-1045-a")),
        ),
        (
            "d2-keynote".to_string(),
            outline(DAY_TWO, session("d2-keynote")),
        ),
    ]);
    let meta = HashMap::from([(
        "d1-1045-a".to_string(),
        SessionMeta {
            slides: None,
            links: vec!["https://slides.example/kinesis".to_string()],
        },
    )]);
    Fixture {
        conference,
        outlines,
        meta,
    }
}

fn export(f: &Fixture, days: Days, timestamps: bool, lang: Lang) -> String {
    let outlines: HashMap<String, &Outline> =
        f.outlines.iter().map(|(k, v)| (k.clone(), v)).collect();
    let notes = Notes {
        outlines: &outlines,
        meta: &f.meta,
    };
    let opts = Options {
        days,
        session: None,
        followups_section: true,
        timestamps,
        lang,
        // The exporter's golden files from before the targets: CommonMark, everything escaped.
        target: kaigi::export::Target::CommonMark,
        literal: true,
        ..Options::default()
    };
    markdown(&f.conference, &notes, &opts)
}

fn day_one() -> Days {
    Days::One("2026-12-03".parse().unwrap())
}

/// What a reader of the rendered page sees, block by block.
#[derive(Debug, PartialEq)]
enum Block {
    Heading(u8, String),
    Para(String),
    /// depth, task state, text
    Item(usize, Option<bool>, String),
}

fn blocks(md: &str) -> Vec<Block> {
    let parser = Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TASKLISTS);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut text = String::new();
    let mut task = None;
    let mut heading = None;
    let mut in_item = false;
    let flush_item =
        |out: &mut Vec<Block>, text: &mut String, task: &mut Option<bool>, depth: usize| {
            if !text.is_empty() || task.is_some() {
                out.push(Block::Item(depth - 1, task.take(), std::mem::take(text)));
            }
        };
    for ev in parser {
        match ev {
            Event::Start(Tag::List(_)) => {
                if in_item {
                    flush_item(&mut out, &mut text, &mut task, depth);
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Item) => in_item = true,
            Event::End(TagEnd::Item) => {
                flush_item(&mut out, &mut text, &mut task, depth);
                in_item = depth > 1;
            }
            Event::TaskListMarker(done) => task = Some(done),
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                let level = match heading.take() {
                    Some(HeadingLevel::H1) => 1,
                    Some(HeadingLevel::H2) => 2,
                    _ => 3,
                };
                out.push(Block::Heading(level, std::mem::take(&mut text)));
            }
            Event::End(TagEnd::Paragraph) if depth == 0 && heading.is_none() => {
                out.push(Block::Para(std::mem::take(&mut text)));
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::HtmlBlock)
            | Event::Html(_)
            | Event::InlineHtml(_) => {
                panic!("markup appeared in the export: {ev:?}\n{md}")
            }
            _ => {}
        }
    }
    out
}

fn expected_items(spec: &Spec) -> Vec<Block> {
    spec.iter()
        .map(|&(depth, text, kind, f)| match kind {
            Kind::Paragraph => Block::Para(text.to_string()),
            Kind::Bullet => Block::Item(depth, f.map(|f| f == FollowUp::Done), text.to_string()),
        })
        .collect()
}

#[test]
fn the_export_parses_back_to_the_same_outline() {
    let f = fixture();
    let md = export(&f, day_one(), false, Lang::En);
    let got = blocks(&md);
    let c = &f.conference;
    let mut want = vec![Block::Heading(
        1,
        "Kumo Summit Tokyo 2026 — Thursday, 3 December 2026".into(),
    )];
    let keynote = c.session("d1-keynote").unwrap();
    want.push(Block::Heading(2, keynote.title.clone()));
    want.push(Block::Para(format!(
        "09:30–10:30 · Hall A · {}",
        keynote.speakers.join(", ")
    )));
    want.push(Block::Para(format!(
        "Session page: {}",
        keynote.url.as_deref().unwrap()
    )));
    want.extend(expected_items(KEYNOTE));
    let kinesis = c.session("d1-1045-a").unwrap();
    want.push(Block::Heading(2, kinesis.title.clone()));
    want.push(Block::Para(format!(
        "10:45–11:25 · Hall A · {}",
        kinesis.speakers.join(", ")
    )));
    want.push(Block::Para(format!(
        "Session page: {}",
        kinesis.url.as_deref().unwrap()
    )));
    want.push(Block::Para(
        "Slides and links: https://slides.example/kinesis".into(),
    ));
    want.extend(expected_items(KINESIS));
    want.push(Block::Heading(2, "Follow-ups".into()));
    want.push(Block::Item(
        0,
        Some(false),
        format!("スライド公開待ち ({})", keynote.title),
    ));
    want.push(Block::Item(
        0,
        Some(false),
        format!("find the reference architecture ({})", kinesis.title),
    ));
    assert_eq!(got, want, "\n{md}");
    assert_eq!(
        md.matches("\n# ").count() + usize::from(md.starts_with("# ")),
        1
    );
}

#[test]
fn every_day_nests_one_level_deeper_under_one_title() {
    let f = fixture();
    let md = export(&f, Days::All, false, Lang::En);
    let headings: Vec<Block> = blocks(&md)
        .into_iter()
        .filter(|b| matches!(b, Block::Heading(..)))
        .collect();
    let c = &f.conference;
    assert_eq!(
        headings,
        [
            Block::Heading(1, "Kumo Summit Tokyo 2026".into()),
            Block::Heading(2, "Thursday, 3 December 2026".into()),
            Block::Heading(3, c.session("d1-keynote").unwrap().title.clone()),
            Block::Heading(3, c.session("d1-1045-a").unwrap().title.clone()),
            Block::Heading(2, "Friday, 4 December 2026".into()),
            Block::Heading(3, c.session("d2-keynote").unwrap().title.clone()),
            Block::Heading(2, "Follow-ups".into()),
        ]
    );
}

#[test]
fn japanese_dates_and_timestamps() {
    let f = fixture();
    let md = export(&f, day_one(), true, Lang::Ja);
    assert!(
        md.starts_with("# Kumo Summit Tokyo 2026 — 2026/12/03(木)\n"),
        "{md}"
    );
    assert!(
        md.contains("- +2分 クラウドネイティブの次の 10 年\n"),
        "{md}"
    );
    assert!(md.contains("## フォローアップ"), "{md}");
}

#[test]
fn a_day_without_notes_has_only_its_title() {
    let f = fixture();
    let outlines = HashMap::new();
    let meta = HashMap::new();
    let notes = Notes {
        outlines: &outlines,
        meta: &meta,
    };
    let opts = Options {
        days: day_one(),
        session: None,
        followups_section: true,
        timestamps: false,
        lang: Lang::En,
        target: kaigi::export::Target::CommonMark,
        literal: true,
        ..Options::default()
    };
    assert_eq!(
        markdown(&f.conference, &notes, &opts),
        "# Kumo Summit Tokyo 2026 — Thursday, 3 December 2026\n"
    );
}

/// Compares an export with its golden file, `tests/golden/<name>.snap`: Markdown after a front
/// matter that insta writes (and markdownlint skips). `cargo insta review` accepts a change.
fn golden(name: &str, md: &str) {
    insta::with_settings!({
        snapshot_path => "../golden",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, md);
    });
}

#[test]
fn golden_default() {
    golden(
        "export-default",
        &export(&fixture(), day_one(), false, Lang::En),
    );
}

#[test]
fn golden_timestamps() {
    golden(
        "export-timestamps",
        &export(&fixture(), day_one(), true, Lang::En),
    );
}

#[test]
fn golden_japanese_all_days() {
    golden("export-ja", &export(&fixture(), Days::All, false, Lang::Ja));
}

/// Issue 14.6: Ctrl-P on a nested bullet makes prose under the bullet above; the export keeps it
/// a paragraph inside that item, not a list item of its own.
#[test]
fn a_nested_paragraph_stays_a_paragraph_inside_its_item() {
    let conference = Conference::sample();
    let s = conference.session("d1-1045-a").unwrap();
    const NESTED: &Spec = &[
        (0, "Kinesis", B, None),
        (1, "シャード", B, None),
        (2, "感想: 運用の話が具体的だった。", P, None),
        (2, "上限は 1MB/秒", B, None),
        (0, "まとめ", B, None),
    ];
    let md = one_session(&conference, &outline(NESTED, s.start), false, Lang::Ja);
    // Where the paragraph's text stands: how many lists and items enclose it.
    let mut lists = 0;
    let mut items = 0;
    let mut paragraph_at = None;
    let mut in_para = false;
    for ev in Parser::new(&md) {
        match ev {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists -= 1,
            Event::Start(Tag::Item) => items += 1,
            Event::End(TagEnd::Item) => items -= 1,
            Event::Start(Tag::Paragraph) => in_para = true,
            Event::End(TagEnd::Paragraph) => in_para = false,
            Event::Text(t) if t.contains("運用の話") => {
                paragraph_at = Some((lists, items, in_para))
            }
            _ => {}
        }
    }
    assert_eq!(
        paragraph_at,
        Some((2, 2, true)),
        "inside the シャード item:\n{md}"
    );
    assert!(
        md.contains("\n    感想: 運用の話が具体的だった。\n"),
        "{md}"
    );
    assert!(md.contains("10:45〜11:25"), "{md}");
    assert!(!md.contains("\n\n\n"), "{md}");
}

/// Issue 14.5: with `--lang ja` nothing English is left, the slides follow-up included.
#[test]
fn japanese_export_writes_the_slides_follow_up_in_japanese() {
    let mut f = fixture();
    f.meta.insert(
        "d1-keynote".into(),
        SessionMeta {
            slides: Some(FollowUp::Open),
            links: Vec::new(),
        },
    );
    let md = export(&f, day_one(), false, Lang::Ja);
    assert!(md.contains("- [ ] 資料公開待ち ("), "{md}");
    assert!(!md.contains("Slides not published"), "{md}");
    let en = export(&f, day_one(), false, Lang::En);
    assert!(en.contains("- [ ] Slides not published yet ("), "{en}");
}

/// 14.8: `--timestamps` gives the minute into the talk only around it: a bullet written the
/// evening after gets none (it used to read "-4319m" or "+542m").
#[test]
fn timestamps_only_around_the_talk() {
    let conference = Conference::sample();
    let s = conference.session("d1-1045-a").unwrap();
    let mut o = Outline::new(s.start);
    let mut b = |text: &str, minutes: i64| {
        o.new_bullet(0, text.into(), s.start + Duration::minutes(minutes))
    };
    let bullets = vec![
        b("just before", -3),
        b("during", 12),
        b("in the Q&A after", 45),
        b("that evening", 540),
        b("days before", -4319),
    ];
    let outline = Outline::from_bullets(bullets, s.start);
    let md = one_session(&conference, &outline, true, Lang::En);
    for line in [
        "- -3m just before",
        "- +12m during",
        "- +45m in the Q&A after",
        "- that evening",
        "- days before",
    ] {
        assert!(md.contains(&format!("{line}\n")), "{line}\n{md}");
    }
}

/// The first day's export with `outline` as the notes of d1-1045-a and nothing else.
fn one_session(conference: &Conference, outline: &Outline, timestamps: bool, lang: Lang) -> String {
    let outlines = HashMap::from([("d1-1045-a".to_string(), outline)]);
    let meta = HashMap::new();
    let notes = Notes {
        outlines: &outlines,
        meta: &meta,
    };
    let opts = Options {
        days: day_one(),
        session: None,
        followups_section: false,
        timestamps,
        lang,
        target: kaigi::export::Target::CommonMark,
        literal: true,
        ..Options::default()
    };
    markdown(conference, &notes, &opts)
}
