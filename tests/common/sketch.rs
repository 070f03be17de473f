//! Outlines written as sketches, for tests that compare an outline before and after: one
//! bullet per line.
//!
//! - two spaces of indentation per level of depth;
//! - exactly one `|` in the whole sketch marks the cursor (line and byte offset);
//! - after the indentation, `[ ] ` marks an open follow-up, `[x] ` a done one, and `¶ ` a
//!   paragraph (in that order when both appear: `[ ] ¶ text`);
//! - a trailing ` +` marks a collapsed bullet.
//!
//! Bullet text in sketches never contains `|` or ends in ` +` itself.

use chrono::{DateTime, FixedOffset, TimeZone};
use kaigi::model::outline::edit::Cursor;
use kaigi::model::outline::editor::Editor;
use kaigi::model::outline::{FollowUp, Kind, Outline};

/// The instant every sketched bullet was written at.
pub fn t() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(9 * 3600)
        .unwrap()
        .with_ymd_and_hms(2025, 4, 16, 10, 0, 0)
        .unwrap()
}

/// Parses a sketch into an editor (see the module docs for the format).
pub fn ed(sketch: &str) -> Editor {
    let mut o = Outline::new(t());
    let mut bullets = Vec::new();
    let mut cursor = None;
    for (line, raw) in sketch.split('\n').enumerate() {
        let body = raw.trim_start_matches(' ');
        let depth = (raw.len() - body.len()) / 2;
        let (follow_up, body) = if let Some(rest) = body.strip_prefix("[ ] ") {
            (Some(FollowUp::Open), rest)
        } else if let Some(rest) = body.strip_prefix("[x] ") {
            (Some(FollowUp::Done), rest)
        } else {
            (None, body)
        };
        let (kind, body) = match body.strip_prefix("¶ ") {
            Some(rest) => (Kind::Paragraph, rest),
            None => (Kind::Bullet, body),
        };
        let (collapsed, body) = match body.strip_suffix(" +") {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let text = match body.find('|') {
            Some(byte) => {
                assert!(cursor.is_none(), "two cursors in {sketch:?}");
                cursor = Some(Cursor { line, byte });
                body.replacen('|', "", 1)
            }
            None => body.to_string(),
        };
        let mut b = o.new_bullet(depth, text, t());
        b.follow_up = follow_up;
        b.kind = kind;
        b.collapsed = collapsed;
        bullets.push(b);
    }
    let o = Outline::from_bullets(bullets, t());
    assert!(o.is_well_formed(), "bad sketch {sketch:?}");
    let mut e = Editor::new(o);
    e.cursor = cursor.unwrap_or_else(|| panic!("no cursor in {sketch:?}"));
    e
}

/// The editor as a sketch, with the cursor.
pub fn show(e: &Editor) -> String {
    decorate(e, e.outline.sketch(Some((e.cursor.line, e.cursor.byte))))
}

/// The document as a sketch, without the cursor.
pub fn doc(e: &Editor) -> String {
    decorate(e, e.outline.sketch(None))
}

fn decorate(e: &Editor, sketch: String) -> String {
    let lines: Vec<String> = sketch
        .lines()
        .zip(e.outline.bullets())
        .map(|(l, b)| {
            let body = l.trim_start_matches(' ');
            let mut out = l[..l.len() - body.len()].to_string();
            match b.follow_up {
                Some(FollowUp::Open) => out.push_str("[ ] "),
                Some(FollowUp::Done) => out.push_str("[x] "),
                None => {}
            }
            if b.kind == Kind::Paragraph {
                out.push_str("¶ ");
            }
            out.push_str(body);
            if b.collapsed {
                out.push_str(" +");
            }
            out
        })
        .collect();
    lines.join("\n")
}
