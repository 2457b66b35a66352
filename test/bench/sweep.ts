/**
 * The benchmark's sweeps: many generated provinces (small ones, or a broad draw over
 * the proof target's whole range), each solved in this process (the engine loaded
 * once, so the times are the solver's own), then the slowest ones run again as whole
 * CLI processes beside plain HiGHS.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetToJson, mulberry32 } from '../../data/generate-lib.js';
import { solvePlan } from '../../solver/index.js';
import { caseName, makeCase, type BenchCase, type CaseSpec } from './families.js';
import { HEADER, row, runCli, runPlain } from './runners.js';

export interface SweepOptions {
  count: number;
  slowest: number;
  dir: string;
  withPlain: boolean;
  plainLimit: number;
}

/** How a sweep draws its provinces, and what it calls them. */
export interface SweepKind {
  title: string;
  /** Seed of the draws. */
  seed: number;
  /** Seed of the first province; the i-th drawn gets firstSeed + i. */
  firstSeed: number;
  draw: (rng: () => number, seed: number) => CaseSpec;
}

/** The small provinces: 20-80 sites, 2-4 phases, tight or binding budgets, 0-6% discounting. */
export const SMALL: SweepKind = {
  title: 'small provinces',
  seed: 2026,
  firstSeed: 1000,
  draw: (rng, seed) => {
    const sites = 20 + Math.floor(rng() * 61);
    const phases = 2 + Math.floor(rng() * 3);
    const family = rng() < 0.5 ? 'tight' : 'binding';
    const discount = Math.floor(rng() * 7) / 100;
    return { sites, phases, family, discount, seed };
  },
};

/**
 * A broad draw over the whole range of the proof target: 30-1,200 sites (log-uniform),
 * 2-6 phases, binding budgets (one in five even shares instead), 0-6% discounting.
 */
export const BROAD: SweepKind = {
  title: 'provinces of 30-1,200 sites',
  seed: 7,
  firstSeed: 5000,
  draw: (rng, seed) => {
    const sites = Math.round(30 * Math.pow(40, rng()));
    const phases = 2 + Math.floor(rng() * 5);
    const discount = Math.floor(rng() * 7) / 100;
    const family = rng() < 0.8 ? 'binding' : 'even';
    return { sites, phases, family, discount, seed };
  },
};

interface Solved {
  c: BenchCase;
  ms: number;
  firstMs: number | null;
  status: string;
}

export async function sweep(opts: SweepOptions, kind: SweepKind = SMALL): Promise<void> {
  const rng = mulberry32(kind.seed);
  const solved: Solved[] = [];
  for (let i = 0; i < opts.count; i++) {
    const c = await makeCase(kind.draw(rng, kind.firstSeed + i));
    let firstMs: number | null = null;
    const started = Date.now();
    const plan = await solvePlan(c.dataset, {
      timeLimitSeconds: 120,
      onProgress: (p) => {
        if (firstMs === null && p.incumbent != null) firstMs = p.elapsedMs;
      },
    });
    solved.push({ c, ms: Date.now() - started, firstMs, status: plan.status });
  }
  const times = solved.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  const firsts = solved.map((s) => s.firstMs ?? s.ms);
  const statuses = new Map<string, number>();
  for (const s of solved) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  console.log(`\nSweep: ${solved.length} ${kind.title}, solved in one process\n`);
  console.log(
    `solve time median ${pct(0.5)} ms, 90% ${pct(0.9)} ms, 99% ${pct(0.99)} ms, max ${pct(1)} ms; first plan at most ${Math.max(0, ...firsts)} ms; ` +
      [...statuses].map(([k, v]) => `${v} ${k}`).join(', '),
  );
  console.log(`\nThe ${opts.slowest} slowest, as whole CLI processes\n`);
  console.log(HEADER.join('\n'));
  for (const s of [...solved].sort((a, b) => b.ms - a.ms).slice(0, opts.slowest)) {
    const file = join(opts.dir, `sweep-${s.c.spec.seed}.json`);
    writeFileSync(file, datasetToJson(s.c.dataset));
    const cli = runCli(file, opts.dir);
    const plain = opts.withPlain ? runPlain(file, opts.plainLimit) : null;
    console.log(row(s.c.dataset.serviceAreas.length, s.c.dataset.phases.length, `${caseName(s.c.spec).replace(/^\d+x\d+ /, '')}`, cli, plain));
  }
}
