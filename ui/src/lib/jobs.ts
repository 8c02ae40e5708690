// Words for a long job's progress (imports, exports), as the live region
// reads them out: what it is doing, how far it has got, and the percentage.
import type { JobProgress } from "../bindings/JobProgress";

const STAGES: Record<JobProgress["stage"], string> = {
  reading: "Reading",
  checking: "Checking rows",
  writing: "Writing rows",
  saving: "Saving the file",
};

/** 0 to 100, whole numbers. */
export function percent(p: JobProgress): number {
  if (p.total <= 0) return 100;
  return Math.min(100, Math.floor((p.done * 100) / p.total));
}

/** "Checking rows: 40 of 120 (33%)"; stages of one step read as words only. */
export function describeProgress(p: JobProgress): string {
  const stage = STAGES[p.stage];
  if (p.total <= 1) return stage;
  return `${stage}: ${p.done.toLocaleString("en-GB")} of ${p.total.toLocaleString("en-GB")} (${percent(p)}%)`;
}
