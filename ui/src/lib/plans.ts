// Words for action plans, shared by every screen that shows an action: its
// status and RAG as people say them, and the source kinds. Records keyed by
// the generated union types, so a value added on the Rust side fails the
// type check until it has words here.
import type { ActionStatus } from "../bindings/ActionStatus";
import type { Rag } from "../bindings/Rag";
import type { RecommendationOutcome } from "../bindings/RecommendationOutcome";
import type { SourceKind } from "../bindings/SourceKind";

export const STATUS_LABELS: Record<ActionStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  "complete-awaiting-impact": "Complete – awaiting evidence of impact",
  "complete-embedded": "Complete and embedded",
  paused: "Paused",
  superseded: "Superseded",
};

/** Closed actions change only by reopening (as in the core). */
export const CLOSED_STATUSES: ReadonlySet<ActionStatus> = new Set(["complete-embedded", "superseded"]);

export const RAG_LABELS: Record<Rag, string> = {
  red: "Red",
  amber: "Amber",
  green: "Green",
  blue: "Blue",
};

/** The order RAG ratings sort in: most worrying first. */
export const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2, blue: 3 };

export const OUTCOME_LABELS: Record<RecommendationOutcome, string> = {
  pending: "Awaiting a decision",
  accepted: "Accepted",
  "not-accepted": "Not accepted",
};

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  "local-review": "Local review",
  "national-review": "National review",
  audit: "Multi-agency audit",
  "thematic-review": "Thematic review",
};
