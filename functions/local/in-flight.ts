/*
 * Work the local runtime has started and not finished (a request's handler, a
 * schedule tick, a database request), counted so that closing can wait for it:
 * nothing may touch the database once it is closed.
 */
export interface InFlight {
  /** Counts `work` until it settles, and returns it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Counts one piece of work by hand; the returned function ends it (once). */
  begin(): () => void;
  readonly count: number;
  /** Resolves once nothing is in flight. */
  idle(): Promise<void>;
}

export function createInFlight(): InFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  const end = () => {
    count -= 1;
    if (count > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  const begin = () => {
    count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      end();
    };
  };
  return {
    track(work) {
      const done = begin();
      work.then(done, done);
      return work;
    },
    begin,
    get count() {
      return count;
    },
    idle: () => (count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
