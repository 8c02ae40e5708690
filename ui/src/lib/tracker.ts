// The whole-partnership action tracker's table logic, kept free of the DOM so
// it can be tested on its own: the query the core answers for a window of
// rows, which rows a scrolled window must render so thousands of actions stay
// smooth, and the meaning of each filter and sort (the core applies them to
// the register; the same rules here filter and sort lists already loaded,
// and stand in for the core in tests).
import type { ActionRecord } from "../bindings/ActionRecord";
import type { TrackerQuery } from "../bindings/TrackerQuery";
import type { ActionStatus } from "../bindings/ActionStatus";
import type { Rag } from "../bindings/Rag";
import { CLOSED_STATUSES, RAG_ORDER, STATUS_LABELS } from "./plans";

/** What the filter controls hold; "" means "any". */
export interface TrackerFilter {
  /** A review or source code that one of the action's answers comes from. */
  source: string;
  agency: string;
  /** A RAG rating, "none" for actions not yet rated, or "". */
  rag: Rag | "none" | "";
  theme: string;
  /** A status, "open" or "closed" for the two groups, or "". */
  status: ActionStatus | "open" | "closed" | "";
  overdueOnly: boolean;
  /** Open and due within the next 28 days (the dashboard's reminder). */
  dueSoon: boolean;
  /** Open with no update yet in this quarter's review (the dashboard's reminder; the core knows the updates). */
  noUpdate: boolean;
}

export const NO_FILTER: TrackerFilter = {
  source: "",
  agency: "",
  rag: "",
  theme: "",
  status: "",
  overdueOnly: false,
  dueSoon: false,
  noUpdate: false,
};

/** How far ahead "due soon" looks, in days (the core's ACTIONS_DUE_SOON_DAYS). */
export const DUE_SOON_DAYS = 28;

export type SortKey = "reference" | "text" | "answers" | "agency" | "target" | "status" | "rag";
export type SortDirection = "ascending" | "descending";

export interface TrackerSort {
  key: SortKey;
  direction: SortDirection;
}

/** "Child W R1, Case AN R2": the recommendations an action answers, as the tracker shows them. */
export function answersText(action: Pick<ActionRecord, "answers">): string {
  return action.answers.map((a) => `${a.source_code} ${a.reference}`).join(", ");
}

/** A local calendar date as "YYYY-MM-DD", so it compares with the core's ISO dates. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The core's meaning of overdue (its `list_actions` filter): open and past the
 * target date. ISO dates order as strings, so no date arithmetic is needed.
 */
export function isOverdue(action: Pick<ActionRecord, "status" | "target_date">, today: string): boolean {
  return !CLOSED_STATUSES.has(action.status) && action.target_date < today;
}

/** The core's meaning of due soon: open, and due from today to 28 days ahead. */
export function isDueSoon(action: Pick<ActionRecord, "status" | "target_date">, today: string): boolean {
  const [y, m, d] = today.split("-").map(Number);
  const horizon = isoDay(new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + DUE_SOON_DAYS));
  return !CLOSED_STATUSES.has(action.status) && action.target_date >= today && action.target_date <= horizon;
}

// "No update this quarter" needs the quarter's updates, which an action
// record does not carry: only the core applies it.
function keeps(action: ActionRecord, filter: TrackerFilter, today: string): boolean {
  const { source, agency, rag, theme, status, overdueOnly, dueSoon } = filter;
  if (source && !action.answers.some((a) => a.source_code === source)) return false;
  if (agency && action.lead_agency !== agency) return false;
  if (rag === "none" && action.rag !== null) return false;
  if (rag && rag !== "none" && action.rag !== rag) return false;
  if (theme && !action.themes.includes(theme)) return false;
  const closed = CLOSED_STATUSES.has(action.status);
  if (status === "open" && closed) return false;
  if (status === "closed" && !closed) return false;
  if (status && status !== "open" && status !== "closed" && action.status !== status) return false;
  if (overdueOnly && !isOverdue(action, today)) return false;
  if (dueSoon && !isDueSoon(action, today)) return false;
  return true;
}

/** The actions every chosen filter keeps, in the order given. */
export function filterActions(
  actions: readonly ActionRecord[],
  filter: TrackerFilter,
  today: string,
): ActionRecord[] {
  return actions.filter((a) => keeps(a, filter, today));
}

/** How many filters are set, for the "Clear filters" control. */
export function activeFilters(filter: TrackerFilter): number {
  return Object.values(filter).filter(Boolean).length;
}

// The order statuses sort in: the way an action moves, closed last.
const STATUS_ORDER = Object.fromEntries(
  Object.keys(STATUS_LABELS).map((status, i) => [status, i]),
) as Record<ActionStatus, number>;

// Numeric-aware, so "DEMO-2" sorts before "DEMO-10" and "24/25-3" before "24/25-12".
const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

function compare(a: ActionRecord, b: ActionRecord, key: SortKey): number {
  switch (key) {
    case "reference":
      return collator.compare(a.reference, b.reference);
    case "text":
      return collator.compare(a.text, b.text);
    case "answers":
      return collator.compare(answersText(a), answersText(b));
    case "agency":
      return collator.compare(a.lead_agency, b.lead_agency);
    case "target":
      return a.target_date < b.target_date ? -1 : a.target_date > b.target_date ? 1 : 0;
    case "status":
      return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    case "rag":
      // Not yet rated sorts after Blue: there is nothing to act on.
      return (a.rag ? RAG_ORDER[a.rag] : 4) - (b.rag ? RAG_ORDER[b.rag] : 4);
  }
}

/**
 * A sorted copy. Ties keep reference order whichever way the column runs, so
 * the rows of one agency or one status always read in the same order.
 */
export function sortActions(actions: readonly ActionRecord[], sort: TrackerSort): ActionRecord[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  return [...actions].sort(
    (a, b) => sign * compare(a, b, sort.key) || collator.compare(a.reference, b.reference),
  );
}

/** The sort after a column's button is pressed: a new column ascends, the same one turns round. */
export function nextSort(current: TrackerSort, key: SortKey): TrackerSort {
  if (current.key !== key) return { key, direction: "ascending" };
  return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

/** The choices each filter offers, from the actions there are, in a stable order. */
export function filterChoices(actions: readonly ActionRecord[]): {
  sources: string[];
  agencies: string[];
  themes: string[];
} {
  const sources = new Set<string>();
  const agencies = new Set<string>();
  const themes = new Set<string>();
  for (const action of actions) {
    for (const answer of action.answers) sources.add(answer.source_code);
    agencies.add(action.lead_agency);
    for (const theme of action.themes) themes.add(theme);
  }
  const sorted = (set: Set<string>) => [...set].sort(collator.compare);
  return { sources: sorted(sources), agencies: sorted(agencies), themes: sorted(themes) };
}

/** The slice of rows to render and the height the spacer rows stand in for. */
export interface RowWindow {
  /** Index of the first row rendered. */
  start: number;
  /** Index after the last row rendered. */
  end: number;
  /** Pixels above the first rendered row. */
  before: number;
  /** Pixels below the last rendered row. */
  after: number;
}

/**
 * The rows that are in view, plus `overscan` rows either side so that a
 * keyboard user tabbing down the table always has the next row to go to.
 * Every row is `rowHeight` pixels high; `scrollTop` is measured from the top
 * of the first body row.
 */
export function rowWindow(
  total: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  overscan = 10,
): RowWindow {
  const top = Math.max(0, scrollTop);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.min(total, Math.max(0, first - overscan));
  const end = Math.max(start, Math.min(total, last + overscan));
  return { start, end, before: start * rowHeight, after: (total - end) * rowHeight };
}

/** How many rows the tracker asks the core for at a time. */
export const PAGE_SIZE = 100;

/** The core's query for the rows from `offset`, under the screen's filters and sort. */
export function trackerQuery(filter: TrackerFilter, sort: TrackerSort, offset: number): TrackerQuery {
  return {
    source: filter.source,
    agency: filter.agency,
    rag: filter.rag,
    theme: filter.theme,
    status: filter.status,
    overdue_only: filter.overdueOnly,
    due_soon: filter.dueSoon,
    no_update_this_quarter: filter.noUpdate,
    sort: sort.key,
    direction: sort.direction,
    offset,
    limit: PAGE_SIZE,
  };
}

/** The pages (by number) that hold rows `start` to `end` (exclusive). */
export function pagesFor(start: number, end: number): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor((end - 1) / PAGE_SIZE); page++) pages.push(page);
  return pages;
}
