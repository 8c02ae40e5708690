//! Regression tests for trackers the fuzzers found breaking the importer
//! (fuzz/fuzz_targets): each is refused with a clear error, never a panic.

use std::io::{Cursor, Write};

use casereview_core::import::ImportOptions;
use casereview_core::{ErrorCode, Register};
use chrono::NaiveDate;
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Child Q" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// A one-sheet workbook whose sheet is `sheet`.
fn workbook(sheet: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in [
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet),
    ] {
        zip.start_file(name, SimpleFileOptions::default())
            .expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

fn sheet(cells: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{cells}</row></sheetData></worksheet>"#
    )
}

fn plan(bytes: &[u8]) -> casereview_core::Result<casereview_core::import::ImportReport> {
    let register = Register::in_memory("Tester").expect("register");
    let today = NaiveDate::from_ymd_opt(2025, 6, 4).expect("date");
    register.plan_import_bytes("tracker.xlsx", bytes, &ImportOptions::default(), today)
}

#[test]
fn a_well_formed_sheet_is_read() {
    // The control: the same workbook with a real cell reference is a tracker.
    let bytes = workbook(&sheet(
        r#"<c r="A1" t="inlineStr"><is><t>Action</t></is></c>"#,
    ));
    let report = plan(&bytes).expect("read");
    assert_eq!(report.sheets.len(), 1);
}

#[test]
fn a_cell_reference_too_long_for_a_column_is_refused_not_a_panic() {
    // Found by the import_sheet_xml fuzz target: calamine 0.38 multiplies
    // the column letters into a u32 and overflows (a panic where overflow
    // is checked).
    let reference = format!("{}14", "B".repeat(67));
    let bytes = workbook(&sheet(&format!(
        r#"<c r="{reference}" t="inlineStr"><is><t>x</t></is></c>"#
    )));
    match plan(&bytes) {
        Err(error) => {
            assert_eq!(error.code(), ErrorCode::NotASpreadsheet, "{error}");
            assert!(error.to_string().contains("tracker.xlsx"), "{error}");
        }
        // A reader that no longer overflows may read it, or skip the cell.
        Ok(report) => assert_eq!(report.sheets.len(), 1),
    }
}
