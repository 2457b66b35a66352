/**
 * The local-search probes of larger models (decision note 0007): which provinces get
 * them is read off the LP (every later phase's budget spent to its limit), and on a
 * province of that class whose HiGHS search finds no plan within the gap in a minute,
 * a probe's plan is the proven answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHighs, solveWithHighs } from '../../solver/engines/highs.js';
import { buildModel } from '../../solver/model.js';
import { laterBudgetsBind } from '../../solver/neighbourhood.js';
import { normalize } from '../../solver/normalize.js';
import { sizeProblem } from '../../solver/sizing.js';
import { solvePlan, type Dataset } from '../../solver/index.js';
import { makeCase } from '../bench/families.js';

const hard = (name: string): Dataset => JSON.parse(readFileSync(join('test', 'bench', 'cases', 'hard', `${name}.json`), 'utf8')) as Dataset;

async function lpBinds(dataset: Dataset): Promise<boolean> {
  const problem = normalize(dataset);
  const model = buildModel(problem, sizeProblem(problem));
  const lp = solveWithHighs(await loadHighs(), model, { timeLimitSeconds: 60, relGap: 1e-6, relaxation: true });
  return laterBudgetsBind(model, lp.x!);
}

describe('local-search probes', () => {
  it('are for provinces whose LP fills every later budget: the hard cases, not the binding family', async () => {
    expect(await lpBinds(hard('tight-50x4-s1101'))).toBe(true);
    const binding = await makeCase({ sites: 120, phases: 4, family: 'binding', discount: 0.06, seed: 1 });
    expect(await lpBinds(binding.dataset)).toBe(false);
    const unbudgeted = await makeCase({ sites: 120, phases: 4, family: 'none', discount: 0.06, seed: 1 });
    expect(await lpBinds(unbudgeted.dataset)).toBe(false);
  });

  it('prove the 600 x 5 hard case with a polished plan within the gap of the LP bound', async () => {
    const plan = await solvePlan(hard('tight-600x5-s1107'), { timeLimitSeconds: 300 });
    expect(plan.status).toBe('optimal');
    expect(plan.stats.engine).toBe('highs-near+local');
    // Not above the best plan the planner found in 60 s (1,938,099,973.86).
    expect(plan.objective!).toBeLessThan(1_938_099_973.86);
  }, 300_000);
});
