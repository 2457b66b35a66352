/**
 * The real `npm run curve` (bundled and run as a child process, its points in
 * worker threads) against separate solves of data sets changed by hand here:
 * a 9-point budget curve equals 9 plain solves, comes back byte for byte the
 * same when asked twice, and its proven optimal objectives do not rise as the
 * budget grows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPoint } from '../../cli/format.js';
import { solvePlan } from '../../solver/index.js';
import type { Curve } from '../../solver/curve.js';
import type { Dataset, Plan } from '../../solver/types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'data/demo.json');
const demo = JSON.parse(readFileSync(DEMO, 'utf8')) as Dataset;
const VALUES = [0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4];
/** Relative tolerance of the optimality rule (SPEC 4): two proven optima may differ by this much. */
const GAP = 1e-6;

function curve(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['cli/run.mjs', '--command=curve', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every phase budget x scale, written out by hand. */
function budgetsTimes(d: Dataset, scale: number): Dataset {
  const out = structuredClone(d);
  for (const p of out.phases) if (p.budget !== undefined) p.budget *= scale;
  return out;
}

let dir: string;
let first: { status: number | null; stdout: string; stderr: string };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'curve-cli-'));
  first = curve(DEMO, '--vary', 'budgetScale', '--from', '0.6', '--to', '1.4', '--steps', '9', '--out', join(dir, 'a.json'), '--csv', join(dir, 'a.csv'));
}, 300_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run curve', () => {
  it('solves a 9-point budget curve exactly as 9 separate solves', async () => {
    // Prepare
    expect(first.status).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as Curve;

    // Act
    const separate: Plan[] = [];
    for (const value of VALUES) separate.push(await solvePlan(budgetsTimes(demo, value)));

    // Assess
    expect({ ...written, points: [] }).toEqual({ vary: 'budgetScale', from: 0.6, to: 1.4, steps: 9, points: [] });
    expect(written.points.map((p) => p.value)).toEqual(VALUES);
    written.points.forEach((point, i) => {
      const plan = separate[i]!;
      expect(point.status).toBe(plan.status);
      expect(point.objective).toBe(plan.objective);
      expect(point.capex).toBe(plan.phases.reduce((sum, p) => sum + (p.capex ?? 0), 0));
      expect(point.rulesMet).toBe(point.rulesTotal);
      expect([point.shortfall, point.extraBudget]).toEqual([0, 0]);
    });
    expect(first.stdout.split('\n').filter((l) => /^\s+[\d.]+\s+optimal\s+capex/.test(l))).toHaveLength(18);
    expect(first.stderr).toContain('9 of 9 points solved');
  }, 300_000);

  it('gives the same curve, byte for byte, when asked twice', () => {
    // Act
    const again = curve(DEMO, '--vary', 'budgetScale', '--from', '0.6', '--to', '1.4', '--steps', '9', '--out', join(dir, 'b.json'));

    // Assess
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
  }, 300_000);

  it("never raises the proven optimal objective as the budget grows (capex, the nominal sum, is not promised)", () => {
    // Prepare
    const { points } = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as Curve;

    // Act: every pair of proven optimal points, the larger budget second
    const pairs = points.flatMap((a, i) => points.slice(i + 1).map((b) => [a, b] as const)).filter(([a, b]) => a.status === 'optimal' && b.status === 'optimal');

    // Assess: a larger budget keeps every plan of the smaller one feasible
    expect(pairs.length).toBeGreaterThan(0);
    for (const [a, b] of pairs) expect(b.objective!).toBeLessThanOrEqual(a.objective! * (1 + GAP));
    expect(points[0]!.objective!).toBeGreaterThan(points.at(-1)!.objective!);
  });

  it('writes the curve as CSV with a byte-order mark, one row per point', () => {
    const csv = readFileSync(join(dir, 'a.csv'), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\ufeffvalue,status,objective,capex,rulesMet,rulesTotal,shortfall,extraBudget');
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(VALUES.map(String));
  });

  it('exits 2 on a bad curve, naming each option, and writes nothing', () => {
    // Act
    const r = curve(DEMO, '--vary', 'budget', '--from', '0.6', '--to', '0.6', '--steps', '30', '--remedies-limit', '601', '--out', join(dir, 'bad.json'));

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--vary: must be one of "budgetScale", "evShareScale", "target.priority", "target.standard", got "budget"');
    expect(r.stderr).toContain('--steps: must be between 2 and 21, got 30');
    expect(r.stderr).toContain('--to: must differ from from (0.6)');
    expect(r.stderr).toContain('--remedies-limit: must be between 1 and 600, got 601');
    expect(readdirSync(dir).filter((f) => f.startsWith('bad'))).toEqual([]);
  });

  it('exits 2 when a value is not a number or a target would leave [0, 1]', () => {
    expect(curve(DEMO, '--vary', 'budgetScale', '--from', 'x', '--to', '1', '--steps', '3').stderr).toContain('--from must be a number, got "x"');
    const r = curve(DEMO, '--vary', 'target.priority', '--from', '0.8', '--to', '1.1', '--steps', '4');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--to: 1.1 gives changes.targets\["2023"\].priority: must be between 0 and 1, got 1.1/);
  });

  it('prints a point with its figures, and a dash for each figure the plan does not carry', () => {
    const infeasible = { value: 0.6, status: 'infeasible' as const, objective: null, capex: null, rulesMet: null, rulesTotal: 64, shortfall: null, extraBudget: 42_000_000 };
    expect(formatPoint(infeasible, 1234, 'highs')).toBe('     0.6  infeasible  capex               -  rules    -/64  shortfall   -  extra    42,000,000  (1.2 s, highs)');
    const feasible = { ...infeasible, status: 'optimal' as const, objective: 1, capex: 452_000_000, rulesMet: 64, shortfall: 0, extraBudget: 0 };
    expect(formatPoint(feasible, 50, 'lp-solver')).toBe('     0.6  optimal     capex     452,000,000  rules   64/64  shortfall   0  extra             0  (0.1 s, lp-solver)');
  });
});
