import { useMemo } from 'preact/hooks';
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

  const coverage = useMemo((): ChartOption => {
    const regions = phases[0]?.coverage.map((row) => row.region) ?? [];
    return {
      animation: false,
      aria: { enabled: false },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${fmtNumber(value, 1)}%` },
      legend: { top: 0, textStyle: AXIS_TEXT },
      grid: { left: 50, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: regions.map(regionName), axisLabel: AXIS_TEXT },
      yAxis: { type: 'value', max: 100, name: '%', axisLabel: AXIS_TEXT },
      series: phases.flatMap((phase) => {
        const colour = phaseColour(phaseIds, phase.id);
        const byRegion = new Map(phase.coverage.map((row) => [row.region, row]));
        return [
          { name: phase.id, type: 'bar', itemStyle: { color: colour }, data: regions.map((region) => +(100 * (byRegion.get(region)?.rate ?? 0)).toFixed(1)) },
          {
            name: t('target'),
            type: 'scatter',
            symbol: 'rect',
            symbolSize: [22, 4],
            itemStyle: { color: '#000000', borderColor: colour, borderWidth: 1 },
            data: regions.map((region) => {
              const row = byRegion.get(region);
              return row === undefined || row.required === null || row.total === 0 ? null : +((100 * row.required) / row.total).toFixed(1);
            }),
          },
        ];
      }),
    };
  }, [phases, dataset]);

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
        <EChart id="chart-coverage" title={t('chartCoverage')} summary={coverageSummary} option={coverage} />
        <EChart id="chart-spending" title={t('chartSpending')} summary={spendingSummary} option={spending} />
        <EChart id="chart-piles" title={t('chartPiles')} summary={pilesSummary} option={piles} />
      </div>
    </section>
  );
}
