//! Command-line interface: `kaigi` opens the app; `import`, `list` and `export` work on the data
//! directory without it (`commands`).

pub mod commands;
pub mod create;
pub mod extras;
pub mod importing;
pub mod localized;
pub mod refresh;

use std::path::PathBuf;

use chrono::Datelike as _;
use chrono_tz::Tz;
use clap::{Parser, Subcommand};

/// The environment variables that stand for options of every command.
pub const ENV_VARS: [&str; 4] = [
    "KAIGI_DATA_DIR",
    "KAIGI_NOW",
    "KAIGI_REMIND",
    "KAIGI_UI_LANG",
];

/// kaigi (会議): take notes at conferences, in the terminal.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
pub struct Cli {
    /// Where schedules and notes live (default: the platform's data directory, e.g.
    /// ~/.local/share/kaigi on Linux).
    #[arg(long, value_name = "DIR", env = "KAIGI_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// The conference to open (or, with `import`, the id to import it as); `kaigi list` shows
    /// the ids.
    #[arg(long, value_name = "ID", global = true)]
    pub conference: Option<String>,

    /// Rehearse before the conference: run as if the clock said this instant (RFC 3339, e.g.
    /// 2026-12-03T10:50:00+09:00). What is on now, the talk kaigi opens in, new sessions' start
    /// times and the notes' minute gutter all follow it; the clock runs on from there.
    #[arg(long, value_name = "INSTANT", env = "KAIGI_NOW", global = true)]
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Minutes before a starred session when kaigi announces it (a notice, the bell and a
    /// desktop notification); 0 turns it off. Default: the settings file's, else 5.
    #[arg(long, value_name = "MINUTES", env = "KAIGI_REMIND", global = true)]
    pub remind: Option<i64>,
    /// The interface's language: en or ja. Default: the settings file's `language`, else
    /// Japanese with a Japanese locale (LC_ALL, LC_MESSAGES, LANG), else English.
    #[arg(long, value_name = "LANG", env = "KAIGI_UI_LANG", global = true)]
    pub ui_lang: Option<LangArg>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a published schedule, from a file or straight from its URL: iCalendar (.ics),
    /// frab/pretalx schedule.json, c3voc schedule v2, frab/pentabarf schedule.xml, Sessionize
    /// JSON, a CSV/TSV timetable or kaigi's own schedule JSON. Importing an updated schedule
    /// again keeps every note, star and session you added; `kaigi refresh` does it again from
    /// the same place.
    Import {
        /// The schedule file, or the URL it is published at (http or https).
        #[arg(value_name = "FILE|URL")]
        file: PathBuf,
        /// The conference's name (default: the one in the file).
        #[arg(long)]
        name: Option<String>,
        /// The conference's IANA time zone, e.g. Asia/Tokyo (default: the one in the file).
        #[arg(long, value_name = "AREA/CITY", value_parser = parse_tz)]
        tz: Option<Tz>,
        /// Import even when that removes more than half of the conference's sessions.
        #[arg(long)]
        force: bool,
    },
    /// Make a conference with no published schedule (add its sessions in the app with `n`, or
    /// import a spreadsheet into it). `--conference ID` chooses its id.
    New {
        /// The conference's name, e.g. "AWS Summit Tokyo 2017".
        name: String,
        /// Its first day.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        from: chrono::NaiveDate,
        /// Its last day (default: the first; a one-day event).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        to: Option<chrono::NaiveDate>,
        /// Its IANA time zone, e.g. Asia/Tokyo (default: this computer's).
        #[arg(long, value_name = "AREA/CITY", value_parser = parse_tz)]
        tz: Option<Tz>,
    },
    /// Import the conference's schedule again from where it came from (a URL is asked only
    /// for a change); everything you added stays.
    Refresh {
        /// Refresh even when that removes more than half of the conference's sessions.
        #[arg(long)]
        force: bool,
    },
    /// List the conferences in the data directory with their dates and notes.
    List,
    /// The settings file: where it is, or every setting at its default to start one from.
    Settings {
        /// Print the settings file with every setting at its default.
        #[arg(long)]
        print_default: bool,
    },
    /// Print a completion script for a shell (see README for where it goes).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or with --dir write kaigi.1 and a page for each command
    /// (kaigi-export.1…) into a folder.
    Man {
        /// Write every page into this folder, e.g. ~/.local/share/man/man1.
        #[arg(long, value_name = "FOLDER")]
        dir: Option<PathBuf>,
    },
    /// Write a day's notes (or all of them) as a blog post in Markdown, to standard output or a
    /// file.
    Export {
        /// The conference day to export (default: today if the conference is on, else its
        /// first day, or its last day once it is over).
        #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "all")]
        day: Option<chrono::NaiveDate>,
        /// Export every day.
        #[arg(long)]
        all: bool,
        /// Export only this session (its id).
        #[arg(long, value_name = "ID")]
        session: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave out the closing list of open follow-ups.
        #[arg(long)]
        no_followups_section: bool,
        /// Start each bullet with the minute into the session it was written, e.g. +12m.
        #[arg(long)]
        timestamps: bool,
        /// Language of headings, dates and labels: en (Thursday, 3 December 2026) or ja
        /// (2026/12/03(木)). Default: ja for a Japanese conference or locale, else en.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Where the post is published: gfm (GitHub), hatena (Hatena Blog), zenn, qiita or
        /// commonmark.
        /// (Default: the settings file's export target, else gfm.)
        #[arg(long = "for", value_name = "TARGET", value_parser = target_parser())]
        target: Option<crate::export::Target>,
        /// Escape every Markdown character typed in the notes, so none takes effect.
        #[arg(long)]
        literal: bool,
        /// The post's title: front matter for Zenn, Qiita and Hatena (blogsync), the level-1
        /// heading for gfm and commonmark.
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// A tag for the front matter (Zenn topics, Qiita tags, Hatena categories); repeat it.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Start with a table of contents.
        #[arg(long)]
        toc: bool,
        /// Write a standalone HTML page of the post, to look at in a browser before publishing.
        #[arg(long)]
        html: bool,
        /// Write the starred sessions as an iCalendar file (for a phone's calendar) instead.
        #[arg(long, conflicts_with_all = ["html", "day", "session"])]
        ics: bool,
        /// With --ics: an alarm this many minutes before each session.
        #[arg(long, value_name = "MINUTES", requires = "ics")]
        alarm: Option<i64>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LangArg {
    En,
    Ja,
}

impl From<LangArg> for crate::export::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => crate::export::Lang::En,
            LangArg::Ja => crate::export::Lang::Ja,
        }
    }
}

/// A day with its year, written as people write one: `2017-05-30`, `2017/5/30`, `2017年5月30日`.
fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    let far = chrono::NaiveDate::MIN;
    // A date written without its year would take the year of `far`, and be refused.
    crate::model::entry::date(s, far)
        .filter(|d| d.year() > 1000)
        .ok_or_else(|| format!("{s:?} is not a date with its year, such as 2017-05-30"))
}

/// The targets as the shells' completions offer them.
fn target_parser() -> impl clap::builder::TypedValueParser<Value = crate::export::Target> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(["gfm", "hatena", "zenn", "qiita", "commonmark"])
        .map(|s| s.parse().unwrap_or_default())
}

fn parse_tz(s: &str) -> Result<Tz, String> {
    s.parse()
        .map_err(|_| format!("{s:?} is not an IANA time zone name such as Asia/Tokyo"))
}
