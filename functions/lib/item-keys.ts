import type { PlanRecord, VersionRecord } from './records.js';
import { PLAN_ID_PATTERN, VERSION_DIGITS } from './rules.js';
import { pad } from './table-io.js';

/*
 * The plan table's keys, one definition for every part of the repository:
 * each item's partition and sort key, the prefixes its queries use, and the
 * shapes a listing's cursor may hold. No other module writes a key prefix.
 */

// A plan's items, all in its partition.
export const HEADER_SK = 'PLAN';
export const planPk = (planId: string) => `PLAN#${planId}`;
export const versionSk = (version: number) => `VERSION#${pad(version, VERSION_DIGITS)}`;
export const REVISION_PREFIX = 'REVISION#';
export const revisionSk = (revision: number) => `${REVISION_PREFIX}${pad(revision, VERSION_DIGITS)}`;
/** Prefix of a data set's parts: its content hash names it. */
export const datasetSk = (datasetHash: string) => `DATASET#${datasetHash}`;
/** Digits of a part's index in a data set's or a report's keys. */
export const PART_DIGITS = 4;
export const REPORT_PREFIX = 'REPORT#';
export const reportSk = (reportId: string) => `${REPORT_PREFIX}${reportId}`;
export const reportDataSk = (reportId: string) => `REPORTDATA#${reportId}`;
export const REVIEW_PREFIX = 'REVIEW#';
/** Prefix of one version's review decisions. */
export const reviewPrefix = (version: number) => `${REVIEW_PREFIX}${pad(version, VERSION_DIGITS)}#`;
/** Prefix of a solved version's plan items (phases, notes, top-level fields, sites). */
export const childPrefix = (version: number) => `V#${pad(version, VERSION_DIGITS)}#`;
/** One part of a stored plan: each phase and each site its own item, the notes and top-level fields one each. */
export type PlanPart = 'PHASE' | 'NOTES' | 'TOP' | 'SITE';
const PLAN_PART_DIGITS: Partial<Record<PlanPart, number>> = { PHASE: 2, SITE: 5 };
export const planPartSk = (version: number, part: PlanPart, index?: number) =>
  index === undefined ? `${childPrefix(version)}${part}` : `${childPrefix(version)}${part}#${pad(index, PLAN_PART_DIGITS[part] ?? 0)}`;
export const planPartPrefix = (version: number, part: PlanPart) => `${childPrefix(version)}${part}#`;
/** The remedies of an infeasible plan (SPEC 7) whose plans carry sites: their sites are stored apart from the summary. */
export type RemedyName = 'withinBudget' | 'extraBudget';
/** Base of one remedy's plan sites (a JSON array stored in parts), kept out of the TOP item so a summary never reads them. */
export const remedySitesSk = (version: number, remedy: RemedyName) => `${childPrefix(version)}REMEDY#${remedy}`;
/** Prefix of one of a solving version's two slots for its best plan so far. */
export const provisionalSlot = (version: number, slot: 0 | 1) => `P#${pad(version, VERSION_DIGITS)}#${slot}`;

// What-if solves (SPEC 8): scenarios, curves and their points, and the plan each solve stored.
export const SCENARIO_PREFIX = 'SCENARIO#';
export const scenarioSk = (n: number) => `${SCENARIO_PREFIX}${pad(n, VERSION_DIGITS)}`;
export const CURVE_PREFIX = 'CURVE#';
export const curveSk = (n: number) => `${CURVE_PREFIX}${pad(n, VERSION_DIGITS)}`;
/** Prefix of one curve's points. */
export const curvePointPrefix = (n: number) => `${curveSk(n)}#P#`;
export const curvePointSk = (n: number, point: number) => `${curvePointPrefix(n)}${pad(point, 2)}`;
/** Prefix of a what-if solve's stored plan (gzipped JSON in parts); the id (`s1`, `c1-3`) is followed by `#`. */
export const whatIfPlanPrefix = (id: string) => `W#${id}#PLAN#`;

// The province index: gsi1 lists a province's plans newest first.
export const provinceGsiPk = (province: string) => `PROVINCE#${province}`;
export const createdGsiSk = (createdAt: string, planId: string) => `${createdAt}#${planId}`;

// Each province's newest plan, for the scheduled regeneration.
export const PROVINCES_PK = 'PROVINCES';
export const provinceSk = (province: string) => `PROVINCE#${province}`;

// Idempotency records: a submission's (keyed by province) and a write's to a plan (keyed by the plan and the action).
export const IDEM_SK = 'IDEM';
export const submissionKeyPk = (province: string, key: string) => `IDEM#${province}#${key}`;
export type PlanWrite = 'dataset' | 'progress' | 'regenerate' | 'scenario' | 'curve';
export const writeKeyPk = (planId: string, write: PlanWrite, key: string) => `IDEM#${planPk(planId)}#${write}#${key}`;

/** Shapes of the keys a listing's cursor may hold. */
const PLAN_ID = PLAN_ID_PATTERN.source.replace(/^\^|\$$/g, '');
export const CURSOR_SHAPES = {
  planPk: new RegExp(`^PLAN#${PLAN_ID}$`),
  versionSk: new RegExp(`^VERSION#\\d{${VERSION_DIGITS}}$`),
  createdGsiSk: new RegExp(`^[0-9T:.Z-]{1,40}#${PLAN_ID}$`),
};

/** A plan header as the API and the use cases see it: the item without its keys. */
export function toPlan(item: Record<string, unknown>): PlanRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest as unknown as PlanRecord;
}

/** A version record as the API and the use cases see it: the item without its keys and writer token. */
export function toVersion(item: Record<string, unknown>): VersionRecord {
  const { pk: _pk, sk: _sk, type: _t, writerId: _w, ...rest } = item;
  return rest as unknown as VersionRecord;
}
