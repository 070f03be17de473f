//! The words an export writes itself, in each language.

use chrono::{Datelike, NaiveDate};

use super::Lang;

pub(super) struct Words {
    pub follow_ups: &'static str,
    pub links: &'static str,
    pub page: &'static str,
    /// The line under a session whose slides are not out yet, as a writer would put it.
    pub pending_line: &'static str,
    /// The follow-up's own text.
    pub pending: &'static str,
    pub dash: &'static str,
}

pub(super) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &Words {
            follow_ups: "Follow-ups",
            links: "Slides and links",
            page: "Session page",
            pending_line: "(Slides not published yet)",
            pending: crate::model::followups::SLIDES_PENDING,
            dash: "–",
        },
        Lang::Ja => &Words {
            follow_ups: "フォローアップ",
            links: "スライド・リンク",
            page: "セッションページ",
            pending_line: "（資料公開待ち）",
            pending: "資料公開待ち",
            dash: "〜",
        },
    }
}

/// A day as a heading says it: `Thursday, 3 December 2026` or `2026/12/03(木)`.
pub(super) fn date_label(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%A, %-d %B %Y").to_string(),
        Lang::Ja => {
            let w = ["月", "火", "水", "木", "金", "土", "日"]
                [d.weekday().num_days_from_monday() as usize];
            format!("{}({w})", d.format("%Y/%m/%d"))
        }
    }
}
