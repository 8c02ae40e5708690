// The thematic tracker a page of reviews at a time: the window shows 20
// reviews and reports (newest first) against every theme, since all 2,000
// of a ten-year register made a table of 28,000 cells that took seconds to
// lay out. Kept free of the DOM so it can be tested on its own.
import type { ThematicQuery } from "../bindings/ThematicQuery";
import { pageCount, rangeWords } from "./pages";

/** How many reviews and reports one page of the thematic tracker shows. */
export const THEMATIC_PAGE = 20;

/** The core's query for page `page` (from 0). */
export function thematicQuery(page: number): ThematicQuery {
  return { offset: Math.max(0, page) * THEMATIC_PAGE, limit: THEMATIC_PAGE };
}

/** "Reviews and reports 21 to 40 of 2,026, newest first"; "The only review or report" for one. */
export function columnsShown(offset: number, shown: number, total: number): string {
  if (total === 1) return "The only review or report";
  if (shown === total) return `All ${total.toLocaleString("en-GB")} reviews and reports, newest first`;
  return `${rangeWords("Reviews and reports", offset, shown, total)}, newest first`;
}

/** How many pages `total` reviews make. */
export function thematicPages(total: number): number {
  return pageCount(total, THEMATIC_PAGE);
}
