import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { AppStatus } from "../bindings/AppStatus";
import * as api from "../lib/api";
import Unlock from "./Unlock.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  unlockRemembering: vi.fn(),
}));

const status: AppStatus = {
  state: "locked",
  register_path: "/home/chair/.local/share/case-review-manager/register.crm",
  default_register_path: "/home/chair/.local/share/case-review-manager/register.crm",
  demo: false,
  user_name: null,
  remembered: false,
};

describe("Unlock", () => {
  it("shows where the register is", () => {
    render(Unlock, { status, onStatus: vi.fn() });
    expect(screen.getByText(/register\.crm/)).toHaveAttribute("id", "unlock-passphrase-hint");
  });

  it("shows a wrong passphrase on the passphrase field and in the summary", async () => {
    vi.mocked(api.unlockRemembering).mockRejectedValue({
      code: "wrong_passphrase",
      message: "The passphrase is not correct",
      fields: [],
    });
    const onStatus = vi.fn();
    const { container } = render(Unlock, { status, onStatus });
    await fireEvent.input(screen.getByLabelText("Passphrase"), { target: { value: "guess" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));

    expect(api.unlockRemembering).toHaveBeenCalledWith("guess", false);
    const message = await screen.findByText(/passphrase is not correct/, {
      selector: "#unlock-passphrase-error",
    });
    expect(message).toHaveTextContent("Error: The passphrase is not correct");
    const link = screen.getByRole("link", { name: "The passphrase is not correct" });
    expect(link).toHaveAttribute("href", "#unlock-passphrase");
    expect(container.querySelector("#unlock-passphrase")).toHaveClass("govuk-input--error");
    expect(onStatus).not.toHaveBeenCalled();
  });

  it("says why an unlock is taking long, and stops once it is done", async () => {
    vi.useFakeTimers();
    try {
      let finish: (outcome: Awaited<ReturnType<typeof api.unlockRemembering>>) => void = () => {};
      vi.mocked(api.unlockRemembering).mockReturnValue(new Promise((resolve) => (finish = resolve)));
      const onStatus = vi.fn();
      render(Unlock, { status, onStatus });
      expect(screen.queryByRole("status")).toBeNull();
      await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
      await vi.advanceTimersByTimeAsync(1_000);
      const progress = screen.getByRole("status");
      expect(progress).toBeEmptyDOMElement();
      await vi.advanceTimersByTimeAsync(1_500);
      expect(progress).toHaveTextContent("keeps a safety copy of the register");
      expect(screen.getByRole("button", { name: "Unlock" })).toBeDisabled();

      finish({ status: { ...status, state: "unlocked" }, keyring_problem: null });
      await vi.advanceTimersByTimeAsync(0);
      expect(onStatus).toHaveBeenCalled();
      expect(screen.queryByRole("status")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows a file that is not a register in the summary alone", async () => {
    vi.mocked(api.unlockRemembering).mockRejectedValue({
      code: "not_a_register",
      message: "This file is not a case review register",
      fields: [],
    });
    const { container } = render(Unlock, { status, onStatus: vi.fn() });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "This file is not a case review register",
    );
    expect(container.querySelector("#unlock-passphrase-error")).toBeNull();
  });

  it("offers the restore screen when the register is damaged, not for a wrong passphrase", async () => {
    const onRestore = vi.fn();
    vi.mocked(api.unlockRemembering).mockRejectedValueOnce({
      code: "wrong_passphrase",
      message: "The passphrase is not correct",
      fields: [],
    });
    render(Unlock, { status, onStatus: vi.fn(), onRestore });
    expect(screen.queryByRole("button", { name: /Restore/ })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    await screen.findByRole("alert");
    expect(screen.queryByRole("button", { name: /Restore/ })).toBeNull();

    vi.mocked(api.unlockRemembering).mockRejectedValueOnce({
      code: "register_damaged",
      message: "The register cannot be read because part of the file is damaged",
      fields: [],
    });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    const restore = await screen.findByRole("button", { name: "Restore from a backup" });
    expect(screen.getByRole("alert")).toContainElement(restore);
    await fireEvent.click(restore);
    expect(onRestore).toHaveBeenCalledTimes(1);
  });

  it("remembers the passphrase only when the box is ticked, and hands the outcome on", async () => {
    const outcome = { status: { ...status, state: "unlocked" as const, remembered: true }, keyring_problem: null };
    vi.mocked(api.unlockRemembering).mockResolvedValue(outcome);
    const onUnlocked = vi.fn();
    render(Unlock, { status, onStatus: vi.fn(), onUnlocked });
    const box = screen.getByRole("checkbox", { name: "Remember the passphrase on this device" });
    expect(box).not.toBeChecked();
    await fireEvent.input(screen.getByLabelText("Passphrase"), { target: { value: "amber kettle ferry lantern" } });
    await fireEvent.click(box);
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(api.unlockRemembering).toHaveBeenCalledWith("amber kettle ferry lantern", true);
    await vi.waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(outcome));
  });

  it("shows the box ticked when the passphrase is remembered, so unticking forgets it", () => {
    render(Unlock, { status: { ...status, remembered: true }, onStatus: vi.fn() });
    expect(screen.getByRole("checkbox", { name: /Remember the passphrase/ })).toBeChecked();
  });

  it("says why the keyring cannot be used, and still asks for the passphrase", () => {
    render(Unlock, {
      status,
      onStatus: vi.fn(),
      keyringProblem: "The passphrase cannot be remembered on this device: no keyring service is running.",
    });
    expect(screen.getByText(/no keyring service is running/)).toBeInTheDocument();
    expect(screen.getByLabelText("Passphrase")).toBeInTheDocument();
  });

  it("after an auto-lock, says why it locked and that unsaved input was kept", () => {
    render(Unlock, { status, onStatus: vi.fn(), lockNote: { idle: 10, kept: 2, lost: null } });
    expect(screen.getByText("The register was locked after 10 minutes without activity.")).toBeInTheDocument();
    expect(screen.getByText(/kept, encrypted inside the register/)).toBeInTheDocument();
  });

  it("tells the app it is opening as the passphrase is sent, before the answer", async () => {
    let finish: (outcome: Awaited<ReturnType<typeof api.unlockRemembering>>) => void = () => {};
    vi.mocked(api.unlockRemembering).mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const onOpening = vi.fn();
    const onStatus = vi.fn();
    render(Unlock, { status, onStatus, onOpening });
    expect(onOpening).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(onOpening).toHaveBeenCalledOnce();
    expect(onStatus).not.toHaveBeenCalled();
    finish({ status: { ...status, state: "unlocked" }, keyring_problem: null });
    await waitFor(() => expect(onStatus).toHaveBeenCalledOnce());
  });
});
