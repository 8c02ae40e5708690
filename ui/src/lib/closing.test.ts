import { afterEach, describe, expect, it, vi } from "vitest";
import { beforeClose, flushAll } from "./closing";

describe("flushes before the window closes", () => {
  afterEach(() => vi.useRealTimers());

  it("runs every registered flush, and none once unregistered", async () => {
    const first = vi.fn().mockResolvedValue(undefined);
    const second = vi.fn().mockResolvedValue(undefined);
    const forgetFirst = beforeClose(first);
    const forgetSecond = beforeClose(second);
    await flushAll();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    forgetFirst();
    forgetSecond();
    await flushAll();
    expect(first).toHaveBeenCalledTimes(1);
  });

  it("a failing flush does not stop the others", async () => {
    const failing = vi.fn().mockRejectedValue(new Error("disk full"));
    const fine = vi.fn().mockResolvedValue(undefined);
    const forget = [beforeClose(failing), beforeClose(fine)];
    await flushAll();
    expect(fine).toHaveBeenCalled();
    forget.forEach((f) => f());
  });

  it("a flush that never ends does not keep the window open", async () => {
    vi.useFakeTimers();
    const forget = beforeClose(() => new Promise<void>(() => {}));
    const done = vi.fn();
    const closing = flushAll(3000).then(done);
    await vi.advanceTimersByTimeAsync(2999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    expect(done).toHaveBeenCalled();
    forget();
  });
});
