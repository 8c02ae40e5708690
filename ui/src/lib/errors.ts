// Turns an ErrorBody into what a GOV.UK form shows: one message per field and
// the error summary's list of links.
import type { ErrorBody } from "../bindings/ErrorBody";
import type { ErrorCode } from "../bindings/ErrorCode";

export type FieldMessages = Partial<Record<string, string>>;

export interface SummaryItem {
  href: string;
  text: string;
}

/** The first message for each field, keyed by field name. */
export function fieldMessages(error: ErrorBody | null): FieldMessages {
  const messages: FieldMessages = {};
  for (const { field, message } of error?.fields ?? []) {
    messages[field] ??= message;
  }
  return messages;
}

/**
 * The error summary's links, in the order the core gave them. `anchors` maps a
 * field to the id of the input to focus (e.g. referred_on → referred_on-day).
 */
export function summaryItems(
  error: ErrorBody | null,
  anchors: Partial<Record<string, string>> = {},
): SummaryItem[] {
  const messages = fieldMessages(error);
  return Object.entries(messages).map(([field, text]) => ({
    href: `#${anchors[field] ?? field}`,
    text: text ?? "",
  }));
}

/**
 * Faults where the register file itself is gone, damaged or not a register:
 * restoring it from a backup (into a new file) can help, so the screen that
 * shows the error offers the restore screen. A full disk, a read-only place or
 * a register open elsewhere are not among them: the register is fine and the
 * message says what to do instead.
 */
const RESTORE_HELPS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "register_damaged",
  "register_missing",
  "integrity_failed",
  "audit_broken",
  "not_a_register",
]);

/** Whether to offer the restore screen beside this error. */
export function restoreHelps(error: ErrorBody | null): boolean {
  return error !== null && RESTORE_HELPS.has(error.code);
}
