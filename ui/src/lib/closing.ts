// Work still waiting to be saved when the window is closed. A WebView gives a
// page no reliable chance to finish async work as it unloads, so the app asks
// Tauri to hold the close, runs every registered flush (the panel mode's note,
// say), then closes the window itself. A flush that hangs must not keep the
// app open for ever, hence the time limit.
import { getCurrentWindow } from "@tauri-apps/api/window";
import { backupOnClose } from "./backups";

const flushes = new Set<() => Promise<void>>();

/** Registers `flush` to run before the window closes; returns the way to unregister it. */
export function beforeClose(flush: () => Promise<void>): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/** Runs every registered flush, giving up after `limitMs`. */
export async function flushAll(limitMs = 3000): Promise<void> {
  const all = Promise.allSettled([...flushes].map((flush) => flush()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, limitMs);
  });
  await Promise.race([all, limit]);
  clearTimeout(timer);
}

/** Holds the window's close until the flushes have run (once, at start-up). */
export async function guardClose(): Promise<void> {
  await getCurrentWindow().onCloseRequested(async () => {
    await flushAll();
    // Then the automatic backup on closing (issue 6), with its own limit. If
    // the app ends without this running (a quit, a hung web view), the shell
    // takes it as the app exits; it skips a repeat of one just taken here.
    const problem = await backupOnClose();
    if (problem) console.warn("the backup on closing did not finish", problem.message);
  });
}
