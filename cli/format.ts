/**
 * Text the plan CLI prints: the plan summary (stdout), validation problems and
 * progress lines (stderr). Pure functions so they can be tested without a solve.
 */
import type { PlanDiff } from '../solver/diff.js';
import { formatWorkbookIssue, type WorkbookIssue } from '../solver/formats/issues.js';
import { relativeGap } from '../solver/rules.js';
import type { CurvePoint } from '../solver/curve.js';
import type { Dataset, Plan, SolveProgress } from '../solver/types.js';

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

/** Each problem on its own line, by JSON path (after its sheet and cell when it comes from a workbook). */
export function formatIssues(file: string, issues: readonly WorkbookIssue[], noun = 'data set'): string {
  const head = `${file}: invalid ${noun}, ${issues.length} problem${issues.length === 1 ? '' : 's'}:`;
  return [head, ...issues.map((i) => `  ${formatWorkbookIssue(i)}`)].join('\n') + '\n';
}

/** One progress line, e.g. "[  12.3 s] search  best 1.23e+8  bound 1.20e+8  gap 2.44%". */
export function formatProgress(p: SolveProgress): string {
  const parts = [`[${(p.elapsedMs / 1000).toFixed(1).padStart(6)} s] ${p.stage}`];
  if (p.incumbent !== undefined && p.incumbent !== null) parts.push(`best ${formatMoney(p.incumbent)}`);
  if (p.bound !== undefined && p.bound !== null) parts.push(`bound ${formatMoney(p.bound)}`);
  if (p.incumbent && p.bound !== undefined && p.bound !== null) {
    parts.push(`gap ${formatPercent(relativeGap(p.incumbent, p.bound), 2)}`);
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
  if (plan.asOf !== undefined) {
    const closed = plan.phases.filter((p) => p.closed).map((p) => p.id);
    const progress = plan.progressAsOf ? `progress as of ${plan.progressAsOf}` : 'no progress report counted';
    lines.push(`As of      ${plan.asOf}: ${progress}; closed phases ${closed.length > 0 ? closed.join(', ') : 'none'} (objective and bound count the open phases only)`);
  }

  const regionById = new Map(dataset.regions.map((r) => [r.id, r]));
  const phaseById = new Map(dataset.phases.map((p) => [p.id, p]));
  const hasPlan = plan.status === 'optimal' || plan.status === 'feasible';
  for (const ph of plan.phases) {
    if (!hasPlan && !ph.closed) continue;
    const input = phaseById.get(ph.id);
    const gap = input?.maxGapKm !== undefined ? `, maxGapKm ${input.maxGapKm}` : '';
    lines.push('');
    if (ph.closed) {
      const spent = ph.capex === null ? 'spending not reported' : `spent ${formatMoney(ph.capex)} ${currency} (reported)`;
      lines.push(`Phase ${ph.id} (closed, as built): ${ph.newSites} new sites, ${ph.piles} piles in service, ${spent}`);
    } else {
      const capex = ph.capex ?? 0;
      let spending = `spending ${formatMoney(capex)} ${currency}`;
      if (input?.budget !== undefined) {
        const used = input.budget > 0 ? `, ${formatPercent(capex / input.budget)} used` : '';
        spending += ` (budget ${formatMoney(input.budget)}${used})`;
      }
      lines.push(`Phase ${ph.id}: ${ph.newSites} new sites, ${ph.piles} piles in service, ${spending}${gap}`);
    }
    const width = Math.max(0, ...ph.coverage.map((c) => regionLabel(regionById, c.region).length));
    for (const c of ph.coverage) {
      const label = regionLabel(regionById, c.region).padEnd(width);
      const required = c.required === null ? 'no target' : `required ${c.required}`;
      const below = c.required !== null && c.covered < c.required;
      const flag = ph.closed ? (c.required === null ? '' : below ? '  MISSED' : '  met') : below ? '  BELOW TARGET' : '';
      lines.push(`  ${label}  ${c.covered}/${c.total} (${required})  ${formatPercent(c.rate)}${flag}`);
    }
  }
  if (plan.slipped !== undefined) {
    lines.push('');
    lines.push(`Slipped    ${plan.slipped.length === 0 ? 'none' : `${plan.slipped.length}: ${plan.slipped.join(', ')}`} (planned in a closed phase by the previous plan, not reported in service)`);
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

function signedMoney(value: number): string {
  return value > 0 ? `+${formatMoney(value)}` : formatMoney(value);
}

function changeText(c: { from: number | null; to: number | null; delta: number | null }): string {
  const show = (v: number | null): string => (v === null ? 'none' : formatMoney(v));
  return `${show(c.from)} -> ${show(c.to)}${c.delta === null ? '' : ` (${signedMoney(c.delta)})`}`;
}

/** The readable summary of a plan diff: inputs, objective, changed sites by kind, capex per phase, coverage that changed. */
export function formatDiff(diff: PlanDiff, fromName: string, toName: string): string {
  const lines: string[] = [`${fromName} -> ${toName}`];
  const { from, to } = diff.inputs;
  const inputs = (i: PlanDiff['inputs']['from']): string =>
    `revision ${i.dataRevision ?? '-'}, progress ${i.progressAsOf ?? '-'}, closed ${i.closedPhases.length > 0 ? i.closedPhases.join(',') : '-'}`;
  const changed = Object.entries(diff.inputsChanged).filter(([, v]) => v).map(([k]) => k);
  lines.push(`Inputs     ${inputs(from)} -> ${inputs(to)}; changed: ${changed.length > 0 ? changed.join(', ') : 'none'}`);
  lines.push(`Objective  ${changeText(diff.objective)}`);
  lines.push('');
  const kinds = ['added', 'dropped', 'moved', 'resized'] as const;
  lines.push(`Sites      ${diff.sites.length} changed: ${kinds.map((k) => `${diff.sites.filter((s) => s.kind === k).length} ${k}`).join(', ')}`);
  for (const kind of kinds) {
    for (const s of diff.sites.filter((x) => x.kind === kind)) {
      const piles = (p: Record<string, number>): string => Object.values(p).join('/');
      lines.push(`  ${kind.padEnd(7)}  ${s.id}  ${s.from.buildPhase ?? '-'} -> ${s.to.buildPhase ?? '-'}  piles ${piles(s.from.piles) || '-'} -> ${piles(s.to.piles) || '-'}`);
    }
  }
  lines.push('');
  lines.push('Capex per phase');
  for (const p of diff.phases) lines.push(`  ${p.id}  ${changeText(p.capex)}`);
  const coverage = diff.coverage.filter((c) => c.from?.covered !== c.to?.covered || c.from?.required !== c.to?.required);
  if (coverage.length > 0) {
    lines.push('');
    lines.push('Coverage that changed');
    for (const c of coverage) {
      const show = (f: (typeof c)['from']): string => (f ? `${f.covered}${f.required === null ? '' : `/${f.required} required`}` : 'none');
      lines.push(`  ${c.phase} ${c.region}  ${show(c.from)} -> ${show(c.to)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** One point as printed: value, status, nominal capex, rules met, shortfall, extra money, solve time. */
export function formatPoint(p: CurvePoint, ms: number, engine: string): string {
  const money = (v: number | null): string => (v === null ? '-' : formatMoney(v));
  const rules = p.rulesMet === null && p.rulesTotal === null ? '-' : `${p.rulesMet ?? '-'}/${p.rulesTotal ?? '-'}`;
  return [
    String(p.value).padStart(8),
    p.status.padEnd(10),
    `capex ${money(p.capex).padStart(15)}`,
    `rules ${rules.padStart(7)}`,
    `shortfall ${String(p.shortfall ?? '-').padStart(3)}`,
    `extra ${money(p.extraBudget).padStart(13)}`,
    `(${(ms / 1000).toFixed(1)} s, ${engine})`,
  ].join('  ');
}
