//! What was downloaded last for a conference imported from a URL (`source.json` beside its
//! schedule): the validators to ask only for a change, and when the copy kept was fetched.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{StorageError, Store, write_atomic};
use crate::fetch::Validators;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Download {
    pub url: String,
    #[serde(flatten)]
    pub validators: Validators,
    /// When the copy kept was downloaded.
    pub fetched_at: chrono::DateTime<chrono::Utc>,
}

impl Store {
    fn download_path(&self, folder: &str) -> PathBuf {
        self.schedule_path(folder).with_file_name("source.json")
    }

    /// What was downloaded last for the conference in `folder`, if it came from a URL.
    pub fn download_record(&self, folder: &str) -> Option<Download> {
        let bytes = std::fs::read(self.download_path(folder)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Remembers a download of `url` for the conference in `folder`, made now.
    pub fn remember_download(
        &self,
        folder: &str,
        url: &str,
        validators: Validators,
    ) -> Result<(), StorageError> {
        let record = Download {
            url: url.to_string(),
            validators,
            fetched_at: chrono::Utc::now(),
        };
        let path = self.download_path(folder);
        self.writable(&path)?;
        let json = serde_json::to_vec_pretty(&record).expect("a download record is JSON");
        write_atomic(&path, &json)
    }
}
