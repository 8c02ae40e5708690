import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../../lib/api";
import * as dialog from "../../lib/saveDialog";
import BackupNow from "./BackupNow.svelte";
import PassphraseForm from "./PassphraseForm.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  changePassphrase: vi.fn(),
  backupRegister: vi.fn(),
  passphraseStrength: vi.fn(),
}));
vi.mock("../../lib/saveDialog", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/saveDialog")>()),
  chooseSavePath: vi.fn(),
}));

describe("PassphraseForm", () => {
  beforeEach(() => {
    vi.mocked(api.changePassphrase).mockReset();
    vi.mocked(api.passphraseStrength).mockResolvedValue({
      score: 4,
      label: "Very strong",
      warning: "",
      suggestions: [],
      acceptable: true,
    });
  });

  async function fillIn(current: string, next: string, again: string) {
    await fireEvent.input(screen.getByLabelText("Current passphrase"), { target: { value: current } });
    await fireEvent.input(screen.getByLabelText("New passphrase"), { target: { value: next } });
    await fireEvent.input(screen.getByLabelText("New passphrase again"), { target: { value: again } });
    await fireEvent.click(screen.getByRole("button", { name: "Change passphrase" }));
  }

  it("sends the three passphrases to the core and says when it is done", async () => {
    vi.mocked(api.changePassphrase).mockResolvedValue({ keyring_problem: null });
    render(PassphraseForm);
    await fillIn("amber kettle ferry lantern", "copper meadow violin harbour", "copper meadow violin harbour");
    expect(api.changePassphrase).toHaveBeenCalledWith(
      "amber kettle ferry lantern",
      "copper meadow violin harbour",
      "copper meadow violin harbour",
    );
    expect(await screen.findByText("Passphrase changed: use the new one from now on")).toBeInTheDocument();
    expect((screen.getByLabelText("Current passphrase") as HTMLInputElement).value).toBe("");
    expect(screen.queryByRole("region", { name: "Important" })).toBeNull();
  });

  it("says when the passphrase remembered on this device could not follow the change", async () => {
    const said =
      "This device could not update the passphrase it remembers for this register. The next time the app starts it will ask for the passphrase: enter the one you have just used.";
    vi.mocked(api.changePassphrase).mockResolvedValue({ keyring_problem: said });
    render(PassphraseForm);
    await fillIn("amber kettle ferry lantern", "copper meadow violin harbour", "copper meadow violin harbour");
    // A GOV.UK "Important" banner, after the success message.
    const banner = await screen.findByRole("region", { name: "Important" });
    expect(banner).toHaveClass("govuk-notification-banner");
    expect(banner).toHaveTextContent("The passphrase remembered on this device could not be updated");
    expect(banner).toHaveTextContent(said);
    const success = screen.getByText("Passphrase changed: use the new one from now on");
    expect(success.compareDocumentPosition(banner) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("shows a wrong current passphrase beside its field", async () => {
    vi.mocked(api.changePassphrase).mockRejectedValue({
      code: "wrong_passphrase",
      message: "The passphrase is not correct",
      fields: [],
    });
    render(PassphraseForm);
    await fillIn("not it", "copper meadow violin harbour", "copper meadow violin harbour");
    expect(await screen.findByRole("alert")).toHaveTextContent("The passphrase is not correct");
    expect(screen.queryByText("Passphrase changed: use the new one from now on")).toBeNull();
  });
});

describe("BackupNow", () => {
  beforeEach(() => {
    vi.mocked(api.backupRegister).mockReset();
    vi.mocked(dialog.chooseSavePath).mockReset();
  });

  it("backs up to the file chosen in the dialog and reports what the copy holds", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue("/media/usb/register-backup.casereview");
    vi.mocked(api.backupRegister).mockResolvedValue({
      path: "/media/usb/register-backup.casereview",
      schema_version: 7,
      cases: 12,
      changes: 340,
      last_change_at: null,
      bytes: 512000,
    });
    render(BackupNow);
    await fireEvent.click(screen.getByRole("button", { name: "Back up now…" }));
    expect(
      await screen.findByText("Backup saved to /media/usb/register-backup.casereview: 12 cases, 340 changes, checked"),
    ).toBeInTheDocument();
    expect(api.backupRegister).toHaveBeenCalledWith("/media/usb/register-backup.casereview");
  });

  it("does nothing when the dialog is cancelled", async () => {
    vi.mocked(dialog.chooseSavePath).mockResolvedValue(null);
    render(BackupNow);
    await fireEvent.click(screen.getByRole("button", { name: "Back up now…" }));
    await waitFor(() => expect(dialog.chooseSavePath).toHaveBeenCalled());
    expect(api.backupRegister).not.toHaveBeenCalled();
  });
});
