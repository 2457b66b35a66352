/**
 * Where new sites are needed (SPEC 7.3): for each impossible spacing rule, every
 * stretch between consecutive coverable service areas (or the corridor's ends)
 * longer than maxGapKm, with evenly spaced proposals. A closed form: no search.
 */
import { KM_EPS, type Problem } from '../normalize.js';
import type { NewSiteProposal } from '../types.js';
import type { Rule, SpacingRule } from './rules.js';

/** km rounded to the nearest 0.1, halves up (the 1e-9 absorbs binary fractions such as 82.65 = 82.6499...). */
export const roundKm = (km: number): number => Math.floor(km * 10 + 0.5 + 1e-9) / 10;

export function newSites(problem: Problem, rules: Rule[]): NewSiteProposal[] {
  const byStretch = new Map<string, NewSiteProposal>();
  const impossible = rules.filter((r): r is SpacingRule => r.kind === 'spacing' && r.impossible);
  for (const rule of impossible) {
    const c = problem.corridors[rule.corridor]!;
    const D = rule.maxGapKm;
    const phase = problem.phases[rule.phase]!.id;
    const coverable = c.sites.filter((i) => problem.sites[i]!.kind !== 'excluded');
    const ends: (number | null)[] = [null, ...coverable, null];
    for (let q = 0; q + 1 < ends.length; q++) {
      const from = ends[q]!;
      const to = ends[q + 1]!;
      const a = from === null ? c.startKm : problem.sites[from]!.km;
      const b = to === null ? c.endKm : problem.sites[to]!.km;
      if (b - a <= D + KM_EPS) continue;
      const key = `${rule.corridor}:${q}`;
      const known = byStretch.get(key);
      // The tightest D wins; on equal D the earliest phase (rules come in phase order).
      if (known && known.maxGapKm <= D) continue;
      const count = Math.ceil((b - a) / D - 1e-9) - 1;
      const atKm = Array.from({ length: count }, (_, k) => roundKm(a + ((k + 1) * (b - a)) / (count + 1)));
      const name = (i: number | null): string | null => (i === null ? null : (problem.sites[i]!.name ?? problem.sites[i]!.id));
      byStretch.set(key, { corridor: c.id, fromKm: a, toKm: b, maxGapKm: D, phase, count, atKm, between: [name(from), name(to)] });
    }
  }
  return [...byStretch.values()].sort((x, y) => (x.corridor < y.corridor ? -1 : x.corridor > y.corridor ? 1 : x.fromKm - y.fromKm));
}
