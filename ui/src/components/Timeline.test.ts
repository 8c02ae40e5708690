import { render, screen, within } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { CaseEvent } from "../bindings/CaseEvent";
import type { Deadline } from "../bindings/Deadline";
import Timeline from "./Timeline.svelte";

const aware: CaseEvent = {
  id: "e1",
  name: "la-aware",
  label: "Local authority became aware",
  step: { step: "la-aware" },
  occurred_on: "2024-12-20",
  note: "",
  recorded_by: "Subgroup chair",
  created_at: "2024-12-20T10:00:00Z",
  amendments: [
    {
      amended_at: "2024-12-23T09:30:00Z",
      amended_by: "Business officer",
      reason: "Wrong day typed",
      previous_date: "2024-12-19",
      previous_note: "",
    },
  ],
} as CaseEvent;

const sinDue: Deadline = {
  rule: "sin",
  label: "Serious Incident Notification due",
  from: "2024-12-20",
  due: "2025-01-02",
  done_on: null,
  state: "overdue",
  working_days_left: null,
  working_days_late: 3,
  beyond_holiday_list: false,
};

describe("Timeline", () => {
  it("shows each step with its date and amendments, and each clock in words", () => {
    // `events` is also a Svelte option, so props go under `props`.
    render(Timeline, { props: { events: [aware], deadlines: [sinDue] } });
    const items = within(screen.getByRole("list", { name: "Timeline of the case" })).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Local authority became aware");
    expect(items[0]).toHaveTextContent("20 December 2024");
    expect(items[0]).toHaveTextContent("Wrong day typed");
    expect(items[0]).toHaveTextContent("previously 19 December 2024");
    // The clock's state is in words, not only in the tag's colour.
    expect(items[1]).toHaveTextContent("Overdue");
    expect(items[1]).toHaveTextContent("2 January 2025");
    expect(items[1]).toHaveTextContent("3 working days");
  });

  it("offers a correction for each step only when corrections are possible", async () => {
    const onAmend = vi.fn();
    const { unmount } = render(Timeline, { props: { events: [aware], deadlines: [], onAmend } });
    screen.getByRole("button", { name: "Correct this step: Local authority became aware" }).click();
    expect(onAmend).toHaveBeenCalledWith(aware);
    unmount();
    render(Timeline, { props: { events: [aware], deadlines: [] } });
    expect(screen.queryByRole("button")).toBeNull();
  });
});
