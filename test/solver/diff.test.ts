/**
 * Plan diffs (SPEC 6.5): a plan against itself, and plans mutated here by hand,
 * where the expected changes are known from the mutation itself.
 */
import { describe, expect, it } from 'vitest';
import { generateProvince, mulberry32 } from '../../data/generate-lib.js';
import { diffPlans, diffToCsv, replanPlan, solvePlan, type Plan } from '../../solver/index.js';

const dataset = generateProvince({ seed: 41, sites: 30, phases: 3, budget: 'loose', discountRate: 0.04 });
let cached: Plan | undefined;
async function plan(): Promise<Plan> {
  cached ??= await solvePlan(dataset);
  return structuredClone(cached);
}

describe('diffPlans', () => {
  it('finds nothing between a plan and itself', async () => {
    // Prepare
    const a = await plan();

    // Act
    const d = diffPlans(a, structuredClone(a));

    // Assess
    expect(d.sites).toEqual([]);
    expect(d.objective.delta).toBe(0);
    expect(d.phases.map((p) => p.capex.delta)).toEqual(a.phases.map(() => 0));
    expect(d.inputsChanged).toEqual({ dataRevision: false, progress: false, closedPhases: false });
    expect(d.inputs.from).toEqual({ dataRevision: null, progressAsOf: null, closedPhases: [] });
    expect(d.coverage.every((c) => JSON.stringify(c.from) === JSON.stringify(c.to))).toBe(true);
    expect(d.coverage).toHaveLength(a.phases.length * dataset.regions.length);
  });

  it('lists exactly the sites a mutation changed, each with its kind and both values', async () => {
    // Prepare: random mutations of a copy, recording the kind each one makes.
    const a = await plan();
    const phases = a.phases.map((p) => p.id);
    const rng = mulberry32(7);
    const b = structuredClone(a);
    const expected = new Map<string, string>();
    for (const s of b.sites) {
      const roll = rng();
      if (roll < 0.15 && s.buildPhase === null) {
        s.buildPhase = phases[1]!;
        expected.set(s.id, 'added');
      } else if (roll < 0.3 && s.buildPhase !== null && s.buildPhase !== 'existing') {
        s.buildPhase = null;
        expected.set(s.id, 'dropped');
      } else if (roll < 0.45 && s.buildPhase !== null && s.buildPhase !== 'existing') {
        s.buildPhase = phases.find((p) => p !== s.buildPhase)!;
        expected.set(s.id, 'moved');
      } else if (roll < 0.6 && s.buildPhase !== null) {
        s.piles[phases.at(-1)!] = s.piles[phases.at(-1)!]! + 1;
        expected.set(s.id, 'resized');
      }
    }
    expect(new Set(expected.values()).size).toBe(4);

    // Act
    const d = diffPlans(a, b);

    // Assess
    expect(d.sites.map((s) => [s.id, s.kind])).toEqual([...expected.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)));
    for (const s of d.sites) {
      const before = a.sites.find((x) => x.id === s.id)!;
      const after = b.sites.find((x) => x.id === s.id)!;
      expect(s.from).toEqual({ buildPhase: before.buildPhase, piles: before.piles });
      expect(s.to).toEqual({ buildPhase: after.buildPhase, piles: after.piles });
    }
  });

  it('reports capex and objective differences and which inputs changed', async () => {
    // Prepare
    const a = await plan();
    const lastYear = Math.max(...dataset.phases.map((p) => p.year));
    const firstYear = Math.min(...dataset.phases.map((p) => p.year));
    const first = a.phases[0]!.id;
    const sites = a.sites.filter((s) => s.buildPhase === first).map((s) => ({ id: s.id, piles: s.piles[first]!, coveredSince: first }));
    const b = await replanPlan(dataset, { asOf: `${firstYear + 1}-02-01`, progress: { asOf: `${firstYear}-12-31`, sites, spent: { [first]: 123 } }, dataRevision: 2 });
    expect(lastYear).toBeGreaterThan(firstYear);
    expect(b.status).toBe('optimal');

    // Act
    const d = diffPlans(a, b);

    // Assess
    expect(d.objective).toEqual({ from: a.objective, to: b.objective, delta: b.objective! - a.objective! });
    expect(d.phases[0]!.capex).toEqual({ from: a.phases[0]!.capex, to: 123, delta: 123 - a.phases[0]!.capex! });
    expect(d.inputs.to).toEqual({ dataRevision: 2, progressAsOf: `${firstYear}-12-31`, closedPhases: [a.phases[0]!.id] });
    expect(d.inputsChanged).toEqual({ dataRevision: true, progress: true, closedPhases: true });
  });
});

describe('diffToCsv', () => {
  it('writes a BOM, a header and one row per changed site', async () => {
    // Prepare
    const a = await plan();
    const b = structuredClone(a);
    const built = b.sites.filter((s) => s.buildPhase !== null).slice(0, 3);
    for (const s of built) s.buildPhase = null;
    b.sites.push({ id: '=cmd', buildPhase: b.phases[0]!.id, piles: {}, capex: {}, shortfall: {} });

    // Act
    const csv = diffToCsv(diffPlans(a, b));

    // Assess
    expect(csv.startsWith('\ufeffid,kind,fromBuildPhase,toBuildPhase,')).toBe(true);
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 4);
    expect(rows.filter((r) => r.includes(',dropped,'))).toHaveLength(3);
    expect(rows).toContain(`'=cmd,added,,${b.phases[0]!.id}${',' .repeat(a.phases.length * 2)}`);
  });
});
