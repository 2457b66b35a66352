/**
 * What a reviewer asks of a plan first: is every target met, and what does it
 * cost. The targets matrix (regions x phases that state targets), each phase's
 * count of regions meeting their target, the priority and standard classes at
 * the final target phase against their targets, and the money: nominal total,
 * discounted total, and for a re-plan (SPEC 6.3) spent and planned apart.
 * Read off a plan and its data set; works for plain plans, re-plans and
 * infeasible plans alike (their phases carry the coverage of what exists).
 */
import type { Dataset, Plan, RegionClass } from './types.js';

/** One region in one phase that states targets. */
export interface TargetCell {
  region: string;
  /** Region name from the data set, else its id. */
  name: string;
  /** Null when the data set no longer has the region. */
  class: RegionClass | null;
  phase: string;
  covered: number;
  total: number;
  /** Covered service areas the phase's target requires (SPEC 3.1). */
  required: number;
  /** The phase's target share for the region's class, [0, 1] (0 when the phase states none for it). */
  target: number;
  /** covered / total (0 for a region with no service areas). */
  rate: number;
  /** covered >= required. */
  met: boolean;
  /** required - covered when positive, else 0: service areas still missing. */
  shortfall: number;
}

/** Per phase of the plan: how many regions meet their target. */
export interface PhaseTargets {
  phase: string;
  year: number;
  /** True for a re-plan's closed phase (history). */
  closed: boolean;
  /** False when the phase states no targets (then both counts are 0). */
  hasTargets: boolean;
  targetsMet: number;
  targetsTotal: number;
}

/** A region class summed over its regions at one phase, against the class target. */
export interface ClassAttainment {
  class: RegionClass;
  phase: string;
  /** Regions of this class in the plan. */
  regions: number;
  /** Of them, how many meet their own target. */
  regionsMet: number;
  covered: number;
  total: number;
  rate: number;
  target: number;
  /** Service areas the class needs: ceil(target x total). */
  required: number;
  met: boolean;
  /** Service areas missing, 0 when met. */
  shortfallSites: number;
  /** Percentage points missing (target - rate) x 100, 0 when met. */
  shortfallPoints: number;
}

/** The plan's money, in the data set's currency units, undiscounted unless named so. */
export interface PlanMoney {
  /** Sum of every phase's capex (a closed phase without reported spending counts 0); null when no phase has a figure. */
  nominal: number | null;
  /** The plan's objective (SPEC 4): discounted to baseYear; of the open phases only in a re-plan; null without a plan. */
  discounted: number | null;
  /** The yearly discount rate of the data set (default 0). */
  discountRate: number;
  /** Re-plans only: closed phases' reported spending summed; null when none reported any. */
  spent?: number | null;
  /** Re-plans only: open phases' capex summed. */
  planned?: number;
  /** Re-plans only: closed phases whose spending was not reported. */
  unreported?: string[];
}

export interface TargetsMatrix {
  /** Every phase of the plan, in order. */
  phases: PhaseTargets[];
  /** Regions x phases with targets, phase-major, regions in the plan's order. */
  cells: TargetCell[];
  /** The last phase that states targets; null when none does. */
  finalPhase: string | null;
  /** Priority then standard at the final target phase, for each class that has regions and a target there. */
  classes: ClassAttainment[];
  money: PlanMoney;
}

const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/** The targets matrix, the per-phase counts, the class figures and the money of a plan. */
export function targetsMatrix(dataset: Dataset, plan: Omit<Plan, 'sites'>): TargetsMatrix {
  const regions = new Map(dataset.regions.map((region) => [region.id, region]));
  const inputs = new Map(dataset.phases.map((phase) => [phase.id, phase]));
  const cells: TargetCell[] = [];
  const phases: PhaseTargets[] = plan.phases.map((summary) => {
    const targets = inputs.get(summary.id)?.targets;
    const rows = summary.coverage.filter((coverage) => coverage.required !== null);
    for (const coverage of rows) {
      const region = regions.get(coverage.region);
      const required = coverage.required ?? 0;
      cells.push({
        region: coverage.region,
        name: region?.name ?? coverage.region,
        class: region?.class ?? null,
        phase: summary.id,
        covered: coverage.covered,
        total: coverage.total,
        required,
        target: region === undefined ? 0 : targets?.[region.class] ?? 0,
        rate: coverage.rate,
        met: coverage.met ?? coverage.covered >= required,
        shortfall: Math.max(0, required - coverage.covered),
      });
    }
    const phaseCells = cells.filter((cell) => cell.phase === summary.id);
    return {
      phase: summary.id,
      year: summary.year,
      closed: summary.closed === true,
      hasTargets: rows.length > 0,
      targetsMet: phaseCells.filter((cell) => cell.met).length,
      targetsTotal: phaseCells.length,
    };
  });
  const finalPhase = [...phases].reverse().find((phase) => phase.hasTargets)?.phase ?? null;
  return { phases, cells, finalPhase, classes: finalPhase === null ? [] : classAttainment(dataset, cells, finalPhase), money: planMoney(dataset, plan) };
}

function classAttainment(dataset: Dataset, cells: readonly TargetCell[], phaseId: string): ClassAttainment[] {
  const targets = dataset.phases.find((phase) => phase.id === phaseId)?.targets ?? {};
  const result: ClassAttainment[] = [];
  for (const cls of ['priority', 'standard'] as const) {
    const target = targets[cls];
    const members = cells.filter((cell) => cell.phase === phaseId && cell.class === cls);
    if (target === undefined || members.length === 0) continue;
    const covered = members.reduce((sum, cell) => sum + cell.covered, 0);
    const total = members.reduce((sum, cell) => sum + cell.total, 0);
    const required = Math.max(0, Math.ceil(target * total - 1e-9));
    const rate = ratio(covered, total);
    const met = covered >= required;
    result.push({
      class: cls, phase: phaseId, regions: members.length, regionsMet: members.filter((cell) => cell.met).length,
      covered, total, rate, target, required, met,
      shortfallSites: Math.max(0, required - covered),
      shortfallPoints: met ? 0 : Math.max(0, (target - rate) * 100),
    });
  }
  return result;
}

function planMoney(dataset: Dataset, plan: Omit<Plan, 'sites'>): PlanMoney {
  const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
  const known = plan.phases.flatMap((phase) => (phase.capex === null ? [] : [phase.capex]));
  const money: PlanMoney = {
    nominal: known.length === 0 ? null : sum(known),
    discounted: plan.objective,
    discountRate: dataset.costs?.discountRate ?? 0,
  };
  if (plan.asOf === undefined) return money;
  const closed = plan.phases.filter((phase) => phase.closed === true);
  const reported = closed.flatMap((phase) => (phase.capex === null ? [] : [phase.capex]));
  return {
    ...money,
    spent: reported.length === 0 ? null : sum(reported),
    planned: sum(plan.phases.filter((phase) => phase.closed !== true).map((phase) => phase.capex ?? 0)),
    unreported: closed.filter((phase) => phase.capex === null).map((phase) => phase.id),
  };
}
