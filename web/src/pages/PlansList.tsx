import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson } from '../api';
import type { Session } from '../auth';
import { ErrorNote } from '../components/ErrorNote';
import { StatusBadge } from '../components/StatusBadge';
import { currentLang, fmtDateTime, fmtMoney, label, t } from '../i18n';
import { provinceName } from '../provinces';
import { planOfRecordOf, reviewStateOf, type PlanHeader, type Status } from '../types';

const STATUSES: Status[] = ['queued', 'solving', 'optimal', 'feasible', 'infeasible', 'failed'];

/** Every plan of one province, following the API's cursor. */
async function plansOf(province: string): Promise<PlanHeader[]> {
  const plans: PlanHeader[] = [];
  let cursor: string | undefined;
  do {
    const page = await getJson<{ items: PlanHeader[]; nextCursor?: string }>(
      `/v1/plans?province=${encodeURIComponent(province)}&limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    );
    plans.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return plans;
}

/** The plans list: a province user sees its own province, a reviewer every province. */
export function PlansList({ session }: { session: Session }) {
  const [plans, setPlans] = useState<PlanHeader[]>();
  const [error, setError] = useState<unknown>();
  const [province, setProvince] = useState('');
  const [status, setStatus] = useState('');
  const [review, setReview] = useState('');
  const [attempt, setAttempt] = useState(0);

  // A province user's own provinces; a reviewer's are those with plans, which the API's listing across the country names.
  const [provinces, setProvinces] = useState<readonly string[] | undefined>(session.reviewer ? undefined : session.provinces);
  useEffect(() => {
    if (provinces !== undefined) return;
    let live = true;
    getJson<{ provinces: string[] }>('/v1/plans?limit=1').then(
      (answer) => {
        if (!live) return;
        setProvinces(answer.provinces);
        setProvincesToLoad(answer.provinces);
        if (answer.provinces.length === 0) setPlans([]);
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [provinces, attempt]);

  // Every province at first (and on retry), then only the provinces whose plans are still solving.
  const [provincesToLoad, setProvincesToLoad] = useState<readonly string[]>(provinces ?? []);
  useEffect(() => {
    if (provincesToLoad.length === 0) return;
    let live = true;
    Promise.all(provincesToLoad.map(plansOf)).then(
      (lists) =>
        live &&
        setPlans((earlier) =>
          [...(earlier ?? []).filter((plan) => !provincesToLoad.includes(plan.province)), ...lists.flat()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
        ),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [provincesToLoad, attempt]);
  const busyProvinces = [...new Set((plans ?? []).filter((plan) => plan.status === 'queued' || plan.status === 'solving').map((plan) => plan.province))];
  useEffect(() => {
    if (busyProvinces.length === 0) return;
    const timer = setTimeout(() => {
      setProvincesToLoad(busyProvinces);
      setAttempt((n) => n + 1);
    }, 2000);
    return () => clearTimeout(timer);
  }, [busyProvinces.join(), plans]);

  const lang = currentLang();
  const present = useMemo(() => [...new Set((plans ?? []).map((plan) => plan.province))].sort(), [plans]);
  const shown = (plans ?? []).filter(
    (plan) => (province === '' || plan.province === province) && (status === '' || plan.status === status) && (review === '' || reviewStateOf(plan.review) === review),
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
      {error !== undefined && <ErrorNote error={error} onRetry={() => (setError(undefined), setProvincesToLoad(provinces ?? []), setAttempt((n) => n + 1))} />}
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
                    <td>{label('review', reviewStateOf(plan.review))}</td>
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
