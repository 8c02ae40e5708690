// One action's history as a single timeline: each quarter's review of it and
// each target revision or reopening, newest first. A quarter is placed when it
// was signed off, because that is when its record stopped changing; the quarter
// still open is the newest thing there is.
import type { ActionQuarter } from "../bindings/ActionQuarter";
import type { HistoryEntry } from "../bindings/HistoryEntry";

export type HistoryItem =
  | { kind: "quarter"; key: string; quarter: ActionQuarter; signedOffAt: string | null }
  | { kind: "event"; key: string; entry: HistoryEntry };

/**
 * Newest first. `signedOffAt` maps a closed quarter's code to when it was
 * signed off (the quarter review's `closed_at`); `quarters` come oldest first,
 * as the core lists them, which settles ties.
 */
export function actionHistory(
  quarters: readonly ActionQuarter[],
  signedOffAt: Partial<Record<string, string | null>>,
  history: readonly HistoryEntry[],
): HistoryItem[] {
  const items: { at: number; item: HistoryItem }[] = [
    ...quarters.map((quarter) => {
      const at = quarter.closed ? (signedOffAt[quarter.code] ?? null) : null;
      return {
        at: at === null ? Number.POSITIVE_INFINITY : Date.parse(at),
        item: { kind: "quarter", key: `q-${quarter.code}`, quarter, signedOffAt: at } as HistoryItem,
      };
    }),
    ...history.map((entry, i) => ({
      at: Date.parse(entry.occurred_at),
      item: { kind: "event", key: `e-${i}-${entry.occurred_at}`, entry } as HistoryItem,
    })),
  ];
  // Array.prototype.sort is stable: equal times keep the order above.
  return items.sort((a, b) => a.at - b.at).map(({ item }) => item).reverse();
}
