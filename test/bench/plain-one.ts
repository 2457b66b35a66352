/**
 * Plain HiGHS on one data set, as a process of its own (the benchmark times it
 * whole, like the CLI): node --import tsx test/bench/plain-one.ts FILE [SECONDS]
 * Prints one JSON line: { status, objective }.
 */
import { readFileSync } from 'node:fs';
import { loadHighs } from '../../solver/engines/highs.js';
import { buildModel } from '../../solver/model.js';
import { normalize } from '../../solver/normalize.js';
import { sizeProblem } from '../../solver/sizing.js';
import type { Dataset } from '../../solver/types.js';
import { solvePlain } from './plain-highs.js';

const [file, seconds] = process.argv.slice(2);
const dataset = JSON.parse(readFileSync(file!, 'utf8')) as Dataset;
const problem = normalize(dataset);
const model = buildModel(problem, sizeProblem(problem));
const result = solvePlain(await loadHighs(), model, Number(seconds ?? 300));
console.log(JSON.stringify({ status: result.status, objective: result.objective }));
