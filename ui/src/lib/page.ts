// Small DOM helpers every screen uses: the window title, and moving keyboard
// focus to a field when an error summary link is followed.
const SERVICE = "Case Review Manager";

/** Sets the window title, "Error: " first while the screen shows errors. */
export function setTitle(heading: string, hasError = false): void {
  document.title = `${hasError ? "Error: " : ""}${heading} - ${SERVICE}`;
}

/** Svelte action: focus this element once it is on screen. */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}

/**
 * Follows an error summary link without changing the location: focuses the
 * field and scrolls its label or legend into view, as GOV.UK Frontend does.
 */
export function focusField(id: string): void {
  const input = document.getElementById(id);
  if (!input) return;
  const legend = input.closest("fieldset")?.querySelector("legend");
  const label = Array.from(document.getElementsByTagName("label")).find((l) => l.htmlFor === id);
  (legend ?? label ?? input).scrollIntoView?.();
  input.focus({ preventScroll: true });
}

/** The value of a named form control as typed, or "" when there is none (an unchosen radio). */
export function formValue(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === "string" ? value : "";
}

/** Whether the checkbox `name` in `form` is ticked. */
export function formChecked(form: HTMLFormElement, name: string): boolean {
  return (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
}

/** Every value of a named control (checkboxes), as typed. */
export function formValues(form: HTMLFormElement, name: string): string[] {
  return new FormData(form).getAll(name).filter((v): v is string => typeof v === "string");
}

/** The three parts of a GOV.UK date input named `{id}-day` etc. */
export function formDate(form: HTMLFormElement, id: string): { day: string; month: string; year: string } {
  return {
    day: formValue(form, `${id}-day`),
    month: formValue(form, `${id}-month`),
    year: formValue(form, `${id}-year`),
  };
}
