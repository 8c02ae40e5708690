import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../lib/api";
import * as dialog from "../../lib/saveDialog";
import ExportTracker from "./ExportTracker.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  quarterChoices: vi.fn(),
  exportTracker: vi.fn(),
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
    expect(api.exportTracker).toHaveBeenCalledWith("/home/chair/tracker.csv", "csv", {
      quarter: "2026/27-Q2",
      review: "Child W",
      exceptions: true,
    });
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
