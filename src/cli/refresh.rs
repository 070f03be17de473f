//! `kaigi refresh`: the conference's schedule imported again from where it came from, a URL
//! asked only for a change (what was downloaded last is kept in `source.json` beside the
//! schedule); offline, the copy kept stays and it says so.

use std::path::Path;

use anyhow::{Context as _, bail};
use rust_i18n::t;

use super::Cli;
use super::commands::out;
use super::importing::{file_source, import_text, web_source};
use crate::fetch;
use crate::storage::Store;

/// `kaigi refresh`: imports the conference's schedule again from where it came from (the URL
/// asked only for a change; a file read again). Offline, the copy kept stays and it says so.
pub fn refresh(cli: &Cli, force: bool) -> anyhow::Result<()> {
    let store = Store::open(cli.data_dir.clone())?;
    let folder = match &cli.conference {
        Some(id) => store.find_conference(id).with_context(|| {
            t!("cli.refresh_no_conference", id = format!("{id:?}")).into_owned()
        })?,
        None => store
            .last_conference()
            .with_context(|| t!("cli.which_conference").into_owned())?,
    };
    let conference = store.load_conference(&folder)?;
    let Some(place) = conference.source.clone() else {
        bail!(t!("cli.nothing_to_refresh", name = conference.name).into_owned());
    };
    let cli = Cli {
        conference: Some(conference.id.clone()),
        data_dir: cli.data_dir.clone(),
        now: cli.now,
        remind: cli.remind,
        ui_lang: cli.ui_lang,
        command: None,
    };
    if !fetch::is_url(&place) {
        let source = file_source(Path::new(&place))?;
        import_text(&cli, &source, None, Some(conference.tz), None, force)?;
        return Ok(());
    }
    let record = store.download_record(&folder);
    let known = record.as_ref().map(|r| &r.validators);
    // When the copy kept was downloaded, in the conference's time.
    let fetched = record.as_ref().map(|r| {
        let local = r.fetched_at.with_timezone(&conference.tz);
        local.format("%Y-%m-%d %H:%M %Z").to_string()
    });
    let name = &conference.name;
    match fetch::fetch(&place, known, fetch::show_progress) {
        Ok(fetch::Fetched::NotModified) => {
            out(match &fetched {
                Some(time) => t!(
                    "cli.unchanged_from",
                    name = name,
                    place = place,
                    time = time
                ),
                None => t!("cli.unchanged", name = name, place = place),
            })?;
            Ok(())
        }
        Ok(fetch::Fetched::Body { text, validators }) => {
            let source = web_source(&place, text);
            let download = Some((place.as_str(), validators));
            import_text(&cli, &source, None, Some(conference.tz), download, force)?;
            Ok(())
        }
        Err(e @ (fetch::FetchError::Offline { .. } | fetch::FetchError::Timeout { .. })) => {
            bail!(
                match &fetched {
                    Some(time) => t!("cli.offline_kept_from", error = e, time = time),
                    None => t!("cli.offline_kept", error = e),
                }
                .into_owned()
            )
        }
        Err(e) => Err(e.into()),
    }
}
