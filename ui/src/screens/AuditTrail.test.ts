import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { AuditEntry } from "../bindings/AuditEntry";
import * as api from "../lib/api";
import AuditTrail from "./AuditTrail.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  auditPage: vi.fn(),
  auditUsers: vi.fn(),
  auditChainStatus: vi.fn(),
}));

const ENTRY: AuditEntry = {
  seq: 42,
  at: "2025-06-04T13:05:00.000Z",
  who: "Business officer",
  entity: "case",
  entity_id: "c1",
  label: "Case AK",
  action: "update",
  changes: [{ field: "referrer", before: "Police", after: "<img src=x onerror=alert(1)>" }],
};

function page(pageNo: number, pages: number) {
  return { entries: [ENTRY], total: pages * 50, page: pageNo, pages, page_size: 50 };
}

describe("AuditTrail", () => {
  it("shows who changed what from what to what, as text, and that the chain verifies", async () => {
    vi.mocked(api.auditUsers).mockResolvedValue(["Business officer", "Chair"]);
    vi.mocked(api.auditChainStatus).mockResolvedValue({ ok: true, verified: 300_000, first_break: null, whole: true });
    vi.mocked(api.auditPage).mockResolvedValue(page(1, 1));
    const { container } = render(AuditTrail);
    expect(await screen.findByText(/all 300000 changes are intact/)).toBeInTheDocument();
    expect(container.querySelector("#audit-chain-since")).toBeNull();
    const row = container.querySelector("tr[data-seq='42']");
    expect(row).toHaveTextContent("4 June 2025 at 2:05pm");
    expect(row).toHaveTextContent("Business officer");
    expect(row).toHaveTextContent("Referrer: from Police to <img src=x onerror=alert(1)>");
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByRole("option", { name: "Chair" })).toBeInTheDocument();
  });

  it("says when only the changes since the last check were read", async () => {
    vi.mocked(api.auditUsers).mockResolvedValue([]);
    vi.mocked(api.auditChainStatus).mockResolvedValue({ ok: true, verified: 12, first_break: null, whole: false });
    vi.mocked(api.auditPage).mockResolvedValue(page(1, 1));
    render(AuditTrail);
    expect(await screen.findByText(/all 12 changes are intact/)).toBeInTheDocument();
    expect(screen.getByText(/only the changes made since then were read/)).toBeInTheDocument();
  });

  it("says plainly when the chain does not verify", async () => {
    vi.mocked(api.auditUsers).mockResolvedValue([]);
    vi.mocked(api.auditChainStatus).mockResolvedValue({
      ok: false,
      verified: 3,
      first_break: { seq: 4, kind: "altered", id: "x", entity: "case", at: null, detail: "change-log entry 4 was altered" },
      whole: true,
    });
    vi.mocked(api.auditPage).mockResolvedValue(page(1, 1));
    render(AuditTrail);
    expect(await screen.findByText(/Not verified: change-log entry 4 was altered/)).toBeInTheDocument();
  });

  it("sends the filters to the core and pages through the result", async () => {
    vi.mocked(api.auditUsers).mockResolvedValue(["Chair"]);
    vi.mocked(api.auditChainStatus).mockResolvedValue({ ok: true, verified: 1, first_break: null, whole: true });
    vi.mocked(api.auditPage).mockImplementation((q) => Promise.resolve(page(q.page, 3)));
    render(AuditTrail);
    await screen.findByText(/page 1 of 3/);
    await fireEvent.change(screen.getByLabelText("Who"), { target: { value: "Chair" } });
    await fireEvent.input(screen.getByLabelText("Record"), { target: { value: "Case AK" } });
    const [fromDay, fromMonth, fromYear] = ["audit-from-day", "audit-from-month", "audit-from-year"].map((id) => document.getElementById(id)!);
    await fireEvent.input(fromDay!, { target: { value: "1" } });
    await fireEvent.input(fromMonth!, { target: { value: "6" } });
    await fireEvent.input(fromYear!, { target: { value: "2025" } });
    await fireEvent.click(screen.getByRole("button", { name: "Show changes" }));
    expect(api.auditPage).toHaveBeenLastCalledWith({ user: "Chair", record: "Case AK", from: "2025-06-01", to: null, page: 1, page_size: 50 });
    await fireEvent.click(await screen.findByRole("button", { name: /^Older/ }));
    expect(api.auditPage).toHaveBeenLastCalledWith(expect.objectContaining({ user: "Chair", page: 2 }));
    expect(await screen.findByText(/page 2 of 3/)).toBeInTheDocument();
  });

  it("shows a refused filter on its field", async () => {
    vi.mocked(api.auditUsers).mockResolvedValue([]);
    vi.mocked(api.auditChainStatus).mockResolvedValue({ ok: true, verified: 1, first_break: null, whole: true });
    vi.mocked(api.auditPage).mockResolvedValueOnce(page(1, 1)).mockRejectedValueOnce({
      code: "validation",
      message: "No case, action or source has the code Case ZZ",
      fields: [{ field: "record", message: "No case, action or source has the code Case ZZ" }],
    });
    render(AuditTrail);
    await screen.findByText(/1 change|50 changes/);
    await fireEvent.input(screen.getByLabelText("Record"), { target: { value: "Case ZZ" } });
    await fireEvent.click(screen.getByRole("button", { name: "Show changes" }));
    expect(await screen.findByText(/Case ZZ/, { selector: "#audit-record-error" })).toBeInTheDocument();
  });
});
