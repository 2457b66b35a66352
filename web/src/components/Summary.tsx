import { fmtDateTime, fmtMoney, fmtNumber, fmtPercent, fmtSeconds, label, t } from '../i18n';
import { planOfRecordOf, type PlanDetail } from '../types';
import { messageLines, pageNames } from '../messages';
import { triggerWord } from '../words';
import { StatusBadge } from './StatusBadge';
import { FailureNote } from './FailureNote';

/** The plan's figures at a glance; an infeasible plan says why first, a failed one what went wrong. */
export function Summary({ plan, currency }: { plan: PlanDetail; currency: string }) {
  const summary = plan.summary;
  const record = planOfRecordOf(plan.planOfRecord);
  const names = pageNames(currency);
  const asOf = plan.asOf ?? summary?.asOf ?? null;
  const dataRevision = plan.dataRevision ?? summary?.dataRevision ?? null;
  const items: [string, string | preact.JSX.Element][] = [
    [t('status'), <StatusBadge status={plan.status} />],
    [t('objective'), fmtMoney(summary?.objective ?? plan.objective ?? null, currency)],
    [t('bound'), fmtMoney(summary?.bound ?? plan.bound ?? null, currency)],
    [t('gap'), fmtPercent(summary?.gap ?? plan.gap ?? null, 2)],
    [t('engine'), summary?.stats.engine ?? '–'],
    [t('solveTime'), fmtSeconds(summary?.stats.ms)],
    [t('dataRevision'), dataRevision === null ? '–' : `r${dataRevision}`],
    [t('asOf'), asOf ?? '–'],
    [t('progressAsOf'), summary?.progressAsOf ?? '–'],
    [t('reviewState'), label('review', plan.review?.state ?? 'none')],
    [t('trigger'), triggerWord(plan.trigger)],
    [t('serviceAreas'), fmtNumber(plan.serviceAreas ?? null)],
    [t('createdAt'), fmtDateTime(plan.createdAt)],
    [t('solvedAt'), fmtDateTime(plan.solvedAt)],
  ];
  return (
    <>
      {plan.status === 'infeasible' && summary !== undefined && summary.diagnosis.length > 0 && (
        <section class="card alert" aria-labelledby="diagnosis-title">
          <h2 id="diagnosis-title">{t('diagnosis')}</h2>
          <ul>
            {messageLines(summary.diagnosis, summary.diagnosisDetails, names).map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </section>
      )}
      <FailureNote item={plan} />
      <section class="card" aria-labelledby="summary-title">
        <h2 id="summary-title">
          {t('summary')}
          {record !== null && record === plan.version && <span class="badge record">{t('planOfRecord')}</span>}
        </h2>
        <dl class="summary">
          {items.map(([term, value]) => (
            <div>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {record !== null && record !== plan.version && (
          <p>
            {t('planOfRecord')}: <a href={`/plans/${plan.planId}/versions/${record}`}>{t('planVersion', { n: record })}</a>
          </p>
        )}
        {summary?.slipped !== undefined && summary.slipped.length > 0 && (
          <p>
            {t('slipped')}: {summary.slipped.join(', ')}
          </p>
        )}
        {summary !== undefined && summary.warnings.length > 0 && (
          <details>
            <summary>
              {t('warnings')} ({summary.warnings.length})
            </summary>
            <ul>
              {messageLines(summary.warnings, summary.warningDetails, names).map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          </details>
        )}
      </section>
    </>
  );
}
