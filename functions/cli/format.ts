/**
 * Text the plan CLI prints: the plan summary (stdout), validation problems and
 * progress lines (stderr). Pure functions so they can be tested without a solve.
 */
import type { Dataset, Plan, SolveProgress, ValidationIssue } from '../../solver/types.js';

/** 1234567.8 -> "1,234,568": whole currency units, locale-independent. */
export function formatMoney(value: number): string {
  const rounded = Math.round(value);
  const digits = String(Math.abs(rounded));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `-${grouped}` : grouped;
}

function formatPercent(share: number, decimals = 1): string {
  return `${(share * 100).toFixed(decimals)}%`;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Each problem on its own line, by JSON path. */
export function formatIssues(file: string, issues: readonly ValidationIssue[]): string {
  const head = `${file}: invalid data set, ${issues.length} problem${issues.length === 1 ? '' : 's'}:`;
  return [head, ...issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n') + '\n';
}

/** One progress line, e.g. "[  12.3 s] search  best 1.23e+8  bound 1.20e+8  gap 2.44%". */
export function formatProgress(p: SolveProgress): string {
  const parts = [`[${(p.elapsedMs / 1000).toFixed(1).padStart(6)} s] ${p.stage}`];
  if (p.incumbent !== undefined && p.incumbent !== null) parts.push(`best ${formatMoney(p.incumbent)}`);
  if (p.bound !== undefined && p.bound !== null) parts.push(`bound ${formatMoney(p.bound)}`);
  if (p.incumbent && p.bound !== undefined && p.bound !== null) {
    parts.push(`gap ${formatPercent(Math.max(0, (p.incumbent - p.bound) / Math.abs(p.incumbent)), 2)}`);
  }
  if (p.message) parts.push(p.message);
  return parts.join('  ') + '\n';
}

/** The readable summary of a plan: status, cost, then per phase spending and coverage per region. */
export function formatSummary(dataset: Dataset, plan: Plan): string {
  const currency = dataset.currency;
  const lines: string[] = [];
  lines.push(`${dataset.name} (${dataset.province}): ${dataset.serviceAreas.length} service areas, ${dataset.phases.length} phases`);
  lines.push(`Status     ${plan.status} (${plan.stats.engine}, ${formatSeconds(plan.stats.ms)})`);
  if (plan.objective !== null) lines.push(`Objective  ${formatMoney(plan.objective)} ${currency} (discounted total)`);
  if (plan.bound !== null) {
    const gap = plan.gap === null ? 'unknown' : formatPercent(plan.gap, 4);
    lines.push(`Bound      ${formatMoney(plan.bound)} ${currency}, gap ${gap}`);
  }

  const regionById = new Map(dataset.regions.map((r) => [r.id, r]));
  const phaseById = new Map(dataset.phases.map((p) => [p.id, p]));
  const hasPlan = plan.status === 'optimal' || plan.status === 'feasible';
  if (hasPlan) {
    for (const ph of plan.phases) {
      const input = phaseById.get(ph.id);
      let spending = `spending ${formatMoney(ph.capex)} ${currency}`;
      if (input?.budget !== undefined) {
        const used = input.budget > 0 ? `, ${formatPercent(ph.capex / input.budget)} used` : '';
        spending += ` (budget ${formatMoney(input.budget)}${used})`;
      }
      const gap = input?.maxGapKm !== undefined ? `, maxGapKm ${input.maxGapKm}` : '';
      lines.push('');
      lines.push(`Phase ${ph.id}: ${ph.newSites} new sites, ${ph.piles} piles in service, ${spending}${gap}`);
      const width = Math.max(0, ...ph.coverage.map((c) => regionLabel(regionById, c.region).length));
      for (const c of ph.coverage) {
        const label = regionLabel(regionById, c.region).padEnd(width);
        const required = c.required === null ? 'no target' : `required ${c.required}`;
        const flag = c.required !== null && c.covered < c.required ? '  BELOW TARGET' : '';
        lines.push(`  ${label}  ${c.covered}/${c.total} (${required})  ${formatPercent(c.rate)}${flag}`);
      }
    }
  }
  if (plan.warnings.length > 0) {
    lines.push('');
    lines.push('Warnings');
    for (const w of plan.warnings) lines.push(`  - ${w}`);
  }
  if (plan.diagnosis.length > 0) {
    lines.push('');
    lines.push('Diagnosis');
    for (const d of plan.diagnosis) lines.push(`  - ${d}`);
  }
  return lines.join('\n') + '\n';
}

function regionLabel(regions: Map<string, Dataset['regions'][number]>, id: string): string {
  const r = regions.get(id);
  if (!r) return id;
  return `${id}${r.name ? ` ${r.name}` : ''} [${r.class}]`;
}
