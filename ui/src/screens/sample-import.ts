// A previewed import as the core reports it, for the import screen's tests:
// one sheet, its header on row 4, a date kept as words, one row skipped.
import type { ImportField } from "../bindings/ImportField";
import type { ImportReport } from "../bindings/ImportReport";

export function sampleReport(): ImportReport {
  const col = (column: number, letter: string, header: string, field: ImportField | null) => ({
    column,
    letter,
    header,
    field,
    score: field ? 0.9 : 0,
  });
  const action = {
    reference: "IMP-CHILDQ-1",
    reference_made: true,
    text: "Deliver exploitation training",
    lead_agency: "Police",
    lead_officer: "Detective Inspector",
    target_date: "2022-03-31",
    target_text: null,
    revised_target_date: null,
    status: "in-progress" as const,
    status_reason: "",
    rag: "green" as const,
    evidence_completion: "",
    evidence_impact: "",
  };
  return {
    file: "trackers.xlsx",
    sheets: [
      {
        sheet: "Child Q",
        mapping: {
          sheet: "Child Q",
          header_row: 4,
          columns: [
            col(0, "A", "Action(s)", "action"),
            col(1, "B", "Lead Agency", "lead-agency"),
            col(2, "C", "Responsible Officer", "lead-officer"),
            col(3, "D", "Deadline", "target-date"),
            col(4, "E", "Notes", null),
          ],
        },
        mapping_from: "proposed",
        signature: "action(s)|lead agency|responsible officer|deadline|notes",
        review: "Child Q",
        new_review: false,
        blank_rows: 1,
        notes: [],
        first_rows: [],
        sample_rows: [["Deliver exploitation training", "Police", "Detective Inspector", "31/03/2022", "Two sessions"]],
      },
    ],
    rows: [
      {
        sheet: "Child Q",
        row: 5,
        outcome: "imported",
        reason: null,
        warnings: [],
        recommendations: [{ source: "Child Q", reference: "1", text: "Understand exploitation.", new: true }],
        action,
      },
      {
        sheet: "Child Q",
        row: 6,
        outcome: "imported",
        reason: null,
        warnings: ["Target date \"Ongoing\" is not a date: kept as text; the target is the day of the import, for you to revise"],
        recommendations: [{ source: "Child Q", reference: "1", text: "Understand exploitation.", new: false }],
        action: { ...action, reference: "IMP-CHILDQ-2", text: "Audit return-home interviews", target_date: "2025-07-01", target_text: "Ongoing" },
      },
      {
        sheet: "Child Q",
        row: 7,
        outcome: "skipped",
        reason: "Name the lead officer's role (such as Head of Safeguarding), not a team",
        warnings: [],
        recommendations: [],
        action: null,
      },
    ],
    new_sources: [],
    counts: { rows: 3, imported: 2, skipped: 1, warnings: 1, sources: 0, recommendations: 1, actions: 2 },
    written: false,
  };
}
