// Saves text as it is typed without losing any of it. Each change waits for a
// short pause in typing (the debounce) before it is saved; flush() saves at
// once whatever is still waiting, for the moments a pause may never come: the
// field losing focus, moving to another record, the window being hidden (a
// laptop lid closing) or the app closing. Saves run one at a time and in
// order, so an older text can never land after a newer one. Values are keyed
// (by action), so a note typed for one action and not yet saved is still
// saved for that action after the chair has moved on.

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "failed"; error: unknown };

export interface AutosaveOptions {
  /** Stores one key's value; rejects when it could not. */
  save: (key: string, value: string) => Promise<void>;
  /** The pause in typing, in milliseconds, before a change is saved. */
  delay?: number;
  /** Told every time the state changes, for a live "Saved at 14:05". */
  onState?: (state: SaveState) => void;
  now?: () => Date;
}

export interface Autosave {
  /** Records a key's value as already stored (loaded, or saved some other way). */
  track(key: string, stored: string): void;
  /** A change as typed: saved once `delay` ms pass without another change. */
  change(key: string, value: string): void;
  /** Saves at once whatever is waiting; resolves once every save so far has finished. */
  flush(): Promise<void>;
  /**
   * Runs `task` once everything waiting has been saved, and before any save
   * queued after it: for a save of the whole record, which carries the text
   * too and must not be overtaken by an older text.
   */
  inTurn<T>(task: () => Promise<T>): Promise<T>;
  /** What was typed for a key and is not yet stored, if anything. */
  unsaved(key: string): string | undefined;
  /** Stops the timer. Anything waiting is dropped: flush first. */
  dispose(): void;
}

export const AUTOSAVE_DELAY_MS = 500;

export function createAutosave({
  save,
  delay = AUTOSAVE_DELAY_MS,
  onState = () => {},
  now = () => new Date(),
}: AutosaveOptions): Autosave {
  const stored = new Map<string, string>();
  const waiting = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Every save is chained on the one before; write() never rejects, so the
  // chain never breaks.
  let queue: Promise<void> = Promise.resolve();

  function stopTimer() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  async function write(key: string, value: string) {
    // Checked here, not when queued: an earlier save in the queue may have
    // stored this very value.
    if (stored.get(key) === value) return;
    onState({ kind: "saving" });
    try {
      await save(key, value);
      stored.set(key, value);
      onState({ kind: "saved", at: now() });
    } catch (error) {
      // Keep the text waiting, unless typed over since, so that the next
      // flush (blur, moving on, the window hiding) tries again.
      if (!waiting.has(key)) waiting.set(key, value);
      onState({ kind: "failed", error });
    }
  }

  function flush(): Promise<void> {
    stopTimer();
    const batch = [...waiting];
    waiting.clear();
    for (const [key, value] of batch) queue = queue.then(() => write(key, value));
    return queue;
  }

  return {
    track(key, value) {
      stored.set(key, value);
    },
    change(key, value) {
      waiting.set(key, value);
      stopTimer();
      timer = setTimeout(() => void flush(), delay);
    },
    flush,
    inTurn(task) {
      const result = flush().then(task);
      queue = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    unsaved(key) {
      return waiting.get(key);
    },
    dispose: stopTimer,
  };
}

/** "Saving…", "Saved at 14:05" (on the laptop's clock), or why it was not saved. */
export function describeSaveState(state: SaveState, why: (error: unknown) => string): string {
  switch (state.kind) {
    case "idle":
      return "";
    case "saving":
      return "Saving…";
    case "saved": {
      const hh = String(state.at.getHours()).padStart(2, "0");
      const mm = String(state.at.getMinutes()).padStart(2, "0");
      return `Saved at ${hh}:${mm}`;
    }
    case "failed":
      return `Not saved: ${why(state.error)}`;
  }
}
