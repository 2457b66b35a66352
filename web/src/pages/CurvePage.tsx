import { useMemo, useState } from 'preact/hooks';
import { ApiError, createCurve, getCurve, listCurves } from '../api';
import { EChart, type ChartOption } from '../components/EChart';
import { ErrorNote } from '../components/ErrorNote';
import { IssueList } from '../components/IssueList';
import { StatusBadge } from '../components/StatusBadge';
import { currentLang, fmtMoney, fmtNumber, label, t } from '../i18n';
import { navigate } from '../router';
import { useResource } from '../resource';
import { errorText } from '../messages';
import type { CurveView } from '../types';

const POLL_MS = 1000;
const VARIES = ['budgetScale', 'evShareScale', 'target.priority', 'target.standard'] as const;

/** The curve as a chart: nominal capex and rules met against the varied value; infeasible points marked with their best effort. */
export function curveOption(curve: CurveView): ChartOption {
  const points = curve.points;
  const infeasible = points.filter((point) => point.status === 'infeasible');
  return {
    animation: false,
    aria: { enabled: false },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 60, top: 40, bottom: 40 },
    xAxis: { type: 'value', name: label('vary', curve.vary), min: Math.min(curve.from, curve.to), max: Math.max(curve.from, curve.to) },
    yAxis: [
      { type: 'value', name: t('capex'), axisLabel: { formatter: (value: number) => fmtMoney(value) } },
      { type: 'value', name: t('rulesMet'), min: 0 },
    ],
    series: [
      { name: t('capex'), type: 'line', data: points.map((point) => [point.value, point.capex]) },
      { name: t('rulesMet'), type: 'line', yAxisIndex: 1, data: points.map((point) => [point.value, point.rulesMet]) },
      {
        name: t('curveInfeasible'),
        type: 'scatter',
        symbol: 'triangle',
        symbolSize: 14,
        itemStyle: { color: '#c62828' },
        data: infeasible.map((point) => ({ value: [point.value, point.capex], extraBudget: point.extraBudget })),
        label: { show: true, position: 'top', formatter: (item: { data: { extraBudget: number | null } }) => `+${fmtMoney(item.data.extraBudget)}` },
      },
    ],
  };
}

function CurveForm({ planId }: { planId: string }) {
  const [failure, setFailure] = useState<ApiError>();
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    try {
      const limit = String(form.get('remediesTimeLimitSeconds') ?? '');
      const created = await createCurve(planId, {
        vary: String(form.get('vary')), from: Number(form.get('from')), to: Number(form.get('to')), steps: Number(form.get('steps')),
        ...(limit === '' ? {} : { remediesTimeLimitSeconds: Number(limit) }),
      });
      navigate(`/plans/${planId}/curves/${created.curveId}`);
    } catch (error) {
      if (error instanceof ApiError) setFailure(error);
      else throw error;
    }
  };
  return (
    <form class="card curve-form" aria-label={t('newCurve')} onSubmit={(event) => void onSubmit(event)}>
      <h2>{t('newCurve')}</h2>
      <label>
        {t('curveVary')}
        <select name="vary">
          {VARIES.map((vary) => (
            <option value={vary}>{label('vary', vary)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('curveFrom')}
        <input name="from" type="number" step="any" required defaultValue="0.6" />
      </label>
      <label>
        {t('curveTo')}
        <input name="to" type="number" step="any" required defaultValue="1.4" />
      </label>
      <label>
        {t('curveSteps')}
        <input name="steps" type="number" min={2} max={21} required defaultValue="9" />
      </label>
      <label>
        {t('curveRemediesLimit')}
        <input name="remediesTimeLimitSeconds" type="number" min={1} max={600} step="any" placeholder="30" />
      </label>
      <button type="submit">{t('curveGo')}</button>
      {failure !== undefined && (failure.issues.length > 0 ? <IssueList issues={failure.issues} /> : <p class="error" role="alert">{errorText(failure, currentLang())}</p>)}
    </form>
  );
}

/** A plan's trade-off page: the form to start a curve, the plan's curves, and one curve as a chart whose points open their plans. */
export function CurvePage({ planId, curveId }: { planId: string; curveId?: string }) {
  const curves = useResource((signal) => listCurves(planId, { signal }), [planId, curveId]);
  const curve = useResource((signal) => (curveId === undefined ? undefined : getCurve(planId, curveId, { signal })), [planId, curveId], {
    again: (loaded) => (loaded.pending > 0 ? POLL_MS : undefined),
  });
  const shown = curve.value;
  const option = useMemo(() => (shown === undefined ? undefined : curveOption(shown)), [shown]);
  const error = curve.error ?? curves.error;
  return (
    <article class="plan curves">
      <header class="plan-head">
        <h1>{t('curvesTitle')}</h1>
        <p>
          <a href={`/plans/${planId}`}>{t('planVersion', { n: '' }).trim()}</a>
        </p>
      </header>
      {error !== undefined && <ErrorNote error={error} />}
      <CurveForm planId={planId} />
      {(curves.value?.items.length ?? 0) > 0 && (
        <nav class="card" aria-label={t('curvesTitle')}>
          {curves.value!.items.map((item) => (
            <a class="button" href={`/plans/${planId}/curves/${item.curveId}`} aria-current={item.curveId === curveId ? 'page' : undefined}>
              {item.curveId} · {label('vary', item.vary)} {item.from} → {item.to}
            </a>
          ))}
        </nav>
      )}
      {shown !== undefined && option !== undefined && (
        <section class="card" aria-labelledby="curve-title">
          <h2 id="curve-title">
            {shown.curveId} · {label('vary', shown.vary)}
          </h2>
          {shown.pending > 0 && <p role="status">{t('curvePending', { n: shown.pending })}</p>}
          <EChart id="curve-chart" title={t('curveChart')} summary={shown.points.map((point) => `${point.value}: ${point.status} ${fmtMoney(point.capex)}`).join('; ')} option={option} />
          <div class="table-wrap">
            <table class="data curve-points">
              <thead>
                <tr>
                  <th scope="col">{t('curveValue')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col" class="num">{t('capex')}</th>
                  <th scope="col" class="num">{t('rulesMet')}</th>
                  <th scope="col" class="num">{t('extraBudget')}</th>
                  <th scope="col">{t('openPlan')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.points.map((point) => (
                  <tr>
                    <td>{fmtNumber(point.value, 2)}</td>
                    <td>
                      <StatusBadge status={point.status} />
                    </td>
                    <td class="num">{fmtMoney(point.capex)}</td>
                    <td class="num">{point.rulesMet === null ? '–' : `${point.rulesMet} / ${point.rulesTotal}`}</td>
                    <td class="num">{fmtMoney(point.extraBudget)}</td>
                    <td>
                      <a href={`/plans/${planId}/scenarios/${point.scenarioId}`}>{point.scenarioId}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </article>
  );
}
