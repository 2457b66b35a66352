import { useCallback, useEffect, useState } from 'preact/hooks';

/** What a component shows of something it loads: the value last loaded, the last error, whether a load is under way. */
export interface Resource<T> {
  /** The last value loaded; kept while a newer load runs or fails. */
  value: T | undefined;
  /** Why the last load failed; cleared by the next one that succeeds. */
  error: unknown;
  loading: boolean;
  /** Loads again from the start (a retry). */
  reload: () => void;
}

/**
 * Loads one thing for a component, again whenever `deps` change, and abandons
 * the load under way when they do or the component goes (the signal aborts
 * it, and its answer is dropped).
 *
 * `load` returns undefined when there is nothing to load yet (the value shown
 * stays). With `again`, a load that succeeds is followed by another after the
 * milliseconds it returns (none when undefined): that load gets the value it
 * refreshes as `previous`, which the first load of each round does not.
 */
export function useResource<T>(
  load: (signal: AbortSignal, previous: T | undefined) => Promise<T> | undefined,
  deps: readonly unknown[],
  options: { again?: (value: T) => number | undefined } = {},
): Resource<T> {
  const [state, setState] = useState<{ value: T | undefined; error: unknown; loading: boolean }>({ value: undefined, error: undefined, loading: false });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = (previous: T | undefined) => {
      const pending = load(controller.signal, previous);
      setState((now) => (now.loading === (pending !== undefined) ? now : { ...now, loading: pending !== undefined }));
      if (pending === undefined) return;
      pending.then(
        (value) => {
          if (controller.signal.aborted) return;
          setState({ value, error: undefined, loading: false });
          const wait = options.again?.(value);
          if (wait !== undefined) timer = setTimeout(() => run(value), wait);
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState((now) => ({ ...now, error, loading: false }));
        },
      );
    };
    run(undefined);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
