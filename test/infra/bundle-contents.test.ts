import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { handlerEntries } from '../../infra/handlers.js';
import { REPO_ROOT } from './synth.js';

/*
 * The workbook library is large and only the API needs it: the solve function,
 * which starts once per job, must not carry it (nor the GIS code). Bundled as
 * CDK bundles them (esbuild, ESM), only to read which inputs each bundle took.
 */
async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node22', write: false, metafile: true, logLevel: 'silent' });
  return Object.keys(result.metafile.inputs);
}

describe('what each function bundle carries', () => {
  const entries = handlerEntries(REPO_ROOT);

  it('keeps the workbook library and the GIS code out of the solve function', async () => {
    const inputs = await inputsOf(entries.solveJob);

    expect(inputs.filter((input) => /exceljs|@turf|solver\/formats/.test(input))).toEqual([]);
  }, 60_000);

  it('bundles the workbook library into the functions that read or write workbooks', async () => {
    for (const entry of [entries.submitPlan, entries.downloadSites, entries.getTemplate]) {
      expect((await inputsOf(entry)).some((input) => input.includes('node_modules/exceljs/'))).toBe(true);
    }
  }, 60_000);
});
