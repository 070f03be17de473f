//! Soft wrapping of one bullet's text into screen rows by display width. Break opportunities come
//! from the Unicode line-breaking algorithm (UAX #14), so English wraps between words and Japanese
//! between any two characters (but not before 。or 」); a word longer than the row is cut between
//! grapheme clusters. Shared by rendering and by Up/Down, which move by these rows.

use std::collections::VecDeque;
use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_width::UnicodeWidthChar;

use crate::text::{byte_at_column, prev_boundary, width};

/// The byte ranges of the rows `text` takes at `cols` columns. Always at least one row; a row
/// holds at least one grapheme even when it is wider than `cols`. Spaces at a break hang at the
/// end of their row rather than starting the next one.
pub fn rows(text: &str, cols: usize) -> Vec<Range<usize>> {
    if text.len() < REMEMBER_FROM {
        return wrap(text, cols);
    }
    REMEMBERED.with_borrow_mut(|known| {
        if let Some((_, _, rows)) = known.iter().find(|(t, c, _)| *c == cols && t == text) {
            return rows.clone();
        }
        let rows = wrap(text, cols);
        if known.len() == REMEMBERED_TEXTS {
            known.pop_front();
        }
        known.push_back((text.to_string(), cols, rows.clone()));
        rows
    })
}

/// Texts this long (in bytes) have their rows remembered: a keystroke in a long paragraph wraps
/// it to keep the cursor on screen, and again to draw it, at tens of microseconds each time.
/// Shorter texts wrap faster than they are looked up.
const REMEMBER_FROM: usize = 256;
const REMEMBERED_TEXTS: usize = 8;

/// A text, the columns it was wrapped at, and its rows.
type Wrapped = (String, usize, Vec<Range<usize>>);

thread_local! {
    static REMEMBERED: std::cell::RefCell<VecDeque<Wrapped>> =
        const { std::cell::RefCell::new(VecDeque::new()) };
}

fn wrap(text: &str, cols: usize) -> Vec<Range<usize>> {
    let cols = cols.max(1);
    // No char is wider in columns than in UTF-8 bytes, so a text this short fits unmeasured.
    if text.len() < cols || width(text) < cols {
        return std::iter::once(0..text.len()).collect();
    }
    let breaks: Vec<usize> = linebreaks(text)
        .filter(|&(_, op)| op == BreakOpportunity::Allowed)
        .map(|(i, _)| i)
        .collect();
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut last_break: Option<usize> = None;
    let mut next_break = breaks.iter().peekable();
    for (i, g) in crate::text::grapheme_indices(text) {
        // A lone ASCII, kana or CJK char measures as a char: no string walk.
        let mut chars = g.chars();
        let (w, blank) = match (chars.next(), chars.next()) {
            (Some(c), None) if crate::text::single(c) => (c.width().unwrap_or(1), c == ' '),
            // Only a one-column blank hangs past the edge: an ideographic space (U+3000, which
            // IMEs type) is two columns, and hanging it pushed the row's last character out.
            _ => {
                let w = width(g);
                (w, w <= 1 && g.trim().is_empty())
            }
        };
        let end = i + g.len();
        if used + w > cols && i > start && !blank {
            let cut = last_break.filter(|&b| b > start).unwrap_or(i);
            rows.push(start..cut);
            start = cut;
            used = width(&text[start..i]);
            last_break = None;
        }
        used += w;
        while let Some(b) = next_break.next_if(|&&b| b <= end) {
            if *b == end {
                last_break = Some(end);
            }
        }
    }
    rows.push(start..text.len());
    // A last row filled to the edge: the end of the text (where the cursor goes to type on) is
    // on a row of its own, not on the pane's border.
    if width(&text[start..]) >= cols {
        rows.push(text.len()..text.len());
    }
    rows
}

/// The row (index into `rows`) and display column of byte offset `byte`.
pub fn locate(text: &str, rows: &[Range<usize>], byte: usize) -> (usize, usize) {
    let row = rows
        .iter()
        .position(|r| byte < r.end)
        .unwrap_or(rows.len() - 1);
    let start = rows[row].start.min(byte);
    (row, width(&text[start..byte]))
}

/// The byte offset in row `row` closest to display column `col`, staying inside the row (a
/// position at a wrapped row's end belongs to the next row).
pub fn byte_in_row(text: &str, rows: &[Range<usize>], row: usize, col: usize) -> usize {
    let r = &rows[row];
    let byte = r.start + byte_at_column(&text[r.clone()], col);
    if byte == r.end && row + 1 < rows.len() && byte > r.start {
        prev_boundary(text, byte)
    } else {
        byte
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, cols: usize) -> Vec<&str> {
        rows(text, cols).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english_wraps_between_words_with_the_space_hanging() {
        assert_eq!(show("read the book later", 11), ["read the ", "book later"]);
    }

    /// A last row filled to the pane's edge gets an empty row after it: the cursor at the end
    /// sits there, not on the border (from a user trial of issue 14).
    #[test]
    fn a_text_that_fills_its_last_row_ends_on_an_empty_row() {
        assert_eq!(
            show("read the book later", 10),
            ["read the ", "book later", ""]
        );
        assert_eq!(show("exactly", 7), ["exactly", ""]);
        assert_eq!(show("全角四字", 8), ["全角四字", ""]);
        assert_eq!(show("shorter", 8), ["shorter"]);
        assert_eq!(show("", 8), [""]);
    }

    #[test]
    fn japanese_wraps_between_any_two_characters_by_width() {
        assert_eq!(
            show("ストリーミング処理の基盤", 10),
            ["ストリーミ", "ング処理の", "基盤"]
        );
    }

    #[test]
    fn mixed_text_keeps_words_whole() {
        assert_eq!(
            show("Kinesis はストリーミング", 13),
            ["Kinesis はス", "トリーミング"]
        );
        assert_eq!(show("Kinesis stream", 10), ["Kinesis ", "stream"]);
    }

    #[test]
    fn closing_punctuation_does_not_start_a_row() {
        let r = show("あいうえお。", 10);
        assert!(!r[1].starts_with('。'), "{r:?}");
    }

    #[test]
    fn long_texts_remembered_wrap_as_when_first_wrapped() {
        let mut text = "感想: the keynote が良かった。".repeat(30);
        for cols in [40, 41, 40] {
            assert_eq!(rows(&text, cols), wrap(&text, cols));
        }
        let before = rows(&text, 40);
        text.insert_str(0, "追記 ");
        assert_eq!(rows(&text, 40), wrap(&text, 40));
        assert_ne!(rows(&text, 40), before);
    }

    #[test]
    fn overlong_words_are_cut_between_graphemes() {
        assert_eq!(show("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(show("日本", 1), ["日", "本", ""]);
    }

    #[test]
    fn cursor_columns_and_rows_round_trip() {
        let text = "Kinesis はストリーミング";
        let rs = rows(text, 10);
        assert_eq!(show(text, 10), ["Kinesis は", "ストリーミ", "ング"]);
        let byte = text.find('ト').unwrap();
        assert_eq!(locate(text, &rs, byte), (1, 2));
        assert_eq!(byte_in_row(text, &rs, 1, 2), byte);
        assert_eq!(
            byte_in_row(text, &rs, 1, 3),
            byte,
            "inside a wide character"
        );
        assert_eq!(locate(text, &rs, text.len()), (2, 4));
        assert_eq!(
            locate(text, &rs, text.find('ス').unwrap()),
            (1, 0),
            "a row's end is the next row's start"
        );
        assert_eq!(byte_in_row(text, &rs, 0, 50), text.find('は').unwrap());
    }
}
