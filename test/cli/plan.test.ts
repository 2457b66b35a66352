import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Plan } from '../../solver/types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'data/demo.json');
const demo = JSON.parse(readFileSync(DEMO, 'utf8')) as Dataset;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a child process, the way `npm run plan` does (its launcher bundles it first). */
function plan(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['cli/run.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});


function outputs(name: string): { out: string; csv: string; geojson: string; args: string[] } {
  const out = join(dir, `${name}.plan.json`);
  const csv = join(dir, `${name}.sites.csv`);
  const geojson = join(dir, `${name}.sites.geojson`);
  return { out, csv, geojson, args: ['--out', out, '--csv', csv, '--geojson', geojson] };
}

const filesStartingWith = (prefix: string): string[] => readdirSync(dir).filter((f) => f.startsWith(prefix));

describe('npm run plan', () => {
  it('exits 2 on a file that is not JSON and writes nothing', () => {
    // Prepare
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "province": "ZJ", ');
    const o = outputs('broken');

    // Act
    const r = plan(file, ...o.args);

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\$: malformed JSON/);
    expect(filesStartingWith('broken.')).toEqual(['broken.json']);
  });

  it('exits 2 on an invalid data set and lists every problem by its JSON path', () => {
    // Prepare
    const bad = structuredClone(demo) as unknown as Record<string, unknown> & Dataset;
    bad.serviceAreas[0]!.corridor = 'G999';
    bad.serviceAreas[1]!.km = -5;
    (bad.assumptions as Record<string, unknown>).chargRate = 0.05;
    const file = join(dir, 'invalid.json');
    writeFileSync(file, JSON.stringify(bad));
    const o = outputs('invalid');

    // Act
    const r = plan(file, ...o.args);

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('serviceAreas[0].corridor');
    expect(r.stderr).toContain('serviceAreas[1].km');
    expect(r.stderr).toContain('assumptions.chargRate');
    expect(filesStartingWith('invalid.')).toEqual(['invalid.json']);
  });

  it('exits 2 with a usage line when the file does not exist', () => {
    // Act
    const r = plan(join(dir, 'no-such-file.json'));

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*no-such-file\.json: no such file/);
    expect(r.stderr).toMatch(/^usage: npm run plan/m);
  });

  it.each([
    [[], /no data set file given/],
    [['a.json', 'b.json'], /one data set file expected/],
    [['data/demo.json', '--time-limit', 'soon'], /--time-limit must be a positive number/],
    [['data/demo.json', '--frobnicate'], /frobnicate/],
    [['data/demo.json', '--out', 'data/demo.json'], /would overwrite the data set/],
    [['data/demo.json', '--out', '/no/such/folder/plan.json'], /does not exist/],
  ])('exits 2 with a usage line on bad arguments %j', (args, message) => {
    // Act
    const r = plan(...args);

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^usage: npm run plan/m);
  });

  it('solves the demo, exits 0 and writes the plan, the CSV and the GeoJSON', () => {
    // Prepare
    const o = outputs('demo');

    // Act
    const r = plan(DEMO, ...o.args, '--time-limit', '60');

    // Assess
    expect(r.status).toBe(0);
    const written = JSON.parse(readFileSync(o.out, 'utf8')) as Plan;
    expect(written.status).toBe('optimal');
    expect(written.sites).toHaveLength(demo.serviceAreas.length);
    const csv = readFileSync(o.csv, 'utf8');
    expect(csv.startsWith('\ufeffid,name,')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(demo.serviceAreas.length + 1);
    const geo = JSON.parse(readFileSync(o.geojson, 'utf8')) as { type: string; features: unknown[] };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(demo.serviceAreas.length);
    expect(r.stdout).toMatch(/^Status\s+optimal/m);
    expect(r.stdout).toContain('Phase 2024');
    expect(r.stdout).toMatch(/NINGBO 宁波市 \[priority\]\s+\d+\/14 \(required \d+\)/);
    expect(r.stdout).toMatch(/budget 20,000,000/);
    expect(filesStartingWith('.demo')).toEqual([]);
  });

  it('exits 1 on an infeasible data set and writes the plan with its diagnosis, no CSV', () => {
    // Prepare: exclude all but 4 of 台州's 14 service areas; its 2025 target needs 9.
    const infeasible = structuredClone(demo);
    let kept = 0;
    for (const s of infeasible.serviceAreas) {
      if (s.region !== 'TAIZHOU') continue;
      if (kept < 4) {
        kept++;
        continue;
      }
      s.status = 'excluded';
      delete s.requiredBy;
    }
    const file = join(dir, 'infeasible.json');
    writeFileSync(file, JSON.stringify(infeasible));
    const o = outputs('infeasible');

    // Act
    const r = plan(file, ...o.args);

    // Assess
    expect(r.status).toBe(1);
    const written = JSON.parse(readFileSync(o.out, 'utf8')) as Plan;
    expect(written.status).toBe('infeasible');
    expect(written.diagnosis.join('\n')).toMatch(/TAIZHOU/);
    expect(r.stdout).toMatch(/^Diagnosis/m);
    expect(r.stdout).toMatch(/TAIZHOU/);
    expect(filesStartingWith('infeasible.')).toEqual(['infeasible.json', 'infeasible.plan.json']);
    // The remedies, after the diagnosis, on screen and in the plan file.
    expect(written.remedies?.extraBudget.dropped).toContainEqual({ rule: 'coverage', region: 'TAIZHOU', phase: '2025' });
    expect(r.stdout.indexOf('Remedies')).toBeGreaterThan(r.stdout.indexOf('Diagnosis'));
    expect(r.stdout).toMatch(/Within the budgets: \d+ of \d+ rules met/);
    expect(r.stdout).toMatch(/misses coverage of region TAIZHOU 台州市 in 2025: 4 covered of \d+ required \(impossible\)/);
    expect(r.stdout).toMatch(/With more money: [\d,]+ CNY over the budgets \(2024: [\d,]+\)/);
  });
});
