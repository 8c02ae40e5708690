import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionRecord } from "../../bindings/ActionRecord";
import type { QuarterReview } from "../../bindings/QuarterReview";
import type { QuarterUpdate } from "../../bindings/QuarterUpdate";
import type { QuarterUpdateInput } from "../../bindings/QuarterUpdateInput";
import type { Rag } from "../../bindings/Rag";
import * as api from "../../lib/api";
import PanelMode from "./PanelMode.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  saveQuarterNote: vi.fn(),
  updateQuarter: vi.fn(),
}));

const CODE = "2025/26-Q1";

function update(n: number, agency: string): QuarterUpdate {
  return {
    action_id: `id-${n}`,
    reference: `DEMO-0${n}`,
    text: `Fictional action ${n}`,
    lead_agency: agency,
    status: "in-progress",
    rag: "green",
    target_date: "2025-09-30",
    progress_note: "",
    evidence: "",
    escalate: false,
    escalation_reason: "",
    updated_by: null,
    change: { previous_quarter: "2024/25-Q4", previous_rag: "green", rag_changed: false, target_slip_days: 0 },
  };
}

const review: QuarterReview = {
  id: "q1",
  code: CODE,
  label: "Q1 2025/26 (April to June 2025)",
  opened_by: "Subgroup chair",
  opened_at: "2025-04-02T09:00:00Z",
  closed_by: null,
  closed_at: null,
  updates: [update(1, "Housing"), update(2, "Education"), update(3, "Housing")],
};

const actions = review.updates.map(
  (u) => ({ id: u.action_id, reference: u.reference, answers: [], themes: [] }) as unknown as ActionRecord,
);

const definitions: [Rag, string][] = [
  ["red", "Unacceptable progress: needs action now"],
  ["amber", "Acceptable progress: continue monitoring"],
  ["green", "On track or achieved"],
  ["blue", "Complete and embedded"],
];

/** The core's answer to an update: the review with that action's update applied. */
function applied(current: QuarterReview, ref: string, input: QuarterUpdateInput): QuarterReview {
  return {
    ...current,
    updates: current.updates.map((u) =>
      u.reference === ref
        ? { ...u, rag: input.rag as Rag, progress_note: input.progress_note, updated_by: "Subgroup chair" }
        : u,
    ),
  };
}

function setup() {
  let shown = review;
  vi.mocked(api.updateQuarter).mockImplementation(async (_code, ref, input) => (shown = applied(shown, ref, input)));
  vi.mocked(api.saveQuarterNote).mockImplementation(async (_code, ref, note) => ({
    ...shown.updates.find((u) => u.reference === ref)!,
    progress_note: note,
    updated_by: "Subgroup chair",
  }));
  const props = { review, actions, definitions, onReview: vi.fn(), onFinish: vi.fn() };
  const view = render(PanelMode, props);
  // The screen passes the core's latest review back in, as QuarterReviews does.
  props.onReview.mockImplementation((next: QuarterReview) => void view.rerender({ review: next }));
  return { ...view, props, user: userEvent.setup() };
}

const heading = () => screen.getByRole("heading", { level: 1 });
const note = () => screen.getByLabelText(/Progress note on/);

describe("PanelMode", () => {
  beforeEach(() => {
    vi.mocked(api.saveQuarterNote).mockReset();
    vi.mocked(api.updateQuarter).mockReset();
  });

  it("starts on the first action with its progress note focused", () => {
    setup();
    expect(heading()).toHaveTextContent("Action DEMO-01 (1 of 3)");
    expect(document.activeElement).toBe(note());
    expect(note()).toHaveAttribute("id", "progress-note");
  });

  it("saves the note as it is typed, after a pause", async () => {
    const { user } = setup();
    await user.type(note(), "Met in May");
    await waitFor(() => expect(api.saveQuarterNote).toHaveBeenCalledWith(CODE, "DEMO-01", "Met in May"));
    expect(api.saveQuarterNote, "once, for the whole phrase, not per key").toHaveBeenCalledTimes(1);
    await waitFor(() => expect(document.getElementById("save-state")).toHaveTextContent(/^Saved at \d\d:\d\d$/));
  });

  it("keeps letters typed in the note as text, not as keys", async () => {
    const { user } = setup();
    await user.type(note(), "nprg");
    expect(heading()).toHaveTextContent("Action DEMO-01 (1 of 3)");
    expect(api.updateQuarter).not.toHaveBeenCalled();
  });

  it("moves with n and p once Escape has left the note, saving the note first", async () => {
    const { user } = setup();
    await user.type(note(), "Training booked");
    await user.keyboard("{Escape}");
    expect(document.activeElement, "Escape goes to the heading").toBe(heading());
    await user.keyboard("n");
    await waitFor(() => expect(heading()).toHaveTextContent("Action DEMO-02 (2 of 3)"));
    expect(api.saveQuarterNote, "moving on saves at once").toHaveBeenCalledWith(CODE, "DEMO-01", "Training booked");
    expect(document.activeElement, "the next note has focus").toBe(note());
    expect(note()).toHaveValue("");

    await user.keyboard("{Escape}p");
    await waitFor(() => expect(heading()).toHaveTextContent("Action DEMO-01 (1 of 3)"));
    expect(note(), "the saved note is back").toHaveValue("Training booked");
  });

  it("sets the RAG with r and saves it at once, showing its definition", async () => {
    const { user } = setup();
    await user.keyboard("{Escape}r");
    await waitFor(() =>
      expect(api.updateQuarter).toHaveBeenCalledWith(CODE, "DEMO-01", {
        status: "in-progress",
        rag: "red",
        progress_note: "",
        evidence: "",
        escalate: false,
        escalation_reason: "",
      }),
    );
    await waitFor(() =>
      expect(document.getElementById("panel-notice")).toHaveTextContent(
        "RAG set to Red: Unacceptable progress: needs action now.",
      ),
    );
    expect(screen.getByLabelText("Red")).toBeChecked();

    await user.keyboard("n");
    await waitFor(() => expect(heading()).toHaveTextContent("Action DEMO-02 (2 of 3)"));
    expect(api.updateQuarter, "nothing left unsaved, so moving on saves nothing more").toHaveBeenCalledTimes(1);
  });

  it("saves a changed status on Ctrl+Enter from the note", async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByLabelText("Status"), "complete-awaiting-impact");
    await user.click(note());
    await user.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() =>
      expect(api.updateQuarter).toHaveBeenCalledWith(
        CODE,
        "DEMO-01",
        expect.objectContaining({ status: "complete-awaiting-impact", rag: "green" }),
      ),
    );
    expect(note(), "Ctrl+Enter adds no new line").toHaveValue("");
  });

  it("stays on an action the core refuses, with the reason by its field", async () => {
    const { user } = setup();
    vi.mocked(api.updateQuarter).mockRejectedValue({
      code: "validation",
      message: "Some answers need changing.",
      fields: [{ field: "escalation_reason", message: "Enter why the action is escalated to the Executive Board" }],
    });
    await user.click(screen.getByLabelText("Escalate to the Executive Board"));
    await user.click(screen.getByRole("button", { name: "Next action" }));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Enter why the action is escalated to the Executive Board");
    expect(heading()).toHaveTextContent("Action DEMO-01 (1 of 3)");
    expect(document.getElementById("escalation_reason-error")).toHaveTextContent("Enter why");
  });

  it("walks only the actions the filters choose", async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByLabelText("Lead agency"), "Housing");
    expect(heading()).toHaveTextContent("Action DEMO-01 (1 of 2)");
    await user.click(screen.getByRole("button", { name: "Next action" }));
    await waitFor(() => expect(heading()).toHaveTextContent("Action DEMO-03 (2 of 2)"));
  });

  it("shows the core's message and stops editing once the quarter is signed off", async () => {
    const { user } = setup();
    const message =
      "Q1 2025/26 (April to June 2025) is closed: its updates are a fixed record and cannot be changed. Change the action itself, or record it in the current quarter.";
    vi.mocked(api.saveQuarterNote).mockRejectedValue({ code: "quarter_closed", message, fields: [] });
    await user.type(note(), "Late note");
    await user.keyboard("{Escape}");
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.queryByLabelText(/Progress note on/)).toBeNull();
    expect(screen.getByText("Late note"), "the unsaved note is still there to copy").toBeInTheDocument();
  });
});
