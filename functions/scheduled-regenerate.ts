import middy from '@middy/core';
import { ConcurrentUpdateError } from './lib/errors.js';
import type { LambdaContext } from './lib/lambda-types.js';
import { createLogger } from './lib/log.js';
import { queueFromEnv, regeneratePlan, repositoryFromEnv } from './lib/plans.js';

const repo = repositoryFromEnv();
const queue = queueFromEnv();
const baseLog = createLogger({ function: 'scheduled-regenerate' });

/**
 * The schedule's input. The stack sets `{"tick": "<aws.scheduler.scheduled-time>"}`:
 * the scheduled time is the same on every retry of one invocation, so it
 * names the tick. An EventBridge event's `time` serves the same purpose.
 */
export interface ScheduleEvent {
  tick?: string;
  time?: string;
}

export interface TickReport {
  tick: string;
  regenerated: number;
  alreadyDone: number;
  busy: number;
  failed: number;
}

/** Without an id from the scheduler, a tick is the calendar month: the schedule is monthly. */
export function tickOf(event: ScheduleEvent | null | undefined, now = new Date()): string {
  const given = typeof event?.tick === 'string' ? event.tick : typeof event?.time === 'string' ? event.time : undefined;
  if (given !== undefined && given.trim() !== '' && given.length <= 64) return given.trim();
  return now.toISOString().slice(0, 7);
}

/**
 * Re-plans every province's newest data set as a new version. Each plan's
 * header remembers the last tick that regenerated it, so a retried tick adds
 * nothing; a failure anywhere is rethrown at the end so the scheduler retries,
 * which only redoes the plans that did not make it.
 */
const run = async (event: ScheduleEvent, _context: LambdaContext): Promise<TickReport> => {
  const tick = tickOf(event);
  const log = baseLog.child({ tick });
  const report: TickReport = { tick, regenerated: 0, alreadyDone: 0, busy: 0, failed: 0 };
  for (const { province, latestPlanId } of await repo.listProvinces()) {
    const planLog = log.child({ province, planId: latestPlanId });
    try {
      const header = await repo.getPlan(latestPlanId);
      if (header === undefined) {
        planLog.warn('province points at a missing plan');
        report.failed++;
        continue;
      }
      if (header.lastTick === tick) {
        // Done by an earlier attempt of this tick; re-send a still-queued job in case its enqueue failed.
        if (header.latestStatus === 'queued') await queue.send({ planId: header.planId, version: header.latestVersion });
        report.alreadyDone++;
        continue;
      }
      const version = await regeneratePlan({ repo, queue, log: planLog }, header, { trigger: 'schedule', tick });
      if (version === undefined) report.alreadyDone++;
      else report.regenerated++;
    } catch (error) {
      if (error instanceof ConcurrentUpdateError) {
        // Someone regenerated this plan at the same moment; their version serves this month.
        planLog.info('plan busy, skipped', { error });
        report.busy++;
      } else {
        planLog.error('regeneration failed', { error });
        report.failed++;
      }
    }
  }
  log.info('tick done', { ...report });
  if (report.failed > 0) throw new Error(`Scheduled regeneration ${tick}: ${report.failed} plans failed`);
  return report;
};

export const handler = middy<ScheduleEvent, TickReport, Error, LambdaContext>(run);
