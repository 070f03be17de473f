//! Pasting: one line lands as text at the cursor; several lines become bullets that keep their
//! relative indentation, with Markdown list and task markers understood, as one undo step.

use chrono::{DateTime, FixedOffset};

use super::edit::{Cursor, Edit};
use super::editor::Editor;
use super::{FollowUp, MAX_DEPTH};
use crate::text;

/// Columns a tab counts for when measuring a pasted line's indentation.
const TAB_COLS: usize = 4;
/// Longest pasted line kept in one bullet. A longer one (a minified file, a whole article on one
/// line) continues in sibling bullets, so no single bullet costs more than this to lay out on
/// every keystroke; not a byte of it is dropped.
pub const MAX_PASTED_LINE: usize = 4096;

/// A pasted line, read as an outline item.
#[derive(Debug, PartialEq)]
struct Item {
    indent: usize,
    follow_up: Option<FollowUp>,
    text: String,
}

fn parse_line(line: &str) -> Option<Item> {
    // Blank once cleaned: a line of nothing but escape sequences or control characters is no more
    // an item than an empty one (and pasting only such a line is no edit at all).
    if text::clean(line).trim().is_empty() {
        return None;
    }
    let mut indent = 0;
    let body = line.trim_start_matches(|c| match c {
        ' ' => {
            indent += 1;
            true
        }
        // A Japanese typist indents with the full-width space, two columns wide.
        '\u{3000}' => {
            indent += 2;
            true
        }
        '\t' => {
            indent += TAB_COLS - indent % TAB_COLS;
            true
        }
        _ => false,
    });
    let body = [
        "- ", "* ", "+ ", "• ", "・", "※", "● ", "○ ", "■ ", "□ ", "◆ ", "◇ ",
    ]
    .iter()
    .find_map(|m| {
        body.strip_prefix(m)
            .map(|b| b.trim_start_matches([' ', '\u{3000}']))
    })
    .unwrap_or(body);
    let (follow_up, body) = match text::task_marker(body) {
        Some((len, done)) => (
            Some(if done { FollowUp::Done } else { FollowUp::Open }),
            &body[len..],
        ),
        None => (None, body),
    };
    Some(Item {
        indent,
        follow_up,
        text: text::clean(body.trim_end()).into_owned(),
    })
}

/// Cuts an over-long item into pieces of at most [`MAX_PASTED_LINE`] bytes at grapheme
/// boundaries, preferring to cut after a space or an ideographic full stop.
fn split_long(item: Item) -> Vec<Item> {
    if item.text.len() <= MAX_PASTED_LINE {
        return vec![item];
    }
    let mut pieces = Vec::new();
    let mut rest = item.text.as_str();
    while rest.len() > MAX_PASTED_LINE {
        let mut cut = text::prev_boundary(rest, rest.floor_char_boundary(MAX_PASTED_LINE));
        let whole = text::next_boundary(rest, cut);
        if whole <= MAX_PASTED_LINE || cut == 0 {
            cut = whole;
        }
        let soft = rest[..cut]
            .rfind([' ', '。'])
            .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
        if let Some(s) = soft.filter(|&s| s > cut / 2) {
            cut = s;
        }
        pieces.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    pieces.push(rest.to_string());
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, text)| Item {
            indent: item.indent,
            follow_up: if i == 0 { item.follow_up } else { None },
            text,
        })
        .collect()
}

/// Relative levels from indentation widths: deeper than the line above opens a level, and going
/// back closes levels down to the nearest one that is not deeper.
fn levels(items: &[Item]) -> Vec<usize> {
    let mut stack: Vec<usize> = Vec::new();
    items
        .iter()
        .map(|it| {
            while stack.last().is_some_and(|&top| top > it.indent) {
                stack.pop();
            }
            if stack.last() != Some(&it.indent) {
                stack.push(it.indent);
            }
            stack.len() - 1
        })
        .collect()
}

impl Editor {
    /// Pastes `text` at the cursor as one undo step.
    pub fn paste(&mut self, text: &str, now: DateTime<FixedOffset>) {
        let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        let items: Vec<Item> = normalized
            .split('\n')
            .filter_map(parse_line)
            .flat_map(split_long)
            .collect();
        let Cursor { line, byte } = self.cursor;
        match items.as_slice() {
            [] => {}
            [only]
                if !normalized.trim_end().contains('\n')
                    && only.follow_up.is_none()
                    && normalized.len() <= MAX_PASTED_LINE =>
            {
                let t = text::clean(normalized.trim_end_matches('\n')).into_owned();
                let after = Cursor {
                    line,
                    byte: byte + t.len(),
                };
                let edits = vec![Edit::InsertText {
                    line,
                    at: byte,
                    text: t,
                }];
                self.commit_paste(edits, after);
            }
            _ => self.paste_items(&items, line, byte, now),
        }
    }

    fn paste_items(
        &mut self,
        items: &[Item],
        line: usize,
        byte: usize,
        now: DateTime<FixedOffset>,
    ) {
        let levels = levels(items);
        let current = &self.outline.bullets[line];
        let base = current.depth;
        let tail = current.text[byte..].to_string();
        let empty = current.text.is_empty();
        let mut edits = Vec::new();
        let meta = self.outline.meta(line);
        let mut new_meta = meta;
        if meta.collapsed {
            new_meta.collapsed = false;
        }
        if empty && meta.follow_up.is_none() {
            new_meta.follow_up = items[0].follow_up;
        }
        if new_meta != meta {
            edits.push(Edit::SetMeta {
                line,
                before: meta,
                after: new_meta,
            });
        }
        if !tail.is_empty() {
            edits.push(Edit::RemoveText {
                line,
                at: byte,
                text: tail.clone(),
            });
        }
        if !items[0].text.is_empty() {
            edits.push(Edit::InsertText {
                line,
                at: byte,
                text: items[0].text.clone(),
            });
        }
        let mut prev_depth = base;
        let mut bullets = Vec::with_capacity(items.len() - 1);
        for (item, level) in items.iter().zip(&levels).skip(1) {
            let depth = (base + level).min(prev_depth + 1).min(MAX_DEPTH);
            let mut b = self.outline.new_bullet(depth, item.text.clone(), now);
            b.follow_up = item.follow_up;
            bullets.push(b);
            prev_depth = depth;
        }
        let after = match bullets.last_mut() {
            Some(last) => {
                let at = last.text.len();
                last.text.push_str(&tail);
                Cursor {
                    line: line + bullets.len(),
                    byte: at,
                }
            }
            None => {
                if !tail.is_empty() {
                    edits.push(Edit::InsertText {
                        line,
                        at: byte + items[0].text.len(),
                        text: tail,
                    });
                }
                Cursor {
                    line,
                    byte: byte + items[0].text.len(),
                }
            }
        };
        if !bullets.is_empty() {
            edits.push(Edit::InsertBullets {
                at: line + 1,
                bullets,
            });
        }
        self.commit_paste(edits, after);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_tabs_and_tasks_are_understood() {
        let it = parse_line("\t- [ ] 資料を読む").unwrap();
        assert_eq!(it.indent, 4);
        assert_eq!(it.follow_up, Some(FollowUp::Open));
        assert_eq!(it.text, "資料を読む");
        assert_eq!(parse_line("・ポイント").unwrap().text, "ポイント");
        assert_eq!(parse_line("   ").map(|i| i.text), None);
        assert_eq!(parse_line("1. first").unwrap().text, "1. first");
    }

    #[test]
    fn long_lines_continue_in_sibling_bullets_without_losing_text() {
        let line = "日本語のテキスト。".repeat(2000);
        let pieces = split_long(parse_line(&line).unwrap());
        assert!(pieces.len() > 1);
        assert!(
            pieces
                .iter()
                .all(|p| p.text.len() <= MAX_PASTED_LINE && p.indent == 0)
        );
        let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, line);
        assert!(pieces[0].text.ends_with('。'), "cut after a full stop");
    }

    #[test]
    fn levels_are_relative_to_the_lines_above() {
        let items: Vec<Item> = ["a", "  b", "    c", "  d", "e", "   f"]
            .iter()
            .filter_map(|l| parse_line(l))
            .collect();
        assert_eq!(levels(&items), [0, 1, 2, 1, 0, 1]);
    }
}
