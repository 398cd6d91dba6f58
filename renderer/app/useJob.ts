/** Follow a background job: poll jobs.get until it is finished; `onFinished` runs once when it is. */
import { useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../shared/api/types.ts';
import { ApiError, invoke, toFailure } from '../api/client.ts';

export const POLL_MS = 300;

export function useJob(jobId: string | null, onFinished: (job: JobStatus) => void): { job: JobStatus | null; error: ApiError | null } {
  const [state, setState] = useState<{ jobId: string | null; job: JobStatus | null; error: ApiError | null }>({ jobId, job: null, error: null });
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    if (jobId === null) return undefined;
    let live = true;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const job = await invoke('jobs.get', { jobId });
        if (!live) return;
        setState({ jobId, job, error: null });
        if (job.finished) return finished.current(job);
      } catch (err) {
        if (!live) return;
        const error = err instanceof ApiError ? err : new ApiError(toFailure(err));
        setState((s) => ({ ...s, jobId, error }));
        if (error.kind === 'not-found') return; // the backend no longer knows the job (restarted)
      }
      timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [jobId]);

  // What is shown always belongs to the job asked for.
  return state.jobId === jobId ? { job: state.job, error: state.error } : { job: null, error: null };
}
