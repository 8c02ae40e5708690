//! Writing a whole-register export into an empty register: checked first
//! (complete, consistent with its own counts and with this schema), then
//! written in one transaction with foreign keys checked at the end, so a
//! file that does not hold together leaves the register exactly as it was.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params_from_iter, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

use super::entities::{self, META_KEPT};
use super::table::{columns, quoted, Table};
use super::watched::Records;
use super::Header;
use crate::change_log::Action;
use crate::error::{Error, Result};
use crate::jobs::{JobStage, Watch};
use crate::migrations;
use crate::register::Register;

/// What an import of a whole-register export brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportRegisterReport {
    /// The file's name.
    pub file: String,
    /// Records across every entity.
    #[ts(type = "number")]
    pub records: usize,
    /// Records per entity.
    #[ts(type = "Record<string, number>")]
    pub counts: BTreeMap<String, usize>,
    /// When and by whom the export was made.
    pub generated_at: String,
    pub generated_by: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// The export holds fictional demo data (and, once written, so does
    /// this register).
    pub demo: bool,
    /// False for the preview shown before anything is written.
    pub written: bool,
}

/// Refuses, before the file is even read, a register that holds anything:
/// an export goes only into an empty register, so two never mix.
pub(super) fn ensure_empty(register: &Register) -> Result<()> {
    let conn = register.conn();
    let mut held = 0_i64;
    for entity in entities::ENTITIES.iter().filter(|e| !e.seeded) {
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {}", quoted(entity.name)),
            [],
            |r| r.get(0),
        )?;
        held += n;
    }
    let own_themes: i64 =
        conn.query_row("SELECT count(*) FROM themes WHERE preset = 0", [], |r| {
            r.get(0)
        })?;
    held += own_themes;
    if held > 0 || register.is_demo()? {
        return Err(Error::NotEmpty(format!(
            "A whole-register export can only be imported into an empty register, so two registers never mix; this one already holds {held} record(s){}. Create a new register and import into that. Nothing was imported.",
            if register.is_demo()? { " and demo data" } else { "" }
        )));
    }
    Ok(())
}

/// An export checked against its header and this register's schema, ready
/// to be written.
pub(super) struct Prepared {
    by_name: HashMap<String, Table>,
    counts: BTreeMap<String, usize>,
    records: usize,
}

impl Prepared {
    /// What the export holds (or, `written`, brought in).
    pub(super) fn report(
        &self,
        header: &Header,
        name: &str,
        written: bool,
    ) -> ImportRegisterReport {
        ImportRegisterReport {
            file: name.to_owned(),
            records: self.records,
            counts: self.counts.clone(),
            generated_at: header.generated_at.clone(),
            generated_by: header.generated_by.clone(),
            schema_version: header.schema_version,
            demo: header.demo,
            written,
        }
    }
}

/// Checks `tables` against `header` and this register's schema, telling
/// `watch` of each entity checked. Writes nothing.
pub(super) fn prepare(
    register: &Register,
    header: &Header,
    tables: Vec<Table>,
    name: &str,
    watch: &Watch<'_>,
) -> Result<Prepared> {
    if !header.sensitive_included || !header.left_out.is_empty() {
        return Err(Error::ExportIncomplete(format!(
            "{name} was exported without its sensitive fields ({} left out), so it is not the whole register: importing it would make a register whose summaries and notes are silently blank. Export again with sensitive fields included, and import that. Nothing was imported.",
            header.left_out.len()
        )));
    }
    let by_name = check(register, header, tables, name, watch)?;
    let counts: BTreeMap<String, usize> = by_name
        .iter()
        .map(|(n, t)| (n.clone(), t.rows.len()))
        .collect();
    let records = counts.values().sum();
    Ok(Prepared {
        by_name,
        counts,
        records,
    })
}

/// Writes a prepared export in one transaction, telling `watch` of each
/// record, and records the import in the change log. A cancel, even after
/// the last record, rolls the whole import back.
pub(super) fn write(
    register: &mut Register,
    header: &Header,
    prepared: Prepared,
    name: &str,
    watch: &Watch<'_>,
) -> Result<ImportRegisterReport> {
    let logged = serde_json::json!({
        "imported": {
            "export_generated_at": header.generated_at,
            "export_generated_by": header.generated_by,
            "schema_version": header.schema_version,
            "records": prepared.records,
            "counts": prepared.counts,
        }
    });
    let by_name = &prepared.by_name;
    register.write(|w| {
        let mut done = Records::new(watch, JobStage::Writing, prepared.records);
        done.start()?;
        // Records refer to each other in every direction (an action to the
        // action superseding it), so references are checked once, at the end.
        w.tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        for entity in entities::ENTITIES {
            if let Some(table) = by_name.get(entity.name) {
                insert(w.tx, table, entity.seeded, name, &mut done)?;
            }
        }
        dangling(w.tx, name)?;
        let register_id: String =
            w.tx.query_row(
                "SELECT value FROM meta WHERE key = 'register_id'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        w.log(
            "register",
            &register_id,
            Action::Update,
            None,
            Some(&logged),
        )?;
        // The last chance to cancel, inside the transaction.
        watch.check()
    })?;
    tracing::info!(
        records = prepared.records,
        "register imported from an export"
    );
    Ok(prepared.report(header, name, true))
}

/// The file's tables by name, once each is known to match the header's
/// counts and this register's columns.
fn check(
    register: &Register,
    header: &Header,
    tables: Vec<Table>,
    name: &str,
    watch: &Watch<'_>,
) -> Result<HashMap<String, Table>> {
    let mut by_name = HashMap::new();
    let mut checked = Records::new(watch, JobStage::Checking, tables.len());
    checked.start()?;
    for table in tables {
        checked.tick()?;
        if entities::find(&table.name).is_none() {
            return Err(damaged(
                name,
                format!(
                    "it holds \"{}\", which is not a register entity",
                    table.name
                ),
            ));
        }
        let expected = header.counts.get(&table.name).copied();
        if expected != Some(table.rows.len()) {
            return Err(damaged(
                name,
                format!(
                    "it holds {} {} record(s) where its header says {}",
                    table.rows.len(),
                    table.name,
                    expected.map_or("none".to_owned(), |n| n.to_string())
                ),
            ));
        }
        let schema = columns(register.conn(), &table.name)?;
        if !table.rows.is_empty() {
            for column in &table.columns {
                if !schema.iter().any(|c| &c.name == column) {
                    return Err(damaged(
                        name,
                        format!(
                            "{} has a field {column} the register does not have",
                            table.name
                        ),
                    ));
                }
            }
            // From this schema, every column must be there: a missing one
            // would quietly take its default. An older export may lack
            // columns added since, which then take their defaults as the
            // migration that added them gave existing records.
            if header.schema_version == migrations::LATEST {
                if let Some(missing) = schema.iter().find(|c| !table.columns.contains(&c.name)) {
                    return Err(damaged(
                        name,
                        format!("{} records lack the field {}", table.name, missing.name),
                    ));
                }
            }
        }
        if table.name == "meta" {
            let key = table.columns.iter().position(|c| c == "key");
            let identity = table.rows.iter().any(|row| {
                key.and_then(|i| row.get(i)).is_some_and(|v| {
                    matches!(v, rusqlite::types::Value::Text(k) if META_KEPT.contains(&k.as_str()))
                })
            });
            if identity {
                return Err(damaged(
                    name,
                    "its settings would replace this register's own identity".to_owned(),
                ));
            }
        }
        by_name.insert(table.name.clone(), table);
    }
    if let Some(missing) = header.counts.keys().find(|k| !by_name.contains_key(*k)) {
        return Err(damaged(
            name,
            format!("its header lists {missing} but the file does not hold them"),
        ));
    }
    Ok(by_name)
}

fn insert(
    tx: &Transaction<'_>,
    table: &Table,
    seeded: bool,
    name: &str,
    done: &mut Records<'_, '_>,
) -> Result<()> {
    if table.rows.is_empty() {
        return Ok(());
    }
    let list = table
        .columns
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join(", ");
    let marks = vec!["?"; table.columns.len()].join(", ");
    let mut sql = format!(
        "INSERT INTO {} ({list}) VALUES ({marks})",
        quoted(&table.name)
    );
    if seeded {
        // The register's own settings and preset themes are already there:
        // the export's copy of them wins.
        let keys: Vec<String> = columns(tx, &table.name)?
            .into_iter()
            .filter(|c| c.pk > 0)
            .map(|c| quoted(&c.name))
            .collect();
        let sets = table
            .columns
            .iter()
            .map(|c| format!("{0} = excluded.{0}", quoted(c)))
            .collect::<Vec<_>>()
            .join(", ");
        sql.push_str(&format!(
            " ON CONFLICT ({}) DO UPDATE SET {sets}",
            keys.join(", ")
        ));
    }
    let mut stmt = tx.prepare(&sql)?;
    for (n, row) in table.rows.iter().enumerate() {
        done.tick()?;
        stmt.execute(params_from_iter(row.iter())).map_err(|e| {
            Error::ImportFailed(format!(
                "{name}: {} record {} was refused by the register ({e}), so the file does not hold together. Nothing was imported.",
                table.name,
                n + 1
            ))
        })?;
    }
    Ok(())
}

/// Refuses records that refer to records the file does not hold.
fn dangling(tx: &Transaction<'_>, name: &str) -> Result<()> {
    let found: Option<(String, String)> = tx
        .query_row(
            "SELECT \"table\", parent FROM pragma_foreign_key_check LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        None => Ok(()),
        Some((child, parent)) => Err(Error::ImportFailed(format!(
            "{name}: a {child} record refers to a {parent} record the file does not hold, so the file does not hold together. Nothing was imported."
        ))),
    }
}

fn damaged(name: &str, why: String) -> Error {
    Error::NotAnExport(format!(
        "{name} is damaged or was edited inconsistently: {why}. Nothing was imported."
    ))
}
