/**
 * Progress report validation (SPEC 6.2), rule by rule with the exact JSON path,
 * plus the small date and report-picking helpers of the planning cycle.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaDate, closedPhaseIds, isIsoDate, pickReport, validateProgress, type Dataset, type ProgressReport } from '../../solver/index.js';

const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as Dataset;

/** A valid report for the demo: G15-981 holds at most 6 piles, G15-1412 at most 10, G15-1241 is excluded. */
function report(): Record<string, any> {
  return {
    asOf: '2024-12-31',
    sites: [
      { id: 'G15-981', piles: 6, coveredSince: '2023' },
      { id: 'G15-1412', piles: 2, coveredSince: '2024' },
    ],
    spent: { '2023': 40_000_000, '2024': 0 },
  };
}

const paths = (r: ReturnType<typeof validateProgress>): string[] => (r.ok ? [] : r.issues.map((i) => i.path));

describe('validateProgress', () => {
  it('accepts a valid report and returns the very object', () => {
    // Prepare
    const input = report();

    // Act
    const r = validateProgress(input, demo);

    // Assess
    expect(r).toEqual({ ok: true, report: input });
    expect(r.ok && r.report).toBe(input);
  });

  it('accepts the sample report data/demo-progress.json', () => {
    const sample = JSON.parse(readFileSync(new URL('../../data/demo-progress.json', import.meta.url), 'utf8')) as unknown;
    expect(validateProgress(sample, demo).ok).toBe(true);
  });

  it.each<[string, (r: Record<string, any>) => void, string[]]>([
    ['an unknown top-level key', (r) => (r.asof = '2024-01-01'), ['asof']],
    ['an unknown key in a site', (r) => (r.sites[1].pile = 3), ['sites[1].pile']],
    ['a missing asOf', (r) => delete r.asOf, ['asOf']],
    ['asOf not a date', (r) => (r.asOf = '31/12/2024'), ['asOf']],
    ['asOf a day the calendar lacks', (r) => (r.asOf = '2025-02-30'), ['asOf']],
    ['asOf a number', (r) => (r.asOf = 20241231), ['asOf']],
    ['sites missing', (r) => delete r.sites, ['sites']],
    ['sites not an array', (r) => (r.sites = {}), ['sites']],
    ['a site not an object', (r) => (r.sites[0] = 'G15-981'), ['sites[0]']],
    ['an unknown site id', (r) => (r.sites[0].id = 'G15-999'), ['sites[0].id']],
    ['a duplicate site id', (r) => (r.sites[1].id = 'G15-981'), ['sites[1].id']],
    ['an excluded site', (r) => r.sites.push({ id: 'G15-1241', piles: 2, coveredSince: '2023' }), ['sites[2].id']],
    ['piles below minPilesPerSite', (r) => (r.sites[1].piles = 1), ['sites[1].piles']],
    ['piles above maxPiles', (r) => (r.sites[0].piles = 7), ['sites[0].piles']],
    ['piles not whole', (r) => (r.sites[1].piles = 2.5), ['sites[1].piles']],
    ['piles missing', (r) => delete r.sites[1].piles, ['sites[1].piles']],
    ['coveredSince an unknown phase', (r) => (r.sites[0].coveredSince = '2022'), ['sites[0].coveredSince']],
    ['coveredSince after the report year', (r) => (r.sites[1].coveredSince = '2025'), ['sites[1].coveredSince']],
    ['coveredSince missing', (r) => delete r.sites[0].coveredSince, ['sites[0].coveredSince']],
    ['spent not an object', (r) => (r.spent = [1]), ['spent']],
    ['spent naming an unknown phase', (r) => (r.spent['2026'] = 5), ['spent["2026"]']],
    ['spent negative', (r) => (r.spent['2024'] = -1), ['spent["2024"]']],
    ['spent not a number', (r) => (r.spent['2023'] = '40000000'), ['spent["2023"]']],
  ])('rejects %s with its path', (_name, mutate, expected) => {
    // Prepare
    const input = report();
    mutate(input);

    // Act
    const r = validateProgress(input, demo);

    // Assess
    expect(paths(r)).toEqual(expected);
  });

  it('accepts coveredSince in the report’s own year and piles at the default cap when maxPiles is omitted', () => {
    // Prepare: G15-1139 has no maxPiles, so assumptions.maxPilesPerSite (20) caps it.
    const input = report();
    const open = demo.serviceAreas.find((s) => s.maxPiles === undefined && s.status !== 'excluded')!;
    input.sites.push({ id: open.id, piles: 20, coveredSince: '2024' });

    // Act / Assess
    expect(paths(validateProgress(input, demo))).toEqual([]);
    input.sites[2].piles = 21;
    expect(paths(validateProgress(input, demo))).toEqual(['sites[2].piles']);
  });

  it('rejects a report of a site whose cap is below minPilesPerSite', () => {
    // Prepare
    const d = structuredClone(demo);
    d.serviceAreas.find((s) => s.id === 'G15-1412')!.maxPiles = 1;

    // Act / Assess
    expect(paths(validateProgress(report(), d))).toEqual(['sites[1].piles']);
  });

  it('rejects more than 5,000 sites once, without inspecting them', () => {
    const input = report();
    input.sites = Array.from({ length: 5_001 }, () => ({ id: 'nope' }));
    const r = validateProgress(input, demo);
    expect(paths(r)).toEqual(['sites']);
  });

  it('never throws and gives a path and message in every issue, for any value or any field replaced', () => {
    const fields: (string | number)[][] = [['asOf'], ['sites'], ['sites', 0], ['sites', 0, 'id'], ['sites', 0, 'piles'], ['sites', 1, 'coveredSince'], ['spent'], ['spent', '2023']];
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...fields), fc.jsonValue(), (whole, field, value) => {
        const input = report();
        let parent: any = input;
        for (const key of field.slice(0, -1)) parent = parent[key];
        parent[field.at(-1)!] = value;
        for (const r of [validateProgress(whole, demo), validateProgress(input, demo)]) {
          if (r.ok) continue;
          expect(r.issues.length).toBeGreaterThan(0);
          for (const issue of r.issues) {
            expect(issue.path).toMatch(/^(\$|[A-Za-z_$][\w$]*)(\.[A-Za-z_$][\w$]*|\[\d+\]|\[".*"\])*$/s);
            expect(issue.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { seed: 20261201, numRuns: 1_000 },
    );
  });
});

describe('dates of the planning cycle', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2025-02-30', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['0000-01-01', false],
    ['2025-1-01', false],
    [' 2025-01-01', false],
    ['2025-01-01T00:00:00Z', false],
  ])('isIsoDate(%j) is %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it('gives the calendar date in China Standard Time (UTC+8)', () => {
    expect(chinaDate(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(chinaDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(chinaDate(new Date('2026-06-30T23:00:00-02:00'))).toBe('2026-07-01');
  });

  it('closes the phases of years before the as-of year, in year order', () => {
    const shuffled = { ...demo, phases: [...demo.phases].reverse() };
    expect(closedPhaseIds(shuffled, '2023-12-31')).toEqual([]);
    expect(closedPhaseIds(shuffled, '2024-01-01')).toEqual(['2023']);
    expect(closedPhaseIds(shuffled, '2026-01-01')).toEqual(['2023', '2024', '2025']);
  });
});

describe('pickReport', () => {
  const r = (asOf: string, receivedAt: string, tag: string) => ({ report: { asOf, sites: [] } as ProgressReport, receivedAt, tag });

  it('takes the latest report not after the date, and on equal dates the later arrival', () => {
    const reports = [
      r('2024-12-31', '2025-01-05T00:00:00Z', 'a'),
      r('2025-06-30', '2025-07-02T00:00:00Z', 'b'),
      r('2024-12-31', '2025-01-09T00:00:00Z', 'c'),
      r('2024-06-30', '2025-01-10T00:00:00Z', 'd'),
    ];
    expect(pickReport(reports, '2025-03-01')?.tag).toBe('c');
    expect(pickReport(reports, '2025-06-30')?.tag).toBe('b');
    expect(pickReport(reports, '2024-12-30')?.tag).toBe('d');
    expect(pickReport(reports, '2024-01-01')).toBeUndefined();
    expect(pickReport([...reports].reverse(), '2025-03-01')?.tag).toBe('c');
  });
});
