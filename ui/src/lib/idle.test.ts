import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isLockShortcut, watchIdle, watchLockShortcut } from "./idle";

describe("locking after a time without activity", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("locks once, when the minutes run out with nobody there", () => {
    const onIdle = vi.fn();
    const stop = watchIdle(window, 10, onIdle);
    vi.advanceTimersByTime(10 * 60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it.each(["keydown", "pointerdown", "pointermove", "wheel"])("%s counts as activity", (name) => {
    const onIdle = vi.fn();
    const stop = watchIdle(window, 10, onIdle);
    vi.advanceTimersByTime(9 * 60_000);
    window.dispatchEvent(new Event(name));
    vi.advanceTimersByTime(9 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it("activity inside the page (a key in a text box) counts too", () => {
    const onIdle = vi.fn();
    const box = document.body.appendChild(document.createElement("textarea"));
    const stop = watchIdle(window, 1, onIdle);
    vi.advanceTimersByTime(50_000);
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    vi.advanceTimersByTime(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    stop();
    box.remove();
  });

  it("stopping the watch (locked by hand, settings changed) cancels it", () => {
    const onIdle = vi.fn();
    watchIdle(window, 1, onIdle)();
    vi.advanceTimersByTime(10 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});

describe("the lock shortcut", () => {
  const key = (init: KeyboardEventInit) => new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });

  it("is Ctrl+L, or Cmd+L on a Mac, and nothing like it", () => {
    expect(isLockShortcut(key({ key: "l", ctrlKey: true }))).toBe(true);
    expect(isLockShortcut(key({ key: "L", ctrlKey: true }))).toBe(true);
    expect(isLockShortcut(key({ key: "l", metaKey: true }))).toBe(true);
    expect(isLockShortcut(key({ key: "l" }))).toBe(false);
    expect(isLockShortcut(key({ key: "l", ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isLockShortcut(key({ key: "l", ctrlKey: true, altKey: true }))).toBe(false);
    expect(isLockShortcut(key({ key: "k", ctrlKey: true }))).toBe(false);
  });

  it("locks from inside a text field and stops the browser's own use of the keys", () => {
    const onLock = vi.fn();
    const stop = watchLockShortcut(window, onLock);
    const box = document.body.appendChild(document.createElement("input"));
    const press = key({ key: "l", ctrlKey: true });
    box.dispatchEvent(press);
    expect(onLock).toHaveBeenCalledTimes(1);
    expect(press.defaultPrevented).toBe(true);
    box.dispatchEvent(key({ key: "l" }));
    expect(onLock).toHaveBeenCalledTimes(1);
    stop();
    box.dispatchEvent(key({ key: "l", ctrlKey: true }));
    expect(onLock).toHaveBeenCalledTimes(1);
    box.remove();
  });
});
