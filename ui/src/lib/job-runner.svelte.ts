// A long job (an import, an export) as a screen runs it: named for the core,
// its progress kept for the JobProgress bar, cancelled on request. One
// runner per screen section; the job is forgotten when it ends, whatever way.
import type { JobProgress } from "../bindings/JobProgress";
import * as api from "./api";

export type RunningJob = { id: string; label: string; progress: JobProgress | null; cancelling: boolean };

export class JobRunner {
  job = $state<RunningJob | null>(null);

  /** `onError` hears a Cancel the core could not take (the job's own error comes from `run`). */
  constructor(private readonly onError: (e: unknown) => void) {}

  /** Runs `step` as a named job, keeping its progress; rethrows its error. */
  async run<T>(label: string, step: (id: string, tell: (p: JobProgress) => void) => Promise<T>): Promise<T> {
    const id = api.newJobId();
    this.job = { id, label, progress: null, cancelling: false };
    try {
      return await step(id, (p) => {
        if (this.job?.id === id) this.job.progress = p;
      });
    } finally {
      if (this.job?.id === id) this.job = null;
    }
  }

  /** Asks the core to stop the job; it answers the job's call with `cancelled`. */
  async cancel(): Promise<void> {
    const job = this.job;
    if (!job) return;
    job.cancelling = true;
    try {
      await api.cancelJob(job.id);
    } catch (e) {
      this.onError(e);
    }
  }
}
