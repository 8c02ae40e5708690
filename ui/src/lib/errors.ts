// Turns an ErrorBody into what a GOV.UK form shows: one message per field and
// the error summary's list of links.
import type { ErrorBody } from "../bindings/ErrorBody";

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
