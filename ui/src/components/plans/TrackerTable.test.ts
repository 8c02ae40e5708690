import { fireEvent, render } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { sampleAction } from "../../lib/sample-plans";
import TrackerTable, { ROW_HEIGHT } from "./TrackerTable.svelte";

const many = Array.from({ length: 2_000 }, (_, i) => sampleAction({ reference: `A-${i}` }));

function rendered(container: HTMLElement) {
  return Array.from(container.querySelectorAll("tbody tr[data-action-ref]"));
}

describe("TrackerTable", () => {
  it("renders only the rows in view, with spacers standing in for the rest", () => {
    const { container } = render(TrackerTable, {
      total: many.length,
      rowAt: (i: number) => many[i],
      sort: { key: "reference", direction: "ascending" },
      today: "2025-06-04",
      onSort: vi.fn(),
      onOpen: vi.fn(),
    });
    const rows = rendered(container);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(container.querySelector("table")).toHaveAttribute("aria-rowcount", "2001");
    expect(rows[0]).toHaveAttribute("aria-rowindex", "2");
    const after = container.querySelector("tbody tr[aria-hidden='true'] td") as HTMLElement;
    expect(after.style.height).toBe(`${(many.length - rows.length) * ROW_HEIGHT}px`);
  });

  it("moves the window as the box scrolls, keeping each row's place in the whole table", async () => {
    const { container } = render(TrackerTable, {
      total: many.length,
      rowAt: (i: number) => many[i],
      sort: { key: "reference", direction: "ascending" },
      today: "2025-06-04",
      onSort: vi.fn(),
      onOpen: vi.fn(),
    });
    const box = container.querySelector(".app-tracker") as HTMLElement;
    box.scrollTop = 1_000 * ROW_HEIGHT;
    await fireEvent.scroll(box);
    const rows = rendered(container);
    const first = Number(rows[0]?.getAttribute("aria-rowindex"));
    expect(first).toBeGreaterThan(900);
    expect(first).toBeLessThanOrEqual(1_002);
    expect(rows[0]?.getAttribute("data-action-ref")).toBe(`A-${first - 2}`);
    const spacers = container.querySelectorAll("tbody tr[aria-hidden='true']");
    expect(spacers).toHaveLength(2);
  });

  it("says which rows are in view, and shows a row still on its way as loading", () => {
    const onWindow = vi.fn();
    const { container } = render(TrackerTable, {
      total: many.length,
      rowAt: (i: number) => (i < 3 ? many[i] : undefined),
      sort: { key: "reference", direction: "ascending" },
      today: "2025-06-04",
      onSort: vi.fn(),
      onOpen: vi.fn(),
      onWindow,
    });
    expect(onWindow).toHaveBeenCalledWith(0, expect.any(Number));
    expect(rendered(container)).toHaveLength(3);
    const loading = Array.from(container.querySelectorAll("tbody tr:not([aria-hidden])")).filter(
      (tr) => tr.textContent?.trim() === "Loading…",
    );
    expect(loading.length).toBeGreaterThan(0);
    expect(loading[0]).toHaveAttribute("aria-rowindex", "5");
  });
});
