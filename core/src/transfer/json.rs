//! The whole-register export as one JSON file: the header's fields at the top
//! level, then `entities`, each an array of records keyed by column name.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value as Json};

use super::table::Table;
use super::watched::Records;
use super::Header;
use crate::error::{Error, Result};

#[derive(Serialize, Deserialize)]
struct File {
    #[serde(flatten)]
    header: Header,
    entities: BTreeMap<String, Vec<Map<String, Json>>>,
}

/// The export as pretty-printed JSON bytes, each record told to `done`.
pub(super) fn encode(
    header: &Header,
    tables: &[Table],
    done: &mut Records<'_, '_>,
) -> Result<Vec<u8>> {
    let mut entities = BTreeMap::new();
    for table in tables {
        let records = table
            .rows
            .iter()
            .map(|row| {
                done.tick()?;
                table
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, v)| Ok((c.clone(), to_json(v)?)))
                    .collect::<Result<Map<_, _>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        entities.insert(table.name.clone(), records);
    }
    let file = File {
        header: header.clone(),
        entities,
    };
    let mut bytes = serde_json::to_vec_pretty(&file)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Reads a JSON export back; `name` names the file in messages.
pub(super) fn decode(bytes: &[u8], name: &str) -> Result<(Header, Vec<Table>)> {
    // What the file says it is, first, so a file of a newer format is refused
    // as such even when the rest no longer parses the way this version expects.
    let probe: super::Probe = serde_json::from_slice(bytes).map_err(|e| not_an_export(name, &e))?;
    probe.check(name)?;
    let file: File = serde_json::from_slice(bytes).map_err(|e| not_an_export(name, &e))?;
    let mut tables = Vec::new();
    for (entity, records) in file.entities {
        let columns: Vec<String> = records
            .first()
            .map(|r| r.keys().cloned().collect())
            .unwrap_or_default();
        let mut rows = Vec::with_capacity(records.len());
        for (n, record) in records.into_iter().enumerate() {
            if record.len() != columns.len() || !columns.iter().all(|c| record.contains_key(c)) {
                return Err(damaged(
                    name,
                    format!(
                        "{entity} record {} has different fields from the first record",
                        n + 1
                    ),
                ));
            }
            let row = columns
                .iter()
                .map(|c| {
                    from_json(&record[c]).map_err(|why| {
                        damaged(name, format!("{entity} record {}, {c}: {why}", n + 1))
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            rows.push(row);
        }
        tables.push(Table {
            name: entity,
            columns,
            rows,
        });
    }
    Ok((file.header, tables))
}

fn to_json(value: &Value) -> Result<Json> {
    Ok(match value {
        Value::Null => Json::Null,
        Value::Integer(i) => Json::from(*i),
        Value::Real(f) => Number::from_f64(*f)
            .map(Json::Number)
            .ok_or_else(|| Error::Internal("a stored number is not finite".to_owned()))?,
        Value::Text(t) => Json::String(t.clone()),
        Value::Blob(_) => return Err(Error::Internal("binary data cannot be exported".to_owned())),
    })
}

fn from_json(value: &Json) -> std::result::Result<Value, &'static str> {
    match value {
        Json::Null => Ok(Value::Null),
        Json::String(s) => Ok(Value::Text(s.clone())),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Ok(Value::Integer(i)),
            (None, Some(f)) => Ok(Value::Real(f)),
            (None, None) => Err("a number out of range"),
        },
        Json::Bool(_) | Json::Array(_) | Json::Object(_) => {
            Err("the register holds only text, numbers and blanks here")
        }
    }
}

fn not_an_export(name: &str, error: &serde_json::Error) -> Error {
    Error::NotAnExport(format!(
        "{name} is not a whole-register export from Case Review Manager, or it is damaged ({error}). Nothing was imported."
    ))
}

fn damaged(name: &str, why: String) -> Error {
    Error::NotAnExport(format!(
        "{name} is damaged or was edited inconsistently: {why}. Nothing was imported."
    ))
}
