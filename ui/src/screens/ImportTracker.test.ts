import type { Case } from "../bindings/Case";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../lib/api";
import ImportTracker from "./ImportTracker.svelte";
import { sampleReport } from "./sample-import";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  listCases: vi.fn(),
  recommendationSources: vi.fn(),
  chooseTrackerFile: vi.fn(),
  trackerSheets: vi.fn(),
  planImport: vi.fn(),
  applyImport: vi.fn(),
  cancelJob: vi.fn(),
}));

async function choose() {
  render(ImportTracker, { onBack: () => {} });
  await fireEvent.click(screen.getByRole("button", { name: "Choose a file…" }));
  await screen.findByText("trackers.xlsx");
}

describe("ImportTracker", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(api.listCases).mockResolvedValue([]);
    vi.mocked(api.recommendationSources).mockResolvedValue([]);
    vi.mocked(api.chooseTrackerFile).mockResolvedValue("/home/chair/trackers.xlsx");
    vi.mocked(api.trackerSheets).mockResolvedValue(["Child Q", "Instructions"]);
    vi.mocked(api.planImport).mockResolvedValue(sampleReport());
  });

  it("offers each case and each review with recommendations once, by code", async () => {
    vi.mocked(api.listCases).mockResolvedValue([{ code: "Child Q" }, { code: "Case AK" }] as Case[]);
    vi.mocked(api.recommendationSources).mockResolvedValue([
      { code: "Case AK", title: "Review of Case AK", kind: "local-review" },
      { code: "np-sudi", title: "Out of routine", kind: "national-review" },
    ]);
    await choose();
    const offered = () => Array.from((screen.getByLabelText("Review the actions come from") as HTMLSelectElement).options, (o) => o.value);
    await waitFor(() => expect(offered()).toEqual(["", "Child Q", "Case AK", "np-sudi"]));
  });

  it("previews the file's mapping, samples and row report, and writes nothing until confirmed", async () => {
    await choose();
    await fireEvent.change(screen.getByLabelText("Sheet"), { target: { value: "Child Q" } });
    await fireEvent.click(screen.getByRole("button", { name: "Preview the import" }));
    await screen.findByText(/Header row found on row 4/);
    expect(api.planImport).toHaveBeenCalledWith(
      "/home/chair/trackers.xlsx",
      { sheet: "Child Q", review: null, mappings: [] },
      expect.any(String),
      expect.any(Function),
    );
    const officer = screen.getByLabelText("Column C (Responsible Officer) imported as");
    expect(officer).toHaveValue("lead-officer");
    expect(screen.getByText("Detective Inspector", { selector: "td" })).toBeInTheDocument();
    const rows = screen.getByRole("table", { name: "What each row becomes" });
    expect(within(rows).getByText(/"Ongoing" is not a date: kept as text/)).toBeInTheDocument();
    expect(within(rows).getByText(/not a team/)).toBeInTheDocument();
    expect(within(rows).getAllByText("Skipped")).toHaveLength(1);
    expect(api.applyImport).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Import 2 actions" })).toBeInTheDocument();
  });

  it("checks again with the user's corrected columns", async () => {
    await choose();
    await fireEvent.click(screen.getByRole("button", { name: "Preview the import" }));
    const notes = await screen.findByLabelText("Column E (Notes) imported as");
    await fireEvent.change(notes, { target: { value: "comments" } });
    await fireEvent.change(screen.getByLabelText("Column D (Deadline) imported as"), { target: { value: "" } });
    await fireEvent.click(screen.getByRole("button", { name: "Check again with these columns" }));
    await waitFor(() => expect(api.planImport).toHaveBeenCalledTimes(2));
    const options = vi.mocked(api.planImport).mock.calls[1]?.[1];
    const fields = options?.mappings[0]?.columns.map((c) => [c.letter, c.field]);
    expect(fields).toEqual([
      ["A", "action"],
      ["B", "lead-agency"],
      ["C", "lead-officer"],
      ["D", null],
      ["E", "comments"],
    ]);
  });

  it("imports on confirmation and says what was written", async () => {
    vi.mocked(api.applyImport).mockImplementation(async (report) => ({ ...report, written: true }));
    await choose();
    await fireEvent.click(screen.getByRole("button", { name: "Preview the import" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Import 2 actions" }));
    await screen.findByRole("heading", { name: "Imported 2 actions" });
    expect(vi.mocked(api.applyImport).mock.calls[0]?.[0].counts.actions).toBe(2);
  });

  it("shows progress with a Cancel that stops the import, and the register's answer", async () => {
    let fail: (e: unknown) => void = () => {};
    vi.mocked(api.applyImport).mockImplementation((_r, _job, onProgress) => {
      onProgress?.({ stage: "writing", done: 1, total: 2 });
      return new Promise((_, reject) => (fail = reject));
    });
    vi.mocked(api.cancelJob).mockResolvedValue(true);
    await choose();
    await fireEvent.click(screen.getByRole("button", { name: "Preview the import" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Import 2 actions" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Writing rows: 1 of 2 (50%)");
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(api.cancelJob).toHaveBeenCalledWith(vi.mocked(api.applyImport).mock.calls[0]?.[1]);
    fail({ code: "cancelled", message: "The import was cancelled: nothing was imported, and the register is as it was.", fields: [] });
    expect(await screen.findByRole("alert")).toHaveTextContent("nothing was imported");
    expect(screen.queryByRole("heading", { name: /Imported/ })).toBeNull();
  });

  it("writes nothing when the file dialog is cancelled", async () => {
    vi.mocked(api.chooseTrackerFile).mockResolvedValue(null);
    render(ImportTracker, { onBack: () => {} });
    await fireEvent.click(screen.getByRole("button", { name: "Choose a file…" }));
    await waitFor(() => expect(api.chooseTrackerFile).toHaveBeenCalled());
    expect(api.trackerSheets).not.toHaveBeenCalled();
    expect(screen.queryByRole("button", { name: "Preview the import" })).toBeNull();
  });
});
