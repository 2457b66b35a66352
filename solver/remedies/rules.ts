/**
 * The problem's rules counted one by one (SPEC section 7): a coverage rule per
 * region and phase that states targets, a spacing rule per corridor and phase
 * with maxGapKm, a required rule per required site; each marked impossible when
 * no plan meets it whatever the money.
 */
import { requiredCovered } from '../rules.js';
import { KM_EPS, normalize, type Problem } from '../normalize.js';
import type { Dataset, RuleRef } from '../types.js';

export interface CoverageRule {
  kind: 'coverage';
  region: number;
  phase: number;
  /** Covered service areas the target requires. */
  required: number;
  /** Existing-covered service areas of the region (covered whatever the plan). */
  existing: number;
  /** Candidate service areas of the region. */
  candidates: number[];
  impossible: boolean;
}

export interface SpacingRule {
  kind: 'spacing';
  corridor: number;
  phase: number;
  maxGapKm: number;
  /**
   * Candidate sites of each window that holds no existing-covered site (minimal
   * windows only: a window holding another one is implied by it); the rule is met
   * when every window has a covered site. Empty for an impossible rule.
   */
  windows: number[][];
  impossible: boolean;
}

export interface RequiredRule {
  kind: 'required';
  site: number;
  /** Phase index by which the site must be covered. */
  phase: number;
  /** An existing-covered required site meets its rule whatever the plan. */
  existing: boolean;
  impossible: boolean;
}

export type Rule = CoverageRule | SpacingRule | RequiredRule;

/** covered(s, t) of a plan: site index and phase index. */
export type Covered = (site: number, phase: number) => boolean;

/** Every rule of the problem: coverage (phase by phase, regions by id), spacing (likewise), required (sites by id). */
export function listRules(problem: Problem): Rule[] {
  const { sites, regions, corridors, phases } = problem;
  const rules: Rule[] = [];
  phases.forEach((p, t) => {
    regions.forEach((r, ri) => {
      const required = requiredCovered(p, r.cls, r.sites.length);
      if (required === null) return;
      const existing = r.sites.filter((i) => sites[i]!.kind === 'existing').length;
      const candidates = r.sites.filter((i) => sites[i]!.kind === 'candidate');
      rules.push({ kind: 'coverage', region: ri, phase: t, required, existing, candidates, impossible: existing + candidates.length < required });
    });
  });
  phases.forEach((p, t) => {
    const D = p.maxGapKm;
    if (D === undefined) return;
    corridors.forEach((_, ci) => {
      const windows = spacingWindows(problem, ci, D);
      const impossible = windows.some((w) => w === null);
      rules.push({ kind: 'spacing', corridor: ci, phase: t, maxGapKm: D, windows: impossible ? [] : (windows as number[][]), impossible });
    });
  });
  sites.forEach((s, i) => {
    if (s.status !== 'required' || s.requiredBy < 0) return;
    rules.push({ kind: 'required', site: i, phase: s.requiredBy, existing: s.kind === 'existing', impossible: s.kind === 'excluded' });
  });
  return rules;
}

/**
 * The windows of SPEC section 3.2 on a corridor with maxGapKm D: each one's
 * candidate sites, null for a window with no coverable site; windows holding an
 * existing-covered site (always met) and windows holding another one are left out.
 */
function spacingWindows(problem: Problem, corridor: number, D: number): (number[] | null)[] {
  const c = problem.corridors[corridor]!;
  const sites = problem.sites;
  if (c.startKm + D >= c.endKm - KM_EPS) return [];
  const coverable = c.sites.filter((i) => sites[i]!.kind !== 'excluded');
  const lefts = [{ a: c.startKm, open: false }, ...c.sites.map((i) => ({ a: sites[i]!.km, open: true }))];
  const out: (number[] | null)[] = [];
  const spans: { lo: number; hi: number }[] = [];
  for (const { a, open } of lefts) {
    if (!(a + D < c.endKm - KM_EPS)) continue;
    const inside = coverable.filter((i) => {
      const km = sites[i]!.km;
      return (open ? km > a + KM_EPS : km >= a - KM_EPS) && km <= a + D + KM_EPS;
    });
    if (inside.length === 0) out.push(null);
    else if (!inside.some((i) => sites[i]!.kind === 'existing')) {
      const lo = coverable.indexOf(inside[0]!);
      spans.push({ lo, hi: lo + inside.length - 1 });
    }
  }
  spans.sort((x, y) => x.hi - y.hi || y.lo - x.lo);
  let maxLo = -1;
  for (const w of spans) {
    if (w.lo <= maxLo) continue;
    maxLo = w.lo;
    out.push(coverable.slice(w.lo, w.hi + 1));
  }
  return out;
}

/** Covered service areas of a coverage rule's region in its phase. */
export function coveredCount(problem: Problem, rule: CoverageRule, covered: Covered): number {
  return problem.regions[rule.region]!.sites.filter((i) => covered(i, rule.phase)).length;
}

/**
 * Does the plan meet the rule? Read off covered(s, t) alone: spacing by the
 * corridor's gaps between covered sites (not by the windows the programs use).
 */
export function ruleMet(problem: Problem, rule: Rule, covered: Covered): boolean {
  if (rule.kind === 'coverage') return coveredCount(problem, rule, covered) >= rule.required;
  if (rule.kind === 'required') return covered(rule.site, rule.phase);
  const c = problem.corridors[rule.corridor]!;
  let prev = c.startKm;
  for (const i of c.sites) {
    if (!covered(i, rule.phase)) continue;
    const km = problem.sites[i]!.km;
    if (km - prev > rule.maxGapKm + KM_EPS) return false;
    prev = km;
  }
  return c.endKm - prev <= rule.maxGapKm + KM_EPS;
}

/** The rule as the plan names it (ids, not indices). */
export function ruleRef(problem: Problem, rule: Rule): RuleRef {
  const phase = problem.phases[rule.phase]!.id;
  if (rule.kind === 'coverage') return { rule: 'coverage', region: problem.regions[rule.region]!.id, phase };
  if (rule.kind === 'spacing') return { rule: 'spacing', corridor: problem.corridors[rule.corridor]!.id, phase };
  return { rule: 'required', site: problem.sites[rule.site]!.id, phase };
}

/** How many rules a valid data set has, and how many of them are impossible (SPEC section 7). */
export function countRules(dataset: Dataset): { rulesTotal: number; impossible: number } {
  const rules = listRules(normalize(dataset));
  return { rulesTotal: rules.length, impossible: rules.filter((r) => r.impossible).length };
}
