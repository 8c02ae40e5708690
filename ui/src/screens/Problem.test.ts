import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { ErrorBody } from "../bindings/ErrorBody";
import Problem from "./Problem.svelte";

const damaged: ErrorBody = { code: "register_damaged", message: "Part of the file is damaged", fields: [] };
const diskFull: ErrorBody = { code: "disk_full", message: "There is not enough free space", fields: [] };

describe("Problem", () => {
  it("offers the restore screen when a backup mends the fault", async () => {
    const onRestore = vi.fn();
    const onRetry = vi.fn();
    render(Problem, { error: damaged, onRetry, onRestore });
    expect(screen.getByText("Part of the file is damaged")).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Restore from a backup" }));
    expect(onRestore).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it("does not offer it when the register is fine (a full disk)", () => {
    render(Problem, { error: diskFull, onRetry: vi.fn(), onRestore: vi.fn() });
    expect(screen.getByText("There is not enough free space")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Restore/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
