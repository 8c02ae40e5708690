import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportRegisterReport } from "../../bindings/ImportRegisterReport";
import * as api from "../../lib/api";
import ImportRegister from "./ImportRegister.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  chooseRegisterExport: vi.fn(),
  previewRegisterImport: vi.fn(),
  importRegister: vi.fn(),
  cancelJob: vi.fn(),
}));

const PREVIEW: ImportRegisterReport = {
  file: "register.json",
  records: 1234,
  counts: { meta: 6, themes: 12, cases: 3, case_events: 1200, panel_meetings: 0, actions: 13 },
  generated_at: "2026-11-30T14:05:00.000Z",
  generated_by: "Subgroup chair",
  schema_version: 9,
  demo: false,
  written: false,
};

describe("ImportRegister", () => {
  beforeEach(() => {
    vi.mocked(api.chooseRegisterExport).mockReset();
    vi.mocked(api.previewRegisterImport).mockReset();
    vi.mocked(api.importRegister).mockReset();
    vi.mocked(api.cancelJob).mockReset();
    vi.mocked(api.chooseRegisterExport).mockResolvedValue("/media/usb/register.json");
    vi.mocked(api.previewRegisterImport).mockResolvedValue(PREVIEW);
  });

  it("shows what the file holds before anything is written, then imports it on confirmation", async () => {
    vi.mocked(api.importRegister).mockResolvedValue({ ...PREVIEW, written: true });
    const onImported = vi.fn();
    render(ImportRegister, { onImported });
    await fireEvent.click(screen.getByRole("button", { name: "Choose an export…" }));
    const table = await screen.findByRole("table", { name: "Records in register.json" });
    expect(api.previewRegisterImport).toHaveBeenCalledWith("/media/usb/register.json", expect.any(String), expect.any(Function));
    expect(within(table).getByRole("row", { name: "Journey steps 1,200" })).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: "Cases 3" })).toBeInTheDocument();
    expect(within(table).queryByText("Panel meetings")).toBeNull();
    expect(screen.getByText(/exported on .* by Subgroup chair/)).toHaveTextContent("Nothing has been written yet.");
    expect(api.importRegister).not.toHaveBeenCalled();
    expect(onImported).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole("button", { name: "Import 1,234 records" }));
    expect(await screen.findByText("Imported 1,234 records from register.json")).toBeInTheDocument();
    expect(api.importRegister).toHaveBeenCalledWith("/media/usb/register.json", expect.any(String), expect.any(Function));
    expect(screen.getByRole("table", { name: "What was imported" })).toBeInTheDocument();
    expect(onImported).toHaveBeenCalledOnce();
  });

  it("writes nothing when the dialog or the preview is cancelled", async () => {
    vi.mocked(api.chooseRegisterExport).mockResolvedValueOnce(null);
    render(ImportRegister);
    await fireEvent.click(screen.getByRole("button", { name: "Choose an export…" }));
    expect(api.previewRegisterImport).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Choose an export…" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("table")).toBeNull();
    expect(api.importRegister).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Choose an export…" })).toBeInTheDocument();
  });

  it.each([
    ["not_empty", "this one already holds 12 record(s). Create a new register and import into that. Nothing was imported."],
    ["not_an_export", "tracker.json is not a whole-register export from Case Review Manager. Nothing was imported."],
    ["export_too_new", "register.json was exported by a newer version of Case Review Manager. Nothing was imported."],
    ["export_incomplete", "register.json was exported without its sensitive fields. Nothing was imported."],
  ])("shows the core's refusal %s and offers another file", async (code, message) => {
    vi.mocked(api.previewRegisterImport).mockRejectedValue({ code, message, fields: [] });
    render(ImportRegister);
    await fireEvent.click(screen.getByRole("button", { name: "Choose an export…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.queryByRole("button", { name: /^Import/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Choose an export…" })).toBeInTheDocument();
  });

  it("shows the import's progress; Cancel stops it and keeps the preview to try again", async () => {
    let fail: (e: unknown) => void = () => {};
    let told: (p: { stage: "writing"; done: number; total: number }) => void = () => {};
    vi.mocked(api.importRegister).mockImplementation((_path, _job, onProgress) => {
      told = (p) => onProgress?.(p);
      return new Promise((_, reject) => (fail = reject));
    });
    vi.mocked(api.cancelJob).mockResolvedValue(true);
    const onImported = vi.fn();
    render(ImportRegister, { onImported });
    await fireEvent.click(screen.getByRole("button", { name: "Choose an export…" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Import 1,234 records" }));
    await screen.findByText("Importing the register");
    told({ stage: "writing", done: 617, total: 1234 });
    expect(await screen.findByRole("status")).toHaveTextContent("Writing rows: 617 of 1,234 (50%)");
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(api.cancelJob).toHaveBeenCalledWith(vi.mocked(api.importRegister).mock.calls[0]?.[1]);
    fail({ code: "cancelled", message: "The import was cancelled: nothing was imported, and the register is as it was." });
    expect(await screen.findByRole("alert")).toHaveTextContent("the register is as it was");
    expect(screen.getByRole("button", { name: "Import 1,234 records" })).toBeInTheDocument();
    expect(onImported).not.toHaveBeenCalled();
  });
});
