import { afterEach, describe, expect, it, vi } from "vitest";
import { collectDrafts, keepDraft, pendingDraftKeys, registerDraft, restoreDrafts, restoreForm, snapshotForm } from "./drafts";

function form(html: string): HTMLFormElement {
  const f = document.createElement("form");
  f.innerHTML = html;
  document.body.appendChild(f);
  return f;
}

afterEach(() => {
  document.body.innerHTML = "";
  restoreDrafts([]);
});

describe("the draft registry", () => {
  it("collects what each registered form holds, skipping empty ones", () => {
    const forgetA = registerDraft("a", () => ({ note: ["typed"] }), vi.fn());
    const forgetB = registerDraft("b", () => null, vi.fn());
    expect(collectDrafts()).toEqual([{ key: "a", content: '{"note":["typed"]}' }]);
    forgetA();
    forgetB();
    expect(collectDrafts()).toEqual([]);
  });

  it("puts a draft back into a form already showing, or when it appears, once", () => {
    const showing = vi.fn();
    const forget = registerDraft("showing", () => null, showing);
    restoreDrafts([
      { key: "showing", content: '{"n":1}' },
      { key: "later", content: '{"n":2}' },
      { key: "broken", content: "{not json" },
    ]);
    expect(showing).toHaveBeenCalledWith({ n: 1 });
    expect(pendingDraftKeys()).toEqual(["later"]);
    const later = vi.fn();
    const forgetLater = registerDraft("later", () => null, later);
    expect(later).toHaveBeenCalledWith({ n: 2 });
    forgetLater();
    const again = vi.fn();
    registerDraft("later", () => null, again)();
    expect(again).not.toHaveBeenCalled();
    forget();
  });

  it("never writes a draft to the browser's storage", () => {
    const setLocal = vi.spyOn(Storage.prototype, "setItem");
    const f = form('<textarea name="note"></textarea>');
    const action = keepDraft(f, "note-form");
    (f.elements.namedItem("note") as HTMLTextAreaElement).value = "Child Q was seen by the school nurse";
    const drafts = collectDrafts();
    expect(drafts).toHaveLength(1);
    restoreDrafts(drafts);
    expect(setLocal).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    action.destroy();
  });
});

describe("form snapshots", () => {
  const html = `
    <input name="code" value="">
    <input type="password" name="passphrase" value="">
    <input type="radio" name="step" value="screen"><input type="radio" name="step" value="decide">
    <input type="checkbox" name="outcome" value="a"><input type="checkbox" name="outcome" value="b">
    <input name="date-day"><textarea name="note"></textarea>
    <select name="rag"><option value="">None</option><option value="red">Red</option></select>`;

  it("keeps what was typed and chosen, never a passphrase, and nothing when nothing was typed", () => {
    const f = form(html);
    expect(snapshotForm(f)).toBeNull();
    (f.elements.namedItem("passphrase") as HTMLInputElement).value = "amber kettle ferry lantern";
    expect(snapshotForm(f)).toBeNull();
    (f.elements.namedItem("code") as HTMLInputElement).value = "Case AK";
    (f.querySelector('[value="decide"]') as HTMLInputElement).checked = true;
    (f.querySelector('[value="a"]') as HTMLInputElement).checked = true;
    (f.querySelector('[value="b"]') as HTMLInputElement).checked = true;
    (f.elements.namedItem("note") as HTMLTextAreaElement).value = "Panel agreed";
    (f.elements.namedItem("rag") as HTMLSelectElement).value = "red";
    const fields = snapshotForm(f);
    expect(fields).toEqual({
      code: ["Case AK"],
      step: ["decide"],
      outcome: ["a", "b"],
      "date-day": [""],
      note: ["Panel agreed"],
      rag: ["red"],
    });
    expect(JSON.stringify(fields)).not.toContain("amber");
  });

  it("puts the snapshot back into a fresh form, telling the page each field changed", async () => {
    const fields = { code: ["Case AK"], step: ["decide"], outcome: ["b"], note: ["Panel agreed"], rag: ["red"] };
    const f = form(html);
    const changed = vi.fn();
    f.addEventListener("change", changed);
    await restoreForm(f, fields);
    expect((f.elements.namedItem("code") as HTMLInputElement).value).toBe("Case AK");
    expect((f.querySelector('[value="decide"]') as HTMLInputElement).checked).toBe(true);
    expect((f.querySelector('[value="a"]') as HTMLInputElement).checked).toBe(false);
    expect((f.querySelector('[value="b"]') as HTMLInputElement).checked).toBe(true);
    expect((f.elements.namedItem("note") as HTMLTextAreaElement).value).toBe("Panel agreed");
    expect((f.elements.namedItem("rag") as HTMLSelectElement).value).toBe("red");
    expect(changed).toHaveBeenCalled();
    expect(snapshotForm(f)).toMatchObject(fields);
  });
});
