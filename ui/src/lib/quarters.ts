// Words for quarterly action reviews: a quarter as the chair picks it, how an
// action moved since the quarter before, and a review's sign-off. The core
// decides every fact (labels, who is on a review, the change in days); this
// only puts them into words.
import type { ActionStatus } from "../bindings/ActionStatus";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { QuarterChange } from "../bindings/QuarterChange";
import type { QuarterChoice } from "../bindings/QuarterChoice";
import type { QuarterReview } from "../bindings/QuarterReview";
import type { QuarterUpdate } from "../bindings/QuarterUpdate";
import type { QuarterUpdateInput } from "../bindings/QuarterUpdateInput";
import type { Rag } from "../bindings/Rag";
import { RAG_LABELS } from "./plans";

/** What panel mode edits of an update besides the note, which is saved on its own. */
export interface Draft {
  status: ActionStatus;
  rag: Rag | "";
  evidence: string;
  escalate: boolean;
  escalation_reason: string;
}

export function draftOf(update: QuarterUpdate): Draft {
  return {
    status: update.status,
    rag: update.rag ?? "",
    evidence: update.evidence,
    escalate: update.escalate,
    escalation_reason: update.escalation_reason,
  };
}

/** Whether the draft holds anything the update does not. */
export function draftChanged(draft: Draft, update: QuarterUpdate): boolean {
  const saved = draftOf(update);
  return (Object.keys(saved) as (keyof Draft)[]).some((k) => draft[k] !== saved[k]);
}

/**
 * The update to send: the draft and the note as typed, for the core to check.
 * A reason typed and then the box unticked is not an escalation: it is dropped.
 */
export function updateInput(draft: Draft, note: string): QuarterUpdateInput {
  return { ...draft, escalation_reason: draft.escalate ? draft.escalation_reason : "", progress_note: note };
}

/**
 * The statuses panel mode offers. Pausing, superseding or closing an action as
 * complete and embedded needs a reason, another action or evidence of impact
 * and a sign-off, which the action's own page records; a paused action keeps
 * "Paused" on offer so its update can be saved as it is.
 */
export function panelStatuses(current: ActionStatus): ActionStatus[] {
  const offered: ActionStatus[] = ["not-started", "in-progress", "complete-awaiting-impact"];
  return offered.includes(current) ? offered : [...offered, current];
}

/** "Q3 2024/25 (October to December 2024) (signed off)", for the quarter picker. */
export function choiceLabel(choice: QuarterChoice): string {
  const state = choice.closed ? "signed off" : choice.opened ? "open" : "not opened";
  return `${choice.label} (${state})`;
}

function days(n: number): string {
  return n === 1 ? "1 day" : `${n} days`;
}

/**
 * What changed since the quarter before, e.g. ["RAG went Green → Amber",
 * "target slipped by 30 days"]; empty when nothing did or there is no
 * quarter before.
 */
export function changes(change: QuarterChange, rag: Rag | null): string[] {
  if (change.previous_quarter === null) return [];
  const out: string[] = [];
  if (change.rag_changed) {
    const before = change.previous_rag ? RAG_LABELS[change.previous_rag] : "no RAG";
    const after = rag ? RAG_LABELS[rag] : "no RAG";
    out.push(`RAG went ${before} → ${after}`);
  }
  const slip = change.target_slip_days ?? 0;
  if (slip > 0) out.push(`target slipped by ${days(slip)}`);
  if (slip < 0) out.push(`target brought forward by ${days(-slip)}`);
  return out;
}

/**
 * The change in words: what moved ("RAG went Green → Amber; target slipped by
 * 30 days", "No change", or "First quarter reviewed") and since which quarter,
 * named by its label (with its months) when `labelOf` knows it, else its code.
 */
export function describeChange(
  change: QuarterChange,
  rag: Rag | null,
  labelOf: (code: string) => string | undefined = () => undefined,
): { what: string; since: string | null } {
  if (change.previous_quarter === null) return { what: "First quarter reviewed", since: null };
  const list = changes(change, rag).join("; ");
  const what = list === "" ? "No change" : `${list.charAt(0).toUpperCase()}${list.slice(1)}`;
  return { what, since: `since ${labelOf(change.previous_quarter) ?? change.previous_quarter}` };
}

const LONDON_DATE = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** An RFC 3339 timestamp's date on the clock in England: "4 June 2025". */
export function dateInEngland(timestamp: string): string {
  const instant = new Date(timestamp);
  return Number.isNaN(instant.getTime()) ? timestamp : LONDON_DATE.format(instant);
}

/** "Signed off by Subgroup chair on 4 June 2025", or null while the review is open. */
export function signedOff(review: QuarterReview): string | null {
  if (review.closed_at === null) return null;
  return `Signed off by ${review.closed_by ?? "someone unrecorded"} on ${dateInEngland(review.closed_at)}`;
}

/** The start of a long text for a table cell, cut at a word. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The core checks a quarter's update as a change to the action, so it may
 * name fields panel mode does not have (the action's evidence of completion,
 * a pause reason). Each is shown on the panel field that causes it; the first
 * message for a field wins, so the error summary lists each field once.
 */
const PANEL_FIELDS: Partial<Record<string, string>> = {
  evidence_completion: "evidence",
  status_reason: "status",
  evidence_impact: "status",
  signed_off_by: "status",
  superseded_by: "status",
};

export function onPanelFields(error: ErrorBody): ErrorBody {
  return { ...error, fields: error.fields.map((f) => ({ ...f, field: PANEL_FIELDS[f.field] ?? f.field })) };
}
