import { randomUUID } from 'node:crypto';
import { PLANNER_MODEL_VERSION, validateDataset, type Dataset, type Plan } from '../../solver/index.js';
import { phaseYears } from './cycle.js';
import type { Caller } from './auth.js';
import { requireWrite } from './auth.js';
import { createDocumentClient } from './dynamo.js';
import { optionalEnv, requiredEnv } from './env.js';
import {
  IdempotencyKeyReusedError,
  NotFoundError,
  PlanNotFoundError,
  QueueUnavailableError,
  ValidationFailedError,
} from './errors.js';
import { planLinks } from './http.js';
import type { Logger } from './log.js';
import { queueFor, type JobQueue, type SolveJob } from './queue.js';
import { PLAN_ID_PATTERN, SOLVED_STATUSES } from './rules.js';
import { canonicalJson, createRepository, sha256, type PlanHeader, type PlanRepository, type VersionRecord } from './repository.js';

/** The repository the handlers share, from TABLE_NAME (and DYNAMODB_ENDPOINT off AWS). */
export function repositoryFromEnv(): PlanRepository {
  const tableName = requiredEnv('TABLE_NAME');
  const endpoint = optionalEnv('DYNAMODB_ENDPOINT');
  return createRepository({ client: createDocumentClient(endpoint === undefined ? {} : { endpoint }), tableName });
}

export function queueFromEnv(): JobQueue {
  return queueFor(requiredEnv('QUEUE_URL'));
}

export type { PlanRepository };

/** What a handler that writes is built from; tests and the local runtime pass their own. */
export interface HandlerDeps {
  repo: PlanRepository;
  queue: JobQueue;
}

/** What a use case works with: the handler's dependencies and the request's logger. */
export interface Deps extends HandlerDeps {
  log: Logger;
}


/**
 * Sends a solve job; a queue that refuses it is a 503 the client retries (the
 * version is stored, and the retry, or the sweep, sends the job again).
 */
export async function enqueue(queue: JobQueue, job: SolveJob): Promise<void> {
  try {
    await queue.send(job);
  } catch (error) {
    throw new QueueUnavailableError(`The solve queue did not take plan ${job.planId} version ${job.version}; retry the request`, { cause: error });
  }
}

export interface Accepted {
  planId: string;
  version: number;
  status: string;
  replayed: boolean;
}

/**
 * Accepts a data set: validate fully, authorize on its province, then store
 * and enqueue. Every write is keyed so that a retry or a concurrent duplicate
 * with the same Idempotency-Key completes the first submission rather than
 * making a second plan.
 */
export async function submitPlan(deps: Deps, caller: Caller, idempotencyKey: string, body: unknown): Promise<Accepted> {
  const result = validateDataset(body);
  if (!result.ok) throw new ValidationFailedError(result.issues, 'The data set is not valid');
  const dataset = result.dataset;
  requireWrite(caller, dataset.province);
  const province = dataset.province;
  const bodyHash = sha256(canonicalJson(body));
  const log = deps.log.child({ province });

  const earlier = await deps.repo.findIdempotencyKey(province, idempotencyKey);
  if (earlier !== undefined) return replay(deps, log, caller, earlier, bodyHash, idempotencyKey, dataset);

  const planId = randomUUID();
  const ref = await deps.repo.putDataset(planId, dataset);
  const now = new Date().toISOString();
  const claim = await deps.repo.claimIdempotencyKey({ province, key: idempotencyKey, bodyHash, planId, now });
  if (!claim.claimed) {
    // A concurrent duplicate claimed the key first: its plan is the one; ours is debris.
    await deps.repo.deleteDataset(planId, ref).catch((error: unknown) => log.warn('orphan data set not removed', { planId, error }));
    return replay(deps, log, caller, claim, bodyHash, idempotencyKey, dataset);
  }
  const header = await deps.repo.createPlan({ planId, province, name: dataset.name, dataset: ref, now, ...firstRevision(caller, dataset) });
  await enqueue(deps.queue, { planId, version: 1 });
  log.info('plan submitted', { planId, version: 1, serviceAreas: dataset.serviceAreas.length });
  return { planId, version: header.latestVersion, status: header.latestStatus, replayed: false };
}

/** What revision 1 and version 1 record beside the data set: its phases, who sent it, the model that plans it. */
function firstRevision(caller: Caller, dataset: Dataset) {
  return { phases: phaseYears(dataset.phases), submittedBy: caller.subject, modelVersion: PLANNER_MODEL_VERSION };
}

async function replay(
  deps: Deps,
  log: Logger,
  caller: Caller,
  earlier: { planId: string; bodyHash: string },
  bodyHash: string,
  key: string,
  dataset: Dataset,
): Promise<Accepted> {
  if (earlier.bodyHash !== bodyHash) throw new IdempotencyKeyReusedError(key);
  const { planId } = earlier;
  let header = await deps.repo.getPlan(planId);
  if (header === undefined) {
    // The first request claimed the key but has not (or never) created the plan: finish it.
    const ref = await deps.repo.putDataset(planId, dataset);
    header = await deps.repo.createPlan({ planId, province: dataset.province, name: dataset.name, dataset: ref, now: new Date().toISOString(), ...firstRevision(caller, dataset) });
  }
  const first = await deps.repo.getVersion(planId, 1);
  // Re-sending is harmless (the solve job takes a lease) and rescues a plan whose first enqueue failed.
  if (first?.status === 'queued') await enqueue(deps.queue, { planId, version: 1 });
  log.info('idempotent replay', { planId });
  return { planId, version: 1, status: first?.status ?? header.latestStatus, replayed: true };
}

export async function loadHeader(repo: PlanRepository, planId: string): Promise<PlanHeader> {
  const header = await repo.getPlan(planId);
  if (header === undefined) throw new PlanNotFoundError(planId);
  return header;
}

/** The committed version asked for (latest when none), or 404. */
export async function loadVersion(repo: PlanRepository, header: PlanHeader, version?: number): Promise<VersionRecord> {
  const wanted = version ?? header.latestVersion;
  const record = wanted <= header.latestVersion ? await repo.getVersion(header.planId, wanted) : undefined;
  if (record === undefined) throw new PlanNotFoundError(header.planId, wanted);
  return record;
}

/**
 * The version a request names: a number, `record` (the plan of record, the
 * latest approved version), or the latest when absent. `path` names the
 * parameter in a 400 (e.g. `query.version`).
 */
export async function resolveVersion(repo: PlanRepository, header: PlanHeader, raw: string | undefined, path: string): Promise<VersionRecord> {
  if (raw === 'record') {
    const record = header.planOfRecord ?? null;
    if (record === null) throw new NotFoundError(`Plan ${header.planId} has no approved version yet, so no plan of record`);
    return loadVersion(repo, header, record);
  }
  const [where, name] = path.split('.') as [string, string];
  const number = where === 'query' ? intParam(raw, name, VERSION_RANGE) : pathIntParam(raw, name);
  return loadVersion(repo, header, number);
}

const VERSION_RANGE = { min: 1, max: 999_999 };

/** A version number in the path: anything else names no version (404, as for any unknown version). */
function pathIntParam(raw: string | undefined, name: string): number {
  const parsed = raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < 1) throw new ValidationFailedError([{ path: `path.${name}`, message: 'must be a version number from 1 to 999999' }]);
  return parsed;
}

/** A positive integer query parameter, or a 400 naming it. */
export function intParam(value: string | undefined, name: string, range: { min: number; max: number }): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < range.min || parsed > range.max) {
    throw new ValidationFailedError([{ path: `query.${name}`, message: `must be an integer from ${range.min} to ${range.max}` }]);
  }
  return parsed;
}

export function planIdParam(value: string | undefined): string {
  // A malformed id cannot name a plan: answer as for any unknown plan.
  if (value === undefined || !PLAN_ID_PATTERN.test(value)) throw new PlanNotFoundError(String(value ?? ''));
  return value;
}

export function presentHeader(header: PlanHeader) {
  return {
    planId: header.planId,
    province: header.province,
    name: header.name,
    createdAt: header.createdAt,
    updatedAt: header.updatedAt,
    latestVersion: header.latestVersion,
    status: header.latestStatus,
    objective: header.latestObjective ?? null,
    latestRevision: header.latestRevision ?? 1,
    review: { state: header.latestReviewState ?? 'none' },
    planOfRecord: header.planOfRecord ?? null,
    links: planLinks(header.planId),
  };
}

export function presentVersion(record: VersionRecord) {
  return {
    version: record.version,
    status: record.status,
    trigger: record.trigger,
    ...(record.tick === undefined ? {} : { tick: record.tick }),
    asOf: record.asOf ?? null,
    dataRevision: record.dataRevision ?? 1,
    reviewState: record.reviewState ?? 'none',
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.solvedAt === undefined ? {} : { solvedAt: record.solvedAt }),
    serviceAreas: record.serviceAreas,
    ...(record.failure === undefined ? {} : { failure: record.failure }),
    // A solve in progress shows how far it has come: the best plan's cost so far, its bound and gap.
    ...(record.status === 'solving' && record.best !== undefined
      ? { progress: { best: record.best, bound: record.bestBound ?? null, gap: record.bestGap ?? null, at: record.progressAt ?? null } }
      : {}),
    ...(record.objective === undefined ? {} : { objective: record.objective, bound: record.bound ?? null, gap: record.gap ?? null }),
  };
}


/** What a version was solved from (SPEC 6.4), as the API shows it. */
export function presentInputs(record: VersionRecord) {
  return {
    dataRevision: record.dataRevision ?? 1,
    progress: record.progressReportId == null ? null : { reportId: record.progressReportId, asOf: record.progressAsOf ?? null },
    closedPhases: record.closedPhases ?? [],
    modelVersion: record.modelVersion ?? null,
  };
}

/**
 * The plan a version shows: its stored plan once solved, or, while it is still
 * solving, the best plan so far (`provisional`), or none.
 */
export async function versionPlan(repo: PlanRepository, record: VersionRecord): Promise<{ plan: Plan; provisional: boolean } | undefined> {
  if (SOLVED_STATUSES.has(record.status)) return { plan: await repo.loadPlan(record), provisional: false };
  const provisional = await repo.loadProvisional(record);
  return provisional === undefined ? undefined : { plan: provisional, provisional: true };
}
