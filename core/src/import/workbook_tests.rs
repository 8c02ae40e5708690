//! The one-pass XLSX reading (values and style ids together) against the two
//! passes it replaced (calamine's `worksheet_range`, then `worksheet_style`
//! for the fill colours), kept here as the oracle: the same sheets, cell for
//! cell, on the fixtures, the app's own export, workbooks built to hit the
//! edges (styled empty cells, fills past the last column looked at, merges,
//! 1904 dates, a coloured default style, hidden and chart sheets) and random
//! grids.

use std::io::{Cursor, Read, Write};

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_xlsxwriter::{
    Chart, ChartType, Color, Format, FormatPattern, Workbook, Worksheet, XlsxError,
};

use super::fixtures;
use super::workbook::{self, copy_merges_down, grid, Budget, Cell, Sheet, MAX_COLUMNS};
use crate::exports::{self, ExportFormat, TrackerOptions};
use crate::register::Register;

/// No cap on the grids' memory, for the oracle.
fn unlimited() -> Budget {
    Budget::new(usize::MAX)
}

/// The reading as it was before the one pass: values, then styles, then merges.
fn two_pass(bytes: &[u8]) -> Vec<Sheet> {
    let mut book = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)).expect("xlsx");
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("values");
        let styles = book.worksheet_style(&name).ok();
        let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let mut sheet = grid(&name, &range, &mut unlimited()).expect("grid");
        if let Some(styles) = styles {
            let right = styles
                .end()
                .map_or(0, |(_, c)| c as usize + 1)
                .min(MAX_COLUMNS);
            for (r, row) in sheet.rows.iter_mut().enumerate() {
                for c in 0..right.max(row.len()) {
                    let fill = styles
                        .get((r as u32, c as u32))
                        .and_then(|s| s.fill.as_ref())
                        .filter(|f| f.is_visible())
                        .and_then(|f| f.get_color())
                        .map(|c| (c.red, c.green, c.blue));
                    if fill.is_some() && row.len() <= c {
                        row.resize(c + 1, Cell::default());
                    }
                    if let Some(cell) = row.get_mut(c) {
                        cell.fill = fill;
                    }
                }
            }
        }
        copy_merges_down(&mut sheet, &merges, &mut unlimited()).expect("merges");
        sheets.push(sheet);
    }
    sheets
}

/// The sheets as the importer now reads them, checked against the oracle.
fn one_pass_same(bytes: &[u8]) -> Vec<Sheet> {
    let read = workbook::from_bytes("t.xlsx", "t", bytes).expect("read");
    assert_eq!(read, two_pass(bytes));
    read
}

/// The part `name` of the zip `bytes` changed by `edit`.
fn rewrite(bytes: &[u8], name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let mut part = Vec::new();
        entry.read_to_end(&mut part).expect("part");
        let entry_name = entry.name().to_owned();
        if entry_name == name {
            let text = String::from_utf8(part).expect("xml");
            part = edit(text).into_bytes();
        }
        out.start_file(entry_name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&part).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

fn red() -> Format {
    Format::new().set_background_color(Color::RGB(0xC00000))
}

/// A workbook at the edges of the fill and merge rules.
fn edges() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let time = Format::new().set_num_format("hh:mm");
    let green_date = date.clone().set_background_color(Color::RGB(0x00B050));
    let bold = Format::new().set_bold();
    let hatched = Format::new()
        .set_pattern(FormatPattern::DarkGray)
        .set_foreground_color(Color::RGB(0xFFC000));

    let sheet = book.add_worksheet();
    sheet.set_name("Off A1")?;
    // Values from C4, so the grid must still start at A1.
    sheet.merge_range(3, 2, 3, 6, "A banner across", &bold)?;
    sheet.write_string(4, 2, "Heading")?;
    sheet.write_number(4, 3, 3.0)?;
    sheet.write_number_with_format(5, 2, 45000.0, &date)?;
    sheet.write_number(5, 3, 1.5)?;
    sheet.write_number_with_format(6, 2, 0.5, &time)?;
    sheet.write_boolean(6, 3, true)?;
    sheet.write_formula(7, 2, "=1+1")?;
    sheet.write_string_with_format(8, 1, "green date", &green_date)?;
    sheet.write_blank(8, 0, &bold)?;
    sheet.write_blank(8, 6, &hatched)?;
    // Coloured in but empty: beside values, and past the last value's column.
    sheet.write_blank(5, 7, &red())?;
    sheet.write_blank(4, 12, &red())?;
    // Past the last row with a value: not part of the grid.
    sheet.write_blank(11, 4, &red())?;
    // Past MAX_COLUMNS: only where the row's values reach that far.
    sheet.write_blank(6, 250, &red())?;
    sheet.write_blank(7, 255, &red())?;
    sheet.write_string(7, 260, "far right")?;
    // A recommendation merged down three rows, coloured.
    sheet.merge_range(4, 5, 6, 5, "merged down", &red())?;

    let hidden = book.add_worksheet();
    hidden.set_name("Hidden")?;
    hidden.write_string(0, 0, "hidden")?;
    hidden.write_blank(0, 1, &red())?;
    hidden.set_hidden(true);
    let very = book.add_worksheet();
    very.set_name("Very hidden")?;
    very.write_number(2, 2, 7.0)?;
    very.set_very_hidden(true);
    book.add_worksheet().set_name("Empty")?;

    let mut chart = Chart::new(ChartType::Column);
    chart.add_series().set_values("'Off A1'!$D$5:$D$6");
    let mut chart_sheet = Worksheet::new_chartsheet();
    chart_sheet.set_name("Chart")?;
    chart_sheet.insert_chart(0, 0, &chart)?;
    book.push_worksheet(chart_sheet);
    book.save_to_buffer()
}

#[test]
fn one_pass_reads_the_fixtures_as_the_two_passes_did() {
    one_pass_same(&fixtures::messy_xlsx());

    let demo_day = NaiveDate::from_ymd_opt(2025, 9, 1).expect("date");
    let mut demo = Register::in_memory("Subgroup chair").expect("register");
    crate::demo::load(&mut demo, demo_day).expect("demo");
    let tracker = demo
        .tracker(&TrackerOptions::default(), demo_day)
        .expect("tracker");
    let export = exports::tracker_bytes(&tracker, ExportFormat::Xlsx).expect("xlsx");
    let sheets = one_pass_same(&export);
    assert!(
        sheets[0].rows.iter().flatten().any(|c| c.fill.is_some()),
        "the export's RAG cells are coloured"
    );
}

#[test]
fn one_pass_reads_the_edges_as_the_two_passes_did() {
    let bytes = edges().expect("workbook");
    let sheets = one_pass_same(&bytes);
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Off A1", "Hidden", "Very hidden", "Empty", "Chart"]);
    let sheet = &sheets[0];
    let red = Some((0xC0, 0, 0));
    assert_eq!(sheet.cell(5, 7).fill, red, "an empty coloured cell is read");
    assert_eq!(sheet.cell(4, 12).fill, red, "past the last value's column");
    assert_eq!(sheet.rows.len(), 9, "no row past the last value");
    assert_eq!(sheet.cell(6, 250).fill, None, "past MAX_COLUMNS");
    assert_eq!(sheet.cell(7, 255).fill, red, "within the row's values");
    assert_eq!(sheet.cell(6, 5).text, "merged down");
    assert_eq!(sheet.cell(6, 5).fill, red);
    assert_eq!(sheet.cell(5, 2).text, "15/03/2023");
    assert!(sheet.cell(4, 3).number.is_some());
    assert_eq!(sheets[4].rows, Vec::<Vec<Cell>>::new(), "a chart sheet");
}

#[test]
fn one_pass_reads_1904_workbooks_as_the_two_passes_did() {
    let bytes = edges().expect("workbook");
    let in_1904 = rewrite(&bytes, "xl/workbook.xml", |xml| {
        xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
    });
    let sheets = one_pass_same(&in_1904);
    // 45000 days after 1 January 1904, not after 1900: four years later.
    assert_eq!(sheets[0].cell(5, 2).text, "16/03/2027");
}

/// A workbook's styles with the default cell format (the first in cellXfs)
/// given a red fill.
fn red_default(xml: String) -> String {
    let at = xml.find("<cellXfs").expect("cellXfs");
    let (head, tail) = xml.split_at(at);
    let red =
        "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFC00000\"/></patternFill></fill>";
    let head = head.replacen("</fills>", &format!("{red}</fills>"), 1);
    let count: usize = head.split("<fill>").count().saturating_sub(1);
    let tail = tail.replacen("fillId=\"0\"", &format!("fillId=\"{}\"", count - 1), 1);
    format!("{head}{tail}")
}

#[test]
fn one_pass_reads_a_coloured_default_style_as_the_two_passes_did() {
    let bytes = edges().expect("workbook");
    let coloured = rewrite(&bytes, "xl/styles.xml", red_default);
    let sheets = one_pass_same(&coloured);
    assert_eq!(
        sheets[0].cell(4, 2).fill,
        Some((0xC0, 0, 0)),
        "an unstyled cell inside the styled ones takes the default's colour"
    );
}

#[test]
fn merges_are_read_only_from_workbooks_that_have_them() {
    assert!(workbook::may_have_merges(&fixtures::messy_xlsx()));
    assert!(workbook::may_have_merges(&edges().expect("workbook")));
    let mut book = Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "no merges, though the text says mergeCell")
        .expect("write");
    let plain = book.save_to_buffer().expect("workbook");
    assert!(
        !workbook::may_have_merges(&plain),
        "shared strings are not searched"
    );
    assert!(workbook::may_have_merges(b"PK\x03\x04 not a zip"));
}

/// The grids' memory cap for the tests of files that reach too far: small,
/// so the tests show the refusal without first taking the real cap's memory.
const SMALL: usize = 8 << 20;

/// `bytes` read as "tracker.xlsx" within [`SMALL`].
fn read_small(bytes: &[u8]) -> crate::error::Result<Vec<Sheet>> {
    workbook::from_bytes_within("tracker.xlsx", "tracker", bytes, SMALL)
}

/// The refusal of a file that reaches too far, naming the sheet and the
/// cell it was read as far as (its column letters given), and where to look.
fn assert_too_large(read: crate::error::Result<Vec<Sheet>>, reaches: &str) {
    let err = read.expect_err("refused");
    assert_eq!(err.code(), crate::error::ErrorCode::NotASpreadsheet);
    let message = err.to_string();
    assert!(
        message.starts_with(
            "tracker.xlsx is too large to import: reading its sheet \"Child Q\" only as far as cell "
        ),
        "{message}"
    );
    assert!(
        message.contains(&format!("as far as cell {reaches}")),
        "{message}"
    );
    assert!(message.contains("Ctrl+End"), "{message}");
}

/// A sheet "Child Q" with a heading in A1 and "x" out in Excel's last
/// column (XFD) on each of the next `rows` rows.
fn far_right(rows: u32) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Child Q").expect("name");
    sheet.write_string(0, 0, "Action").expect("write");
    for row in 1..=rows {
        sheet.write_string(row, 16_383, "x").expect("write");
    }
    book.save_to_buffer().expect("workbook")
}

#[test]
fn values_far_apart_are_refused_before_their_blank_cells_fill_the_memory() {
    // Each row reaching column XFD is padded with 16,384 cells, nearly 1 MB:
    // twenty of them outgrow the cap.
    assert_too_large(read_small(&far_right(20)), "XFD");
    // A few of them are read as they are.
    let sheets = read_small(&far_right(3)).expect("read");
    assert_eq!(sheets[0].cell(3, 16_383).text, "x");
    assert_eq!(sheets[0].rows.len(), 4);
}

#[test]
fn a_coloured_default_style_over_many_rows_is_refused_before_it_fills_the_memory() {
    // Values 100,000 rows apart and styled cells 200 columns apart: the
    // default's red would go on 20 million cells between them.
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("Child Q").expect("name");
    sheet
        .write_string_with_format(0, 0, "Action", &bold)
        .expect("write");
    sheet.write_string(99_999, 0, "last").expect("write");
    sheet.write_blank(99_999, 199, &bold).expect("write");
    let bytes = book.save_to_buffer().expect("workbook");
    let coloured = rewrite(&bytes, "xl/styles.xml", red_default);
    assert_too_large(read_small(&coloured), "");
    // Without the coloured default, nothing is painted between them.
    let sheets = read_small(&bytes).expect("read");
    assert_eq!(sheets[0].rows.len(), 100_000);
}

#[test]
fn a_long_value_merged_down_many_rows_is_refused_before_its_copies_fill_the_memory() {
    // 1,000 characters merged down 50,000 rows: 50 MB of copies.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Child Q").expect("name");
    sheet.write_string(0, 0, "r".repeat(1_000)).expect("write");
    sheet.write_string(49_999, 1, "last").expect("write");
    let bytes = book.save_to_buffer().expect("workbook");
    let merge = |range: &'static str| {
        move |xml: String| {
            xml.replacen(
                "</sheetData>",
                &format!(
                    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"{range}\"/></mergeCells>"
                ),
                1,
            )
        }
    };
    let merged = rewrite(&bytes, "xl/worksheets/sheet1.xml", merge("A1:A50000"));
    assert_too_large(read_small(&merged), "A");
    // Merged down a few rows, the value is copied onto each.
    let merged = rewrite(&bytes, "xl/worksheets/sheet1.xml", merge("A1:A3"));
    let sheets = read_small(&merged).expect("read");
    assert_eq!(sheets[0].cell(2, 0).text.len(), 1_000);
}

/// One random cell: what is in it and how it is formatted.
fn random_cell() -> impl Strategy<Value = (u8, u8, i32)> {
    (0u8..7, 0u8..4, -5i32..50_000)
}

fn write_random(cells: &[Vec<(u8, u8, i32)>], merge: Option<(u32, u16, u32)>) -> Vec<u8> {
    let mut book = Workbook::new();
    let fills = [
        None,
        Some(red()),
        Some(Format::new().set_background_color(Color::RGB(0x00B050))),
        Some(Format::new().set_bold()),
    ];
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet();
    for (r, row) in cells.iter().enumerate() {
        for (c, &(kind, fill, number)) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let format = fills[usize::from(fill)].clone();
            let written = match (kind, format) {
                (0, _) => Ok(&mut *sheet),
                (1, Some(f)) | (5, Some(f)) => sheet.write_blank(r, c, &f),
                (1, None) | (5, None) => Ok(&mut *sheet),
                (2, _) => sheet.write_string(r, c, format!("text {number}")),
                (3, _) => sheet.write_number(r, c, f64::from(number) / 4.0),
                (4, _) => sheet.write_number_with_format(r, c, f64::from(number.abs()), &date),
                (_, Some(f)) => sheet.write_string_with_format(r, c, "Red", &f),
                (_, None) => sheet.write_boolean(r, c, number % 2 == 0),
            };
            written.expect("cell");
        }
    }
    if let Some((top, column, rows)) = merge {
        sheet
            .merge_range(top, column, top + rows, column, "merged", &Format::new())
            .expect("merge");
    }
    book.save_to_buffer().expect("workbook")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn one_pass_reads_random_grids_as_the_two_passes_did(
        cells in prop::collection::vec(prop::collection::vec(random_cell(), 0..7), 0..9),
        merge in prop::option::of((10u32..14, 0u16..6, 1u32..3)),
    ) {
        let bytes = write_random(&cells, merge);
        let read = workbook::from_bytes("t.xlsx", "t", &bytes).expect("read");
        prop_assert_eq!(read, two_pass(&bytes));
    }
}

#[test]
fn dates_are_written_as_chrono_writes_them() {
    use calamine::{ExcelDateTime, ExcelDateTimeType};
    for serial in [1.0, 60.0, 61.0, 367.5, 45000.0, 45000.99, 2_958_465.0] {
        for is_1904 in [false, true] {
            let at = ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, is_1904);
            let cell = workbook::date_time_cell(&at);
            // Serial 60 is Excel's 29 February 1900, which was never a day.
            let text = cell.date.map(|d| d.format("%d/%m/%Y").to_string());
            assert_eq!(cell.text, text.unwrap_or_default(), "{serial}");
        }
    }
}
