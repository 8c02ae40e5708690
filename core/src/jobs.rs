//! Long jobs (imports, exports) that report how far they have got and can be
//! cancelled. The caller hands the core a [`Watch`]: a cancel flag it may set
//! from another thread (the app's Cancel button) and a callback told of each
//! step. The job checks the flag between steps and stops with
//! [`Error::Cancelled`]; what it had written is undone by the job itself (a
//! rolled-back transaction, a removed temporary file).

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// What a job is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum JobStage {
    /// Reading the file or the register.
    Reading,
    /// Checking each row of an import.
    Checking,
    /// Writing each row (to the register, or into the file being built).
    Writing,
    /// Saving the finished file.
    Saving,
}

/// How far a job has got: `done` of `total` in `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct JobProgress {
    pub stage: JobStage,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// The cancel flag and progress callback a job runs under.
pub struct Watch<'a> {
    cancel: Option<&'a AtomicBool>,
    report: Option<&'a dyn Fn(JobProgress)>,
    /// The last step told, so a job of many rows sends about a hundred
    /// messages, not one per row.
    last: Cell<Option<(JobStage, u64)>>,
    /// What was being done, for the cancelled error's message.
    what: &'a str,
}

impl Watch<'static> {
    /// A job nobody watches or cancels (the CLI, tests).
    pub fn none() -> Self {
        Self {
            cancel: None,
            report: None,
            last: Cell::new(None),
            what: "",
        }
    }
}

impl<'a> Watch<'a> {
    /// Watches a job: `cancel` stops it when set; `report` hears each step.
    pub fn new(cancel: &'a AtomicBool, report: &'a dyn Fn(JobProgress)) -> Self {
        Self {
            cancel: Some(cancel),
            report: Some(report),
            last: Cell::new(None),
            what: "",
        }
    }

    /// Names what the job does and what cancelling leaves ("The import was
    /// cancelled: nothing was imported"), for the error a cancel returns.
    pub(crate) fn saying(self, what: &'a str) -> Self {
        Self { what, ..self }
    }

    /// [`Error::Cancelled`] once the flag is set.
    pub fn check(&self) -> Result<()> {
        match self.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => {
                Err(Error::Cancelled(if self.what.is_empty() {
                    "Cancelled: nothing was changed.".to_owned()
                } else {
                    self.what.to_owned()
                }))
            }
            _ => Ok(()),
        }
    }

    /// Tells the watcher of `done` of `total` in `stage` (when the percentage
    /// moves, the stage changes, or the stage is finished), then checks the
    /// cancel flag.
    pub fn step(&self, stage: JobStage, done: u64, total: u64) -> Result<()> {
        if let Some(report) = self.report {
            let percent = (done * 100).checked_div(total).unwrap_or(100);
            let tell = match self.last.get() {
                Some((last_stage, last_percent)) => {
                    last_stage != stage || last_percent != percent || done == total
                }
                None => true,
            };
            if tell {
                self.last.set(Some((stage, percent)));
                report(JobProgress { stage, done, total });
            }
        }
        self.check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn a_long_job_is_told_about_a_hundred_times_and_always_its_end() {
        let flag = AtomicBool::new(false);
        let heard = RefCell::new(Vec::new());
        let report = |p: JobProgress| heard.borrow_mut().push(p);
        let watch = Watch::new(&flag, &report);
        for done in 0..=10_000 {
            watch
                .step(JobStage::Writing, done, 10_000)
                .expect("not cancelled");
        }
        let heard = heard.into_inner();
        assert!(
            (100..=102).contains(&heard.len()),
            "one message per percent, not per row: {}",
            heard.len()
        );
        assert_eq!(heard.last().map(|p| p.done), Some(10_000));
    }

    #[test]
    fn setting_the_flag_stops_the_job_with_its_own_message() {
        let flag = AtomicBool::new(false);
        let report = |_: JobProgress| {};
        let watch =
            Watch::new(&flag, &report).saying("The export was cancelled: no file was written.");
        assert!(watch.step(JobStage::Reading, 0, 1).is_ok());
        flag.store(true, Ordering::Relaxed);
        let err = watch.step(JobStage::Reading, 1, 1).expect_err("cancelled");
        assert_eq!(err.code(), crate::ErrorCode::Cancelled);
        assert_eq!(
            err.to_string(),
            "The export was cancelled: no file was written."
        );
        assert!(
            Watch::none().check().is_ok(),
            "an unwatched job never stops"
        );
    }
}
