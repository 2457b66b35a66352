import { msg } from '../../solver/messages.js';
import type { PlanRecord, VersionRecord } from '../lib/records.js';
import type { Deps } from './deps.js';
import { enqueue } from './enqueue.js';

/** The sweep is given the time it sweeps at. */
type SweepDeps = Pick<Deps, 'repo' | 'queue' | 'log'>;

/**
 * The bound on unfinished versions. The solve queue retries a job five times,
 * 90 minutes apart, and its dead-letter handler then marks the version failed,
 * so a job that reaches the queue ends within about 7.5 hours. The sweep
 * catches the rest (an enqueue that never happened, a solver that died after
 * its message was gone): a version still queued or solving an hour after it
 * last moved is put back in the queue once; one that is still unfinished
 * STUCK_FAIL_MS after that is marked failed. No version stays queued or solving
 * longer than 8 hours plus one sweep interval.
 */
export const STUCK_REQUEUE_MS = 60 * 60_000;
export const STUCK_FAIL_MS = 8 * 60 * 60_000;

export const STUCK_FAILURE = msg('failure.stuck', { hours: STUCK_FAIL_MS / 3_600_000 });

export type SweepOutcome = 'requeued' | 'failed' | 'ok';

/** When a version last moved: the later of its update and its lease's end. */
function lastMovedMs(record: VersionRecord): number {
  return Math.max(Date.parse(record.updatedAt), record.leaseUntil ?? 0);
}

/** Sweeps one version: requeues it once when stuck, fails it when stuck again; leaves moving ones alone. */
export async function sweepVersion(deps: SweepDeps, record: VersionRecord, now: Date): Promise<SweepOutcome> {
  if (record.status !== 'queued' && record.status !== 'solving') return 'ok';
  const idleMs = now.getTime() - lastMovedMs(record);
  const swept = (record.sweeps ?? 0) > 0;
  const at = now.toISOString();
  if (!swept && idleMs > STUCK_REQUEUE_MS) {
    if (!(await deps.repo.requeueStuck({ planId: record.planId, version: record.version, now: at, expectedUpdatedAt: record.updatedAt }))) return 'ok';
    await enqueue(deps.queue, { planId: record.planId, version: record.version });
    deps.log.warn('stuck version requeued', { planId: record.planId, version: record.version, status: record.status, idleMinutes: Math.round(idleMs / 60_000) });
    return 'requeued';
  }
  if (swept && idleMs > STUCK_FAIL_MS) {
    const failed = await deps.repo.failUnfinished({ planId: record.planId, version: record.version, failure: STUCK_FAILURE, now: at, expectedUpdatedAt: record.updatedAt });
    if (failed) deps.log.error('stuck version failed', { planId: record.planId, version: record.version, status: record.status });
    return failed ? 'failed' : 'ok';
  }
  return 'ok';
}

/** Sweeps a plan's recent versions (newest 20: older ones ended long ago or were swept then). */
export async function sweepPlan(deps: SweepDeps, plan: PlanRecord, now: Date): Promise<{ requeued: number; failed: number }> {
  const page = await deps.repo.listVersions(plan.planId, plan.latestVersion, { limit: 20 });
  const counts = { requeued: 0, failed: 0 };
  for (const record of page.items) {
    const outcome = await sweepVersion(deps, record, now);
    if (outcome !== 'ok') counts[outcome]++;
  }
  return counts;
}
