// Loading data for a page: one shape for every request, consumed by <AsyncState>.

import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, api, toApiError } from './api.js';

export type Resource<T> = {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Replaces the loaded data, e.g. with the record a PATCH returned. */
  update: (data: T) => void;
};

/** Loads with `load` whenever `key` changes (or on reload). `key: null` waits without loading. */
export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(key !== null);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the "try again" trigger
  useEffect(() => {
    if (key === null) return;
    let current = true;
    setLoading(true);
    setError(undefined);
    loadRef.current().then(
      (loaded) => {
        if (!current) return;
        setData(loaded);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(toApiError(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((next: T) => setData(next), []);
  return { data, error, loading, reload, update };
}

/** GET a JSON resource from the API. */
export function useApi<T>(path: string | null): Resource<T> {
  return useResource<T>(path, () => api.get<T>(path ?? ''));
}

/** Two resources as one, for pages that need both before they can show anything. */
export function combine<A, B>(a: Resource<A>, b: Resource<B>): Resource<[A, B]> {
  return {
    data: a.data !== undefined && b.data !== undefined ? [a.data, b.data] : undefined,
    error: a.error ?? b.error,
    loading: a.loading || b.loading,
    reload: () => {
      if (a.error || a.data === undefined) a.reload();
      if (b.error || b.data === undefined) b.reload();
    },
    update: ([nextA, nextB]) => {
      a.update(nextA);
      b.update(nextB);
    },
  };
}
