//! The conferences in the data directory: their folders, schedules (read, written, moved to
//! quarantine when unreadable), summaries for the picker, and the stars of each.

use std::collections::HashSet;
use std::fs;
use std::path::PathBuf;

use super::{
    ConferenceSummary, Stamp, StorageError, Store, file_stem, read_stamped, without_bom,
    write_atomic,
};
use crate::model::create;
use crate::model::schedule::{Conference, Dates, ScheduleError, ScheduleFile};

/// A conference just made.
#[derive(Debug)]
pub struct Made {
    pub folder: String,
    pub file: ScheduleFile,
    /// The id derived from the name was another conference's: that id and its name.
    pub taken_by: Option<(String, String)>,
}

impl Store {
    /// The folders holding a schedule, as conference folder names, sorted.
    pub fn conference_folders(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.conferences_dir()) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().join("schedule.json").is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    /// Reads the schedule in conference folder `folder`. One written by a newer kaigi is
    /// [`StorageError::TooNew`]; a corrupt one [`StorageError::is_corrupt`], for
    /// [`Store::quarantine_schedule`].
    pub fn load_conference(&self, folder: &str) -> Result<Conference, StorageError> {
        self.conference_from(folder, self.load_schedule(folder)?)
    }

    /// The conference of `folder` built from its schedule file, read already.
    pub fn conference_from(
        &self,
        folder: &str,
        file: ScheduleFile,
    ) -> Result<Conference, StorageError> {
        Conference::from_file(file).map_err(|source| StorageError::Schedule {
            path: self.schedule_path(folder),
            source,
        })
    }

    /// The schedule file of `folder`, checked as [`Conference::from_file`] would but without
    /// building its indexes: a re-import only merges it.
    pub fn load_schedule(&self, folder: &str) -> Result<ScheduleFile, StorageError> {
        self.read_schedule(folder).map(|(file, _)| file)
    }

    /// [`Store::load_schedule`], with the stamp of what was read, for the saver to tell a change
    /// made elsewhere (`kaigi import`, a sync tool) from its own writes.
    pub fn read_schedule(&self, folder: &str) -> Result<(ScheduleFile, Stamp), StorageError> {
        let path = self.schedule_path(folder);
        let (bytes, stamp) = read_stamped(&path)?;
        let file: Result<ScheduleFile, ScheduleError> =
            serde_json::from_slice(without_bom(&bytes)).map_err(ScheduleError::from);
        match file.and_then(|f| f.check().map(|_| f)) {
            Ok(file) => Ok((file, stamp)),
            Err(ScheduleError::TooNew(version)) => Err(StorageError::TooNew { path, version }),
            Err(source) => Err(StorageError::Schedule { path, source }),
        }
    }

    /// The schedule of `folder` written by a newer kaigi, read as far as this build understands
    /// it, to be shown and never written; with the version it carries.
    pub fn read_newer_schedule(&self, folder: &str) -> Result<(ScheduleFile, u32), StorageError> {
        let path = self.schedule_path(folder);
        let (bytes, _) = read_stamped(&path)?;
        let mut file: ScheduleFile =
            serde_json::from_slice(without_bom(&bytes)).map_err(|e| StorageError::Schedule {
                path: path.clone(),
                source: ScheduleError::from(e),
            })?;
        let version = file.version;
        file.version = crate::model::schedule::SCHEDULE_VERSION;
        file.check()
            .map_err(|source| StorageError::Schedule { path, source })?;
        Ok((file, version))
    }

    /// The schedule file of conference folder `folder`.
    pub fn schedule_path(&self, folder: &str) -> PathBuf {
        self.conferences_dir().join(folder).join("schedule.json")
    }

    /// Moves the schedule of `folder` into `quarantine/` under a time-stamped name, so the
    /// conference stops being listed and a fresh import can take its place; its notes stay where
    /// they are. Refuses a schedule from a newer kaigi. Returns where the file went.
    pub fn quarantine_schedule(&self, folder: &str) -> Result<PathBuf, StorageError> {
        let path = self.schedule_path(folder);
        if let Err(e @ StorageError::TooNew { .. }) = self.load_conference(folder) {
            return Err(e);
        }
        self.quarantine(&path, &format!("{}-schedule.json", file_stem(folder)))
    }

    /// Writes the schedule of `conference` into its folder.
    pub fn save_conference(&self, conference: &Conference) -> Result<(), StorageError> {
        let (path, json) = self.schedule_file(conference);
        self.writable(&path)?;
        write_atomic(&path, &json)
    }

    /// Makes a conference with no sessions yet, held on `dates` in `tz`, with id `id` if given
    /// (never one in use), else one derived from its name or dates. Made twice by mistake (same
    /// name and dates), the second is refused.
    pub fn make_conference(
        &self,
        name: &str,
        dates: Dates,
        tz: chrono_tz::Tz,
        id: Option<&str>,
    ) -> Result<Made, StorageError> {
        let mut taken_by = None;
        let id = match id {
            Some(id) => id.to_string(),
            None => {
                let base = create::conference_id(name, dates.from);
                if let Some(folder) = self.find_conference(&base)
                    && let Ok(there) = self.load_conference(&folder)
                {
                    if there.name == name.trim() && there.dates == Some(dates) {
                        return Err(StorageError::Duplicate {
                            name: there.name,
                            id: base,
                        });
                    }
                    taken_by = Some((base.clone(), there.name));
                }
                create::unused_id(&base, |id| self.find_conference(id).is_some())
            }
        };
        let file = create::empty_schedule(&id, name, tz, dates.from, dates.to)?;
        let folder = self.create_conference(&file)?;
        Ok(Made {
            folder,
            file,
            taken_by,
        })
    }

    /// Writes the schedule of a new conference, never over one that exists (by folder or by
    /// the id in its schedule); returns its folder.
    pub fn create_conference(&self, file: &ScheduleFile) -> Result<String, StorageError> {
        if self.find_conference(&file.id).is_some() {
            return Err(StorageError::Exists(file.id.clone()));
        }
        let folder = file_stem(&file.id);
        let path = self.schedule_path(&folder);
        self.writable(&path)?;
        let json = serde_json::to_vec_pretty(file).expect("a schedule always serialises to JSON");
        if !super::io::Io::real().write_new(&path, &json)? {
            return Err(StorageError::Exists(file.id.clone()));
        }
        Ok(folder)
    }

    /// The schedule file's path and contents, for writing now or by the saver.
    pub fn schedule_file(&self, conference: &Conference) -> (PathBuf, Vec<u8>) {
        let path = self.conference_dir(&conference.id).join("schedule.json");
        let json = serde_json::to_vec_pretty(&conference.to_file())
            .expect("a schedule always serialises to JSON");
        (path, json)
    }

    /// The folder holding conference `id`: its own escaped name, or any folder whose schedule
    /// carries that id.
    pub fn find_conference(&self, id: &str) -> Option<String> {
        let folders = self.conference_folders();
        let stem = file_stem(id);
        if folders.contains(&stem) {
            return Some(stem);
        }
        folders
            .into_iter()
            .find(|f| self.load_conference(f).is_ok_and(|c| c.id == id))
    }

    /// Every conference in the data directory with its dates and how many notes it holds;
    /// unreadable ones are reported in the second list.
    pub fn summaries(&self) -> (Vec<ConferenceSummary>, Vec<String>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for folder in self.conference_folders() {
            let (conference, newer) = match self.load_conference(&folder) {
                Ok(c) => (c, false),
                // Listed all the same: kaigi shows it, read-only.
                Err(StorageError::TooNew { .. }) => match self
                    .read_newer_schedule(&folder)
                    .ok()
                    .and_then(|(file, _)| Conference::from_file(file).ok())
                {
                    Some(c) => (c, true),
                    None => {
                        problems.push(
                            rust_i18n::t!(
                                "err.newer_unreadable",
                                path = self.schedule_path(&folder).display()
                            )
                            .into_owned(),
                        );
                        continue;
                    }
                },
                Err(e) => {
                    problems.push(e.to_string());
                    continue;
                }
            };
            let (sessions_with_notes, bullets) = self.count_notes(&conference.id);
            let name = if newer {
                rust_i18n::t!("err.newer_name", name = conference.name).into_owned()
            } else {
                conference.name.clone()
            };
            out.push(ConferenceSummary {
                folder,
                id: conference.id.clone(),
                name,
                first_day: conference.days().first().copied(),
                last_day: conference.days().last().copied(),
                sessions: conference.sessions().len(),
                sessions_with_notes,
                bullets,
            });
        }
        problems.extend(self.orphaned_notes());
        (out, problems)
    }

    /// Conference folders holding notes but no schedule (it was moved to `quarantine/`, or
    /// deleted), with how to bring them back: their notes are kept, not shown.
    fn orphaned_notes(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.conferences_dir()) else {
            return Vec::new();
        };
        let mut out: Vec<String> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| !p.join("schedule.json").is_file())
            .filter(|p| fs::read_dir(p.join("notes")).is_ok_and(|mut d| d.next().is_some()))
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .map(|folder| rust_i18n::t!("err.orphaned_notes", folder = folder).into_owned())
            .collect();
        out.sort();
        out
    }

    /// The stars file of conference `conference`.
    pub fn stars_path(&self, conference: &str) -> PathBuf {
        self.conference_dir(conference).join("stars.json")
    }

    /// The sessions starred in `conference` (none if the file is missing or unreadable).
    pub fn load_stars(&self, conference: &str) -> HashSet<String> {
        self.read_stars(conference).0
    }

    /// [`Store::load_stars`], with the stamp of the file read (`None` if there is none).
    pub fn read_stars(&self, conference: &str) -> (HashSet<String>, Option<Stamp>) {
        let path = self.stars_path(conference);
        let Ok((bytes, stamp)) = read_stamped(&path) else {
            return (HashSet::new(), None);
        };
        let stars = serde_json::from_slice::<StarsFile>(without_bom(&bytes))
            .map(|f| f.starred.into_iter().collect())
            .unwrap_or_default();
        (stars, Some(stamp))
    }

    /// The stars file's path and contents, for the saver.
    pub fn stars_file(&self, conference: &str, starred: &HashSet<String>) -> (PathBuf, Vec<u8>) {
        let mut starred: Vec<String> = starred.iter().cloned().collect();
        starred.sort();
        let file = StarsFile {
            version: 1,
            starred,
        };
        let json = serde_json::to_vec_pretty(&file).unwrap_or_default();
        (self.stars_path(conference), json)
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StarsFile {
    version: u32,
    starred: Vec<String>,
}
