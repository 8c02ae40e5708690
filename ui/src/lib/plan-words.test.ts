import { describe, expect, it } from "vitest";
import { cellWords, count, signOffWords, similarWords, splitList } from "./plan-words";

describe("plan wording", () => {
  it("counts in words, one and many", () => {
    expect(count(1, "rec")).toBe("1 rec");
    expect(count(0, "review")).toBe("0 reviews");
    expect(count(2, "open action")).toBe("2 open actions");
    expect(count(2500, "action")).toBe("2,500 actions");
  });

  it("says a thematic tracker cell in words, not as a bare number", () => {
    expect(cellWords({ recommendations: 2, open_actions: 1 })).toBe("2 recs, 1 open");
    expect(cellWords({ recommendations: 1, open_actions: 0 })).toBe("1 rec, 0 open");
    expect(cellWords({ recommendations: 0, open_actions: 0 })).toBe("None");
  });

  it("names a possible duplicate, where it came from and why", () => {
    const match = {
      id: "a1",
      reference: "DEMO-01",
      text: "Deliver multi-agency training",
      sources: ["Child W", "Case AN"],
      score: 0.8,
      why: "similar wording",
    };
    expect(similarWords(match)).toBe("This looks like DEMO-01 from Child W, Case AN — similar wording");
    expect(similarWords({ ...match, sources: [] })).toBe("This looks like DEMO-01 — similar wording");
  });

  it("says who signed an action off and when", () => {
    expect(signOffWords("Subgroup chair", "2025-06-04")).toBe("Subgroup chair on 4 June 2025");
    expect(signOffWords("", null)).toBe("Not signed off");
    expect(signOffWords("Subgroup chair", null)).toBe("Subgroup chair (no date recorded)");
  });

  it("splits agencies typed one a line or with commas", () => {
    expect(splitList("Police, Health\n\nChildren's social care ,")).toEqual([
      "Police",
      "Health",
      "Children's social care",
    ]);
    expect(splitList("  ")).toEqual([]);
  });
});
