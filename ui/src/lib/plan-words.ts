// Sentences the action plan screens build from records: the thematic
// tracker's counts, a possible duplicate, a sign-off. Kept here so the wording
// is the same wherever it appears and can be tested.
import type { SimilarAction } from "../bindings/SimilarAction";
import type { TrackerCell } from "../bindings/TrackerCell";
import { formatDate } from "./dates";

/** "1 rec", "3 recs" or "2,500 actions". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** A thematic tracker cell as "2 recs, 1 open"; "None" when the theme did not come up. */
export function cellWords(cell: TrackerCell): string {
  if (cell.recommendations === 0 && cell.open_actions === 0) return "None";
  return `${count(cell.recommendations, "rec")}, ${cell.open_actions} open`;
}

/** "This looks like DEMO-01 from Child W, Case AN — similar wording". */
export function similarWords(match: SimilarAction): string {
  const from = match.sources.length > 0 ? ` from ${match.sources.join(", ")}` : "";
  return `This looks like ${match.reference}${from} — ${match.why}`;
}

/** "Subgroup chair on 4 June 2025", or what is missing. */
export function signOffWords(by: string, on: string | null): string {
  if (!by && !on) return "Not signed off";
  if (!on) return `${by} (no date recorded)`;
  return `${by || "Someone not recorded"} on ${formatDate(on)}`;
}

/** Agencies typed one a line or separated by commas, without blanks. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((part) => part.trim())
    .filter(Boolean);
}
