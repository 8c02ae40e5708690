// Words for the import preview: each field a column can hold, where a
// mapping came from, and counts ("1 action", "3 actions").
import type { ImportField } from "../bindings/ImportField";
import type { MappingSource } from "../bindings/MappingSource";

/** As the core's ImportField::label names them. */
export const FIELD_LABELS: Record<ImportField, string> = {
  review: "Review (case or source code)",
  "recommendation-ref": "Recommendation reference",
  recommendation: "Recommendation",
  "action-ref": "Action reference",
  action: "Action",
  "lead-agency": "Lead agency",
  "lead-officer": "Lead officer",
  "target-date": "Target date",
  "revised-target-date": "Revised target date",
  status: "Status",
  rag: "RAG rating",
  update: "Progress update",
  "evidence-completion": "Evidence of completion",
  "evidence-impact": "Evidence of impact",
  comments: "Comments",
};

export const FIELDS = Object.keys(FIELD_LABELS) as ImportField[];

export const MAPPING_FROM: Record<MappingSource, string> = {
  proposed: "columns matched by their headings: check them",
  remembered: "columns as you confirmed them for a tracker with these headings",
  corrected: "columns as you corrected them",
  none: "no header row found",
};

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n.toLocaleString("en-GB")} ${many}`;
}
