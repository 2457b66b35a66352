import { msg } from '../../solver/messages.js';
import type { PlanRecord, VersionRecord, WhatIfRecord } from '../lib/records.js';
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

/** What a planner reads on a scenario or curve point the sweep gave up on. */
export const STUCK_WHAT_IF_FAILURE = msg('failure.stuckWhatIf', { hours: STUCK_FAIL_MS / 3_600_000 });

export type SweepOutcome = 'requeued' | 'failed' | 'ok';

/** When a version or what-if last moved: the later of its update and its lease's end. */
function lastMovedMs(record: Pick<VersionRecord, 'updatedAt' | 'leaseUntil'>): number {
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

/**
 * Sweeps one scenario or curve point under the same bound: one idle past an hour is
 * sent to the queue again (a job whose enqueue never happened; the solve job skips
 * one held or finished meanwhile), one idle past 8 hours is marked failed. Sending
 * does not move it, so the 8 hours run from when it last moved, requeued or not.
 */
export async function sweepWhatIf(deps: SweepDeps, record: WhatIfRecord, now: Date): Promise<SweepOutcome> {
  if (record.status !== 'queued' && record.status !== 'solving') return 'ok';
  const idleMs = now.getTime() - lastMovedMs(record);
  if (idleMs > STUCK_FAIL_MS) {
    const failed = await deps.repo.endWhatIf({ planId: record.planId, id: record.id, status: 'failed', failure: STUCK_WHAT_IF_FAILURE, now: now.toISOString(), expectedUpdatedAt: record.updatedAt });
    if (failed) deps.log.error('stuck what-if failed', { planId: record.planId, whatIf: record.id, status: record.status });
    return failed ? 'failed' : 'ok';
  }
  if (idleMs > STUCK_REQUEUE_MS) {
    await enqueue(deps.queue, { planId: record.planId, whatIf: record.id });
    deps.log.warn('stuck what-if requeued', { planId: record.planId, whatIf: record.id, status: record.status, idleMinutes: Math.round(idleMs / 60_000) });
    return 'requeued';
  }
  return 'ok';
}

/** Sweeps a plan's recent versions (newest 20: older ones ended long ago or were swept then) and its unfinished what-ifs. */
export async function sweepPlan(deps: SweepDeps, plan: PlanRecord, now: Date): Promise<{ requeued: number; failed: number }> {
  const [page, whatIfs] = await Promise.all([deps.repo.listVersions(plan.planId, plan.latestVersion, { limit: 20 }), deps.repo.listUnfinishedWhatIfs(plan.planId)]);
  const counts = { requeued: 0, failed: 0 };
  const count = (outcome: SweepOutcome) => {
    if (outcome !== 'ok') counts[outcome]++;
  };
  for (const record of page.items) count(await sweepVersion(deps, record, now));
  for (const record of whatIfs) count(await sweepWhatIf(deps, record, now));
  return counts;
}
