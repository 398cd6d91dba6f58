/**
 * Sending many files to a handler that takes `{ files }` (inbox.add, returns.import, hr.import):
 * in batches within the contract's limits (batches.ts), one call at a time, with progress. A
 * failed call stops the upload; the results of the batches before it are kept.
 */
import { useCallback, useRef, useState } from 'react';
import type { FileData } from '../../../shared/api/types.ts';
import { ApiError, toFailure } from '../../api/client.ts';
import { readAsBase64 } from '../../app/files.ts';
import { planBatches } from './batches.ts';

export interface Progress {
  done: number;
  total: number;
}

export interface BatchUpload<R> {
  /** Sends `files`; resolves with the results of every batch that went through. */
  run: (files: readonly File[]) => Promise<R[]>;
  busy: boolean;
  progress: Progress | null;
  error: ApiError | null;
  clearError: () => void;
}

export function useBatchUpload<R>(call: (files: FileData[]) => Promise<R[]>): BatchUpload<R> {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const callRef = useRef(call);
  callRef.current = call;

  const run = useCallback(async (files: readonly File[]) => {
    const results: R[] = [];
    setError(null);
    setProgress({ done: 0, total: files.length });
    let sent = 0;
    try {
      for (const batch of planBatches(files)) {
        const data = await Promise.all(batch.map(async (file) => ({ fileName: file.name, dataBase64: await readAsBase64(file) })));
        results.push(...(await callRef.current(data)));
        sent += batch.length;
        setProgress({ done: sent, total: files.length });
      }
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(toFailure(err)));
    } finally {
      setProgress(null);
    }
    return results;
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { run, busy: progress !== null, progress, error, clearError };
}
