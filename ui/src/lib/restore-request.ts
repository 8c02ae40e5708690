// Asking for the restore screen from anywhere an error is shown: the screens
// do not hold the app's state, so they ask, and App.svelte (which does)
// listens and shows the restore screen.

type Listener = () => void;
let listener: Listener | null = null;

/** App.svelte: show the restore screen when asked. Returns the way to stop listening. */
export function onRestoreRequested(show: Listener): () => void {
  listener = show;
  return () => {
    if (listener === show) listener = null;
  };
}

/** Asks for the restore screen; nothing happens when nobody listens (a test). */
export function requestRestore(): void {
  listener?.();
}
