//! The import as the app runs it: the same two steps as
//! [`Register::plan_import`] and [`Register::apply_import`], telling a
//! [`Watch`] of each row and stopping when the user cancels. A cancelled
//! preview has written nothing; a cancelled import returns its error from
//! inside the transaction, which rolls back, so the register is as it was.

use std::path::Path;

use chrono::NaiveDate;

use super::{apply, plan, workbook, ImportOptions, ImportReport};
use crate::error::{Error, Result};
use crate::jobs::{JobStage, Watch};
use crate::register::Register;

const PLAN_CANCELLED: &str = "The preview was cancelled: nothing was imported.";
const APPLY_CANCELLED: &str =
    "The import was cancelled: nothing was imported, and the register is as it was.";

/// The names of the sheets in the tracker at `path` (a CSV file has one,
/// named after the file), for the user to choose from.
pub fn sheet_names(path: &Path) -> Result<Vec<String>> {
    Ok(workbook::read(path)?.into_iter().map(|s| s.name).collect())
}

impl Register {
    /// [`Register::plan_import`] under `watch`: reading the file, then each
    /// row checked. Writes nothing, cancelled or not.
    pub fn plan_import_watched(
        &self,
        path: &Path,
        options: &ImportOptions,
        today: NaiveDate,
        watch: Watch<'_>,
    ) -> Result<ImportReport> {
        let watch = watch.saying(PLAN_CANCELLED);
        watch.step(JobStage::Reading, 0, 1)?;
        let sheets = workbook::read(path)?;
        watch.step(JobStage::Reading, 1, 1)?;
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let start = self.clock_settings()?.year_start_month;
        plan::plan_watched(self.conn(), &file, sheets, options, today, start, &watch)
    }

    /// [`Register::apply_import`] under `watch`: each row written in the one
    /// transaction; a cancel at any point, even after the last row, rolls
    /// the whole import back.
    pub fn apply_import_watched(
        &mut self,
        report: &ImportReport,
        today: NaiveDate,
        watch: Watch<'_>,
    ) -> Result<ImportReport> {
        if report.written {
            return Err(Error::InvalidTransition(
                "This import has already been written to the register.".to_owned(),
            ));
        }
        let watch = watch.saying(APPLY_CANCELLED);
        self.write(|w| apply::apply_watched(w, report, today, &watch))?;
        tracing::info!(
            actions = report.counts.actions,
            recommendations = report.counts.recommendations,
            sources = report.counts.sources,
            "tracker imported"
        );
        Ok(ImportReport {
            written: true,
            ..report.clone()
        })
    }
}
