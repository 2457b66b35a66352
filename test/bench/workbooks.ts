/**
 * `npm run bench:workbooks`: how long the data set workbook takes to write and
 * to read back (with validation), the plan workbook to write, and the peak
 * memory of writing and reading (before the solve the plan workbook needs), for generated provinces up to the SPEC's 5,000 service
 * areas. Each size runs in a fresh process so the peak memory is its own.
 *
 *   npm run bench:workbooks                 # 300, 1,200 and 5,000 service areas
 *   npm run bench:workbooks -- --sizes 600
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateProvince } from '../../data/generate-lib.js';
import { datasetToWorkbook, planToWorkbook, readDatasetWorkbook } from '../../solver/formats/index.js';
import { solvePlan } from '../../solver/index.js';

const args = process.argv.slice(2);
const one = args.indexOf('--one');

async function measure(sites: number): Promise<void> {
  const dataset = generateProvince({ seed: sites, sites, budget: 'none' });
  const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const value = await run();
    return [value, performance.now() - start];
  };
  const [file, writeMs] = await timed(() => datasetToWorkbook(dataset));
  const [read, readMs] = await timed(() => readDatasetWorkbook(file));
  if (!read.ok) throw new Error('the workbook did not read back');
  // Peak resident memory of the process so far: generating, writing and reading, before any solve.
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const plan = await solvePlan(dataset, { timeLimitSeconds: 120 });
  const [planFile, planMs] = await timed(() => planToWorkbook(dataset, plan));
  const row = {
    sites,
    traffic: dataset.traffic.length,
    xlsxKB: Math.round(file.length / 1024),
    writeMs: Math.round(writeMs),
    readMs: Math.round(readMs),
    peakRssMB,
    planXlsxKB: Math.round(planFile.length / 1024),
    planWriteMs: Math.round(planMs),
  };
  process.stdout.write(JSON.stringify(row) + '\n');
}

if (one >= 0) {
  await measure(Number(args[one + 1]));
} else {
  const sizeFlag = args.indexOf('--sizes');
  const sizes = (sizeFlag >= 0 ? (args[sizeFlag + 1] ?? '') : '300,1200,5000').split(',').map(Number);
  const header = ['sites', 'traffic', 'xlsxKB', 'writeMs', 'readMs', 'peakRssMB', 'planXlsxKB', 'planWriteMs'];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const sites of sizes) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', String(sites)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    const row = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
    console.log(`| ${header.map((key) => row[key]).join(' | ')} |`);
  }
}
