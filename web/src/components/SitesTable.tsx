import { useId, useMemo, useState } from 'preact/hooks';
import { fmtMoney, fmtNumber, label, t } from '../i18n';
import { buildPhaseLabel } from '../phases';
import { usePrinting } from '../printing';
import { useQueryState } from '../url-state';
import { passes, useSiteFilter } from '../site-filter';
import { columnHeader, regionClassWord, siteStatus } from '../site-words';
import type { DatasetContext, SiteRow } from '../types';
import { ownValue } from '../own';

interface Column {
  key: string;
  /** The column's name in the CSV download. */
  header: string;
  numeric: boolean;
  value(site: SiteRow): string | number | null;
  show(site: SiteRow): string;
}

/** The CSV's columns, in the CSV's order, with the same names. */
function columns(dataset: DatasetContext): Column[] {
  const text = (key: keyof SiteRow, show?: (site: SiteRow) => string): Column => ({
    key,
    header: key,
    numeric: false,
    value: (site) => (site[key] as string | null) ?? null,
    show: show ?? ((site) => String(site[key] ?? '')),
  });
  const number = (key: 'km' | 'lat' | 'lon', digits: number): Column => ({
    key,
    header: key,
    numeric: true,
    value: (site) => site[key],
    show: (site) => fmtNumber(site[key], digits),
  });
  const perPhase = (kind: 'piles' | 'capex' | 'shortfall'): Column[] =>
    dataset.phases.map((phase) => ({
      key: `${kind}_${phase.id}`,
      header: `${kind}_${phase.id}`,
      numeric: true,
      value: (site) => ownValue(site[kind], phase.id) ?? null,
      show: (site) => {
        const value = ownValue(site[kind], phase.id);
        return value === undefined ? '' : kind === 'capex' ? fmtMoney(value, dataset.currency) : fmtNumber(value);
      },
    }));
  return [
    text('id'),
    text('name'),
    text('corridor', (site) => nameOf(dataset.corridors, site.corridor)),
    number('km', 1),
    text('region', (site) => nameOf(dataset.regions, site.region)),
    text('regionClass', (site) => regionClassWord(site.regionClass)),
    number('lat', 4),
    number('lon', 4),
    text('status', (site) => siteStatus(site.status, site.status === 'required' ? site.requiredBy : null)),
    text('buildPhase', (site) => buildPhaseLabel(site.buildPhase)),
    ...perPhase('piles'),
    ...perPhase('capex'),
    ...perPhase('shortfall'),
  ];
}

/** A region or corridor by name (its code when it has none). */
const nameOf = (known: readonly { id: string; name: string | null }[], id: string | null): string =>
  id === null ? '' : (known.find((entry) => entry.id === id)?.name ?? id);

/** Columns shown by name with the code on hover. */
const CODED: ReadonlySet<string> = new Set(['region', 'corridor']);

const PAGE_SIZES = [20, 50, 100, 500];

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'zh-CN');
}

function FilterSelect({ name, value, options, onChange }: { name: string; value: string; options: [string, string][]; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <span>
      <label for={id}>{name}</label>{' '}
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">{t('filterAll')}</option>
        {options.map(([optionValue, text]) => (
          <option value={optionValue}>{text}</option>
        ))}
      </select>
    </span>
  );
}

/** Every service area of the plan: sortable, filterable, searchable, in pages so 5,000 rows stay quick. */
export function SitesTable({ sites, dataset, changed }: { sites: SiteRow[]; dataset: DatasetContext; changed: ReadonlySet<string> }) {
  const cols = useMemo(() => columns(dataset), [dataset]);
  // Filters and sort live in the address, so a link shows the table its sender saw.
  const [sortKey, setSortKey] = useQueryState('sort', '');
  const [sortDirection, setSortDirection] = useQueryState('dir', 'asc');
  const sort = { key: sortKey, ascending: sortDirection !== 'desc' };
  const setSort = (next: { key: string; ascending: boolean }) => {
    setSortKey(next.key);
    setSortDirection(next.ascending ? 'asc' : 'desc');
  };
  const [filter, set] = useSiteFilter();
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]!);
  const [page, setPage] = useState(0);

  const rows = useMemo(() => {
    const kept = sites.filter((site) => passes(site, filter) && (!onlyChanged || changed.has(site.id)));
    const column = cols.find((c) => c.key === sort.key);
    if (column !== undefined) kept.sort((a, b) => (sort.ascending ? 1 : -1) * compare(column.value(a), column.value(b)));
    return kept;
  }, [sites, cols, sort, filter.region, filter.corridor, filter.phase, filter.status, filter.query, onlyChanged, changed]);

  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(page, pages - 1);
  // Printed, the table carries every row the filters keep.
  const printing = usePrinting();
  const shown = printing ? rows : rows.slice(current * pageSize, (current + 1) * pageSize);
  const reset = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(0);
  };

  return (
    <section class="card" aria-labelledby="table-title">
      <h2 id="table-title">{t('tableTitle')}</h2>
      <div class="filters" role="group" aria-label={t('tableTitle')}>
        <FilterSelect name={t('filterRegion')} value={filter.region} onChange={reset(set.region)} options={dataset.regions.map((r) => [r.id, r.name ?? r.id])} />
        <FilterSelect name={t('filterCorridor')} value={filter.corridor} onChange={reset(set.corridor)} options={dataset.corridors.map((c) => [c.id, `${c.id} ${c.name ?? ''}`])} />
        <FilterSelect
          name={t('filterPhase')}
          value={filter.phase}
          onChange={reset(set.phase)}
          options={[['existing', label('phase', 'existing')], ...dataset.phases.map((p): [string, string] => [p.id, t('phaseN', { id: p.id })]), ['never', label('phase', 'never')]]}
        />
        <FilterSelect name={t('filterStatus')} value={filter.status} onChange={reset(set.status)} options={['candidate', 'required', 'excluded'].map((s): [string, string] => [s, siteStatus(s, null)])} />
        <label>
          {t('search')}{' '}
          <input type="search" value={filter.query} onInput={(event) => reset(set.query)(event.currentTarget.value)} />
        </label>
        {changed.size > 0 && (
          <label>
            <input type="checkbox" checked={onlyChanged} onChange={(event) => reset(setOnlyChanged)(event.currentTarget.checked)} /> {t('onlyChanged')}
          </label>
        )}
      </div>
      <div class="table-wrap">
        <table class="data sites">
          <caption class="sr-only">{t('tableTitle')}</caption>
          <thead>
            <tr>
              {cols.map((column) => {
                const active = sort.key === column.key;
                return (
                  <th scope="col" class={column.numeric ? 'num' : undefined} aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : undefined}>
                    <button type="button" class="sort" title={`${t('sortBy')} (${column.header})`} onClick={() => setSort({ key: column.key, ascending: active ? !sort.ascending : true })}>
                      {columnHeader(column.key)}
                      <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((site) => (
              <tr key={site.id} class={changed.has(site.id) ? 'changed' : undefined} data-site={site.id}>
                {cols.map((column, index) => (
                  <td class={column.numeric ? 'num' : undefined} title={CODED.has(column.key) ? (site[column.key as 'region'] ?? undefined) : undefined}>
                    {column.show(site)}
                    {index === 0 && changed.has(site.id) && <span class="badge changed">{t('changed')}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="pager">
        <label>
          {t('pageSize')}{' '}
          <select value={pageSize} onChange={(event) => (setPageSize(Number(event.currentTarget.value)), setPage(0))}>
            {PAGE_SIZES.map((size) => (
              <option value={size}>{size}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setPage(current - 1)} disabled={current === 0}>
          {t('prevPage')}
        </button>
        <span aria-live="polite">{t('pageOf', { p: current + 1, n: pages, rows: fmtNumber(rows.length) })}</span>
        <button type="button" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
          {t('nextPage')}
        </button>
      </div>
    </section>
  );
}
