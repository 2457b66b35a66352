import { useState } from 'preact/hooks';
import { fmtDateTime, fmtMoney, label, t } from '../i18n';
import type { VersionListItem } from '../types';
import { StatusBadge } from './StatusBadge';
import { triggerWord } from '../words';
import { useVersionTargets, VersionTargetsCell } from './VersionTargets';

/** The plan's versions, newest first, and the choice of two to compare. */
export function Versions({
  planId,
  versions,
  viewed,
  currency,
  compare,
  onCompare,
}: {
  planId: string;
  versions: VersionListItem[];
  viewed: number;
  currency: string;
  compare: { from: number; to: number } | undefined;
  onCompare: (from: number, to: number) => void;
}) {
  const numbers = versions.map((version) => version.version);
  const targets = useVersionTargets(planId, versions);
  const [from, setFrom] = useState(compare?.from ?? numbers[1] ?? numbers[0] ?? 1);
  const [to, setTo] = useState(compare?.to ?? numbers[0] ?? 1);
  return (
    <section class="card" aria-labelledby="versions-title">
      <h2 id="versions-title">{t('versionsTitle')}</h2>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('trigger')}</th>
              <th scope="col">{t('asOf')}</th>
              <th scope="col">{t('dataRevision')}</th>
              <th scope="col" class="num">
                {t('objective')}
              </th>
              <th scope="col">{t('versionTargets')}</th>
              <th scope="col">{t('reviewState')}</th>
              <th scope="col">{t('createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr class={version.version === viewed ? 'current' : undefined}>
                <td>
                  <a href={`/plans/${planId}/versions/${version.version}`} aria-current={version.version === viewed ? 'page' : undefined}>
                    v{version.version}
                  </a>
                </td>
                <td>
                  <StatusBadge status={version.status} />
                </td>
                <td>{triggerWord(version.trigger)}</td>
                <td>{version.asOf ?? '–'}</td>
                <td>{version.dataRevision == null ? '–' : `r${version.dataRevision}`}</td>
                <td class="num">{fmtMoney(version.objective ?? null, currency)}</td>
                <td>
                  <VersionTargetsCell phases={targets.get(version.version)} />
                </td>
                <td>{label('review', version.reviewState ?? 'none')}</td>
                <td>{fmtDateTime(version.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {numbers.length > 1 && (
        <form
          class="filters"
          onSubmit={(event) => {
            event.preventDefault();
            onCompare(from, to);
          }}
        >
          <label>
            {t('compareFrom')}{' '}
            <select value={from} onChange={(event) => setFrom(Number(event.currentTarget.value))}>
              {numbers.map((n) => (
                <option value={n}>v{n}</option>
              ))}
            </select>
          </label>
          <label>
            {t('compareTo')}{' '}
            <select value={to} onChange={(event) => setTo(Number(event.currentTarget.value))}>
              {numbers.map((n) => (
                <option value={n}>v{n}</option>
              ))}
            </select>
          </label>
          <button type="submit">{t('compare')}</button>
        </form>
      )}
    </section>
  );
}
