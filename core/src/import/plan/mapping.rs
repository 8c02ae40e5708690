//! A sheet's header row and mapping: the user's correction (checked against
//! the sheet), else a mapping remembered for headings found near the top,
//! else the best proposed by similarity.

use super::{Found, Planner};
use crate::error::{Error, FieldError, Result};
use crate::import::header::{self, column_letter, SEARCH_ROWS};
use crate::import::workbook::Sheet;
use crate::import::{memory, ColumnMapping, ImportOptions, MappingSource, SheetMapping};

impl Planner<'_> {
    /// The sheet's header row and mapping: the user's correction, else a
    /// remembered mapping for headings found near the top, else the best
    /// proposed by similarity.
    pub(super) fn mapping(
        &self,
        sheet: &Sheet,
        options: &ImportOptions,
    ) -> Result<(Option<Found>, MappingSource)> {
        if let Some(corrected) = options
            .mappings
            .iter()
            .find(|m| m.sheet.trim().eq_ignore_ascii_case(sheet.name.trim()))
        {
            return Ok((
                Some(corrected_mapping(sheet, corrected)?),
                MappingSource::Corrected,
            ));
        }
        for index in 0..sheet.rows.len().min(SEARCH_ROWS) {
            let headers = sheet.texts(index);
            if headers.iter().filter(|h| !h.trim().is_empty()).count() < 2 {
                continue;
            }
            if let Some(columns) =
                memory::recall(self.conn, &header::signature(&headers), &headers)?
            {
                return Ok((Some((index, columns)), MappingSource::Remembered));
            }
        }
        // The rows searched, and enough below them to see words under the headings.
        let top: Vec<Vec<String>> = (0..sheet.rows.len().min(SEARCH_ROWS + 50))
            .map(|r| sheet.texts(r))
            .collect();
        Ok(match header::find(&top) {
            Some(found) => (Some(found), MappingSource::Proposed),
            None => (None, MappingSource::None),
        })
    }
}

/// A mapping the user gave, checked against the sheet: the header row
/// exists, columns are in range, and a field that takes one column is not
/// given two.
fn corrected_mapping(sheet: &Sheet, corrected: &SheetMapping) -> Result<Found> {
    let rows = sheet.rows.len();
    let index = (corrected.header_row as usize)
        .checked_sub(1)
        .filter(|i| *i < rows)
        .ok_or_else(|| {
            Error::field(
                "mappings",
                format!(
                    "Sheet \"{}\" has no row {} (it has {rows})",
                    sheet.name, corrected.header_row
                ),
            )
        })?;
    let headers = sheet.texts(index);
    let width = corrected
        .columns
        .iter()
        .map(|c| c.column as usize + 1)
        .max()
        .unwrap_or(0)
        .max(headers.len());
    let mut columns = Vec::new();
    let mut errors = Vec::new();
    for column in 0..width {
        let field = corrected
            .columns
            .iter()
            .find(|c| c.column as usize == column)
            .and_then(|c| c.field);
        if let Some(f) = field.filter(|f| !f.many_columns()) {
            if let Some(first) = columns.iter().find(|c: &&ColumnMapping| c.field == Some(f)) {
                errors.push(FieldError::new(
                    "mappings",
                    format!(
                        "Sheet \"{}\": {} is given to columns {} and {}; choose one",
                        sheet.name,
                        f.label(),
                        first.letter,
                        column_letter(column as u32)
                    ),
                ));
            }
        }
        columns.push(ColumnMapping {
            column: column as u32,
            letter: column_letter(column as u32),
            header: headers
                .get(column)
                .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
            field,
            score: if field.is_some() { 1.0 } else { 0.0 },
        });
    }
    if errors.is_empty() {
        Ok((index, columns))
    } else {
        Err(Error::Validation(errors))
    }
}
