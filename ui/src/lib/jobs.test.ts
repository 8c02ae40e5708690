import { describe, expect, it } from "vitest";
import { describeProgress, percent } from "./jobs";

describe("describeProgress", () => {
  it("says the stage and how far it has got", () => {
    expect(describeProgress({ stage: "checking", done: 40, total: 120 })).toBe("Checking rows: 40 of 120 (33%)");
    expect(describeProgress({ stage: "writing", done: 1500, total: 3000 })).toBe("Writing rows: 1,500 of 3,000 (50%)");
  });

  it("reads a one-step stage as words only", () => {
    expect(describeProgress({ stage: "reading", done: 0, total: 1 })).toBe("Reading");
    expect(describeProgress({ stage: "saving", done: 0, total: 1 })).toBe("Saving the file");
  });

  it("never passes 100% and treats an empty job as done", () => {
    expect(percent({ stage: "writing", done: 5, total: 4 })).toBe(100);
    expect(percent({ stage: "writing", done: 0, total: 0 })).toBe(100);
  });
});
