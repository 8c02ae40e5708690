//! The whole-register export and import as the app runs them, under a
//! [`Watch`]: progress told per entity read or checked and per record
//! written, and a Cancel that undoes everything. A cancelled export leaves
//! no file (the file is built in memory, written to a temporary file and
//! renamed over the target only once whole); a cancelled preview has written
//! nothing; a cancelled import returns its error from inside the one
//! transaction, which rolls back, so the register is exactly as it was.

use std::path::Path;

use super::load::{self, ImportRegisterReport};
use super::{RegisterExportOptions, RegisterExportReport, RegisterFormat};
use crate::error::{Error, Result};
use crate::exports::{write_whole_checked, EXPORT_CANCELLED};
use crate::jobs::{JobStage, Watch};
use crate::register::Register;

const PREVIEW_CANCELLED: &str = "Checking the export was cancelled: nothing was imported.";
const IMPORT_CANCELLED: &str =
    "The import was cancelled: nothing was imported, and the register is as it was.";

/// Counts the steps of one stage of a job (entities read, records written),
/// telling the watch of each and stopping when it is cancelled.
pub(super) struct Records<'w, 'a> {
    watch: &'w Watch<'a>,
    stage: JobStage,
    done: u64,
    total: u64,
}

impl<'w, 'a> Records<'w, 'a> {
    pub(super) fn new(watch: &'w Watch<'a>, stage: JobStage, total: usize) -> Self {
        Self {
            watch,
            stage,
            done: 0,
            total: total as u64,
        }
    }

    /// Tells the watch the stage has begun (0 of its total).
    pub(super) fn start(&self) -> Result<()> {
        self.watch.step(self.stage, 0, self.total)
    }

    /// One more step done.
    pub(super) fn tick(&mut self) -> Result<()> {
        self.done += 1;
        self.watch.step(self.stage, self.done, self.total)
    }
}

/// The file at `path`, read whole, and its name for messages.
fn read_export(path: &Path, watch: &Watch<'_>) -> Result<(Vec<u8>, String)> {
    watch.step(JobStage::Reading, 0, 1)?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    watch.step(JobStage::Reading, 1, 1)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((bytes, name))
}

impl Register {
    /// [`Register::export_register`] under `watch`: each entity read, each
    /// record written into the file, then saving. A cancel before the file is
    /// whole leaves no file (nor any temporary one) and any file already at
    /// `path` as it was.
    pub fn export_register_watched(
        &self,
        format: RegisterFormat,
        options: &RegisterExportOptions,
        path: &Path,
        replace: bool,
        watch: Watch<'_>,
    ) -> Result<RegisterExportReport> {
        let watch = watch.saying(EXPORT_CANCELLED);
        let (bytes, header) = self.encode_register(format, options, &watch)?;
        watch.step(JobStage::Saving, 0, 1)?;
        // The last chance to cancel is after the temporary file is written
        // and before it is renamed over `path`.
        write_whole_checked(path, &bytes, replace, || watch.check())?;
        let records = header.counts.values().sum();
        // Counts only: neither case content nor the file name (it may carry a code).
        tracing::info!(
            format = format.as_str(),
            records,
            sensitive = options.include_sensitive,
            "register exported"
        );
        Ok(RegisterExportReport {
            path: path.display().to_string(),
            format,
            records,
            entities: header.counts.len(),
            sensitive_included: header.sensitive_included,
            demo: header.demo,
        })
    }

    /// What importing the export at `path` would bring in (records per
    /// entity), checked as the import checks it: refused when this register
    /// is not empty (`not_empty`), the file is not an export
    /// (`not_an_export`), is from a newer version (`export_too_new`) or lacks
    /// its sensitive fields (`export_incomplete`). Writes nothing.
    pub fn preview_register_import(
        &self,
        path: &Path,
        watch: Watch<'_>,
    ) -> Result<ImportRegisterReport> {
        let watch = watch.saying(PREVIEW_CANCELLED);
        load::ensure_empty(self)?;
        let (bytes, name) = read_export(path, &watch)?;
        let (header, tables) = self.decode_export(&bytes, &name)?;
        let prepared = load::prepare(self, &header, tables, &name, &watch)?;
        Ok(prepared.report(&header, &name, false))
    }

    /// [`Register::import_register`] under `watch`: reading the file,
    /// checking each entity, then each record written in one transaction;
    /// a cancel at any point, even after the last record, rolls it all back.
    pub fn import_register_watched(
        &mut self,
        path: &Path,
        watch: Watch<'_>,
    ) -> Result<ImportRegisterReport> {
        let watch = watch.saying(IMPORT_CANCELLED);
        // Refused before the file is even read: a register that holds
        // anything never takes an export.
        load::ensure_empty(self)?;
        let (bytes, name) = read_export(path, &watch)?;
        self.import_register_bytes_watched(&bytes, &name, &watch)
    }

    pub(super) fn import_register_bytes_watched(
        &mut self,
        bytes: &[u8],
        name: &str,
        watch: &Watch<'_>,
    ) -> Result<ImportRegisterReport> {
        load::ensure_empty(self)?;
        let (header, tables) = self.decode_export(bytes, name)?;
        let prepared = load::prepare(self, &header, tables, name, watch)?;
        load::write(self, &header, prepared, name, watch)
    }
}

#[cfg(test)]
#[path = "watched_tests.rs"]
mod tests;
