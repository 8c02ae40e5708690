import { fireEvent, render, screen } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../lib/api";
import * as dialog from "../../lib/saveDialog";
import ExportRegister from "./ExportRegister.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  exportRegister: vi.fn(),
  cancelJob: vi.fn(),
}));
vi.mock("../../lib/saveDialog", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/saveDialog")>()),
  chooseSavePath: vi.fn(),
}));

describe("ExportRegister", () => {
  beforeEach(() => {
    vi.mocked(api.exportRegister).mockReset();
    vi.mocked(dialog.chooseSavePath).mockReset();
  });

  it("leaves sensitive fields out unless ticked, and says so", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/home/chair/register.json");
    vi.mocked(api.exportRegister).mockResolvedValue({
      path: "/home/chair/register.json",
      format: "json",
      records: 42,
      entities: 22,
      sensitive_included: false,
      demo: false,
    });
    render(ExportRegister);
    expect(screen.getByLabelText("Include sensitive fields in this export")).not.toBeChecked();
    await fireEvent.click(screen.getByRole("button", { name: "Export…" }));
    await screen.findByText(/Exported 42 records to \/home\/chair\/register.json, without sensitive fields/);
    expect(dialog.chooseSavePath).toHaveBeenCalledWith(
      "Save the whole register",
      expect.stringMatching(/^case-review-register-\d{4}-\d{2}-\d{2}\.json$/),
      "json",
    );
    expect(api.exportRegister).toHaveBeenCalledWith(
      "/home/chair/register.json",
      "json",
      { include_sensitive: false },
      expect.any(String),
      expect.any(Function),
    );
  });

  it("sends the tick and the CSV choice, offering a zip", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/home/chair/register.zip");
    vi.mocked(api.exportRegister).mockResolvedValue({
      path: "/home/chair/register.zip",
      format: "csv",
      records: 42,
      entities: 22,
      sensitive_included: true,
      demo: true,
    });
    render(ExportRegister);
    await fireEvent.click(screen.getByLabelText("CSV files in a zip (.zip)"));
    await fireEvent.click(screen.getByLabelText("Include sensitive fields in this export"));
    await fireEvent.click(screen.getByRole("button", { name: "Export…" }));
    await screen.findByText(/with sensitive fields \(demo data: fictional\)/);
    expect(dialog.chooseSavePath).toHaveBeenCalledWith("Save the whole register", expect.stringMatching(/\.zip$/), "zip");
    expect(api.exportRegister).toHaveBeenCalledWith(
      "/home/chair/register.zip",
      "csv",
      { include_sensitive: true },
      expect.any(String),
      expect.any(Function),
    );
  });

  it("writes nothing when the save dialog is cancelled, and shows a refusal", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValueOnce(null);
    render(ExportRegister);
    await fireEvent.click(screen.getByRole("button", { name: "Export…" }));
    expect(api.exportRegister).not.toHaveBeenCalled();
    vi.mocked(dialog.chooseSavePath).mockResolvedValueOnce("/nowhere/register.json");
    vi.mocked(api.exportRegister).mockRejectedValueOnce({
      code: "validation",
      message: "The folder /nowhere does not exist",
      fields: [{ field: "out", message: "The folder /nowhere does not exist" }],
    });
    await fireEvent.click(screen.getByRole("button", { name: "Export…" }));
    expect(await screen.findAllByText("The folder /nowhere does not exist")).not.toHaveLength(0);
  });

  it("shows the export's progress, and Cancel asks the core to stop it and leaves no file", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/home/chair/register.json");
    let fail: (e: unknown) => void = () => {};
    let told: (p: { stage: "writing"; done: number; total: number }) => void = () => {};
    vi.mocked(api.exportRegister).mockImplementation((_path, _format, _options, _job, onProgress) => {
      told = (p) => onProgress?.(p);
      return new Promise((_, reject) => (fail = reject));
    });
    vi.mocked(api.cancelJob).mockResolvedValue(true);
    render(ExportRegister);
    await fireEvent.click(screen.getByRole("button", { name: "Export…" }));
    await screen.findByText("Exporting the whole register");
    told({ stage: "writing", done: 250, total: 1000 });
    expect(await screen.findByRole("status")).toHaveTextContent("Writing rows: 250 of 1,000 (25%)");
    expect(screen.getByRole("button", { name: "Export…" })).toBeDisabled();
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    const job = vi.mocked(api.exportRegister).mock.calls[0]?.[3];
    expect(api.cancelJob).toHaveBeenCalledWith(job);
    expect(screen.getByRole("status")).toHaveTextContent("Cancelling…");
    fail({ code: "cancelled", message: "The export was cancelled: no file was written." });
    expect(await screen.findByRole("alert")).toHaveTextContent("The export was cancelled: no file was written.");
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.getByRole("button", { name: "Export…" })).toBeEnabled();
  });
});
