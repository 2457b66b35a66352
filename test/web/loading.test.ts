import { describe, expect, it, vi } from 'vitest';
import { startLoading, type Load, type ResourceOptions, type ResourceState } from '../../web/src/loading.js';

/** Runs rounds of loading as the hook does (one state across them), keeping every state reported. */
function watch<T>(load: Load<T>, options?: ResourceOptions<T>) {
  let state: ResourceState<T> = { value: undefined, error: undefined, loading: false };
  const seen: ResourceState<T>[] = [];
  const start = () =>
    startLoading(load, (change) => {
      state = change(state);
      seen.push(state);
    }, options);
  const stop = start();
  return { stop, seen, now: () => state, reload: () => (stop(), start()) };
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
}

describe('loading what a page shows (useResource)', () => {
  it('shows loading, then the value, and no error', async () => {
    const answer = deferred<string>();
    const round = watch(() => answer.promise);
    expect(round.now()).toEqual({ value: undefined, error: undefined, loading: true });
    answer.resolve('plan');
    await vi.waitFor(() => expect(round.now()).toEqual({ value: 'plan', error: undefined, loading: false }));
  });

  it('aborts the request under way when stopped and never shows its late answer', async () => {
    const answer = deferred<string>();
    let signal: AbortSignal | undefined;
    const round = watch((given) => ((signal = given), answer.promise));
    round.stop();
    expect(signal?.aborted).toBe(true);
    answer.resolve('stale');
    await answer.promise;
    await new Promise((settle) => setTimeout(settle, 0));
    expect(round.now().value).toBeUndefined();
  });

  it('loads nothing while there is nothing to load', () => {
    const round = watch(() => undefined);
    expect(round.now()).toEqual({ value: undefined, error: undefined, loading: false });
  });

  it('loads again while asked to, handing each load the value it refreshes, and stops when told', async () => {
    const previous: (number | undefined)[] = [];
    const round = watch<number>(
      (_signal, last) => {
        previous.push(last);
        return Promise.resolve((last ?? 0) + 1);
      },
      { again: (value) => (value < 3 ? 0 : undefined) },
    );
    await vi.waitFor(() => expect(round.now().value).toBe(3));
    await new Promise((settle) => setTimeout(settle, 20));
    expect(previous).toEqual([undefined, 1, 2]);
  });

  it('keeps the value shown when a later load fails, shows the error and stops polling', async () => {
    let calls = 0;
    const failure = new Error('HTTP 503');
    const round = watch<string>(() => (++calls === 1 ? Promise.resolve('solving') : Promise.reject(failure)), { again: () => 0 });
    await vi.waitFor(() => expect(round.now()).toEqual({ value: 'solving', error: failure, loading: false }));
    await new Promise((settle) => setTimeout(settle, 20));
    expect(calls).toBe(2);
  });

  it('clears the error when a retry succeeds, showing the earlier value until then', async () => {
    let calls = 0;
    const round = watch<string>(() => (++calls === 2 ? Promise.reject(new Error('blip')) : Promise.resolve(`v${calls}`)), { again: (value) => (value === 'v1' ? 0 : undefined) });
    await vi.waitFor(() => expect(round.now().error).toBeInstanceOf(Error));
    expect(round.now().value).toBe('v1');
    round.reload();
    await vi.waitFor(() => expect(round.now()).toEqual({ value: 'v3', error: undefined, loading: false }));
  });
});
