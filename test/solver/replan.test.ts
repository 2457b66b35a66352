/**
 * Re-planning at an as-of date (SPEC 6.3) against an independent construction:
 * the open problem is built by hand here, straight from the SPEC's steps, and
 * solved with the plain planner; closed-phase coverage, `met` and `slipped`
 * are recomputed here from the report and the data set.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateProvince, mulberry32, type BudgetMode } from '../../data/generate-lib.js';
import { replanPlan, solvePlan, validateDataset, validateProgress, type Dataset, type Plan, type ProgressReport } from '../../solver/index.js';

const MIN_PILES = 2;
const DEFAULT_CAP = 20;

/** SPEC 6.3 steps 1-5, written out here without the library's helpers. */
function openProblemByHand(d: Dataset, asOfYear: number, report: ProgressReport): Dataset {
  const open = structuredClone(d);
  const phases = [...open.phases].sort((a, b) => a.year - b.year);
  const closed = new Set(phases.filter((p) => p.year < asOfYear).map((p) => p.id));
  open.phases = phases.filter((p) => !closed.has(p.id));
  for (const p of open.phases) {
    const spent = report.spent?.[p.id];
    if (p.budget !== undefined && spent !== undefined) p.budget = Math.max(0, p.budget - spent);
  }
  for (const s of open.serviceAreas) {
    const r = report.sites.find((x) => x.id === s.id);
    if (r) s.existingPiles = r.piles;
    if (s.status === 'required' && s.requiredBy !== undefined && closed.has(s.requiredBy)) s.requiredBy = open.phases[0]!.id;
  }
  return open;
}

/** A report as of the end of the last closed phase: a random subset of the plan's builds in closed phases, some spending. */
function reportFrom(d: Dataset, plan: Plan, asOfYear: number, seed: number): ProgressReport {
  const rng = mulberry32(seed);
  const byYear = [...d.phases].sort((a, b) => a.year - b.year);
  const closed = byYear.filter((p) => p.year < asOfYear);
  const lastClosed = closed.at(-1)!;
  const sites = plan.sites
    .filter((s) => closed.some((p) => p.id === s.buildPhase) && rng() < 0.7)
    .map((s) => ({ id: s.id, piles: s.piles[lastClosed.id]!, coveredSince: s.buildPhase! }));
  const spent: Record<string, number> = {};
  for (const p of closed) spent[p.id] = Math.round((plan.phases.find((x) => x.id === p.id)!.capex ?? 0) * (0.8 + 0.4 * rng()));
  const firstOpen = byYear.find((p) => p.year >= asOfYear);
  if (firstOpen?.budget !== undefined) spent[firstOpen.id] = Math.round(firstOpen.budget * 0.05);
  return { asOf: `${lastClosed.year}-12-31`, sites, spent };
}

const relClose = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

interface Case {
  seed: number;
  sites: number;
  phases: number;
  budget: BudgetMode;
  closed: number;
}
const CASES: Case[] = [
  { seed: 21, sites: 30, phases: 3, budget: 'loose', closed: 1 },
  { seed: 22, sites: 36, phases: 4, budget: 'loose', closed: 2 },
  { seed: 23, sites: 28, phases: 3, budget: 'tight', closed: 1 },
  { seed: 24, sites: 32, phases: 4, budget: 'none', closed: 3 },
  { seed: 25, sites: 26, phases: 3, budget: 'loose', closed: 2 },
];

async function scenario(c: Case) {
  const d = generateProvince({ seed: c.seed, sites: c.sites, phases: c.phases, budget: c.budget, discountRate: 0.04 });
  const plain = await solvePlan(d);
  const byYear = [...d.phases].sort((a, b) => a.year - b.year);
  const asOfYear = byYear[c.closed]!.year;
  const report = reportFrom(d, plain, asOfYear, c.seed);
  const asOf = `${asOfYear}-03-15`;
  const replan = await replanPlan(d, { asOf, progress: report, previous: plain, dataRevision: 3 });
  return { d, plain, report, asOf, asOfYear, replan, closedIds: byYear.slice(0, c.closed).map((p) => p.id) };
}

describe('replanPlan on generated provinces', () => {
  it.each(CASES)('equals the hand-built open problem solved by the plain planner (seed $seed, $closed closed)', async (c) => {
    // Prepare
    const { d, report, asOfYear, replan } = await scenario(c);
    expect(validateProgress(report, d).ok).toBe(true);
    const open = openProblemByHand(d, asOfYear, report);
    expect(validateDataset(open).ok).toBe(true);

    // Act
    const expected = await solvePlan(open);

    // Assess
    expect(replan.status).toBe(expected.status);
    if (expected.objective === null) expect(replan.objective).toBeNull();
    else expect(relClose(replan.objective!, expected.objective)).toBe(true);
    expect(replan.dataRevision).toBe(3);
    expect(replan.progressAsOf).toBe(report.asOf);
  });

  it('solves at least some of the cases (the comparison is not between two infeasible results)', async () => {
    const statuses = await Promise.all(CASES.map(async (c) => (await scenario(c)).replan.status));
    expect(statuses.filter((s) => s === 'optimal').length).toBeGreaterThanOrEqual(3);
  });

  it.each(CASES)('recomputes closed-phase coverage, met and capex from the report (seed $seed)', async (c) => {
    // Prepare
    const { d, report, replan, closedIds } = await scenario(c);
    const phaseYear = new Map(d.phases.map((p) => [p.id, p.year]));
    const cap = (s: Dataset['serviceAreas'][number]): number => s.maxPiles ?? d.assumptions?.maxPilesPerSite ?? DEFAULT_CAP;
    const min = d.assumptions?.minPilesPerSite ?? MIN_PILES;

    for (const id of closedIds) {
      const phase = d.phases.find((p) => p.id === id)!;
      const got = replan.phases.find((p) => p.id === id)!;
      // Act: count by hand
      expect(got.closed).toBe(true);
      expect(got.capex).toBe(report.spent?.[id] ?? null);
      for (const region of d.regions) {
        const members = d.serviceAreas.filter((s) => s.region === region.id);
        const covered = members.filter((s) => {
          const existing = s.status !== 'excluded' && cap(s) >= min && (s.existingPiles ?? 0) >= min;
          const r = report.sites.find((x) => x.id === s.id);
          return existing || (r !== undefined && phaseYear.get(r.coveredSince)! <= phase.year);
        }).length;
        const target = phase.targets?.[region.class];
        const required = phase.targets && Object.keys(phase.targets).length > 0 ? Math.ceil((target ?? 0) * members.length - 1e-9) : null;
        const cov = got.coverage.find((x) => x.region === region.id)!;

        // Assess
        expect(cov.covered).toBe(covered);
        expect(cov.total).toBe(members.length);
        expect(cov.required).toBe(required);
        if (required === null) expect(cov.met).toBeUndefined();
        else expect(cov.met).toBe(covered >= required);
      }
    }
    for (const p of replan.phases) expect(p.closed).toBe(closedIds.includes(p.id));
  });

  it.each(CASES)('lists as slipped exactly the previous plan’s closed-phase builds the report leaves out (seed $seed)', async (c) => {
    // Prepare
    const { plain, report, replan, closedIds } = await scenario(c);

    // Act
    const expected = plain.sites
      .filter((s) => s.buildPhase !== null && closedIds.includes(s.buildPhase) && !report.sites.some((r) => r.id === s.id))
      .map((s) => s.id)
      .sort();

    // Assess
    expect(replan.slipped).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it.each(CASES)('marks reported sites as built, with their reported piles in closed phases (seed $seed)', async (c) => {
    // Prepare
    const { report, replan, closedIds } = await scenario(c);

    // Act
    const asBuilt = replan.sites.filter((s) => s.asBuilt).map((s) => s.id).sort();

    // Assess
    expect(asBuilt).toEqual(report.sites.map((s) => s.id).sort());
    for (const r of report.sites) {
      const site = replan.sites.find((s) => s.id === r.id)!;
      expect(site.buildPhase).toBe(r.coveredSince);
      const since = closedIds.indexOf(r.coveredSince);
      closedIds.forEach((id, t) => {
        if (t >= since) expect(site.piles[id]).toBe(r.piles);
      });
      for (const id of closedIds) expect(site.capex[id]).toBeUndefined();
    }
  });

  it('equals the plain plan when the as-of date is before every phase', async () => {
    // Prepare
    const d = generateProvince({ seed: 31, sites: 30, phases: 3, budget: 'loose', discountRate: 0.04 });
    const plain = await solvePlan(d);
    const firstYear = Math.min(...d.phases.map((p) => p.year));

    // Act
    const replan = await replanPlan(d, { asOf: `${firstYear - 1}-12-31`, progress: null });

    // Assess
    expect(replan.objective).toBe(plain.objective);
    expect(replan.phases.every((p) => p.closed === false)).toBe(true);
    expect(replan.slipped).toEqual([]);
    expect(replan.progressAsOf).toBeNull();
    expect(replan.sites.map((s) => [s.id, s.buildPhase, s.piles])).toEqual(plain.sites.map((s) => [s.id, s.buildPhase, s.piles]));
  });

  it('is exactly the plain plan without an as-of date, with no section 6 fields', async () => {
    // Prepare
    const d = generateProvince({ seed: 32, sites: 20, phases: 2, budget: 'none' });
    const { stats: _a, ...plain } = await solvePlan(d);

    // Act
    const { stats: _b, ...replan } = await replanPlan(d, { progress: { asOf: '2020-01-01', sites: [] } });

    // Assess
    expect(JSON.stringify(replan)).toBe(JSON.stringify(plain));
  });

  it('has nothing to solve when every phase is closed: optimal, objective 0, bound 0', async () => {
    // Prepare
    const d = generateProvince({ seed: 33, sites: 20, phases: 3, budget: 'tight' });
    const plain = await solvePlan(d);
    const lastYear = Math.max(...d.phases.map((p) => p.year));
    const report = reportFrom(d, plain, lastYear + 1, 33);

    // Act
    const replan = await replanPlan(d, { asOf: `${lastYear + 1}-01-01`, progress: report, previous: plain });

    // Assess
    expect([replan.status, replan.objective, replan.bound, replan.gap]).toEqual(['optimal', 0, 0, 0]);
    expect(replan.phases.map((p) => p.closed)).toEqual(d.phases.map(() => true));
    expect(replan.sites).toHaveLength(d.serviceAreas.length);
    expect(replan.diagnosis).toEqual([]);
  });

  it('ignores report entries the data set no longer has and names them in the warnings', async () => {
    // Prepare: a later revision drops a reported site and renames a closed phase.
    const c = CASES[0]!;
    const { d, report, asOf } = await scenario(c);
    const dropped = report.sites[0]!.id;
    const revised = structuredClone(d);
    revised.serviceAreas = revised.serviceAreas.filter((s) => s.id !== dropped);
    const firstPhase = [...revised.phases].sort((a, b) => a.year - b.year)[0]!;
    const oldId = firstPhase.id;
    firstPhase.id = `${oldId}-r`;
    for (const s of revised.serviceAreas) if (s.requiredBy === oldId) s.requiredBy = firstPhase.id;
    expect(validateDataset(revised).ok).toBe(true);
    const kept: ProgressReport = { asOf: report.asOf, sites: report.sites.filter((s) => s.id !== dropped && s.coveredSince !== oldId) };

    // Act
    const replan = await replanPlan(revised, { asOf, progress: report });
    const byHand = await replanPlan(revised, { asOf, progress: kept });

    // Assess
    const warnings = replan.warnings.join('\n');
    expect(warnings).toContain(`service area ${dropped}`);
    expect(warnings).toContain(`phase ${oldId}`);
    expect(replan.sites.filter((s) => s.asBuilt).map((s) => s.id)).toEqual(byHand.sites.filter((s) => s.asBuilt).map((s) => s.id));
    expect(replan.objective).toBe(byHand.objective);
    expect(replan.phases[0]!.capex).toBeNull();
  });

  it('does not count a report dated after the as-of date', async () => {
    // Prepare
    const { d, report, plain } = await scenario(CASES[0]!);
    const early = `${Number(report.asOf.slice(0, 4))}-06-30`;

    // Act
    const replan = await replanPlan(d, { asOf: early, progress: report, previous: plain });

    // Assess
    expect(replan.progressAsOf).toBeNull();
    expect(replan.sites.some((s) => s.asBuilt)).toBe(false);
    expect(replan.warnings.join('\n')).toMatch(/after the as-of date/);
  });
});

describe('an infeasible re-plan explains what the history did', () => {
  it('names the region, the missed closed target and the next target year', async () => {
    // Prepare: the demo's 2024 budget binds; leave out the last 2023 build of every region.
    const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as Dataset;
    const plain = await solvePlan(demo);
    const region = new Map(demo.serviceAreas.map((s) => [s.id, s.region]));
    const built = plain.sites.filter((s) => s.buildPhase === '2023');
    const lastOf = new Map(built.map((s) => [region.get(s.id)!, s.id]));
    const missed = new Set(lastOf.values());
    const report: ProgressReport = {
      asOf: '2023-12-31',
      sites: built.filter((s) => !missed.has(s.id)).map((s) => ({ id: s.id, piles: s.piles['2023']!, coveredSince: '2023' })),
    };

    // Act
    const replan = await replanPlan(demo, { asOf: '2024-01-15', progress: report, previous: plain });

    // Assess
    expect(replan.status).toBe('infeasible');
    const missedRegions = replan.phases[0]!.coverage.filter((c) => c.met === false).map((c) => c.region);
    expect(missedRegions.length).toBeGreaterThan(0);
    for (const r of missedRegions) {
      expect(replan.diagnosis.join('\n')).toMatch(new RegExp(`region ${r} covered \\d+ of the \\d+ service areas its 2023 target required and needs \\d+ by 2024`));
    }
    expect(replan.diagnosis.some((line) => /phase 2024/.test(line))).toBe(true);
    expect(replan.slipped).toEqual([...missed].sort());
  });
});

describe('the open problem on the demo', () => {
  const demo = (): Dataset => JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as Dataset;
  const sample = (): ProgressReport => JSON.parse(readFileSync(new URL('../../data/demo-progress.json', import.meta.url), 'utf8')) as ProgressReport;

  it('reduces an open phase’s budget by what the report says it spent already', async () => {
    // Prepare: the demo's 2024 needs 16,590,000 of its 20,000,000 after the sample's 2023.
    const d = demo();
    const fits = { ...sample(), spent: { '2023': 52_310_000, '2024': 3_400_000 } };
    const over = { ...sample(), spent: { '2023': 52_310_000, '2024': 3_500_000 } };

    // Act
    const a = await replanPlan(d, { asOf: '2024-01-15', progress: fits });
    const b = await replanPlan(d, { asOf: '2024-01-15', progress: over });
    const byHand = await solvePlan(openProblemByHand(d, 2024, over));

    // Assess
    expect(a.status).toBe('optimal');
    expect(b.status).toBe('infeasible');
    expect(byHand.status).toBe('infeasible');
    expect(b.diagnosis.join('\n')).toMatch(/phase 2024's budget 2\.00e7 is reduced by the 3\.50e6 already spent to 1\.65e7/);
  });

  it('moves a closed requiredBy to the first open phase', async () => {
    // Prepare: the demo's required site is due by 2024; as of 2025 nothing is reported.
    // It costs so much that only the requirement makes the planner build it.
    const d = demo();
    const required = d.serviceAreas.find((s) => s.status === 'required' && s.requiredBy === '2024')!;
    required.siteCost = 1e10;
    const existing = (required.existingPiles ?? 0) >= MIN_PILES;
    expect(existing).toBe(false);

    // Act
    const replan = await replanPlan(d, { asOf: '2025-01-15', progress: { asOf: '2024-12-31', sites: [] } });
    const byHand = await solvePlan(openProblemByHand(d, 2025, { asOf: '2024-12-31', sites: [] }));

    // Assess
    expect(replan.sites.find((s) => s.id === required.id)!.buildPhase).toBe('2025');
    expect(relClose(replan.objective!, byHand.objective!)).toBe(true);
  });
});
