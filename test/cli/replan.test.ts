/**
 * The real CLI (bundled and run as a child process, as `npm run plan` and
 * `npm run diff` do) re-planning the demo with the sample progress report.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, ProgressReport } from '../../solver/types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'data/demo.json');
const REPORT = join(ROOT, 'data/demo-progress.json');
const report = JSON.parse(readFileSync(REPORT, 'utf8')) as ProgressReport;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(command: 'plan' | 'diff', ...args: string[]): Run {
  const r = spawnSync(process.execPath, ['cli/run.mjs', `--command=${command}`, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let plainFile: string;
let replanFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'replan-cli-'));
  plainFile = join(dir, 'plain.json');
  replanFile = join(dir, 'replan.json');
  const plain = cli('plan', DEMO, '--out', plainFile);
  expect(plain.status).toBe(0);
  const re = cli('plan', DEMO, '--progress', REPORT, '--as-of', '2024-01-15', '--previous', plainFile, '--out', replanFile);
  expect(re.status).toBe(0);
  replanOutput = re.stdout;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
let replanOutput = '';

describe('npm run plan with --progress, --as-of and --previous', () => {
  it('writes a re-plan whose slipped sites are the previous plan’s 2023 builds the report leaves out', () => {
    // Prepare
    const plain = JSON.parse(readFileSync(plainFile, 'utf8')) as Plan;
    const reported = new Set(report.sites.map((s) => s.id));

    // Act
    const replan = JSON.parse(readFileSync(replanFile, 'utf8')) as Plan;

    // Assess
    const expected = plain.sites.filter((s) => s.buildPhase === '2023' && !reported.has(s.id)).map((s) => s.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(replan.slipped).toEqual(expected);
    expect(replan.asOf).toBe('2024-01-15');
    expect(replan.progressAsOf).toBe('2023-12-31');
    expect(replan.dataRevision).toBeNull();
    expect(replan.phases.map((p) => [p.id, p.closed])).toEqual([['2023', true], ['2024', false], ['2025', false]]);
    expect(replan.phases[0]!.capex).toBe(report.spent!['2023']);
  });

  it('prints the closed phase with met or missed per region and the slipped sites', () => {
    expect(replanOutput).toMatch(/^As of\s+2024-01-15: progress as of 2023-12-31; closed phases 2023/m);
    expect(replanOutput).toMatch(/^Phase 2023 \(closed, as built\): 18 new sites, \d+ piles in service, spent 52,310,000 CNY \(reported\)/m);
    expect(replanOutput).toMatch(/NINGBO 宁波市 \[priority\]\s+8\/14 \(required 7\)\s+57\.1%\s+met/);
    expect(replanOutput).toMatch(/^Slipped\s+3: G92-1233, S26-263, S26-368/m);
  });

  it('marks a missed closed target as MISSED', () => {
    // Prepare: the report without any 宁波 site.
    const regionOf = new Map((JSON.parse(readFileSync(DEMO, 'utf8')) as { serviceAreas: { id: string; region: string }[] }).serviceAreas.map((s) => [s.id, s.region]));
    const thin = { ...report, sites: report.sites.filter((s) => regionOf.get(s.id) !== 'NINGBO') };
    const file = join(dir, 'thin-report.json');
    writeFileSync(file, JSON.stringify(thin));

    // Act
    const r = cli('plan', DEMO, '--progress', file, '--as-of', '2024-01-15');

    // Assess
    expect(r.stdout).toMatch(/NINGBO 宁波市 \[priority\]\s+\d\/14 \(required 7\)\s+[\d.]+%\s+MISSED/);
    expect(r.status).toBe(r.stdout.match(/^Status\s+infeasible/m) ? 1 : 0);
  });

  it('exits 2 on a bad report, lists its problems by JSON path and writes nothing', () => {
    // Prepare
    const bad = { asOf: '2025-02-30', sites: [{ id: 'G15-999', piles: 1, coveredSince: '2023' }], spent: { '2030': 5 } };
    const file = join(dir, 'bad-report.json');
    writeFileSync(file, JSON.stringify(bad));
    const out = join(dir, 'bad.plan.json');

    // Act
    const r = cli('plan', DEMO, '--progress', file, '--as-of', '2024-01-15', '--out', out);

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('invalid progress report');
    for (const path of ['asOf:', 'sites[0].id:', 'sites[0].piles:', 'spent["2030"]:']) expect(r.stderr).toContain(path);
    expect(readdirSync(dir)).not.toContain('bad.plan.json');
  });

  it.each([
    [['--as-of', '2025-02-30'], /--as-of must be a calendar date/],
    [['--progress', REPORT], /--progress needs --as-of/],
    [['--previous', DEMO, '--as-of', '2024-01-15'], /invalid plan/],
  ])('exits 2 on %j and writes nothing', (args, message) => {
    // Prepare
    const out = join(dir, 'never.json');

    // Act
    const r = cli('plan', DEMO, ...args, '--out', out);

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(dir)).not.toContain('never.json');
  });

  it('accepts a re-plan as --previous', () => {
    // Prepare: the previous version's 2023 and 2024 builds that the (2023) report does not list.
    const previous = JSON.parse(readFileSync(replanFile, 'utf8')) as Plan;
    const reported = new Set(report.sites.map((s) => s.id));
    const slipped = previous.sites.filter((s) => (s.buildPhase === '2023' || s.buildPhase === '2024') && !reported.has(s.id)).map((s) => s.id).sort();

    // Act
    const r = cli('plan', DEMO, '--progress', REPORT, '--as-of', '2025-01-10', '--previous', replanFile);

    // Assess
    expect(r.stdout).toMatch(/closed phases 2023, 2024/);
    expect(slipped.length).toBeGreaterThan(0);
    expect(r.stdout).toContain(`Slipped    ${slipped.length}: ${slipped.join(', ')} `);
    expect([0, 1]).toContain(r.status);
  });
});

describe('npm run diff', () => {
  it('summarises the plain plan against the re-plan and writes the CSV', () => {
    // Prepare
    const csv = join(dir, 'diff.csv');

    // Act
    const r = cli('diff', plainFile, replanFile, '--csv', csv);

    // Assess
    expect(r.status).toBe(0);
    const money = (v: number): string => Math.round(v).toLocaleString('en-US');
    const [a, b] = [plainFile, replanFile].map((f) => (JSON.parse(readFileSync(f, 'utf8')) as Plan).objective!);
    expect(r.stdout).toContain(`Objective  ${money(a!)} -> ${money(b!)} (${money(b! - a!)})`);
    expect(r.stdout).toMatch(/changed: progress, closedPhases/);
    expect(r.stdout).toMatch(/^\s+moved\s+S26-263\s+2023 -> 2024/m);
    const rows = readFileSync(csv, 'utf8');
    expect(rows.startsWith('\ufeffid,kind,')).toBe(true);
    const count = Number(/^Sites\s+(\d+) changed/m.exec(r.stdout)![1]);
    expect(rows.trimEnd().split('\r\n')).toHaveLength(count + 1);
  });

  it('exits 2 when a file is not a plan', () => {
    const r = cli('diff', plainFile, REPORT);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid plan/);
    expect(r.stderr).toMatch(/^\s+status: required/m);
  });
});
