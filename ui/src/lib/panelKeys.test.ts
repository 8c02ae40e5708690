import { describe, expect, it } from "vitest";
import { panelCommand, takesTyping, type KeyPress } from "./panelKeys";

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...more,
});

describe("panelCommand", () => {
  it("moves with n and p outside text boxes", () => {
    expect(panelCommand(press("n"), false)).toEqual({ kind: "next" });
    expect(panelCommand(press("p"), false)).toEqual({ kind: "previous" });
  });

  it("sets each RAG rating by its first letter", () => {
    expect(panelCommand(press("r"), false)).toEqual({ kind: "rag", rag: "red" });
    expect(panelCommand(press("a"), false)).toEqual({ kind: "rag", rag: "amber" });
    expect(panelCommand(press("g"), false)).toEqual({ kind: "rag", rag: "green" });
    expect(panelCommand(press("b"), false)).toEqual({ kind: "rag", rag: "blue" });
  });

  it("still works with Caps Lock on", () => {
    expect(panelCommand(press("N"), false)).toEqual({ kind: "next" });
    expect(panelCommand(press("G"), false)).toEqual({ kind: "rag", rag: "green" });
  });

  it("leaves letters typed into a note alone", () => {
    for (const key of ["n", "p", "r", "a", "g", "b"]) {
      expect(panelCommand(press(key), true), key).toBeNull();
    }
  });

  it("leaves shortcuts of the browser and the system alone", () => {
    expect(panelCommand(press("r", { ctrlKey: true }), false)).toBeNull();
    expect(panelCommand(press("n", { metaKey: true }), false)).toBeNull();
    expect(panelCommand(press("a", { altKey: true }), false)).toBeNull();
  });

  it("saves on Ctrl+Enter or Cmd+Enter, in a text box or not", () => {
    expect(panelCommand(press("Enter", { ctrlKey: true }), true)).toEqual({ kind: "save" });
    expect(panelCommand(press("Enter", { metaKey: true }), false)).toEqual({ kind: "save" });
    expect(panelCommand(press("Enter"), true), "plain Enter is a new line").toBeNull();
  });

  it("leaves a text box on Escape, so the letter keys work again", () => {
    expect(panelCommand(press("Escape"), true)).toEqual({ kind: "leave-field" });
    expect(panelCommand(press("Escape"), false)).toBeNull();
  });

  it("ignores keys while an accented letter is being composed", () => {
    expect(panelCommand(press("Enter", { ctrlKey: true, isComposing: true }), true)).toBeNull();
  });

  it("ignores other keys", () => {
    expect(panelCommand(press("x"), false)).toBeNull();
    expect(panelCommand(press("ArrowDown"), false)).toBeNull();
  });
});

describe("takesTyping", () => {
  it("counts text boxes and selects as typing, but not radios, checkboxes or buttons", () => {
    const make = (html: string) => {
      const box = document.createElement("div");
      box.innerHTML = html;
      return box.firstElementChild;
    };
    expect(takesTyping(make("<textarea></textarea>"))).toBe(true);
    expect(takesTyping(make('<input type="text">'))).toBe(true);
    expect(takesTyping(make("<select></select>"))).toBe(true);
    expect(takesTyping(make('<input type="radio">'))).toBe(false);
    expect(takesTyping(make('<input type="checkbox">'))).toBe(false);
    expect(takesTyping(make("<button></button>"))).toBe(false);
    expect(takesTyping(document.body)).toBe(false);
    expect(takesTyping(null)).toBe(false);
  });
});
