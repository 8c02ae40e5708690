// Work that can wait until the window has painted what is in the page now:
// on a two-core machine with software rendering, the core working out an
// answer beside WebKit's layout and paint slows the paint down.

/** Runs `then` once the next frame has been painted (two animation frames from now). */
export function afterPaint(then: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(() => then()));
}
