import { describe, expect, it } from "vitest";
import { planSources } from "./plan-sources";
import { sampleRecommendation } from "./sample-plans";

describe("plan sources", () => {
  const recs = [
    sampleRecommendation({ source_code: "Case AN", reference: "R1" }),
    sampleRecommendation({ source_code: "Case AN", reference: "R2" }),
    sampleRecommendation({
      source_code: "NP-SUDI",
      reference: "3",
      source_kind: "national-review",
      source_title: "Out of routine",
    }),
  ];

  it("gathers each source's recommendations under it, in the core's order", () => {
    const sources = planSources(recs);
    expect(sources.map((s) => [s.code, s.kind, s.recommendations.map((r) => r.reference)])).toEqual([
      ["Case AN", "local-review", ["R1", "R2"]],
      ["NP-SUDI", "national-review", ["3"]],
    ]);
    expect(sources[1]?.title).toBe("Out of routine");
  });

  it("adds sources with no recommendations yet after the others, once", () => {
    const extra = [
      { code: "AUD-1", title: "Neglect audit", kind: "audit" as const },
      { code: "NP-SUDI", title: "Out of routine", kind: "national-review" as const },
    ];
    expect(planSources(recs, extra).map((s) => [s.code, s.recommendations.length])).toEqual([
      ["Case AN", 2],
      ["NP-SUDI", 1],
      ["AUD-1", 0],
    ]);
  });
});
