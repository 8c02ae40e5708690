#!/usr/bin/env python3
"""The baselines for the tracker export and import (BENCHMARKS.md).

export SOURCE.xlsx OUT.xlsx
    Writes the rows of SOURCE.xlsx (a tracker our export made) again with
    openpyxl, with the same formatting our export gives them: font size 10,
    top-aligned wrapped text, thin grey borders; a bold shaded heading row;
    dates as dd/mm/yyyy; the RAG cell bold, centred, in its colour; the same
    column widths and row heights; frozen heading, autofilter, repeated
    heading when printed, A4 landscape one page wide, marked header and
    footer; and the summary sheet's cells. The rows are read from SOURCE
    first, untimed: only building the workbook and saving it is timed, so
    openpyxl is not charged for reading a register (our export is: it reads
    and decrypts the register, works out every row, then writes).

read FILE.xlsx
    pandas.read_excel of every sheet (openpyxl engine), timed: the rows as a
    DataFrame, with no mapping to the register's fields and no checks (our
    import dry run maps every column, checks every row and reports).

Prints one line of JSON: {"seconds": ..., "rows": ..., "openpyxl": ..., "pandas": ...}.
"""

import json
import sys
import time

import openpyxl
import pandas
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties

MARKING = "OFFICIAL-SENSITIVE"


def read_source(path):
    """Every sheet's values, widths, heights and RAG fills, as plain data."""
    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        widths = {k: d.width for k, d in sheet.column_dimensions.items()}
        heights = {k: d.height for k, d in sheet.row_dimensions.items() if d.height}
        fills = {}
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.font and cell.font.b and cell.alignment.horizontal == "center":
                    fills[(cell.row, cell.column)] = (
                        cell.fill.fgColor.rgb,
                        cell.font.color.rgb if cell.font.color else "FF000000",
                    )
        sheets.append((sheet.title, rows, widths, heights, fills))
    return sheets


def export(source, out):
    sheets = read_source(source)
    start = time.perf_counter()
    side = Side(style="thin", color="FFA6A6A6")
    border = Border(left=side, right=side, top=side, bottom=side)
    wrap = Alignment(vertical="top", wrap_text=True)
    centre = Alignment(horizontal="center", vertical="top", wrap_text=True)
    font = Font(size=10)
    bold = Font(size=10, bold=True)
    heading_fill = PatternFill("solid", fgColor="FFD9E1F2")
    book = openpyxl.Workbook()
    book.remove(book.active)
    book.properties.title = f"Action plan tracker ({MARKING})"
    book.properties.category = MARKING
    book.properties.keywords = f"{MARKING}, action plan tracker"
    rows_written = 0
    for title, rows, widths, heights, fills in sheets:
        sheet = book.create_sheet(title)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                cell = sheet.cell(row=r, column=c, value=value)
                cell.border = border
                if r == 1:
                    cell.font, cell.fill, cell.alignment = bold, heading_fill, wrap
                elif (r, c) in fills:
                    background, colour = fills[(r, c)]
                    cell.font = Font(size=10, bold=True, color=colour)
                    cell.fill = PatternFill("solid", fgColor=background)
                    cell.alignment = centre
                else:
                    cell.font, cell.alignment = font, wrap
                    if hasattr(value, "year"):
                        cell.number_format = "dd/mm/yyyy"
            rows_written += 1
        for column, width in widths.items():
            sheet.column_dimensions[column].width = width
        for row, height in heights.items():
            sheet.row_dimensions[row].height = height
        if title == "Tracker":
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            sheet.print_title_rows = "1:1"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.oddHeader.center.text = MARKING
        sheet.oddFooter.left.text = MARKING
        sheet.oddFooter.center.text = "Page &P of &N"
    book.save(out)
    return time.perf_counter() - start, rows_written


def read(path):
    start = time.perf_counter()
    frames = pandas.read_excel(path, sheet_name=None, engine="openpyxl")
    seconds = time.perf_counter() - start
    return seconds, sum(len(f) for f in frames.values())


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "export":
        seconds, rows = export(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "read":
        seconds, rows = read(sys.argv[2])
    else:
        sys.exit(__doc__)
    print(json.dumps({"seconds": round(seconds, 3), "rows": rows,
                      "openpyxl": openpyxl.__version__, "pandas": pandas.__version__}))


if __name__ == "__main__":
    main()
