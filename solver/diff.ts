/**
 * Comparing two plan versions (SPEC section 6.5). Pure: no I/O.
 *
 * A site is covered when its buildPhase is not null ("existing" included).
 * added: uncovered in a, covered in b; dropped: the reverse; moved: covered in
 * both with another buildPhase; resized: same buildPhase and the piles of some
 * phase differ (a phase listed in one plan only counts as a difference). Sites
 * uncovered in both are not listed, whatever their existing piles. A site that
 * only one plan lists counts as uncovered in the other.
 */
import { csvDocument, csvText, type Cell } from './export.js';
import { ownValue } from './own.js';
import type { Plan, RegionCoverage } from './types.js';

export type SiteChangeKind = 'added' | 'dropped' | 'moved' | 'resized';

/** A site's decision in one plan: build phase (phase id, "existing" or null) and piles per phase id. */
export interface SiteState {
  buildPhase: string | null;
  piles: Record<string, number>;
}

export interface SiteChange {
  id: string;
  kind: SiteChangeKind;
  from: SiteState;
  to: SiteState;
}

/** Inputs of a plan version as the plan records them (SPEC 6.4); a plain plan has null, null, []. */
export interface PlanInputs {
  dataRevision: number | null;
  progressAsOf: string | null;
  /** Ids of the plan's closed phases, in the plan's order. */
  closedPhases: string[];
}

/** A figure in both plans and b - a (null when either is null). */
export interface Change<T> {
  from: T | null;
  to: T | null;
  delta: number | null;
}

export type CoverageFigures = Pick<RegionCoverage, 'covered' | 'required' | 'rate'>;

export interface PlanDiff {
  /** Discounted objective, currency units. */
  objective: Change<number>;
  inputs: { from: PlanInputs; to: PlanInputs };
  inputsChanged: { dataRevision: boolean; progress: boolean; closedPhases: boolean };
  /** Changed sites, sorted by id. */
  sites: SiteChange[];
  /** Every phase of either plan (in year order): undiscounted capex, currency units. */
  phases: { id: string; capex: Change<number> }[];
  /** Every phase and region of either plan; null where a plan lacks that phase or region. */
  coverage: { phase: string; region: string; from: CoverageFigures | null; to: CoverageFigures | null }[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function change(from: number | null | undefined, to: number | null | undefined): Change<number> {
  const f = from ?? null;
  const t = to ?? null;
  return { from: f, to: t, delta: f === null || t === null ? null : t - f };
}

export function planInputs(plan: Plan): PlanInputs {
  return {
    dataRevision: plan.dataRevision ?? null,
    progressAsOf: plan.progressAsOf ?? null,
    closedPhases: plan.phases.filter((p) => p.closed === true).map((p) => p.id),
  };
}

function samePiles(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(a, k) || !Object.prototype.hasOwnProperty.call(b, k) || a[k] !== b[k]) return false;
  }
  return true;
}

function siteKind(from: SiteState, to: SiteState): SiteChangeKind | null {
  const a = from.buildPhase !== null;
  const b = to.buildPhase !== null;
  if (!a && !b) return null;
  if (!a) return 'added';
  if (!b) return 'dropped';
  if (from.buildPhase !== to.buildPhase) return 'moved';
  return samePiles(from.piles, to.piles) ? null : 'resized';
}

/** The diff of versions a -> b (SPEC 6.5). */
export function diffPlans(a: Plan, b: Plan): PlanDiff {
  const state = (plan: Plan): Map<string, SiteState> => new Map(plan.sites.map((s) => [s.id, { buildPhase: s.buildPhase, piles: { ...s.piles } }]));
  const sa = state(a);
  const sb = state(b);
  const none: SiteState = { buildPhase: null, piles: {} };
  const sites: SiteChange[] = [];
  for (const id of [...new Set([...sa.keys(), ...sb.keys()])].sort(byText)) {
    const from = sa.get(id) ?? none;
    const to = sb.get(id) ?? none;
    const kind = siteKind(from, to);
    if (kind) sites.push({ id, kind, from, to });
  }

  const phaseA = new Map(a.phases.map((p) => [p.id, p]));
  const phaseB = new Map(b.phases.map((p) => [p.id, p]));
  const phaseIds = [...new Map([...a.phases, ...b.phases].map((p) => [p.id, p.year])).entries()]
    .sort((x, y) => x[1] - y[1] || byText(x[0], y[0]))
    .map(([id]) => id);
  const phases = phaseIds.map((id) => ({ id, capex: change(phaseA.get(id)?.capex, phaseB.get(id)?.capex) }));
  const figures = (c: RegionCoverage | undefined): CoverageFigures | null => (c ? { covered: c.covered, required: c.required, rate: c.rate } : null);
  const coverage = phaseIds.flatMap((phase) => {
    const ca = new Map((phaseA.get(phase)?.coverage ?? []).map((c) => [c.region, c]));
    const cb = new Map((phaseB.get(phase)?.coverage ?? []).map((c) => [c.region, c]));
    return [...new Set([...ca.keys(), ...cb.keys()])].sort(byText).map((region) => ({ phase, region, from: figures(ca.get(region)), to: figures(cb.get(region)) }));
  });

  const from = planInputs(a);
  const to = planInputs(b);
  return {
    objective: change(a.objective, b.objective),
    inputs: { from, to },
    inputsChanged: {
      dataRevision: from.dataRevision !== to.dataRevision,
      progress: from.progressAsOf !== to.progressAsOf,
      closedPhases: from.closedPhases.join('\u0000') !== to.closedPhases.join('\u0000'),
    },
    sites,
    phases,
    coverage,
  };
}

/**
 * The changed sites as CSV (UTF-8 with BOM, CRLF, as the site download): id,
 * kind, both build phases, then piles per phase of a and of b.
 */
export function diffToCsv(diff: PlanDiff): string {
  const ids = diff.phases.map((p) => p.id);
  const header = ['id', 'kind', 'fromBuildPhase', 'toBuildPhase', ...ids.map((p) => `fromPiles_${p}`), ...ids.map((p) => `toPiles_${p}`)];
  const rows = diff.sites.map((s): Cell[] => [
    csvText(s.id),
    s.kind,
    s.from.buildPhase === null ? '' : csvText(s.from.buildPhase),
    s.to.buildPhase === null ? '' : csvText(s.to.buildPhase),
    ...ids.map((p) => ownValue(s.from.piles, p)),
    ...ids.map((p) => ownValue(s.to.piles, p)),
  ]);
  return csvDocument(header, rows);
}
