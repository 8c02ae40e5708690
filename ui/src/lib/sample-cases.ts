// Fictional case referrals for the tests: the maker fills in a plausible
// whole record so a test sets only what it is about.
import type { Case } from "../bindings/Case";

/** A child's case referred by the police, at Rapid Review; only what `over` sets differs. */
export function sampleCase(over: Partial<Case> & { id: string; code: string }): Case {
  return {
    kind: "child",
    referred_on: "2025-06-04",
    referrer: "Police",
    summary: "Fictional",
    stage: "rapid_review",
    is_demo: false,
    created_at: "2025-06-04T10:00:00Z",
    updated_at: "2025-06-04T10:00:00Z",
    ...over,
  };
}
