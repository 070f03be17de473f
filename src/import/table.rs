//! A timetable kept in a spreadsheet, saved as CSV or TSV: a header row naming the columns in
//! English or Japanese (`title`/`タイトル`/`セッション名`, `date`/`日付`, `start`/`開始`,
//! `end`/`終了`, `room`/`会場`/`ルーム`, `speakers`/`登壇者`/`スピーカー`, `track`/`トラック`,
//! `url`/`URL`, and `id`, `length`/`長さ`, `abstract`/`概要`), then a session per row. Times and
//! dates are read as the session form reads them (`13:00`, `13時30分`, `6/1(木)`, full width).
//! A row's session id is its `id` column, or its date, start and room, so that importing the
//! sheet again after an edit matches the same sessions.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone};
use rust_i18n::t;

use super::{Format, ImportError, Imported, Options};
use crate::model::entry;
use crate::model::schedule::Session;
use crate::text::fold;

mod cells;
use cells::{csv_error, derived_id, has_year, start_column, unclosed_quote};

/// A session without an end or a length lasts this long.
const DEFAULT_MINUTES: i64 = 40;

/// The columns kaigi reads, with the header names each may have (folded: lower case, half
/// width, katakana as hiragana).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Title,
    Date,
    Start,
    End,
    Length,
    Room,
    Speakers,
    Track,
    Url,
    Abstract,
}

const NAMES: &[(Column, &[&str])] = &[
    (Column::Id, &["id", "session id", "セッションid"]),
    (
        Column::Title,
        &[
            "title",
            "session",
            "talk",
            "タイトル",
            "セッション名",
            "題目",
            "講演タイトル",
            "演題",
        ],
    ),
    (Column::Date, &["date", "day", "日付", "日程", "開催日"]),
    (
        Column::Start,
        &[
            "start",
            "start time",
            "begin",
            "from",
            "開始",
            "開始時刻",
            "開始時間",
        ],
    ),
    (
        Column::End,
        &[
            "end",
            "end time",
            "finish",
            "to",
            "終了",
            "終了時刻",
            "終了時間",
        ],
    ),
    (
        Column::Length,
        &[
            "length",
            "duration",
            "minutes",
            "長さ",
            "時間(分)",
            "所要時間",
        ],
    ),
    (
        Column::Room,
        &[
            "room",
            "location",
            "venue",
            "hall",
            "会場",
            "ルーム",
            "部屋",
            "場所",
        ],
    ),
    (
        Column::Speakers,
        &[
            "speakers",
            "speaker",
            "presenter",
            "登壇者",
            "スピーカー",
            "講演者",
            "発表者",
        ],
    ),
    (
        Column::Track,
        &["track", "category", "トラック", "カテゴリ"],
    ),
    (Column::Url, &["url", "link", "web", "リンク", "資料"]),
    (
        Column::Abstract,
        &["abstract", "description", "summary", "概要", "説明", "内容"],
    ),
];

/// Whether `text` looks like a timetable: its first line splits into cells, among them a title
/// column and a start column.
pub fn looks_like_table(text: &str) -> bool {
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let delimiter = delimiter_of(first);
    let cells: Vec<Option<Column>> = first
        .split(delimiter as char)
        .map(|c| column_named(c.trim().trim_matches('"')))
        .collect();
    cells.contains(&Some(Column::Title)) && cells.contains(&Some(Column::Start))
}

fn delimiter_of(header: &str) -> u8 {
    if header.contains('\t') { b'\t' } else { b',' }
}

fn column_named(name: &str) -> Option<Column> {
    let name = fold(name.trim());
    NAMES
        .iter()
        .find(|(_, names)| names.iter().any(|n| fold(n) == name))
        .map(|(c, _)| *c)
}

/// Where each column kaigi reads is, by its position in the row.
struct Header {
    at: Vec<(Column, usize)>,
    names: Vec<String>,
}

impl Header {
    fn get<'r>(&self, row: &'r csv::StringRecord, c: Column) -> Option<(&'r str, usize)> {
        let (_, i) = self.at.iter().find(|(col, _)| *col == c)?;
        let v = row.get(*i)?.trim();
        (!v.is_empty()).then_some((v, *i))
    }
}

pub fn parse(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(first))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(str::to_string)
        .collect();
    let header = Header {
        at: (names.iter().enumerate())
            .filter_map(|(i, n)| column_named(n).map(|c| (c, i)))
            .collect(),
        names,
    };
    let Some(tz) = opts.tz else {
        return Err(ImportError::invalid(super::line(1), t!("err.table_tz")));
    };
    let mut sessions: Vec<Session> = Vec::new();
    let mut rooms: Vec<String> = Vec::new();
    let mut warnings = Vec::new();
    let mut no_end = 0;
    let mut last_date: Option<NaiveDate> = None;
    for record in reader.records() {
        let row = record.map_err(|e| csv_error(&e))?;
        let line = row.position().map_or(0, |p| p.line());
        if row.iter().all(str::is_empty) {
            continue;
        }
        let at = |col: usize, what: &str| {
            let name = header.names.get(col).map_or("", String::as_str);
            let location = t!(
                "err.line_column",
                line = line,
                column = col + 1,
                name = name
            );
            ImportError::invalid(location, what)
        };
        // A quote never closed swallows the rest of the file into one cell: the row comes out
        // short.
        if row.len() < header.names.len()
            && let Some(col) = text
                .lines()
                .nth(line.saturating_sub(1) as usize)
                .and_then(|l| unclosed_quote(l, delimiter_of(first)))
        {
            return Err(at(col, &t!("err.unclosed_quote")));
        }
        let Some((title, _)) = header.get(&row, Column::Title) else {
            let col = header
                .at
                .iter()
                .find(|(c, _)| *c == Column::Title)
                .map_or(0, |a| a.1);
            return Err(at(col, &t!("err.need_title")));
        };
        let (start_text, start_col) = header
            .get(&row, Column::Start)
            .ok_or_else(|| at(start_column(&header), &t!("err.no_start")))?;
        // A date without a year takes the year of the rows above, or of the conference.
        let dated = header.get(&row, Column::Date).is_some() || start_text.contains([' ', 'T']);
        let near = match last_date.or(opts.near) {
            Some(near) => near,
            None if !dated => NaiveDate::default(),
            None if has_year(&row, &header) => NaiveDate::default(),
            None => return Err(at(start_col, &t!("err.first_date_year"))),
        };
        // A start may carry its date ("2017-06-01 13:00"); else the date column, else the
        // row above's date (a sheet often writes the day once).
        let (date, start_text) = match start_text.rsplit_once([' ', 'T']) {
            Some((d, t)) if entry::date(d, near).is_some() => (entry::date(d, near), t),
            _ => (None, start_text),
        };
        let date = match (date, header.get(&row, Column::Date)) {
            (Some(d), _) => d,
            (None, Some((d, col))) => entry::date(d, near)
                .ok_or_else(|| at(col, &t!("err.not_a_date", value = format!("{d:?}"))))?,
            (None, None) => last_date.ok_or_else(|| at(start_col, &t!("err.no_date")))?,
        };
        if let Some(days) = opts.within
            && !(days.from <= date && date <= days.to)
        {
            let col = header.get(&row, Column::Date).map_or(start_col, |d| d.1);
            let why = t!("err.not_a_day", date = date, from = days.from, to = days.to);
            return Err(at(col, &why));
        }
        last_date = Some(date);
        let not_a_time = |value: &str, example: &str| {
            t!(
                "err.not_a_time",
                value = format!("{value:?}"),
                example = example
            )
        };
        let start_time = entry::time(start_text)
            .ok_or_else(|| at(start_col, &not_a_time(start_text, "13:00")))?;
        let local =
            |t: chrono::NaiveTime, col: usize| -> Result<DateTime<FixedOffset>, ImportError> {
                tz.from_local_datetime(&date.and_time(t))
                    .earliest()
                    .map(|t| t.fixed_offset())
                    .ok_or_else(|| at(col, &t!("err.no_such_time")))
            };
        let start = local(start_time, start_col)?;
        let end = match (
            header.get(&row, Column::End),
            header.get(&row, Column::Length),
        ) {
            (Some((e, col)), _) => {
                let t = entry::time(e).ok_or_else(|| at(col, &not_a_time(e, "14:40")))?;
                local(t, col)?
            }
            (None, Some((l, col))) => {
                start
                    + entry::length(l)
                        .ok_or_else(|| at(col, &t!("err.not_a_length", value = format!("{l:?}"))))?
            }
            (None, None) => {
                no_end += 1;
                start + TimeDelta::minutes(DEFAULT_MINUTES)
            }
        };
        if end < start {
            let col = header.get(&row, Column::End).map_or(start_col, |e| e.1);
            return Err(at(col, &t!("err.ends_before")));
        }
        let room = header
            .get(&row, Column::Room)
            .map_or("", |r| r.0)
            .to_string();
        if !room.is_empty() && !rooms.contains(&room) {
            rooms.push(room.clone());
        }
        let id = match header.get(&row, Column::Id) {
            Some((id, _)) => format!("row-{id}"),
            None => derived_id(start, &room),
        };
        if sessions.iter().any(|s| s.id == id) {
            return Err(at(start_col, &t!("err.same_slot")));
        }
        sessions.push(Session {
            id,
            title: title.to_string(),
            start,
            end,
            room,
            track: header.get(&row, Column::Track).map(|t| t.0.to_string()),
            speakers: header
                .get(&row, Column::Speakers)
                .map(|s| {
                    s.0.split([',', '、', '，', ';', '/'])
                        .map(|p| p.trim().to_string())
                        .filter(|p| !p.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            summary: header
                .get(&row, Column::Abstract)
                .map_or("", |a| a.0)
                .to_string(),
            url: header.get(&row, Column::Url).map(|u| u.0.to_string()),
            day: None,
            adhoc: false,
            removed: false,
            published: Default::default(),
            links: Vec::new(),
        });
    }
    if sessions.is_empty() {
        return Err(ImportError::invalid(super::line(2), t!("err.no_rows")));
    }
    if no_end > 0 {
        let said = if no_end == 1 {
            t!("err.no_end_one", n = no_end, minutes = DEFAULT_MINUTES)
        } else {
            t!("err.no_end_many", n = no_end, minutes = DEFAULT_MINUTES)
        };
        warnings.push(said.into_owned());
    }
    let name = (opts.name.clone())
        .or(opts.fallback_name.clone())
        .unwrap_or_else(|| "Timetable".to_string());
    let id = opts.id.clone().unwrap_or_else(|| super::slug(&name));
    super::imported(sessions, name, id, tz, Format::Table, warnings)
}
