import { useMemo, useState } from 'preact/hooks';
import { currentLang, fmtMoney, fmtNumber, fmtPercent, t } from '../i18n';
import { phaseColour } from '../phases';
import type { DatasetContext, PhaseSummary } from '../types';
import { EChart, type ChartOption } from './EChart';

const AXIS_TEXT = { color: '#263238' };

/** Money on a chart axis: 万元 for Chinese readers of yuan, else currency units. */
function moneyScale(currency: string): { divisor: number; unit: string } {
  return currentLang() === 'zh' && currency === 'CNY' ? { divisor: 10_000, unit: '万元' } : { divisor: 1, unit: currency };
}

/** Coverage per region and phase against its target; spending per phase against its budget; piles per phase. */
export function Charts({ phases, dataset }: { phases: PhaseSummary[]; dataset: DatasetContext }) {
  const phaseIds = phases.map((phase) => phase.id);
  // Closed phases (before a re-plan's as-of date) are history: say so on the axis.
  const phaseNames = phases.map((phase) => (phase.closed ? t('closedPhase', { id: phase.id }) : phase.id));
  const regionName = (id: string) => dataset.regions.find((region) => region.id === id)?.name ?? id;

  // Coverage one phase at a time (the last phase with targets first): one bar per region, its target marker on that bar
  // at the target rate, red when the region misses it; horizontal, so every region's name shows.
  const targetPhases = phases.filter((phase) => phase.coverage.some((row) => row.required !== null));
  const [chosen, setChosen] = useState<string>();
  const coveragePhase = phases.find((phase) => phase.id === chosen) ?? targetPhases.at(-1) ?? phases.at(-1);
  const regionRows = coveragePhase?.coverage ?? [];
  const coverage = useMemo((): ChartOption => {
    const targets = dataset.phases.find((phase) => phase.id === coveragePhase?.id)?.targets ?? null;
    const classOf = (id: string) => dataset.regions.find((region) => region.id === id)?.class;
    const targetRate = (id: string): number | null => {
      const cls = classOf(id);
      const rate = cls === undefined ? undefined : targets?.[cls];
      return rate === undefined ? null : +(100 * rate).toFixed(1);
    };
    // Top to bottom in the data set's order.
    const rows = [...regionRows].reverse();
    return {
      animation: false,
      aria: { enabled: false },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: number | null) => (value === null ? '–' : `${fmtNumber(value, 1)}%`) },
      legend: { top: 0, textStyle: AXIS_TEXT },
      grid: { left: 8, right: 24, top: 30, bottom: 24, containLabel: true },
      yAxis: { type: 'category', data: rows.map((row) => regionName(row.region)), axisLabel: { ...AXIS_TEXT, interval: 0 } },
      xAxis: { type: 'value', max: 100, name: '%', axisLabel: AXIS_TEXT },
      series: [
        {
          name: t('coverage'),
          type: 'bar',
          barMaxWidth: 18,
          itemStyle: { color: '#2e7d32' },
          data: rows.map((row) => ({ value: +(100 * row.rate).toFixed(1), itemStyle: { color: row.met === false ? '#c62828' : '#2e7d32' } })),
        },
        { name: t('target'), type: 'scatter', symbol: 'rect', symbolSize: [4, 22], itemStyle: { color: '#000000' }, data: rows.map((row) => targetRate(row.region)) },
      ],
    };
  }, [coveragePhase, dataset]);

  const spending = useMemo((): ChartOption => {
    const { divisor, unit } = moneyScale(dataset.currency);
    const budgets = phases.map((phase) => dataset.phases.find((p) => p.id === phase.id)?.budget ?? null);
    return {
      animation: false,
      aria: { enabled: false },
      tooltip: { trigger: 'axis', valueFormatter: (value: number | null) => (value === null ? '–' : `${fmtNumber(value, 1)} ${unit}`) },
      legend: { top: 0, textStyle: AXIS_TEXT },
      grid: { left: 70, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: phaseNames, axisLabel: AXIS_TEXT },
      yAxis: { type: 'value', name: unit, axisLabel: AXIS_TEXT },
      series: [
        { name: t('spending'), type: 'bar', itemStyle: { color: '#546e7a' }, data: phases.map((phase) => ({ value: phase.capex === null ? null : +(phase.capex / divisor).toFixed(1), itemStyle: { color: phaseColour(phaseIds, phase.id) } })) },
        { name: t('budget'), type: 'scatter', symbol: 'rect', symbolSize: [48, 4], itemStyle: { color: '#b71c1c' }, data: budgets.map((budget) => (budget === null ? null : +(budget / divisor).toFixed(1))) },
      ],
    };
  }, [phases, dataset]);

  const piles = useMemo(
    (): ChartOption => ({
      animation: false,
      aria: { enabled: false },
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 16, top: 24, bottom: 30 },
      xAxis: { type: 'category', data: phaseNames, axisLabel: AXIS_TEXT },
      yAxis: { type: 'value', name: t('piles'), axisLabel: AXIS_TEXT },
      series: [{ name: t('piles'), type: 'bar', label: { show: true, position: 'top', color: '#263238' }, data: phases.map((phase) => ({ value: phase.piles, itemStyle: { color: phaseColour(phaseIds, phase.id) } })) }],
    }),
    [phases, phaseNames.join()],
  );

  const coverageSummary = phases
    .map((phase) => `${phase.id}: ${phase.coverage.map((row) => `${regionName(row.region)} ${fmtPercent(row.rate)}${row.required === null ? '' : ` (${t('target')} ${fmtNumber(row.required)}/${fmtNumber(row.total)})`}`).join(', ')}`)
    .join('; ');
  const spendingSummary = phases
    .map((phase) => {
      const budget = dataset.phases.find((p) => p.id === phase.id)?.budget ?? null;
      return `${phase.id}: ${fmtMoney(phase.capex, dataset.currency)}${budget === null ? '' : ` / ${t('budget')} ${fmtMoney(budget, dataset.currency)}`}`;
    })
    .join('; ');
  const pilesSummary = phases.map((phase) => `${phase.id}: ${fmtNumber(phase.piles)}`).join('; ');

  return (
    <section class="card" aria-labelledby="charts-title">
      <h2 id="charts-title">{t('chartsTitle')}</h2>
      <div class="charts">
        <div>
          {targetPhases.length > 1 && (
            <label class="inline">
              {t('chartCoveragePhase')}
              <select value={coveragePhase?.id} onChange={(event) => setChosen((event.target as HTMLSelectElement).value)}>
                {phases.map((phase, index) => (
                  <option value={phase.id}>{phaseNames[index]}</option>
                ))}
              </select>
            </label>
          )}
          <EChart id="chart-coverage" title={`${t('chartCoverage')} · ${coveragePhase?.id ?? ''}`} summary={coverageSummary} option={coverage} height={Math.max(240, 60 + 26 * regionRows.length)} />
        </div>
        <EChart id="chart-spending" title={t('chartSpending')} summary={spendingSummary} option={spending} />
        <EChart id="chart-piles" title={t('chartPiles')} summary={pilesSummary} option={piles} />
      </div>
    </section>
  );
}
