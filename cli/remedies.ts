/**
 * Text the plan CLI prints after the diagnosis of an infeasible plan: its
 * remedies (SPEC section 7). A pure function, tested without a solve.
 */
import type { Dataset, Plan, Remedies, RuleRef, UnmetRule } from '../solver/types.js';
import { formatMoney } from './format.js';

const named = (id: string, name: string | undefined): string => (name ? `${id} ${name}` : id);

function ruleText(dataset: Dataset, rule: RuleRef | UnmetRule): string {
  if (rule.rule === 'coverage') {
    const region = dataset.regions.find((r) => r.id === rule.region);
    const figures = 'covered' in rule ? `: ${rule.covered} covered of ${rule.required} required` : '';
    return `coverage of region ${named(rule.region, region?.name)} in ${rule.phase}${figures}`;
  }
  if (rule.rule === 'spacing') {
    const corridor = dataset.corridors.find((c) => c.id === rule.corridor);
    return `spacing on corridor ${named(rule.corridor, corridor?.name)} in ${rule.phase}`;
  }
  const site = dataset.serviceAreas.find((s) => s.id === rule.site);
  return `required service area ${named(rule.site, site?.name)} by ${rule.phase}`;
}

function planText(plan: Plan, currency: string): string {
  const gap = plan.status === 'optimal' || plan.gap === null ? '' : `, gap ${(plan.gap * 100).toFixed(4)}%`;
  return `cost ${formatMoney(plan.objective ?? 0)} ${currency} (${plan.status}${gap})`;
}

/** The three remedies: rules met of total and those missed, the extra money per phase, the new sites with km and names. */
export function formatRemedies(dataset: Dataset, remedies: Remedies): string {
  const currency = dataset.currency;
  const lines: string[] = ['', 'Remedies (what it would take)'];
  const within = remedies.withinBudget;
  if ('unavailable' in within) {
    lines.push(`  Within the budgets: unavailable, ${within.unavailable}`);
  } else {
    const missing = within.shortfall === 1 ? '1 service area' : `${within.shortfall} service areas`;
    lines.push(`  Within the budgets: ${within.rulesMet} of ${within.rulesTotal} rules met, shortfall ${missing}; ${planText(within.plan, currency)}`);
    for (const rule of within.unmet) lines.push(`    - misses ${ruleText(dataset, rule)}${rule.impossible ? ' (impossible)' : ''}`);
  }
  const extra = remedies.extraBudget;
  const phases = Object.entries(extra.byPhase).map(([id, v]) => `${id}: ${formatMoney(v)}`);
  lines.push(
    `  With more money: ${formatMoney(extra.total)} ${currency} over the budgets${phases.length > 0 ? ` (${phases.join(', ')})` : ' (no budgets)'}; ${planText(extra.plan, currency)}`,
  );
  for (const rule of extra.dropped) lines.push(`    - drops ${ruleText(dataset, rule)} (impossible)`);
  if (remedies.newSites.length === 0) lines.push('  New sites: none needed');
  else lines.push('  New sites:');
  for (const n of remedies.newSites) {
    const corridor = dataset.corridors.find((c) => c.id === n.corridor);
    const end = (name: string | null, km: number): string => `${name ?? 'corridor end'} (km ${km.toFixed(1)})`;
    lines.push(
      `    - corridor ${named(n.corridor, corridor?.name)}: ${n.count} new site${n.count === 1 ? '' : 's'} at km ${n.atKm.map((k) => k.toFixed(1)).join(', ')}` +
        ` between ${end(n.between[0], n.fromKm)} and ${end(n.between[1], n.toKm)}; maxGapKm ${n.maxGapKm} from ${n.phase}`,
    );
  }
  return lines.join('\n') + '\n';
}
