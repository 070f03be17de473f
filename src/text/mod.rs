//! Text measured the way a terminal shows it. Model positions are byte offsets that always sit on
//! grapheme-cluster boundaries; screen positions are display columns. Every conversion between the
//! two lives here, so no other module counts bytes or chars to place anything on screen.

pub mod wrap;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `s.grapheme_indices(true)` (UAX #29 extended grapheme clusters), faster on plain ASCII and
/// Japanese: a char that is a cluster whatever stands beside it (see [`single`]) and is followed
/// by another such char is a cluster of its own; from the first char that could join a cluster
/// the rest is left to unicode-segmentation. Its table lookups made wrapping a 200-character
/// Japanese bullet cost 50 µs a keystroke.
pub fn grapheme_indices(s: &str) -> Graphemes<'_> {
    Graphemes {
        s,
        chars: s.char_indices().peekable(),
        slow: None,
    }
}

pub struct Graphemes<'a> {
    s: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    /// Where the rest went to unicode-segmentation, and its iterator.
    slow: Option<(usize, unicode_segmentation::GraphemeIndices<'a>)>,
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((base, slow)) = &mut self.slow {
            return slow.next().map(|(i, g)| (*base + i, g));
        }
        let (i, c) = self.chars.next()?;
        if single(c) && self.chars.peek().is_none_or(|&(_, next)| single(next)) {
            return Some((i, &self.s[i..i + c.len_utf8()]));
        }
        // A cluster boundary: what comes after does not depend on what came before.
        self.slow = Some((i, self.s[i..].grapheme_indices(true)));
        self.next()
    }
}

/// Chars that are a grapheme cluster on their own whatever stands beside them (none is Extend,
/// SpacingMark, Prepend, ZWJ, Hangul, a regional indicator or an emoji), all of width 1 or 2.
pub fn single(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{3001}'..='\u{3029}' // CJK punctuation, before the combining tone marks
        | '\u{3031}'..='\u{303C}' // (U+3030 and U+303D are emoji)
        | '\u{3041}'..='\u{3096}' // hiragana, before the combining (han)dakuten
        | '\u{309B}'..='\u{30FF}' // spacing (han)dakuten, katakana
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{FF01}'..='\u{FF60}' // full-width forms
    )
}

/// Display width of `s` in terminal columns (CJK and most emoji take two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Byte offset of the grapheme boundary before `byte` (or 0).
pub fn prev_boundary(s: &str, byte: usize) -> usize {
    s[..byte]
        .grapheme_indices(true)
        .next_back()
        .map_or(0, |(i, _)| i)
}

/// Byte offset of the grapheme boundary after `byte` (or the end).
pub fn next_boundary(s: &str, byte: usize) -> usize {
    s[byte..]
        .graphemes(true)
        .next()
        .map_or(s.len(), |g| byte + g.len())
}

/// Whether `byte` sits on a grapheme-cluster boundary of `s`.
pub fn is_boundary(s: &str, byte: usize) -> bool {
    byte == s.len()
        || byte == 0
        || (s.is_char_boundary(byte) && grapheme_indices(s).any(|(i, _)| i == byte))
}

/// The byte offset within `s` whose display column is closest to `col` without passing it.
pub fn byte_at_column(s: &str, col: usize) -> usize {
    let mut used = 0;
    for (i, g) in grapheme_indices(s) {
        let w = width(g);
        if used + w > col {
            return i;
        }
        used += w;
    }
    s.len()
}

/// The words of `s` as byte ranges, by the Unicode word rules with a dictionary for Chinese and
/// Japanese (ICU4X), so that シャード数でスループットが決まる has the words シャード, 数, で,
/// スループット, が and 決まる. Spaces and punctuation are no words.
fn words(s: &str) -> Vec<std::ops::Range<usize>> {
    use icu_segmenter::WordSegmenter;
    use icu_segmenter::options::WordBreakInvariantOptions;
    use std::sync::LazyLock;
    static SEGMENTER: LazyLock<icu_segmenter::WordSegmenterBorrowed<'static>> =
        LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));
    let mut out = Vec::new();
    let mut start = 0;
    let mut breaks = SEGMENTER.segment_str(s).iter_with_word_type();
    for (end, kind) in breaks.by_ref() {
        if end > start && kind.is_word_like() {
            out.push(start..end);
        }
        start = end;
    }
    out
}

/// Byte offset of the start of the word before `byte` (Ctrl-Left, Ctrl-W), on a grapheme
/// boundary: word and grapheme boundaries disagree around prepended marks (U+0600 belongs to the
/// grapheme after it but not to its word), and the cursor must never split a grapheme.
pub fn prev_word(s: &str, byte: usize) -> usize {
    let word = words(&s[..byte]).last().map_or(0, |w| w.start);
    let start = prev_boundary(s, word);
    if next_boundary(s, start) == word {
        word
    } else {
        start
    }
}

/// Byte offset of the end of the word after `byte` (Ctrl-Right), on a grapheme boundary.
pub fn next_word(s: &str, byte: usize) -> usize {
    let word = words(&s[byte..]).first().map_or(s.len(), |w| byte + w.end);
    if word >= s.len() {
        return s.len();
    }
    next_boundary(s, prev_boundary(s, word))
}

/// A task marker at the start of a bullet: `[ ] ` (open) or `[x] ` (done), also as a Japanese
/// IME types it, in full-width brackets, letters and spaces (`［　］　`, `［ｘ］ `). Returns the
/// marker's length in bytes and whether it is done.
pub fn task_marker(s: &str) -> Option<(usize, bool)> {
    let mut chars = s.char_indices();
    let (_, open) = chars.next()?;
    let (_, inner) = chars.next()?;
    let (_, close) = chars.next()?;
    let (at, space) = chars.next()?;
    let done = match inner {
        ' ' | '\u{3000}' => false,
        'x' | 'X' | 'ｘ' | 'Ｘ' => true,
        _ => return None,
    };
    (matches!(open, '[' | '［') && matches!(close, ']' | '］') && matches!(space, ' ' | '\u{3000}'))
        .then(|| (at + space.len_utf8(), done))
}

/// Text from a file, a paste or a schedule made safe to draw: control characters (C0, DEL, C1) and
/// whole escape sequences are dropped so nothing a stranger wrote can drive the terminal; a tab or
/// line break becomes a space, so words on either side of it stay apart. Returns the input unchanged (no allocation) when it is already clean.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_unsafe(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`clean`] for text of several lines (an abstract): its line breaks stay.
pub fn clean_lines(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let lines: Vec<std::borrow::Cow<'_, str>> = s.split('\n').map(clean).collect();
    std::borrow::Cow::Owned(lines.join("\n"))
}

/// Whether `s` holds a character [`is_unsafe`] finds, from its UTF-8 bytes: every schedule
/// title and note is checked at start, and decoding each character cost 5 % of it.
pub(crate) fn has_unsafe(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x00..=0x1f | 0x7f => return true,
            // U+0080–U+009F (C1 controls)
            0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => return true,
            // U+061C
            0xd8 if b.get(i + 1) == Some(&0x9c) => return true,
            // U+2028–U+202E, U+2066–U+2069
            0xe2 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9)) => return true,
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    false
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_bidi_control(c)
}

/// The bidirectional embedding, override and isolate controls: text holding them can show in
/// another order than it is stored ("Trojan Source", CVE-2021-42574), so they never reach a
/// terminal.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// Text for the command line's output (a summary, a list, an error, a Markdown export on
/// standard output): [`clean`], but line breaks and tabs stay, so a message or a document keeps
/// its lines. Nothing from a file can drive the terminal or reorder what it shows.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                out.push('\t');
            }
            out.push_str(&clean(part.strip_suffix('\r').unwrap_or(part)));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Consumes the rest of an escape sequence after ESC: CSI (`[` … final byte), OSC/DCS/APC/PM/SOS
/// (up to BEL or ESC \), or a single following character.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        _ => {}
    }
}

/// `s` folded for matching what a person typed: each character's compatibility decomposition
/// (full-width ＡＷＳ and half-width ｶﾞ become AWS and カ + ゛, as does ガ itself) in lower case,
/// katakana as hiragana (シャード and しゃーど match), and without the long-vowel mark ー (so
/// サーバ finds サーバー, as Japanese search does). Folding character by character keeps a map
/// back to the original text for highlighting (see [`fold_map`]).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn fold_char(c: char, out: &mut String) {
    unicode_normalization::char::decompose_compatible(c, |d| match d {
        // The long-vowel mark (half-width ｰ decomposes to it too).
        '\u{30FC}' => {}
        // Katakana ァ..ヶ and the iteration marks ヽヾ as their hiragana.
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}' | '\u{30FE}' => {
            out.push(char::from_u32(d as u32 - 0x60).unwrap_or(d));
        }
        d if d.is_ascii() => out.push(d.to_ascii_lowercase()),
        d => out.extend(d.to_lowercase()),
    });
}

/// [`fold`], with the byte offset in `s` each folded byte came from.
pub fn fold_map(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut origin = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let before = out.len();
        fold_char(c, &mut out);
        origin.resize(out.len(), i);
        debug_assert!(out.len() >= before);
    }
    (out, origin)
}

/// Byte ranges of `s` where any of the folded `terms` occur, merged and in order, for
/// highlighting matches.
pub fn match_ranges(s: &str, terms: &[String]) -> Vec<std::ops::Range<usize>> {
    let (folded, origin) = fold_map(s);
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for t in terms.iter().filter(|t| !t.is_empty()) {
        for (at, _) in folded.match_indices(t.as_str()) {
            let start = origin[at];
            let last = at + t.len() - 1;
            let end = next_char(s, origin[last]);
            ranges.push(start..end);
        }
    }
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn next_char(s: &str, byte: usize) -> usize {
    s[byte..]
        .chars()
        .next()
        .map_or(s.len(), |c| byte + c.len_utf8())
}

/// The words of a search or filter: split on ASCII and ideographic spaces, folded.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split([' ', '\u{3000}'])
        .filter(|t| !t.is_empty())
        .map(fold)
        .collect()
}

/// `n` and the English noun `one` (or its plural, `one` + "s"): "1 bullet", "2 bullets".
pub fn count(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// Cuts `s` to at most `max` display columns, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if width(s) <= max {
        return std::borrow::Cow::Borrowed(s);
    }
    if max == 0 {
        return std::borrow::Cow::Borrowed("");
    }
    // ASCII has one column a byte: no need to walk graphemes (this runs for every row drawn).
    let cut = if s.is_ascii() {
        max - 1
    } else {
        byte_at_column(s, max - 1)
    };
    std::borrow::Cow::Owned(format!("{}…", &s[..cut]))
}

#[cfg(test)]
pub(crate) mod tests;
