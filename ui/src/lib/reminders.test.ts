import { describe, expect, it } from "vitest";
import { REMINDER_KINDS, reminderTitle, showAllWords } from "./reminders";

const [dueSoon, overdue, noUpdate] = REMINDER_KINDS;

describe("the dashboard's reminders", () => {
  it("opens the tracker with the filter that keeps each reminder's actions", () => {
    expect(REMINDER_KINDS.map((k) => [k.key, k.filter])).toEqual([
      ["due_soon", { dueSoon: true }],
      ["overdue", { overdueOnly: true }],
      ["no_update_this_quarter", { noUpdate: true }],
    ]);
  });

  it("titles each with its count", () => {
    const found = { quarter: "Q1 2025/26 (April to June 2025)" };
    expect(reminderTitle(overdue!, found, 1623)).toBe("Overdue (1,623)");
    expect(reminderTitle(dueSoon!, found, 0)).toBe("Due in the next 28 days (0)");
    expect(reminderTitle(noUpdate!, found, 2)).toBe("No update yet in Q1 2025/26 (April to June 2025) (2)");
  });

  it("says how many the tracker will show, whether the dashboard shows some or all", () => {
    expect(showAllWords(overdue!, 1623, 10)).toBe("Show all 1,623 overdue actions");
    expect(showAllWords(dueSoon!, 11, 10)).toBe("Show all 11 actions due soon");
    expect(showAllWords(noUpdate!, 4, 4)).toBe("Show the 4 actions with no update this quarter in the tracker");
    expect(showAllWords(overdue!, 1, 1)).toBe("Show the overdue action in the tracker");
  });
});
