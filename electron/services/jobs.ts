/**
 * Background jobs (a month's batch export) and their progress, kept in memory for the life of
 * the process: the caller starts one, gets its id, and polls jobs.get for the progress bar.
 */
import { randomUUID } from 'node:crypto';
import type { JobStatus } from '../../shared/api/types.ts';
import { ServiceError } from './errors.ts';

const jobs = new Map<string, JobStatus>();
/** Finished jobs kept for polling; the oldest finished ones go first. */
const KEEP = 50;

export function createJob(kind: JobStatus['kind'], total: number): JobStatus {
  const job: JobStatus = {
    id: randomUUID(),
    kind,
    done: 0,
    total,
    failures: [],
    skipped: [],
    files: [],
    summary: null,
    finished: false,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
  jobs.set(job.id, job);
  for (const [id, old] of jobs) {
    if (jobs.size <= KEEP) break;
    if (old.finished) jobs.delete(id);
  }
  return job;
}

export function finishJob(job: JobStatus): void {
  job.finished = true;
  job.finishedAt = new Date().toISOString();
}

/** A copy of a job's progress (the job object itself keeps changing). */
export function getJob(input: { jobId: string }): JobStatus {
  const job = jobs.get(input.jobId);
  if (!job) throw new ServiceError('not-found', `there is no job ${input.jobId} (jobs are kept until the app closes)`, { code: 'not-found', what: 'job', id: input.jobId });
  return structuredClone(job);
}

/** Let the event loop run (IPC, HTTP, timers) between two pieces of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
