import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { AppStatus } from "../bindings/AppStatus";
import * as api from "../lib/api";
import Unlock from "./Unlock.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  unlock: vi.fn(),
}));

const status: AppStatus = {
  state: "locked",
  register_path: "/home/chair/.local/share/case-review-manager/register.crm",
  default_register_path: "/home/chair/.local/share/case-review-manager/register.crm",
  demo: false,
  user_name: null,
};

describe("Unlock", () => {
  it("shows where the register is", () => {
    render(Unlock, { status, onStatus: vi.fn() });
    expect(screen.getByText(/register\.crm/)).toHaveAttribute("id", "unlock-passphrase-hint");
  });

  it("shows a wrong passphrase on the passphrase field and in the summary", async () => {
    vi.mocked(api.unlock).mockRejectedValue({
      code: "wrong_passphrase",
      message: "The passphrase is not correct",
      fields: [],
    });
    const onStatus = vi.fn();
    const { container } = render(Unlock, { status, onStatus });
    await fireEvent.input(screen.getByLabelText("Passphrase"), { target: { value: "guess" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));

    expect(api.unlock).toHaveBeenCalledWith("guess");
    const message = await screen.findByText(/passphrase is not correct/, {
      selector: "#unlock-passphrase-error",
    });
    expect(message).toHaveTextContent("Error: The passphrase is not correct");
    const link = screen.getByRole("link", { name: "The passphrase is not correct" });
    expect(link).toHaveAttribute("href", "#unlock-passphrase");
    expect(container.querySelector("#unlock-passphrase")).toHaveClass("govuk-input--error");
    expect(onStatus).not.toHaveBeenCalled();
  });

  it("shows a file that is not a register in the summary alone", async () => {
    vi.mocked(api.unlock).mockRejectedValue({
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
});
