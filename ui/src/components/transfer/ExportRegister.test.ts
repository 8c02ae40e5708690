import { fireEvent, render, screen } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../lib/api";
import * as dialog from "../../lib/saveDialog";
import ExportRegister from "./ExportRegister.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  exportRegister: vi.fn(),
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
    expect(api.exportRegister).toHaveBeenCalledWith("/home/chair/register.json", "json", { include_sensitive: false });
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
    expect(api.exportRegister).toHaveBeenCalledWith("/home/chair/register.zip", "csv", { include_sensitive: true });
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
});
