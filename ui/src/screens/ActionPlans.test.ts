import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TrackerQuery } from "../bindings/TrackerQuery";
import * as api from "../lib/api";
import { filterActions, filterChoices, isoDay, sortActions } from "../lib/tracker";
import { sampleAction, sampleAnswer, sampleRecommendation } from "../lib/sample-plans";
import ActionPlans, { forgetPlanChoices, showTrackerWith } from "./ActionPlans.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  listActions: vi.fn(),
  trackerPage: vi.fn(),
  trackerChoices: vi.fn(),
  listRecommendations: vi.fn(),
  recommendationSources: vi.fn(),
  listThemes: vi.fn(),
  listCases: vi.fn(),
  quarterChoices: vi.fn(),
  thematicTracker: vi.fn(),
  setRecommendationOutcome: vi.fn(),
}));

const actions = [
  sampleAction({
    reference: "DEMO-01",
    rag: "green",
    answers: [sampleAnswer("Case AN", "R2"), sampleAnswer("Child W", "R1")],
    target_date: "2999-03-31",
  }),
  sampleAction({
    reference: "DEMO-02",
    rag: "red",
    lead_agency: "Education",
    answers: [sampleAnswer("Child W", "R2")],
    target_date: "2000-01-31",
  }),
  sampleAction({ reference: "DEMO-03", answers: [sampleAnswer("Case AN", "R1")], target_date: "2999-06-30" }),
];
const recommendations = [
  sampleRecommendation({ source_code: "Case AN", reference: "R1" }),
  sampleRecommendation({ source_code: "Case AN", reference: "R2", outcome: "not-accepted", outcome_reason: "Already covered" }),
  sampleRecommendation({ source_code: "Child W", reference: "R1" }),
  sampleRecommendation({ source_code: "Child W", reference: "R2" }),
];

// The core's tracker, played by the same rules over the sample actions.
function fakePage(query: TrackerQuery) {
  const filter = {
    source: query.source,
    agency: query.agency,
    rag: query.rag as "",
    theme: query.theme,
    status: query.status as "",
    overdueOnly: query.overdue_only,
    dueSoon: query.due_soon,
    noUpdate: query.no_update_this_quarter,
  };
  const kept = sortActions(filterActions(actions, filter, isoDay(new Date())), {
    key: query.sort,
    direction: query.direction,
  });
  return Promise.resolve({
    all: actions.length,
    matching: kept.length,
    offset: query.offset,
    rows: kept.slice(query.offset, query.offset + query.limit),
  });
}

const bodyRefs = () =>
  Array.from(document.querySelectorAll("#action-tracker tbody tr[data-action-ref]")).map((tr) =>
    tr.getAttribute("data-action-ref"),
  );

describe("ActionPlans", () => {
  beforeEach(() => {
    vi.clearAllMocks();
    forgetPlanChoices();
    vi.mocked(api.listActions).mockResolvedValue(actions);
    vi.mocked(api.trackerPage).mockImplementation(fakePage);
    vi.mocked(api.trackerChoices).mockResolvedValue(filterChoices(actions));
    vi.mocked(api.quarterChoices).mockResolvedValue([]);
    vi.mocked(api.listRecommendations).mockResolvedValue(recommendations);
    vi.mocked(api.recommendationSources).mockResolvedValue([
      { code: "Case AN", title: "Review of Case AN", kind: "local-review" },
      { code: "Child W", title: "Review of Child W", kind: "local-review" },
    ]);
    vi.mocked(api.listThemes).mockResolvedValue([]);
    vi.mocked(api.listCases).mockResolvedValue([]);
    vi.mocked(api.thematicTracker).mockResolvedValue({
      columns: [
        { source_code: "Case AN", source_title: "Review of Case AN" },
        { source_code: "Child W", source_title: "Review of Child W" },
      ],
      rows: [
        {
          theme: "Exploitation",
          cells: [
            { recommendations: 0, open_actions: 1 },
            { recommendations: 2, open_actions: 1 },
          ],
          sources: 2,
          recommendations: 2,
          open_actions: 1,
        },
      ],
      offset: 0,
      total_columns: 2,
    });
  });

  it("opens on the tracker: every action, with what it answers, as an accessible table", async () => {
    render(ActionPlans, { onOpen: vi.fn() });
    expect(screen.getByRole("heading", { level: 1, name: "Actions" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Every action in the partnership's plans" });
    expect(screen.getByRole("button", { name: "Tracker" })).toHaveAttribute("aria-current", "true");
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Showing 3 of 3 actions"));
    // The tracker reads a window of rows from the core, never every action in
    // full, nor every recommendation or case: the export's list of reviews
    // comes from the reviews alone.
    expect(api.listActions).not.toHaveBeenCalled();
    expect(api.listRecommendations).not.toHaveBeenCalled();
    expect(api.listCases).not.toHaveBeenCalled();
    // The export's reviews come once the rows are painted.
    const reviews = () => Array.from((document.querySelector("#export-review") as HTMLSelectElement).options, (o) => o.text);
    await waitFor(() =>
      expect(reviews()).toEqual(["Every review and report", "Case AN: Review of Case AN", "Child W: Review of Child W"]),
    );
    expect(table).toHaveAttribute("aria-rowcount", "4");
    const first = within(table).getAllByRole("row")[1]!;
    expect(first).toHaveAttribute("aria-rowindex", "2");
    expect(first).toHaveTextContent("Case AN R2, Child W R1");
    expect(first).toHaveTextContent("Green");
    expect(bodyRefs()).toEqual(["DEMO-01", "DEMO-02", "DEMO-03"]);
    // Past its target and open: said in words, not only by colour.
    expect(document.querySelector("tr[data-action-ref='DEMO-02']")).toHaveTextContent("Overdue");
  });

  it("filters by review and overdue, and counts what is left", async () => {
    render(ActionPlans, { onOpen: vi.fn() });
    const source = await screen.findByLabelText("Review or report");
    await screen.findByRole("option", { name: "Child W" });
    await fireEvent.change(source, { target: { value: "Child W" } });
    await waitFor(() => expect(bodyRefs()).toEqual(["DEMO-01", "DEMO-02"]));
    expect(api.trackerPage).toHaveBeenLastCalledWith(expect.objectContaining({ source: "Child W", offset: 0 }));
    await fireEvent.click(screen.getByLabelText("Overdue only"));
    await waitFor(() => expect(bodyRefs()).toEqual(["DEMO-02"]));
    expect(screen.getByRole("status")).toHaveTextContent("Showing 1 of 3 actions");
    await fireEvent.click(screen.getByRole("button", { name: /Clear filters/ }));
    await waitFor(() => expect(bodyRefs()).toHaveLength(3));
  });

  it("opens filtered and sorted by target date when the dashboard asks for a reminder's actions", async () => {
    showTrackerWith({ overdueOnly: true });
    render(ActionPlans, { onOpen: vi.fn() });
    await waitFor(() => expect(bodyRefs()).toEqual(["DEMO-02"]));
    expect(screen.getByLabelText("Overdue only")).toBeChecked();
    expect(screen.getByLabelText("Due soon")).not.toBeChecked();
    expect(screen.getByRole("button", { name: /^Target date/ }).closest("th")).toHaveAttribute("aria-sort", "ascending");
    expect(api.trackerPage).toHaveBeenLastCalledWith(
      expect.objectContaining({ overdue_only: true, due_soon: false, no_update_this_quarter: false, sort: "target" }),
    );
    await fireEvent.click(screen.getByLabelText("No update this quarter"));
    expect(api.trackerPage).toHaveBeenLastCalledWith(
      expect.objectContaining({ overdue_only: true, no_update_this_quarter: true }),
    );
    expect(screen.getByRole("button", { name: /Clear filters/ })).toHaveTextContent("(2 filters set)");
  });

  it("sorts by a column from the button in its header, and says so with aria-sort", async () => {
    render(ActionPlans, { onOpen: vi.fn() });
    const rag = await screen.findByRole("button", { name: /^RAG/ });
    await fireEvent.click(rag);
    expect(rag.closest("th")).toHaveAttribute("aria-sort", "ascending");
    expect(screen.getByRole("button", { name: /^Reference/ }).closest("th")).toHaveAttribute("aria-sort", "none");
    await waitFor(() => expect(bodyRefs()).toEqual(["DEMO-02", "DEMO-01", "DEMO-03"]));
    await fireEvent.click(rag);
    expect(rag.closest("th")).toHaveAttribute("aria-sort", "descending");
    await waitFor(() => expect(bodyRefs()).toEqual(["DEMO-03", "DEMO-01", "DEMO-02"]));
  });

  it("opens an action from its reference", async () => {
    const onOpen = vi.fn();
    render(ActionPlans, { onOpen });
    await fireEvent.click(await screen.findByRole("button", { name: "DEMO-02" }));
    expect(onOpen).toHaveBeenCalledWith("id-DEMO-02");
  });

  it("shows one review's plan: each recommendation, its outcome and the actions answering it", async () => {
    render(ActionPlans, { onOpen: vi.fn() });
    await fireEvent.click(await screen.findByRole("button", { name: "Action plan by review" }));
    const select = screen.getByLabelText("Review or report");
    expect(select).toHaveValue("Case AN");
    const r2 = document.querySelector("#plan [data-rec-ref='R2']") as HTMLElement;
    expect(r2).toHaveTextContent("Not accepted: Already covered");
    expect(within(r2).getByRole("button", { name: "DEMO-01" })).toBeInTheDocument();
    await fireEvent.change(select, { target: { value: "Child W" } });
    const w2 = document.querySelector("#plan [data-rec-ref='R2']") as HTMLElement;
    expect(within(w2).getByRole("button", { name: "DEMO-02" })).toBeInTheDocument();
  });

  it("shows the thematic tracker's counts in words", async () => {
    render(ActionPlans, { onOpen: vi.fn() });
    await fireEvent.click(await screen.findByRole("button", { name: "Thematic tracker" }));
    const row = (await screen.findByRole("rowheader", { name: "Exploitation" })).closest("tr")!;
    expect(Array.from(row.querySelectorAll("td")).map((td) => td.textContent?.trim())).toEqual([
      "0 recs, 1 open",
      "2 recs, 1 open",
      "2 reviews or reports",
      "2 recs, 1 open",
    ]);
  });

  it("opens the add-action form, starting from a recommendation when asked from one", async () => {
    render(ActionPlans, { onOpen: vi.fn() });
    await fireEvent.click(await screen.findByRole("button", { name: "Action plan by review" }));
    const r1 = document.querySelector("#plan [data-rec-ref='R1']") as HTMLElement;
    await fireEvent.click(within(r1).getByRole("button", { name: /Add an action/ }));
    expect(screen.getByRole("heading", { level: 1, name: "Add an action" })).toBeInTheDocument();
    expect(screen.getByLabelText(/R1: Recommendation R1 of Case AN/)).toBeChecked();
    expect(document.title).toBe("Add an action - Case Review Manager");
  });

  it("asks for the filters' choices, the export and its lists only once the tracker's first rows are in and painted", async () => {
    let answerPage: () => void = () => {};
    vi.mocked(api.trackerPage).mockImplementationOnce(
      (query) => new Promise((resolve) => (answerPage = () => resolve(fakePage(query)))),
    );
    // The frames, run by hand: the rows' frame is the first after they are in.
    const frames: FrameRequestCallback[] = [];
    const frame = vi.spyOn(window, "requestAnimationFrame").mockImplementation((run) => frames.push(run));
    render(ActionPlans, { onOpen: vi.fn() });
    // The rows are asked for as the screen is built, before anything else.
    expect(api.trackerPage).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.recommendationSources).not.toHaveBeenCalled();
    expect(api.listThemes).not.toHaveBeenCalled();
    expect(api.trackerChoices).not.toHaveBeenCalled();
    answerPage();
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Showing 3 of 3 actions"));
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(api.recommendationSources).not.toHaveBeenCalled();
      expect(api.trackerChoices).not.toHaveBeenCalled();
      expect(api.quarterChoices).not.toHaveBeenCalled();
      expect(document.querySelector("#export-form")).toBeNull();
    } finally {
      frame.mockRestore();
    }
    frames.splice(0).forEach((run) => run(performance.now()));
    await waitFor(() => expect(api.recommendationSources).toHaveBeenCalledTimes(1));
    expect(api.listThemes).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(api.trackerChoices).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(api.quarterChoices).toHaveBeenCalledTimes(1));
    expect(document.querySelector("#export-form")).not.toBeNull();
    // The export's list of reviews has them.
    const select = screen.getByLabelText("Review or report") as HTMLSelectElement;
    await fireEvent.focus(select);
    await waitFor(() => expect(within(select).getByRole("option", { name: /^Child W/ })).toBeInTheDocument());
  });

  it("asks for them at once on another view, and still when the tracker's rows cannot be read", async () => {
    vi.mocked(api.trackerPage).mockRejectedValueOnce({ code: "database", message: "The register could not be read." });
    render(ActionPlans, { onOpen: vi.fn() });
    await waitFor(() => expect(api.recommendationSources).toHaveBeenCalledTimes(1));
    await fireEvent.click(screen.getByRole("button", { name: "Thematic tracker" }));
    // Loaded once only.
    expect(api.recommendationSources).toHaveBeenCalledTimes(1);
  });

  it("reads the recommendations for the add-action form only when it is opened", async () => {
    render(ActionPlans, { onOpen: vi.fn() });
    await screen.findByRole("table", { name: "Every action in the partnership's plans" });
    expect(api.listRecommendations).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Add an action" }));
    expect(screen.getByRole("heading", { level: 1, name: "Add an action" })).toBeInTheDocument();
    expect(await screen.findByLabelText(/R1: Recommendation R1 of Case AN/)).not.toBeChecked();
    expect(api.listRecommendations).toHaveBeenCalledTimes(1);
    expect(api.listActions).not.toHaveBeenCalled();
  });

  it("records a recommendation not accepted, with its reason, and goes back to its button", async () => {
    vi.mocked(api.setRecommendationOutcome).mockResolvedValue(recommendations[0]!);
    render(ActionPlans, { onOpen: vi.fn() });
    await fireEvent.click(await screen.findByRole("button", { name: "Action plan by review" }));
    const r1 = document.querySelector("#plan [data-rec-ref='R1']") as HTMLElement;
    await fireEvent.click(within(r1).getByRole("button", { name: /Record the outcome/ }));
    expect(document.activeElement).toHaveTextContent("Outcome of Case AN R1");
    await fireEvent.click(screen.getByLabelText("Not accepted"));
    await fireEvent.input(screen.getByLabelText("Why is it not accepted?"), { target: { value: "Covered by DEMO-03" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save outcome" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Outcome of Case AN R1 saved"));
    expect(api.setRecommendationOutcome).toHaveBeenCalledWith(recommendations[0]!.id, "not-accepted", "Covered by DEMO-03");
    expect(api.listRecommendations).toHaveBeenCalledTimes(2);
    expect(document.activeElement?.id).toBe(`record-outcome-${recommendations[0]!.id}`);
  });
});
