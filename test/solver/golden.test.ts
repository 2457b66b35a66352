/**
 * Plans and downloads of the sample data sets against golden files made from
 * the code before issue 15's refactoring: any change to a rule, a figure or a
 * column shows here as a changed byte. Run-dependent fields are left out of
 * the comparison: `stats.ms` (wall-clock) and `stats.engine` (which engine
 * proved the plan first depends on timing and search order, not on the plan).
 * Everything else (status, objective, bound, gap, every site and phase figure,
 * warnings, diagnosis, stats.columns and stats.rows) must match.
 *
 * To regenerate after a deliberate change of the plans: GOLDEN_UPDATE=1 npx vitest run test/solver/golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planToWorkbook } from '../../solver/formats/index.js';
import { parseDataset, replanPlan, sitesToCsv, sitesToGeoJson, sitesToJson, solvePlan, type Dataset, type Plan, type ProgressReport } from '../../solver/index.js';
import { openWorkbook } from '../formats/helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const GOLDEN = join(import.meta.dirname, 'golden');
const UPDATE = process.env.GOLDEN_UPDATE === '1';

function dataset(name: string): Dataset {
  const parsed = parseDataset(readFileSync(join(ROOT, 'data', name), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`);
  return parsed.dataset;
}

/** The plan without its run-dependent fields, as the golden file holds it. */
function stable(plan: Plan): string {
  const { ms: _ms, engine: _engine, ...stats } = plan.stats;
  return JSON.stringify({ ...plan, stats }, null, 2) + '\n';
}

function matchesGolden(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${file}: no golden copy (GOLDEN_UPDATE=1 writes it)`).toBe(true);
  expect(actual === readFileSync(path, 'utf8'), `${file} differs from its golden copy`).toBe(true);
}

let demoPlan: Promise<Plan> | undefined;
const demo = () => (demoPlan ??= solvePlan(dataset('demo.json')));

describe('plans of the sample data sets are byte-identical to their golden copies', () => {
  it('demo.json', async () => {
    matchesGolden('demo.plan.json', stable(await demo()));
  });

  it('demo.json re-planned as of 2024-01-15 with demo-progress.json and the plain plan as previous', async () => {
    const report = JSON.parse(readFileSync(join(ROOT, 'data/demo-progress.json'), 'utf8')) as ProgressReport;
    const replan = await replanPlan(dataset('demo.json'), { asOf: '2024-01-15', progress: report, previous: await demo() });
    matchesGolden('demo.replan.json', stable(replan));
  });

  it.each(['medium.json', 'large.json', 'binding-large.json'])('%s', async (name) => {
    matchesGolden(name.replace('.json', '.plan.json'), stable(await solvePlan(dataset(name))));
  });
});

describe('downloads of the demo plan are byte-identical to their golden copies', () => {
  it('CSV, all phases and one phase', async () => {
    const plan = await demo();
    matchesGolden('demo.sites.csv', sitesToCsv(dataset('demo.json'), plan));
    matchesGolden('demo.sites-2024.csv', sitesToCsv(dataset('demo.json'), plan, '2024'));
  });

  it('GeoJSON, all phases and one phase', async () => {
    const plan = await demo();
    matchesGolden('demo.sites.geojson', JSON.stringify(sitesToGeoJson(dataset('demo.json'), plan), null, 2) + '\n');
    matchesGolden('demo.sites-2024.geojson', JSON.stringify(sitesToGeoJson(dataset('demo.json'), plan, '2024'), null, 2) + '\n');
  });

  it("the JSON download's sites, all phases and one phase", async () => {
    const plan = await demo();
    matchesGolden('demo.sites.download.json', JSON.stringify(sitesToJson(dataset('demo.json'), plan, undefined), null, 2) + '\n');
    matchesGolden('demo.sites-2024.download.json', JSON.stringify(sitesToJson(dataset('demo.json'), plan, '2024'), null, 2) + '\n');
  });

  it("the workbook's sites sheet: values, number formats and widths (the file itself carries its creation time)", async () => {
    const workbook = await openWorkbook(await planToWorkbook(dataset('demo.json'), await demo()));
    const sheet = workbook.getWorksheet('站点 sites')!;
    const columns = Array.from({ length: sheet.columnCount }, (_, i) => sheet.getColumn(i + 1)).map((c) => ({ numFmt: c.numFmt ?? null, width: c.width ?? null }));
    const values = sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    matchesGolden('demo.workbook-sites.json', JSON.stringify({ columns, values }, null, 1) + '\n');
  });
});
