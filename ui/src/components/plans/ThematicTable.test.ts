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
        // Odd-numbered reviews made one rec about it, even-numbered none.
        cells: shown.map((code) => ({ recommendations: Number(code.slice(-2)) % 2, open_actions: 0 })),
        sources: TOTAL,
        recommendations: TOTAL,
        open_actions: 3,
      },
    ],
    offset: query.offset,
    total_columns: TOTAL,
  });
}

const neglectCells = () =>
  Array.from(document.querySelectorAll("#thematic-tracker tr[data-theme='Neglect'] td"), (td) => td.textContent?.trim());
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
    expect(api.thematicTracker).toHaveBeenCalledWith({ offset: 20, limit: 20 });
    expect(headers()[1]).toBe("Case 25");
    // The cells are this page's, not left from the last one (the cells are reused).
    expect(neglectCells().slice(0, 3)).toEqual(["1 rec, 0 open", "None", "1 rec, 0 open"]);
    expect(document.querySelectorAll("#thematic-tracker tbody td.app-thematic__none")).toHaveLength(10);
    await fireEvent.click(screen.getByRole("button", { name: "Older reviews and reports" }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Page 3 of 3"));
    expect(headers()).toHaveLength(8);
    expect(neglectCells()).toEqual(["1 rec, 0 open", "None", "1 rec, 0 open", "None", "1 rec, 0 open", "45 reviews or reports", "45 recs, 3 open"]);
    expect(screen.getByRole("table")).toHaveAccessibleName(
      expect.stringContaining("Reviews and reports 41 to 45 of 45, newest first"),
    );
    // The last page has no "Older": focus goes to "Newer", not lost.
    expect(screen.queryByRole("button", { name: /Older/ })).not.toBeInTheDocument();
    expect(document.activeElement).toHaveAccessibleName("Newer reviews and reports");
    await fireEvent.click(screen.getByRole("button", { name: "Newer reviews and reports" }));
    await waitFor(() => expect(headers()[1]).toBe("Case 25"));
  });

  it("asks for the next page as soon as one is shown, and asks for no page twice", async () => {
    render(ThematicTable);
    await screen.findByRole("button", { name: /^Older/ });
    // The first page and, ahead of need, the second.
    await waitFor(() => expect(api.thematicTracker).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.thematicTracker).mock.calls.map(([q]) => q.offset)).toEqual([0, 20]);
    await fireEvent.click(screen.getByRole("button", { name: /^Older/ }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Page 2 of 3"));
    await fireEvent.click(screen.getByRole("button", { name: /^Older/ }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Page 3 of 3"));
    // Back to a page seen: shown from what came before. The last page has no next to ask for.
    await fireEvent.click(screen.getByRole("button", { name: /^Newer/ }));
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Page 2 of 3"));
    expect(vi.mocked(api.thematicTracker).mock.calls.map(([q]) => q.offset)).toEqual([0, 20, 40]);
  });

  it("asks for the next page only once the first has been painted, and not once the view has gone", async () => {
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, "requestAnimationFrame").mockImplementation((cb) => frames.push(cb));
    const { unmount } = render(ThematicTable);
    await screen.findByRole("button", { name: /^Older/ });
    expect(api.thematicTracker).toHaveBeenCalledTimes(1);
    unmount();
    while (frames.length > 0) frames.shift()?.(0);
    expect(api.thematicTracker).toHaveBeenCalledTimes(1);
    raf.mockRestore();
  });

  it("asks again for a page whose answer failed, and says why it is not shown", async () => {
    vi.mocked(api.thematicTracker).mockImplementation((query) =>
      query.offset === 20
        ? Promise.reject({ code: "database", message: "The register could not be read." })
        : fakeTracker(query),
    );
    render(ThematicTable);
    await screen.findByRole("button", { name: /^Older/ });
    await waitFor(() => expect(api.thematicTracker).toHaveBeenCalledTimes(2));
    await fireEvent.click(screen.getByRole("button", { name: /^Older/ }));
    await screen.findByText("The register could not be read.");
    expect(vi.mocked(api.thematicTracker).mock.calls.map(([q]) => q.offset)).toEqual([0, 20, 20]);
  });

  it("shows every review without pagination when they fit on one page", async () => {
    vi.mocked(api.thematicTracker).mockImplementation(async (q) => ({ ...(await fakeTracker(q)), total_columns: 20 }));
    render(ThematicTable);
    const table = await screen.findByRole("table", { name: /What keeps recurring/ });
    expect(table).toHaveAccessibleName(expect.stringContaining("All 20 reviews and reports, newest first"));
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
  });
});
