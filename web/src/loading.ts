/**
 * One round of loading what a page shows, outside any component (so it runs,
 * and is tested, without a DOM); the hook in resource.ts wraps it.
 */

/** What a component shows of something it loads: the value last loaded, the last error, whether a load is under way. */
export interface ResourceState<T> {
  /** The last value loaded; kept while a newer load runs or fails. */
  value: T | undefined;
  /** Why the last load failed; cleared by the next one that succeeds. */
  error: unknown;
  loading: boolean;
}

/**
 * How to load one thing. `load` returns undefined when there is nothing to
 * load yet (the value shown stays). With `again`, a load that succeeds is
 * followed by another after the milliseconds it returns (none when
 * undefined); that load gets the value it refreshes as `previous`, which the
 * first load of a round does not.
 */
export type Load<T> = (signal: AbortSignal, previous: T | undefined) => Promise<T> | undefined;
export interface ResourceOptions<T> {
  again?: (value: T) => number | undefined;
}

/**
 * One round of loading, outside any component: reports each change of state
 * to `update` (as a function of the state before) until the returned stop is
 * called, which aborts the load under way (its signal) and drops its answer.
 */
export function startLoading<T>(load: Load<T>, update: (change: (now: ResourceState<T>) => ResourceState<T>) => void, options: ResourceOptions<T> = {}): () => void {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (previous: T | undefined) => {
    const pending = load(controller.signal, previous);
    update((now) => (now.loading === (pending !== undefined) ? now : { ...now, loading: pending !== undefined }));
    pending?.then(
      (value) => {
        if (controller.signal.aborted) return;
        update(() => ({ value, error: undefined, loading: false }));
        const wait = options.again?.(value);
        if (wait !== undefined) timer = setTimeout(() => run(value), wait);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) update((now) => ({ ...now, error, loading: false }));
      },
    );
  };
  run(undefined);
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}
