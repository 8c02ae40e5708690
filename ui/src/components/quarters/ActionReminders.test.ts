import { render, screen } from "@testing-library/svelte";
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
      due_soon: [action("DEMO-01", "2025-06-30")],
      overdue: [],
      no_update_this_quarter: [action("DEMO-01", "2025-06-30"), action("DEMO-02", "2025-05-01")],
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
  });
});
