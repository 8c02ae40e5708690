import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ThematicQuery } from "../../bindings/ThematicQuery";
import type { ThematicTracker } from "../../bindings/ThematicTracker";
import * as api from "../../lib/api";
import ThematicTable from "./ThematicTable.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  thematicTracker: vi.fn(),
}));

// 45 reviews, newest first; "Neglect" came up in every one, once each.
const TOTAL = 45;
function fakeTracker(query: ThematicQuery): Promise<ThematicTracker> {
  const codes = Array.from({ length: TOTAL }, (_, i) => `Case ${String(TOTAL - i).padStart(2, "0")}`);
  const shown = codes.slice(query.offset, query.offset + query.limit);
  return Promise.resolve({
    columns: shown.map((code) => ({ source_code: code, source_title: `Review of ${code}` })),
    rows: [
      {
        theme: "Neglect",
        cells: shown.map(() => ({ recommendations: 1, open_actions: 0 })),
        sources: TOTAL,
        recommendations: TOTAL,
        open_actions: 3,
      },
    ],
    offset: query.offset,
    total_columns: TOTAL,
  });
}

const headers = () => Array.from(document.querySelectorAll("#thematic-tracker thead th"), (th) => th.textContent?.trim());

describe("ThematicTable", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(api.thematicTracker).mockImplementation(fakeTracker);
  });

  it("shows a page of 20 reviews, newest first, with each theme's totals over all of them", async () => {
    render(ThematicTable);
    const table = await screen.findByRole("table", { name: /What keeps recurring/ });
    expect(api.thematicTracker).toHaveBeenCalledWith({ offset: 0, limit: 20 });
    expect(table).toHaveAccessibleName(expect.stringContaining("Reviews and reports 1 to 20 of 45, newest first"));
    const shown = headers();
    expect(shown).toHaveLength(23);
    expect(shown.slice(0, 2)).toEqual(["Theme", "Case 45"]);
    expect(shown.slice(-2)).toEqual(["Came up in (all)", "Total (all)"]);
    const row = screen.getByRole("rowheader", { name: "Neglect" }).closest("tr")!;
    const cells = Array.from(row.querySelectorAll("td"), (td) => td.textContent?.trim());
    expect(cells).toHaveLength(22);
    expect(cells.slice(-2)).toEqual(["45 reviews or reports", "45 recs, 3 open"]);
    expect(screen.getByRole("status")).toHaveTextContent("Page 1 of 3");
    expect(screen.queryByRole("button", { name: /Newer/ })).not.toBeInTheDocument();
  });

  it("pages to older reviews and back, keeping focus on the pagination", async () => {
    render(ThematicTable);
    const older = await screen.findByRole("button", { name: /^Older/ });
    older.focus();
    await fireEvent.click(older);
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Page 2 of 3"));
    expect(api.thematicTracker).toHaveBeenLastCalledWith({ offset: 20, limit: 20 });
    expect(headers()[1]).toBe("Case 25");
    await fireEvent.click(screen.getByRole("button", { name: "Older reviews and reports" }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Page 3 of 3"));
    expect(headers()).toHaveLength(8);
    expect(screen.getByRole("table")).toHaveAccessibleName(
      expect.stringContaining("Reviews and reports 41 to 45 of 45, newest first"),
    );
    // The last page has no "Older": focus goes to "Newer", not lost.
    expect(screen.queryByRole("button", { name: /Older/ })).not.toBeInTheDocument();
    expect(document.activeElement).toHaveAccessibleName("Newer reviews and reports");
    await fireEvent.click(screen.getByRole("button", { name: "Newer reviews and reports" }));
    await waitFor(() => expect(headers()[1]).toBe("Case 25"));
  });

  it("shows every review without pagination when they fit on one page", async () => {
    vi.mocked(api.thematicTracker).mockImplementation(async (q) => ({ ...(await fakeTracker(q)), total_columns: 20 }));
    render(ThematicTable);
    const table = await screen.findByRole("table", { name: /What keeps recurring/ });
    expect(table).toHaveAccessibleName(expect.stringContaining("All 20 reviews and reports, newest first"));
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
  });
});
