//! The workbook's writing: wrapped lines counted, and the tracker sheet with
//! its formats given a column's run at a time the same file, part for part,
//! as when each cell was written with its format (as it was before).

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::*;
use crate::exports::tests::many_quarters;
use crate::exports::TrackerOptions;

#[test]
fn wrapped_lines_counts_words_and_breaks_long_ones() {
    // 9.9 wide holds 10 characters a line.
    assert_eq!(wrapped_lines("", 9.9), 1, "an empty cell is one line high");
    assert_eq!(wrapped_lines("abcde fghi", 9.9), 1);
    assert_eq!(
        wrapped_lines("abcde fghij", 9.9),
        2,
        "the space does not fit"
    );
    assert_eq!(wrapped_lines("one\ntwo\nthree", 9.9), 3);
    assert_eq!(
        wrapped_lines("x abcdefghijklmnopqrstuvwxy", 9.9),
        4,
        "x, then 10+10+5"
    );
    assert_eq!(
        wrapped_lines("éèêëēėęěĕe", 9.9),
        1,
        "ten characters in more than ten bytes"
    );
    assert_eq!(wrapped_lines("éèêëēėęěĕe e", 9.9), 2);
}

/// The rows as they were written before: each cell with its format, so
/// rust_xlsxwriter numbered the formats in the order the cells used them.
fn write_rows_cell_by_cell(
    sheet: &mut Worksheet,
    rows: Vec<[Cell; 15]>,
    widths: &[f64],
    watch: &Watch<'_>,
) -> Result<(), XlsxError> {
    let text = base();
    let date = base().set_num_format("dd/mm/yyyy");
    let total = rows.len() as u64;
    for (index, cells) in rows.iter().enumerate() {
        if watch.step(JobStage::Writing, index as u64, total).is_err() {
            return Err(XlsxError::ParameterError("cancelled".to_owned()));
        }
        let r = index as u32 + 1;
        for (col, cell) in cells.iter().enumerate() {
            let c = col as u16;
            match cell {
                Cell::Text(value) => {
                    sheet.write_string_with_format(r, c, fit(value.clone()), &text)?;
                }
                Cell::Date(Some(day)) => {
                    sheet.write_datetime_with_format(r, c, day, &date)?;
                }
                Cell::Date(None) => {
                    sheet.write_blank(r, c, &text)?;
                }
                Cell::Rag(rag) => {
                    sheet.write_string_with_format(r, c, rag_word(*rag), &rag_format(*rag))?;
                }
            }
        }
        sheet.set_row_height(r, row_height(cells, widths))?;
    }
    Ok(())
}

/// The workbook's parts by name, but for the one holding the time it was made.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("an .xlsx is a zip");
    let mut parts = Vec::new();
    for at in 0..zip.len() {
        let mut part = zip.by_index(at).expect("part");
        let mut content = Vec::new();
        part.read_to_end(&mut content).expect("read part");
        parts.push((part.name().to_owned(), content));
    }
    parts.retain(|(name, _)| name != "docProps/core.xml");
    parts
}

/// Each sheet's cell values as calamine reads them.
fn values(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens it");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("sheet");
            (name, range.rows().map(<[Data]>::to_vec).collect())
        })
        .collect()
}

#[test]
fn formats_given_by_runs_make_the_same_workbook_as_cell_by_cell() {
    let reg = many_quarters();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let oldest = reg
        .list_quarter_reviews()
        .expect("reviews")
        .pop()
        .expect("one");
    let everything = TrackerOptions {
        include_sensitive: true,
        ..Default::default()
    };
    let cases = [
        everything.clone(),
        TrackerOptions::default(),
        TrackerOptions {
            exceptions: true,
            ..everything.clone()
        },
        TrackerOptions {
            quarter: Some(oldest.code),
            ..everything
        },
    ];
    let watch = Watch::none();
    for options in &cases {
        let tracker = reg.tracker(options, today).expect("tracker");
        assert!(tracker.rows.len() > 20, "{options:?}");
        let by_runs = bytes(build(&tracker, &watch, write_rows), &watch).expect("by runs");
        let by_cell =
            bytes(build(&tracker, &watch, write_rows_cell_by_cell), &watch).expect("cell by cell");
        let values = values(&by_runs);
        assert_eq!(values, self::values(&by_cell), "{options:?}");
        assert_eq!(
            values[0].1.len(),
            tracker.rows.len() + 1,
            "every row read back"
        );
        let (by_runs, by_cell) = (parts(&by_runs), parts(&by_cell));
        let names =
            |parts: &[(String, Vec<u8>)]| parts.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&by_runs), names(&by_cell));
        assert!(names(&by_runs).contains(&"xl/styles.xml".to_owned()));
        for ((name, runs), (_, cell)) in by_runs.iter().zip(&by_cell) {
            assert!(runs == cell, "{name} differs ({options:?})");
        }
    }

    // What the formats vary over is all there: each RAG, a blank revised
    // date beside a given one, empty text.
    let tracker = reg.tracker(&cases[0], today).expect("tracker");
    for rag in RAGS {
        assert!(tracker.rows.iter().any(|r| r.rag == rag), "{rag:?}");
    }
    assert!(tracker.rows.iter().any(|r| r.revised_target_date.is_some()));
    assert!(tracker.rows.iter().any(|r| r.revised_target_date.is_none()));
    assert!(tracker.rows.iter().any(|r| r.latest_update.is_none()));
}
