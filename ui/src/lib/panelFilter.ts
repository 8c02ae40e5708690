// Narrowing panel mode to some of a quarter's actions: by the review (or other
// source) an action answers, its lead agency, its RAG this quarter or a theme.
// A quarter's update says only the agency and RAG, so the sources and themes
// come from the action records (listActions), joined on the action's id.
import type { ActionRecord } from "../bindings/ActionRecord";
import type { QuarterUpdate } from "../bindings/QuarterUpdate";
import type { Rag } from "../bindings/Rag";
import { RAG_LABELS, RAG_ORDER } from "./plans";

/** Each filter is "" for any; `rag` may also be "none" (no RAG yet). */
export interface PanelFilter {
  source: string;
  agency: string;
  rag: string;
  theme: string;
}

export const ANY: PanelFilter = { source: "", agency: "", rag: "", theme: "" };

export interface Option {
  value: string;
  label: string;
}

export interface FilterOptions {
  sources: Option[];
  agencies: Option[];
  rags: Option[];
  themes: Option[];
}

function sorted(values: Iterable<string>): Option[] {
  return [...new Set(values)]
    .sort((a, b) => a.localeCompare(b, "en-GB", { numeric: true }))
    .map((value) => ({ value, label: value }));
}

/**
 * The choices worth offering: only what some action on the quarter has.
 * `sourceTitles` maps a source's code to its title ("Review of Child W").
 */
export function filterOptions(
  updates: QuarterUpdate[],
  actions: ActionRecord[],
  sourceTitles: ReadonlyMap<string, string> = new Map(),
): FilterOptions {
  const onQuarter = new Set(updates.map((u) => u.action_id));
  const records = actions.filter((a) => onQuarter.has(a.id));
  const sources = sorted(records.flatMap((a) => a.answers.map((x) => x.source_code))).map(({ value }) => {
    const title = sourceTitles.get(value);
    return { value, label: !title || title.includes(value) ? (title ?? value) : `${value}: ${title}` };
  });
  const rags = [...new Set(updates.map((u) => u.rag))]
    .sort((a, b) => (a ? RAG_ORDER[a] : 9) - (b ? RAG_ORDER[b] : 9))
    .map((rag: Rag | null) => (rag ? { value: rag, label: RAG_LABELS[rag] } : { value: "none", label: "No RAG yet" }));
  return {
    sources,
    agencies: sorted(updates.map((u) => u.lead_agency)),
    rags,
    themes: sorted(records.flatMap((a) => a.themes)),
  };
}

/** Whether one update passes the filter; `action` is its record, if known. */
export function matches(update: QuarterUpdate, action: ActionRecord | undefined, filter: PanelFilter): boolean {
  if (filter.agency && update.lead_agency !== filter.agency) return false;
  if (filter.rag && (update.rag ?? "none") !== filter.rag) return false;
  if (filter.source && !action?.answers.some((a) => a.source_code === filter.source)) return false;
  if (filter.theme && !action?.themes.includes(filter.theme)) return false;
  return true;
}

/** The updates that pass the filter, in the quarter's order. */
export function applyFilter(updates: QuarterUpdate[], actions: ActionRecord[], filter: PanelFilter): QuarterUpdate[] {
  const byId = new Map(actions.map((a) => [a.id, a]));
  return updates.filter((u) => matches(u, byId.get(u.action_id), filter));
}
