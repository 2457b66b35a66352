/**
 * Demand and sizing (SPEC section 2): sizeDataset against hand-computed Erlang C
 * values and the reference's own reading of the formulas.
 */
import { describe, expect, it } from 'vitest';
import { generateProvince } from '../../data/generate-lib.js';
import { sizeDataset, type Dataset } from '../../solver/index.js';
import { buildModel, close, erlangC, pilesNeeded, tinyDataset } from './reference.js';

/**
 * One site on a stretch whose design-hour load is exactly `erlangs`: with
 * evShare 0.5, chargeRate 0.125, peakHourShare 0.125 and no growth,
 * λ = aadt / 128 and μ = 2 (30-minute sessions), all exact in binary.
 */
function oneSite(erlangs: number, assumptions: Dataset['assumptions'] = {}): Dataset {
  return {
    province: 'SZ',
    name: 'sizing',
    baseYear: 2022,
    currency: 'CNY',
    phases: [{ id: '2023', year: 2023, evShare: 0.5 }],
    regions: [{ id: 'R', class: 'standard' }],
    corridors: [{ id: 'G1', startKm: 0, endKm: 100 }],
    serviceAreas: [{ id: 'S', corridor: 'G1', km: 50, region: 'R' }],
    traffic: [{ corridor: 'G1', fromKm: 0, toKm: 100, aadt: erlangs * 2 * 128 }],
    assumptions: { trafficGrowth: 0, chargeRate: 0.125, peakHourShare: 0.125, sessionMinutes: 30, ...assumptions },
  };
}

/** Erlang C by its textbook sum form, P(wait) = (a^c/c! · c/(c-a)) / (Σ_{k<c} a^k/k! + a^c/c! · c/(c-a)). */
function erlangCBySum(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const top = (term * c) / (c - a);
  return top / (sum + top);
}

describe('sizing (SPEC section 2)', () => {
  describe('the reference Erlang C', () => {
    it('gives the textbook values for 2 erlangs: 0.4444 with 3 servers, 0.1739 with 4', () => {
      // Act / Assess
      expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 10);
      expect(erlangC(4, 2)).toBeCloseTo(4 / 23, 10);
      expect(erlangC(2, 2)).toBe(1);
      expect(erlangC(5, 0)).toBe(0);
    });

    it('agrees with the sum form over a grid of loads and servers', () => {
      for (const a of [0.1, 0.5, 1, 2.5, 7.3, 15, 40]) {
        for (let c = Math.floor(a) + 1; c < a + 30; c++) expect(close(erlangC(c, a), erlangCBySum(c, a), 1e-10)).toBe(true);
      }
    });
  });

  describe('sizeDataset', () => {
    it('needs 4 piles for 2 erlangs at maxWaitProbability 0.2 (C = 0.444 with 3, 0.174 with 4)', () => {
      // Act
      const [s] = sizeDataset(oneSite(2));

      // Assess
      expect(s!.lambda).toEqual([4]);
      expect(s!.need).toEqual([4]);
    });

    it('needs 3 piles for 2 erlangs when up to half may wait', () => {
      expect(sizeDataset(oneSite(2, { maxWaitProbability: 0.5 }))[0]!.need).toEqual([3]);
    });

    it('needs more than the load even when every arrival may wait (c·μ > λ is strict)', () => {
      // 2 erlangs, 2 piles: C = 1 ≤ 1 but c·μ = λ.
      expect(sizeDataset(oneSite(2, { maxWaitProbability: 1 }))[0]!.need).toEqual([3]);
    });

    it('never goes below minPilesPerSite', () => {
      expect(sizeDataset(oneSite(2, { minPilesPerSite: 6 }))[0]!.need).toEqual([6]);
      expect(sizeDataset(oneSite(0, { minPilesPerSite: 1 }))[0]!.need).toEqual([1]);
    });

    it('reports the cap: maxPiles, or maxPilesPerSite by default, and ignores it in need', () => {
      // Prepare
      const d = oneSite(30);
      const capped = oneSite(30);
      capped.serviceAreas[0]!.maxPiles = 5;

      // Act
      const [free] = sizeDataset(d);
      const [small] = sizeDataset(capped);

      // Assess
      expect(free!.cap).toBe(20);
      expect(small!.cap).toBe(5);
      expect(small!.need).toEqual(free!.need);
      expect(free!.need[0]).toBe(pilesNeeded(60, 2, 2, 0.2));
      expect(free!.need[0]!).toBeGreaterThan(20);
    });

    it('takes a site on a stretch boundary from the stretch that starts there, and one at the corridor end from the last stretch', () => {
      // Prepare
      const d = oneSite(2);
      d.traffic = [
        { corridor: 'G1', fromKm: 0, toKm: 40, aadt: 1000 },
        { corridor: 'G1', fromKm: 40, toKm: 100, aadt: 2000 },
      ];
      d.serviceAreas = [
        { id: 'AT40', corridor: 'G1', km: 40, region: 'R' },
        { id: 'AT100', corridor: 'G1', km: 100, region: 'R' },
        { id: 'AT0', corridor: 'G1', km: 0, region: 'R' },
      ];

      // Act
      const sizing = sizeDataset(d);

      // Assess: sorted by id.
      expect(sizing.map((s) => [s.id, s.aadt[0]])).toEqual([
        ['AT0', 1000],
        ['AT100', 2000],
        ['AT40', 2000],
      ]);
    });

    it('grows with traffic: need never falls from phase to phase when evShare rises, and a higher growth never needs fewer piles', () => {
      // Prepare
      const d = generateProvince({ seed: 21, sites: 80, phases: 5 });
      const faster = structuredClone(d);
      faster.assumptions = { ...(faster.assumptions ?? {}), trafficGrowth: 0.09 };

      // Act
      const base = sizeDataset(d);
      const grown = sizeDataset(faster);

      // Assess
      base.forEach((s, i) => {
        for (let t = 1; t < s.need.length; t++) expect(s.need[t]!).toBeGreaterThanOrEqual(s.need[t - 1]!);
        s.need.forEach((n, t) => expect(grown[i]!.need[t]!).toBeGreaterThanOrEqual(n));
        s.aadt.forEach((v, t) => expect(grown[i]!.aadt[t]!).toBeGreaterThanOrEqual(v));
      });
    });

    const datasets: { name: string; dataset: Dataset }[] = [
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((seed) => ({ name: `tiny seed ${seed}`, dataset: tinyDataset(seed) })),
      ...[1, 2, 3].map((seed) => ({ name: `tiny grid seed ${seed}`, dataset: tinyDataset(seed, { grid: true }) })),
      { name: 'generated seed 22 (200 sites, 4 phases)', dataset: generateProvince({ seed: 22, sites: 200, phases: 4 }) },
    ];
    for (const { name, dataset } of datasets) {
      it(`${name}: aadt, λ, need and cap follow the formulas of SPEC section 2 as the reference reads them`, () => {
        // Prepare
        const model = buildModel(dataset);
        const expected = [...model.sites].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

        // Act
        const sizing = sizeDataset(dataset);

        // Assess
        expect(sizing.map((s) => s.id)).toEqual(expected.map((s) => s.id));
        sizing.forEach((s, i) => {
          const ref = expected[i]!;
          expect(s.cap).toBe(ref.cap);
          expect(s.need).toEqual(ref.need);
          s.aadt.forEach((v, t) => expect(close(v, ref.aadt[t]!, 1e-12), `${s.id} aadt[${t}]`).toBe(true));
          s.lambda.forEach((v, t) => expect(close(v, ref.lambda[t]!, 1e-12), `${s.id} lambda[${t}]`).toBe(true));
        });
      });
    }
  });
});
