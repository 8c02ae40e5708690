import { describe, expect, it } from "vitest";
import type { Deadline } from "../bindings/Deadline";
import { describeDeadline, deadlineState, noteLabel, STEP_LABELS } from "./journey";

const base: Deadline = {
  rule: "rapid-review",
  label: "Rapid Review due to the National Panel",
  from: "2025-01-09",
  due: "2025-01-30",
  done_on: null,
  state: "due",
  working_days_left: 1,
  working_days_late: null,
  beyond_holiday_list: false,
};

describe("deadline wording", () => {
  it("says every state in words", () => {
    expect(deadlineState(base)).toBe("due, 1 working day left");
    expect(deadlineState({ ...base, state: "overdue", working_days_left: null, working_days_late: 3 })).toBe(
      "overdue by 3 working days",
    );
    expect(deadlineState({ ...base, state: "late", done_on: "2025-01-31", working_days_late: 1 })).toBe(
      "late by 1 working day",
    );
    expect(deadlineState({ ...base, state: "met", done_on: "2025-01-29" })).toBe("met");
  });

  it("warns when the due date is beyond the known bank holidays", () => {
    expect(deadlineState({ ...base, beyond_holiday_list: true })).toContain("beyond the known bank holidays");
  });

  it("describes the clock with its label and date", () => {
    expect(describeDeadline(base)).toBe(
      "Rapid Review due to the National Panel: 30 January 2025 — due, 1 working day left",
    );
  });
});

describe("step words", () => {
  it("names the note by what the step needs", () => {
    expect(noteLabel("screen")).toBe("Rationale");
    expect(noteLabel("not-published")).toBe("Reason for not publishing");
    expect(noteLabel("la-aware")).toBe("Note (optional)");
    expect(STEP_LABELS["sin-sent"]).toBe("Serious Incident Notification sent");
  });
});
