//! The whole register as one file and back: every entity as JSON (one file)
//! or CSV (a zip of one CSV per entity with a manifest), and the import of
//! such a file into an empty register, reproducing it with the same ids.
//!
//! Exports leave sensitive fields out (sensitive.rs) unless the user ticks
//! them for that export, and say so in the file. An export without them is
//! not a whole register, so the import refuses it (`export_incomplete`)
//! rather than making a register whose summaries are silently blank. The
//! change log is not exported (entities.rs says why); the import is recorded
//! in the importing register's own log.

mod csv_zip;
mod entities;
mod json;
mod load;
mod table;
#[cfg(test)]
mod tests;
mod watched;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::exports::MARKING;
use crate::jobs::{JobStage, Watch};
use crate::migrations;
use crate::register::Register;
use crate::sensitive;
use crate::stamp;

pub use load::ImportRegisterReport;

/// The format's name, which every export carries so an import knows it.
pub const FORMAT_NAME: &str = "casereview-register-export";
/// The version of the file layout; an import refuses a newer one.
pub const FORMAT_VERSION: u32 = 1;

/// The file formats the whole register can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum RegisterFormat {
    /// One JSON file.
    Json,
    /// A zip of one CSV per entity, with `manifest.json`.
    Csv,
}

impl RegisterFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            RegisterFormat::Json => "json",
            RegisterFormat::Csv => "csv",
        }
    }

    /// Reads `json` or `csv` (any case); a validation error on `format` otherwise.
    pub fn parse(text: &str) -> Result<Self> {
        match text.trim().to_lowercase().as_str() {
            "json" => Ok(RegisterFormat::Json),
            "csv" => Ok(RegisterFormat::Csv),
            _ => Err(Error::field(
                "format",
                format!("Format must be json or csv (not \"{}\")", text.trim()),
            )),
        }
    }
}

/// What to put in a whole-register export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegisterExportOptions {
    /// Include the sensitive fields (case summaries, the Rapid Review's facts,
    /// family-contact notes, …), ticked by the user for this export only.
    #[serde(default)]
    pub include_sensitive: bool,
}

/// What an export says about itself: the JSON file's top level, and the CSV
/// zip's `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Header {
    pub format: String,
    pub format_version: u32,
    /// The register's schema version (migrations) when exported.
    pub schema_version: i64,
    /// Always "OFFICIAL-SENSITIVE".
    pub classification: String,
    pub generated_at: String,
    pub generated_by: String,
    /// The register holds fictional demo data.
    pub demo: bool,
    pub sensitive_included: bool,
    /// The sensitive fields left out, as `entity.column`; empty when included.
    pub left_out: Vec<String>,
    /// The same in words, for a person opening the file.
    pub note: String,
    /// Rows per entity, checked on import so a cut or edited file is refused.
    pub counts: BTreeMap<String, usize>,
}

/// What a file says it is, read before anything else in it.
#[derive(Debug, Deserialize)]
pub(crate) struct Probe {
    format: Option<String>,
    format_version: Option<u64>,
    schema_version: Option<i64>,
}

impl Probe {
    /// Refuses a file that is not a whole-register export (`not_an_export`),
    /// or one from a newer version of the app (`export_too_new`).
    pub(crate) fn check(&self, name: &str) -> Result<()> {
        if self.format.as_deref() != Some(FORMAT_NAME) {
            return Err(Error::NotAnExport(format!(
                "{name} is not a whole-register export from Case Review Manager (it does not say \"format\": \"{FORMAT_NAME}\"). Nothing was imported."
            )));
        }
        let version = self.format_version.unwrap_or(0);
        if version > u64::from(FORMAT_VERSION) {
            return Err(Error::ExportTooNew(format!(
                "{name} was exported by a newer version of Case Review Manager (export format {version}; this version reads up to {FORMAT_VERSION}). Install the newer version to import it. Nothing was imported."
            )));
        }
        let schema = self.schema_version.unwrap_or(0);
        if schema > migrations::LATEST {
            return Err(Error::ExportTooNew(format!(
                "{name} was exported from a register of a newer version of Case Review Manager (schema {schema}; this version understands up to {}). Install the newer version to import it. Nothing was imported.",
                migrations::LATEST
            )));
        }
        if version == 0 || schema == 0 {
            return Err(Error::NotAnExport(format!(
                "{name} does not say which export format and register schema it has, so it cannot be read safely. Nothing was imported."
            )));
        }
        Ok(())
    }
}

/// What an export wrote, for the app to confirm to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RegisterExportReport {
    pub path: String,
    pub format: RegisterFormat,
    /// Records across every entity.
    #[ts(type = "number")]
    pub records: usize,
    #[ts(type = "number")]
    pub entities: usize,
    pub sensitive_included: bool,
    /// The register holds fictional demo data, and so does the file.
    pub demo: bool,
}

impl Register {
    /// The whole register as the bytes of an export file in `format`.
    pub fn register_export_bytes(
        &self,
        format: RegisterFormat,
        options: &RegisterExportOptions,
    ) -> Result<Vec<u8>> {
        Ok(self.encode_register(format, options, &Watch::none())?.0)
    }

    /// Writes the whole register to `path` in `format`. An existing file is
    /// replaced only when `replace` is set (the save dialog has asked).
    pub fn export_register(
        &self,
        format: RegisterFormat,
        options: &RegisterExportOptions,
        path: &Path,
        replace: bool,
    ) -> Result<RegisterExportReport> {
        self.export_register_watched(format, options, path, replace, Watch::none())
    }

    /// The export's bytes and header, telling `watch` of each entity read
    /// and each record written into the file.
    fn encode_register(
        &self,
        format: RegisterFormat,
        options: &RegisterExportOptions,
        watch: &Watch<'_>,
    ) -> Result<(Vec<u8>, Header)> {
        let (header, tables) = self.register_tables(options, watch)?;
        let mut rows =
            watched::Records::new(watch, JobStage::Writing, header.counts.values().sum());
        rows.start()?;
        let bytes = match format {
            RegisterFormat::Json => json::encode(&header, &tables, &mut rows)?,
            RegisterFormat::Csv => csv_zip::encode(&header, &tables, self.conn(), &mut rows)?,
        };
        Ok((bytes, header))
    }

    /// Imports the export at `path` (JSON or CSV zip, told apart by content)
    /// into this register, which must be empty. All or nothing.
    pub fn import_register(&mut self, path: &Path) -> Result<ImportRegisterReport> {
        self.import_register_watched(path, Watch::none())
    }

    /// Imports an export already read into memory; `name` names it in messages.
    pub fn import_register_bytes(
        &mut self,
        bytes: &[u8],
        name: &str,
    ) -> Result<ImportRegisterReport> {
        self.import_register_bytes_watched(bytes, name, &Watch::none())
    }

    /// The file's header and tables, JSON or CSV zip told apart by content,
    /// refused when it is not an export this version can read.
    fn decode_export(&self, bytes: &[u8], name: &str) -> Result<(Header, Vec<table::Table>)> {
        if csv_zip::is_zip(bytes) {
            csv_zip::decode(bytes, name, self.conn())
        } else {
            json::decode(bytes, name)
        }
    }

    /// Every exported entity read out, with the header describing them.
    fn register_tables(
        &self,
        options: &RegisterExportOptions,
        watch: &Watch<'_>,
    ) -> Result<(Header, Vec<table::Table>)> {
        let conn = self.conn();
        let mut read = watched::Records::new(watch, JobStage::Reading, entities::ENTITIES.len());
        read.start()?;
        let mut tables = Vec::with_capacity(entities::ENTITIES.len());
        for entity in entities::ENTITIES {
            tables.push(table::read(conn, entity, options.include_sensitive)?);
            read.tick()?;
        }
        let left_out: Vec<String> = if options.include_sensitive {
            Vec::new()
        } else {
            sensitive::FIELDS
                .iter()
                .map(|f| format!("{}.{}", f.entity, f.column))
                .collect()
        };
        let note = if options.include_sensitive {
            format!(
                "{MARKING}. This export includes the sensitive fields ({}). Keep it on encrypted storage and share it only as your information-sharing agreement allows.",
                labels()
            )
        } else {
            format!(
                "{MARKING}. Sensitive fields were left out of this export ({}), so it cannot be imported as a whole register: export again with sensitive fields included to make a copy that can.",
                labels()
            )
        };
        let header = Header {
            format: FORMAT_NAME.to_owned(),
            format_version: FORMAT_VERSION,
            schema_version: migrations::version(conn)?,
            classification: MARKING.to_owned(),
            generated_at: stamp::to_text(stamp::now()),
            generated_by: self.who().to_owned(),
            demo: self.is_demo()?,
            sensitive_included: options.include_sensitive,
            left_out,
            note,
            counts: tables
                .iter()
                .map(|t| (t.name.clone(), t.rows.len()))
                .collect(),
        };
        Ok((header, tables))
    }
}

/// The sensitive fields in words: "case summaries, notes on …".
fn labels() -> String {
    let mut seen: Vec<&str> = Vec::new();
    for f in sensitive::FIELDS {
        if !seen.contains(&f.label) {
            seen.push(f.label);
        }
    }
    seen.join(", ")
}
