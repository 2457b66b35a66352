import { randomUUID } from 'node:crypto';
import { validateDataset, type Dataset } from '../../solver/index.js';
import type { Caller } from './auth.js';
import { requireWrite } from './auth.js';
import { createDocumentClient } from './dynamo.js';
import { optionalEnv, requiredEnv } from './env.js';
import {
  IdempotencyKeyReusedError,
  PlanNotFoundError,
  ValidationFailedError,
} from './errors.js';
import { planLinks } from './http.js';
import type { Logger } from './log.js';
import { queueFor, type JobQueue } from './queue.js';
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

export interface Deps {
  repo: PlanRepository;
  queue: JobQueue;
  log: Logger;
}

export const FINAL_STATUSES = new Set(['optimal', 'feasible', 'infeasible', 'failed']);

/** Printable ASCII without spaces, as in the IETF Idempotency-Key draft's examples. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

export function checkIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationFailedError([{ path: 'headers.idempotency-key', message: 'must be 1 to 128 printable ASCII characters without spaces' }]);
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
  if (earlier !== undefined) return replay(deps, log, earlier, bodyHash, idempotencyKey, dataset);

  const planId = randomUUID();
  const ref = await deps.repo.putDataset(planId, dataset);
  const now = new Date().toISOString();
  const claim = await deps.repo.claimIdempotencyKey({ province, key: idempotencyKey, bodyHash, planId, now });
  if (!claim.claimed) {
    // A concurrent duplicate claimed the key first: its plan is the one; ours is debris.
    await deps.repo.deleteDataset(planId, ref).catch((error: unknown) => log.warn('orphan data set not removed', { planId, error }));
    return replay(deps, log, claim, bodyHash, idempotencyKey, dataset);
  }
  const header = await deps.repo.createPlan({ planId, province, name: dataset.name, dataset: ref, now });
  await deps.queue.send({ planId, version: 1 });
  log.info('plan submitted', { planId, version: 1, serviceAreas: dataset.serviceAreas.length });
  return { planId, version: header.latestVersion, status: header.latestStatus, replayed: false };
}

async function replay(
  deps: Deps,
  log: Logger,
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
    header = await deps.repo.createPlan({ planId, province: dataset.province, name: dataset.name, dataset: ref, now: new Date().toISOString() });
  }
  const first = await deps.repo.getVersion(planId, 1);
  // Re-sending is harmless (the solve job takes a lease) and rescues a plan whose first enqueue failed.
  if (first?.status === 'queued') await deps.queue.send({ planId, version: 1 });
  log.info('idempotent replay', { planId });
  return { planId, version: 1, status: first?.status ?? header.latestStatus, replayed: true };
}

/** Adds a version of a plan from its latest data set and enqueues it. */
export async function regeneratePlan(
  deps: Deps,
  header: PlanHeader,
  options: { trigger: 'regenerate' | 'schedule'; tick?: string },
): Promise<VersionRecord | undefined> {
  const outcome = await deps.repo.addVersion({
    planId: header.planId,
    expectedLatest: header.latestVersion,
    trigger: options.trigger,
    tick: options.tick,
    now: new Date().toISOString(),
  });
  if ('skipped' in outcome) return undefined;
  await deps.queue.send({ planId: header.planId, version: outcome.version.version });
  deps.log.info('plan regenerated', {
    planId: header.planId,
    province: header.province,
    version: outcome.version.version,
    trigger: options.trigger,
  });
  return outcome.version;
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
  if (value === undefined || !/^[0-9a-f-]{36}$/.test(value)) throw new PlanNotFoundError(String(value ?? ''));
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
    links: planLinks(header.planId),
  };
}

export function presentVersion(record: VersionRecord) {
  return {
    version: record.version,
    status: record.status,
    trigger: record.trigger,
    ...(record.tick === undefined ? {} : { tick: record.tick }),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.solvedAt === undefined ? {} : { solvedAt: record.solvedAt }),
    serviceAreas: record.serviceAreas,
    ...(record.failure === undefined ? {} : { failure: record.failure }),
    ...(record.objective === undefined ? {} : { objective: record.objective, bound: record.bound ?? null, gap: record.gap ?? null }),
  };
}

