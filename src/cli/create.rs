//! `kaigi new`: a conference with no published schedule, made from its name, dates and time
//! zone.

use anyhow::{Context as _, bail};
use rust_i18n::t;

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

/// The same conference made again with another `--tz` while it has no sessions yet: the time
/// zone was wrong (this computer's, taken by default), and is put right. Whether it was.
fn retimed(store: &Store, name: &str, dates: Dates, tz: Tz) -> anyhow::Result<bool> {
    let id = crate::model::create::conference_id(name, dates.from);
    let Some(folder) = store.find_conference(&id) else {
        return Ok(false);
    };
    let Ok(mut there) = store.load_conference(&folder) else {
        return Ok(false);
    };
    let same = there.name == name.trim() && there.dates == Some(dates);
    if !same || there.tz == tz || !there.sessions().is_empty() {
        return Ok(false);
    }
    let was = there.tz;
    there.tz = tz;
    store.save_conference(&there)?;
    out(t!(
        "cli.retimed",
        name = format!("{:?}", there.name),
        id = id,
        tz = tz.name(),
        was = was.name()
    ))?;
    Ok(true)
}

pub fn new_conference(
    cli: &Cli,
    name: &str,
    from: NaiveDate,
    to: Option<NaiveDate>,
    tz: Option<Tz>,
) -> anyhow::Result<()> {
    let given = tz.is_some();
    let Some(tz) = tz.or_else(local_time_zone) else {
        bail!(t!("cli.tz_unknown").into_owned());
    };
    let dates = Dates {
        from,
        to: to.unwrap_or(from),
    };
    let store = Store::open(cli.data_dir.clone())?;
    if given && cli.conference.is_none() && retimed(&store, name, dates, tz)? {
        return Ok(());
    }
    let made = store.make_conference(name, dates, tz, cli.conference.as_deref())?;
    let (folder, file, id) = (&made.folder, &made.file, &made.file.id);
    store
        .set_last_conference(folder)
        .context(t!("cli.not_remembered").into_owned())?;
    let days = (dates.to - dates.from).num_days() + 1;
    let span = if days == 1 {
        format!("{}", dates.from)
    } else {
        format!("{} – {}", dates.from, dates.to)
    };
    let whose = if given {
        String::new()
    } else {
        t!("cli.made_local_tz").into_owned()
    };
    let (name, tz) = (format!("{:?}", file.name), tz.name());
    out(if days == 1 {
        t!(
            "cli.made_one",
            name = name,
            id = id,
            days = days,
            span = span,
            tz = tz,
            whose = whose
        )
    } else {
        t!(
            "cli.made_many",
            name = name,
            id = id,
            days = days,
            span = span,
            tz = tz,
            whose = whose
        )
    })?;
    if let Some((base, other)) = &made.taken_by {
        out(t!(
            "cli.id_taken",
            base = base,
            other = format!("{other:?}")
        ))?;
    }
    out(t!("cli.made_open", id = id))?;
    out(t!("cli.made_next", id = id))?;
    Ok(())
}
