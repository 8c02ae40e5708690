import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionQuarter } from "../bindings/ActionQuarter";
import type { ActionRecord } from "../bindings/ActionRecord";
import type { QuarterReview } from "../bindings/QuarterReview";
import * as api from "../lib/api";
import { sampleAction, sampleAnswer } from "../lib/sample-plans";
import ActionView from "./ActionView.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  action: vi.fn(),
  actionQuarters: vi.fn(),
  quarterReview: vi.fn(),
  ragDefinitions: vi.fn(),
  setProgress: vi.fn(),
  reviseTarget: vi.fn(),
  reopenAction: vi.fn(),
}));

const open: ActionRecord = sampleAction({
  reference: "DEMO-04",
  rag: "amber",
  target_date: "2027-06-29",
  answers: [sampleAnswer("Adult X", "R1"), sampleAnswer("Case AN", "R2")],
  history: [
    {
      kind: "target-revised",
      occurred_at: "2026-08-01T09:00:00Z",
      who: "Subgroup chair",
      reason: "Policy owner left",
      previous: "2027-03-31",
      current: "2027-06-29",
    },
  ],
});

const closed: ActionRecord = {
  ...open,
  status: "complete-embedded",
  rag: "blue",
  evidence_completion: "Briefings held for every agency",
  evidence_impact: "Escalations up from 2 to 11 a quarter",
  signed_off_by: "Subgroup chair",
  signed_off_on: "2027-05-01",
};

const quarter = (code: string, label: string, closedQuarter: boolean, note: string): ActionQuarter => ({
  code,
  label,
  closed: closedQuarter,
  update: {
    action_id: open.id,
    reference: open.reference,
    text: open.text,
    lead_agency: open.lead_agency,
    status: "in-progress",
    rag: "red",
    target_date: "2027-06-29",
    progress_note: note,
    evidence: "",
    escalate: closedQuarter,
    escalation_reason: closedQuarter ? "Needs the Executive Board" : "",
    updated_by: "Subgroup chair",
    change: { previous_quarter: null, previous_rag: "green", rag_changed: true, target_slip_days: 90 },
  },
});

describe("ActionView", () => {
  beforeEach(() => {
    vi.mocked(api.action).mockReset().mockResolvedValue(open);
    vi.mocked(api.actionQuarters).mockResolvedValue([
      quarter("2026/27-Q1", "Q1 2026/27 (April to June 2026)", true, "Recruiting a policy owner"),
      quarter("2026/27-Q3", "Q3 2026/27 (October to December 2026)", false, "Relaunch booked"),
    ]);
    vi.mocked(api.quarterReview).mockResolvedValue({
      code: "2026/27-Q1",
      closed_at: "2026-07-15T10:00:00Z",
    } as QuarterReview);
    vi.mocked(api.ragDefinitions).mockResolvedValue([
      ["red", "Unacceptable progress: needs action now"],
      ["amber", "Acceptable progress: continue monitoring"],
      ["green", "On track or achieved"],
      ["blue", "Complete and embedded"],
    ]);
  });

  it("shows the action, each RAG choice with its written definition, and its history newest first", async () => {
    render(ActionView, { id: open.id, onBack: vi.fn() });
    expect(await screen.findByRole("heading", { level: 1, name: "Action DEMO-04" })).toBeInTheDocument();
    expect(screen.getByText("Adult X R1, Case AN R2")).toBeInTheDocument();
    expect(screen.getByText("29 June 2027 (revised 1 time; first set for 31 March 2027)")).toBeInTheDocument();
    expect(screen.getByLabelText("Red")).toHaveAccessibleDescription("Unacceptable progress: needs action now");
    expect(screen.getByLabelText("Amber")).toBeChecked();
    expect(screen.getByLabelText("In progress")).toBeChecked();

    const history = document.getElementById("action-history")!;
    const items = Array.from(history.querySelectorAll("li"));
    expect(items.map((li) => li.querySelector(".app-timeline__title")?.textContent?.trim())).toEqual([
      "Q3 2026/27 (October to December 2026) Open quarter",
      "Target date revised",
      "Q1 2026/27 (April to June 2026) Signed off",
    ]);
    expect(items[1]).toHaveTextContent("From 31 March 2027 to 29 June 2027");
    expect(items[1]).toHaveTextContent("Reason: Policy owner left");
    expect(items[2]).toHaveTextContent("Escalated to the Executive Board: Needs the Executive Board");
    expect(items[2]).toHaveTextContent("RAG: Red (was Green)");
    expect(items[2]).toHaveTextContent("Target moved 90 days later");
    expect(document.title).toBe("Action DEMO-04 - Case Review Manager");
  });

  it("asks for the reason when paused, and shows the core's refusal beside it", async () => {
    vi.mocked(api.setProgress).mockRejectedValue({
      code: "validation",
      message: "Some answers need changing.",
      fields: [{ field: "status_reason", message: "Enter why the action is paused" }],
    });
    render(ActionView, { id: open.id, onBack: vi.fn() });
    await fireEvent.click(await screen.findByLabelText("Paused"));
    await fireEvent.input(screen.getByLabelText("Evidence of completion"), { target: { value: "Draft policy" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save progress" }));
    expect(api.setProgress).toHaveBeenCalledWith(open.id, expect.objectContaining({
      status: "paused",
      status_reason: "",
      rag: "amber",
      evidence_completion: "Draft policy",
    }));
    const reason = await screen.findByLabelText("Why is it paused?");
    expect(reason).toHaveAttribute("aria-describedby", "status_reason-error");
    expect(document.getElementById("status_reason-error")).toHaveTextContent("Enter why the action is paused");
  });

  it("offers only reopening once an action is closed, and takes the reason", async () => {
    vi.mocked(api.action).mockResolvedValue(closed);
    vi.mocked(api.reopenAction).mockResolvedValue({ ...open, status: "in-progress", rag: null });
    render(ActionView, { id: open.id, onBack: vi.fn() });
    expect(await screen.findByText(/This action is closed \(complete and embedded\)/)).toBeInTheDocument();
    expect(screen.getByText("Subgroup chair on 1 May 2027")).toBeInTheDocument();
    expect(document.getElementById("progress-form")).toBeNull();
    expect(document.getElementById("revise-form")).toBeNull();

    await fireEvent.input(screen.getByLabelText("Why is it being reopened?"), { target: { value: "Audit found it slipped" } });
    await fireEvent.click(screen.getByRole("button", { name: "Reopen action" }));
    await waitFor(() => expect(document.getElementById("progress-form")).not.toBeNull());
    expect(api.reopenAction).toHaveBeenCalledWith(open.id, "Audit found it slipped");
    expect(screen.getByRole("alert")).toHaveTextContent("The action was reopened");
  });

  it("goes back to the actions", async () => {
    const onBack = vi.fn();
    render(ActionView, { id: open.id, onBack });
    await fireEvent.click(screen.getByRole("button", { name: "Back to actions" }));
    expect(onBack).toHaveBeenCalled();
  });
});
