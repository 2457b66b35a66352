import { useMemo } from 'preact/hooks';
import { download, getOverview, overviewFile } from '../api';
import type { Session } from '../auth';
import { ErrorNote } from '../components/ErrorNote';
import { ProvinceTiles } from '../components/ProvinceTiles';
import { StatusBadge } from '../components/StatusBadge';
import { currentLang, fmtDateTime, fmtMoney, fmtNumber, fmtPercent, label, t, type MessageKey } from '../i18n';
import { progressOf, PROGRESS_ORDER } from '../overview';
import { useResource } from '../resource';
import type { OverviewClass, OverviewRow } from '../types';
import { useQueryState } from '../url-state';

/** A class's coverage against its target: the rate, and 达标 or by how many points it is missed. */
function ClassCell({ figure }: { figure: OverviewClass | null }) {
  if (figure === null) return <>–</>;
  return (
    <>
      {fmtPercent(figure.rate)} / {fmtPercent(figure.target, 0)}{' '}
      <strong class={figure.met ? 'met' : 'unmet'}>{figure.met ? t('met') : t('missedBy', { n: fmtNumber(figure.shortfallPoints, 1) })}</strong>
    </>
  );
}

interface SortColumn {
  key: string;
  text: MessageKey;
  value(row: OverviewRow): string | number | null;
}

const SORTS: SortColumn[] = [
  { key: 'progress', text: 'status', value: (row) => PROGRESS_ORDER.indexOf(progressOf(row)) },
  { key: 'province', text: 'province', value: (row) => row.province },
  { key: 'priority', text: 'priorityCoverage', value: (row) => row.priority?.rate ?? null },
  { key: 'standard', text: 'standardCoverage', value: (row) => row.standard?.rate ?? null },
  { key: 'nominal', text: 'nominalTotal', value: (row) => row.nominal },
  { key: 'slipped', text: 'slippedCount', value: (row) => row.slipped },
];

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** The reviewer's national picture: every provincial-level region, waiting for review first, as a table and a tile grid. */
export function OverviewPage({ session }: { session: Session }) {
  const resource = useResource((signal) => (session.reviewer ? getOverview({ signal }) : undefined), [session.reviewer]);
  const [filter, setFilter] = useQueryState('show', 'all');
  const [search, setSearch] = useQueryState('q', '');
  const [sortKey, setSortKey] = useQueryState('sort', 'progress');
  const [direction, setDirection] = useQueryState('dir', 'asc');
  const rows = resource.value?.provinces ?? [];
  const lang = currentLang();

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const column = SORTS.find((candidate) => candidate.key === sortKey) ?? SORTS[0]!;
    return rows
      .filter((row) => (filter === 'all' || progressOf(row) === filter) && (needle === '' || `${row.province} ${row.name} ${row.nameEn}`.toLowerCase().includes(needle)))
      .sort((a, b) => (direction === 'desc' ? -1 : 1) * compare(column.value(a), column.value(b)) || a.province.localeCompare(b.province));
  }, [rows, filter, search, sortKey, direction]);

  if (!session.reviewer) return <h1>{t('notFound')}</h1>;
  if (resource.value === undefined) return resource.error === undefined ? <p>{t('loading')}</p> : <ErrorNote error={resource.error} onRetry={resource.reload} />;

  const sortButton = (column: SortColumn) => {
    const active = sortKey === column.key;
    return (
      <th scope="col" aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button
          type="button"
          class="sort"
          title={t('sortBy')}
          onClick={() => {
            if (active) setDirection(direction === 'asc' ? 'desc' : 'asc');
            else (setSortKey(column.key), setDirection('asc'));
          }}
        >
          {t(column.text)}
          <span aria-hidden="true">{active ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <article class="overview">
      <div class="title-row">
        <h1>{t('overviewTitle')}</h1>
        <button type="button" onClick={() => void download(overviewFile())}>
          {t('overviewExport')}
        </button>
      </div>
      <p class="note">{t('overviewIntro')}</p>
      <section class="card">
        <ProvinceTiles rows={rows} />
      </section>
      <section class="card" aria-labelledby="overview-table-title">
        <h2 id="overview-table-title">
          {t('overviewCount', { shown: shown.length, total: rows.length, plans: rows.filter((row) => row.planId !== null).length, waiting: rows.filter((row) => row.waitingForReview).length })}
        </h2>
        <div class="filters" role="group" aria-label={t('overviewFilter')}>
          <label>
            {t('overviewFilter')}{' '}
            <select value={filter} onChange={(event) => setFilter(event.currentTarget.value)}>
              {['all', ...PROGRESS_ORDER].map((value) => (
                <option value={value}>{label('progress', value)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('overviewSearch')} <input type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />
          </label>
        </div>
        <div class="table-wrap">
          <table class="data overview-table">
            <thead>
              <tr>
                {sortButton(SORTS[1]!)}
                {sortButton(SORTS[0]!)}
                <th scope="col">{t('latestVersion')}</th>
                <th scope="col">{t('reviewState')}</th>
                <th scope="col">{t('planOfRecord')}</th>
                {sortButton(SORTS[2]!)}
                {sortButton(SORTS[3]!)}
                {sortButton(SORTS[4]!)}
                {sortButton(SORTS[5]!)}
                <th scope="col">{t('lastUpdate')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr data-province={row.province} class={row.waitingForReview ? 'current' : undefined}>
                  <th scope="row" title={row.province}>
                    {lang === 'zh' ? row.name : row.nameEn}
                  </th>
                  <td>
                    {row.status === null ? label('progress', 'none') : <StatusBadge status={row.status} />}
                    {row.waitingForReview && <span class="badge">{label('progress', 'waiting')}</span>}
                  </td>
                  <td>{row.planId === null ? '–' : <a href={`/plans/${row.planId}`}>{`${row.planName} · ${t('planVersion', { n: row.latestVersion ?? 0 })}`}</a>}</td>
                  <td>{row.reviewState === null ? '–' : label('review', row.reviewState)}</td>
                  <td>{row.planOfRecord === null ? '–' : t('planVersion', { n: row.planOfRecord })}</td>
                  <td class={row.priority?.met === false ? 'unmet' : undefined}>
                    <ClassCell figure={row.priority} />
                  </td>
                  <td class={row.standard?.met === false ? 'unmet' : undefined}>
                    <ClassCell figure={row.standard} />
                  </td>
                  <td class="num">{fmtMoney(row.nominal, row.currency ?? 'CNY')}</td>
                  <td class="num">{fmtNumber(row.slipped)}</td>
                  <td>{fmtDateTime(row.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </article>
  );
}
