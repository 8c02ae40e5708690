import { describe, expect, it } from "vitest";
import type { ActionRecord } from "../bindings/ActionRecord";
import type { QuarterUpdate } from "../bindings/QuarterUpdate";
import type { Rag } from "../bindings/Rag";
import { ANY, applyFilter, filterOptions } from "./panelFilter";

function update(id: string, agency: string, rag: Rag | null): QuarterUpdate {
  return {
    action_id: id,
    reference: id.toUpperCase(),
    text: "",
    lead_agency: agency,
    status: "in-progress",
    rag,
    target_date: "2025-06-30",
    progress_note: "",
    evidence: "",
    escalate: false,
    escalation_reason: "",
    updated_by: null,
    change: { previous_quarter: null, previous_rag: null, rag_changed: false, target_slip_days: null },
  };
}

function record(id: string, sources: string[], themes: string[]): ActionRecord {
  return {
    id,
    answers: sources.map((source_code, i) => ({ recommendation_id: `${id}-${i}`, source_code, reference: "R1" })),
    themes,
  } as ActionRecord;
}

const updates = [update("a1", "Housing", "red"), update("a2", "Education", null), update("a3", "Housing", "green")];
const actions = [
  record("a1", ["Child W"], ["Exploitation"]),
  record("a2", ["Child W", "NP-SUDI"], ["Information sharing"]),
  record("a3", ["Case AN"], ["Exploitation", "Think family"]),
  record("gone", ["Old review"], ["Not on this quarter"]),
];

describe("filterOptions", () => {
  it("offers only what the quarter's actions have, sorted, RAG worst first", () => {
    const titles = new Map([
      ["NP-SUDI", "Out of routine"],
      ["Child W", "Review of Child W"],
    ]);
    const options = filterOptions(updates, actions, titles);
    expect(options.sources).toEqual([
      { value: "Case AN", label: "Case AN" },
      { value: "Child W", label: "Review of Child W" },
      { value: "NP-SUDI", label: "NP-SUDI: Out of routine" },
    ]);
    expect(options.agencies.map((o) => o.value)).toEqual(["Education", "Housing"]);
    expect(options.rags).toEqual([
      { value: "red", label: "Red" },
      { value: "green", label: "Green" },
      { value: "none", label: "No RAG yet" },
    ]);
    expect(options.themes.map((o) => o.value)).toEqual(["Exploitation", "Information sharing", "Think family"]);
  });
});

describe("applyFilter", () => {
  const refs = (filter: typeof ANY) => applyFilter(updates, actions, filter).map((u) => u.action_id);

  it("keeps every action when nothing is chosen", () => {
    expect(refs(ANY)).toEqual(["a1", "a2", "a3"]);
  });

  it("filters by source, agency, RAG and theme, together", () => {
    expect(refs({ ...ANY, source: "Child W" })).toEqual(["a1", "a2"]);
    expect(refs({ ...ANY, agency: "Housing" })).toEqual(["a1", "a3"]);
    expect(refs({ ...ANY, rag: "none" })).toEqual(["a2"]);
    expect(refs({ ...ANY, theme: "Exploitation", agency: "Housing", rag: "green" })).toEqual(["a3"]);
  });
});
