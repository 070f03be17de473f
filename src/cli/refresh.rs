//! `kaigi refresh`: the conference's schedule imported again from where it came from, a URL
//! asked only for a change (what was downloaded last is kept in `source.json` beside the
//! schedule); offline, the copy kept stays and it says so.

use std::path::Path;

use anyhow::{Context as _, bail};

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
        Some(id) => store
            .find_conference(id)
            .with_context(|| format!("no conference {id:?} in the data directory (kaigi list)"))?,
        None => store
            .last_conference()
            .context("which conference? pass --conference ID (kaigi list shows them)")?,
    };
    let conference = store.load_conference(&folder)?;
    let Some(place) = conference.source.clone() else {
        bail!(
            "{} was not imported from a file or a URL (made with kaigi new?): nothing to refresh",
            conference.name
        );
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
    let kept = |r: &Option<crate::storage::Download>| {
        r.as_ref().map_or_else(String::new, |r| {
            let local = r.fetched_at.with_timezone(&conference.tz);
            format!(" from {}", local.format("%Y-%m-%d %H:%M %Z"))
        })
    };
    match fetch::fetch(&place, known, fetch::show_progress) {
        Ok(fetch::Fetched::NotModified) => {
            out(format_args!(
                "{}: unchanged at {place} (the copy{} is current)",
                conference.name,
                kept(&record)
            ))?;
            Ok(())
        }
        Ok(fetch::Fetched::Body { text, validators }) => {
            let source = web_source(&place, text);
            let download = Some((place.as_str(), validators));
            import_text(&cli, &source, None, Some(conference.tz), download, force)?;
            Ok(())
        }
        Err(e @ (fetch::FetchError::Offline { .. } | fetch::FetchError::Timeout { .. })) => {
            bail!("{e}; kept the copy{}", kept(&record))
        }
        Err(e) => Err(e.into()),
    }
}
