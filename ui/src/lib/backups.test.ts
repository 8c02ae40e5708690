import { afterEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { backupOnClose, describeBackup, formatSize, startDailyBackups } = await import("./backups");

describe("automatic backups", () => {
  afterEach(() => {
    invoke.mockReset();
    vi.useRealTimers();
  });

  it("asks for the daily backup at once and then every hour", async () => {
    vi.useFakeTimers();
    invoke.mockResolvedValue(null);
    const stop = startDailyBackups(() => {}, 1000);
    expect(invoke).toHaveBeenCalledWith("automatic_backup", { daily: true });
    await vi.advanceTimersByTimeAsync(2000);
    expect(invoke).toHaveBeenCalledTimes(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(invoke).toHaveBeenCalledTimes(3);
  });

  it("reports a failed backup, and clears it after the next one works", async () => {
    vi.useFakeTimers();
    invoke.mockRejectedValueOnce({ code: "validation", message: "The backup folder /media/stick is not available", fields: [] });
    invoke.mockResolvedValue(null);
    const seen: (string | null)[] = [];
    const stop = startDailyBackups((p) => seen.push(p?.message ?? null), 1000);
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    expect(seen).toEqual(["The backup folder /media/stick is not available", null]);
  });

  it("the backup on closing never keeps the window open past its limit", async () => {
    vi.useFakeTimers();
    invoke.mockReturnValue(new Promise(() => {}));
    const done = vi.fn();
    const closing = backupOnClose(5000).then(done);
    await vi.advanceTimersByTimeAsync(4999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    expect(done.mock.calls[0]?.[0]?.message).toContain("took too long");
  });

  it("closing while locked is not a problem", async () => {
    invoke.mockRejectedValue({ code: "locked", message: "locked", fields: [] });
    expect(await backupOnClose()).toBeNull();
    expect(invoke).toHaveBeenCalledWith("automatic_backup", { daily: false });
  });

  it("describes a backup by its date, size and kind", () => {
    expect(formatSize(900)).toBe("900 bytes");
    expect(formatSize(340_200)).toBe("340 KB");
    expect(formatSize(1_234_567)).toBe("1.2 MB");
    const file = { path: "/b/x", name: "x", taken_at: "2025-06-04T13:05:00.000Z", kind: "before_migration" as const, bytes: 1_234_567 };
    expect(describeBackup(file)).toBe("4 June 2025 at 2:05pm, 1.2 MB (taken before an upgrade)");
  });
});
