//! `kaigi new`: a conference with no published schedule, made from its name, dates and time
//! zone.

use anyhow::{Context as _, bail};

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::Cli;
use super::commands::out;
use crate::model::schedule::Dates;
use crate::storage::Store;

/// This computer's IANA time zone, when it can be told.
pub fn local_time_zone() -> Option<Tz> {
    iana_time_zone::get_timezone().ok()?.parse().ok()
}

pub fn new_conference(
    cli: &Cli,
    name: &str,
    from: NaiveDate,
    to: Option<NaiveDate>,
    tz: Option<Tz>,
) -> anyhow::Result<()> {
    let Some(tz) = tz.or_else(local_time_zone) else {
        bail!("this computer's time zone is unknown: pass --tz, e.g. --tz Asia/Tokyo");
    };
    let dates = Dates {
        from,
        to: to.unwrap_or(from),
    };
    let store = Store::open(cli.data_dir.clone())?;
    let made = store.make_conference(name, dates, tz, cli.conference.as_deref())?;
    let (folder, file, id) = (&made.folder, &made.file, &made.file.id);
    store
        .set_last_conference(folder)
        .context("the conference was made, but not remembered as the one to open")?;
    let days = (dates.to - dates.from).num_days() + 1;
    let span = if days == 1 {
        format!("{}", dates.from)
    } else {
        format!("{} – {}", dates.from, dates.to)
    };
    let plural = if days == 1 { "" } else { "s" };
    out(format_args!(
        "Made {:?} ({id}): {days} day{plural}, {span}, time zone {}",
        file.name,
        tz.name()
    ))?;
    if let Some((base, other)) = &made.taken_by {
        out(format_args!("  ({base} is the id of {other:?} already)"))?;
    }
    out(format_args!(
        "Open it with: kaigi --conference {id}   (plain `kaigi` opens it next time too)"
    ))?;
    out(format_args!(
        "In the app, n adds the talk that is starting; or import a timetable: kaigi import FILE.csv --conference {id}"
    ))?;
    Ok(())
}
