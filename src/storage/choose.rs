//! Which conference to open when none is named: the one on today (the one used last among
//! several), else the one opened or imported last, else the first; and, in a data directory with
//! none at all, the bundled sample, copied in so that notes taken on it have a home.

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use super::{Stamp, Store};
use crate::model::schedule::{Conference, ScheduleFile};

/// The conference folder to open: the one asked for; else the one on today; else the one
/// opened or imported last; else the first. With none at all, the bundled sample is copied in so
/// that notes taken on it have a home.
pub fn choose_conference(
    store: &Store,
    requested: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    pick_conference(store, requested, now, &[]).map(|(folder, _)| folder)
}

/// [`choose_conference`] leaving out the folders in `skip`, with the schedule file when choosing
/// it meant reading it (the one on today), so that opening it does not parse it again.
pub fn pick_conference(
    store: &Store,
    requested: Option<&str>,
    now: DateTime<Utc>,
    skip: &[String],
) -> anyhow::Result<(String, Option<(ScheduleFile, Stamp)>)> {
    if let Some(id) = requested {
        let folder = store.find_conference(id).with_context(|| {
            rust_i18n::t!(
                "err.no_conference",
                id = format!("{:?}", crate::text::clean(id)),
                dir = store.root().display()
            )
            .into_owned()
        })?;
        return Ok((folder, None));
    }
    let all = store.conference_folders();
    if all.is_empty() {
        let sample = Conference::sample();
        store
            .save_conference(&sample)
            .context(rust_i18n::t!("err.setting_up").into_owned())?;
        return Ok((super::file_stem(&sample.id), None));
    }
    let folders: Vec<String> = all.into_iter().filter(|f| !skip.contains(f)).collect();
    if folders.is_empty() {
        anyhow::bail!(rust_i18n::t!(
            "err.none_openable",
            dir = store.root().display()
        ));
    }
    // Of the conferences on today, the one used last; else the first in name order.
    let last = store.last_conference().filter(|l| folders.contains(l));
    let on_today = last
        .iter()
        .chain(folders.iter().filter(|f| Some(*f) != last.as_ref()))
        .find_map(|f| {
            let (file, stamp) = store.read_schedule(f).ok()?;
            file.runs_on(now).then(|| (f.clone(), Some((file, stamp))))
        });
    let last = || (last.unwrap_or_else(|| folders[0].clone()), None);
    Ok(on_today.unwrap_or_else(last))
}
