/**
 * Where the memory goes in HiGHS' search of one data set's full model: the search is
 * stopped after its root (two nodes), and every line of HiGHS' log is printed with
 * the WebAssembly memory and the process' resident memory at that moment (see
 * decision note 0008). HiGHS' WebAssembly memory grows and is never given back, so
 * the last line's figure is the root's high-water mark.
 *   node --import tsx test/bench/memory-root.ts FILE ['{"highs_option": value}']
 */
import { readFileSync } from 'node:fs';
import highsLoader from 'highs';
import { solveWithHighs, type Highs } from '../../solver/engines/highs.js';
import { buildModel } from '../../solver/model.js';
import { normalize } from '../../solver/normalize.js';
import { OPTIMALITY_GAP } from '../../solver/rules.js';
import { ENGINE_GAP } from '../../solver/search.js';
import { sizeProblem } from '../../solver/sizing.js';
import type { Dataset } from '../../solver/types.js';

const [file, options] = process.argv.slice(2);
if (!file) throw new Error('usage: memory-root.ts FILE [HIGHS_OPTIONS_JSON]');
const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;
const started = Date.now();
let highs: Highs | undefined;
let peak = 0;
const print = (line: string): void => {
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${seconds} s  wasm ${mb(highs?.memoryBytes ?? 0)}  rss ${mb(rss)}  ${line}`);
};
highs = await highsLoader({ print, printErr: print });
const problem = normalize(JSON.parse(readFileSync(file, 'utf8')) as Dataset);
const model = buildModel(problem, sizeProblem(problem));
print(`model: ${model.columns.length} columns, ${model.rows.length} rows`);
const result = solveWithHighs(highs, model, {
  timeLimitSeconds: 3600,
  relGap: OPTIMALITY_GAP * ENGINE_GAP,
  highsOptions: { output_flag: true, mip_max_nodes: 2, ...(options ? (JSON.parse(options) as Record<string, number | string | boolean>) : {}) },
});
print(`root done: ${result.status}, objective ${result.objective}, bound ${result.bound}; peak rss ${mb(peak)}`);
