//! The on-disk form of a session's notes: a versioned JSON document holding the bullets as a
//! nested tree, readable by people and other tools. Converting to and from the in-memory list,
//! and migrating documents written by older versions, happens here; reading and writing the file
//! happens in `storage`. Field names never change, so older and newer kaigis can read each
//! other's files as far as they understand them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Bullet, FollowUp, Kind, Outline};
use crate::text::clean;

/// Version of the notes JSON this build writes, and the newest it understands.
///
/// - 1: bullets only (some version-1 files already carry `slides_pending` and `links`).
/// - 2: `slides_pending` and `links` are part of the format.
pub const NOTES_VERSION: u32 = 2;

/// Why a notes document could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// Written by a newer kaigi: keep it as it is and do not write over it.
    #[error("notes version {0} is newer than this kaigi understands ({NOTES_VERSION})")]
    TooNew(u64),
    #[error("not a kaigi notes file: {0}")]
    Json(#[from] serde_json::Error),
}

/// A session's notes file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotesFile {
    pub version: u32,
    pub conference: String,
    pub session: String,
    #[serde(deserialize_with = "crate::model::instant::deserialize")]
    pub saved_at: DateTime<FixedOffset>,
    /// The slides are not published yet: a follow-up on the session itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub slides_pending: bool,
    /// That follow-up is done (the slides came out): kept so that it can be opened again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub slides_done: bool,
    /// Slides, video and other links for the session.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    pub bullets: Vec<Node>,
    /// In the file kept when a session made in kaigi was deleted: the session itself, so that
    /// restoring the notes brings it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_session: Option<Box<crate::model::schedule::Session>>,
}

/// What is noted about a session as a whole rather than in its bullets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionMeta {
    /// The "slides not published yet" follow-up on the session itself: open while waiting,
    /// done once they are out.
    pub slides: Option<FollowUp>,
    pub links: Vec<String>,
}

impl SessionMeta {
    pub fn is_empty(&self) -> bool {
        self.slides.is_none() && self.links.is_empty()
    }

    /// Whether the slides are still awaited.
    pub fn slides_pending(&self) -> bool {
        self.slides == Some(FollowUp::Open)
    }
}

/// A bullet with its children, as written to disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: u64,
    pub text: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
    #[serde(deserialize_with = "crate::model::instant::deserialize")]
    pub created: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub collapsed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// A session's notes as they stood when a save was asked for. Taking one costs no copying (the
/// outline's bullets are shared until the next edit); the saver thread turns it into a
/// [`NotesFile`], so typing never waits for 10,000 bullets to be copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub conference: String,
    pub session: String,
    pub outline: Outline,
    pub meta: SessionMeta,
    pub saved_at: DateTime<FixedOffset>,
}

impl Snapshot {
    /// The file form of these notes; lets go of the shared outline, so the next edit on the input
    /// thread needs no copy of it.
    pub fn into_file(self) -> NotesFile {
        NotesFile::new(
            &self.conference,
            &self.session,
            &self.outline,
            &self.meta,
            self.saved_at,
        )
    }
}

/// Written exactly as its [`Snapshot::into_file`] would be, straight from the outline's list: no
/// tree of nodes is built (for 10,000 bullets it was 1.6 MB, held while saving).
impl Serialize for Snapshot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let slides = self.meta.slides;
        let mut file = s.serialize_struct("NotesFile", 9)?;
        file.serialize_field("version", &NOTES_VERSION)?;
        file.serialize_field("conference", &self.conference)?;
        file.serialize_field("session", &self.session)?;
        file.serialize_field("saved_at", &Rfc3339(&self.saved_at))?;
        if slides == Some(FollowUp::Open) {
            file.serialize_field("slides_pending", &true)?;
        }
        if slides == Some(FollowUp::Done) {
            file.serialize_field("slides_done", &true)?;
        }
        if !self.meta.links.is_empty() {
            file.serialize_field("links", &self.meta.links)?;
        }
        file.serialize_field("bullets", &Level(self.outline.bullets()))?;
        file.end()
    }
}

/// Bullets of one level with their descendants, in pre-order: the first one's depth is the
/// level's, and each of them is followed by its descendants (deeper ones), as in an [`Outline`].
struct Level<'a>(&'a [Bullet]);

impl Serialize for Level<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        let mut rest = self.0;
        while let Some((first, after)) = rest.split_first() {
            let end = (after.iter())
                .position(|b| b.depth <= first.depth)
                .unwrap_or(after.len());
            seq.serialize_element(&NodeOf(first, &after[..end]))?;
            rest = &after[end..];
        }
        seq.end()
    }
}

/// An instant written as chrono writes it (RFC 3339, fractions of a second as needed), without
/// going through `Display`: formatting each bullet's time that way was a third of a save.
struct Rfc3339<'a>(&'a DateTime<FixedOffset>);

impl Serialize for Rfc3339<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 40];
        match rfc3339(self.0, &mut buf) {
            Some(n) => s.serialize_str(std::str::from_utf8(&buf[..n]).expect("ASCII")),
            None => self.0.serialize(s),
        }
    }
}

/// Writes `t` into `out` as chrono's serde does; `None` for what this does not cover (years
/// outside 0–9999, leap seconds, offsets with seconds), which chrono then writes.
fn rfc3339(t: &DateTime<FixedOffset>, out: &mut [u8; 40]) -> Option<usize> {
    use chrono::{Datelike, Timelike};
    let offset = t.offset().local_minus_utc();
    let local = t.naive_local();
    let nano = local.nanosecond();
    if offset % 60 != 0 || !(0..=9999).contains(&local.year()) || nano >= 1_000_000_000 {
        return None;
    }
    let mut w = Digits { out, n: 0 };
    w.num(local.year() as u32, 4);
    w.byte(b'-');
    w.num(local.month(), 2);
    w.byte(b'-');
    w.num(local.day(), 2);
    w.byte(b'T');
    w.num(local.hour(), 2);
    w.byte(b':');
    w.num(local.minute(), 2);
    w.byte(b':');
    w.num(local.second(), 2);
    let (fraction, width) = match nano {
        0 => (0, 0),
        _ if nano.is_multiple_of(1_000_000) => (nano / 1_000_000, 3),
        _ if nano.is_multiple_of(1_000) => (nano / 1_000, 6),
        _ => (nano, 9),
    };
    if width > 0 {
        w.byte(b'.');
        w.num(fraction, width);
    }
    if offset == 0 {
        w.byte(b'Z');
        return Some(w.n);
    }
    w.byte(if offset < 0 { b'-' } else { b'+' });
    let minutes = offset.unsigned_abs() / 60;
    w.num(minutes / 60, 2);
    w.byte(b':');
    w.num(minutes % 60, 2);
    let n = w.n;
    Some(n)
}

/// Fixed-width decimal digits into a buffer.
struct Digits<'a> {
    out: &'a mut [u8; 40],
    n: usize,
}

impl Digits<'_> {
    fn byte(&mut self, b: u8) {
        self.out[self.n] = b;
        self.n += 1;
    }

    fn num(&mut self, value: u32, width: u32) {
        for i in (0..width).rev() {
            self.byte(b'0' + (value / 10u32.pow(i) % 10) as u8);
        }
    }
}

/// A bullet as a [`Node`], with its descendants.
struct NodeOf<'a>(&'a Bullet, &'a [Bullet]);

impl Serialize for NodeOf<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let NodeOf(b, children) = *self;
        let mut node = s.serialize_struct("Node", 7)?;
        node.serialize_field("id", &b.id)?;
        node.serialize_field("text", &b.text)?;
        if !is_default(&b.kind) {
            node.serialize_field("kind", &b.kind)?;
        }
        if let Some(f) = &b.follow_up {
            node.serialize_field("follow_up", f)?;
        }
        node.serialize_field("created", &Rfc3339(&b.created))?;
        if b.collapsed {
            node.serialize_field("collapsed", &true)?;
        }
        if !children.is_empty() {
            node.serialize_field("children", &Level(children))?;
        }
        node.end()
    }
}

impl NotesFile {
    /// The file form of `outline`.
    pub fn new(
        conference: &str,
        session: &str,
        outline: &Outline,
        meta: &SessionMeta,
        saved_at: DateTime<FixedOffset>,
    ) -> Self {
        NotesFile {
            version: NOTES_VERSION,
            conference: conference.to_string(),
            session: session.to_string(),
            saved_at,
            slides_pending: meta.slides == Some(FollowUp::Open),
            slides_done: meta.slides == Some(FollowUp::Done),
            links: meta.links.clone(),
            bullets: nest(outline.bullets()),
            deleted_session: None,
        }
    }

    /// A notes document of this version or an older one, migrated to this version.
    pub fn from_value(mut value: serde_json::Value) -> Result<Self, FormatError> {
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version > u64::from(NOTES_VERSION) {
            return Err(FormatError::TooNew(version));
        }
        if let Some(doc) = value.as_object_mut() {
            for step in version.max(1)..u64::from(NOTES_VERSION) {
                migrate(step, doc);
            }
        }
        Ok(serde_json::from_value(value)?)
    }

    /// The session-level notes this file holds, links cleaned of control characters.
    pub fn meta(&self) -> SessionMeta {
        SessionMeta {
            slides: if self.slides_pending {
                Some(FollowUp::Open)
            } else if self.slides_done {
                Some(FollowUp::Done)
            } else {
                None
            },
            links: self.links.iter().map(|l| clean(l).into_owned()).collect(),
        }
    }

    /// [`NotesFile::outline`], taking the bullets' text rather than copying it (reading a
    /// 10,000-bullet session allocated every text twice).
    pub fn into_outline(self, now: DateTime<FixedOffset>) -> Outline {
        let mut flat = Vec::with_capacity(count(&self.bullets));
        let mut stack = vec![(0, self.bullets.into_iter())];
        while let Some((depth, iter)) = stack.last_mut() {
            let depth = *depth;
            let Some(node) = iter.next() else {
                stack.pop();
                continue;
            };
            let cleaned = match clean(&node.text) {
                std::borrow::Cow::Owned(text) => Some(text),
                std::borrow::Cow::Borrowed(_) => None,
            };
            flat.push(Bullet {
                id: node.id,
                depth,
                text: cleaned.unwrap_or(node.text).into(),
                kind: node.kind,
                follow_up: node.follow_up,
                created: node.created,
                collapsed: node.collapsed,
            });
            if !node.children.is_empty() {
                stack.push((depth + 1, node.children.into_iter()));
            }
        }
        Outline::from_bullets(flat, now)
    }

    /// The outline this file holds, with text cleaned of control characters (a copy: see
    /// [`NotesFile::into_outline`]).
    pub fn outline(&self, now: DateTime<FixedOffset>) -> Outline {
        self.clone().into_outline(now)
    }
}

/// How many nodes `nodes` holds, at every depth.
fn count(nodes: &[Node]) -> usize {
    nodes.iter().map(|n| 1 + count(&n.children)).sum()
}

/// Turns a version-`from` document into a version-`from + 1` one.
fn migrate(from: u64, doc: &mut serde_json::Map<String, serde_json::Value>) {
    if from == 1 {
        doc.entry("slides_pending").or_insert(false.into());
        doc.entry("links")
            .or_insert(serde_json::Value::Array(Vec::new()));
    }
    doc.insert("version".into(), (from + 1).into());
}

/// Turns the pre-order list into a tree without recursion.
fn nest(bullets: &[Bullet]) -> Vec<Node> {
    let mut stack: Vec<Vec<Node>> = vec![Vec::new()];
    let close = |stack: &mut Vec<Vec<Node>>| {
        let children = stack.pop().expect("a level is open");
        let parent = stack.last_mut().and_then(|l| l.last_mut());
        parent.expect("a parent is open").children = children;
    };
    for b in bullets {
        while stack.len() > b.depth + 1 {
            close(&mut stack);
        }
        while stack.len() < b.depth + 1 {
            stack.push(Vec::new());
        }
        stack.last_mut().expect("a level is open").push(Node {
            id: b.id,
            text: b.text.to_string(),
            kind: b.kind,
            follow_up: b.follow_up,
            created: b.created,
            collapsed: b.collapsed,
            children: Vec::new(),
        });
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::outline::testing::{outline, t};

    #[test]
    fn a_snapshot_keeps_the_notes_as_they_were_when_taken() {
        let mut editor = crate::model::outline::editor::Editor::new(outline(&[(0, "Kinesis")]));
        editor.cursor.byte = "Kinesis".len();
        let snapshot = Snapshot {
            conference: "c".into(),
            session: "s".into(),
            outline: editor.outline.clone(),
            meta: SessionMeta::default(),
            saved_at: t(),
        };
        editor.insert(" のシャード");
        assert_eq!(editor.outline.bullets()[0].text, "Kinesis のシャード");
        let file = snapshot.into_file();
        assert_eq!(
            file.bullets[0].text, "Kinesis",
            "typing after the save changed it"
        );
    }

    #[test]
    fn typing_while_a_snapshot_is_held_copies_no_text_but_the_one_typed_into() {
        let lines: Vec<(usize, String)> = (0..1000).map(|i| (i % 3, format!("行 {i}"))).collect();
        let lines: Vec<(usize, &str)> = lines.iter().map(|(d, s)| (*d, s.as_str())).collect();
        let mut editor = crate::model::outline::editor::Editor::new(outline(&lines));
        let held = editor.outline.clone();
        editor.cursor = crate::model::outline::edit::Cursor { line: 500, byte: 0 };
        editor.insert("追記 ");
        let (now, then) = (editor.outline.bullets(), held.bullets());
        assert_eq!(now[500].text, "追記 行 500");
        assert_eq!(then[500].text, "行 500");
        let shared = (0..1000)
            .filter(|&i| std::ptr::eq(now[i].text.as_ptr(), then[i].text.as_ptr()))
            .count();
        assert_eq!(
            shared, 999,
            "every other text is still shared with the snapshot"
        );
    }

    #[test]
    fn instants_are_written_exactly_as_chrono_writes_them() {
        use chrono::TimeZone;
        let mut checked = 0;
        for offset in [
            0,
            9 * 3600,
            -5 * 3600 - 30 * 60,
            5 * 3600 + 45 * 60,
            -12 * 3600,
            14 * 3600,
            61,
        ] {
            let zone = FixedOffset::east_opt(offset).unwrap();
            for (y, mo, d, h, mi, s) in [
                (2026, 12, 3, 9, 5, 7),
                (1, 1, 1, 0, 0, 0),
                (9999, 12, 31, 23, 59, 59),
                (10000, 1, 1, 0, 0, 0),
            ] {
                let Some(base) = zone.with_ymd_and_hms(y, mo, d, h, mi, s).single() else {
                    continue;
                };
                for nano in [
                    0,
                    5_000_000,
                    123_000_000,
                    7_000,
                    123_456_000,
                    1,
                    999_999_999,
                    1_500_000_000,
                ] {
                    let Some(t) = chrono::Timelike::with_nanosecond(&base, nano) else {
                        continue;
                    };
                    let ours = serde_json::to_string(&Rfc3339(&t)).unwrap();
                    assert_eq!(ours, serde_json::to_string(&t).unwrap(), "{t:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 150, "{checked}");
    }

    #[test]
    fn a_snapshot_is_written_exactly_as_its_file() {
        use crate::model::outline::{FollowUp, Kind};
        let shapes: &[&[(usize, &str)]] = &[
            &[(0, "")],
            &[
                (0, "Kinesis"),
                (1, "シャード"),
                (2, "上限"),
                (1, "料金"),
                (0, "まとめ"),
            ],
            &[(0, "a"), (1, "b"), (2, "c"), (3, "d"), (0, "e"), (1, "f")],
            &[
                (0, "x\"y\u{1b}"),
                (0, "z"),
                (1, "w"),
                (2, "v"),
                (2, "u"),
                (1, "t"),
            ],
        ];
        for (n, shape) in shapes.iter().enumerate() {
            let mut o = outline(shape);
            let mut bullets = o.bullets().to_vec();
            for (i, b) in bullets.iter_mut().enumerate() {
                b.kind = if (i + n) % 3 == 0 {
                    Kind::Paragraph
                } else {
                    Kind::Bullet
                };
                b.follow_up = [None, Some(FollowUp::Open), Some(FollowUp::Done)][(i + n) % 3];
                b.collapsed = (i + n) % 2 == 0;
            }
            o = Outline::from_bullets(bullets, t());
            for slides in [None, Some(FollowUp::Open), Some(FollowUp::Done)] {
                let meta = SessionMeta {
                    slides,
                    links: if slides.is_some() {
                        vec!["https://x.test/s".into()]
                    } else {
                        vec![]
                    },
                };
                let snapshot = Snapshot {
                    conference: "c".into(),
                    session: "s/../x".into(),
                    outline: o.clone(),
                    meta,
                    saved_at: t(),
                };
                let streamed = serde_json::to_vec_pretty(&snapshot).unwrap();
                let built = serde_json::to_vec_pretty(&snapshot.into_file()).unwrap();
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    String::from_utf8(built).unwrap()
                );
            }
        }
    }

    #[test]
    fn nested_json_round_trips_the_outline() {
        let o = outline(&[
            (0, "Kinesis"),
            (1, "シャード"),
            (2, "上限"),
            (1, "料金"),
            (0, "まとめ"),
        ]);
        let file = NotesFile::new("c", "s", &o, &SessionMeta::default(), t());
        assert_eq!(file.bullets.len(), 2);
        assert_eq!(file.bullets[0].children[0].children[0].text, "上限");
        let json = serde_json::to_string(&file).unwrap();
        let back: NotesFile = serde_json::from_str(&json).unwrap();
        assert_eq!(back.outline(t()), o);
        assert_eq!(back.into_outline(t()), o);
    }

    #[test]
    fn json_uses_the_documented_field_names_and_offsets() {
        let o = outline(&[(0, "a")]);
        let json = serde_json::to_value(NotesFile::new("c", "s", &o, &SessionMeta::default(), t()))
            .unwrap();
        assert_eq!(json["version"], NOTES_VERSION);
        assert_eq!(NOTES_VERSION, 2);
        assert_eq!(json["bullets"][0]["created"], "2026-12-03T10:45:00+09:00");
        assert!(json["bullets"][0].get("children").is_none());
    }

    #[test]
    fn version_1_documents_migrate_and_newer_ones_are_refused() {
        let v1 = serde_json::json!({"version":1,"conference":"c","session":"s",
            "saved_at":"2026-12-03T10:45:00+09:00","links":["https://x.example"],
            "bullets":[{"id":1,"text":"a","created":"2026-12-03T10:45:00+09:00"}]});
        let file = NotesFile::from_value(v1).unwrap();
        assert_eq!(file.version, 2);
        assert_eq!(file.links, ["https://x.example"]);
        assert!(!file.slides_pending);
        let v3 = serde_json::json!({"version":3,"something":"new"});
        assert!(matches!(
            NotesFile::from_value(v3),
            Err(FormatError::TooNew(3))
        ));
    }

    #[test]
    fn loading_cleans_text_and_repairs_ids() {
        let json = r#"{"version":1,"conference":"c","session":"s","saved_at":"2026-12-03T10:45:00+09:00",
            "bullets":[{"id":1,"text":"a\u001b[2Jb","created":"2026-12-03T10:45:00+09:00"},
                       {"id":1,"text":"c","created":"2026-12-03T10:45:00+09:00"}]}"#;
        let file: NotesFile = serde_json::from_str(json).unwrap();
        let o = file.outline(t());
        assert_eq!(o.bullets()[0].text, "ab");
        assert!(o.is_well_formed());
    }
}
