import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../lib/api";
import * as dialog from "../../lib/saveDialog";
import ExportTracker from "./ExportTracker.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  quarterChoices: vi.fn(),
  exportTracker: vi.fn(),
  checkTrackerExport: vi.fn(),
  cancelJob: vi.fn(),
}));
vi.mock("../../lib/saveDialog", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/saveDialog")>()),
  chooseSavePath: vi.fn(),
}));

const sources = [{ code: "Child W", title: "Child W" }];

describe("ExportTracker", () => {
  beforeEach(() => {
    vi.mocked(api.quarterChoices).mockResolvedValue([
      { code: "2026/27-Q3", label: "Q3 2026/27 (October to December 2026)", opened: true, closed: false },
      { code: "2026/27-Q2", label: "Q2 2026/27 (July to September 2026)", opened: true, closed: true },
      { code: "2026/27-Q1", label: "Q1 2026/27 (April to June 2026)", opened: false, closed: false },
    ]);
    vi.mocked(api.exportTracker).mockReset();
    vi.mocked(api.checkTrackerExport).mockReset();
    vi.mocked(api.checkTrackerExport).mockResolvedValue({ rows: 3, warning: null });
    vi.mocked(dialog.chooseSavePath).mockReset();
  });

  it("asks where to save, then has the core write the chosen tracker there", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/home/chair/tracker.csv");
    vi.mocked(api.exportTracker).mockResolvedValue({ path: "/home/chair/tracker.csv", format: "csv", rows: 3, demo: false });
    render(ExportTracker, { sources });
    // Quarters never opened cannot be exported as recorded.
    const position = await screen.findByLabelText("Position");
    await waitFor(() => expect(position.querySelectorAll("option")).toHaveLength(3));
    await fireEvent.click(screen.getByLabelText("CSV (.csv)"));
    await fireEvent.change(position, { target: { value: "2026/27-Q2" } });
    await fireEvent.change(screen.getByLabelText("Actions from"), { target: { value: "Child W" } });
    await fireEvent.click(screen.getByLabelText("Exceptions only"));
    await fireEvent.click(screen.getByRole("button", { name: "Export…" }));
    await screen.findByText("Exported 3 actions to /home/chair/tracker.csv");
    expect(dialog.chooseSavePath).toHaveBeenCalledWith(
      "Save the action plan tracker",
      expect.stringMatching(/^action-plan-tracker-\d{4}-\d{2}-\d{2}\.csv$/),
      "csv",
    );
    expect(api.exportTracker).toHaveBeenCalledWith(
      "/home/chair/tracker.csv",
      "csv",
      { quarter: "2026/27-Q2", review: "Child W", exceptions: true, include_sensitive: false },
      expect.any(String),
      expect.any(Function),
    );
  });

  it("writes nothing when the dialog is cancelled", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue(null);
    render(ExportTracker, { sources });
    await fireEvent.click(await screen.findByRole("button", { name: "Export…" }));
    await waitFor(() => expect(dialog.chooseSavePath).toHaveBeenCalled());
    expect(api.exportTracker).not.toHaveBeenCalled();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows the core's refusal", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/readonly/tracker.xlsx");
    vi.mocked(api.exportTracker).mockRejectedValue({
      code: "validation",
      message: "The tracker was not exported",
      fields: [{ field: "out", message: "The folder /readonly does not exist" }],
    });
    render(ExportTracker, { sources });
    await fireEvent.click(await screen.findByRole("button", { name: "Export…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The folder /readonly does not exist");
  });
});

describe("suggestedName", () => {
  it("names the file after what it is and the day", () => {
    expect(dialog.suggestedName("action-plan-tracker", "xlsx", new Date(2025, 5, 4))).toBe(
      "action-plan-tracker-2025-06-04.xlsx",
    );
  });
});

describe("ExportTracker: long and oversized exports", () => {
  beforeEach(() => {
    vi.mocked(api.quarterChoices).mockResolvedValue([]);
    vi.mocked(api.exportTracker).mockReset();
    vi.mocked(api.checkTrackerExport).mockReset();
    vi.mocked(api.cancelJob).mockReset();
    vi.mocked(dialog.chooseSavePath).mockReset();
  });

  it("refuses a workbook too long for Excel before the save dialog opens", async () => {
    vi.mocked(api.checkTrackerExport).mockRejectedValue({
      code: "too_many_rows",
      message: "The tracker has 1,048,576 actions: with its heading row that is 1,048,577 rows, more than an Excel worksheet holds (1,048,576).",
      fields: [],
    });
    render(ExportTracker, { sources });
    await fireEvent.click(await screen.findByRole("button", { name: "Export…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("more than an Excel worksheet holds");
    expect(dialog.chooseSavePath).not.toHaveBeenCalled();
    expect(api.exportTracker).not.toHaveBeenCalled();
  });

  it("warns that Excel will not open all of a long CSV, then exports it", async () => {
    vi.mocked(api.checkTrackerExport).mockResolvedValue({
      rows: 2_000_000,
      warning: "Excel opens only the first 1,048,576 rows of a CSV file and leaves out the rest.",
    });
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/home/chair/t.csv");
    vi.mocked(api.exportTracker).mockResolvedValue({ path: "/home/chair/t.csv", format: "csv", rows: 2_000_000, demo: false });
    render(ExportTracker, { sources });
    await fireEvent.click(screen.getByLabelText("CSV (.csv)"));
    await fireEvent.click(await screen.findByRole("button", { name: "Export…" }));
    expect(await screen.findByText(/Excel opens only the first 1,048,576 rows/)).toBeInTheDocument();
    await screen.findByText(/Exported 2000000 actions/);
  });

  it("shows progress while exporting and cancels the job", async () => {
    vi.mocked(api.checkTrackerExport).mockResolvedValue({ rows: 100, warning: null });
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/home/chair/t.xlsx");
    vi.mocked(api.cancelJob).mockResolvedValue(true);
    let fail: (e: unknown) => void = () => {};
    vi.mocked(api.exportTracker).mockImplementation((_p, _f, _o, _job, onProgress) => {
      onProgress?.({ stage: "writing", done: 40, total: 100 });
      return new Promise((_, reject) => (fail = reject));
    });
    render(ExportTracker, { sources });
    await fireEvent.click(await screen.findByRole("button", { name: "Export…" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Writing rows: 40 of 100 (40%)");
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    const job = vi.mocked(api.exportTracker).mock.calls[0]?.[3];
    expect(api.cancelJob).toHaveBeenCalledWith(job);
    fail({ code: "cancelled", message: "The export was cancelled: no file was written.", fields: [] });
    expect(await screen.findByRole("alert")).toHaveTextContent("no file was written");
    expect(screen.queryByRole("status")).toBeNull();
  });
});
