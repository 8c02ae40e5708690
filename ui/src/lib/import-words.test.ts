import { describe, expect, it } from "vitest";
import { FIELDS, FIELD_LABELS, plural } from "./import-words";

describe("import words", () => {
  it("labels every field a column can hold", () => {
    expect(FIELDS).toHaveLength(15);
    expect(FIELD_LABELS["lead-officer"]).toBe("Lead officer");
  });

  it("counts in words", () => {
    expect(plural(1, "action", "actions")).toBe("1 action");
    expect(plural(0, "action", "actions")).toBe("0 actions");
    expect(plural(1200, "row", "rows")).toBe("1,200 rows");
  });
});
