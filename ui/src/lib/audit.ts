// Words for the audit trail: what kind of record an entry is about, what was
// done, field names as a person reads them, and the filter form turned into
// the core's query. The core does the filtering and paging, in SQL.
import type { AuditEntry } from "../bindings/AuditEntry";
import type { AuditQuery } from "../bindings/AuditQuery";

export const PAGE_SIZE = 50;

const ENTITIES: Partial<Record<string, string>> = {
  register: "Register",
  case: "Case",
  case_event: "Journey step",
  rapid_review: "Rapid Review",
  agency_request: "Agency request",
  review: "Review",
  review_log: "Review log",
  proceeding: "Parallel proceeding",
  panel_meeting: "Panel meeting",
  panel_decision: "Panel decision",
  recommendation: "Recommendation",
  action: "Action",
  source: "Source",
  theme: "Theme",
  quarter_review: "Quarter review",
  quarter_update: "Quarter update",
  settings: "Settings",
};

/** "rapid_review" → "Rapid Review"; an unknown kind is shown tidied. */
export function entityName(entity: string): string {
  return ENTITIES[entity] ?? fieldName(entity);
}

/** "create" → "Created". */
export function actionWord(action: string): string {
  return ({ create: "Created", update: "Changed", delete: "Deleted" } as Partial<Record<string, string>>)[action] ?? action;
}

/** Field names that tidying alone would get wrong (initialisms). */
const FIELD_NAMES: Partial<Record<string, string>> = {
  rag: "RAG rating",
  sin_reference: "SIN reference",
};

/** "referred_on" → "Referred on"; "case_id" → "Case" (the core shows the record's name, not its id). */
export function fieldName(field: string): string {
  const named = FIELD_NAMES[field];
  if (named) return named;
  const words = field.replace(/(.)_id$/, "$1").replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the entry is about: its code ("Case AK", "A-12"), or the kind of record alone. */
export function recordName(entry: AuditEntry): string {
  return entry.label ?? entityName(entry.entity);
}

/** Day, month and year as typed → "2025-06-04"; all empty → null; otherwise passed on for the core to judge. */
export function isoDay(day: string, month: string, year: string): string | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (d === "" && m === "" && y === "") return null;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/** The filter form's values as the core's query, page 1 unless given. */
export function auditQuery(values: { user: string; record: string; from: string | null; to: string | null }, page = 1): AuditQuery {
  const text = (v: string) => (v.trim() === "" ? null : v.trim());
  return { user: text(values.user), record: text(values.record), from: values.from, to: values.to, page, page_size: PAGE_SIZE };
}
