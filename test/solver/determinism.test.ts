/**
 * The same input gives the same plan, byte for byte (SPEC section 4), however
 * busy the machine is: which engine answers must depend on the data set alone,
 * never on the clock (short of the time limit itself).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { generateProvince } from '../../data/generate-lib.js';
import { solvePlan, type Dataset, type Plan } from '../../solver/index.js';
import { tinyDataset } from './reference.js';

/** The plan without any stats (its own and its remedies' plans'): they are not part of the comparison. */
function bytes(plan: Plan): string {
  return JSON.stringify(plan, (key, value: unknown) => (key === 'stats' ? undefined : value));
}

/** Solves with a clock that runs 100 ms fast at every reading, as on a heavily loaded machine. */
async function solveOnSlowMachine(dataset: Dataset): Promise<Plan> {
  const real = Date.now.bind(Date);
  let skew = 0;
  const clock = vi.spyOn(Date, 'now').mockImplementation(() => real() + (skew += 100));
  try {
    return await solvePlan(dataset, { timeLimitSeconds: 3600 });
  } finally {
    clock.mockRestore();
  }
}

const cases: [string, () => Dataset][] = [
  ['a tiny data set with two identical sites (tiny seed 75)', () => tinyDataset(75)],
  ['a 60-site province with tight budgets (seed 11)', () => generateProvince({ seed: 11, sites: 60, budget: 'tight', spacing: true })],
  ['the demo province', () => JSON.parse(readFileSync('data/demo.json', 'utf8')) as Dataset],
];

describe('determinism of the plan', () => {
  it.each(cases)('gives the same plan on a slow machine as on a fast one: %s', async (_name, make) => {
    // Prepare
    const fast = await solvePlan(make(), { timeLimitSeconds: 600 });

    // Act
    const slow = await solveOnSlowMachine(make());

    // Assess
    expect(slow.status).toBe(fast.status);
    expect(slow.stats.engine).toBe(fast.stats.engine);
    expect(bytes(slow)).toBe(bytes(fast));
  });
});
