import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAutosave, describeSaveState, type SaveState } from "./autosave";

type Save = (key: string, value: string) => Promise<void>;

function setup(save = vi.fn<Save>(async () => {})) {
  const states: SaveState[] = [];
  const saver = createAutosave({
    save,
    onState: (s) => states.push(s),
    now: () => new Date(2025, 5, 4, 14, 5),
  });
  return { save, states, saver };
}

describe("createAutosave", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits for a 500 ms pause in typing, then saves only the latest text", async () => {
    const { save, saver } = setup();
    saver.change("DEMO-01", "M");
    await vi.advanceTimersByTimeAsync(300);
    saver.change("DEMO-01", "Met");
    await vi.advanceTimersByTimeAsync(499);
    expect(save, "each keystroke restarts the pause").not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith("DEMO-01", "Met");
  });

  it("saves at once on flush, without waiting for the pause", async () => {
    const { save, saver } = setup();
    saver.change("DEMO-01", "Met in May");
    await saver.flush();
    expect(save).toHaveBeenCalledWith("DEMO-01", "Met in May");
    await vi.advanceTimersByTimeAsync(1000);
    expect(save, "the flushed text is not saved a second time").toHaveBeenCalledTimes(1);
  });

  it("does not save text that is what is already stored", async () => {
    const { save, saver } = setup();
    saver.track("DEMO-01", "Met in May");
    saver.change("DEMO-01", "Met in May!");
    saver.change("DEMO-01", "Met in May");
    await vi.advanceTimersByTimeAsync(600);
    await saver.flush();
    expect(save, "typing back to the stored text is no change").not.toHaveBeenCalled();
  });

  it("does not save the same text twice", async () => {
    const { save, saver } = setup();
    saver.change("DEMO-01", "Met");
    await saver.flush();
    saver.change("DEMO-01", "Met");
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("saves what was typed for one action after moving to another", async () => {
    const { save, saver } = setup();
    saver.change("DEMO-01", "First");
    saver.change("DEMO-02", "Second");
    await saver.flush();
    expect(save.mock.calls).toEqual([
      ["DEMO-01", "First"],
      ["DEMO-02", "Second"],
    ]);
  });

  it("reports Saving… then the time it was saved", async () => {
    const { saver, states } = setup();
    saver.change("DEMO-01", "Met");
    await saver.flush();
    expect(states).toEqual([{ kind: "saving" }, { kind: "saved", at: new Date(2025, 5, 4, 14, 5) }]);
    expect(describeSaveState(states[1]!, String)).toBe("Saved at 14:05");
  });

  it("reports a failed save and keeps the text to try again on the next flush", async () => {
    const refusal = { code: "locked", message: "The register is locked.", fields: [] };
    const save = vi.fn<Save>(async () => {}).mockRejectedValueOnce(refusal);
    const { saver, states } = setup(save);
    saver.change("DEMO-01", "Met");
    await saver.flush();
    expect(states.at(-1)).toEqual({ kind: "failed", error: refusal });
    expect(saver.unsaved("DEMO-01"), "the text is not lost").toBe("Met");
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(states.at(-1)?.kind).toBe("saved");
    expect(saver.unsaved("DEMO-01")).toBeUndefined();
  });

  it("never lets a slow older save land after a newer one", async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const save = vi.fn<Save>(async (key, value) => {
      expect(key).toBe("DEMO-01");
      if (value === "old") await new Promise<void>((r) => (release = r));
      order.push(value);
    });
    const { saver } = setup(save);
    saver.change("DEMO-01", "old");
    const first = saver.flush();
    saver.change("DEMO-01", "new");
    const second = saver.flush();
    await Promise.resolve();
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["old", "new"]);
  });

  it("runs a whole-record save after the waiting text, in turn", async () => {
    const order: string[] = [];
    const { saver } = setup(vi.fn<Save>(async (key, v) => void order.push(`${key} ${v}`)));
    saver.change("DEMO-01", "Met");
    const result = await saver.inTurn(async () => {
      order.push("update");
      return 42;
    });
    expect(result).toBe(42);
    expect(order).toEqual(["DEMO-01 Met", "update"]);
  });

  it("keeps saving after a whole-record save fails", async () => {
    const { save, saver } = setup();
    await expect(saver.inTurn(() => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    saver.change("DEMO-01", "Met");
    await saver.flush();
    expect(save).toHaveBeenCalledWith("DEMO-01", "Met");
  });
});

describe("describeSaveState", () => {
  it("says nothing before any change, and why a save failed", () => {
    expect(describeSaveState({ kind: "idle" }, String)).toBe("");
    expect(describeSaveState({ kind: "saving" }, String)).toBe("Saving…");
    expect(describeSaveState({ kind: "failed", error: "no" }, (e) => `because ${String(e)}`)).toBe(
      "Not saved: because no",
    );
  });
});
