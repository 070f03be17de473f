//! F5: the schedule downloaded again from where it is published, on a thread of its own so
//! that typing never waits for the network; its answer taken in by the loop, through `update`.

use std::sync::mpsc::{TryRecvError, channel};

use super::event_loop::Loop;
use crate::action::System;
use crate::fetch::{self, Fetched};

impl Loop<'_> {
    /// Starts the download, unless one is on its way or the schedule came from no URL.
    pub(super) fn start_refresh(&mut self) {
        if self.refreshing.is_some() {
            self.notify(rust_i18n::t!("msg.already_refreshing").into_owned(), false);
            return;
        }
        let url = self.state.conference.source.clone();
        let Some(url) = url.filter(|u| fetch::is_url(u)) else {
            let text = rust_i18n::t!("msg.refresh_no_url");
            self.notify(text.into_owned(), false);
            return;
        };
        let known = self
            .store
            .download_record(&self.folder)
            .map(|d| d.validators);
        let (tx, rx) = channel();
        self.refreshing = Some(rx);
        let sent = url.clone();
        std::thread::spawn(move || {
            let answer = fetch::fetch(&sent, known.as_ref(), |_| {});
            let _ = tx.send((sent, answer));
        });
        self.notify(
            rust_i18n::t!("msg.refreshing", url = url).into_owned(),
            false,
        );
    }

    /// Takes in the download's answer once it is there; whether the screen needs drawing.
    pub(super) fn poll_refresh(&mut self) -> bool {
        let Some(rx) = &self.refreshing else {
            return false;
        };
        let (url, answer) = match rx.try_recv() {
            Ok(a) => a,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {
                self.refreshing = None;
                return false;
            }
        };
        self.refreshing = None;
        let kept = self
            .store
            .download_record(&self.folder)
            .map_or_else(String::new, |d| {
                let local = d.fetched_at.with_timezone(&self.state.conference.tz);
                let when = local.format("%m/%d %H:%M");
                rust_i18n::t!("msg.copy_from", when = when).into_owned()
            });
        match answer {
            Ok(Fetched::NotModified) => {
                let text = rust_i18n::t!("msg.schedule_unchanged", kept = kept);
                self.notify(text.into_owned(), false);
            }
            Ok(Fetched::Body { text, validators }) => self.take_download(&url, &text, validators),
            Err(e) => {
                let text = rust_i18n::t!("msg.refresh_failed", error = e, kept = kept);
                self.notify(text.into_owned(), true);
            }
        }
        true
    }

    fn take_download(&mut self, url: &str, text: &str, validators: fetch::Validators) {
        let c = &self.state.conference;
        let opts = crate::import::Options {
            id: Some(c.id.clone()),
            name: Some(c.name.clone()),
            ..Default::default()
        };
        let mut file = match crate::import::parse(text, &opts) {
            Ok(imported) => imported.schedule,
            Err(e) => {
                let text = rust_i18n::t!("msg.refresh_error", error = format!("{url}: {e}"));
                return self.notify(text.into_owned(), true);
            }
        };
        file.source = Some(url.to_string());
        // The wrong file, or one with only a few talks: not taken without `kaigi refresh --force`.
        let ours = c.to_file();
        let (_, changes) = crate::import::reimport::merge(Some(&ours), file.clone(), |_| false);
        if let Some((removed, before)) = changes.removes_most(&ours) {
            let text = rust_i18n::t!(
                "msg.refresh_removes_most",
                removed = removed,
                before = before
            );
            return self.notify(text.into_owned(), true);
        }
        if let Err(e) = self.store.remember_download(&self.folder, url, validators) {
            self.notify(
                rust_i18n::t!("msg.refresh_error", error = e).into_owned(),
                false,
            );
        }
        self.report(System::ScheduleRefreshed(Box::new(file)));
    }
}
