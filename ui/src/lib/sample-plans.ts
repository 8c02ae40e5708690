// Fictional action-plan records for the tests: each maker fills in a
// plausible whole record so a test sets only what it is about.
import type { ActionRecord } from "../bindings/ActionRecord";
import type { Answer } from "../bindings/Answer";
import type { Recommendation } from "../bindings/Recommendation";

/** The id a sample recommendation has: like the core's, it has no spaces (ids go into aria-describedby). */
function recommendationId(source: string, reference: string): string {
  return `rec-${source}-${reference}`.replace(/\W+/g, "-");
}

/** An open, unrated action; only what `over` sets differs. */
export function sampleAction(over: Partial<ActionRecord> & { reference: string }): ActionRecord {
  return {
    id: `id-${over.reference}`,
    text: `Action ${over.reference}`,
    lead_agency: "Safeguarding partnership",
    lead_officer: "Business manager",
    target_date: "2025-09-30",
    agreed_on: "2025-01-01",
    status: "in-progress",
    status_reason: "",
    superseded_by: null,
    rag: null,
    evidence_completion: "",
    evidence_impact: "",
    signed_off_by: "",
    signed_off_on: null,
    answers: [],
    themes: [],
    history: [],
    created_at: "2025-01-01T10:00:00Z",
    updated_at: "2025-01-01T10:00:00Z",
    ...over,
  };
}

/** What an action answering recommendation `reference` of `source_code` carries. */
export function sampleAnswer(source_code: string, reference: string): Answer {
  return { recommendation_id: recommendationId(source_code, reference), source_code, reference };
}

/** An accepted recommendation of a local review, with the id sampleAnswer gives it. */
export function sampleRecommendation(
  over: Partial<Recommendation> & { source_code: string; reference: string },
): Recommendation {
  return {
    id: recommendationId(over.source_code, over.reference),
    source_kind: "local-review",
    source_title: `Review of ${over.source_code}`,
    text: `Recommendation ${over.reference} of ${over.source_code}`,
    addressed_to: [],
    themes: [],
    outcome: "accepted",
    outcome_reason: "",
    ...over,
  };
}
