//! Files kaigi writes beside a session's notes to keep them from being lost: the notes of a
//! deleted session (with the session, to bring both back) and notes kept after a crash. Each is
//! a new file, never one written before.

use std::path::PathBuf;

use super::notes::{DELETED_INFIX, RECOVERY_INFIX};
use super::{CopyKind, NotesCopy, StorageError, Store, file_stem};
use crate::model::outline::file::{NotesFile, Snapshot};

impl Store {
    /// Keeps the notes of session `snapshot.session`, being deleted with `session`, in a new
    /// file beside where its notes were; returns it as a copy to offer for restoring.
    pub fn keep_deleted(
        &self,
        snapshot: Snapshot,
        session: crate::model::schedule::Session,
    ) -> Result<NotesCopy, StorageError> {
        let time = snapshot.saved_at.format("%Y%m%dT%H%M%S");
        let dir = self.conference_dir(&snapshot.conference).join("notes");
        let stem = file_stem(&snapshot.session);
        let (outline, meta, saved_at) = (
            snapshot.outline.clone(),
            snapshot.meta.clone(),
            snapshot.saved_at,
        );
        let session_id = snapshot.session.clone();
        let mut file = snapshot.into_file();
        file.deleted_session = Some(Box::new(session.clone()));
        let bytes = serde_json::to_vec_pretty(&file).map_err(|source| StorageError::Json {
            path: dir.clone(),
            source,
        })?;
        for n in 1.. {
            let extra = if n > 1 {
                format!("-{n}")
            } else {
                String::new()
            };
            let path = dir.join(format!("{stem}{DELETED_INFIX}{time}{extra}.json"));
            self.writable(&path)?;
            if super::io::Io::real().write_new(&path, &bytes)? {
                return Ok(NotesCopy {
                    kind: CopyKind::Deleted,
                    path,
                    session: session_id,
                    outline,
                    meta,
                    saved_at,
                    deleted_session: Some(Box::new(session)),
                });
            }
        }
        unreachable!("some file name is free")
    }

    /// Where notes kept after a crash go: a new file beside the session's, never one written
    /// before (each crash keeps its own).
    pub fn recovery_path(&self, conference: &str, session: &str, n: usize) -> PathBuf {
        let time = chrono::Local::now().format("%Y%m%dT%H%M%S");
        let extra = if n > 1 {
            format!("-{n}")
        } else {
            String::new()
        };
        self.conference_dir(conference).join("notes").join(format!(
            "{}{RECOVERY_INFIX}{time}{extra}.json",
            file_stem(session)
        ))
    }

    /// Writes copy `copy` of conference `conference`'s notes back to its file (a restore was
    /// undone); a file already there is left as it is.
    pub fn rewrite_copy(&self, conference: &str, copy: &NotesCopy) -> Result<(), StorageError> {
        let mut file = NotesFile::new(
            conference,
            &copy.session,
            &copy.outline,
            &copy.meta,
            copy.saved_at,
        );
        file.deleted_session = copy.deleted_session.clone();
        let bytes = serde_json::to_vec_pretty(&file).map_err(|source| StorageError::Json {
            path: copy.path.clone(),
            source,
        })?;
        self.writable(&copy.path)?;
        super::io::Io::real().write_new(&copy.path, &bytes)?;
        Ok(())
    }
}
