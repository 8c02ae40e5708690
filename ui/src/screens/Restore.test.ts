import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { BackupFile } from "../bindings/BackupFile";
import * as api from "../lib/api";
import Restore from "./Restore.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  listBackups: vi.fn(),
  restoreBackup: vi.fn(),
}));
vi.mock("../lib/openDialog", () => ({ chooseBackupFile: vi.fn().mockResolvedValue("/media/stick/old.casereview-backup") }));

const BACKUPS: BackupFile[] = [
  { path: "/r/backups/register-auto-20250605T130500Z.casereview-backup", name: "n", taken_at: "2025-06-05T13:05:00.000Z", kind: "automatic", bytes: 1_500_000 },
  { path: "/r/backups/register-before-migration-20250601T090000Z.casereview-backup", name: "m", taken_at: "2025-06-01T09:00:00.000Z", kind: "before_migration", bytes: 900_000 },
];

describe("Restore", () => {
  it("lists the backups by date and size, the newest chosen", async () => {
    vi.mocked(api.listBackups).mockResolvedValue(BACKUPS);
    render(Restore, { onDone: vi.fn(), onCancel: vi.fn() });
    const newest = await screen.findByLabelText("5 June 2025 at 2:05pm, 1.5 MB");
    expect(newest).toBeChecked();
    expect(screen.getByLabelText("1 June 2025 at 10:00am, 900 KB (taken before an upgrade)")).not.toBeChecked();
  });

  it("asks for the passphrase before restoring anything", async () => {
    vi.mocked(api.listBackups).mockResolvedValue(BACKUPS);
    vi.mocked(api.restoreBackup).mockClear();
    render(Restore, { onDone: vi.fn(), onCancel: vi.fn() });
    await screen.findByLabelText(/5 June 2025/);
    await fireEvent.click(screen.getByRole("button", { name: "Check and restore" }));
    expect(await screen.findByText(/Enter the backup's passphrase/, { selector: "#restore-passphrase-error" })).toBeInTheDocument();
    expect(api.restoreBackup).not.toHaveBeenCalled();
  });

  it("shows a wrong passphrase on its field and restores nothing", async () => {
    vi.mocked(api.listBackups).mockResolvedValue(BACKUPS);
    vi.mocked(api.restoreBackup).mockRejectedValue({ code: "wrong_passphrase", message: "The passphrase is not correct for this register.", fields: [] });
    const onDone = vi.fn();
    render(Restore, { onDone, onCancel: vi.fn() });
    await screen.findByLabelText(/5 June 2025/);
    await fireEvent.input(screen.getByLabelText("The backup's passphrase"), { target: { value: "guess" } });
    await fireEvent.click(screen.getByRole("button", { name: "Check and restore" }));
    expect(api.restoreBackup).toHaveBeenCalledWith(BACKUPS[0]!.path, "guess");
    expect(await screen.findByText(/not correct/, { selector: "#restore-passphrase-error" })).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });

  it("restores a file picked by hand and says where the old register was kept", async () => {
    vi.mocked(api.listBackups).mockResolvedValue([]);
    vi.mocked(api.restoreBackup).mockResolvedValue({
      restored: { path: "/r/register.casereview", schema_version: 9, cases: 2, changes: 7, last_change_at: "2025-06-01T09:00:00.000Z", bytes: 1000 },
      kept_aside: "/r/register-kept-aside-20250606T100000Z.casereview",
      keyring_problem: null,
    });
    const onDone = vi.fn();
    render(Restore, { onDone, onCancel: vi.fn() });
    expect(await screen.findByText(/No backups were found/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole("button", { name: "Choose a backup file…" }));
    expect(await screen.findByLabelText("/media/stick/old.casereview-backup")).toBeChecked();
    await fireEvent.input(screen.getByLabelText("The backup's passphrase"), { target: { value: "amber kettle ferry lantern" } });
    await fireEvent.click(screen.getByRole("button", { name: "Check and restore" }));
    expect(api.restoreBackup).toHaveBeenCalledWith("/media/stick/old.casereview-backup", "amber kettle ferry lantern");
    expect(await screen.findByText(/Kept aside, unchanged, at \/r\/register-kept-aside/)).toBeInTheDocument();
    expect(screen.getByText(/2 cases, 7 logged changes, audit trail verified/)).toBeInTheDocument();
    expect(screen.getByText("/r/register.casereview", { selector: "#restored-path" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Important" })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Continue to the register" }));
    expect(onDone).toHaveBeenCalled();
  });

  it("says when the passphrase remembered on this device could not follow the restore", async () => {
    const said = "This device could not update the passphrase it remembers for this register. The next time the app starts it will ask for the passphrase: enter the one you have just used.";
    vi.mocked(api.listBackups).mockResolvedValue(BACKUPS);
    vi.mocked(api.restoreBackup).mockResolvedValue({
      restored: { path: "/r/register.casereview", schema_version: 9, cases: 2, changes: 7, last_change_at: null, bytes: 1000 },
      kept_aside: null,
      keyring_problem: said,
    });
    render(Restore, { onDone: vi.fn(), onCancel: vi.fn() });
    await screen.findByLabelText(/5 June 2025/);
    await fireEvent.input(screen.getByLabelText("The backup's passphrase"), { target: { value: "amber kettle ferry lantern" } });
    await fireEvent.click(screen.getByRole("button", { name: "Check and restore" }));
    // A GOV.UK "Important" banner on the success page, after the confirmation.
    const banner = await screen.findByRole("region", { name: "Important" });
    expect(banner).toHaveClass("govuk-notification-banner");
    expect(banner).toHaveTextContent("The passphrase remembered on this device could not be updated");
    expect(banner).toHaveTextContent(said);
    expect(screen.getByRole("heading", { level: 1, name: "Backup restored" })).toBeInTheDocument();
  });
});
