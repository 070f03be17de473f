//! Writing laid-out lines into the frame. ratatui's `Buffer::set_line` splits every span into
//! grapheme clusters (UAX #29), which took a third of a 200x60 frame. Text in the blocks below
//! is one cluster per char, so it is written char by char; from the first char that could join
//! a cluster (a combining mark, a joiner, an emoji, Hangul) the rest of the span goes through
//! ratatui. A property test checks that both ways fill the buffer alike.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthChar;

use crate::text::single;

/// [`Buffer::set_line`], faster on plain ASCII and Japanese.
pub fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line, max_width: u16) -> u16 {
    let mut remaining = max_width;
    let mut x = x;
    for span in line {
        if remaining == 0 {
            break;
        }
        let end = put_str(
            buf,
            x,
            y,
            &span.content,
            remaining,
            line.style.patch(span.style),
        );
        remaining = remaining.saturating_sub(end.saturating_sub(x));
        x = end;
    }
    x
}

/// [`Buffer::set_stringn`], faster on plain ASCII and Japanese; where the text ends.
fn put_str(buf: &mut Buffer, mut x: u16, y: u16, s: &str, max_width: u16, style: Style) -> u16 {
    let mut remaining = buf.area.right().saturating_sub(x).min(max_width);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let alone = chars.peek().is_none_or(|&(_, next)| single(next));
        if !(alone && single(c)) {
            if s[i..].contains(is_sound_mark) {
                return put_marked(buf, x, y, &s[i..], remaining, style);
            }
            return buf
                .set_stringn(x, y, &s[i..], usize::from(remaining), style)
                .0;
        }
        let width = c.width().map_or(1, |w| w as u16);
        let Some(left) = remaining.checked_sub(width) else {
            break;
        };
        remaining = left;
        buf[(x, y)].set_char(c).set_style(style);
        let next = x + width;
        x += 1;
        // The cell a wide char covers, as ratatui leaves it.
        while x < next {
            buf[(x, y)].reset();
            x += 1;
        }
    }
    x
}

/// The half-width voiced and semi-voiced marks ﾞ ﾟ (U+FF9E, U+FF9F).
fn is_sound_mark(c: char) -> bool {
    matches!(c, '\u{FF9E}' | '\u{FF9F}')
}

/// [`put_str`] for text with a half-width voiced mark: ﾊﾟ is one grapheme of two columns (as
/// Unicode's width tables and the editor count it), but ratatui gives it three, and terminals
/// draw the mark in a cell of its own (xterm) or over the kana (tmux). Each char of such a
/// cluster gets a cell of its own, so kaigi's cells, its cursor and its wrapping agree; the rest
/// goes through ratatui as usual.
fn put_marked(buf: &mut Buffer, mut x: u16, y: u16, s: &str, max_width: u16, style: Style) -> u16 {
    let mut remaining = buf.area.right().saturating_sub(x).min(max_width);
    for (_, g) in crate::text::grapheme_indices(s) {
        if !g.contains(is_sound_mark) {
            let end = buf.set_stringn(x, y, g, usize::from(remaining), style).0;
            remaining = remaining.saturating_sub(end - x);
            if end == x {
                break;
            }
            x = end;
            continue;
        }
        for c in g.chars() {
            let width = c.width().unwrap_or(0).max(1) as u16;
            let Some(left) = remaining.checked_sub(width) else {
                return x;
            };
            remaining = left;
            let cell = &mut buf[(x, y)];
            cell.set_char(c).set_style(style);
            // ratatui counts a lone mark as two columns: it takes one.
            if is_sound_mark(c) {
                cell.diff_option =
                    ratatui::buffer::CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN);
            }
            for k in 1..width {
                buf[(x + k, y)].reset();
            }
            x += width;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;

    use crate::text::tests::PIECES;

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..12).prop_map(|v| v.concat())
    }

    /// ﾊﾟ is two columns, as the editor counts it: the kana and the mark in a cell each, the
    /// mark told to take one column (ratatui would count three).
    #[test]
    fn a_half_width_voiced_mark_takes_a_cell_of_its_own() {
        let area = Rect::new(0, 0, 8, 1);
        let mut buf = Buffer::empty(area);
        let end = put_line(&mut buf, 0, 0, &Line::raw("aﾊﾟb👍"), 8);
        assert_eq!(end, 6);
        let cells: Vec<&str> = (0..6).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(cells, ["a", "ﾊ", "ﾟ", "b", "👍", " "]);
        use ratatui::buffer::CellWidth;
        assert_eq!(buf[(2, 0)].cell_width(), 1);
    }

    proptest! {
        #[test]
        fn lines_fill_the_buffer_as_ratatui_does(
            spans in proptest::collection::vec(text(), 0..4),
            x in 0u16..12,
            width in 0u16..30,
            fill in proptest::sample::select(&[" ", "x", "字"][..]),
        ) {
            let area = Rect::new(0, 0, 24, 2);
            let styles = [Style::new().fg(Color::Red), Style::new().add_modifier(Modifier::BOLD)];
            let line = Line::from(
                spans.iter().enumerate()
                    .map(|(i, s)| Span::styled(s.clone(), styles[i % 2]))
                    .collect::<Vec<_>>(),
            )
            .style(Style::new().bg(Color::Blue));
            // The half-width voiced marks are kaigi's own (see `put_marked`).
            prop_assume!(!spans.concat().contains(is_sound_mark));
            let mut ours = Buffer::filled(area, ratatui::buffer::Cell::new(fill));
            let mut theirs = ours.clone();
            let end = put_line(&mut ours, x, 1, &line, width);
            let (their_end, _) = theirs.set_line(x, 1, &line, width);
            prop_assert_eq!(&ours, &theirs);
            prop_assert_eq!(end, their_end);
        }
    }
}
