/**
 * The remedies of an infeasible plan (SPEC 7) in the report, in Chinese: the
 * best plan within the budgets and the rules it misses, the least extra money,
 * and where new service areas are needed. Read from the plan's `remedies` by
 * the shape SPEC 7 gives it; a plan without remedies prints nothing here.
 */
import { TERMS } from '../glossary.js';
import type { Dataset, MessageDetail, Plan } from '../types.js';
import { unavailableInChinese } from './report-diagnosis.js';
import { newSitesText, placeNames, ruleText, type RuleView } from './remedy-words.js';
import { type Cursor, UNMET, fmtMoney, heading, paragraph } from './report-page.js';

interface RemediesView {
  withinBudget?: { unavailable: string; unavailableDetail?: MessageDetail } | { rulesMet: number; rulesTotal: number; shortfall: number; unmet: RuleView[]; plan?: Pick<Plan, 'objective' | 'phases'> };
  extraBudget?: { total: number; byPhase: Record<string, number>; dropped: RuleView[] };
  newSites?: { corridor: string; fromKm: number; toKm: number; maxGapKm: number; phase: string; count: number; atKm: number[]; between: [string | null, string | null] }[];
}

/** The remedies section, when the plan carries remedies. */
export function remediesSection(cursor: Cursor, dataset: Dataset, plan: Plan): void {
  const remedies = (plan as Plan & { remedies?: RemediesView }).remedies;
  if (remedies === undefined || remedies === null) return;
  const name = placeNames(dataset);
  heading(cursor, `${TERMS.remedies.zh}：怎样才能做到`);
  const within = remedies.withinBudget;
  if (within !== undefined) {
    heading(cursor, '一、预算内的最佳方案', 2);
    if ('unavailable' in within) {
      paragraph(cursor, `预算内没有任何可行方案：${unavailableInChinese(within, dataset)}`);
    } else {
      const nominal = within.plan?.phases.reduce((sum, phase) => sum + (phase.capex ?? 0), 0);
      paragraph(cursor, `满足 ${within.rulesMet} / ${within.rulesTotal} 条规则，覆盖率目标共差 ${within.shortfall} 个${TERMS.serviceArea.zh}；${TERMS.nominalTotal.zh} ${fmtMoney(nominal, dataset.currency)}。未满足的规则：`);
      for (const rule of within.unmet) paragraph(cursor, `• ${ruleText(rule, name)}`, { indent: 10, color: UNMET });
    }
  }
  const extra = remedies.extraBudget;
  if (extra !== undefined) {
    heading(cursor, '二、追加预算', 2);
    const byPhase = Object.entries(extra.byPhase).map(([phase, value]) => `${phase} 年 ${fmtMoney(value, dataset.currency)}`).join('，');
    paragraph(cursor, `满足全部可满足的规则，最少需追加 ${fmtMoney(extra.total, dataset.currency)}${byPhase === '' ? '' : `（${byPhase}）`}。`);
    if (extra.dropped.length > 0) {
      paragraph(cursor, '不计入的规则（无论投资多少都无法满足）：');
      for (const rule of extra.dropped) paragraph(cursor, `• ${ruleText({ ...rule, impossible: false }, name)}`, { indent: 10 });
    }
  }
  const sites = remedies.newSites ?? [];
  if (sites.length > 0) {
    heading(cursor, `三、需新建${TERMS.serviceArea.zh}的路段`, 2);
    for (const site of sites) paragraph(cursor, `• ${newSitesText(site, name)}`, { indent: 10 });
  }
}
