import { describe, expect, it } from "vitest";
import { pageCount, pageOf, rangeWords } from "./pages";

describe("a long table's pages", () => {
  it("counts the pages, one at least", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(3000, 50)).toBe(60);
  });

  it("gives a page of the items in their order, the last when asked past the end", () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(items, 0, 50)).toEqual(items.slice(0, 50));
    expect(pageOf(items, 1, 50)).toEqual(items.slice(50, 100));
    expect(pageOf(items, 2, 50)).toEqual(items.slice(100));
    expect(pageOf(items, 9, 50)).toEqual(items.slice(100));
    expect(pageOf(items, -1, 50)).toEqual(items.slice(0, 50));
    expect(pageOf([], 0, 50)).toEqual([]);
  });

  it("says which items a page shows, with thousands separated", () => {
    expect(rangeWords("Cases", 50, 50, 3000)).toBe("Cases 51 to 100 of 3,000");
    expect(rangeWords("Cases", 2950, 50, 3000)).toBe("Cases 2,951 to 3,000 of 3,000");
  });
});
