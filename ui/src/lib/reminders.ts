// The dashboard's action reminders: which reminders there are, the tracker
// filter that lists each in full, and the words of its "Show all" control.
// The dashboard shows a few of each (a ten-year register has thousands) and
// the tracker, which pages its rows, shows the rest.
import type { Reminders } from "../bindings/Reminders";
import { count } from "./plan-words";
import type { TrackerFilter } from "./tracker";

/** How many actions each reminder names on the dashboard. */
export const REMINDERS_SHOWN = 10;

export interface ReminderKind {
  /** The group's element id. */
  id: string;
  /** Which of the core's groups. */
  key: "due_soon" | "overdue" | "no_update_this_quarter";
  /** The tracker's filter that keeps the same actions. */
  filter: Partial<TrackerFilter>;
  /** "overdue action": what one of them is called in the "Show all" words. */
  noun: string;
  plural: string;
}

export const REMINDER_KINDS: readonly ReminderKind[] = [
  { id: "reminders-due-soon", key: "due_soon", filter: { dueSoon: true }, noun: "action due soon", plural: "actions due soon" },
  { id: "reminders-overdue", key: "overdue", filter: { overdueOnly: true }, noun: "overdue action", plural: "overdue actions" },
  {
    id: "reminders-no-update",
    key: "no_update_this_quarter",
    filter: { noUpdate: true },
    noun: "action with no update this quarter",
    plural: "actions with no update this quarter",
  },
];

/** The group's heading: "Overdue (1,623)". */
export function reminderTitle(kind: ReminderKind, found: Pick<Reminders, "quarter">, total: number): string {
  const title = {
    due_soon: "Due in the next 28 days",
    overdue: "Overdue",
    no_update_this_quarter: `No update yet in ${found.quarter}`,
  }[kind.key];
  return `${title} (${total.toLocaleString("en-GB")})`;
}

/**
 * The words of the control opening the tracker on the group: "Show all 1,623
 * overdue actions" when the dashboard shows only some, "Show the 2 overdue
 * actions in the tracker" (or "the overdue action") when it shows them all.
 */
export function showAllWords(kind: ReminderKind, total: number, shown: number): string {
  if (total > shown) return `Show all ${count(total, kind.noun, kind.plural)}`;
  if (total === 1) return `Show the ${kind.noun} in the tracker`;
  return `Show the ${count(total, kind.noun, kind.plural)} in the tracker`;
}
