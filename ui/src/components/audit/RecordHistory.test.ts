import { fireEvent, render, screen } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEntry } from "../../bindings/AuditEntry";
import * as api from "../../lib/api";
import RecordHistory from "./RecordHistory.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  recordHistory: vi.fn(),
}));

const decision: AuditEntry = {
  seq: 12,
  at: "2025-06-04T10:15:00Z",
  who: "Subgroup chair",
  entity: "panel_decision",
  entity_id: "decision-1",
  label: null,
  action: "create",
  changes: [{ field: "decision", before: null, after: "<b>Commission a review</b>" }],
};
const meeting: AuditEntry = {
  ...decision,
  seq: 11,
  entity: "panel_meeting",
  entity_id: "meeting-1",
  action: "update",
  changes: [{ field: "notes", before: "Draft", after: "Agreed" }],
};

/** Opens the disclosure as a click or Enter on its summary does. */
async function open(details: HTMLDetailsElement) {
  details.open = true;
  await fireEvent(details, new Event("toggle"));
}

describe("RecordHistory", () => {
  beforeEach(() => vi.mocked(api.recordHistory).mockReset().mockResolvedValue([decision, meeting]));

  it("is a closed disclosure, reachable from the keyboard, read only when opened", async () => {
    const { container } = render(RecordHistory, { of: "panel_meeting", entityId: "meeting-1", id: "meeting-history-1", title: "History of the meeting on 4 June 2025" });
    const details = container.querySelector("details#meeting-history-1") as HTMLDetailsElement;
    expect(details).toHaveClass("govuk-details");
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")).toHaveTextContent("History of the meeting on 4 June 2025");
    expect(api.recordHistory).not.toHaveBeenCalled();

    await open(details);
    expect(api.recordHistory).toHaveBeenCalledWith("panel_meeting", "meeting-1");
    const table = await screen.findByRole("table");
    expect(table).toHaveAttribute("id", "meeting-history-1-table");
    // Who, when and what changed from what to what; text stays text.
    expect(table).toHaveTextContent("Subgroup chair");
    expect(table).toHaveTextContent("Created panel decision");
    expect(table).toHaveTextContent("<b>Commission a review</b>");
    expect(table).toHaveTextContent("Notes: from Draft to Agreed");
    expect(table.querySelector("b")).toBeNull();
  });

  it("reads at once when open from the start, and again when the record is saved", async () => {
    const { rerender } = render(RecordHistory, { of: "review", entityId: "case-1", open: true, version: 1 });
    await screen.findByRole("table");
    expect(api.recordHistory).toHaveBeenCalledTimes(1);
    expect(api.recordHistory).toHaveBeenCalledWith("review", "case-1");
    await rerender({ of: "review", entityId: "case-1", open: true, version: 2 });
    await vi.waitFor(() => expect(api.recordHistory).toHaveBeenCalledTimes(2));
  });

  it("says when nothing is recorded, and when the history cannot be read", async () => {
    vi.mocked(api.recordHistory).mockResolvedValueOnce([]);
    const { unmount } = render(RecordHistory, { of: "source", entityId: "AUD-1", open: true });
    expect(await screen.findByText("No changes recorded.")).toBeInTheDocument();
    unmount();
    vi.mocked(api.recordHistory).mockRejectedValueOnce({ code: "locked", message: "The register is locked", fields: [] });
    render(RecordHistory, { of: "source", entityId: "AUD-1", open: true });
    expect(await screen.findByText("The history could not be read: The register is locked")).toBeInTheDocument();
  });
});
