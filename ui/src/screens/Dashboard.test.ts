import { render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Dashboard as Board } from "../bindings/Dashboard";
import type { Reminders } from "../bindings/Reminders";
import * as api from "../lib/api";
import Dashboard from "./Dashboard.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  dashboard: vi.fn(),
  reminders: vi.fn(),
  // Answers at once, as the shell's command does.
  warmCaches: vi.fn(() => Promise.resolve(null)),
}));

const board = { due_soon: [], overdue: [], rapid_reviews: [], past_target: [], by_stage: [] } as unknown as Board;
const noReminders: Reminders = {
  due_soon: { total: 0, first: [] },
  overdue: { total: 0, first: [] },
  no_update_this_quarter: { total: 0, first: [] },
  quarter: "Q1 2025/26 (April to June 2025)",
  escalations: [],
};

describe("Dashboard", () => {
  it("asks for the clocks and the reminders at once, the clocks first, and shows both", async () => {
    let answerBoard: (b: Board) => void = () => {};
    vi.mocked(api.dashboard).mockReturnValue(new Promise((resolve) => (answerBoard = resolve)));
    vi.mocked(api.reminders).mockResolvedValue(noReminders);
    render(Dashboard, { onOpen: vi.fn() });
    // The reminders were asked for before the clocks have answered: the two do not wait in turn.
    expect(api.dashboard).toHaveBeenCalledTimes(1);
    expect(api.reminders).toHaveBeenCalledTimes(1);
    expect(vi.mocked(api.dashboard).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(api.reminders).mock.invocationCallOrder[0]!,
    );
    answerBoard(board);
    expect(await screen.findByRole("heading", { name: "Overdue (0)" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Cases by stage" })).toBeInTheDocument();
    // Asked once each: the reminders' own component used the answer it was given.
    expect(api.reminders).toHaveBeenCalledTimes(1);
  });

  it("asks for the next screens to be read in only once both answers are in", async () => {
    vi.mocked(api.warmCaches).mockClear().mockResolvedValue(null);
    let answerReminders: (r: Reminders) => void = () => {};
    vi.mocked(api.dashboard).mockResolvedValue(board);
    vi.mocked(api.reminders).mockReturnValue(new Promise((resolve) => (answerReminders = resolve)));
    render(Dashboard, { onOpen: vi.fn() });
    expect(await screen.findByRole("heading", { name: "Cases by stage" })).toBeInTheDocument();
    expect(api.warmCaches).not.toHaveBeenCalled();
    answerReminders(noReminders);
    await vi.waitFor(() => expect(api.warmCaches).toHaveBeenCalledTimes(1));
  });

  it("still asks for them when the clocks fail, and a refusal shows nothing", async () => {
    vi.mocked(api.warmCaches).mockClear().mockRejectedValue({ code: "locked", message: "The register is locked." });
    vi.mocked(api.dashboard).mockRejectedValue({ code: "database", message: "The register could not be read." });
    vi.mocked(api.reminders).mockResolvedValue(noReminders);
    render(Dashboard, { onOpen: vi.fn() });
    await vi.waitFor(() => expect(api.warmCaches).toHaveBeenCalledTimes(1));
    expect(screen.queryByText("The register is locked.")).not.toBeInTheDocument();
  });

  it("says what went wrong when the clocks cannot be read, with no reminders", async () => {
    vi.mocked(api.dashboard).mockRejectedValue({ code: "database", message: "The register could not be read." });
    vi.mocked(api.reminders).mockRejectedValue({ code: "database", message: "The register could not be read." });
    render(Dashboard, { onOpen: vi.fn() });
    expect(await screen.findByText("The register could not be read.")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Action reminders" })).not.toBeInTheDocument();
  });
});
