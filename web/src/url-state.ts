import { useState } from 'preact/hooks';

/** Sets (or, with the default value, removes) one query parameter of the address, without a history entry. */
export function setQueryParam(name: string, value: string, fallback: string): void {
  const params = new URLSearchParams(location.search);
  if (value === fallback) params.delete(name);
  else params.set(name, value);
  const search = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${search === '' ? '' : `?${search}`}${location.hash}`);
}

/**
 * A piece of a page's state kept in the address's query string (filters, sort,
 * compared versions), so a link shows what its sender saw. Written with
 * replaceState: changing a filter adds no history entry. The default value is
 * left out of the address.
 */
export function useQueryState(name: string, fallback: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => new URLSearchParams(location.search).get(name) ?? fallback);
  const update = (next: string) => {
    setValue(next);
    setQueryParam(name, next, fallback);
  };
  return [value, update];
}
