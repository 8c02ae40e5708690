// Long tables a page at a time (issue 7): the window lays out a few dozen rows
// quickly but thousands slowly, so the case list and the thematic tracker show
// one page and a GOV.UK pagination (components/Pagination.svelte). The
// arithmetic and words they share, kept free of the DOM so they can be tested
// on their own.

/** How many pages `total` items make at `size` a page; one at least (an empty table is one page). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Page `page` (from 0) of `items`, `size` a page; a page past the end shows the last one. */
export function pageOf<T>(items: readonly T[], page: number, size: number): T[] {
  const last = pageCount(items.length, size) - 1;
  const start = Math.min(Math.max(0, page), last) * size;
  return items.slice(start, start + size);
}

/** "Cases 51 to 100 of 3,000": which of `total` things a page shows (`offset` from 0), thousands separated. */
export function rangeWords(things: string, offset: number, shown: number, total: number): string {
  const n = (x: number) => x.toLocaleString("en-GB");
  return `${things} ${n(offset + 1)} to ${n(offset + shown)} of ${n(total)}`;
}
