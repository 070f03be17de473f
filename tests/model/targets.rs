//! The export for each platform (issue 18): golden files per target and language, each parsed
//! back block by block, and the writer's own Markdown coming out as typed.

use std::collections::HashMap;

use chrono::Duration;
use kaigi::export::{Days, Lang, Notes, Options, Target, markdown};
use kaigi::model::outline::file::SessionMeta;
use kaigi::model::outline::{FollowUp, Kind, Outline};
use kaigi::model::schedule::Conference;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

const B: Kind = Kind::Bullet;
const P: Kind = Kind::Paragraph;

/// What an attendee typed during the keynote: their own Markdown, a lone URL, hostile text.
const KEYNOTE: &[(usize, &str, Kind, Option<FollowUp>)] = &[
    (0, "Platform Engineering が鍵", B, None),
    (
        1,
        "`kubectl` より **Backstage** で *セルフサービス*",
        B,
        None,
    ),
    (
        1,
        "[公式ドキュメント](https://backstage.io/docs) を読む",
        B,
        None,
    ),
    (0, "https://speakerdeck.com/example/keynote", B, None),
    (0, "# 見出しではない", B, None),
    (0, "<script>alert(1)</script> は書いたまま", B, None),
    (
        0,
        "感想: 来年も聞きたい。詳しくは https://example.com/blog/kumo を参照。",
        P,
        None,
    ),
    (0, "紹介された本を読む", B, Some(FollowUp::Open)),
];

const KINESIS: &[(usize, &str, Kind, Option<FollowUp>)] = &[
    (0, "資料", B, None),
    (1, "https://docs.example.com/kinesis", B, None),
    (0, "https://example.com/report", P, None),
];

struct Fixture {
    conference: Conference,
    outlines: HashMap<String, Outline>,
    meta: HashMap<String, SessionMeta>,
}

fn outline(spec: &[(usize, &str, Kind, Option<FollowUp>)], id: &str, c: &Conference) -> Outline {
    let start = c.session(id).unwrap().start;
    let mut o = Outline::new(start);
    let bullets = spec
        .iter()
        .enumerate()
        .map(|(i, &(depth, text, kind, follow_up))| {
            let mut b = o.new_bullet(depth, text.to_string(), start + Duration::minutes(i as i64));
            b.kind = kind;
            b.follow_up = follow_up;
            b
        })
        .collect();
    Outline::from_bullets(bullets, start)
}

fn fixture() -> Fixture {
    let conference = Conference::sample();
    let outlines = HashMap::from([
        (
            "d1-keynote".to_string(),
            outline(KEYNOTE, "d1-keynote", &conference),
        ),
        (
            "d1-1045-a".to_string(),
            outline(KINESIS, "d1-1045-a", &conference),
        ),
    ]);
    let meta = HashMap::from([
        (
            "d1-keynote".to_string(),
            SessionMeta {
                slides: Some(FollowUp::Open),
                links: Vec::new(),
            },
        ),
        (
            "d1-1045-a".to_string(),
            SessionMeta {
                slides: None,
                links: vec!["https://slides.example.com/kinesis".to_string()],
            },
        ),
    ]);
    Fixture {
        conference,
        outlines,
        meta,
    }
}

fn export(f: &Fixture, opts: &Options) -> String {
    let outlines: HashMap<String, &Outline> =
        f.outlines.iter().map(|(k, v)| (k.clone(), v)).collect();
    let notes = Notes {
        outlines: &outlines,
        meta: &f.meta,
    };
    markdown(&f.conference, &notes, opts)
}

fn opts(target: Target, lang: Lang) -> Options {
    Options {
        days: Days::One("2026-12-03".parse().unwrap()),
        target,
        lang,
        ..Options::default()
    }
}

fn golden(name: &str, md: &str) {
    insta::with_settings!({
        snapshot_path => "../golden",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, md);
    });
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Ja => "ja",
    }
}

#[test]
fn golden_files_for_each_target_and_language() {
    let f = fixture();
    for target in Target::ALL {
        for lang in [Lang::En, Lang::Ja] {
            let md = export(&f, &opts(target, lang));
            golden(&format!("post-{}-{}", target.name(), lang_name(lang)), &md);
        }
    }
}

#[test]
fn golden_files_with_a_title_and_contents() {
    let f = fixture();
    for target in Target::ALL {
        let md = export(
            &f,
            &Options {
                title: Some("Kumo Summit Tokyo 2026 参加レポート（1日目）".into()),
                tags: vec!["aws".into(), "イベントレポート".into()],
                toc: true,
                ..opts(target, Lang::Ja)
            },
        );
        golden(&format!("post-{}-titled", target.name()), &md);
    }
}

/// A block of the rendered post.
#[derive(Debug, PartialEq)]
enum Block {
    Heading(u8, String),
    Para(String),
    Item(usize, String),
}

/// The blocks of `md`, each with its inline markup spelled out: `code(…)`, `em(…)`,
/// `strong(…)`, `link(url|…)`.
fn blocks(md: &str) -> Vec<Block> {
    let options = pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Vec::new();
    let mut text = String::new();
    let mut depth = 0usize;
    let mut heading = None;
    let mut in_meta = false;
    for ev in Parser::new_ext(md, options) {
        match ev {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Start(Tag::List(_)) => {
                if depth > 0 && !text.is_empty() {
                    out.push(Block::Item(depth - 1, std::mem::take(&mut text)));
                }
                depth += 1;
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::End(TagEnd::Item) if !text.is_empty() => {
                out.push(Block::Item(depth - 1, std::mem::take(&mut text)));
            }
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level as u8),
            Event::End(TagEnd::Heading(_)) => {
                out.push(Block::Heading(
                    heading.take().unwrap(),
                    std::mem::take(&mut text),
                ));
            }
            Event::End(TagEnd::Paragraph) if depth == 0 => {
                out.push(Block::Para(std::mem::take(&mut text)));
            }
            Event::Text(t) if !in_meta => text.push_str(&t),
            Event::Code(t) => text.push_str(&format!("code({t})")),
            Event::Start(Tag::Emphasis) => text.push_str("em("),
            Event::Start(Tag::Strong) => text.push_str("strong("),
            Event::Start(Tag::Link { dest_url, .. }) => text.push_str(&format!("link({dest_url}|")),
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => text.push(')'),
            Event::TaskListMarker(done) => text.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the export: {h}\n{md}"),
            _ => {}
        }
    }
    out
}

#[test]
fn every_export_parses_back_to_the_notes_block_by_block() {
    let f = fixture();
    let c = &f.conference;
    let keynote = c.session("d1-keynote").unwrap();
    let kinesis = c.session("d1-1045-a").unwrap();
    for target in Target::ALL {
        let md = export(&f, &opts(target, Lang::Ja));
        let got = blocks(&md);
        let apart = target.title_apart();
        let day = if target == Target::Hatena { 3 } else { 2 };
        let session = if apart { day + 1 } else { 2 };
        let card = |url: &str| match target {
            Target::Hatena => Block::Para(format!("[{url}:embed:cite]")),
            Target::Zenn | Target::Qiita => Block::Para(url.to_string()),
            _ => unreachable!(),
        };
        let mut want = Vec::new();
        if apart {
            want.push(Block::Heading(day, "2026/12/03(木)".into()));
        } else {
            want.push(Block::Heading(
                1,
                "Kumo Summit Tokyo 2026 — 2026/12/03(木)".into(),
            ));
        }
        want.push(Block::Heading(session, keynote.title.clone()));
        want.push(Block::Para(format!(
            "09:30〜10:30 · Hall A · {}",
            keynote.speakers.join(", ")
        )));
        let page = keynote.url.clone().unwrap();
        want.push(if apart {
            card(&page)
        } else {
            Block::Para(format!("セッションページ: link({page}|{page})"))
        });
        want.push(Block::Para("（資料公開待ち）".into()));
        want.push(Block::Item(0, "Platform Engineering が鍵".into()));
        want.push(Block::Item(
            1,
            "code(kubectl) より strong(Backstage) で em(セルフサービス)".into(),
        ));
        want.push(Block::Item(
            1,
            "link(https://backstage.io/docs|公式ドキュメント) を読む".into(),
        ));
        let deck = "https://speakerdeck.com/example/keynote";
        if apart {
            want.push(card(deck));
        } else {
            want.push(Block::Item(0, format!("link({deck}|{deck})")));
        }
        want.push(Block::Item(0, "# 見出しではない".into()));
        want.push(Block::Item(
            0,
            "<script>alert(1)</script> は書いたまま".into(),
        ));
        let blog = "https://example.com/blog/kumo";
        want.push(Block::Para(format!(
            "感想: 来年も聞きたい。詳しくは link({blog}|{blog}) を参照。"
        )));
        want.push(Block::Item(0, "[ ] 紹介された本を読む".into()));
        want.push(Block::Heading(session, kinesis.title.clone()));
        want.push(Block::Para(format!(
            "10:45〜11:25 · Hall A · {}",
            kinesis.speakers.join(", ")
        )));
        let page = kinesis.url.clone().unwrap();
        let slides = "https://slides.example.com/kinesis";
        if apart {
            want.push(card(&page));
            want.push(card(slides));
        } else {
            want.push(Block::Para(format!(
                "セッションページ: link({page}|{page})"
            )));
            want.push(Block::Para(format!(
                "スライド・リンク: link({slides}|{slides})"
            )));
        }
        want.push(Block::Item(0, "資料".into()));
        // A nested lone URL stays a link in its list: the writer's nesting is kept.
        let docs = "https://docs.example.com/kinesis";
        want.push(Block::Item(1, format!("link({docs}|{docs})")));
        let report = "https://example.com/report";
        want.push(if apart {
            card(report)
        } else {
            Block::Para(format!("link({report}|{report})"))
        });
        want.push(Block::Heading(day, "フォローアップ".into()));
        want.push(Block::Item(
            0,
            format!("[ ] 資料公開待ち ({})", keynote.title),
        ));
        want.push(Block::Item(
            0,
            format!("[ ] 紹介された本を読む ({})", keynote.title),
        ));
        assert_eq!(got, want, "{}\n{md}", target.name());
    }
}

#[test]
fn where_the_title_is_apart_the_body_has_no_level_one_heading() {
    let f = fixture();
    for target in [Target::Hatena, Target::Zenn, Target::Qiita] {
        for title in [None, Some("参加レポート".to_string())] {
            let md = export(
                &f,
                &Options {
                    title: title.clone(),
                    ..opts(target, Lang::Ja)
                },
            );
            let h1 = Parser::new_ext(
                &md,
                pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
            )
            .filter(|e| {
                matches!(
                    e,
                    Event::Start(Tag::Heading {
                        level: HeadingLevel::H1,
                        ..
                    })
                )
            })
            .count();
            assert_eq!(h1, 0, "{}: {md}", target.name());
        }
    }
}

#[test]
fn front_matter_follows_each_platforms_tool() {
    let f = fixture();
    let titled = |target| {
        export(
            &f,
            &Options {
                title: Some("Kumo Summit \"1日目\"".into()),
                tags: vec!["aws".into()],
                ..opts(target, Lang::Ja)
            },
        )
    };
    let zenn = titled(Target::Zenn);
    assert!(
        zenn.starts_with(
            "---\ntitle: \"Kumo Summit \\\"1日目\\\"\"\nemoji: \"📝\"\ntype: \"idea\"\ntopics: [\"aws\"]\npublished: false\n---\n\n"
        ),
        "{zenn}"
    );
    let qiita = titled(Target::Qiita);
    assert!(
        qiita.starts_with(
            "---\ntitle: \"Kumo Summit \\\"1日目\\\"\"\ntags:\n  - \"aws\"\nprivate: true\n"
        ),
        "{qiita}"
    );
    let gfm = titled(Target::Gfm);
    assert!(gfm.starts_with("# Kumo Summit \"1日目\"\n\n"), "{gfm}");
}

/// Inline Markdown typed in a note comes out exactly as typed, on every target but literal.
#[test]
fn inline_markdown_typed_in_a_note_comes_out_as_typed() {
    let typed = [
        "`docker compose up` で起動",
        "**太字** と *斜体* と ~~取り消し~~",
        "[リンク](https://example.com/a \"題\") と <https://example.com/b>",
        "`<div>` はコードの中",
        "エスケープ済み \\* のまま",
        "![図](https://example.com/fig.png)",
    ];
    let c = Conference::sample();
    let id = "d1-1045-a";
    let spec: Vec<(usize, &str, Kind, Option<FollowUp>)> =
        typed.iter().map(|t| (0, *t, B, None)).collect();
    let f = Fixture {
        outlines: HashMap::from([(id.to_string(), outline(&spec, id, &c))]),
        meta: HashMap::new(),
        conference: c,
    };
    for target in Target::ALL {
        let md = export(&f, &opts(target, Lang::Ja));
        for t in typed {
            assert!(
                md.contains(&format!("\n- {t}\n")),
                "{}: {t}\n{md}",
                target.name()
            );
        }
        let literal = export(
            &f,
            &Options {
                literal: true,
                ..opts(target, Lang::Ja)
            },
        );
        assert!(
            literal.contains("- \\`docker compose up\\` で起動"),
            "{literal}"
        );
    }
}

/// `--literal` escapes what is typed; a URL is no Markdown, so cards stay.
#[test]
fn literal_keeps_the_cards() {
    let f = fixture();
    for target in [Target::Hatena, Target::Zenn, Target::Qiita] {
        let literal = export(
            &f,
            &Options {
                literal: true,
                ..opts(target, Lang::Ja)
            },
        );
        let card = target
            .card("https://speakerdeck.com/example/keynote")
            .unwrap();
        assert!(literal.contains(&format!("\n{card}\n")), "{literal}");
    }
}

#[test]
fn a_japanese_export_has_no_english_of_its_own() {
    let f = fixture();
    for target in Target::ALL {
        let md = export(&f, &opts(target, Lang::Ja));
        for english in [
            "Follow-ups",
            "Slides",
            "Session page",
            "not published",
            "Thursday",
            "December",
            "–",
        ] {
            assert!(!md.contains(english), "{}: {english}\n{md}", target.name());
        }
        assert!(md.contains("09:30〜10:30"), "{md}");
    }
}

#[test]
fn the_html_preview_draws_cards_and_keeps_the_writers_markup() {
    let f = fixture();
    let md = export(&f, &opts(Target::Hatena, Lang::Ja));
    let page = kaigi::export::html::page(&md, Target::Hatena, Lang::Ja, "Kumo Summit Tokyo 2026");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{page}"
    );
    assert!(
        page.contains("<div class=\"card\"><a href=\"https://speakerdeck.com/example/keynote\">"),
        "{page}"
    );
    assert!(page.contains("<code>kubectl</code>"), "{page}");
    assert!(page.contains("&lt;script&gt;"), "{page}");
    assert!(!page.contains("<script>"), "{page}");
    let zenn = export(
        &f,
        &Options {
            title: Some("参加レポート".into()),
            toc: true,
            ..opts(Target::Zenn, Lang::Ja)
        },
    );
    let page = kaigi::export::html::page(&zenn, Target::Zenn, Lang::Ja, "x");
    assert!(page.contains("<title>参加レポート</title>"), "{page}");
    assert!(!page.contains("emoji:"), "{page}");
    // The table of contents' links land on the headings' ids.
    let first = zenn.lines().find(|l| l.starts_with("- [")).unwrap();
    let anchor = first
        .split("](#")
        .nth(1)
        .unwrap()
        .strip_suffix(')')
        .unwrap();
    assert!(
        page.contains(&format!("id=\"{anchor}\"")),
        "{anchor}\n{page}"
    );
}
