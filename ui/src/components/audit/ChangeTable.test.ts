import { render, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../bindings/AuditEntry";
import type { FieldChange } from "../../bindings/FieldChange";
import ChangeTable from "./ChangeTable.svelte";
import { changeWords } from "./change-words";

/** One entry of `entity` with these changes, shown in a record's history. */
function shown(entity: string, action: string, changes: FieldChange[]): HTMLElement {
  const entry: AuditEntry = { seq: 1, at: "2025-06-04T13:05:00Z", who: "Subgroup chair", entity, entity_id: "x", label: null, action, changes };
  const { container } = render(ChangeTable, { id: "t", caption: "Every change", entries: [entry], showRecord: false });
  return container.querySelector("ul.app-change-table__fields") as HTMLElement;
}

const change = (field: string, before: string | null, after: string | null): FieldChange => ({ field, before, after });

describe("ChangeTable values", () => {
  it("shows dates as the forms do, and times on the clock in England", () => {
    const fields = shown("case", "update", [change("referred_on", "2025-06-04", "2025-07-01"), change("created_at", null, "2025-06-04T13:05:00.000Z")]);
    expect(fields).toHaveTextContent("Referred on: from 4 June 2025 to 1 July 2025");
    expect(fields).toHaveTextContent("Created at: from (empty) to 4 June 2025 at 2:05pm");
    expect(fields).not.toHaveTextContent("2025-06-04");
  });

  it("shows codes as their labels, by the kind of record where the same field means different things", () => {
    const fields = shown("case", "update", [change("stage", "rapid_review", "decision"), change("kind", "child", "joint")]);
    expect(fields).toHaveTextContent("Stage: from Rapid Review to Decision");
    expect(fields).toHaveTextContent("Kind: from Child to Joint child and adult");
    expect(shown("action", "update", [change("rag", "red", "amber")])).toHaveTextContent("RAG rating: from Red to Amber");
    expect(changeWords("proceeding", "kind", "dhr")).toEqual(["Domestic Homicide Review"]);
    expect(changeWords("review_log", "kind", "family-contact")).toEqual(["Contact with the family"]);
    expect(changeWords("action", "status", "complete-awaiting-impact")).toEqual(["Complete – awaiting evidence of impact"]);
    expect(changeWords("action", "rag", "red")).toEqual(["Red"]);
    expect(changeWords("quarter_update", "quarter", "2026/27-Q2")).toEqual(["Q2 2026/27"]);
    expect(changeWords("quarter_update", "quarter", "2026-Q4")).toEqual(["Q4 2026"]);
    expect(changeWords("recommendation", "outcome", "not-accepted")).toEqual(["Not accepted"]);
    expect(changeWords("source", "kind", "national-review")).toEqual(["National review"]);
    // Free text that happens to match a code elsewhere stays as typed.
    expect(changeWords("review", "reviewer", "closed")).toEqual(["closed"]);
  });

  it("shows a panel's attendees as a list of roles and agencies, not JSON", () => {
    const attendees = JSON.stringify([
      { agency: "Safeguarding partnership", role: "Subgroup chair" },
      { agency: "Police", role: "Detective inspector" },
    ]);
    const fields = shown("panel_meeting", "create", [change("attendees", null, attendees)]);
    const items = within(fields).getAllByRole("listitem").map((li) => li.textContent?.trim());
    expect(items).toContain("Subgroup chair (Safeguarding partnership)");
    expect(items).toContain("Detective inspector (Police)");
    expect(fields).not.toHaveTextContent("{");
  });

  it("shows a journey step and its outcome in words", () => {
    expect(changeWords("case_event", "step", '{"step":"closed"}')).toEqual(["Case closed"]);
    expect(changeWords("case_event", "step", '{"step":"screen","outcome":"rapid-review"}')).toEqual([
      "Screening: does the referral meet the criteria for a Rapid Review?: Meets the criteria: Rapid Review",
    ]);
    const fields = shown("case_event", "create", [change("step", null, '{"step":"decide","outcome":["lcspr","dhr"]}')]);
    expect(fields).toHaveTextContent(
      "Step: Decision on a review: Local Child Safeguarding Practice Review (LCSPR); Domestic Homicide Review alongside",
    );
  });

  it("shows lists of text item by item, and one item inline", () => {
    const fields = shown("action", "update", [change("themes", '["Think family"]', '["Think family","Voice of the child"]')]);
    expect(within(fields).getAllByRole("list")).toHaveLength(1); // the new themes; the one old theme is inline
    expect(fields).toHaveTextContent("Themes: from Think family to");
    expect(within(fields).getByText("Voice of the child")).toBeInTheDocument();
  });

  it("shows yes or no, a date as typed, and empty values in words", () => {
    expect(changeWords("proceeding", "holds_publication", "true")).toEqual(["Yes"]);
    expect(changeWords("case", "is_demo", "false")).toEqual(["No"]);
    expect(changeWords("rapid_review", "signed_off_on", '{"day":"4","month":"6","year":"2025"}')).toEqual(["4 June 2025"]);
    const fields = shown("rapid_review", "create", [change("signed_off_on", null, '{"day":"","month":"","year":""}')]);
    expect(fields).toHaveTextContent("Signed off on: (empty)");
  });

  it("keeps text that only looks like JSON, and names the core gives, as they are", () => {
    expect(changeWords("case", "summary", "[draft] to follow")).toEqual(["[draft] to follow"]);
    expect(changeWords("panel_decision", "meeting_id", "Panel meeting on 4 June 2025")).toEqual(["Panel meeting on 4 June 2025"]);
    expect(shown("panel_decision", "create", [change("case_id", null, "Child S")])).toHaveTextContent("Case: Child S");
    expect(changeWords("action", "answers", '["Recommendation 3 of NP-SUDI"]')).toEqual(["Recommendation 3 of NP-SUDI"]);
    expect(changeWords("settings", "idle_minutes", "15")).toEqual(["15"]);
  });
});
