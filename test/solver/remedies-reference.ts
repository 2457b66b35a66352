/**
 * An independent reference of the remedies (SPEC section 7), built on the
 * reference model of sections 1-5 (reference.ts) and sharing no code with
 * `solver/remedies/`: its own reading of the rules, a brute force over every
 * build-phase assignment of a tiny data set, and a mixed-integer program of its
 * own (build-phase columns, not the solver's cumulative ones; three stages for
 * 7.1 where the solver uses two) written as an LP file for HiGHS.
 *
 * Readings: rules are listed per phase (regions, then corridors, in data set
 * order) and then per required site; a spacing rule is met when every window of
 * its corridor and phase holds a covered site.
 */
import highsLoader from 'highs';
import type { Dataset } from '../../solver/index.js';
import { buildModel, prng, siteFigures, tinyDataset, withinBudget, type RefModel, type RefSite } from './reference.js';

export interface RefRule {
  kind: 'coverage' | 'spacing' | 'required';
  key: string;
  phase: number;
  impossible: boolean;
  /** Coverage rules: the region's members and the covered count they need. */
  members?: RefSite[];
  required?: number;
  /** Spacing rules: the windows' sites. */
  windows?: RefSite[][];
  /** Required rules: the site. */
  site?: RefSite;
}

export function refRules(m: RefModel): RefRule[] {
  const rules: RefRule[] = [];
  const coverable = (s: RefSite): boolean => !s.neverCoverable;
  m.phases.forEach((p, t) => {
    for (const r of m.regions) {
      const required = r.required[t];
      if (required === null || required === undefined) continue;
      rules.push({ kind: 'coverage', key: `coverage ${r.id} ${p.id}`, phase: t, impossible: r.members.filter(coverable).length < required, members: r.members, required });
    }
  });
  m.phases.forEach((p, t) => {
    if (p.maxGapKm === undefined) return;
    for (const c of m.dataset.corridors) {
      const windows = m.windows.filter((w) => w.phase === t && w.corridor === c.id).map((w) => w.sites);
      rules.push({ kind: 'spacing', key: `spacing ${c.id} ${p.id}`, phase: t, impossible: windows.some((w) => !w.some(coverable)), windows });
    }
  });
  for (const s of m.sites) {
    if (s.requiredByIndex === null) continue;
    rules.push({ kind: 'required', key: `required ${s.id}`, phase: s.requiredByIndex, impossible: s.neverCoverable, site: s });
  }
  return rules;
}

/** A schedule: the phase index from which each site is covered (0 for existing-covered ones), null never. */
type Schedule = Map<string, number | null>;

export interface Figures {
  met: number;
  metRules: boolean[];
  shortfall: number;
  capex: number[];
  cost: number;
}

export function figuresOf(m: RefModel, rules: RefRule[], from: Schedule): Figures {
  const covered = (s: RefSite, t: number): boolean => {
    if (s.existingCovered) return true;
    const f = from.get(s.id);
    return f !== null && f !== undefined && f <= t;
  };
  let shortfall = 0;
  const metRules = rules.map((r) => {
    if (r.kind === 'coverage') {
      const n = r.members!.filter((s) => covered(s, r.phase)).length;
      shortfall += Math.max(0, r.required! - n);
      return n >= r.required!;
    }
    if (r.kind === 'spacing') return r.windows!.every((w) => w.some((s) => covered(s, r.phase)));
    return covered(r.site!, r.phase);
  });
  const T = m.phases.length;
  const capex = new Array<number>(T).fill(0);
  for (const s of m.sites) {
    const f = s.existingCovered ? 0 : (from.get(s.id) ?? null);
    siteFigures(m, s, f).capex.forEach((v, t) => (capex[t]! += v));
  }
  const cost = capex.reduce((sum, v, t) => sum + v * m.discount[t]!, 0);
  return { met: metRules.filter(Boolean).length, metRules, shortfall, capex, cost };
}

/** Σ over budgeted phases of max(0, capex - budget). */
export function extraOf(m: RefModel, capex: number[]): number {
  return m.phases.reduce((sum, p, t) => sum + (p.budget === undefined ? 0 : Math.max(0, capex[t]! - p.budget)), 0);
}

/** Makes a tiny province infeasible in one of four ways (seeded); null when it stays feasible. */
export function infeasibleTiny(seed: number): Dataset {
  const d = tinyDataset(seed, { grid: seed % 2 === 0 });
  const rnd = prng(seed + 99);
  const way = seed % 4;
  if (way === 0) {
    // Budgets cut.
    d.phases.forEach((p, t) => (p.budget = Math.round((p.budget ?? 4_000_000 * (t + 1)) * 0.4)));
  } else if (way === 1) {
    // Targets no region can reach.
    d.phases.forEach((p) => (p.targets = { priority: 0.95, standard: 0.9 }));
  } else if (way === 2) {
    // A tight spacing rule (gaps with no candidate).
    d.phases[d.phases.length - 1]!.maxGapKm = 30 + Math.floor(rnd() * 30);
  } else {
    // Required sites that cannot be afforded, early.
    for (const s of d.serviceAreas.slice(0, 3)) if (s.status !== 'excluded') (s.status = 'required'), (s.requiredBy = d.phases[0]!.id);
    d.phases[0]!.budget = 1_000_000;
  }
  return d;
}

export interface BruteRemedies {
  rulesTotal: number;
  /** Null when no schedule keeps the budgets. */
  within: { met: number; shortfall: number; cost: number } | null;
  extra: { total: number; cost: number };
}

/** Every build-phase assignment of the candidates (never, or any phase: required ones too). */
export function bruteRemedies(dataset: Dataset): BruteRemedies {
  const m = buildModel(dataset);
  const rules = refRules(m);
  const T = m.phases.length;
  const cands = m.sites.filter((s) => !s.existingCovered && !s.neverCoverable);
  if (cands.length > 9) throw new Error('bruteRemedies: at most 9 candidates');
  const from: Schedule = new Map();
  const all: Figures[] = [];
  const go = (i: number): void => {
    if (i === cands.length) {
      all.push(figuresOf(m, rules, from));
      return;
    }
    for (let f = -1; f < T; f++) {
      from.set(cands[i]!.id, f < 0 ? null : f);
      go(i + 1);
    }
  };
  go(0);
  const keeps = all.filter((f) => m.phases.every((p, t) => p.budget === undefined || withinBudget(f.capex[t]!, p.budget)));
  let within: BruteRemedies['within'] = null;
  for (const f of keeps) {
    const better = !within || f.met > within.met || (f.met === within.met && (f.shortfall < within.shortfall || (f.shortfall === within.shortfall && f.cost < within.cost)));
    if (better) within = { met: f.met, shortfall: f.shortfall, cost: f.cost };
  }
  const possible = all.filter((f) => rules.every((r, q) => r.impossible || f.metRules[q]));
  const least = Math.min(...possible.map((f) => extraOf(m, f.capex)));
  const cost = Math.min(...possible.filter((f) => extraOf(m, f.capex) <= least * (1 + 1e-6) + 1e-6).map((f) => f.cost));
  return { rulesTotal: rules.length, within, extra: { total: least, cost } };
}

// ---------------------------------------------------------------------------
// A separately built MILP, in LP file format

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highs: Promise<Highs> | undefined;

interface Lp {
  objective: string;
  sense: 'Minimize' | 'Maximize';
  rows: string[];
  bounds: string[];
  binaries: string[];
  generals: string[];
}

const term = (coef: number, name: string): string => `${coef < 0 ? '-' : '+'} ${Math.abs(coef)} ${name}`;

async function solveLp(lp: Lp, seconds: number): Promise<{ value: number; primal: Map<string, number> }> {
  const h = await (highs ??= highsLoader());
  const text = [
    lp.sense,
    ` obj: ${lp.objective || '0 x_dummy'}`,
    'Subject To',
    ...lp.rows.map((r, i) => ` r${i}: ${r}`),
    'Bounds',
    ...lp.bounds.map((b) => ` ${b}`),
    'Binary',
    ...lp.binaries.map((b) => ` ${b}`),
    'General',
    ...lp.generals.map((b) => ` ${b}`),
    'End',
  ].join('\n');
  const result = h.solve(text, { mip_rel_gap: 1e-9, mip_abs_gap: 1e-9, time_limit: seconds, output_flag: false } as never) as unknown as {
    Status: string;
    ObjectiveValue: number;
    Columns: Record<string, { Primal: number }>;
  };
  if (result.Status !== 'Optimal') throw new Error(`reference MILP: ${result.Status}`);
  return { value: result.ObjectiveValue, primal: new Map(Object.entries(result.Columns).map(([k, v]) => [k, v.Primal])) };
}

/** The figures of 7.1 and 7.2 by a MILP over x[s,k] = "s built in phase k", solved stage by stage. */
export async function milpRemedies(dataset: Dataset, seconds = 120): Promise<BruteRemedies> {
  const m = buildModel(dataset);
  const rules = refRules(m);
  const T = m.phases.length;
  const cands = m.sites.filter((s) => !s.existingCovered && !s.neverCoverable);
  const x = (s: RefSite, k: number): string => `x_${s.id.replace(/[^A-Za-z0-9]/g, '_')}_${k}`;
  const isCand = new Set(cands.map((s) => s.id));
  const cov = (s: RefSite, t: number): string[] => (isCand.has(s.id) ? Array.from({ length: t + 1 }, (_, k) => x(s, k)) : []);
  const fixed = new Array<number>(T).fill(0);
  for (const s of m.sites) if (s.existingCovered) siteFigures(m, s, 0).capex.forEach((v, t) => (fixed[t]! += v));
  const choice = cands.map((s) => `${Array.from({ length: T }, (_, k) => `+ ${x(s, k)}`).join(' ')} <= 1`);
  const spend = (t: number): string =>
    cands.flatMap((s) => Array.from({ length: t + 1 }, (_, k) => siteFigures(m, s, k).capex[t]!).map((v, k) => (v === 0 ? '' : term(v, x(s, k))))).filter(Boolean).join(' ');
  const cost = cands.flatMap((s) => Array.from({ length: T }, (_, k) => term(siteFigures(m, s, k).capex.reduce((a, v, t) => a + v * m.discount[t]!, 0), x(s, k)))).join(' ');
  const fixedCost = fixed.reduce((a, v, t) => a + v * m.discount[t]!, 0);
  const binaries = cands.flatMap((s) => Array.from({ length: T }, (_, k) => x(s, k)));
  const ruleRows = (r: RefRule, indicator: string | null): string[] => {
    const ind = (coef: number): string => (indicator ? ` ${term(-coef, indicator)}` : '');
    const sum = (names: string[]): string => names.map((n) => `+ ${n}`).join(' ');
    if (r.kind === 'coverage') {
      const existing = r.members!.filter((s) => s.existingCovered).length;
      const names = r.members!.flatMap((s) => cov(s, r.phase));
      return [`${sum(names) || '0 x_dummy'}${ind(r.required!)} >= ${indicator ? -existing : r.required! - existing}`];
    }
    if (r.kind === 'spacing') {
      return r.windows!.filter((w) => !w.some((s) => s.existingCovered)).map((w) => `${sum(w.flatMap((s) => cov(s, r.phase))) || '0 x_dummy'}${ind(1)} >= ${indicator ? 0 : 1}`);
    }
    if (r.site!.existingCovered) return [];
    return [`${sum(cov(r.site!, r.phase))}${ind(1)} >= ${indicator ? 0 : 1}`];
  };

  // 7.1: budgets hard; an indicator per possible rule; a shortfall per coverage rule.
  const budgets = m.phases.flatMap((p, t) => (p.budget === undefined ? [] : [{ t, room: p.budget - fixed[t]! }]));
  let within: BruteRemedies['within'] = null;
  if (budgets.every((b) => b.room >= -1e-6)) {
    const budgetRows = budgets.map((b) => `${spend(b.t) || '0 x_dummy'} <= ${b.room * (1 + 1e-12)}`);
    const ind: string[] = [];
    const short: string[] = [];
    const rows = [...choice, ...budgetRows];
    rules.forEach((r, q) => {
      if (r.kind === 'coverage') {
        const u = `u_${q}`;
        short.push(u);
        const existing = r.members!.filter((s) => s.existingCovered).length;
        rows.push(`${r.members!.flatMap((s) => cov(s, r.phase)).map((n) => `+ ${n}`).join(' ')} + ${u} >= ${r.required! - existing}`);
      }
      if (r.impossible) return;
      const mq = `m_${q}`;
      ind.push(mq);
      rows.push(...ruleRows(r, mq));
    });
    const lp = (objective: string, sense: Lp['sense'], extra: string[]): Lp => ({
      objective,
      sense,
      rows: [...rows, ...extra],
      bounds: [...short.map((u) => `${u} >= 0`), 'x_dummy = 0'],
      binaries: [...binaries, ...ind],
      generals: short,
    });
    const sumOf = (names: string[]): string => names.map((n) => `+ ${n}`).join(' ') || '0 x_dummy';
    const stage1 = await solveLp(lp(sumOf(ind), 'Maximize', []), seconds);
    const met = Math.round(stage1.value) + rules.length - ind.length - rules.filter((r) => r.impossible).length;
    const stage2 = await solveLp(lp(sumOf(short), 'Minimize', [`${sumOf(ind)} >= ${Math.round(stage1.value)}`]), seconds);
    const stage3 = await solveLp(lp(cost || '0 x_dummy', 'Minimize', [`${sumOf(ind)} >= ${Math.round(stage1.value)}`, `${sumOf(short)} <= ${Math.round(stage2.value)}`]), seconds);
    within = { met, shortfall: Math.round(stage2.value), cost: stage3.value + fixedCost };
  }

  // 7.2: possible rules hard; extra money per budgeted phase.
  const rows = [...choice, ...rules.filter((r) => !r.impossible).flatMap((r) => ruleRows(r, null))];
  const es = budgets.map((b) => `e_${b.t}`);
  budgets.forEach((b, q) => rows.push(`${spend(b.t) || '0 x_dummy'} - ${es[q]} <= ${b.room}`));
  const lp = (objective: string, extra: string[]): Lp => ({ objective, sense: 'Minimize', rows: [...rows, ...extra], bounds: [...es.map((e) => `${e} >= 0`), 'x_dummy = 0'], binaries, generals: [] });
  let total = 0;
  const extraRows: string[] = [];
  if (es.length > 0) {
    const stage1 = await solveLp(lp(es.map((e) => `+ ${e}`).join(' '), []), seconds);
    total = stage1.value;
    extraRows.push(`${es.map((e) => `+ ${e}`).join(' ')} <= ${total * (1 + 1e-6) + 1e-6}`);
  }
  const stage2 = await solveLp(lp(cost || '0 x_dummy', extraRows), seconds);
  return { rulesTotal: rules.length, within, extra: { total, cost: stage2.value + fixedCost } };
}
