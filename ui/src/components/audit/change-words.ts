// A value from the change log in the words the forms use: dates as
// "4 June 2025", codes as their labels, quarters as "Q2 2026/27", yes or
// no, and lists (attendees, themes, a decision's review types) item by
// item. The core has already
// named any record ids ("Child S", "Panel meeting on 4 June 2025"); this only
// words the text it sends, where non-text values arrive as JSON.
import { fieldName, isoDay } from "../../lib/audit";
import { formatDate, formatDateTime } from "../../lib/dates";
import { PANEL_VIEWS, PROCEEDING_KINDS, REVIEW_LOG_KINDS, REVIEW_TYPES, SCREEN_OUTCOMES, STEP_LABELS } from "../../lib/journey";
import { KIND_LABELS, STAGE_LABELS } from "../../lib/labels";
import { OUTCOME_LABELS, RAG_LABELS, SOURCE_KIND_LABELS, STATUS_LABELS } from "../../lib/plans";

type Labels = Partial<Record<string, string>>;

/** Codes whose words depend on the field alone. */
const BY_FIELD: Partial<Record<string, Labels>> = {
  stage: STAGE_LABELS,
  status: STATUS_LABELS,
  rag: RAG_LABELS,
};

/** Codes whose words depend on the kind of record too ("kind" of a case or of proceedings). */
const BY_RECORD: Partial<Record<string, Labels>> = {
  "case.kind": KIND_LABELS,
  "proceeding.kind": PROCEEDING_KINDS,
  "review_log.kind": REVIEW_LOG_KINDS,
  "source.kind": SOURCE_KIND_LABELS,
  "recommendation.outcome": OUTCOME_LABELS,
};

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** A quarter's short code, "2026/27-Q2" (or "2026-Q2" for a calendar year). */
const QUARTER = /^(\d{4}(?:\/\d{2})?)-Q([1-4])$/;

/**
 * A changed value as the items to show: none when it is empty, one for a
 * single value, several for a list.
 */
export function changeWords(entity: string, field: string, value: string | null): string[] {
  if (value === null) return [];
  return words(entity, field, parsed(value));
}

/** The core sends text as it is and anything else (lists, records, yes/no) as JSON. */
function parsed(value: string): unknown {
  if (value === "true") return true;
  if (value === "false") return false;
  if (!value.startsWith("[") && !value.startsWith("{")) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value; // text that only starts like JSON
  }
}

function words(entity: string, field: string, value: unknown): string[] {
  if (value === null || value === undefined || value === "") return [];
  if (Array.isArray(value)) return value.flatMap((item) => words(entity, field, item));
  if (typeof value === "boolean") return [value ? "Yes" : "No"];
  if (typeof value === "object") return recordWords(value as Record<string, unknown>);
  if (typeof value !== "string") return [String(value)];
  const label = (BY_RECORD[`${entity}.${field}`] ?? BY_FIELD[field])?.[value];
  if (label) return [label];
  if (TIMESTAMP.test(value)) return [formatDateTime(value)];
  const quarter = QUARTER.exec(value);
  if (quarter) return [`Q${quarter[2]} ${quarter[1]}`]; // as the quarter screens write it
  return [formatDate(value)];
}

/** A value that is itself a small record: a journey step, a date as typed, an attendee. */
function recordWords(record: Record<string, unknown>): string[] {
  const text = (key: string) => (typeof record[key] === "string" ? record[key] : "");
  if (typeof record.step === "string") return [stepWords(record.step, record.outcome)];
  if ("day" in record && "month" in record && "year" in record) {
    const iso = isoDay(text("day"), text("month"), text("year"));
    return iso === null ? [] : [formatDate(iso)];
  }
  if ("role" in record && "agency" in record) {
    // As the panel meetings list shows attendees.
    return [text("agency") === "" ? text("role") : `${text("role")} (${text("agency")})`];
  }
  const parts = Object.entries(record).flatMap(([key, item]) => {
    const shown = words("", key, item);
    return shown.length === 0 ? [] : [`${fieldName(key)}: ${shown.join(", ")}`];
  });
  return parts.length === 0 ? [] : [parts.join("; ")];
}

/** "decide" with ["lcspr"] → "Decision on a review: Local Child Safeguarding Practice Review (LCSPR)". */
function stepWords(step: string, outcome: unknown): string {
  const name = (STEP_LABELS as Labels)[step] ?? fieldName(step);
  const outcomes = (Array.isArray(outcome) ? outcome : outcome === undefined ? [] : [outcome]).map((o) => {
    const code = String(o);
    const labels: Labels = step === "screen" ? SCREEN_OUTCOMES : step === "panel-response" ? PANEL_VIEWS : REVIEW_TYPES;
    return labels[code] ?? code;
  });
  return outcomes.length === 0 ? name : `${name}: ${outcomes.join("; ")}`;
}
