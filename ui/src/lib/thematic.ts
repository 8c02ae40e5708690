// The thematic tracker a page of reviews at a time: the window shows 20
// reviews and reports (newest first) against every theme, since all 2,000
// of a ten-year register made a table of 28,000 cells that took seconds to
// lay out. Kept free of the DOM so it can be tested on its own.
import type { ThematicQuery } from "../bindings/ThematicQuery";

/** How many reviews and reports one page of the thematic tracker shows. */
export const THEMATIC_PAGE = 20;

/** The core's query for page `page` (from 0). */
export function thematicQuery(page: number): ThematicQuery {
  return { offset: Math.max(0, page) * THEMATIC_PAGE, limit: THEMATIC_PAGE };
}

/** "Reviews and reports 21 to 40 of 2,026, newest first"; "The only review or report" for one. */
export function columnsShown(offset: number, shown: number, total: number): string {
  const n = (x: number) => x.toLocaleString("en-GB");
  if (total === 1) return "The only review or report";
  if (shown === total) return `All ${n(total)} reviews and reports, newest first`;
  return `Reviews and reports ${n(offset + 1)} to ${n(offset + shown)} of ${n(total)}, newest first`;
}

/** How many pages `total` reviews make. */
export function thematicPages(total: number): number {
  return Math.max(1, Math.ceil(total / THEMATIC_PAGE));
}
