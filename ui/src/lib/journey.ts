// Words for the case journey: step names, outcomes, review types and clocks.
// Records keyed by the generated types, so a new variant fails the type check.
import type { Deadline } from "../bindings/Deadline";
import type { ProceedingKind } from "../bindings/ProceedingKind";
import type { ReviewLogKind } from "../bindings/ReviewLogKind";
import type { ReviewType } from "../bindings/ReviewType";
import type { ScreenOutcome } from "../bindings/ScreenOutcome";
import type { StepName } from "../bindings/StepName";
import { formatDate } from "./dates";

export const STEP_LABELS: Record<StepName, string> = {
  screen: "Screening: does the referral meet the criteria for a Rapid Review?",
  "la-aware": "Local authority became aware (starts the notification clock)",
  "sin-sent": "Serious Incident Notification sent",
  "rr-meeting": "Rapid Review meeting held",
  "rr-sent-to-panel": "Rapid Review sent to the National Panel",
  "panel-response": "National Panel responded",
  decide: "Decision on a review",
  "review-commissioned": "Review commissioned",
  "draft-report": "Draft report received",
  "final-report": "Final report received",
  published: "Report published",
  "not-published": "Decided not to publish",
  "action-plan": "Action plan agreed",
  closed: "Case closed",
};

export const SCREEN_OUTCOMES: Record<ScreenOutcome, string> = {
  "not-met": "Does not meet the criteria",
  "learning-review": "Outside the criteria: a local learning review",
  "rapid-review": "Meets the criteria: Rapid Review",
};

export const PANEL_VIEWS: Record<"agrees" | "disagrees", string> = {
  agrees: "The Panel agrees",
  disagrees: "The Panel disagrees",
};

export const PROCEEDING_KINDS: Record<ProceedingKind, string> = {
  criminal: "Criminal",
  inquest: "Inquest",
  dhr: "Domestic Homicide Review",
  other: "Other",
};

export const REVIEW_LOG_KINDS: Record<ReviewLogKind, string> = {
  "family-contact": "Contact with the family",
  "written-request": "Written request to the reviewer",
  "progress-check": "Progress check",
  "quality-check": "Quality check",
};

export const REVIEW_TYPES: Record<ReviewType, string> = {
  lcspr: "Local Child Safeguarding Practice Review (LCSPR)",
  "sar-mandatory": "Safeguarding Adults Review, mandatory (s44(1)–(3))",
  "sar-discretionary": "Safeguarding Adults Review, discretionary (s44(4))",
  "learning-review": "Another learning review",
  dhr: "Domestic Homicide Review alongside",
  "no-review": "No review: the learning was captured at the Rapid Review",
};

/** The label of the note field for a step. */
export function noteLabel(step: string): string {
  if (step === "screen" || step === "decide") return "Rationale";
  if (step === "not-published") return "Reason for not publishing";
  return "Note (optional)";
}

function workingDays(n: number): string {
  return n === 1 ? "1 working day" : `${n} working days`;
}

/** A clock's state in words: "met", "late by 2 working days", "due, 3 working days left". */
export function deadlineState(d: Deadline): string {
  let text: string;
  switch (d.state) {
    case "met":
      text = "met";
      break;
    case "late":
      text = `late by ${workingDays(d.working_days_late ?? 0)}`;
      break;
    case "due":
      text = `due, ${workingDays(d.working_days_left ?? 0)} left`;
      break;
    case "overdue":
      text = `overdue by ${workingDays(d.working_days_late ?? 0)}`;
      break;
  }
  return d.beyond_holiday_list ? `${text} (check: beyond the known bank holidays)` : text;
}

/** "Rapid Review due to the National Panel: 30 January 2025 — overdue by 3 working days". */
export function describeDeadline(d: Deadline): string {
  return `${d.label}: ${formatDate(d.due)} — ${deadlineState(d)}`;
}

/** The GOV.UK tag colour for a clock's state, always shown beside the words. */
export function deadlineTagClass(d: Deadline): string {
  switch (d.state) {
    case "overdue":
      return "govuk-tag govuk-tag--red";
    case "late":
      return "govuk-tag govuk-tag--orange";
    case "due":
      return "govuk-tag govuk-tag--yellow";
    case "met":
      return "govuk-tag govuk-tag--green";
  }
}

/** The tag's word: "Overdue", "Late", "Due", "Met". */
export function deadlineTagText(d: Deadline): string {
  return { overdue: "Overdue", late: "Late", due: "Due", met: "Met" }[d.state];
}
