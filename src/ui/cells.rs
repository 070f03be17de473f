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
            let mut ours = Buffer::filled(area, ratatui::buffer::Cell::new(fill));
            let mut theirs = ours.clone();
            let end = put_line(&mut ours, x, 1, &line, width);
            let (their_end, _) = theirs.set_line(x, 1, &line, width);
            prop_assert_eq!(&ours, &theirs);
            prop_assert_eq!(end, their_end);
        }
    }
}
