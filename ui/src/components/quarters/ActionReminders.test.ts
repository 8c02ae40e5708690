import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { ReminderAction } from "../../bindings/ReminderAction";
import * as api from "../../lib/api";
import ActionReminders from "./ActionReminders.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  reminders: vi.fn(),
}));

const action = (reference: string, target_date: string) =>
  ({ id: reference, reference, text: `Fictional ${reference}`, lead_agency: "Housing", target_date }) as ReminderAction;

describe("ActionReminders", () => {
  it("lists each reminder with its count, and each action's reference, text, agency and target", async () => {
    vi.mocked(api.reminders).mockResolvedValue({
      due_soon: { total: 1, first: [action("DEMO-01", "2025-06-30")] },
      overdue: { total: 0, first: [] },
      no_update_this_quarter: { total: 2, first: [action("DEMO-02", "2025-05-01"), action("DEMO-01", "2025-06-30")] },
      quarter: "Q1 2025/26 (April to June 2025)",
      escalations: ["DEMO-03: Housing and health cannot agree data-sharing terms"],
    });
    const onOpenAction = vi.fn();
    render(ActionReminders, { onOpenAction });
    expect(await screen.findByRole("heading", { name: "Due in the next 28 days (1)" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Overdue (0)" })).toBeInTheDocument();
    expect(
      screen.getByRole("heading", { name: "No update yet in Q1 2025/26 (April to June 2025) (2)" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Escalations awaiting the Executive Board (1)" })).toBeInTheDocument();
    const row = document.querySelector('#reminders-due-soon tr[data-action-ref="DEMO-01"]');
    const cells = Array.from(row?.querySelectorAll("td") ?? [], (td) => td.textContent?.trim());
    expect(cells).toEqual(["DEMO-01", "Fictional DEMO-01", "Housing", "30 June 2025"]);
    screen.getAllByRole("button", { name: "DEMO-02" })[0]?.click();
    expect(onOpenAction).toHaveBeenCalledWith("DEMO-02");
    expect(screen.getByText(/DEMO-03: Housing and health/)).toBeInTheDocument();
    // Everything is shown, and no way to the tracker was asked for.
    expect(screen.queryByText(/Showing the/)).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Show/ })).not.toBeInTheDocument();
  });

  it("shows the first few of a long reminder with its count, and opens the rest in the tracker", async () => {
    const overdue = Array.from({ length: 10 }, (_, i) => action(`A-${i + 1}`, "2024-01-01"));
    vi.mocked(api.reminders).mockResolvedValue({
      due_soon: { total: 2, first: [action("B-1", "2025-06-30"), action("B-2", "2025-07-01")] },
      overdue: { total: 1623, first: overdue },
      no_update_this_quarter: { total: 1, first: [action("B-1", "2025-06-30")] },
      quarter: "Q1 2025/26 (April to June 2025)",
      escalations: [],
    });
    const onShowAll = vi.fn();
    render(ActionReminders, { onShowAll });
    expect(await screen.findByRole("heading", { name: "Overdue (1,623)" })).toBeInTheDocument();
    expect(api.reminders).toHaveBeenLastCalledWith(10);
    expect(document.querySelectorAll("#reminders-overdue tbody tr")).toHaveLength(10);
    expect(screen.getByRole("table", { name: "Overdue (1,623): the 10 with the earliest target dates" })).toBeInTheDocument();
    expect(document.querySelector("#reminders-overdue")).toHaveTextContent("Showing the 10 with the earliest target dates.");
    await fireEvent.click(screen.getByRole("button", { name: "Show all 1,623 overdue actions" }));
    expect(onShowAll).toHaveBeenLastCalledWith({ overdueOnly: true });
    await fireEvent.click(screen.getByRole("button", { name: "Show the 2 actions due soon in the tracker" }));
    expect(onShowAll).toHaveBeenLastCalledWith({ dueSoon: true });
    await fireEvent.click(
      screen.getByRole("button", { name: "Show the action with no update this quarter in the tracker" }),
    );
    expect(onShowAll).toHaveBeenLastCalledWith({ noUpdate: true });
  });
});
