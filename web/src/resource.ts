import { useCallback, useEffect, useState } from 'preact/hooks';
import { startLoading, type Load, type ResourceOptions, type ResourceState } from './loading';

export interface Resource<T> extends ResourceState<T> {
  /** Loads again from the start (a retry). */
  reload: () => void;
}

/**
 * Loads one thing for a component (see Load), again whenever `deps` change or
 * `reload` is called, and stops the load under way when they do or the
 * component goes.
 */
export function useResource<T>(load: Load<T>, deps: readonly unknown[], options: ResourceOptions<T> = {}): Resource<T> {
  const [state, setState] = useState<ResourceState<T>>({ value: undefined, error: undefined, loading: false });
  const [round, setRound] = useState(0);
  useEffect(() => startLoading(load, setState, options), [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
