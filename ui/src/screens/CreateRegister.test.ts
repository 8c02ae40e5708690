import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { AppStatus } from "../bindings/AppStatus";
import * as api from "../lib/api";
import CreateRegister from "./CreateRegister.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  passphraseStrength: vi.fn(),
  createRegister: vi.fn(),
}));

const status: AppStatus = {
  state: "no_register",
  register_path: "",
  default_register_path: "/home/chair/.local/share/case-review-manager/register.crm",
  demo: false,
  user_name: null,
  remembered: false,
};

describe("CreateRegister", () => {
  it("offers the app's data folder as where to keep the register", () => {
    render(CreateRegister, { status, onStatus: vi.fn() });
    expect(screen.getByLabelText("Where to keep the register")).toHaveValue(
      status.default_register_path,
    );
  });

  it("from a missing register, offers the default place (never the missing path) and a way back", async () => {
    const onBack = vi.fn();
    const missing: AppStatus = { ...status, state: "register_missing", register_path: "/media/chair/STICK/register.crm" };
    render(CreateRegister, { status: missing, onStatus: vi.fn(), onBack });
    expect(screen.getByLabelText("Where to keep the register")).toHaveValue(status.default_register_path);
    await fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it("has no way back on a first start", () => {
    render(CreateRegister, { status, onStatus: vi.fn() });
    expect(screen.queryByRole("button", { name: "Back" })).toBeNull();
  });

  it("says in words how strong the passphrase is, asking once typing pauses", async () => {
    vi.mocked(api.passphraseStrength).mockResolvedValue({
      score: 0,
      label: "Very weak",
      warning: "This is a top-10 common password.",
      suggestions: ["Add another word or two. Uncommon words are better."],
      acceptable: false,
    });
    const { container } = render(CreateRegister, { status, onStatus: vi.fn() });
    const field = container.querySelector<HTMLInputElement>("#passphrase")!;
    for (const typed of ["p", "pa", "pas", "password"]) {
      await fireEvent.input(field, { target: { value: typed } });
    }

    const hint = container.querySelector("#passphrase-strength")!;
    expect(hint).toHaveAttribute("aria-live", "polite");
    await waitFor(() => expect(hint).toHaveTextContent("Very weak"));
    expect(hint).toHaveTextContent("not strong enough");
    expect(hint).toHaveTextContent("This is a top-10 common password.");
    expect(hint).toHaveTextContent("Add another word or two.");
    expect(api.passphraseStrength).toHaveBeenCalledOnce();
    expect(api.passphraseStrength).toHaveBeenCalledWith("password");
  });

  it("shows the core's field errors", async () => {
    vi.mocked(api.createRegister).mockRejectedValue({
      code: "validation",
      message: "The register was not created",
      fields: [{ field: "confirm", message: "The passphrases do not match" }],
    });
    const { container } = render(CreateRegister, { status, onStatus: vi.fn() });
    await fireEvent.click(screen.getByRole("button", { name: "Create register" }));
    await screen.findByRole("alert");
    expect(container.querySelector("#confirm-error")).toHaveTextContent(
      "The passphrases do not match",
    );
  });

  it("tells the app it is opening as the form is sent, before the answer", async () => {
    let finish: (next: AppStatus) => void = () => {};
    vi.mocked(api.createRegister).mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const onOpening = vi.fn();
    const onStatus = vi.fn();
    render(CreateRegister, { status, onStatus, onOpening });
    expect(onOpening).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole("button", { name: "Create register" }));
    expect(onOpening).toHaveBeenCalledOnce();
    expect(onStatus).not.toHaveBeenCalled();
    finish({ ...status, state: "unlocked" });
    await waitFor(() => expect(onStatus).toHaveBeenCalledOnce());
  });
});
