//! The whole-register export as CSV: a zip holding `manifest.json` (the
//! header, and each entity's file and columns) and one CSV per entity, with a
//! heading row of column names. Built to open in a spreadsheet and to come
//! back exactly:
//!
//! - an empty cell is a blank (NULL) where the column allows one, else empty
//!   text; empty text where a blank is allowed is written as a lone `'`;
//! - text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR),
//!   or that starts with `'`, gets a leading `'`, which the import removes:
//!   opening the file never runs what someone typed, and nothing is lost;
//! - the zip's time stamps are fixed, so the same register gives the same bytes
//!   apart from the manifest's `generated_at`.

use std::io::{Cursor, Read, Write};

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::table::{columns, Table};
use super::watched::Records;
use super::Header;
use crate::error::{Error, Result};

const MANIFEST: &str = "manifest.json";
/// Excel reads a CSV without a byte-order mark in the local code page.
const BOM: &[u8] = b"\xEF\xBB\xBF";
/// The most one file in the zip may unpack to: far above a large register's
/// biggest entity, and a stop for a crafted file that would fill the memory.
const MAX_ENTRY: u64 = 2 << 30;

#[derive(Serialize, Deserialize)]
struct Manifest {
    #[serde(flatten)]
    header: Header,
    files: Vec<ManifestFile>,
}

#[derive(Serialize, Deserialize)]
struct ManifestFile {
    entity: String,
    file: String,
    columns: Vec<String>,
}

/// Whether `bytes` are a zip (the CSV form) rather than JSON.
pub(super) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The export as the bytes of a zip, each record told to `done`. Which
/// columns allow a blank comes from the register's schema (`conn`).
pub(super) fn encode(
    header: &Header,
    tables: &[Table],
    conn: &Connection,
    done: &mut Records<'_, '_>,
) -> Result<Vec<u8>> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o600);
    let manifest = Manifest {
        header: header.clone(),
        files: tables
            .iter()
            .map(|t| ManifestFile {
                entity: t.name.clone(),
                file: file_name(&t.name),
                columns: t.columns.clone(),
            })
            .collect(),
    };
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(MANIFEST, options).map_err(zip_failed)?;
    let mut text = serde_json::to_vec_pretty(&manifest)?;
    text.push(b'\n');
    zip.write_all(&text).map_err(io_failed)?;
    for table in tables {
        let nullable = nullable_columns(conn, table)?;
        zip.start_file(file_name(&table.name), options)
            .map_err(zip_failed)?;
        zip.write_all(&table_csv(table, &nullable, done)?)
            .map_err(io_failed)?;
    }
    let cursor = zip.finish().map_err(zip_failed)?;
    Ok(cursor.into_inner())
}

/// Reads a CSV zip back, typing each cell by the importing register's schema
/// (`conn`); `name` names the file in messages.
pub(super) fn decode(bytes: &[u8], name: &str, conn: &Connection) -> Result<(Header, Vec<Table>)> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_an_export(name, &e))?;
    let manifest_bytes = entry(&mut zip, MANIFEST, name)?;
    let probe: super::Probe =
        serde_json::from_slice(&manifest_bytes).map_err(|e| not_an_export(name, &e))?;
    probe.check(name)?;
    let manifest: Manifest =
        serde_json::from_slice(&manifest_bytes).map_err(|e| not_an_export(name, &e))?;
    let mut tables = Vec::new();
    for file in &manifest.files {
        let schema = columns(conn, &file.entity)?;
        let body = entry(&mut zip, &file.file, name)?;
        let body = body.strip_prefix(BOM).unwrap_or(&body);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(body);
        let headings: Vec<String> = reader
            .headers()
            .map_err(|e| damaged(name, format!("{}: {e}", file.file)))?
            .iter()
            .map(str::to_owned)
            .collect();
        if headings != file.columns {
            return Err(damaged(
                name,
                format!(
                    "the headings of {} are not the columns its manifest lists",
                    file.file
                ),
            ));
        }
        let mut kinds = Vec::new();
        for heading in &headings {
            let Some(info) = schema.iter().find(|c| &c.name == heading) else {
                return Err(damaged(
                    name,
                    format!(
                        "{} has a column {heading} the register does not have",
                        file.file
                    ),
                ));
            };
            kinds.push((info.kind.clone(), !info.not_null));
        }
        let mut rows = Vec::new();
        for (n, record) in reader.records().enumerate() {
            let record = record.map_err(|e| damaged(name, format!("{}: {e}", file.file)))?;
            if record.len() != kinds.len() {
                return Err(damaged(
                    name,
                    format!(
                        "{} row {} has {} cells, not {}",
                        file.file,
                        n + 2,
                        record.len(),
                        kinds.len()
                    ),
                ));
            }
            let row = record
                .iter()
                .zip(&kinds)
                .zip(&headings)
                .map(|((cell, (kind, nullable)), heading)| {
                    parse_cell(cell, kind, *nullable).map_err(|why| {
                        damaged(
                            name,
                            format!("{} row {}, {heading}: {why}", file.file, n + 2),
                        )
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            rows.push(row);
        }
        tables.push(Table {
            name: file.entity.clone(),
            columns: headings,
            rows,
        });
    }
    Ok((manifest.header, tables))
}

fn file_name(entity: &str) -> String {
    format!("{entity}.csv")
}

/// Which of `table`'s columns allow a blank in this register's schema.
fn nullable_columns(conn: &Connection, table: &Table) -> Result<Vec<bool>> {
    let schema = columns(conn, &table.name)?;
    Ok(table
        .columns
        .iter()
        .map(|c| schema.iter().any(|s| &s.name == c && !s.not_null))
        .collect())
}

fn table_csv(table: &Table, nullable: &[bool], done: &mut Records<'_, '_>) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(BOM.to_vec());
    writer.write_record(&table.columns).map_err(csv_failed)?;
    for row in &table.rows {
        done.tick()?;
        let cells = row
            .iter()
            .zip(nullable)
            .map(|(value, nullable)| cell(value, *nullable));
        writer.write_record(cells).map_err(csv_failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::Internal(format!("could not finish a CSV: {e}")))
}

/// A stored value as a CSV cell (the rules are in the module's comment).
fn cell(value: &Value, nullable: bool) -> String {
    match value {
        Value::Null | Value::Blob(_) => String::new(),
        Value::Integer(i) => i.to_string(),
        // Rust prints the shortest text that reads back as the same number.
        Value::Real(f) => f.to_string(),
        Value::Text(t) if t.is_empty() => {
            if nullable {
                "'".to_owned()
            } else {
                String::new()
            }
        }
        Value::Text(t) => match t.chars().next() {
            Some('\'' | '=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{t}"),
            _ => t.clone(),
        },
    }
}

/// A CSV cell back as the value of a column of SQLite type `kind`.
fn parse_cell(cell: &str, kind: &str, nullable: bool) -> std::result::Result<Value, String> {
    if cell.is_empty() && (nullable || kind != "TEXT") {
        return Ok(Value::Null);
    }
    match kind {
        "INTEGER" => cell
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| format!("\"{cell}\" is not a whole number")),
        "REAL" => cell
            .parse::<f64>()
            .map(Value::Real)
            .map_err(|_| format!("\"{cell}\" is not a number")),
        _ => Ok(Value::Text(
            cell.strip_prefix('\'').unwrap_or(cell).to_owned(),
        )),
    }
}

fn entry(zip: &mut ZipArchive<Cursor<&[u8]>>, file: &str, name: &str) -> Result<Vec<u8>> {
    let entry = zip
        .by_name(file)
        .map_err(|_| damaged(name, format!("it has no {file}")))?;
    let mut bytes = Vec::new();
    entry
        .take(MAX_ENTRY + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(name, format!("{file} cannot be unpacked ({e})")))?;
    if bytes.len() as u64 > MAX_ENTRY {
        return Err(damaged(name, format!("{file} unpacks to more than 2 GB")));
    }
    Ok(bytes)
}

fn not_an_export(name: &str, error: &dyn std::fmt::Display) -> Error {
    Error::NotAnExport(format!(
        "{name} is not a whole-register export from Case Review Manager, or it is damaged ({error}). Nothing was imported."
    ))
}

fn damaged(name: &str, why: String) -> Error {
    Error::NotAnExport(format!(
        "{name} is damaged or was edited inconsistently: {why}. Nothing was imported."
    ))
}

fn zip_failed(error: zip::result::ZipError) -> Error {
    Error::Internal(format!("could not write the zip: {error}"))
}

fn io_failed(error: std::io::Error) -> Error {
    Error::Internal(format!("could not write the zip: {error}"))
}

fn csv_failed(error: csv::Error) -> Error {
    Error::Internal(format!("could not write a CSV: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_come_back_exactly_and_formulas_never_run() {
        let cases = [
            (Value::Null, true),
            (Value::Text(String::new()), true),
            (Value::Text(String::new()), false),
            (Value::Text("'quoted".into()), false),
            (Value::Text("=SUM(A1:A9)".into()), false),
            (Value::Text("- a list".into()), true),
            (Value::Text("@home".into()), false),
            (
                Value::Text("plain, with \"quotes\"\nand a line".into()),
                false,
            ),
            (Value::Integer(-42), true),
        ];
        for (value, nullable) in cases {
            let kind = match value {
                Value::Integer(_) => "INTEGER",
                _ => "TEXT",
            };
            let written = cell(&value, nullable);
            assert!(
                !written.starts_with(['=', '+', '@']),
                "{written:?} would run as a formula"
            );
            assert_eq!(
                parse_cell(&written, kind, nullable),
                Ok(value.clone()),
                "{value:?} must come back as it went out"
            );
        }
        assert!(parse_cell("x", "INTEGER", true).is_err());
    }
}
