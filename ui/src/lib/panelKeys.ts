// The keys of quarter review panel mode, as a pure function of the key pressed
// and where focus is, so the rules can be tested without a DOM. Single letters
// act only outside text boxes and lists, so typing a note never moves on.
import type { Rag } from "../bindings/Rag";

export type PanelCommand =
  | { kind: "next" }
  | { kind: "previous" }
  | { kind: "rag"; rag: Rag }
  | { kind: "save" }
  | { kind: "leave-field" };

/** The parts of a KeyboardEvent the rules look at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
}

const RAG_KEYS: Record<string, Rag> = { r: "red", a: "amber", g: "green", b: "blue" };

/** The keys and what they do, for the hint shown in panel mode. */
export const PANEL_KEYS: { keys: string[]; does: string }[] = [
  { keys: ["n"], does: "next action" },
  { keys: ["p"], does: "previous action" },
  { keys: ["r", "a", "g", "b"], does: "set the RAG rating to Red, Amber, Green or Blue and save it" },
];

/**
 * What a key press does in panel mode, or null to leave it to the browser.
 * `inTextField` says whether focus is somewhere that takes typing (see
 * `takesTyping`).
 */
export function panelCommand(press: KeyPress, inTextField: boolean): PanelCommand | null {
  // Mid-composition (an accented letter, an IME) the keys belong to the text.
  if (press.isComposing) return null;
  if (press.key === "Enter" && (press.ctrlKey || press.metaKey)) return { kind: "save" };
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (inTextField) return press.key === "Escape" ? { kind: "leave-field" } : null;
  // Caps Lock should not stop the keys working.
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (key === "n") return { kind: "next" };
  if (key === "p") return { kind: "previous" };
  const rag = RAG_KEYS[key];
  return rag ? { kind: "rag", rag } : null;
}

const NOT_TYPED = new Set(["checkbox", "radio", "button", "submit", "reset", "image", "file", "color", "range"]);

/**
 * Whether a key press on this element is typing: text boxes, and selects,
 * where a letter picks an option. Radios, checkboxes and buttons are not.
 */
export function takesTyping(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  return target instanceof HTMLElement && target.isContentEditable === true;
}
