/**
 * Scenarios (SPEC section 8): a named set of changes to a data set, solved as
 * a plan of its own. This module checks a scenario object and applies its
 * changes; the changed data set is then checked by the data set validation
 * (`validateDataset`), whose problems come back by their path from the
 * scenario object (`changes.targets["2025"].priority`). The ranges of the
 * changed fields are the data set's own: they are not repeated here.
 * Pure: no I/O.
 *
 * Choices where the SPEC is silent (docs/planning-model.md, "Scenarios"):
 * - budgetScale multiplies each budget exactly, with no rounding; a phase
 *   without a budget keeps none (no cap scaled is still no cap). A budgetScale
 *   when no phase has a budget is refused, as is a per-phase factor naming a
 *   phase without one: it would change nothing the planner meant to change;
 * - a target for a phase that states none makes the phase state targets, so
 *   every class its regions have then needs one (the data set rule); a target
 *   for a class no region has is accepted and changes nothing, as in a data set;
 * - `changes: {}` is a valid scenario: the plan of the data set as it is.
 */
import { isIsoDate } from './dates.js';
import { FieldReader, IssueList, isObject, join, own, type JsonObject } from './json-fields.js';
import { wrapped } from './message-format.js';
import { issueOf } from './messages.js';
import type { Costs, Dataset, Phase, Targets, ValidationIssue } from './types.js';
import { DATASET_LIMITS, validateDataset } from './validate.js';

/** What a scenario changes; every field optional. */
export interface ScenarioChanges {
  /** Every phase budget x this, or per phase id; >= 0, not rounded. Phases without a budget keep none. */
  budgetScale?: number | Record<string, number>;
  /** Every phase's evShare x this, capped at 1; >= 0. */
  evShareScale?: number;
  /** Replaces assumptions.trafficGrowth, [0, 1]. */
  trafficGrowth?: number;
  /** Replaces these cost fields (each >= 0). */
  costs?: Partial<Costs>;
  /** Replaces these targets, per phase id and class, each in [0, 1]. */
  targets?: Record<string, Targets>;
  /** Replaces these phases' maxGapKm, km > 0. */
  maxGapKm?: Record<string, number>;
}

/** A "what if" of a plan (SPEC 8); also the CLI's scenario file. */
export interface Scenario {
  /** Free text, 1 to 200 characters. */
  name: string;
  changes: ScenarioChanges;
  /** Optional: a re-plan as of this date (SPEC 6.3), ISO `YYYY-MM-DD`. */
  asOf?: string;
}

export type ScenarioResult =
  | { ok: true; scenario: Scenario; dataset: Dataset }
  | { ok: false; issues: ValidationIssue[] };

const SCENARIO_KEYS = ['name', 'changes', 'asOf'] as const;
const CHANGE_KEYS = ['budgetScale', 'evShareScale', 'trafficGrowth', 'costs', 'targets', 'maxGapKm'] as const;
const COST_KEYS = ['site', 'perPile', 'gridPerKw', 'discountRate'] as const;
const TARGET_KEYS = ['priority', 'standard'] as const;
const SCALE = { min: 0 };
/** The type check only: the range is the data set's rule, checked on the changed data set. */
const ANY = {};

/**
 * Checks a scenario against a valid data set and applies it: the changed data
 * set, or every problem by its JSON path from the scenario object. Never throws.
 */
export function scenarioDataset(input: unknown, dataset: Dataset): ScenarioResult {
  const issues = new IssueList(DATASET_LIMITS.issues);
  const usable = new ScenarioChecker(issues, dataset).check(input);
  // The changes that could be read are applied even when others could not, so range problems show at once.
  const changed = applyChanges(dataset, usable);
  const checked = validateDataset(changed);
  if (!checked.ok) for (const i of checked.issues) addIssue(issues, changeIssue(i, dataset, usable));
  const listed = issues.result();
  if (listed.length > 0) return { ok: false, issues: listed };
  return { ok: true, scenario: input as Scenario, dataset: changed };
}

function addIssue(issues: IssueList, issue: ValidationIssue): void {
  issues.push(issue);
}

/** The data set with a scenario's changes (assumed checked); a new object, the input is not modified. */
export function applyChanges(dataset: Dataset, changes: ScenarioChanges): Dataset {
  const phases = dataset.phases.map((p): Phase => {
    const phase: Phase = { ...p };
    const scale = budgetScaleOf(changes.budgetScale, p.id);
    if (phase.budget !== undefined && scale !== undefined) phase.budget = phase.budget * scale;
    if (changes.evShareScale !== undefined) phase.evShare = Math.min(1, phase.evShare * changes.evShareScale);
    const targets = byPhase(changes.targets, p.id);
    if (targets !== undefined) phase.targets = { ...phase.targets, ...targets };
    const gap = byPhase(changes.maxGapKm, p.id);
    if (gap !== undefined) phase.maxGapKm = gap;
    return phase;
  });
  const changed: Dataset = { ...dataset, phases };
  if (changes.trafficGrowth !== undefined) changed.assumptions = { ...dataset.assumptions, trafficGrowth: changes.trafficGrowth };
  if (changes.costs !== undefined) changed.costs = { ...dataset.costs, ...changes.costs };
  return changed;
}

function budgetScaleOf(scale: ScenarioChanges['budgetScale'], phaseId: string): number | undefined {
  return typeof scale === 'number' ? scale : byPhase(scale, phaseId);
}

/** A per-phase change of one phase; own keys only, so a phase id such as "constructor" reads nothing inherited. */
function byPhase<T>(values: Record<string, T> | undefined, phaseId: string): T | undefined {
  return values === undefined ? undefined : (own(values, phaseId) as T | undefined);
}

/** The changes as short readable lines, e.g. `budgetScale 0.8`, `targets 2025 priority 0.9`. */
export function describeChanges(changes: ScenarioChanges): string[] {
  const lines: string[] = [];
  const perPhase = (name: string, values: Record<string, unknown> | undefined): void => {
    for (const [phase, value] of Object.entries(values ?? {})) {
      if (isObject(value)) for (const [key, v] of Object.entries(value)) lines.push(`${name} ${phase} ${key} ${v}`);
      else lines.push(`${name} ${phase} ${value}`);
    }
  };
  if (typeof changes.budgetScale === 'number') lines.push(`budgetScale ${changes.budgetScale}`);
  else perPhase('budgetScale', changes.budgetScale);
  if (changes.evShareScale !== undefined) lines.push(`evShareScale ${changes.evShareScale}`);
  if (changes.trafficGrowth !== undefined) lines.push(`trafficGrowth ${changes.trafficGrowth}`);
  for (const [key, value] of Object.entries(changes.costs ?? {})) lines.push(`costs ${key} ${value}`);
  perPhase('targets', changes.targets as Record<string, unknown> | undefined);
  perPhase('maxGapKm', changes.maxGapKm);
  return lines;
}

// ---------------------------------------------------------------------------

/** A problem of the changed data set, moved to the path of the change that caused it. */
function changeIssue(issue: ValidationIssue, dataset: Dataset, changes: ScenarioChanges): ValidationIssue {
  const phaseField = /^phases\[(\d+)\]\.(\w+)(?:\.(\w+))?$/.exec(issue.path);
  if (phaseField) {
    const phaseId = dataset.phases[Number(phaseField[1])]?.id ?? '';
    const [, , field, key] = phaseField;
    const at = phasePath(field ?? '', phaseId, key, changes);
    if (at !== null) return field === 'budget' ? issueOf(at, 'scenario.phaseBudget', wrapped(issue, { budgetPhase: phaseId })) : { ...issue, path: at };
  }
  const top = /^(assumptions|costs)\.(\w+)$/.exec(issue.path);
  if (top) return { ...issue, path: top[1] === 'assumptions' ? `changes.${top[2]}` : `changes.costs.${top[2]}` };
  return issueOf('changes', 'scenario.changedDataset', wrapped(issue, { changedPath: issue.path }));
}

function phasePath(field: string, phaseId: string, key: string | undefined, changes: ScenarioChanges): string | null {
  const byPhase = (name: string): string => join(`changes.${name}`, phaseId);
  switch (field) {
    case 'budget':
      return typeof changes.budgetScale === 'number' ? 'changes.budgetScale' : byPhase('budgetScale');
    case 'evShare':
      return 'changes.evShareScale';
    case 'targets':
      return key === undefined ? byPhase('targets') : join(byPhase('targets'), key);
    case 'maxGapKm':
      return byPhase('maxGapKm');
    default:
      return null;
  }
}

/** Checks the scenario object's own rules; returns the changes that can be applied (the well-typed ones). */
class ScenarioChecker extends FieldReader {
  private readonly phases: Map<string, Phase>;
  private readonly usable: ScenarioChanges = {};

  constructor(
    issues: IssueList,
    private readonly dataset: Dataset,
  ) {
    super(issues);
    this.phases = new Map(dataset.phases.map((p) => [p.id, p]));
  }

  check(input: unknown): ScenarioChanges {
    const top = this.object(input, '');
    if (!top) return this.usable;
    this.unknownKeys(top, '', SCENARIO_KEYS);
    const name = this.text(top, '', 'name', DATASET_LIMITS.nameChars, true);
    if (name === '') this.issues.add('name', 'field.empty');
    const asOf = this.string(top, '', 'asOf');
    if (typeof asOf === 'string' && !isIsoDate(asOf)) this.issues.add('asOf', 'field.notDate', { value: asOf });
    const value = own(top, 'changes');
    if (value === undefined) this.issues.add('changes', 'field.required');
    else {
      const changes = this.object(value, 'changes');
      if (changes) this.checkChanges(changes);
    }
    return this.usable;
  }

  private checkChanges(changes: JsonObject): void {
    const path = 'changes';
    const usable = this.usable;
    this.unknownKeys(changes, path, CHANGE_KEYS);
    this.checkBudgetScale(changes);
    const evShareScale = this.number(changes, path, 'evShareScale', SCALE);
    if (typeof evShareScale === 'number') usable.evShareScale = evShareScale;
    const trafficGrowth = this.number(changes, path, 'trafficGrowth', ANY);
    if (typeof trafficGrowth === 'number') usable.trafficGrowth = trafficGrowth;
    const costs = this.member(changes, path, 'costs');
    if (costs) {
      this.unknownKeys(costs, 'changes.costs', COST_KEYS);
      usable.costs = {};
      for (const key of COST_KEYS) {
        const cost = this.number(costs, 'changes.costs', key, ANY);
        if (typeof cost === 'number') usable.costs[key] = cost;
      }
    }
    // Keyed by phase ids: no prototype, so `__proto__` or `constructor` is an ordinary key.
    const targets: Record<string, Targets> = Object.create(null) as Record<string, Targets>;
    this.perPhase(changes, 'targets', (value, at, phaseId) => {
      const object = this.object(value, at);
      if (!object) return;
      this.unknownKeys(object, at, TARGET_KEYS);
      const stated: Targets = {};
      for (const key of TARGET_KEYS) {
        const target = this.number(object, at, key, ANY);
        if (typeof target === 'number') stated[key] = target;
      }
      targets[phaseId] = stated;
    });
    if (own(changes, 'targets') !== undefined) usable.targets = targets;
    const gaps: Record<string, number> = Object.create(null) as Record<string, number>;
    this.perPhase(changes, 'maxGapKm', (_, __, phaseId, obj) => {
      const gap = this.number(obj, 'changes.maxGapKm', phaseId, ANY, true);
      if (typeof gap === 'number') gaps[phaseId] = gap;
    });
    if (own(changes, 'maxGapKm') !== undefined) usable.maxGapKm = gaps;
  }

  private checkBudgetScale(changes: JsonObject): void {
    const value = own(changes, 'budgetScale');
    if (value === undefined) return;
    if (!isObject(value)) {
      const scale = this.number(changes, 'changes', 'budgetScale', SCALE);
      if (typeof scale !== 'number') return;
      if (this.dataset.phases.every((p) => p.budget === undefined)) this.issues.add('changes.budgetScale', 'scenario.noBudgets');
      else this.usable.budgetScale = scale;
      return;
    }
    const scales: Record<string, number> = Object.create(null) as Record<string, number>;
    this.perPhase(changes, 'budgetScale', (_, at, phaseId, obj) => {
      const scale = this.number(obj, 'changes.budgetScale', phaseId, SCALE, true);
      if (typeof scale !== 'number') return;
      if (this.phases.get(phaseId)?.budget === undefined) this.issues.add(at, 'scenario.phaseNoBudget', { phase: phaseId });
      else scales[phaseId] = scale;
    });
    this.usable.budgetScale = scales;
  }

  /** An optional object member; a wrong type is reported. */
  private member(obj: JsonObject, path: string, key: string): JsonObject | null {
    const value = own(obj, key);
    return value === undefined ? null : this.object(value, join(path, key));
  }

  /** An optional object keyed by phase id: unknown phases are reported, each known one checked. */
  private perPhase(changes: JsonObject, key: string, each: (value: unknown, at: string, phaseId: string, obj: JsonObject) => void): void {
    const obj = this.member(changes, 'changes', key);
    if (!obj) return;
    for (const phaseId of Object.keys(obj)) {
      const at = join(`changes.${key}`, phaseId);
      if (!this.phases.has(phaseId)) this.issues.add(at, 'field.unknownRef', { kind: 'phase', id: phaseId, quoted: true });
      else each(obj[phaseId], at, phaseId, obj);
    }
  }
}
