/**
 * The sites table's filters (region, corridor, build phase, status, search),
 * kept in the address, and the one test of a site against them: the table
 * shows the sites that pass, the map dims the others.
 */
import { useQueryState } from './url-state';
import type { SiteRow } from './types';

export interface SiteFilter {
  region: string;
  corridor: string;
  phase: string;
  status: string;
  query: string;
}

type Setters = { [K in keyof SiteFilter]: (value: string) => void };

/** The filters as the address has them ('' = all), with their setters. */
export function useSiteFilter(): [SiteFilter, Setters] {
  const [region, setRegion] = useQueryState('region', '');
  const [corridor, setCorridor] = useQueryState('corridor', '');
  const [phase, setPhase] = useQueryState('phase', '');
  const [status, setStatus] = useQueryState('status', '');
  const [query, setQuery] = useQueryState('q', '');
  return [
    { region, corridor, phase, status, query },
    { region: setRegion, corridor: setCorridor, phase: setPhase, status: setStatus, query: setQuery },
  ];
}

/** True when no filter is set. */
export const filterIsEmpty = (filter: SiteFilter): boolean => Object.values(filter).every((value) => value.trim() === '');

/** Whether a site passes the filters: same region, corridor, build phase ('never' for none) and status; the search in its name or id. */
export function passes(site: SiteRow, filter: SiteFilter): boolean {
  const needle = filter.query.trim().toLowerCase();
  return (
    (filter.region === '' || site.region === filter.region) &&
    (filter.corridor === '' || site.corridor === filter.corridor) &&
    (filter.phase === '' || (site.buildPhase ?? 'never') === filter.phase) &&
    (filter.status === '' || site.status === filter.status) &&
    (needle === '' || (site.name ?? '').toLowerCase().includes(needle) || site.id.toLowerCase().includes(needle))
  );
}
