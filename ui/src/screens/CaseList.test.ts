import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Case } from "../bindings/Case";
import * as api from "../lib/api";
import { sampleCase } from "../lib/sample-cases";
import CaseList from "./CaseList.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  listCases: vi.fn(),
  loadDemo: vi.fn(),
}));

/** `n` fictional cases in the core's order: "Case 0001" first. */
function register(n: number): Case[] {
  return Array.from({ length: n }, (_, i) =>
    sampleCase({ id: `id-${i + 1}`, code: `Case ${String(i + 1).padStart(4, "0")}` }),
  );
}

async function open(n: number) {
  vi.mocked(api.listCases).mockResolvedValue(register(n));
  const onOpen = vi.fn();
  render(CaseList, { onOpen, onAdd: vi.fn(), onStatus: vi.fn() });
  const table = await screen.findByRole("table", { name: /Case referrals in this register/ });
  return { table, onOpen };
}

/** The codes in the table's rows, top to bottom. */
const codes = (table: HTMLElement) =>
  within(table)
    .getAllByRole("rowheader")
    .map((th) => th.textContent?.trim());

describe("CaseList", () => {
  it("shows the first 50 of a large register's cases, in the core's order, and which they are", async () => {
    const { table } = await open(3000);
    expect(table).toHaveAccessibleName("Case referrals in this register Cases 1 to 50 of 3,000");
    const shown = codes(table);
    expect(shown).toHaveLength(50);
    expect(shown[0]).toBe("Case 0001");
    expect(shown[49]).toBe("Case 0050");
    expect(screen.getByRole("navigation", { name: "Pages of the case list" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Page 1 of 60");
    expect(screen.queryByRole("button", { name: "Previous page of cases" })).not.toBeInTheDocument();
  });

  it("pages on to the next and the last page and back, focus staying on the pagination", async () => {
    const { table, onOpen } = await open(120);
    const next = screen.getByRole("button", { name: "Next page of cases" });
    next.focus();
    await fireEvent.click(next);
    expect(table).toHaveAccessibleName(expect.stringContaining("Cases 51 to 100 of 120"));
    expect(codes(table)).toEqual(register(120).slice(50, 100).map((c) => c.code));
    expect(screen.getByRole("status")).toHaveTextContent("Page 2 of 3");
    await waitFor(() => expect(document.activeElement).toBe(next));

    await fireEvent.click(next);
    expect(table).toHaveAccessibleName(expect.stringContaining("Cases 101 to 120 of 120"));
    expect(codes(table)).toEqual(register(120).slice(100).map((c) => c.code));
    expect(screen.getByRole("status")).toHaveTextContent("Page 3 of 3");
    // The last page has no "Next": focus goes to "Previous", not lost.
    expect(screen.queryByRole("button", { name: "Next page of cases" })).not.toBeInTheDocument();
    await waitFor(() => expect(document.activeElement).toHaveAccessibleName("Previous page of cases"));

    await fireEvent.click(screen.getByRole("button", { name: "Previous page of cases" }));
    expect(codes(table)[0]).toBe("Case 0051");
    // A case on a later page opens like any other.
    await fireEvent.click(within(table).getByRole("button", { name: "Case 0077" }));
    expect(onOpen).toHaveBeenCalledWith("id-77");
  });

  it("shows a register of 50 cases or fewer whole, with no pagination", async () => {
    const { table } = await open(50);
    expect(table).toHaveAccessibleName("Case referrals in this register");
    expect(codes(table)).toHaveLength(50);
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("offers the demo data to an empty register, with no table or pagination", async () => {
    vi.mocked(api.listCases).mockResolvedValue([]);
    render(CaseList, { onOpen: vi.fn(), onAdd: vi.fn(), onStatus: vi.fn() });
    expect(await screen.findByRole("button", { name: "Load demo data" })).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
  });
});
