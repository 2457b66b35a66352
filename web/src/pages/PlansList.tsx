import { useMemo, useState } from 'preact/hooks';
import { countryPlans, plansPage, type ReadOptions } from '../api';
import type { Session } from '../auth';
import { ErrorNote } from '../components/ErrorNote';
import { StatusBadge } from '../components/StatusBadge';
import { currentLang, fmtDateTime, fmtMoney, label, t } from '../i18n';
import { provinceName } from '../provinces';
import { useResource } from '../resource';
import { planOfRecordOf, type PlanListItem, type VersionStatus } from '../types';

const STATUSES: VersionStatus[] = ['queued', 'solving', 'optimal', 'feasible', 'infeasible', 'failed'];
const POLL_MS = 2000;

/** Every plan of one province, following the API's cursor. */
async function plansOf(province: string, options: ReadOptions): Promise<PlanListItem[]> {
  const plans: PlanListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await plansPage(province, cursor, options);
    plans.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return plans;
}

/** The provinces whose plans are still queued or solving. */
const busyProvinces = (plans: PlanListItem[]) => [...new Set(plans.filter((plan) => plan.status === 'queued' || plan.status === 'solving').map((plan) => plan.province))];

/** The plans list: a province user sees its own province, a reviewer every province. */
export function PlansList({ session }: { session: Session }) {
  const [province, setProvince] = useState('');
  const [status, setStatus] = useState('');
  const [review, setReview] = useState('');

  // A province user's own provinces; a reviewer's are those with plans, which the API's listing across the country names.
  const known = useResource(
    (signal) => (session.reviewer ? countryPlans({ signal }).then((answer) => answer.provinces) : Promise.resolve(session.provinces)),
    [session.reviewer, session.provinces.join()],
  );
  const provinces = known.value;

  // Every province at first (and on retry), then again every two seconds only the provinces whose plans are still solving.
  const loaded = useResource(
    (signal, previous: PlanListItem[] | undefined) => {
      if (provinces === undefined) return undefined;
      const toLoad = previous === undefined ? provinces : busyProvinces(previous);
      return Promise.all(toLoad.map((code) => plansOf(code, { signal }))).then((lists) =>
        [...(previous ?? []).filter((plan) => !toLoad.includes(plan.province)), ...lists.flat()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
      );
    },
    [provinces],
    { again: (plans) => (busyProvinces(plans).length > 0 ? POLL_MS : undefined) },
  );
  const plans = loaded.value;
  const error = known.error ?? loaded.error;

  const lang = currentLang();
  const present = useMemo(() => [...new Set((plans ?? []).map((plan) => plan.province))].sort(), [plans]);
  const shown = (plans ?? []).filter(
    (plan) => (province === '' || plan.province === province) && (status === '' || plan.status === status) && (review === '' || plan.review.state === review),
  );

  return (
    <section>
      <div class="title-row">
        <h1>{t('plansTitle')}</h1>
        {session.provinces.length > 0 && (
          <a class="button primary" href="/submit">
            {t('newPlan')}
          </a>
        )}
      </div>
      <div class="filters" role="group" aria-label={t('plansTitle')}>
        <label>
          {t('province')}{' '}
          <select value={province} onChange={(event) => setProvince(event.currentTarget.value)}>
            <option value="">{t('allProvinces')}</option>
            {present.map((code) => (
              <option value={code}>{provinceName(code, lang)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}{' '}
          <select value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((value) => (
              <option value={value}>{label('status', value)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('reviewState')}{' '}
          <select value={review} onChange={(event) => setReview(event.currentTarget.value)}>
            <option value="">{t('filterAll')}</option>
            {(['none', 'approved', 'changes-requested'] as const).map((value) => (
              <option value={value}>{label('review', value)}</option>
            ))}
          </select>
        </label>
        {plans !== undefined && <span aria-live="polite">{t('plansCount', { n: shown.length })}</span>}
      </div>
      {error !== undefined && <ErrorNote error={error} onRetry={known.error !== undefined ? known.reload : loaded.reload} />}
      {plans === undefined && error === undefined && <p>{t('loading')}</p>}
      {plans !== undefined && shown.length === 0 && <p>{t('noPlans')}</p>}
      {shown.length > 0 && (
        <div class="table-wrap">
          <table class="data">
            <caption class="sr-only">{t('plansTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('province')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('latestVersion')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col" class="num">
                  {t('objective')}
                </th>
                <th scope="col">{t('reviewState')}</th>
                <th scope="col">{t('lastUpdate')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((plan) => {
                const record = planOfRecordOf(plan.planOfRecord);
                return (
                  <tr>
                    <td>{provinceName(plan.province, lang)}</td>
                    <td>
                      <a href={`/plans/${plan.planId}`}>{plan.name}</a>
                      {record !== null && <span class="badge record">{t('planOfRecord')} v{record}</span>}
                    </td>
                    <td class="num">v{plan.latestVersion}</td>
                    <td>
                      <StatusBadge status={plan.status} />
                    </td>
                    <td class="num">{fmtMoney(plan.objective ?? null)}</td>
                    <td>
                      {label('review', plan.review.state)}
                      {/* A newer version (a scheduled re-plan) never hides the review of an earlier one. */}
                      {plan.lastReviewed !== null && plan.lastReviewed.version !== plan.latestVersion && (
                        <span class={`last-review ${plan.lastReviewed.state === 'changes-requested' ? 'unmet' : ''}`}>
                          {t('lastReviewed', { n: plan.lastReviewed.version, state: label('review', plan.lastReviewed.state) })}
                        </span>
                      )}
                    </td>
                    <td>
                      <time dateTime={plan.updatedAt}>{fmtDateTime(plan.updatedAt)}</time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
