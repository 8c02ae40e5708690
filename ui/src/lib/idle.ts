// What makes the app lock itself: a stretch of time with no keyboard,
// pointer or wheel activity in the window, and the lock shortcut (Ctrl+L,
// or Cmd+L on a Mac). The idle time comes from the register's settings.
//
// Activity only records a time stamp (pointer moves come many a second);
// one timer checks that time stamp when it could first have run out.

/** The events that count as someone at the keyboard or mouse. */
export const ACTIVITY_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

/** Watches `target` and calls `onIdle` once after `minutes` with no activity.
 * Returns the way to stop watching. */
export function watchIdle(target: EventTarget, minutes: number, onIdle: () => void): () => void {
  const limit = minutes * 60_000;
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const active = () => {
    last = Date.now();
  };
  const check = () => {
    if (stopped) return;
    const left = last + limit - Date.now();
    if (left <= 0) {
      stop();
      onIdle();
    } else {
      timer = setTimeout(check, left);
    }
  };
  function stop() {
    stopped = true;
    clearTimeout(timer);
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, active);
  }

  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, active, { passive: true, capture: true });
  timer = setTimeout(check, limit);
  return stop;
}

/** The shortcut as `aria-keyshortcuts` writes it, and as the UI shows it. */
export const LOCK_SHORTCUT = { aria: "Control+L", label: "Ctrl+L" } as const;

/** Whether a key press is the lock shortcut (Ctrl+L, or Cmd+L on a Mac). */
export function isLockShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    !event.shiftKey &&
    event.key.toLowerCase() === "l"
  );
}

/** Calls `onLock` when the lock shortcut is pressed anywhere in `target`,
 * even in a text field. Returns the way to stop listening. */
export function watchLockShortcut(target: EventTarget, onLock: () => void): () => void {
  const pressed = (event: Event) => {
    if (event instanceof KeyboardEvent && isLockShortcut(event)) {
      event.preventDefault();
      onLock();
    }
  };
  target.addEventListener("keydown", pressed, { capture: true });
  return () => target.removeEventListener("keydown", pressed, { capture: true });
}
