import { describe, expect, it } from "vitest";
import { columnsShown, THEMATIC_PAGE, thematicPages, thematicQuery } from "./thematic";

describe("the thematic tracker's pages of reviews", () => {
  it("asks the core for a page of reviews at a time", () => {
    expect(THEMATIC_PAGE).toBe(20);
    expect(thematicQuery(0)).toEqual({ offset: 0, limit: 20 });
    expect(thematicQuery(3)).toEqual({ offset: 60, limit: 20 });
    expect(thematicQuery(-1)).toEqual({ offset: 0, limit: 20 });
  });

  it("counts the pages, one at least", () => {
    expect(thematicPages(0)).toBe(1);
    expect(thematicPages(20)).toBe(1);
    expect(thematicPages(21)).toBe(2);
    expect(thematicPages(2026)).toBe(102);
  });

  it("says which reviews are shown, with thousands separated", () => {
    expect(columnsShown(0, 20, 2026)).toBe("Reviews and reports 1 to 20 of 2,026, newest first");
    expect(columnsShown(2020, 6, 2026)).toBe("Reviews and reports 2,021 to 2,026 of 2,026, newest first");
    expect(columnsShown(0, 3, 3)).toBe("All 3 reviews and reports, newest first");
    expect(columnsShown(0, 1, 1)).toBe("The only review or report");
  });
});
