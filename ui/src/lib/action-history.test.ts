import { describe, expect, it } from "vitest";
import type { ActionQuarter } from "../bindings/ActionQuarter";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import { actionHistory, type HistoryItem } from "./action-history";

function quarter(code: string, closed: boolean): ActionQuarter {
  return {
    code,
    label: `Label of ${code}`,
    closed,
    update: {
      action_id: "a1",
      reference: "DEMO-04",
      text: "Relaunch the escalation policy",
      lead_agency: "Safeguarding partnership",
      status: "in-progress",
      rag: "amber",
      target_date: "2025-09-30",
      progress_note: "",
      evidence: "",
      escalate: false,
      escalation_reason: "",
      updated_by: "Subgroup chair",
      change: { previous_quarter: null, previous_rag: null, rag_changed: false, target_slip_days: null },
    },
  };
}

function entry(kind: string, occurred_at: string): HistoryEntry {
  return { kind, occurred_at, who: "Subgroup chair", reason: "Because", previous: null, current: null };
}

const names = (items: HistoryItem[]) =>
  items.map((i) => (i.kind === "quarter" ? i.quarter.code : `${i.entry.kind}@${i.entry.occurred_at.slice(0, 10)}`));

describe("an action's history", () => {
  it("puts quarters and events in one timeline, newest first, the open quarter on top", () => {
    const quarters = [quarter("2024/25-Q2", true), quarter("2024/25-Q3", true), quarter("2024/25-Q4", false)];
    const signed = { "2024/25-Q2": "2024-10-15T09:00:00Z", "2024/25-Q3": "2025-01-20T09:00:00Z" };
    const history = [entry("target-revised", "2024-11-02T12:00:00Z"), entry("reopened", "2025-02-01T08:30:00+00:00")];
    expect(names(actionHistory(quarters, signed, history))).toEqual([
      "2024/25-Q4",
      "reopened@2025-02-01",
      "2024/25-Q3",
      "target-revised@2024-11-02",
      "2024/25-Q2",
    ]);
  });

  it("keeps when each quarter was signed off, and none for the open one", () => {
    const items = actionHistory([quarter("2024/25-Q1", true), quarter("2024/25-Q2", false)], { "2024/25-Q1": "2024-07-10T09:00:00Z" }, []);
    expect(items.map((i) => (i.kind === "quarter" ? i.signedOffAt : "event"))).toEqual([null, "2024-07-10T09:00:00Z"]);
  });

  it("compares times, not their text, so offsets and fractions order correctly", () => {
    const history = [entry("target-revised", "2025-01-01T10:00:00.500Z"), entry("reopened", "2025-01-01T11:00:00+02:00")];
    // 11:00 at +02:00 is 09:00Z, before 10:00Z.
    expect(names(actionHistory([], {}, history))).toEqual(["target-revised@2025-01-01", "reopened@2025-01-01"]);
  });

  it("is empty when nothing has happened yet", () => {
    expect(actionHistory([], {}, [])).toEqual([]);
  });
});
