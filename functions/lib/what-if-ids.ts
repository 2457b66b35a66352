import { NotFoundError, ValidationFailedError, says } from './errors.js';
import { VERSION_DIGITS } from './rules.js';
import { issueOf } from '../../solver/messages.js';
import { CURVE_STEPS } from '../../solver/curve.js';

/*
 * The names of what-if solves (SPEC 8): a scenario `s<n>`, a curve `c<n>`, and
 * point k of curve n `c<n>-<k>` (1-based), so a curve's point opens like a
 * scenario (its plan, its downloads, a diff against a version).
 */

export type WhatIfId = { kind: 'scenario'; scenario: number } | { kind: 'point'; curve: number; point: number };

const NUMBER = `[1-9]\\d{0,${VERSION_DIGITS - 1}}`;
const SCENARIO_ID = new RegExp(`^s(${NUMBER})$`);
const POINT_ID = new RegExp(`^c(${NUMBER})-([1-9]\\d?)$`);
const CURVE_ID = new RegExp(`^c(${NUMBER})$`);

export const scenarioId = (n: number) => `s${n}`;
export const curveId = (n: number) => `c${n}`;
export const pointId = (curve: number, point: number) => `c${curve}-${point}`;

/** A scenario or curve point id, or undefined when the text is not one. */
export function parseWhatIfId(text: string | undefined): WhatIfId | undefined {
  const scenario = SCENARIO_ID.exec(text ?? '');
  if (scenario) return { kind: 'scenario', scenario: Number(scenario[1]) };
  const point = POINT_ID.exec(text ?? '');
  if (point && Number(point[2]) <= CURVE_STEPS.max) return { kind: 'point', curve: Number(point[1]), point: Number(point[2]) };
  return undefined;
}

/** A curve's number from its id, or undefined. */
export function parseCurveId(text: string | undefined): number | undefined {
  const curve = CURVE_ID.exec(text ?? '');
  return curve ? Number(curve[1]) : undefined;
}

/** A what-if id in a path: a malformed one names nothing (404), as a malformed plan id. */
export function whatIfPathParam(text: string | undefined): WhatIfId & { id: string } {
  const parsed = parseWhatIfId(text);
  if (parsed === undefined) throw new NotFoundError(says('error.badScenarioId', { id: String(text ?? '') }));
  return { ...parsed, id: text as string };
}

/** A curve id in a path, or 404. */
export function curvePathParam(text: string | undefined): number {
  const parsed = parseCurveId(text);
  if (parsed === undefined) throw new NotFoundError(says('error.badCurveId', { id: String(text ?? '') }));
  return parsed;
}

/** A query parameter naming a scenario (or a curve's point), or a 400 naming it. */
export function whatIfQueryParam(text: string, name: string): WhatIfId & { id: string } {
  const parsed = parseWhatIfId(text);
  if (parsed === undefined) throw new ValidationFailedError([issueOf(`query.${name}`, 'request.whatIfName')]);
  return { ...parsed, id: text };
}

/** A query parameter naming 1 to `max` distinct scenarios or curve points, comma-separated (`s1,s3,c1-2`), or a 400 naming it. */
export function whatIfListParam(text: string, name: string, max: number): string[] {
  const ids = text.split(',');
  const path = `query.${name}`;
  const malformed = ids.find((id) => parseWhatIfId(id) === undefined);
  if (malformed !== undefined) throw new ValidationFailedError([issueOf(path, 'request.whatIfListName', { id: malformed })]);
  if (new Set(ids).size !== ids.length) throw new ValidationFailedError([issueOf(path, 'request.whatIfListTwice')]);
  if (ids.length > max) throw new ValidationFailedError([issueOf(path, 'request.whatIfListMax', { count: ids.length, max })]);
  return ids;
}
