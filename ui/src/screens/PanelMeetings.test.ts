import { fireEvent, render, screen } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PanelMeeting } from "../bindings/PanelMeeting";
import * as api from "../lib/api";
import { sampleCase } from "../lib/sample-cases";
import PanelMeetings from "./PanelMeetings.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  listPanelMeetings: vi.fn(),
  listCases: vi.fn(),
  createPanelMeeting: vi.fn(),
  addPanelDecision: vi.fn(),
  caseDetail: vi.fn(),
}));

const meeting: PanelMeeting = {
  id: "m1",
  held_on: "2025-06-10",
  attendees: [{ role: "Independent chair", agency: "Partnership" }],
  notes: "",
  decisions: [],
  created_at: "2025-06-10T10:00:00Z",
  updated_at: "2025-06-10T10:00:00Z",
} as unknown as PanelMeeting;

describe("PanelMeetings panel mode", () => {
  beforeEach(() => {
    vi.mocked(api.listPanelMeetings).mockResolvedValue([]);
    vi.mocked(api.listCases).mockResolvedValue([
      sampleCase({ id: "a", code: "Child S" }),
      sampleCase({ id: "b", code: "Case AM" }),
    ]);
    vi.mocked(api.createPanelMeeting).mockResolvedValue(meeting);
    vi.mocked(api.caseDetail).mockRejectedValue({ code: "not_found", message: "No such case", fields: [] });
    vi.mocked(api.addPanelDecision).mockResolvedValue(meeting);
  });

  async function startWithBothCases() {
    render(PanelMeetings);
    await fireEvent.click(await screen.findByRole("button", { name: "Start a panel meeting" }));
    await fireEvent.click(await screen.findByLabelText("Child S"));
    await fireEvent.click(screen.getByLabelText("Case AM"));
    await fireEvent.click(screen.getByRole("button", { name: "Start the meeting" }));
    await screen.findByRole("heading", { level: 1, name: "Panel: Child S" });
  }

  it("walks the agenda with n and p outside the decision box, but not while typing", async () => {
    await startWithBothCases();
    await fireEvent.keyDown(document.body, { key: "n" });
    await screen.findByRole("heading", { level: 1, name: "Panel: Case AM" });
    // Typing "p" in the decision is text, not a move.
    await fireEvent.keyDown(screen.getByLabelText("Decision"), { key: "p" });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Panel: Case AM");
    await fireEvent.keyDown(document.body, { key: "p" });
    await screen.findByRole("heading", { level: 1, name: "Panel: Child S" });
  });

  it("saves the decision with Ctrl+Enter in the box", async () => {
    await startWithBothCases();
    const box = screen.getByLabelText("Decision");
    await fireEvent.input(box, { target: { value: "Proceed to LCSPR" } });
    await fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    expect(api.addPanelDecision).toHaveBeenCalledWith("m1", { case_id: "a", decision: "Proceed to LCSPR" });
  });
});
