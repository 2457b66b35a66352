/**
 * The remedies of an infeasible plan (SPEC 7) in the report, in Chinese: the
 * best plan within the budgets and the rules it misses, the least extra money,
 * and where new service areas are needed. Read from the plan's `remedies` by
 * the shape SPEC 7 gives it; a plan without remedies prints nothing here.
 */
import { TERMS } from '../glossary.js';
import type { Dataset, Plan } from '../types.js';
import { type Cursor, UNMET, fmtMoney, heading, paragraph } from './report-page.js';

interface RuleView {
  rule: 'coverage' | 'spacing' | 'required';
  region?: string;
  corridor?: string;
  site?: string;
  phase?: string;
  covered?: number;
  required?: number;
  impossible?: boolean;
}

interface RemediesView {
  withinBudget?: { unavailable: string } | { rulesMet: number; rulesTotal: number; shortfall: number; unmet: RuleView[]; plan?: Pick<Plan, 'objective' | 'phases'> };
  extraBudget?: { total: number; byPhase: Record<string, number>; dropped: RuleView[] };
  newSites?: { corridor: string; fromKm: number; toKm: number; maxGapKm: number; phase: string; count: number; atKm: number[]; between: [string | null, string | null] }[];
}

function names(dataset: Dataset) {
  const regions = new Map(dataset.regions.map((region) => [region.id, region.name ?? region.id]));
  const corridors = new Map(dataset.corridors.map((corridor) => [corridor.id, corridor.name === undefined ? corridor.id : `${corridor.id} ${corridor.name}`]));
  const areas = new Map(dataset.serviceAreas.map((area) => [area.id, area.name === undefined ? area.id : `${area.name}（${area.id}）`]));
  return {
    region: (id: string | undefined) => (id === undefined ? '' : regions.get(id) ?? id),
    corridor: (id: string | undefined) => (id === undefined ? '' : corridors.get(id) ?? id),
    area: (id: string | undefined) => (id === undefined ? '' : areas.get(id) ?? id),
  };
}

function ruleText(rule: RuleView, name: ReturnType<typeof names>): string {
  const phase = rule.phase === undefined ? '' : `${rule.phase} 年`;
  const impossible = rule.impossible === true ? '（无论投资多少都无法满足）' : '';
  if (rule.rule === 'coverage') {
    const figures = rule.covered === undefined || rule.required === undefined ? '' : `：已覆盖 ${rule.covered}，应覆盖 ${rule.required}`;
    return `覆盖率目标 · ${name.region(rule.region)} ${phase}${figures}${impossible}`;
  }
  if (rule.rule === 'spacing') return `最大间距 · ${TERMS.corridor.zh} ${name.corridor(rule.corridor)} ${phase}${impossible}`;
  return `必建${TERMS.serviceArea.zh} · ${name.area(rule.site)} ${phase}${impossible}`;
}

const endName = (name: string | null): string => (name === null ? '路线端点' : name);

/** The remedies section, when the plan carries remedies. */
export function remediesSection(cursor: Cursor, dataset: Dataset, plan: Plan): void {
  const remedies = (plan as Plan & { remedies?: RemediesView }).remedies;
  if (remedies === undefined || remedies === null) return;
  const name = names(dataset);
  heading(cursor, `${TERMS.remedies.zh}：怎样才能做到`);
  const within = remedies.withinBudget;
  if (within !== undefined) {
    heading(cursor, '一、预算内的最佳方案', 2);
    if ('unavailable' in within) {
      paragraph(cursor, `预算内没有任何可行方案：${within.unavailable}`);
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
    for (const site of sites) {
      const at = site.atKm.map((km) => `K${km.toFixed(1)}`).join('、');
      paragraph(
        cursor,
        `• ${name.corridor(site.corridor)} K${site.fromKm.toFixed(1)}（${endName(site.between[0])}）至 K${site.toKm.toFixed(1)}（${endName(site.between[1])}）之间 ${(site.toKm - site.fromKm).toFixed(1)} 公里没有可建${TERMS.serviceArea.zh}，超过 ${site.phase} 年最大间距 ${site.maxGapKm} 公里：需新建 ${site.count} 处，建议位置 ${at}`,
        { indent: 10 },
      );
    }
  }
}
