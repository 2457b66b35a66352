import { useEffect, useState } from 'preact/hooks';

/** The event a change of the address's query sends, so every part reading a parameter follows it. */
const QUERY_CHANGE = 'query-change';

/** Sets (or, with the default value, removes) one query parameter of the address, without a history entry. */
export function setQueryParam(name: string, value: string, fallback: string): void {
  const params = new URLSearchParams(location.search);
  if (value === fallback) params.delete(name);
  else params.set(name, value);
  const search = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${search === '' ? '' : `?${search}`}${location.hash}`);
  window.dispatchEvent(new Event(QUERY_CHANGE));
}

/**
 * A piece of a page's state kept in the address's query string (filters, sort,
 * compared versions), so a link shows what its sender saw. Written with
 * replaceState: changing a filter adds no history entry. The default value is
 * left out of the address. Parts of a page reading the same parameter (the
 * sites table's filters and the map) follow each other's changes.
 */
export function useQueryState(name: string, fallback: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => new URLSearchParams(location.search).get(name) ?? fallback);
  const update = (next: string) => {
    setValue(next);
    setQueryParam(name, next, fallback);
  };
  useEffect(() => {
    const follow = () => setValue(new URLSearchParams(location.search).get(name) ?? fallback);
    window.addEventListener(QUERY_CHANGE, follow);
    return () => window.removeEventListener(QUERY_CHANGE, follow);
  }, [name, fallback]);
  return [value, update];
}
