/**
 * The remedies sheet of an infeasible plan's workbook (SPEC 7): rules met and
 * the shortfall within the budgets with every unmet rule in the planner's words,
 * the extra money per phase, the rules no money can meet, and the new-site
 * proposals. One row per figure or item; the remedies' own site selections are
 * downloads of their own (`sites?remedy=`).
 */
import { PLAN_STATUS } from '../glossary.js';
import type { Cell } from '../site-columns.js';
import type { Dataset, Remedies } from '../types.js';
import { newSitesText, placeNames, ruleText } from './remedy-words.js';
import { unavailableInChinese } from './report-diagnosis.js';

export const REMEDIES_SHEET = '补救方案 remedies';

export const REMEDIES_COLUMNS = [
  { header: '方案 / remedy' },
  { header: '项目 / item' },
  { header: '分期 / phase' },
  { header: '说明 / detail' },
  { header: '数值 / value', numFmt: '#,##0.##' },
] as const;

const WITHIN = '预算内最佳 withinBudget';
const EXTRA = '追加预算 extraBudget';
const NEW_SITES = '新建服务区 newSites';

const nominal = (phases: readonly { capex: number | null }[]): number => phases.reduce((sum, phase) => sum + (phase.capex ?? 0), 0);

/** The sheet's rows, and which of them hold money (formatted as the other sheets' money). */
export function remediesRows(dataset: Dataset, remedies: Remedies): { rows: Cell[][]; money: number[] } {
  const name = placeNames(dataset);
  const rows: Cell[][] = [];
  const money: number[] = [];
  const add = (row: Cell[], isMoney = false) => {
    if (isMoney) money.push(rows.length);
    rows.push(row);
  };
  const within = remedies.withinBudget;
  if ('unavailable' in within) {
    add([WITHIN, '无可行方案 / unavailable', null, unavailableInChinese(within, dataset), null]);
  } else {
    add([WITHIN, '满足规则 / rules met', null, `${within.rulesMet} / ${within.rulesTotal}`, within.rulesMet]);
    add([WITHIN, '覆盖差额（服务区）/ shortfall', null, null, within.shortfall]);
    add([WITHIN, `总投资（名义）/ nominal total (${dataset.currency})`, null, PLAN_STATUS[within.plan.status].zh, nominal(within.plan.phases)], true);
    for (const rule of within.unmet) add([WITHIN, '未满足 / unmet', rule.phase, ruleText(rule, name), rule.rule === 'coverage' ? rule.required - rule.covered : null]);
  }
  const extra = remedies.extraBudget;
  add([EXTRA, `追加合计 / extra total (${dataset.currency})`, null, null, extra.total], true);
  for (const [phase, value] of Object.entries(extra.byPhase)) add([EXTRA, `追加 / extra (${dataset.currency})`, phase, null, value], true);
  add([EXTRA, `总投资（名义）/ nominal total (${dataset.currency})`, null, PLAN_STATUS[extra.plan.status].zh, nominal(extra.plan.phases)], true);
  for (const rule of extra.dropped) add([EXTRA, '不计入（无法满足）/ dropped', rule.phase, ruleText(rule, name), null]);
  if (remedies.newSites.length === 0) add([NEW_SITES, '无需新建 / none needed', null, null, 0]);
  for (const site of remedies.newSites) add([NEW_SITES, `${site.corridor} K${site.fromKm.toFixed(1)}-K${site.toKm.toFixed(1)}`, site.phase, newSitesText(site, name), site.count]);
  return { rows, money };
}
