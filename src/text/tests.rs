use super::*;

#[test]
fn width_counts_cjk_as_two_columns() {
    assert_eq!(width("Kinesis はストリーミング"), 8 + 2 * 8);
    assert_eq!(width("🎉"), 2);
}

#[test]
fn boundaries_step_over_whole_graphemes() {
    let s = "a🇯🇵e\u{301}b";
    let flag_end = 1 + "🇯🇵".len();
    assert_eq!(next_boundary(s, 1), flag_end);
    assert_eq!(next_boundary(s, flag_end), flag_end + 3);
    assert_eq!(prev_boundary(s, flag_end + 3), flag_end);
    assert!(!is_boundary(s, flag_end + 1));
}

#[test]
fn column_to_byte_never_splits_a_wide_character() {
    let s = "日本語";
    assert_eq!(byte_at_column(s, 0), 0);
    assert_eq!(byte_at_column(s, 1), 0);
    assert_eq!(byte_at_column(s, 2), 3);
    assert_eq!(byte_at_column(s, 99), 9);
}

#[test]
fn words_skip_spaces_and_treat_scripts_as_words() {
    let s = "read the book";
    assert_eq!(prev_word(s, s.len()), 9);
    assert_eq!(prev_word(s, 9), 5);
    assert_eq!(next_word(s, 0), 4);
    assert_eq!(next_word(s, 4), 8);
}

#[test]
fn clean_strips_escape_sequences_and_controls() {
    assert_eq!(clean("ok\u{1b}[31mred\u{1b}[0m"), "okred");
    assert_eq!(clean("t\u{1b}]0;pwned\u{7}itle"), "title");
    assert_eq!(clean("a\tb\u{0}c\u{9b}d"), "a bcd");
    assert_eq!(clean("山田 太郎\n\n会議で"), "山田 太郎  会議で");
    assert!(matches!(clean("日本語"), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn folding_matches_full_width_and_case() {
    assert_eq!(fold("ＡＷＳ Lambda"), "aws lambda");
    assert_eq!(fold("ｶﾞｲﾄﾞ"), fold("ガイド"));
    assert!(fold("Kinesis はストリーミング").contains(&fold("ＫＩＮＥＳＩＳ")));
    assert_eq!(
        terms("kinesis\u{3000}ストリーム  "),
        [fold("kinesis"), fold("ストリーム")]
    );
}

#[test]
fn matches_map_back_to_the_original_text() {
    let s = "AWS の Kinesis と ｷﾈｼｽ";
    let r = match_ranges(s, &terms("kinesis キネシス"));
    let found: Vec<&str> = r.iter().map(|r| &s[r.clone()]).collect();
    assert_eq!(found, ["Kinesis", "ｷﾈｼｽ"]);
    assert!(match_ranges("abc", &terms("x")).is_empty());
}

#[test]
fn truncate_respects_display_width() {
    assert_eq!(truncate("日本語のタイトル", 7), "日本語…");
    assert_eq!(truncate("short", 10), "short");
}

/// Pieces of text that reach every branch of the fast paths here and in `ui::cells`: runs of
/// plain chars, wide chars, chars that join a neighbour (combining and voiced sound marks,
/// joiners, skin tones, flags, Hangul, prepended marks) and controls.
pub(crate) const PIECES: &[&str] = &[
    "a",
    "Kinesis ",
    "~",
    " ",
    "。",
    "か",
    "ー",
    "ゔ",
    "漢字",
    "Ａ",
    "ｶ",
    "ﾞ",
    "e\u{301}",
    "\u{301}",
    "か\u{3099}",
    "\u{3099}",
    "\u{309A}",
    "👍",
    "👍\u{1F3FD}",
    "👨\u{200D}💻",
    "\u{200D}",
    "\u{FE0F}",
    "〰",
    "〽\u{FE0F}",
    "🇯🇵",
    "🇯",
    "🇵",
    "\u{1100}\u{1161}",
    "한",
    "\u{11A8}",
    "\t",
    "\r",
    "\n",
    "\u{1b}",
    "\u{302A}",
    "ก\u{E33}",
    "\u{600}",
    "\u{600}1",
    "1",
    "क\u{94D}",
    "ष",
];

proptest::proptest! {
    #[test]
    fn clusters_are_found_as_unicode_segmentation_finds_them(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..16)
    ) {
        let s = pieces.concat();
        let ours: Vec<_> = grapheme_indices(&s).collect();
        let theirs: Vec<_> = s.grapheme_indices(true).collect();
        proptest::prop_assert_eq!(ours, theirs);
    }
}

#[test]
fn kana_forms_widths_case_and_the_long_vowel_fold_alike() {
    let same = [
        ("しゃーど", "シャード"),
        ("しゃーど", "ｼｬｰﾄﾞ"),
        ("サーバ", "サーバー"),
        ("がんばる", "ガンバル"),
        ("ＡＷＳ Lambda", "aws lambda"),
        ("ゞ", "ヾ"),
    ];
    for (a, b) in same {
        assert_eq!(fold(a), fold(b), "{a} / {b}");
    }
    assert_ne!(fold("か"), fold("が"), "voiced marks still count");
    let (folded, origin) = fold_map("シャード数");
    assert_eq!(folded, fold("しゃど数"));
    assert_eq!(origin.len(), folded.len());
    assert_eq!(
        match_ranges("Kinesis のシャード数", &terms("しゃーど")),
        vec![11..23]
    );
}

/// From a user trial: an ideographic space at the wrap point took the row past its width, and
/// the character before it was drawn over by the "…".
#[test]
fn an_ideographic_space_at_the_edge_wraps_and_hides_nothing() {
    let text = "ＡＢＣＤＥＦＧＨＩＪ　ｘｙ";
    for cols in [20, 21, 22] {
        let rows = super::wrap::rows(text, cols);
        assert_eq!(rows.len(), 2, "{cols}: {rows:?}");
        for r in &rows {
            assert!(
                super::width(&text[r.clone()]) <= cols,
                "{cols}: {:?}",
                &text[r.clone()]
            );
        }
        // Every character is on a row: none drawn over.
        let joined: String = rows.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(joined, text, "{cols}");
    }
}

/// The byte scan finds exactly the characters `is_unsafe` does, alone and amid other text.
#[test]
fn the_byte_scan_for_unsafe_characters_agrees_with_the_character_test() {
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let alone = c.to_string();
        assert_eq!(has_unsafe(&alone), is_unsafe(c), "{:04x}", c as u32);
        let amid = format!("日本{c}語");
        assert_eq!(has_unsafe(&amid), is_unsafe(c), "{:04x}", c as u32);
    }
}
