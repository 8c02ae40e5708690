//! The tracker export as the app runs it: checked against Excel's row limit
//! before the save dialog is shown, then built row by row under a
//! [`Watch`] (progress, and a Cancel that leaves no file behind: the rows go
//! into a temporary file beside the target, renamed over it only once whole,
//! and removed when the export stops).

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::tracker::TrackerOptions;
use super::{tracker_bytes_watched, write_whole_checked, ExportFormat, ExportReport};
use crate::error::{Error, Result};
use crate::jobs::{JobStage, Watch};
use crate::register::Register;

/// The most rows an Excel worksheet holds, the heading row included.
pub const EXCEL_ROWS: usize = 1_048_576;

/// What a cancelled export says (the whole-register export says it too).
pub(crate) const CANCELLED: &str = "The export was cancelled: no file was written.";

/// What the app learns before asking where to save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportCheck {
    /// The tracker's rows (actions), not counting the heading row.
    #[ts(type = "number")]
    pub rows: usize,
    /// Something to tell the user before they save (a CSV longer than Excel
    /// opens); the export may still go ahead.
    pub warning: Option<String>,
}

/// The row limit in force: Excel's, or in debug builds a smaller one from
/// `CASEREVIEW_EXCEL_ROW_LIMIT`, so the refusal can be tested end to end
/// without a register of a million actions.
pub fn excel_rows() -> usize {
    #[cfg(debug_assertions)]
    if let Some(limit) = std::env::var("CASEREVIEW_EXCEL_ROW_LIMIT")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|l| *l > 1)
    {
        return limit;
    }
    EXCEL_ROWS
}

/// Whether `rows` actions (plus the heading row) fit in `limit` rows: an
/// Excel workbook that would not is refused with `too_many_rows`; a CSV is
/// allowed with a warning, as other programs read it whole.
pub fn check_rows(rows: usize, format: ExportFormat, limit: usize) -> Result<ExportCheck> {
    let needed = rows.saturating_add(1);
    let fits = needed <= limit;
    let warning = match format {
        ExportFormat::Xlsx if !fits => {
            return Err(Error::TooManyRows(format!(
                "The tracker has {} actions: with its heading row that is {} rows, more than an Excel worksheet holds ({}). Export one review at a time or exceptions only, or choose CSV or JSON.",
                thousands(rows),
                thousands(needed),
                thousands(limit)
            )))
        }
        ExportFormat::Csv if !fits => Some(format!(
            "The tracker has {} actions: Excel opens only the first {} rows of a CSV file and leaves out the rest. Other programs read it whole.",
            thousands(rows),
            thousands(limit)
        )),
        _ => None,
    };
    Ok(ExportCheck { rows, warning })
}

/// "1,048,576".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Register {
    /// How many rows the tracker with `options` has, refused with
    /// `too_many_rows` when an Excel workbook could not hold them. The app
    /// asks before showing the save dialog.
    pub fn check_tracker_export(
        &self,
        options: &TrackerOptions,
        format: ExportFormat,
        today: NaiveDate,
    ) -> Result<ExportCheck> {
        let tracker = self.tracker(options, today)?;
        check_rows(tracker.rows.len(), format, excel_rows())
    }

    /// [`Register::export_tracker`] under `watch`: reading the register, each
    /// row into the file, then saving. A cancel before the file is whole
    /// leaves no file (nor any temporary one) and any file already at
    /// `path` as it was.
    pub fn export_tracker_watched(
        &self,
        options: &TrackerOptions,
        format: ExportFormat,
        path: &Path,
        today: NaiveDate,
        watch: Watch<'_>,
    ) -> Result<ExportReport> {
        self.export_tracker_limited(options, format, path, today, watch, excel_rows())
    }

    pub(crate) fn export_tracker_limited(
        &self,
        options: &TrackerOptions,
        format: ExportFormat,
        path: &Path,
        today: NaiveDate,
        watch: Watch<'_>,
        limit: usize,
    ) -> Result<ExportReport> {
        let watch = watch.saying(CANCELLED);
        watch.step(JobStage::Reading, 0, 1)?;
        let tracker = self.tracker(options, today)?;
        check_rows(tracker.rows.len(), format, limit)?;
        watch.step(JobStage::Reading, 1, 1)?;
        let bytes = tracker_bytes_watched(&tracker, format, &watch)?;
        watch.step(JobStage::Saving, 0, 1)?;
        // The last chance to cancel is after the temporary file is written
        // and before it is renamed over `path`.
        write_whole_checked(path, &bytes, true, || watch.check())?;
        tracing::info!(
            format = format.as_str(),
            rows = tracker.rows.len(),
            bytes = bytes.len(),
            "tracker exported"
        );
        Ok(ExportReport {
            path: path.display().to_string(),
            format,
            rows: tracker.rows.len(),
            demo: tracker.demo,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excel_workbook_over_the_limit_is_refused_and_a_csv_warned_of() {
        assert_eq!(
            check_rows(9, ExportFormat::Xlsx, 10).map(|c| c.rows).ok(),
            Some(9),
            "nine actions and the heading fill ten rows exactly"
        );
        let err = check_rows(10, ExportFormat::Xlsx, 10).expect_err("one too many");
        assert_eq!(err.code(), crate::ErrorCode::TooManyRows);
        assert!(
            err.to_string().contains("10 actions")
                && err.to_string().contains("11 rows")
                && err.to_string().contains("CSV or JSON"),
            "{err}"
        );
        let big = check_rows(EXCEL_ROWS, ExportFormat::Xlsx, EXCEL_ROWS).expect_err("real limit");
        assert!(big.to_string().contains("(1,048,576)"), "{big}");
        let csv = check_rows(10, ExportFormat::Csv, 10).expect("a CSV may go ahead");
        assert!(
            csv.warning
                .as_deref()
                .is_some_and(|w| w.contains("Excel opens only the first 10 rows")),
            "{csv:?}"
        );
        assert_eq!(
            check_rows(10, ExportFormat::Json, 10)
                .map(|c| c.warning)
                .ok(),
            Some(None)
        );
        assert_eq!(
            check_rows(5, ExportFormat::Csv, 10).map(|c| c.warning).ok(),
            Some(None)
        );
    }

    use std::cell::RefCell;
    use std::sync::atomic::{AtomicBool, Ordering};

    use crate::jobs::JobProgress;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 9, 1).expect("date")
    }

    fn demo() -> Register {
        let mut reg = Register::in_memory("Subgroup chair").expect("register");
        crate::demo::load(&mut reg, today()).expect("demo");
        reg
    }

    use crate::exports::files_in;

    #[test]
    fn a_cancel_while_building_or_saving_leaves_no_file_and_keeps_the_old_one() {
        let reg = demo();
        let dir = tempfile::tempdir().expect("dir");
        let fresh = dir.path().join("tracker.xlsx");
        let kept = dir.path().join("kept.csv");
        std::fs::write(&kept, b"the board's copy").expect("old file");
        for (format, path, stop_at) in [
            (ExportFormat::Xlsx, &fresh, JobStage::Writing),
            (ExportFormat::Csv, &fresh, JobStage::Writing),
            (ExportFormat::Xlsx, &fresh, JobStage::Saving),
            (ExportFormat::Csv, &kept, JobStage::Saving),
            (ExportFormat::Json, &kept, JobStage::Saving),
        ] {
            let flag = AtomicBool::new(false);
            // Cancel midway through the rows, or once the file is being saved.
            let report = |p: JobProgress| {
                if p.stage == stop_at && (stop_at == JobStage::Saving || p.done >= 2) {
                    flag.store(true, Ordering::Relaxed);
                }
            };
            let err = reg
                .export_tracker_watched(
                    &TrackerOptions::default(),
                    format,
                    path,
                    today(),
                    Watch::new(&flag, &report),
                )
                .expect_err("cancelled");
            assert_eq!(
                err.code(),
                crate::ErrorCode::Cancelled,
                "{format:?} {stop_at:?}"
            );
            assert_eq!(err.to_string(), CANCELLED);
            assert_eq!(
                files_in(dir.path()),
                ["kept.csv"],
                "{format:?} cancelled at {stop_at:?}: no file, no temporary file"
            );
            assert_eq!(std::fs::read(&kept).expect("old file"), b"the board's copy");
        }
    }

    #[test]
    fn an_export_tells_its_progress_and_writes_the_file() {
        let reg = demo();
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("tracker.xlsx");
        let flag = AtomicBool::new(false);
        let heard = RefCell::new(Vec::<JobProgress>::new());
        let report = |p: JobProgress| heard.borrow_mut().push(p);
        let done = reg
            .export_tracker_watched(
                &TrackerOptions::default(),
                ExportFormat::Xlsx,
                &path,
                today(),
                Watch::new(&flag, &report),
            )
            .expect("export");
        assert_eq!(done.rows, 5);
        assert!(path.exists());
        let heard = heard.into_inner();
        assert!(heard
            .iter()
            .any(|p| p.stage == JobStage::Writing && p.total == 5));
        assert_eq!(heard.last().map(|p| p.stage), Some(JobStage::Saving));
    }

    #[test]
    fn an_export_over_the_limit_is_refused_before_any_file_is_made() {
        let reg = demo();
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("tracker.xlsx");
        let err = reg
            .export_tracker_limited(
                &TrackerOptions::default(),
                ExportFormat::Xlsx,
                &path,
                today(),
                Watch::none(),
                5,
            )
            .expect_err("five actions and a heading need six rows");
        assert_eq!(err.code(), crate::ErrorCode::TooManyRows);
        assert!(files_in(dir.path()).is_empty());
        let csv = dir.path().join("tracker.csv");
        reg.export_tracker_limited(
            &TrackerOptions::default(),
            ExportFormat::Csv,
            &csv,
            today(),
            Watch::none(),
            5,
        )
        .expect("a CSV is written, with the warning shown beforehand");
        let check = reg
            .check_tracker_export(&TrackerOptions::default(), ExportFormat::Xlsx, today())
            .expect("the demo fits in Excel");
        assert_eq!((check.rows, check.warning), (5, None));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_048_576), "1,048,576");
    }
}
