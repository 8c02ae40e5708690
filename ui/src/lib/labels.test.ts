import { describe, expect, it } from "vitest";
import { KIND_LABELS, KINDS, STAGE_LABELS } from "./labels";

describe("labels", () => {
  it("offers every kind, in the form's order, with its words", () => {
    expect(KINDS.map((k) => KIND_LABELS[k])).toEqual(["Child", "Adult", "Joint child and adult"]);
  });

  it("names stages the way partnerships do", () => {
    expect(STAGE_LABELS.not_meeting_criteria).toBe("Did not meet criteria");
    expect(STAGE_LABELS.rapid_review).toBe("Rapid Review");
  });
});
