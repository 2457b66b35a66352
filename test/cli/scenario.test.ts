/**
 * The real `npm run plan --scenario` (bundled and run as a child process): a
 * scenario's plan equals the plan of the data set changed by hand and given as
 * a plain data set; its asOf makes the run a re-plan; bad scenarios exit 2
 * with every problem by its path from the scenario object.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Plan } from '../../solver/types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'data/demo.json');
const REPORT = join(ROOT, 'data/demo-progress.json');
const demo = JSON.parse(readFileSync(DEMO, 'utf8')) as Dataset;

function plan(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['cli/run.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The plan as compared: without its timing and engine, which vary run to run. */
function figures(file: string): Omit<Plan, 'stats'> {
  const { stats: _, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Plan;
  return rest;
}

let dir: string;
const at = (name: string): string => join(dir, name);
function writeJson(name: string, value: unknown): string {
  writeFileSync(at(name), JSON.stringify(value));
  return at(name);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scenario-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run plan --scenario', () => {
  it('plans the changed data set exactly as a plain run of that data set changed by hand', () => {
    // Prepare
    const scenario = writeJson('cut.json', { name: '预算削减 20%', changes: { budgetScale: 0.8, costs: { perPile: 150000 }, targets: { '2025': { standard: 0.7 } } } });
    const byHand = structuredClone(demo);
    byHand.phases[1]!.budget = 20_000_000 * 0.8;
    byHand.costs = { ...byHand.costs, perPile: 150000 };
    byHand.phases[2]!.targets = { ...byHand.phases[2]!.targets, standard: 0.7 };
    const changedFile = writeJson('changed.json', byHand);

    // Act
    const viaScenario = plan(DEMO, '--scenario', scenario, '--out', at('cut.plan.json'));
    const plain = plan(changedFile, '--out', at('changed.plan.json'));

    // Assess
    expect([viaScenario.status, plain.status]).toEqual([0, 0]);
    expect(figures(at('cut.plan.json'))).toEqual(figures(at('changed.plan.json')));
    expect(viaScenario.stdout).toContain('Scenario   预算削减 20%: budgetScale 0.8, costs perPile 150000, targets 2025 standard 0.7');
    expect(viaScenario.stdout).toContain('budget 16,000,000');
  });

  it("re-plans as of the scenario's asOf, with the progress report", () => {
    // Prepare
    const scenario = writeJson('late.json', { name: 'faster uptake', changes: { evShareScale: 1.1 }, asOf: '2024-01-15' });

    // Act
    const r = plan(DEMO, '--scenario', scenario, '--progress', REPORT, '--out', at('late.plan.json'));

    // Assess
    expect(r.status).toBe(0);
    const replan = JSON.parse(readFileSync(at('late.plan.json'), 'utf8')) as Plan;
    expect(replan.asOf).toBe('2024-01-15');
    expect(replan.progressAsOf).toBe('2023-12-31');
    expect(replan.phases.map((p) => p.closed)).toEqual([true, false, false]);
  });

  it('exits 2 when --as-of and the scenario disagree, or a re-plan option has no as-of date', () => {
    const dated = writeJson('dated.json', { name: 'x', changes: {}, asOf: '2024-01-15' });
    const undated = writeJson('undated.json', { name: 'x', changes: {} });
    const disagree = plan(DEMO, '--scenario', dated, '--as-of', '2025-01-15');
    expect(disagree.status).toBe(2);
    expect(disagree.stderr).toContain("--as-of 2025-01-15 differs from the scenario's asOf 2024-01-15");
    const noDate = plan(DEMO, '--scenario', undated, '--progress', REPORT);
    expect(noDate.status).toBe(2);
    expect(noDate.stderr).toContain("--progress needs --as-of or the scenario's asOf");
  });

  it('exits 2 on bad changes, each problem by its path from the scenario object, and writes nothing', () => {
    // Prepare
    const scenario = writeJson('bad.json', {
      name: 'bad',
      changes: { budgetScale: { '2030': 0.8 }, targets: { '2025': { priority: 1.5 } }, maxGapKm: { '2024': -5 }, trafficGrowh: 0.05 },
    });

    // Act
    const r = plan(DEMO, '--scenario', scenario, '--out', at('bad.plan.json'));

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.json: invalid scenario, 4 problems:');
    expect(r.stderr).toContain('changes.trafficGrowh: unknown key');
    expect(r.stderr).toContain('changes.budgetScale["2030"]: unknown phase "2030"');
    expect(r.stderr).toContain('changes.targets["2025"].priority: must be between 0 and 1, got 1.5');
    expect(r.stderr).toContain('changes.maxGapKm["2024"]: must be greater than 0, got -5');
    expect(readdirSync(dir).filter((f) => f.startsWith('bad.plan'))).toEqual([]);
  });
});
