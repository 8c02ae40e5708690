import { describe, expect, it } from "vitest";
import type { QuarterChange } from "../bindings/QuarterChange";
import type { QuarterReview } from "../bindings/QuarterReview";
import { fieldMessages, summaryItems } from "./errors";
import {
  changes,
  choiceLabel,
  dateInEngland,
  describeChange,
  draftChanged,
  draftOf,
  excerpt,
  onPanelFields,
  panelStatuses,
  signedOff,
  updateInput,
} from "./quarters";

const since = (more: Partial<QuarterChange>): QuarterChange => ({
  previous_quarter: "2024/25-Q2",
  previous_rag: "green",
  rag_changed: false,
  target_slip_days: 0,
  ...more,
});

describe("choiceLabel", () => {
  it("says whether the quarter's review is open, signed off or not opened", () => {
    const label = "Q3 2024/25 (October to December 2024)";
    expect(choiceLabel({ code: "2024/25-Q3", label, opened: false, closed: false })).toBe(`${label} (not opened)`);
    expect(choiceLabel({ code: "2024/25-Q3", label, opened: true, closed: false })).toBe(`${label} (open)`);
    expect(choiceLabel({ code: "2024/25-Q3", label, opened: true, closed: true })).toBe(`${label} (signed off)`);
  });
});

describe("changes", () => {
  it("names a RAG change with both ratings in words", () => {
    expect(changes(since({ rag_changed: true }), "amber")).toEqual(["RAG went Green → Amber"]);
    expect(changes(since({ rag_changed: true, previous_rag: null }), "red")).toEqual(["RAG went no RAG → Red"]);
  });

  it("says which way the target moved, in days", () => {
    expect(changes(since({ target_slip_days: 30 }), "green")).toEqual(["target slipped by 30 days"]);
    expect(changes(since({ target_slip_days: 1 }), "green")).toEqual(["target slipped by 1 day"]);
    expect(changes(since({ target_slip_days: -14 }), "green")).toEqual(["target brought forward by 14 days"]);
  });

  it("is empty for an action reviewed for the first time", () => {
    expect(changes(since({ previous_quarter: null, rag_changed: true }), "red")).toEqual([]);
  });
});

describe("describeChange", () => {
  it("says what moved, and since which quarter, with its months when known", () => {
    const labelOf = (code: string) => (code === "2024/25-Q2" ? "Q2 2024/25 (July to September 2024)" : undefined);
    expect(describeChange(since({ rag_changed: true, target_slip_days: 30 }), "amber", labelOf)).toEqual({
      what: "RAG went Green → Amber; target slipped by 30 days",
      since: "since Q2 2024/25 (July to September 2024)",
    });
    expect(describeChange(since({ previous_quarter: "2022/23-Q1" }), "green", labelOf)).toEqual({
      what: "No change",
      since: "since 2022/23-Q1",
    });
    expect(describeChange(since({ previous_quarter: null }), "green")).toEqual({
      what: "First quarter reviewed",
      since: null,
    });
  });
});

describe("signedOff", () => {
  const review: QuarterReview = {
    id: "q",
    code: "2025/26-Q1",
    label: "Q1 2025/26 (April to June 2025)",
    opened_by: "Subgroup chair",
    opened_at: "2025-06-01T09:00:00Z",
    closed_by: null,
    closed_at: null,
    updates: [],
  };

  it("is nothing while the review is open", () => {
    expect(signedOff(review)).toBeNull();
  });

  it("says who signed off and the day in England", () => {
    // 23:30 UTC on 3 June is 00:30 BST on 4 June.
    expect(signedOff({ ...review, closed_by: "Subgroup chair", closed_at: "2025-06-03T23:30:00Z" })).toBe(
      "Signed off by Subgroup chair on 4 June 2025",
    );
    expect(dateInEngland("not a time")).toBe("not a time");
  });
});

describe("excerpt", () => {
  it("keeps short text whole and cuts long text at a word", () => {
    expect(excerpt("Met in May.")).toBe("Met in May.");
    expect(excerpt("Training delivered to 240 practitioners across nine agencies", 30)).toBe(
      "Training delivered to 240…",
    );
    expect(excerpt("line one\n\nline two")).toBe("line one line two");
  });
});

describe("panelStatuses", () => {
  it("offers what panel mode can record, and keeps a paused action's status", () => {
    expect(panelStatuses("in-progress")).toEqual(["not-started", "in-progress", "complete-awaiting-impact"]);
    expect(panelStatuses("paused")).toEqual(["not-started", "in-progress", "complete-awaiting-impact", "paused"]);
  });
});

describe("onPanelFields", () => {
  it("shows the action's own fields on the panel field that causes them, each once", () => {
    const error = onPanelFields({
      code: "validation",
      message: "Some answers need changing.",
      fields: [
        { field: "evidence_completion", message: "Enter the evidence that the action is complete" },
        { field: "evidence", message: "Evidence added must be 2000 characters or fewer" },
        { field: "escalation_reason", message: "Enter why the action is escalated to the Executive Board" },
      ],
    });
    expect(fieldMessages(error)).toEqual({
      evidence: "Enter the evidence that the action is complete",
      escalation_reason: "Enter why the action is escalated to the Executive Board",
    });
    expect(summaryItems(error).map((i) => i.href)).toEqual(["#evidence", "#escalation_reason"]);
  });
});

describe("the draft of an update", () => {
  const update = {
    status: "in-progress",
    rag: null,
    evidence: "",
    escalate: false,
    escalation_reason: "",
  } as unknown as Parameters<typeof draftOf>[0];

  it("knows when something besides the note has changed", () => {
    const draft = draftOf(update);
    expect(draftChanged(draft, update)).toBe(false);
    expect(draftChanged({ ...draft, rag: "red" }, update)).toBe(true);
  });

  it("drops a reason typed before the escalation box was unticked", () => {
    const draft = { ...draftOf(update), escalation_reason: "Typed, then changed my mind" };
    expect(updateInput(draft, "Met in May")).toEqual({
      status: "in-progress",
      rag: "",
      evidence: "",
      escalate: false,
      escalation_reason: "",
      progress_note: "Met in May",
    });
  });
});
