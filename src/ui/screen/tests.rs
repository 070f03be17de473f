use super::*;
use proptest::prelude::*;
use ratatui::style::Style;

const PIECES: &[&str] = &[
    "a",
    "b",
    " ",
    "日",
    "本",
    "ｶ",
    "❤\u{FE0F}",
    "e\u{301}",
    "👍",
];
const W: u16 = 12;
const H: u16 = 4;

/// A row's text and style.
fn row() -> impl Strategy<Value = (String, u8)> {
    (
        proptest::collection::vec(proptest::sample::select(PIECES), 0..10).prop_map(|v| v.concat()),
        0u8..4,
    )
}

fn style(n: u8) -> Style {
    match n {
        0 => Style::new(),
        1 => Style::new().bg(Color::Blue),
        2 => Style::new().add_modifier(Modifier::REVERSED),
        _ => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    }
}

fn buffer(rows: &[(String, u8)], x: u16) -> Buffer {
    let mut b = Buffer::empty(Rect::new(0, 0, W, H));
    for (y, (text, s)) in rows.iter().enumerate() {
        b.set_stringn(x, y as u16, text, usize::from(W - x), style(*s));
    }
    b
}

/// What our diff of `rects` emits equals ratatui's whole-buffer diff, and leaves `shown` as
/// `next`.
fn compares_as_ratatui(prev: &Buffer, next: &Buffer, rects: &[Rect]) -> Result<(), TestCaseError> {
    let theirs = owned(prev.diff(next));
    let mut shown = prev.clone();
    let mut ours = Vec::new();
    diff(&mut shown, next, rects, &mut ours);
    prop_assert_eq!(owned(ours), theirs);
    prop_assert_eq!(&shown, next);
    Ok(())
}

fn owned<'a>(v: impl IntoIterator<Item = (u16, u16, &'a Cell)>) -> Vec<(u16, u16, Cell)> {
    v.into_iter().map(|(x, y, c)| (x, y, c.clone())).collect()
}

/// Any cells at all, styles and diff options included; the last cell is narrow (ratatui's
/// own diff indexes past the end for a wide one there).
fn cells() -> impl Strategy<Value = Buffer> {
    let cell = (proptest::sample::select(PIECES), 0u8..4, 0u8..8).prop_map(|(sym, s, o)| {
        let mut c = Cell::new(sym);
        c.set_style(style(s));
        c.diff_option = match o {
            0 => CellDiffOption::Skip,
            1 => CellDiffOption::AlwaysUpdate,
            2 => CellDiffOption::ForcedWidth(std::num::NonZeroU16::new(2).unwrap()),
            _ => CellDiffOption::None,
        };
        c
    });
    proptest::collection::vec(cell, usize::from(W * H)).prop_map(|mut content| {
        content[usize::from(W * H) - 1] = Cell::new("a");
        let mut b = Buffer::empty(Rect::new(0, 0, W, H));
        b.content = content;
        b
    })
}

proptest! {
    #[test]
    fn any_cells_compare_as_ratatui_does(prev in cells(), next in cells()) {
        compares_as_ratatui(&prev, &next, &[next.area])?;
    }

    #[test]
    fn the_whole_screen_compares_as_ratatui_does(
        before in proptest::collection::vec(row(), H as usize),
        after in proptest::collection::vec(row(), H as usize),
        x0 in 0u16..3,
        x1 in 0u16..3,
    ) {
        let prev = buffer(&before, x0);
        let next = buffer(&after, x1);
        compares_as_ratatui(&prev, &next, &[next.area])?;
    }

    #[test]
    fn redrawn_rows_alone_are_compared_and_nothing_changed_is_missed(
        before in proptest::collection::vec(row(), H as usize),
        after in proptest::collection::vec(row(), H as usize),
        top in 0u16..H,
        rows in 1u16..=H,
    ) {
        let rows = rows.min(H - top);
        let prev = buffer(&before, 0);
        // The next frame differs from the last only in the rows redrawn.
        let mut next = prev.clone();
        for y in top..top + rows {
            let (text, s) = &after[usize::from(y)];
            for x in 0..W {
                next[(x, y)].reset();
            }
            next.set_stringn(0, y, text, usize::from(W), style(*s));
        }
        compares_as_ratatui(&prev, &next, &[Rect::new(0, top, W, rows)])?;
    }
}
