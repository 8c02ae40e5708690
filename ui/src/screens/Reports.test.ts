import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../lib/api";
import * as dialog from "../lib/saveDialog";
import Reports from "./Reports.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  reportChoices: vi.fn(),
  writeBoardReport: vi.fn(),
  writeAnnualReport: vi.fn(),
}));
vi.mock("../lib/saveDialog", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/saveDialog")>()),
  chooseSavePath: vi.fn(),
}));

describe("Reports", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(api.reportChoices).mockResolvedValue({
      period: { from: "2025-04-01", to: "2025-09-30" },
      period_label: "1 April 2025 to 30 September 2025",
      years: [
        { code: "2025/26", label: "2025/26 (1 April 2025 to 31 March 2026, so far)" },
        { code: "2024/25", label: "2024/25 (1 April 2024 to 31 March 2025)" },
      ],
      default_year: "2024/25",
    });
  });

  it("offers the last half year and writes the board report where the dialog chose", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/home/chair/board.docx");
    vi.mocked(api.writeBoardReport).mockResolvedValue({
      path: "/home/chair/board.docx",
      format: "docx",
      what: "the board report for 1 April 2025 to 30 June 2025",
      demo: false,
    });
    render(Reports);
    const fromDay = await screen.findByLabelText("Day", { selector: "#from-day" });
    expect(fromDay).toHaveValue("1");
    expect(screen.getByLabelText("Month", { selector: "#to-month" })).toHaveValue("9");
    await fireEvent.input(screen.getByLabelText("Month", { selector: "#to-month" }), { target: { value: "6" } });
    await fireEvent.input(screen.getByLabelText("Day", { selector: "#to-day" }), { target: { value: "30" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the board report (Word)…" }));
    await screen.findByText("Saved the board report for 1 April 2025 to 30 June 2025 to /home/chair/board.docx");
    expect(dialog.chooseSavePath).toHaveBeenCalledWith(
      "Save the board report",
      expect.stringMatching(/^board-report-\d{4}-\d{2}-\d{2}\.docx$/),
      "docx",
    );
    expect(api.writeBoardReport).toHaveBeenCalledWith(
      "/home/chair/board.docx",
      { day: "1", month: "4", year: "2025" },
      { day: "30", month: "6", year: "2025" },
      "docx",
    );
  });

  it("shows the core's refusal beside the date it is about, keeping what was typed", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/home/chair/board.docx");
    vi.mocked(api.writeBoardReport).mockRejectedValue({
      code: "validation",
      message: "The end of the period must be a real date",
      fields: [{ field: "to", message: "The end of the period must be a real date" }],
    });
    render(Reports);
    const day = await screen.findByLabelText("Day", { selector: "#to-day" });
    await fireEvent.input(day, { target: { value: "31" } });
    await fireEvent.input(screen.getByLabelText("Month", { selector: "#to-month" }), { target: { value: "2" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save the board report (Word)…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("must be a real date");
    expect(document.getElementById("to-error")).toHaveTextContent("must be a real date");
    expect(screen.getByLabelText("Day", { selector: "#to-day" })).toHaveValue("31");
  });

  it("writes the annual report section for the chosen year and format", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/home/chair/annual.json");
    vi.mocked(api.writeAnnualReport).mockResolvedValue({
      path: "/home/chair/annual.json",
      format: "json",
      what: "the annual report section for 2024/25 (1 April 2024 to 31 March 2025)",
      demo: true,
    });
    render(Reports);
    const year = await screen.findByLabelText("Reporting year");
    expect(year).toHaveValue("2024/25");
    await fireEvent.click(screen.getByLabelText("JSON (.json)"));
    await fireEvent.click(screen.getByRole("button", { name: "Save the annual report section…" }));
    await screen.findByText(/Saved the annual report section for 2024\/25 .* \(demo data: fictional\)/);
    expect(dialog.chooseSavePath).toHaveBeenCalledWith(
      "Save the annual report section",
      expect.stringMatching(/^annual-report-2024-25-\d{4}-\d{2}-\d{2}\.json$/),
      "json",
    );
    expect(api.writeAnnualReport).toHaveBeenCalledWith("/home/chair/annual.json", "2024/25", "json");
  });

  it("writes nothing when the save dialog is cancelled", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue(null);
    render(Reports);
    await fireEvent.click(await screen.findByRole("button", { name: "Save the annual report section…" }));
    await waitFor(() => expect(dialog.chooseSavePath).toHaveBeenCalled());
    expect(api.writeAnnualReport).not.toHaveBeenCalled();
  });
});
