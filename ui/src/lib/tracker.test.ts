import { describe, expect, it } from "vitest";
import type { ActionRecord } from "../bindings/ActionRecord";
import {
  activeFilters,
  answersText,
  filterActions,
  filterChoices,
  isDueSoon,
  isoDay,
  isOverdue,
  NO_FILTER,
  nextSort,
  PAGE_SIZE,
  pagesFor,
  rowWindow,
  sortActions,
  trackerQuery,
} from "./tracker";
import { sampleAction, sampleAnswer } from "./sample-plans";

const TODAY = "2025-06-04";

const actions = [
  sampleAction({
    reference: "DEMO-10",
    lead_agency: "Housing",
    target_date: "2025-06-03",
    rag: "red",
    answers: [sampleAnswer("Case AN", "R1")],
    themes: ["Information sharing"],
  }),
  sampleAction({
    reference: "DEMO-2",
    target_date: "2025-06-04",
    rag: "green",
    answers: [sampleAnswer("Child W", "R1"), sampleAnswer("Case AN", "R2")],
    themes: ["Exploitation", "Professional curiosity"],
  }),
  sampleAction({
    reference: "DEMO-3",
    status: "complete-embedded",
    target_date: "2024-12-31",
    rag: "blue",
    answers: [sampleAnswer("Adult X", "R1")],
    themes: ["Escalation"],
  }),
  sampleAction({
    reference: "DEMO-1",
    lead_agency: "Education",
    status: "not-started",
    target_date: "2025-01-31",
    answers: [sampleAnswer("Child W", "R2")],
    themes: ["Information sharing"],
  }),
];

const refs = (list: ActionRecord[]) => list.map((a) => a.reference);

describe("overdue", () => {
  it("means open and past the target date, as the core's filter does", () => {
    expect(isOverdue(actions[0]!, TODAY)).toBe(true);
    expect(isOverdue(actions[1]!, TODAY)).toBe(false); // due today is not yet overdue
    expect(isOverdue(actions[2]!, TODAY)).toBe(false); // closed actions are never overdue
    expect(isOverdue(actions[3]!, TODAY)).toBe(true);
  });

  it("reads today from the local calendar, zero-padded like an ISO date", () => {
    expect(isoDay(new Date(2025, 5, 4, 23, 30))).toBe("2025-06-04");
    expect(isoDay(new Date(2026, 0, 9))).toBe("2026-01-09");
  });
});

describe("filtering", () => {
  it("keeps everything when no filter is set", () => {
    expect(refs(filterActions(actions, NO_FILTER, TODAY))).toEqual(["DEMO-10", "DEMO-2", "DEMO-3", "DEMO-1"]);
    expect(activeFilters(NO_FILTER)).toBe(0);
  });

  it("keeps an action answering several reviews under each of them", () => {
    const byReview = (source: string) => refs(filterActions(actions, { ...NO_FILTER, source }, TODAY));
    expect(byReview("Case AN")).toEqual(["DEMO-10", "DEMO-2"]);
    expect(byReview("Child W")).toEqual(["DEMO-2", "DEMO-1"]);
    expect(byReview("NP-SUDI")).toEqual([]);
  });

  it("filters by agency, theme and RAG, including actions not yet rated", () => {
    expect(refs(filterActions(actions, { ...NO_FILTER, agency: "Housing" }, TODAY))).toEqual(["DEMO-10"]);
    expect(refs(filterActions(actions, { ...NO_FILTER, theme: "Information sharing" }, TODAY))).toEqual([
      "DEMO-10",
      "DEMO-1",
    ]);
    expect(refs(filterActions(actions, { ...NO_FILTER, rag: "red" }, TODAY))).toEqual(["DEMO-10"]);
    expect(refs(filterActions(actions, { ...NO_FILTER, rag: "none" }, TODAY))).toEqual(["DEMO-1"]);
  });

  it("filters by one status or by open and closed", () => {
    expect(refs(filterActions(actions, { ...NO_FILTER, status: "not-started" }, TODAY))).toEqual(["DEMO-1"]);
    expect(refs(filterActions(actions, { ...NO_FILTER, status: "closed" }, TODAY))).toEqual(["DEMO-3"]);
    expect(refs(filterActions(actions, { ...NO_FILTER, status: "open" }, TODAY))).toEqual([
      "DEMO-10",
      "DEMO-2",
      "DEMO-1",
    ]);
  });

  it("combines filters, all of which must hold", () => {
    const filter = { ...NO_FILTER, theme: "Information sharing", overdueOnly: true, agency: "Education" };
    expect(refs(filterActions(actions, filter, TODAY))).toEqual(["DEMO-1"]);
    expect(activeFilters(filter)).toBe(3);
    expect(activeFilters({ ...filter, dueSoon: true, noUpdate: true })).toBe(5);
  });

  it("keeps open actions due from today to 28 days ahead as due soon, as the core does", () => {
    const open = { status: "in-progress" as const };
    expect(isDueSoon({ ...open, target_date: TODAY }, TODAY)).toBe(true);
    expect(isDueSoon({ ...open, target_date: "2025-07-02" }, TODAY)).toBe(true);
    expect(isDueSoon({ ...open, target_date: "2025-07-03" }, TODAY)).toBe(false);
    expect(isDueSoon({ ...open, target_date: "2025-06-03" }, TODAY)).toBe(false);
    expect(isDueSoon({ status: "complete-embedded", target_date: TODAY }, TODAY)).toBe(false);
    // Across a year's end.
    expect(isDueSoon({ ...open, target_date: "2026-01-28" }, "2025-12-31")).toBe(true);
    expect(isDueSoon({ ...open, target_date: "2026-01-29" }, "2025-12-31")).toBe(false);
  });
});

describe("sorting", () => {
  it("sorts references as people read them, numbers by value", () => {
    expect(refs(sortActions(actions, { key: "reference", direction: "ascending" }))).toEqual([
      "DEMO-1",
      "DEMO-2",
      "DEMO-3",
      "DEMO-10",
    ]);
    expect(refs(sortActions(actions, { key: "reference", direction: "descending" }))).toEqual([
      "DEMO-10",
      "DEMO-3",
      "DEMO-2",
      "DEMO-1",
    ]);
  });

  it("sorts RAG most worrying first, unrated last", () => {
    expect(refs(sortActions(actions, { key: "rag", direction: "ascending" }))).toEqual([
      "DEMO-10",
      "DEMO-2",
      "DEMO-3",
      "DEMO-1",
    ]);
  });

  it("sorts target dates by date and statuses in the order an action moves", () => {
    expect(refs(sortActions(actions, { key: "target", direction: "ascending" }))).toEqual([
      "DEMO-3",
      "DEMO-1",
      "DEMO-10",
      "DEMO-2",
    ]);
    expect(refs(sortActions(actions, { key: "status", direction: "ascending" }))).toEqual([
      "DEMO-1",
      "DEMO-2",
      "DEMO-10",
      "DEMO-3",
    ]);
  });

  it("breaks ties by reference, ascending, in either direction", () => {
    const byAgency = (direction: "ascending" | "descending") =>
      refs(sortActions(actions, { key: "agency", direction }));
    expect(byAgency("ascending")).toEqual(["DEMO-1", "DEMO-10", "DEMO-2", "DEMO-3"]);
    expect(byAgency("descending")).toEqual(["DEMO-2", "DEMO-3", "DEMO-10", "DEMO-1"]);
  });

  it("sorts by what the action answers and by its wording", () => {
    expect(refs(sortActions(actions, { key: "answers", direction: "ascending" }))).toEqual([
      "DEMO-3",
      "DEMO-10",
      "DEMO-2",
      "DEMO-1",
    ]);
    expect(refs(sortActions(actions, { key: "text", direction: "ascending" }))[0]).toBe("DEMO-1");
  });

  it("leaves the list it was given as it was", () => {
    const before = refs(actions);
    sortActions(actions, { key: "rag", direction: "descending" });
    expect(refs(actions)).toEqual(before);
  });

  it("turns a column round when pressed again, and starts a new one ascending", () => {
    const start = { key: "reference", direction: "ascending" } as const;
    expect(nextSort(start, "reference")).toEqual({ key: "reference", direction: "descending" });
    expect(nextSort({ key: "reference", direction: "descending" }, "reference").direction).toBe("ascending");
    expect(nextSort({ key: "rag", direction: "descending" }, "target")).toEqual({
      key: "target",
      direction: "ascending",
    });
  });
});

describe("words and choices", () => {
  it("names each answer by its review and reference", () => {
    expect(answersText(actions[1]!)).toBe("Child W R1, Case AN R2");
  });

  it("offers each review, agency and theme once, sorted", () => {
    expect(filterChoices(actions)).toEqual({
      sources: ["Adult X", "Case AN", "Child W"],
      agencies: ["Education", "Housing", "Safeguarding partnership"],
      themes: ["Escalation", "Exploitation", "Information sharing", "Professional curiosity"],
    });
  });
});

describe("the rendered window", () => {
  it("renders the rows in view and the overscan, with spacers for the rest", () => {
    // 10,000 rows of 80px; scrolled to row 500; 800px of view = 10 rows.
    expect(rowWindow(10_000, 40_000, 800, 80, 5)).toEqual({
      start: 495,
      end: 515,
      before: 495 * 80,
      after: (10_000 - 515) * 80,
    });
  });

  it("keeps the spacers and rows adding up to the full height", () => {
    for (const scrollTop of [0, 33, 7_999, 123_456, 10_000_000]) {
      const w = rowWindow(2_000, scrollTop, 600, 84);
      expect(w.before + (w.end - w.start) * 84 + w.after).toBe(2_000 * 84);
      expect(w.start).toBeLessThanOrEqual(w.end);
    }
  });

  it("stops at the ends of the list", () => {
    expect(rowWindow(3, 0, 800, 80)).toEqual({ start: 0, end: 3, before: 0, after: 0 });
    expect(rowWindow(0, 500, 800, 80)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    const bottom = rowWindow(100, 100 * 80, 800, 80, 2);
    expect(bottom.end).toBe(100);
    expect(bottom.after).toBe(0);
  });

  it("treats a negative scroll (an elastic overscroll) as the top", () => {
    expect(rowWindow(100, -40, 160, 80, 0)).toEqual({ start: 0, end: 2, before: 0, after: 98 * 80 });
  });
});

describe("asking the core for a window", () => {
  it("turns the screen's filters and sort into the core's query", () => {
    const filter = { ...NO_FILTER, source: "Child W", rag: "none" as const, overdueOnly: true };
    expect(trackerQuery(filter, { key: "target", direction: "descending" }, 200)).toEqual({
      source: "Child W",
      agency: "",
      rag: "none",
      theme: "",
      status: "",
      overdue_only: true,
      due_soon: false,
      no_update_this_quarter: false,
      sort: "target",
      direction: "descending",
      offset: 200,
      limit: PAGE_SIZE,
    });
  });

  it("names each page a window of rows needs, once", () => {
    expect(pagesFor(0, 28)).toEqual([0]);
    expect(pagesFor(90, 130)).toEqual([0, 1]);
    expect(pagesFor(PAGE_SIZE, 2 * PAGE_SIZE)).toEqual([1]);
    expect(pagesFor(5, 5)).toEqual([]);
  });
});
