/** Small data hooks over `invoke`: load on mount / when the input changes, and run actions. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { HandlerName, InputOf, ResultOf } from '../../shared/api/contract.ts';
import { ApiError, invoke, isOffline, subscribeConnection, toFailure } from './client.ts';

export interface Loaded<R> {
  data: R | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(toFailure(error));
}

/**
 * Load with `fetcher` whenever `key` changes (null: do not load). Keeps the previous data while
 * reloading, so grids do not flash empty. `arrived` may hand over data already at hand for the
 * first key (the month's rows fetched at boot), which then is not fetched again.
 */
export function useLoad<R>(key: string | null, fetcher: () => Promise<R>, arrived?: () => R | undefined): Loaded<R> {
  const [initial] = useState(() => (key === null ? undefined : arrived?.()));
  const [data, setData] = useState<R | undefined>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(key !== null && initial === undefined);
  const [round, setRound] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const skipFirst = useRef(initial !== undefined);

  useEffect(() => {
    if (key === null) return undefined;
    if (skipFirst.current) {
      skipFirst.current = false;
      return undefined;
    }
    let live = true;
    setLoading(true);
    fetcherRef.current().then(
      (result) => {
        if (!live) return;
        setData(result);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(asApiError(err));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}

/** Call one handler with `input` (null: not yet) and keep its result. */
export function useCall<N extends HandlerName>(name: N, input: InputOf<N> | null): Loaded<ResultOf<N>> {
  const key = input === null ? null : `${name} ${JSON.stringify(input)}`;
  return useLoad(key, () => invoke(name, input as InputOf<N>));
}

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error: ApiError | null;
  clearError: () => void;
}

/** A user action (save, import…): tracks busy and the last failure; resolves undefined on failure. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;
  const run = useCallback(async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      return await actionRef.current(...args);
    } catch (err) {
      setError(asApiError(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}

/** Whether the last call failed to reach the backend. */
export function useOffline(): boolean {
  return useSyncExternalStore(subscribeConnection, isOffline);
}
