// Words shown for the core's codes. Records keyed by the generated types, so a
// kind or stage without a label fails the type check.
import type { CaseKind } from "../bindings/CaseKind";
import type { Stage } from "../bindings/Stage";

export const KIND_LABELS: Record<CaseKind, string> = {
  child: "Child",
  adult: "Adult",
  joint: "Joint child and adult",
};

export const STAGE_LABELS: Record<Stage, string> = {
  referral_received: "Referral received",
  not_meeting_criteria: "Did not meet criteria",
  learning_review: "Learning review (outside criteria)",
  rapid_review: "Rapid Review",
  decision: "Decision",
  review_in_progress: "Review in progress",
  report: "Report",
  published: "Published",
  not_published: "Not published",
  action_plan_monitoring: "Action plan monitoring",
  closed: "Closed",
};

/** The kinds in the order the form offers them. */
export const KINDS: CaseKind[] = ["child", "adult", "joint"];
