//! Long jobs the web view starts and may cancel: an import's preview and
//! write, a tracker export. The web view names each job; while it runs, its
//! progress goes back through a `Channel` and `cancel_job` sets its flag.
//! The flags live apart from the session, so Cancel is heard while the job
//! holds the session.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use casereview_core::jobs::{JobProgress, Watch};
use casereview_core::Result;
use tauri::ipc::Channel;

use super::Reply;

/// The cancel flags of the jobs running now, by the web view's name for them.
#[derive(Default)]
pub struct Jobs(Mutex<HashMap<String, Arc<AtomicBool>>>);

pub type JobsState<'a> = tauri::State<'a, Jobs>;

impl Jobs {
    /// Runs `f` as the job `job`: its progress sent on `channel`, its flag
    /// set by `cancel_job`, forgotten when it ends.
    pub fn run<T>(
        &self,
        job: &str,
        channel: &Channel<JobProgress>,
        f: impl FnOnce(Watch<'_>) -> Result<T>,
    ) -> Result<T> {
        let flag = Arc::new(AtomicBool::new(false));
        if let Ok(mut jobs) = self.0.lock() {
            jobs.insert(job.to_owned(), flag.clone());
        }
        // A window that has gone away cannot hear progress; the job goes on.
        let tell = |p: JobProgress| {
            let _ = channel.send(p);
        };
        let result = f(Watch::new(&flag, &tell));
        if let Ok(mut jobs) = self.0.lock() {
            jobs.remove(job);
        }
        result
    }

    /// Asks the job to stop; false when no such job is running (it has ended).
    fn cancel(&self, job: &str) -> bool {
        match self.0.lock() {
            Ok(jobs) => jobs
                .get(job)
                .map(|flag| flag.store(true, Ordering::Relaxed))
                .is_some(),
            Err(_) => false,
        }
    }
}

/// Cancels the job the web view named; whatever it had written is undone.
#[tauri::command]
pub fn cancel_job(jobs: JobsState<'_>, job: String) -> Reply<bool> {
    Ok(jobs.cancel(&job))
}
