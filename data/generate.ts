/**
 * npm run gen -- --seed N --sites M [--phases 3] [--budget tight|loose|none]
 *   [--spacing on|off] [--discount R] [--province XX] [--regions K] [--out file.json]
 *
 * Writes a synthetic province data set (JSON) to --out or stdout. Same options,
 * same bytes. Exit 2 on bad arguments.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { datasetToJson, generateProvince, GenerateOptionsError, type BudgetMode } from './generate-lib.js';
import { NAMED_PROVINCES, PROVINCES } from './provinces.js';

const USAGE =
  'usage: npm run gen -- --seed N --sites M [--phases 3] [--budget tight|loose|none] ' +
  '[--spacing on|off] [--discount R] [--province ' +
  [...PROVINCES, ...NAMED_PROVINCES].map((p) => p.code).join('|') +
  '] [--regions K] [--out file.json]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function int(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(`--${name} is required`);
    return fallback;
  }
  if (!/^-?\d+$/.test(value)) fail(`--${name} must be an integer, got "${value}"`);
  return Number(value);
}

function main(): void {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        seed: { type: 'string' },
        sites: { type: 'string' },
        phases: { type: 'string' },
        budget: { type: 'string' },
        spacing: { type: 'string' },
        discount: { type: 'string' },
        province: { type: 'string' },
        regions: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | undefined> });
  } catch (err) {
    fail((err as Error).message);
  }
  const budget = values.budget ?? 'none';
  if (budget !== 'tight' && budget !== 'loose' && budget !== 'none') fail(`--budget must be tight, loose or none`);
  const spacing = values.spacing ?? 'on';
  if (spacing !== 'on' && spacing !== 'off') fail(`--spacing must be on or off`);
  const discount = values.discount === undefined ? 0 : Number(values.discount);
  if (values.discount !== undefined && (values.discount.trim() === '' || !Number.isFinite(discount))) {
    fail(`--discount must be a number, got "${values.discount}"`);
  }

  let json: string;
  try {
    json = datasetToJson(
      generateProvince({
        seed: int('seed', values.seed),
        sites: int('sites', values.sites),
        phases: int('phases', values.phases, 3),
        budget: budget as BudgetMode,
        spacing: spacing === 'on',
        discountRate: discount,
        ...(values.province !== undefined ? { province: values.province } : {}),
        ...(values.regions !== undefined ? { regions: int('regions', values.regions) } : {}),
      }),
    );
  } catch (err) {
    if (err instanceof GenerateOptionsError) fail(err.message);
    throw err;
  }

  if (values.out === undefined) {
    process.stdout.write(json);
    return;
  }
  // Temp file beside the target, then rename: never a half-written data set.
  const tmp = join(dirname(values.out), `.${basename(values.out)}.${process.pid}.tmp`);
  writeFileSync(tmp, json, 'utf8');
  renameSync(tmp, values.out);
}

main();
