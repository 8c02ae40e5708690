import { fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ErrorBody } from "../bindings/ErrorBody";
import { onRestoreRequested } from "../lib/restore-request";
import ErrorSummary from "./ErrorSummary.svelte";

const missing: ErrorBody = { code: "register_missing", message: "/media/stick/register.casereview cannot be found", fields: [] };

describe("ErrorSummary", () => {
  let stop = () => {};
  afterEach(() => stop());

  it("offers the restore screen beside a register-level error a backup mends, and asks the app for it", async () => {
    const show = vi.fn();
    stop = onRestoreRequested(show);
    render(ErrorSummary, { error: missing });
    expect(screen.getByRole("alert")).toHaveTextContent("cannot be found");
    await fireEvent.click(screen.getByRole("button", { name: "Restore from a backup" }));
    expect(show).toHaveBeenCalledTimes(1);
  });

  it("uses the screen's own way to the restore screen when given one", async () => {
    const show = vi.fn();
    const onRestore = vi.fn();
    stop = onRestoreRequested(show);
    render(ErrorSummary, { error: { ...missing, code: "not_a_register" }, onRestore });
    await fireEvent.click(screen.getByRole("button", { name: "Restore from a backup" }));
    expect(onRestore).toHaveBeenCalledTimes(1);
    expect(show).not.toHaveBeenCalled();
  });

  it("offers nothing for field errors or faults a backup does not mend", () => {
    const { unmount } = render(ErrorSummary, {
      error: { code: "validation", message: "Check the form", fields: [{ field: "code", message: "Enter a code" }] },
    });
    expect(screen.getByRole("link", { name: "Enter a code" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Restore/ })).toBeNull();
    unmount();
    render(ErrorSummary, { error: { code: "register_in_use", message: "Open elsewhere", fields: [] } });
    expect(screen.queryByRole("button", { name: /Restore/ })).toBeNull();
  });
});
