import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { AppStatus } from "../bindings/AppStatus";
import RegisterMissing from "./RegisterMissing.svelte";

const status: AppStatus = {
  state: "register_missing",
  register_path: "/media/chair/STICK/register.casereview",
  default_register_path: "/home/chair/.local/share/case-review-manager/register.casereview",
  demo: false,
  user_name: null,
  remembered: false,
};

describe("RegisterMissing", () => {
  it("names the path it expected and asks whether the drive is plugged in", () => {
    render(RegisterMissing, { status, onRetry: vi.fn(), onRestore: vi.fn(), onCreate: vi.fn() });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Your register cannot be found");
    expect(document.getElementById("missing-path")).toHaveTextContent(
      "The register at /media/chair/STICK/register.casereview cannot be found — is the drive plugged in?",
    );
    expect(document.title).toBe("Your register cannot be found - Case Review Manager");
  });

  it("says a copy of the register file, from another laptop say, is restored the same way", () => {
    render(RegisterMissing, { status, onRetry: vi.fn(), onRestore: vi.fn(), onCreate: vi.fn() });
    const copy = document.getElementById("missing-copy");
    expect(copy).toHaveTextContent("If you have a copy of the register file, for example from another laptop");
    // It names the buttons the chair will press, as they are labelled.
    expect(copy).toHaveTextContent("choose “Restore from a backup”, then “Choose a backup file…” and pick that file");
    expect(screen.getByRole("button", { name: "Restore from a backup" })).toBeInTheDocument();
  });

  it("offers trying again, restoring and creating another, each doing only that", async () => {
    let finish = () => {};
    const onRetry = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const onRestore = vi.fn();
    const onCreate = vi.fn();
    render(RegisterMissing, { status, onRetry, onRestore, onCreate });
    const retry = screen.getByRole("button", { name: "Try again" });
    await fireEvent.click(retry);
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(retry).toBeDisabled();
    finish();
    await vi.waitFor(() => expect(retry).toBeEnabled());
    await fireEvent.click(screen.getByRole("button", { name: "Restore from a backup" }));
    expect(onRestore).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByRole("button", { name: "Create a new register" }));
    expect(onCreate).toHaveBeenCalledTimes(1);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
