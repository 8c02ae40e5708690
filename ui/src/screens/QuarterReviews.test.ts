import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { QuarterChoice } from "../bindings/QuarterChoice";
import type { QuarterReview } from "../bindings/QuarterReview";
import * as api from "../lib/api";
import QuarterReviews from "./QuarterReviews.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  quarterChoices: vi.fn(),
  ragDefinitions: vi.fn(),
  quarterReview: vi.fn(),
  openQuarter: vi.fn(),
  closeQuarter: vi.fn(),
}));

const choices: QuarterChoice[] = [
  { code: "2025/26-Q2", label: "Q2 2025/26 (July to September 2025)", opened: false, closed: false },
  { code: "2025/26-Q1", label: "Q1 2025/26 (April to June 2025)", opened: true, closed: false },
];

const open: QuarterReview = {
  id: "q1",
  code: "2025/26-Q1",
  label: "Q1 2025/26 (April to June 2025)",
  opened_by: "Subgroup chair",
  opened_at: "2025-04-02T09:00:00Z",
  closed_by: null,
  closed_at: null,
  updates: [
    {
      action_id: "a1",
      reference: "DEMO-01",
      text: "Fictional action",
      lead_agency: "Housing",
      status: "in-progress",
      rag: "amber",
      target_date: "2025-09-30",
      progress_note: "Met in May",
      evidence: "",
      escalate: false,
      escalation_reason: "",
      updated_by: "Subgroup chair",
      change: { previous_quarter: "2024/25-Q4", previous_rag: "green", rag_changed: true, target_slip_days: 30 },
    },
  ],
};

describe("QuarterReviews", () => {
  beforeEach(() => {
    vi.mocked(api.quarterChoices).mockResolvedValue(choices);
    vi.mocked(api.ragDefinitions).mockResolvedValue([]);
    vi.mocked(api.quarterReview).mockResolvedValue(open);
  });

  it("offers to open a quarter not opened yet, and shows the core's refusal", async () => {
    vi.mocked(api.openQuarter).mockRejectedValue({
      code: "validation",
      message: "Some answers need changing.",
      fields: [{ field: "quarter", message: "Q2 2025/26 (July to September 2025) has not started yet" }],
    });
    const user = userEvent.setup();
    render(QuarterReviews, { onOpenAction: vi.fn() });
    const button = await screen.findByRole("button", { name: "Open this quarter's review" });
    expect(screen.getByLabelText("Quarter")).toHaveDisplayValue(
      "Q2 2025/26 (July to September 2025) (not opened)",
    );
    await user.click(button);
    expect(api.openQuarter).toHaveBeenCalledWith("2025/26-Q2");
    expect(await screen.findByRole("alert")).toHaveTextContent("has not started yet");
    expect(document.getElementById("quarter-error")).toHaveTextContent("has not started yet");
  });

  it("shows an open quarter with each action's change, then signs it off", async () => {
    const user = userEvent.setup();
    render(QuarterReviews, { onOpenAction: vi.fn() });
    await user.selectOptions(await screen.findByLabelText("Quarter"), "2025/26-Q1");
    await user.click(screen.getByRole("button", { name: "Show review" }));
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("Q1 2025/26 (April to June 2025)");
    const row = document.querySelector('tr[data-action-ref="DEMO-01"]');
    expect(row).toHaveTextContent("RAG went Green → Amber; target slipped by 30 days");
    expect(row).toHaveTextContent("Amber");

    vi.mocked(api.closeQuarter).mockResolvedValue({
      ...open,
      closed_by: "Subgroup chair",
      closed_at: "2025-07-10T10:00:00Z",
    });
    await user.type(screen.getByLabelText("Signed off by (name or role)"), "Subgroup chair");
    await user.click(screen.getByRole("button", { name: "Sign off the quarter" }));
    expect(api.closeQuarter).toHaveBeenCalledWith("2025/26-Q1", "Subgroup chair");
    await waitFor(() =>
      expect(document.getElementById("quarter-signed-off")).toHaveTextContent(
        "Signed off by Subgroup chair on 10 July 2025",
      ),
    );
    expect(screen.queryByRole("button", { name: "Start panel mode" }), "a fixed record has no edit controls").toBeNull();
    expect(document.getElementById("close-form")).toBeNull();
  });
});
