// Unsaved form input kept across a lock. Open forms (and the app, for which
// screen is showing) register a draft provider; before locking, the app
// collects what each holds and hands it to the core, which keeps it inside
// the encrypted register. After the next unlock the core hands the drafts
// back once, and each is put back into its form as that form appears.
//
// Drafts live only in this module's memory and in the register: never in
// localStorage, sessionStorage or any other browser store.
import { tick } from "svelte";
import type { Draft } from "../bindings/Draft";

interface Provider {
  collect: () => unknown;
  restore: (value: unknown) => void | Promise<void>;
}

const providers = new Map<string, Provider>();
const pending = new Map<string, unknown>();

/** Registers what `key`'s form holds (`collect`, null when nothing worth
 * keeping) and how to put it back (`restore`). A draft waiting for `key` is
 * put back at once. Returns the way to unregister. */
export function registerDraft<T>(
  key: string,
  collect: () => T | null,
  restore: (value: T) => void | Promise<void>,
): () => void {
  const provider: Provider = { collect, restore: (value) => restore(value as T) };
  providers.set(key, provider);
  deliver(key);
  return () => {
    if (providers.get(key) === provider) providers.delete(key);
  };
}

function deliver(key: string) {
  const provider = providers.get(key);
  if (!provider || !pending.has(key)) return;
  const value = pending.get(key);
  pending.delete(key);
  void provider.restore(value);
}

/** What every registered form holds now, ready for the core's `lock_keeping`. */
export function collectDrafts(): Draft[] {
  const drafts: Draft[] = [];
  for (const [key, provider] of providers) {
    const value = provider.collect();
    if (value !== null && value !== undefined) drafts.push({ key, content: JSON.stringify(value) });
  }
  return drafts;
}

/** Takes the drafts the core handed back after an unlock: each goes to its
 * form now if it is showing, else when it appears. Unreadable ones are dropped. */
export function restoreDrafts(drafts: Draft[]): void {
  pending.clear();
  for (const draft of drafts) {
    try {
      pending.set(draft.key, JSON.parse(draft.content));
    } catch {
      // A draft the UI cannot read is of no use to the person either.
    }
  }
  for (const key of [...pending.keys()]) deliver(key);
}

/** Drafts handed back but whose form has not appeared (for tests and for
 * dropping them when the person goes elsewhere). */
export function pendingDraftKeys(): string[] {
  return [...pending.keys()];
}

/** A form's fields: each name's values (several for checkboxes). */
export type FormFields = Record<string, string[]>;

/** The fields a person can type or choose in `form`; null when all are empty.
 * Passphrase fields are never kept. */
export function snapshotForm(form: HTMLFormElement): FormFields | null {
  const fields: FormFields = {};
  let typed = false;
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
    if (!element.name || element.disabled) continue;
    if (element instanceof HTMLInputElement) {
      if (["password", "hidden", "file", "submit", "button"].includes(element.type)) continue;
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) continue;
    }
    (fields[element.name] ??= []).push(element.value);
    if (element.value.trim() !== "" && !(element instanceof HTMLSelectElement)) typed = true;
  }
  return typed ? fields : null;
}

function apply(form: HTMLFormElement, fields: FormFields) {
  const seen = new Map<string, number>();
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
    const values = fields[element.name];
    if (!values) continue;
    if (element instanceof HTMLInputElement && (element.type === "checkbox" || element.type === "radio")) {
      const checked = values.includes(element.value);
      if (element.checked !== checked) {
        element.checked = checked;
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }
      continue;
    }
    if (element instanceof HTMLInputElement && element.type === "password") continue;
    // The nth field of a name gets the nth value kept for it.
    const index = seen.get(element.name) ?? 0;
    seen.set(element.name, index + 1);
    const value = values[index];
    if (value === undefined || element.value === value) continue;
    element.value = value;
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

/** Puts `fields` back into `form`. Twice, a tick apart: choosing a step can
 * bring up the fields that belong to it, which then get their values too. */
export async function restoreForm(form: HTMLFormElement, fields: FormFields): Promise<void> {
  apply(form, fields);
  await tick();
  apply(form, fields);
}

/** A Svelte action keeping a form's input across a lock under `key`:
 * `<form use:keepDraft={"case-form:new"}>`. */
export function keepDraft(form: HTMLFormElement, key: string) {
  let forget = registerDraft(key, () => snapshotForm(form), (fields: FormFields) => restoreForm(form, fields));
  return {
    update(next: string) {
      forget();
      forget = registerDraft(next, () => snapshotForm(form), (fields: FormFields) => restoreForm(form, fields));
    },
    destroy() {
      forget();
    },
  };
}
