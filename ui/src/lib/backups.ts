// Automatic backups from the web view's side: the daily check while the
// register is open (on unlock, then every hour; the core decides whether one
// is due), the backup on closing with a time limit, and how a backup file is
// described on screen. The core does all the work and all the deciding.
import type { BackupFile } from "../bindings/BackupFile";
import type { ErrorBody } from "../bindings/ErrorBody";
import { automaticBackup, toErrorBody } from "./api";
import { formatDateTime } from "./dates";

/** How often the open app asks the core whether the daily backup is due. */
export const DAILY_CHECK_MS = 60 * 60 * 1000;

/**
 * Asks for the daily backup now and every `everyMs`; a failure is passed to
 * `onProblem` (and a later success clears it with null). Returns the way to stop.
 */
export function startDailyBackups(onProblem: (problem: ErrorBody | null) => void, everyMs = DAILY_CHECK_MS): () => void {
  const check = async () => {
    try {
      await automaticBackup(true);
      onProblem(null);
    } catch (e) {
      const body = toErrorBody(e);
      // Locked in the meantime: nothing to back up, nothing to report.
      if (body.code !== "locked") onProblem(body);
    }
  };
  void check();
  const timer = setInterval(() => void check(), everyMs);
  return () => clearInterval(timer);
}

/**
 * The backup on closing. Gives up waiting after `limitMs` so closing never
 * hangs: an unfinished copy is a temporary file, never a backup, and the
 * register itself is only read. Resolves to the problem, if there was one.
 */
export async function backupOnClose(limitMs = 20_000): Promise<ErrorBody | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<ErrorBody>((resolve) => {
    timer = setTimeout(
      () => resolve({ code: "internal", message: "The backup on closing took too long and was left to finish.", fields: [] }),
      limitMs,
    );
  });
  const backup = automaticBackup(false).then(
    () => null,
    (e: unknown) => {
      const body = toErrorBody(e);
      return body.code === "locked" ? null : body;
    },
  );
  const result = await Promise.race([backup, limit]);
  clearTimeout(timer);
  return result;
}

/** "1.2 MB", "340 KB", "900 bytes". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(1)} GB`;
}

/** "4 June 2025 at 2:05pm, 1.2 MB (before an upgrade)". */
export function describeBackup(file: BackupFile): string {
  const why = file.kind === "before_migration" ? " (taken before an upgrade)" : "";
  return `${formatDateTime(file.taken_at)}, ${formatSize(file.bytes)}${why}`;
}
