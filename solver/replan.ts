/**
 * Re-planning at an as-of date (SPEC section 6.3): closed phases are history,
 * read from the progress report; the open phases are solved by the same
 * planner as a plain plan. Pure: no I/O.
 */
import { isIsoDate } from './dates.js';
import { english, msg, type MessageDetail, type MessageParam } from './messages.js';
import { normalize, type Problem } from './normalize.js';
import { closedPhaseIds, openProblem, readHistory, type History } from './open-problem.js';
import { builtBy, requiredCovered } from './rules.js';
import { solvePlan } from './solve.js';
import type { Dataset, PhaseSummary, Plan, ProgressReport, RegionCoverage, SitePlan, SolveOptions } from './types.js';

export { closedPhaseIds } from './open-problem.js';

/**
 * Version of the planning model: change it whenever the planner would give a
 * different plan for the same inputs (sizing, model, tie-break, re-plan rules,
 * figures). The API compares it with the one a version was made with (SPEC 6.4).
 */
export const PLANNER_MODEL_VERSION = '1.1.0';

export interface ReplanInput {
  /** As-of date A, ISO `YYYY-MM-DD` (China Standard Time); without it the plain plan of sections 1-5. */
  asOf?: string;
  /** The report R counted (see pickReport); null or omitted: no sites and no spending reported. */
  progress?: ProgressReport | null;
  /** The plan's previous version, for `slipped`; null or omitted when there is none. */
  previous?: Plan | null;
  /** Revision number of the data set; recorded as the plan's dataRevision (null when omitted). */
  dataRevision?: number;
}

/**
 * The report that counts at `asOf`: the latest `report.asOf` not after it; on
 * equal dates the later `receivedAt` (ISO timestamps), and on equal arrival the
 * later in the list. Undefined when none qualifies.
 */
export function pickReport<T extends { report: ProgressReport; receivedAt: string }>(reports: T[], asOf: string): T | undefined {
  let best: T | undefined;
  for (const r of reports) {
    if (r.report.asOf > asOf) continue;
    if (!best || r.report.asOf > best.report.asOf || (r.report.asOf === best.report.asOf && !arrivedBefore(r.receivedAt, best.receivedAt))) {
      best = r;
    }
  }
  return best;
}

function arrivedBefore(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isFinite(ta) && Number.isFinite(tb) ? ta < tb : a < b;
}

/** A plain plan without `asOf`; with it, the re-plan of SPEC 6.3 (closed phases from the report, open ones solved). */
export async function replanPlan(dataset: Dataset, input: ReplanInput, options: SolveOptions = {}): Promise<Plan> {
  const asOf = input.asOf;
  if (asOf === undefined) return solvePlan(dataset, options);
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a calendar date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);

  const closed = new Set(closedPhaseIds(dataset, asOf));
  const history = readHistory(dataset, input.progress ?? null, asOf);
  const open = openProblem(dataset, closed, history);
  const problem = normalize(dataset);
  const openPlan = open.dataset.phases.length > 0 ? await solvePlan(open.dataset, options) : null;

  const closedPhases = problem.phases.filter((p) => closed.has(p.id));
  const phases: PhaseSummary[] = [
    ...closedPhases.map((_, t) => closedPhaseSummary(problem, history, t)),
    ...(openPlan?.phases ?? []).map((p) => ({ ...p, coverage: p.coverage.map(withMet), closed: false })),
  ];
  const sites = siteRows(problem, closedPhases.length, history, openPlan);
  const diagnosis = openPlan?.status === 'infeasible' ? [...openPlan.diagnosisDetails, ...historyDiagnosis(problem, closedPhases.length, phases, open.dataset, history)] : [];
  const warnings = [...history.warnings, ...open.warnings, ...(openPlan?.warningDetails ?? [])];
  return {
    status: openPlan?.status ?? 'optimal',
    objective: openPlan ? openPlan.objective : 0,
    bound: openPlan ? openPlan.bound : 0,
    gap: openPlan ? openPlan.gap : 0,
    phases,
    sites,
    warnings: english(warnings),
    diagnosis: english(diagnosis),
    warningDetails: warnings,
    diagnosisDetails: diagnosis,
    stats: openPlan?.stats ?? { ms: 0, engine: 'none', columns: 0, rows: 0 },
    asOf,
    dataRevision: input.dataRevision ?? null,
    progressAsOf: history.asOf,
    slipped: slippedSites(input.previous ?? null, closed, history),
    ...(openPlan?.remedies ? { remedies: openPlan.remedies } : {}),
  };
}

const withMet = (c: RegionCoverage): RegionCoverage => (c.required === null ? c : { ...c, met: c.covered >= c.required });

/** Phase index (in year order) of a reported site's coveredSince. */
function sinceIndex(problem: Problem, history: History, id: string): number {
  const since = history.sites.get(id)?.coveredSince;
  return since === undefined ? -1 : problem.phases.findIndex((p) => p.id === since);
}

/** Piles in service at a site at the end of closed phase t: reported piles from coveredSince on, before it the data set's (never more). */
function closedPiles(problem: Problem, history: History, i: number, t: number): number {
  const s = problem.sites[i]!;
  const reported = history.sites.get(s.id);
  if (!reported) return s.existingPiles;
  return sinceIndex(problem, history, s.id) <= t ? reported.piles : Math.min(s.existingPiles, reported.piles);
}

/**
 * Covered in closed phase t: existing-covered in D, or reported with coveredSince
 * at or before t (a reported site counts even when D now excludes it: it was in service).
 */
function closedCovered(problem: Problem, history: History, i: number, t: number): boolean {
  const s = problem.sites[i]!;
  return s.kind === 'existing' || builtBy(sinceIndex(problem, history, s.id), t);
}

function closedPhaseSummary(problem: Problem, history: History, t: number): PhaseSummary {
  const phase = problem.phases[t]!;
  const coverage = problem.regions.map((r): RegionCoverage => {
    const covered = r.sites.filter((i) => closedCovered(problem, history, i, t)).length;
    const total = r.sites.length;
    const required = requiredCovered(phase, r.cls, total);
    return withMet({ region: r.id, covered, total, required, rate: total ? covered / total : 0 });
  });
  const newSites = problem.sites.filter((s) => s.kind !== 'existing' && sinceIndex(problem, history, s.id) === t).length;
  const piles = problem.sites.reduce((sum, _, i) => sum + closedPiles(problem, history, i, t), 0);
  return { id: phase.id, year: phase.year, capex: history.spent.get(phase.id) ?? null, newSites, piles, coverage, closed: true };
}

/** Every service area once: closed phases from the history, open phases as the open problem decided. */
function siteRows(problem: Problem, nClosed: number, history: History, openPlan: Plan | null): SitePlan[] {
  const openSites = new Map((openPlan?.sites ?? []).map((s) => [s.id, s]));
  return problem.sites.map((s, i) => {
    const decided = openSites.get(s.id);
    const reported = history.sites.get(s.id);
    const piles: Record<string, number> = Object.fromEntries([
      ...problem.phases.slice(0, nClosed).map((p, t) => [p.id, closedPiles(problem, history, i, t)] as const),
      ...Object.entries(decided?.piles ?? {}),
    ]);
    const fallback = s.kind === 'existing' ? 'existing' : null;
    return {
      id: s.id,
      buildPhase: reported ? reported.coveredSince : decided ? decided.buildPhase : fallback,
      piles,
      capex: { ...decided?.capex },
      shortfall: { ...decided?.shortfall },
      asBuilt: reported !== undefined,
    };
  });
}

/** The previous version's sites planned in a now-closed phase that the report does not list, sorted by id. */
function slippedSites(previous: Plan | null, closed: ReadonlySet<string>, history: History): string[] {
  if (!previous || (previous.status !== 'optimal' && previous.status !== 'feasible')) return [];
  return previous.sites
    .filter((s) => s.buildPhase !== null && closed.has(s.buildPhase) && !history.sites.has(s.id))
    .map((s) => s.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What the history did, for an infeasible open problem: missed closed targets against the next target, and budgets cut by spending. */
function historyDiagnosis(problem: Problem, nClosed: number, phases: PhaseSummary[], openDataset: Dataset, history: History): MessageDetail[] {
  const out: MessageDetail[] = [];
  const openProblemN = normalize(openDataset);
  const lastClosedWithTargets = phases.slice(0, nClosed).filter((p) => p.coverage.some((c) => c.required !== null)).at(-1);
  const nextWithTargets = phases.slice(nClosed).find((p) => p.coverage.some((c) => c.required !== null));
  if (lastClosedWithTargets) {
    for (const c of lastClosedWithTargets.coverage) {
      if (c.required === null || c.covered >= c.required) continue;
      const params: Record<string, MessageParam> = { region: c.region, regionName: problem.regions.find((r) => r.id === c.region)?.name ?? null, covered: c.covered, required: c.required, phase: lastClosedWithTargets.id, progressAsOf: history.asOf };
      const next = nextWithTargets?.coverage.find((n) => n.region === c.region);
      const region = openProblemN.regions.find((r) => r.id === c.region);
      if (nextWithTargets && next?.required !== null && next?.required !== undefined && region) {
        const inService = region.sites.filter((i) => openProblemN.sites[i]!.kind === 'existing').length;
        const more = Math.max(0, next.required - inService);
        Object.assign(params, { need: next.required, next: nextWithTargets.id, more, inService });
      }
      out.push(msg('region.closedTargetMissed', params));
    }
  }
  for (const p of problem.phases.slice(nClosed)) {
    const spent = history.spent.get(p.id);
    if (p.budget === undefined || spent === undefined || spent === 0) continue;
    out.push(msg('phase.budgetReduced', { phase: p.id, budget: p.budget, spent, left: Math.max(0, p.budget - spent) }));
  }
  return out;
}
