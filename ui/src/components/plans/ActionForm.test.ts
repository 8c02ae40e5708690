import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ErrorBody } from "../../bindings/ErrorBody";
import type { SimilarAction } from "../../bindings/SimilarAction";
import * as api from "../../lib/api";
import { sampleAction, sampleRecommendation } from "../../lib/sample-plans";
import ActionForm from "./ActionForm.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  similarActions: vi.fn(),
  addAction: vi.fn(),
  linkAction: vi.fn(),
}));

const recommendations = [
  sampleRecommendation({ source_code: "Child W", reference: "R1", themes: ["Exploitation"] }),
  sampleRecommendation({ source_code: "Case AN", reference: "R2", outcome: "pending" }),
];
const themes = [
  { id: "t1", name: "Exploitation", preset: true },
  { id: "t2", name: "Professional curiosity", preset: true },
];
const demo01: SimilarAction = {
  id: "a1",
  reference: "DEMO-01",
  text: "Deliver multi-agency training on professional curiosity and exploitation for frontline practitioners",
  sources: ["Child W", "Case AN"],
  score: 0.82,
  why: "similar wording",
};
const TEXT = "Deliver multi-agency training on professional curiosity and exploitation";

function props(preselected: string[] = []) {
  return { recommendations, themes, preselected, onSaved: vi.fn(), onLinked: vi.fn(), onCancel: vi.fn() };
}

async function describeAction() {
  await fireEvent.input(screen.getByLabelText("Action reference"), { target: { value: "DEMO-06" } });
  const text = screen.getByLabelText("What will be done");
  await fireEvent.input(text, { target: { value: TEXT } });
  await fireEvent.focusOut(text);
}

describe("ActionForm", () => {
  beforeEach(() => {
    vi.mocked(api.similarActions).mockReset().mockResolvedValue([demo01]);
    vi.mocked(api.addAction).mockReset();
    vi.mocked(api.linkAction).mockReset().mockResolvedValue(sampleAction({ reference: "DEMO-01" }));
  });

  it("warns, on leaving the text, of an open action it may repeat", async () => {
    render(ActionForm, props());
    await describeAction();
    expect(api.similarActions).toHaveBeenCalledWith(TEXT, [], "");
    expect(await screen.findByText("This looks like DEMO-01 from Child W, Case AN — similar wording")).toBeVisible();
    expect(screen.getByRole("button", { name: "Link to DEMO-01 instead" })).toBeEnabled();
  });

  it("starts from the chosen recommendation and its themes", () => {
    render(ActionForm, props([recommendations[0]!.id]));
    expect(screen.getByLabelText(/R1: Recommendation R1 of Child W/)).toBeChecked();
    expect(screen.getByLabelText(/R2: Recommendation R2 of Case AN/)).not.toBeChecked();
    expect(screen.getByLabelText("Exploitation")).toBeChecked();
    // A recommendation not yet accepted says so beside it.
    expect(screen.getByLabelText(/R2: Recommendation R2/)).toHaveAccessibleDescription("Awaiting a decision");
  });

  it("links every chosen recommendation to the similar action, then opens it", async () => {
    const handlers = props([recommendations[0]!.id]);
    render(ActionForm, handlers);
    await fireEvent.click(screen.getByLabelText(/R2: Recommendation R2/));
    await describeAction();
    await fireEvent.click(await screen.findByRole("button", { name: "Link to DEMO-01 instead" }));
    await waitFor(() => expect(handlers.onLinked).toHaveBeenCalledWith("a1"));
    expect(vi.mocked(api.linkAction).mock.calls).toEqual([
      ["a1", recommendations[0]!.id],
      ["a1", recommendations[1]!.id],
    ]);
    expect(api.addAction).not.toHaveBeenCalled();
  });

  it("asks which recommendations to link when none is chosen", async () => {
    const { container } = render(ActionForm, props());
    await describeAction();
    await fireEvent.click(await screen.findByRole("button", { name: "Link to DEMO-01 instead" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Choose the recommendation(s) to link to DEMO-01");
    expect(container.querySelector("#answers-error")).toHaveTextContent("Choose the recommendation(s) to link to DEMO-01");
    expect(api.linkAction).not.toHaveBeenCalled();
  });

  it("shows the warning before saving, and still adds a new action when asked", async () => {
    const handlers = props([recommendations[0]!.id]);
    const saved = sampleAction({ reference: "DEMO-06" });
    vi.mocked(api.addAction).mockResolvedValue(saved);
    render(ActionForm, handlers);
    await fireEvent.input(screen.getByLabelText("What will be done"), { target: { value: TEXT } });
    await fireEvent.click(screen.getByRole("button", { name: "Save action" }));
    expect(await screen.findByText(/This looks like DEMO-01/)).toBeVisible();
    expect(api.addAction).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByRole("button", { name: "Add as a new action" }));
    await waitFor(() => expect(handlers.onSaved).toHaveBeenCalledWith(saved));
    expect(api.addAction).toHaveBeenCalledWith({
      reference: "",
      text: TEXT,
      lead_agency: "",
      lead_officer: "",
      target: { day: "", month: "", year: "" },
      agreed: { day: "", month: "", year: "" },
      answers: [recommendations[0]!.id],
      themes: ["Exploitation"],
    });
  });

  it("saves straight away when nothing similar is open", async () => {
    vi.mocked(api.similarActions).mockResolvedValue([]);
    vi.mocked(api.addAction).mockResolvedValue(sampleAction({ reference: "DEMO-06" }));
    const handlers = props();
    render(ActionForm, handlers);
    await describeAction();
    expect(await screen.findByText("No similar open actions found.")).toBeVisible();
    await fireEvent.click(screen.getByRole("button", { name: "Save action" }));
    await waitFor(() => expect(handlers.onSaved).toHaveBeenCalled());
  });

  it("shows the core's refusal in the order of the fields on the page", async () => {
    const refused: ErrorBody = {
      code: "validation",
      message: "Some answers need changing.",
      fields: [
        { field: "reference", message: "Enter an action reference" },
        { field: "target", message: "Target date must be a real date" },
        { field: "answers", message: "Choose the recommendation(s) this action answers" },
      ],
    };
    vi.mocked(api.addAction).mockRejectedValue(refused);
    const { container } = render(ActionForm, props());
    await fireEvent.click(screen.getByRole("button", { name: "Save action" }));
    const summary = await screen.findByRole("alert");
    expect(Array.from(summary.querySelectorAll("a")).map((a) => a.getAttribute("href"))).toEqual([
      `#answer-${recommendations[0]!.id}`,
      "#reference",
      "#target-day",
    ]);
    expect(container.querySelector("#target-error")).toHaveTextContent("Target date must be a real date");
    expect(screen.getByLabelText("Action reference")).toHaveAttribute("aria-describedby", "reference-hint reference-error");
    // Nothing typed: there was nothing to compare, so the core was not asked.
    expect(api.similarActions).not.toHaveBeenCalled();
  });
});
