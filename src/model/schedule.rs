//! The conference programme: sessions with their instants (stored with the UTC offset they were
//! published with) grouped into conference days in the conference's IANA time zone. Pure data:
//! parsing a schedule file's text lives here, reading it from disk lives in `storage`.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::text::clean;

/// Version of the native schedule JSON this build writes and understands.
pub const SCHEDULE_VERSION: u32 = 1;

/// The id of the sample conference compiled into the binary.
pub const SAMPLE_ID: &str = "kumo-summit-2026";

/// One talk, workshop, party or hallway chat: anything an attendee can take notes in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub title: String,
    #[serde(deserialize_with = "crate::model::instant::deserialize")]
    pub start: DateTime<FixedOffset>,
    #[serde(deserialize_with = "crate::model::instant::deserialize")]
    pub end: DateTime<FixedOffset>,
    #[serde(default)]
    pub room: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    #[serde(default)]
    pub speakers: Vec<String>,
    #[serde(default, rename = "abstract", skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The conference day this session is listed under when that differs from its local start
    /// date (a talk at 00:30 that belongs to the previous evening's programme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<NaiveDate>,
    /// Made by the attendee (a booth visit, a hallway chat), not by the organisers: a re-import
    /// keeps it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub adhoc: bool,
    /// Gone from the published schedule but kept because it has notes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
    /// The published values of the fields the attendee changed in an imported session, by field
    /// name (`title`, `start`…): a re-import keeps the attendee's values and says when the
    /// organisers changed one of those fields too.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub published: BTreeMap<String, serde_json::Value>,
    /// Slides, recordings and other links the schedule publishes for the session.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

pub use super::links::{Link, LinkKind};

impl Session {
    /// Whether the schedule publishes slides or a recording for it: what a "slides not
    /// published yet" follow-up waits for.
    pub fn has_material(&self) -> bool {
        self.links.iter().any(Link::is_material)
    }

    /// How many minutes into the session `t` is ("+12m" in the gutter and the export), when it
    /// is around the session: from 15 minutes before its start to 30 after its end. Notes
    /// written at another time (the evening after, a week later) have no such minute.
    pub fn minute_into(&self, t: DateTime<FixedOffset>) -> Option<i64> {
        let around =
            self.start - chrono::TimeDelta::minutes(15)..=self.end + chrono::TimeDelta::minutes(30);
        around.contains(&t).then(|| (t - self.start).num_minutes())
    }
}

/// "+12m", or "-3m" before the start.
pub fn minute_label(m: i64) -> String {
    if m >= 0 {
        format!("+{m}m")
    } else {
        format!("{m}m")
    }
}

/// The native schedule file, as written to `schedule.json` and bundled in `assets/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleFile {
    pub version: u32,
    pub id: String,
    pub name: String,
    pub time_zone: String,
    #[serde(default)]
    pub rooms: Vec<String>,
    /// The conference's first and last day, for a conference made in kaigi: its days show
    /// before any session is added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<Dates>,
    /// Where the schedule was imported from (a file's absolute path, a URL): importing from
    /// elsewhere into it needs `--conference`, so a look-alike never replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub sessions: Vec<Session>,
}

pub use super::dates::{Dates, MAX_DAYS};

impl ScheduleFile {
    /// Whether [`Conference::from_file`] would accept this file, without building the indexes:
    /// an import checks a 100,000-session file before touching the data directory.
    pub fn check(&self) -> Result<Tz, ScheduleError> {
        if self.version > SCHEDULE_VERSION {
            return Err(ScheduleError::TooNew(self.version));
        }
        let tz: Tz = self
            .time_zone
            .parse()
            .map_err(|_| ScheduleError::TimeZone(self.time_zone.clone()))?;
        if let Some(d) = self.dates {
            d.check()?;
        }
        let mut seen = std::collections::HashSet::with_capacity(self.sessions.len());
        for s in &self.sessions {
            if s.end < s.start {
                return Err(ScheduleError::Backwards(s.id.clone()));
            }
            if !seen.insert(s.id.as_str()) {
                return Err(ScheduleError::DuplicateId(s.id.clone()));
            }
        }
        Ok(tz)
    }

    /// Whether one of the conference days is the date at `now` in the conference's time zone.
    pub fn runs_on(&self, now: DateTime<Utc>) -> bool {
        let Ok(tz) = self.time_zone.parse::<Tz>() else {
            return false;
        };
        let today = now.with_timezone(&tz).date_naive();
        self.dates.is_some_and(|d| d.from <= today && today <= d.to)
            || self.sessions.iter().any(|s| day_of(s, tz) == today)
    }
}

/// Why a schedule could not be used. Its text is the interface's language.
#[derive(Debug)]
pub enum ScheduleError {
    Json(serde_json::Error),
    TooNew(u32),
    TimeZone(String),
    Backwards(String),
    DuplicateId(String),
    Dates(super::dates::BadDates),
    NoSession(String),
    NoName,
}

impl From<serde_json::Error> for ScheduleError {
    fn from(e: serde_json::Error) -> Self {
        ScheduleError::Json(e)
    }
}

impl From<super::dates::BadDates> for ScheduleError {
    fn from(e: super::dates::BadDates) -> Self {
        ScheduleError::Dates(e)
    }
}

impl std::fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use rust_i18n::t;
        let text = match self {
            ScheduleError::Json(e) => t!("err.schedule_json", why = e),
            ScheduleError::TooNew(v) => {
                t!(
                    "err.schedule_too_new",
                    version = v,
                    known = SCHEDULE_VERSION
                )
            }
            ScheduleError::TimeZone(tz) => t!("err.schedule_tz", tz = format!("{tz:?}")),
            ScheduleError::Backwards(id) => t!("err.schedule_backwards", id = format!("{id:?}")),
            ScheduleError::DuplicateId(id) => t!("err.schedule_twice", id = format!("{id:?}")),
            ScheduleError::Dates(e) => return e.fmt(f),
            ScheduleError::NoSession(id) => t!("err.schedule_no_session", id = format!("{id:?}")),
            ScheduleError::NoName => t!("err.schedule_no_name"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ScheduleError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ScheduleError::Dates(e) => e.source(),
            _ => None,
        }
    }
}

/// A conference ready to browse: sessions sorted by start, indexed by day.
#[derive(Debug, Clone)]
pub struct Conference {
    pub id: String,
    pub name: String,
    pub tz: Tz,
    pub rooms: Vec<String>,
    pub dates: Option<Dates>,
    pub source: Option<String>,
    sessions: Vec<Session>,
    days: Vec<NaiveDate>,
    by_day: Vec<Vec<usize>>,
    by_id: std::collections::HashMap<String, usize>,
    /// Folded title, speakers, room and track of each session, for filtering as one types:
    /// made at the first filter, not before the first frame (2,000 sessions' keys were 0.7 MB and
    /// a tenth of reading the schedule).
    search_keys: std::sync::OnceLock<Vec<String>>,
}

impl Conference {
    /// Builds a conference from a parsed file, cleaning every text field of control characters.
    pub fn from_file(file: ScheduleFile) -> Result<Self, ScheduleError> {
        let tz = file.check()?;
        let mut sessions = file.sessions;
        sessions.iter_mut().for_each(clean_session);
        let mut conference = Conference {
            id: file.id,
            name: clean(&file.name).into_owned(),
            tz,
            rooms: file.rooms.iter().map(|r| clean(r).into_owned()).collect(),
            dates: file.dates,
            source: file.source,
            sessions,
            days: Vec::new(),
            by_day: Vec::new(),
            by_id: std::collections::HashMap::new(),
            search_keys: std::sync::OnceLock::new(),
        };
        conference.reindex();
        Ok(conference)
    }

    /// Parses native schedule JSON text.
    pub fn from_json(text: &str) -> Result<Self, ScheduleError> {
        Self::from_file(serde_json::from_str(text)?)
    }

    /// The file form of this conference, for saving.
    pub fn to_file(&self) -> ScheduleFile {
        ScheduleFile {
            version: SCHEDULE_VERSION,
            id: self.id.clone(),
            name: self.name.clone(),
            time_zone: self.tz.name().to_string(),
            rooms: self.rooms.clone(),
            dates: self.dates,
            source: self.source.clone(),
            sessions: self.sessions.clone(),
        }
    }

    /// Whether this is the bundled sample conference.
    pub fn is_sample(&self) -> bool {
        self.id == SAMPLE_ID
    }

    /// The sample conference compiled into the binary, shown when no data exists yet.
    pub fn sample() -> Self {
        Self::from_json(include_str!("../../assets/sample-conference.json"))
            .expect("the bundled sample conference is valid (checked by tests)")
    }

    fn reindex(&mut self) {
        let rank: std::collections::HashMap<&str, usize> = self
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_str(), i))
            .collect();
        let tz = self.tz;
        let ranks: Vec<usize> = self
            .sessions
            .iter()
            .map(|s| rank.get(s.room.as_str()).copied().unwrap_or(usize::MAX))
            .collect();
        let mut order: Vec<usize> = (0..self.sessions.len()).collect();
        order.sort_by(|&a, &b| {
            let (sa, sb) = (&self.sessions[a], &self.sessions[b]);
            (sa.start, ranks[a], &sa.title).cmp(&(sb.start, ranks[b], &sb.title))
        });
        let mut taken: Vec<Option<Session>> = std::mem::take(&mut self.sessions)
            .into_iter()
            .map(Some)
            .collect();
        self.sessions = order.iter().filter_map(|&i| taken[i].take()).collect();
        self.days = self.sessions.iter().map(|s| day_of(s, tz)).collect();
        self.days
            .extend(self.dates.into_iter().flat_map(Dates::each));
        self.days.sort();
        self.days.dedup();
        self.by_day = vec![Vec::new(); self.days.len()];
        for (i, s) in self.sessions.iter().enumerate() {
            let d = self.days.binary_search(&day_of(s, tz)).unwrap_or(0);
            self.by_day[d].push(i);
        }
        self.by_id = self
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        self.search_keys = std::sync::OnceLock::new();
    }

    /// [`Conference::search_keys`], made now if not yet.
    fn search_keys(&self) -> &[String] {
        self.search_keys.get_or_init(|| {
            (self.sessions.iter())
                .map(|s| {
                    let track = s.track.as_deref().unwrap_or("");
                    crate::text::fold(&format!(
                        "{}\n{}\n{}\n{}",
                        s.title,
                        s.speakers.join("\n"),
                        s.room,
                        track
                    ))
                })
                .collect()
        })
    }

    /// The conference days, in order, as local dates in the conference time zone.
    pub fn days(&self) -> &[NaiveDate] {
        &self.days
    }

    /// The sessions of day `day` (an index into [`Conference::days`]), ordered by start.
    pub fn day_sessions(&self, day: usize) -> impl ExactSizeIterator<Item = &Session> + '_ {
        let ids = self.by_day.get(day).map_or(&[][..], |v| v.as_slice());
        ids.iter().map(|&i| &self.sessions[i])
    }

    /// Indices into [`Conference::sessions`] of day `day`'s sessions, ordered by start.
    pub fn day_indices(&self, day: usize) -> &[usize] {
        self.by_day.get(day).map_or(&[][..], |v| v.as_slice())
    }

    /// Whether session `index` matches every folded term (title, speakers, room, track).
    pub fn matches(&self, index: usize, terms: &[String]) -> bool {
        let key = &self.search_keys()[index];
        terms.iter().all(|t| key.contains(t.as_str()))
    }

    /// Number of sessions on day `day`.
    pub fn day_len(&self, day: usize) -> usize {
        self.by_day.get(day).map_or(0, Vec::len)
    }

    /// The `n`th session of day `day`.
    pub fn day_session(&self, day: usize, n: usize) -> Option<&Session> {
        self.by_day.get(day)?.get(n).map(|&i| &self.sessions[i])
    }

    /// Every session, ordered by start.
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    pub fn session(&self, id: &str) -> Option<&Session> {
        self.by_id.get(id).map(|&i| &self.sessions[i])
    }

    /// Position of session `id` in start order, for ordering things by when they happened.
    pub fn rank(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The day index a session is listed under, with its position within that day.
    pub fn locate(&self, id: &str) -> Option<(usize, usize)> {
        self.by_day.iter().enumerate().find_map(|(d, ids)| {
            let n = ids.iter().position(|&i| self.sessions[i].id == id)?;
            Some((d, n))
        })
    }

    /// The day index to show at `now`: today if the conference is on, otherwise the first day
    /// (or the last one once the conference is over).
    pub fn day_for(&self, now: DateTime<Utc>) -> usize {
        let today = now.with_timezone(&self.tz).date_naive();
        match self.days.binary_search(&today) {
            Ok(d) => d,
            Err(0) => 0,
            Err(d) if d >= self.days.len() => self.days.len().saturating_sub(1),
            Err(_) => 0,
        }
    }

    /// An instant shown in the conference's time zone.
    pub fn local<O: chrono::TimeZone>(&self, t: &DateTime<O>) -> DateTime<Tz> {
        t.with_timezone(&self.tz)
    }
}

fn day_of(s: &Session, tz: Tz) -> NaiveDate {
    s.day
        .unwrap_or_else(|| s.start.with_timezone(&tz).date_naive())
}

fn clean_session(s: &mut Session) {
    let fix = |t: &mut String| {
        if let std::borrow::Cow::Owned(c) = clean(t) {
            *t = c;
        }
    };
    fix(&mut s.title);
    fix(&mut s.room);
    if let std::borrow::Cow::Owned(c) = crate::text::clean_lines(&s.summary) {
        s.summary = c;
    }
    s.speakers.iter_mut().for_each(fix);
    if let Some(t) = s.track.as_mut() {
        fix(t);
    }
    if let Some(u) = s.url.as_mut() {
        fix(u);
    }
}

mod programme;
#[cfg(test)]
mod tests;
