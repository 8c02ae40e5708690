import { describe, expect, it, vi } from "vitest";
import { afterPaint } from "./after-paint";

describe("afterPaint", () => {
  it("runs the work two animation frames later, not at once", () => {
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, "requestAnimationFrame").mockImplementation((cb) => frames.push(cb));
    const work = vi.fn();
    afterPaint(work);
    expect(work).not.toHaveBeenCalled();
    frames.shift()?.(0);
    expect(work).not.toHaveBeenCalled();
    frames.shift()?.(16);
    expect(work).toHaveBeenCalledTimes(1);
    raf.mockRestore();
  });
});
