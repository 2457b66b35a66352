import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetToJson, generateProvince } from '../../data/generate-lib.js';

const ROOT = resolve(import.meta.dirname, '../..');
const gen = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync('npx', ['tsx', 'data/generate.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('npm run gen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes to --out exactly what generateProvince gives for the same options', () => {
    // Prepare
    const out = join(dir, 'p.json');

    // Act
    const r = gen('--seed', '5', '--sites', '30', '--phases', '4', '--budget', 'loose', '--spacing', 'off', '--discount', '0.03', '--province', 'AH', '--out', out);

    // Assess
    expect(r.status).toBe(0);
    const expected = datasetToJson(
      generateProvince({ seed: 5, sites: 30, phases: 4, budget: 'loose', spacing: false, discountRate: 0.03, province: 'AH' }),
    );
    expect(readFileSync(out, 'utf8') === expected).toBe(true);
    expect(readdirSync(dir)).toEqual(['p.json']);
  });

  it.each([
    [['--sites', '10']],
    [['--seed', '1']],
    [['--seed', 'x', '--sites', '10']],
    [['--seed', '1', '--sites', '10', '--budget', 'huge']],
    [['--seed', '1', '--sites', '10', '--province', 'ZZ']],
    [['--seed', '1', '--sites', '10', '--colour', 'red']],
  ])('exits 2 with a usage line on %j', (args) => {
    // Act
    const r = gen(...args);

    // Assess
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: npm run gen/m);
    expect(r.stdout).toBe('');
  });
});
