/**
 * The scenario comparison page of the report (SPEC 8, the "chosen
 * scenarios side by side"): the reported version's plan and each chosen
 * scenario (or curve point) in one column each: its changes in words, its
 * status, total nominal investment, spending and regions meeting their targets
 * per phase, and the rules met, the coverage shortfall and the extra money of
 * SPEC 7 (an infeasible scenario's figures are those of its best plan within
 * the budgets). A scenario not solved yet or failed shows its status only.
 * Pure: the caller loads each scenario's changed data set and plan.
 */
import { PLAN_STATUS, REGION_CLASS, TERMS } from '../glossary.js';
import { curvePoint, type CurvePoint, type PointRemedies } from '../curve.js';
import { countRules } from '../remedies/index.js';
import type { ScenarioChanges } from '../scenario.js';
import { targetsMatrix } from '../targets.js';
import type { Dataset, Plan } from '../types.js';
import { type Column, type Cursor, type TableCell, CONTENT_WIDTH, MET, MUTED, UNMET, fmtMoney, heading, newPage, paragraph, table } from './report-page.js';

export { REPORT_SCENARIOS_MAX } from './report-limits.js';

/** A chosen scenario as the report shows it. */
export interface ReportScenario {
  /** `s1`, or a curve's point `c1-3`. */
  id: string;
  name: string;
  changes: ScenarioChanges;
  asOf: string | null;
  status: keyof typeof PLAN_STATUS;
  /** Its changed data set and its plan, once solved. */
  solved?: { dataset: Dataset; plan: Plan };
  /** Why it failed, when it did. */
  failure?: string;
}

const percent = (rate: number): string => `${Number((rate * 100).toFixed(2))}%`;
const COST_WORDS: Record<string, string> = { site: '每站固定费用', perPile: '每桩费用', gridPerKw: '电网每千瓦费用', discountRate: TERMS.discountRate.zh };

/** A scenario's changes in Chinese, one short line each (`预算 ×0.8`, `2025 年重点地区目标 90%`). */
export function changesInChinese(changes: ScenarioChanges, currency: string): string[] {
  const lines: string[] = [];
  if (typeof changes.budgetScale === 'number') lines.push(`${TERMS.budget.zh} ×${changes.budgetScale}（各分期）`);
  else for (const [phase, scale] of Object.entries(changes.budgetScale ?? {})) lines.push(`${phase} 年${TERMS.budget.zh} ×${scale}`);
  if (changes.evShareScale !== undefined) lines.push(`电动车占比 ×${changes.evShareScale}`);
  if (changes.trafficGrowth !== undefined) lines.push(`交通量年增长率 ${percent(changes.trafficGrowth)}`);
  for (const [key, value] of Object.entries(changes.costs ?? {})) {
    const shown = key === 'discountRate' ? percent(value as number) : key === 'gridPerKw' ? `${value} ${currency === 'CNY' ? '元' : currency}` : fmtMoney(value as number, currency);
    lines.push(`${COST_WORDS[key] ?? key} ${shown}`);
  }
  for (const [phase, targets] of Object.entries(changes.targets ?? {})) {
    for (const [cls, share] of Object.entries(targets)) lines.push(`${phase} 年${REGION_CLASS[cls as keyof typeof REGION_CLASS]?.zh ?? cls}${TERMS.target.zh} ${percent(share as number)}`);
  }
  for (const [phase, km] of Object.entries(changes.maxGapKm ?? {})) lines.push(`${phase} 年最大间距 ${km} 公里`);
  return lines;
}

/** One column's figures: SPEC 8's point figures and, per phase, spending and regions meeting their targets. */
interface ColumnFigures {
  status: keyof typeof PLAN_STATUS;
  point?: CurvePoint;
  phases: Map<string, { capex: number | null; met: number; total: number; hasTargets: boolean }>;
}

function figures(dataset: Dataset, plan: Plan): ColumnFigures {
  const point = curvePoint(0, plan as Plan & { remedies?: PointRemedies }, countRules(dataset).rulesTotal);
  // An infeasible plan's figures are its best plan within the budgets' (SPEC 7.1), when it has one.
  const within = (plan as Plan & { remedies?: PointRemedies }).remedies?.withinBudget;
  const shown = plan.status === 'infeasible' && within !== undefined && 'plan' in within ? { ...plan, objective: within.plan.objective, phases: within.plan.phases } : plan;
  const matrix = targetsMatrix(dataset, shown);
  const counts = new Map(matrix.phases.map((phase) => [phase.phase, phase]));
  const noPlan = shown.objective === null;
  const phases = new Map(
    shown.phases.map((phase) => {
      const targets = counts.get(phase.id);
      const capex = noPlan && phase.closed !== true ? null : phase.capex;
      return [phase.id, { capex, met: targets?.targetsMet ?? 0, total: targets?.targetsTotal ?? 0, hasTargets: targets?.hasTargets === true }] as const;
    }),
  );
  return { status: plan.status, point, phases };
}

const count = (value: number | null | undefined, of?: number | null): string => (value === null || value === undefined ? '—' : of === undefined || of === null ? String(value) : `${value} / ${of}`);

/** The comparison page: the plan and the chosen scenarios side by side. Prints nothing for no scenarios. */
export function scenarioComparisonSection(cursor: Cursor, dataset: Dataset, plan: Plan, version: number | null, scenarios: readonly ReportScenario[]): void {
  if (scenarios.length === 0) return;
  const { currency } = dataset;
  newPage(cursor);
  heading(cursor, `情景对比（${scenarios.length} 个情景）`);
  paragraph(cursor, '情景只在本方案的数据上改变所列各项，各自求解，不生成新版本，也不改变正式方案。无可行解的情景列出其预算内最佳方案的数字（满足规则数、覆盖差额）和满足全部规则最少需追加的资金。', { size: 8.5, color: MUTED });
  for (const scenario of scenarios) {
    const words = changesInChinese(scenario.changes, currency);
    const asOf = scenario.asOf === null ? '' : `；按 ${scenario.asOf} 重新规划`;
    paragraph(cursor, `${scenario.id}「${scenario.name}」：${words.length === 0 ? '不改变数据' : words.join('；')}${asOf}`);
    if (scenario.failure !== undefined) paragraph(cursor, `${PLAN_STATUS.failed.zh}：${scenario.failure}`, { indent: 10, color: UNMET });
  }
  cursor.y += 4;

  const base = figures(dataset, plan);
  const columns = [base, ...scenarios.map((scenario): ColumnFigures => (scenario.solved === undefined ? { status: scenario.status, phases: new Map() } : figures(scenario.solved.dataset, scenario.solved.plan)))];
  const labelWidth = 110;
  const width = (CONTENT_WIDTH - labelWidth) / columns.length;
  const header: Column[] = [
    { header: '', width: labelWidth },
    { header: version === null ? '本方案' : `本方案\n第 ${version} 版`, width, align: 'right' },
    ...scenarios.map((scenario): Column => ({ header: `${scenario.id}\n${scenario.name}`, width, align: 'right' })),
  ];
  const statusCell = (column: ColumnFigures): TableCell => ({ lines: [PLAN_STATUS[column.status].zh], color: column.status === 'optimal' || column.status === 'feasible' ? MET : column.status === 'infeasible' || column.status === 'failed' ? UNMET : MUTED });
  const rows: TableCell[][] = [
    ['求解状态', ...columns.map(statusCell)],
    [TERMS.nominalTotal.zh, ...columns.map((column) => fmtMoney(column.point?.capex, currency))],
  ];
  for (const phase of plan.phases) rows.push([`${phase.id} 年${TERMS.spending.zh}`, ...columns.map((column) => fmtMoney(column.phases.get(phase.id)?.capex, currency))]);
  for (const phase of plan.phases) {
    rows.push([
      `${phase.id} 年达标${TERMS.region.zh}`,
      ...columns.map((column): TableCell => {
        const shown = column.phases.get(phase.id);
        if (shown === undefined) return '—';
        if (!shown.hasTargets) return '无目标';
        return { lines: [`${shown.met} / ${shown.total}`], color: shown.met === shown.total ? MET : UNMET };
      }),
    ]);
  }
  rows.push(['满足规则', ...columns.map((column) => count(column.point?.rulesMet, column.point?.rulesTotal))]);
  rows.push([`覆盖${TERMS.shortfall.zh}（${TERMS.serviceArea.zh}）`, ...columns.map((column) => count(column.point?.shortfall))]);
  rows.push(['需追加资金', ...columns.map((column) => fmtMoney(column.point?.extraBudget, currency))]);
  table(cursor, header, rows, { size: 8, headerLines: 2 });
  paragraph(cursor, '“—”：没有该数字（尚未求解、求解失败，或无可行解且没有预算内方案）。', { size: 8, color: MUTED });
}
