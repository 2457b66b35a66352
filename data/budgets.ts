/**
 * Budgets for a generated data set, from a concrete build schedule that meets
 * every target, spacing rule and required site: that schedule always fits the
 * budgets, so the instance is feasible. Piles and spending are the planner's
 * own (its sizing, cost trajectories and rules), so the budgets are sized with
 * the figures the planner will use.
 */
import { trajectory } from '../solver/costing.js';
import { normalize } from '../solver/normalize.js';
import { inWindow, requiredCount, windowNeeded } from '../solver/rules.js';
import { sizeProblem } from '../solver/sizing.js';
import type { Corridor, Dataset, Phase, Region, ServiceArea } from '../solver/types.js';
import { at, roundUpTo, type Rng } from './random.js';

export type BudgetMode = 'tight' | 'loose' | 'none';

interface SiteModel {
  sa: ServiceArea;
  corridor: Corridor;
  coverable: boolean;
  existingCovered: boolean;
  /** Undiscounted spending per phase when built in phase `build` (-1: never). */
  spend: (build: number) => number[];
  /** Undiscounted total spending if covered (independent of the build phase while need does not fall). */
  totalCost: number;
}

/** Each service area of the data set, in its order, with the planner's sizing and costing. */
function siteModels(dataset: Dataset): SiteModel[] {
  const problem = normalize(dataset);
  const sizing = sizeProblem(problem);
  const indexOf = new Map(problem.sites.map((s, i) => [s.id, i]));
  const corridorById = new Map(dataset.corridors.map((c) => [c.id, c]));
  return dataset.serviceAreas.map((sa) => {
    const corridor = corridorById.get(sa.corridor);
    const i = indexOf.get(sa.id);
    if (!corridor || i === undefined) throw new Error(`generator bug: no corridor ${sa.corridor} for ${sa.id}`);
    const site = problem.sites[i]!;
    const spend = (build: number): number[] => trajectory(problem, site, sizing[i]!.need, build).capex;
    return {
      sa,
      corridor,
      coverable: site.kind !== 'excluded',
      existingCovered: site.kind === 'existing',
      spend,
      totalCost: spend(0).reduce((a, b) => a + b, 0),
    };
  });
}

/**
 * Adds to `chosen` the sites of `pool` needed so that every spacing window of
 * every corridor holds a chosen site (greedy: from each covered point, jump to
 * the farthest pool site within reach unless a chosen one is already within
 * reach). Returns false if the pool cannot close a gap.
 */
function closeGaps(byCorridor: Map<string, SiteModel[]>, maxGap: number, pool: Set<SiteModel>, chosen: Set<SiteModel>): boolean {
  for (const sites of byCorridor.values()) {
    const corridor = at(sites, 0).corridor;
    let pos = corridor.startKm;
    let first = true;
    while (windowNeeded(pos, maxGap, corridor.endKm)) {
      const inReach = (m: SiteModel): boolean => inWindow(m.sa.km, pos, !first, maxGap);
      let next: SiteModel | undefined;
      for (const m of sites) if (inReach(m) && chosen.has(m)) next = m;
      if (!next) {
        for (const m of sites) if (inReach(m) && pool.has(m)) next = m;
        if (!next) return false;
        chosen.add(next);
      }
      pos = next.sa.km;
      first = false;
    }
  }
  return true;
}

/** Build phase index per site, -1 for never; existing-covered sites get 0. */
type Schedule = Map<SiteModel, number>;

function buildSchedule(models: SiteModel[], phases: Phase[], regions: Region[], spread: boolean, rng: Rng): Schedule {
  const T = phases.length;
  const byCorridor = new Map<string, SiteModel[]>();
  for (const m of models) {
    const list = byCorridor.get(m.sa.corridor) ?? [];
    list.push(m);
    byCorridor.set(m.sa.corridor, list);
  }
  for (const list of byCorridor.values()) list.sort((a, b) => a.sa.km - b.sa.km);
  const regionSize = new Map<string, number>();
  for (const m of models) regionSize.set(m.sa.region, (regionSize.get(m.sa.region) ?? 0) + 1);
  const classOf = new Map(regions.map((r) => [r.id, r.class]));
  const byCost = models.filter((m) => m.coverable).sort((a, b) => a.totalCost - b.totalCost || (a.sa.id < b.sa.id ? -1 : 1));
  const phaseIndex = new Map(phases.map((p, i) => [p.id, i]));

  // Backward pass: the set covered in phase t is drawn from the set of phase t+1.
  const sets: Set<SiteModel>[] = new Array(T);
  let pool = new Set(byCost);
  for (let t = T - 1; t >= 0; t--) {
    const phase = at(phases, t);
    const chosen = new Set<SiteModel>();
    for (const m of byCost) {
      const by = m.sa.status === 'required' ? (phaseIndex.get(m.sa.requiredBy ?? '') ?? T - 1) : T;
      if (m.existingCovered || by <= t) chosen.add(m);
    }
    if (phase.maxGapKm !== undefined && !closeGaps(byCorridor, phase.maxGapKm, pool, chosen)) {
      throw new Error(`generator bug: spacing cannot be met in phase ${phase.id}`);
    }
    for (const region of regions) {
      const share = phase.targets?.[classOf.get(region.id) ?? 'standard'];
      const need = requiredCount(share ?? 0, regionSize.get(region.id) ?? 0);
      let have = 0;
      for (const m of chosen) if (m.sa.region === region.id) have++;
      for (const m of byCost) {
        if (have >= need) break;
        if (m.sa.region === region.id && pool.has(m) && !chosen.has(m)) {
          chosen.add(m);
          have++;
        }
      }
      if (have < need) throw new Error(`generator bug: region ${region.id} cannot meet its target in ${phase.id}`);
    }
    sets[t] = chosen;
    pool = chosen;
  }

  if (spread) {
    // Pull builds forward so that new sites come in roughly equal shares per phase.
    const final = at(sets, T - 1);
    const newTotal = [...final].filter((m) => !m.existingCovered).length;
    for (let t = 0; t < T - 1; t++) {
      const cur = at(sets, t);
      const next = at(sets, t + 1);
      const want = Math.round(((t + 1) / T) * newTotal);
      let have = [...cur].filter((m) => !m.existingCovered).length;
      const extra = rng.shuffle([...next].filter((m) => !cur.has(m)).sort((a, b) => (a.sa.id < b.sa.id ? -1 : 1)));
      for (const m of extra) {
        if (have >= want) break;
        cur.add(m);
        have++;
      }
    }
  }

  const build: Schedule = new Map();
  for (const m of models) {
    let b = -1;
    for (let t = T - 1; t >= 0; t--) if (at(sets, t).has(m)) b = t;
    build.set(m, b);
  }
  return build;
}

function scheduleCapex(models: SiteModel[], schedule: Schedule, T: number): number[] {
  const total = new Array<number>(T).fill(0);
  for (const m of models) {
    const spend = m.spend(schedule.get(m) ?? -1);
    for (let t = 0; t < T; t++) total[t] = at(total, t) + at(spend, t);
  }
  return total;
}

/**
 * Sets each phase's budget of a complete data set (budgets aside): `tight`
 * within a few percent of a spread-out feasible schedule, `loose` well above
 * both it and a just-in-time one.
 */
export function setBudgets(dataset: Dataset, mode: Exclude<BudgetMode, 'none'>, rng: Rng): void {
  const { phases, regions } = dataset;
  const models = siteModels(dataset);
  const jit = scheduleCapex(models, buildSchedule(models, phases, regions, false, rng), phases.length);
  const spread = scheduleCapex(models, buildSchedule(models, phases, regions, true, rng), phases.length);
  phases.forEach((phase, t) => {
    if (mode === 'tight') {
      phase.budget = Math.max(1_000_000, roundUpTo(at(spread, t) * rng.uniform(1.0, 1.08), 100_000));
    } else {
      const base = Math.max(at(spread, t), at(jit, t));
      phase.budget = Math.max(5_000_000, roundUpTo(base * rng.uniform(1.5, 2.0), 1_000_000));
    }
  });
}
