import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: Error };

const LOADING = { status: 'loading' } as const;

/**
 * Runs `load` when the component mounts and whenever `key` changes; `reload()` runs it again.
 * A result that arrives for an older key is dropped, so a slow answer never shows on a newer screen.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): [AsyncState<T>, () => void] {
  const [tick, setTick] = useState(0);
  const token = `${key}\u0000${tick}`;
  const [settled, setSettled] = useState<{ token: string; state: AsyncState<T> } | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    let live = true;
    loadRef.current().then(
      (value) => {
        if (live) setSettled({ token, state: { status: 'ready', value } });
      },
      (error: unknown) => {
        const err = error instanceof Error ? error : new Error(String(error));
        if (live) setSettled({ token, state: { status: 'failed', error: err } });
      },
    );
    return () => {
      live = false;
    };
  }, [token]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [settled !== null && settled.token === token ? settled.state : LOADING, reload];
}
