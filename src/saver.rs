//! Saving off the input path: a thread that serialises and writes notes files, so a slow disk
//! never delays a keystroke. Several snapshots of one session waiting at once are written once,
//! newest wins.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::outline::file::NotesFile;
use crate::storage::write_atomic;

/// A file to write.
pub struct Job {
    pub path: PathBuf,
    pub contents: Contents,
}

/// What goes in a file: notes are serialised on the saver thread, so a large session's JSON is
/// never built on the input path.
pub enum Contents {
    Notes(NotesFile),
    Bytes(Vec<u8>),
}

/// What became of a job.
pub struct Outcome {
    pub path: PathBuf,
    pub result: Result<(), String>,
    /// How many jobs this write covered (queued snapshots of one file are written once).
    jobs: usize,
}

pub struct Saver {
    jobs: Option<Sender<Job>>,
    pub outcomes: Receiver<Outcome>,
    thread: Option<JoinHandle<()>>,
    in_flight: usize,
}

impl Saver {
    pub fn spawn() -> Self {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (done_tx, outcomes) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("kaigi-saver".into())
            .spawn(move || {
                while let Ok(first) = job_rx.recv() {
                    let mut batch: HashMap<PathBuf, (Contents, usize)> = HashMap::new();
                    let mut order = Vec::new();
                    for job in std::iter::once(first).chain(job_rx.try_iter()) {
                        match batch.get_mut(&job.path) {
                            Some(entry) => *entry = (job.contents, entry.1 + 1),
                            None => {
                                order.push(job.path.clone());
                                batch.insert(job.path, (job.contents, 1));
                            }
                        }
                    }
                    for path in order {
                        let (file, jobs) = batch.remove(&path).expect("queued above");
                        let bytes = match file {
                            Contents::Notes(notes) => {
                                serde_json::to_vec_pretty(&notes).map_err(|e| e.to_string())
                            }
                            Contents::Bytes(b) => Ok(b),
                        };
                        let result =
                            bytes.and_then(|b| write_atomic(&path, &b).map_err(|e| e.to_string()));
                        if done_tx.send(Outcome { path, result, jobs }).is_err() {
                            return;
                        }
                    }
                }
            })
            .expect("the saver thread starts");
        Saver {
            jobs: Some(jobs),
            outcomes,
            thread: Some(thread),
            in_flight: 0,
        }
    }

    pub fn send(&mut self, job: Job) {
        if let Some(tx) = &self.jobs
            && tx.send(job).is_ok()
        {
            self.in_flight += 1;
        }
    }

    /// Outcomes that have arrived, without waiting.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let got: Vec<Outcome> = self.outcomes.try_iter().collect();
        let done: usize = got.iter().map(|o| o.jobs).sum();
        self.in_flight = self.in_flight.saturating_sub(done);
        got
    }

    /// Whether every job sent has been written (or failed).
    pub fn idle(&self) -> bool {
        self.in_flight == 0
    }

    /// Waits until every job sent so far is written, and returns their outcomes.
    pub fn wait_idle(&mut self) -> Vec<Outcome> {
        let mut got = Vec::new();
        while self.in_flight > 0 {
            let Ok(o) = self.outcomes.recv() else { break };
            self.in_flight = self.in_flight.saturating_sub(o.jobs);
            got.push(o);
        }
        got
    }

    /// Waits for every queued job to be written and returns their outcomes.
    pub fn finish(mut self) -> Vec<Outcome> {
        self.jobs.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.outcomes.try_iter().collect()
    }
}
