import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlanArgs } from '../../cli/args.js';
import { EXIT, exitCodeFor } from '../../cli/exit-codes.js';
import { formatIssues, formatMoney, formatProgress, formatSummary } from '../../cli/format.js';
import { writeFilesAtomically } from '../../cli/write.js';
import type { Dataset, Plan } from '../../solver/types.js';

const dataset: Dataset = {
  province: 'ZJ',
  name: '浙江省测试',
  baseYear: 2022,
  currency: 'CNY',
  phases: [
    { id: '2024', year: 2024, evShare: 0.05, targets: { priority: 0.5, standard: 0.4 }, budget: 3_000_000 },
    { id: '2025', year: 2025, evShare: 0.08, maxGapKm: 120 },
  ],
  regions: [
    { id: 'NINGBO', name: '宁波市', class: 'priority' },
    { id: 'TAIZHOU', class: 'standard' },
  ],
  corridors: [{ id: 'G15', startKm: 0, endKm: 200 }],
  serviceAreas: [
    { id: 'G15-020', corridor: 'G15', km: 20, region: 'NINGBO' },
    { id: 'G15-070', corridor: 'G15', km: 70, region: 'NINGBO' },
    { id: 'G15-120', corridor: 'G15', km: 120, region: 'TAIZHOU' },
  ],
  traffic: [{ corridor: 'G15', fromKm: 0, toKm: 200, aadt: 30000 }],
};

const plan: Plan = {
  status: 'feasible',
  objective: 2_508_000.4,
  bound: 2_400_000,
  gap: 0.0430622,
  phases: [
    {
      id: '2024', year: 2024, capex: 2_508_000, newSites: 1, piles: 4,
      coverage: [
        { region: 'NINGBO', covered: 1, total: 2, required: 1, rate: 0.5 },
        { region: 'TAIZHOU', covered: 0, total: 1, required: 1, rate: 0 },
      ],
    },
    {
      id: '2025', year: 2025, capex: 0, newSites: 0, piles: 4,
      coverage: [
        { region: 'NINGBO', covered: 1, total: 2, required: null, rate: 0.5 },
        { region: 'TAIZHOU', covered: 0, total: 1, required: null, rate: 0 },
      ],
    },
  ],
  sites: [],
  warnings: ['stopped at the time limit'],
  diagnosis: [],
  warningDetails: [{ code: 'plain', params: { text: 'stopped at the time limit' } }],
  diagnosisDetails: [],
  stats: { ms: 1234, engine: 'highs', columns: 6, rows: 4 },
};

describe('parsePlanArgs', () => {
  it('reads the data set and every option', () => {
    // Act
    const parsed = parsePlanArgs(['d.json', '--out', 'p.json', '--csv', 's.csv', '--geojson', 's.geojson', '--time-limit', '2.5']);

    // Assess
    expect(parsed).toEqual({
      kind: 'run',
      args: { dataset: 'd.json', out: 'p.json', csv: 's.csv', geojson: 's.geojson', timeLimitSeconds: 2.5 },
    });
  });

  it('leaves out what is not given', () => {
    // Act
    const parsed = parsePlanArgs(['d.json']);

    // Assess
    expect(parsed).toEqual({ kind: 'run', args: { dataset: 'd.json' } });
  });

  it('answers --help', () => {
    // Act
    const parsed = parsePlanArgs(['--help']);

    // Assess
    expect(parsed).toEqual({ kind: 'help' });
  });

  it.each([
    [[]],
    [['a.json', 'b.json']],
    [['a.json', '--time-limit', '0']],
    [['a.json', '--time-limit', '-3']],
    [['a.json', '--time-limit', '']],
    [['a.json', '--out']],
    [['a.json', '--out', ' ']],
    [['a.json', '--verbose']],
  ])('rejects %j', (argv) => {
    // Act
    const parsed = parsePlanArgs(argv);

    // Assess
    expect(parsed.kind).toBe('error');
  });
});

describe('exitCodeFor', () => {
  it('maps plan statuses to the documented exit codes', () => {
    // Act
    const codes = (['optimal', 'feasible', 'infeasible', 'unknown'] as const).map(exitCodeFor);

    // Assess
    expect(codes).toEqual([0, 0, 1, 3]);
    expect(EXIT.invalid).toBe(2);
  });
});

describe('formatMoney', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1_234_567.6, '1,234,568'],
    [-2_500_000, '-2,500,000'],
  ])('formats %d as %s', (value, text) => {
    // Act
    const formatted = formatMoney(value);

    // Assess
    expect(formatted).toBe(text);
  });
});

describe('formatSummary', () => {
  it('states status, objective, bound and gap', () => {
    // Act
    const text = formatSummary(dataset, plan);

    // Assess
    expect(text).toContain('浙江省测试 (ZJ): 3 service areas, 2 phases');
    expect(text).toMatch(/^Status\s+feasible \(highs, 1\.2 s\)$/m);
    expect(text).toMatch(/^Objective\s+2,508,000 CNY/m);
    expect(text).toMatch(/^Bound\s+2,400,000 CNY, gap 4\.3062%$/m);
  });

  it('lists each phase with new sites, piles, spending against budget and coverage per region', () => {
    // Act
    const text = formatSummary(dataset, plan);

    // Assess
    expect(text).toContain('Phase 2024: 1 new sites, 4 piles in service, spending 2,508,000 CNY (budget 3,000,000, 83.6% used)');
    expect(text).toContain('Phase 2025: 0 new sites, 4 piles in service, spending 0 CNY, maxGapKm 120');
    expect(text).toMatch(/NINGBO 宁波市 \[priority\]\s+1\/2 \(required 1\)\s+50\.0%/);
    expect(text).toMatch(/TAIZHOU \[standard\]\s+0\/1 \(required 1\)\s+0\.0%\s+BELOW TARGET/);
    expect(text).toMatch(/NINGBO 宁波市 \[priority\]\s+1\/2 \(no target\)/);
  });

  it('lists warnings and, for an infeasible plan, the diagnosis without phase figures', () => {
    // Prepare
    const infeasible: Plan = {
      ...plan,
      status: 'infeasible',
      objective: null,
      bound: null,
      gap: null,
      warnings: [],
      diagnosis: ['region TAIZHOU needs 1 covered service areas in 2024 but only 0 are not excluded'],
    };

    // Act
    const feasibleText = formatSummary(dataset, plan);
    const infeasibleText = formatSummary(dataset, infeasible);

    // Assess
    expect(feasibleText).toMatch(/^Warnings\n  - stopped at the time limit$/m);
    expect(infeasibleText).toMatch(/^Diagnosis\n  - region TAIZHOU needs 1/m);
    expect(infeasibleText).not.toContain('Phase 2024');
    expect(infeasibleText).not.toContain('Objective');
  });
});

describe('formatIssues and formatProgress', () => {
  it('puts each validation problem on its own line with its path', () => {
    // Act
    const text = formatIssues('d.json', [
      { path: 'serviceAreas[0].corridor', message: 'unknown corridor "G9"' },
      { path: 'phases[1].year', message: 'must be greater than 2024' },
    ]);

    // Assess
    expect(text).toBe(
      'd.json: invalid data set, 2 problems:\n' +
        '  serviceAreas[0].corridor: unknown corridor "G9"\n' +
        '  phases[1].year: must be greater than 2024\n',
    );
  });

  it('shows elapsed time, best plan, bound and gap while searching', () => {
    // Act
    const line = formatProgress({ stage: 'search', elapsedMs: 12_345, incumbent: 1_000_000, bound: 990_000 });

    // Assess
    expect(line).toBe('[  12.3 s] search  best 1,000,000  bound 990,000  gap 1.00%\n');
  });
});

describe('writeFilesAtomically', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every file', () => {
    // Act
    writeFilesAtomically([
      { path: join(dir, 'a.json'), content: '{"a":1}\n' },
      { path: join(dir, 'b.csv'), content: '\ufeffid\r\n' },
    ]);

    // Assess
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"a":1}\n');
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('\ufeffid\r\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes nothing and leaves no temp files when one file cannot be written', () => {
    // Act
    const act = (): void =>
      writeFilesAtomically([
        { path: join(dir, 'c.json'), content: '{}' },
        { path: join(dir, 'missing-folder', 'd.csv'), content: 'x' },
      ]);

    // Assess
    expect(act).toThrow();
    expect(existsSync(join(dir, 'c.json'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
