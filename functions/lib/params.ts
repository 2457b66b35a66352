import { PlanNotFoundError, ValidationFailedError } from './errors.js';
import { MAX_VERSION, PLAN_ID_PATTERN, VERSION_DIGITS } from './rules.js';
import { issueOf } from '../../solver/messages.js';

/*
 * A request's path and query parameters, parsed: a bad one is a 400 naming
 * it (`query.limit`), except a malformed plan id, which names no plan (404).
 */

export function planIdParam(value: string | undefined): string {
  // A malformed id cannot name a plan: answer as for any unknown plan.
  if (value === undefined || !PLAN_ID_PATTERN.test(value)) throw new PlanNotFoundError(String(value ?? ''));
  return value;
}

/** A positive integer query parameter, or a 400 naming it. */
export function intParam(value: string | undefined, name: string, range: { min: number; max: number }): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < range.min || parsed > range.max) {
    throw new ValidationFailedError([issueOf(`query.${name}`, 'request.intRange', range)]);
  }
  return parsed;
}

export const VERSION_RANGE = { min: 1, max: MAX_VERSION };
const PATH_VERSION = new RegExp(`^\\d{1,${VERSION_DIGITS}}$`);

/**
 * The version a parameter names: a number, `record` (the plan of record), or
 * none (the latest) when a query parameter is absent. `path` names the
 * parameter in a 400 (e.g. `query.version`, `path.version`).
 */
export function versionParam(raw: string | undefined, path: string): number | 'record' | undefined {
  if (raw === 'record') return 'record';
  const [where, name] = path.split('.') as [string, string];
  if (where === 'query') return intParam(raw, name, VERSION_RANGE);
  const parsed = raw !== undefined && PATH_VERSION.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < 1) throw new ValidationFailedError([issueOf(path, 'request.versionRange', { max: MAX_VERSION })]);
  return parsed;
}

/** The remedies whose plans carry a site selection (SPEC 7.1, 7.2), as `?remedy=` names them. */
export const REMEDY_NAMES = ['withinBudget', 'extraBudget'] as const;
export type RemedyParam = (typeof REMEDY_NAMES)[number];

/** `?remedy=`: one of the remedies with a plan, none when absent, or a 400 naming `query.remedy`. */
export function remedyParam(raw: string | undefined): RemedyParam | undefined {
  if (raw === undefined) return undefined;
  if (!(REMEDY_NAMES as readonly string[]).includes(raw)) {
    throw new ValidationFailedError([issueOf('query.remedy', 'request.oneOf', { choices: [...REMEDY_NAMES] })]);
  }
  return raw as RemedyParam;
}
