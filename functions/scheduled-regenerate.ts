import middy from '@middy/core';
import { chinaDate } from '../solver/index.js';
import { ConcurrentUpdateError } from './lib/errors.js';
import type { LambdaContext } from './lib/lambda-types.js';
import { createLogger, type Logger } from './lib/log.js';
import { queueFromEnv, repositoryFromEnv, type HandlerDeps } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { systemClock } from './use-cases/deps.js';
import { requestReplan } from './use-cases/replan.js';
import { sweepPlan } from './use-cases/sweep.js';

/**
 * The schedule's input. The stack sets `{"tick": "<aws.scheduler.scheduled-time>"}`:
 * the scheduled time is the same on every retry of one invocation, so it
 * names the tick. An EventBridge event's `time` serves the same purpose.
 */
export interface ScheduleEvent {
  tick?: string;
  time?: string;
  /** Only sweep unfinished versions (the frequent schedule), no re-plan. */
  sweep?: boolean;
}

export interface TickReport {
  tick: string;
  /** The as-of date every plan was re-planned at: the tick's date in China. */
  asOf: string;
  /** Plans that got a new version (an input changed, SPEC 6.4). */
  new: number;
  /** Plans whose inputs had not changed: nothing stored. */
  unchanged: number;
  /** Plans another request was re-planning at the same moment. */
  busy: number;
  failed: number;
  /** Unfinished versions put back in the queue, and failed, by the sweep (see use-cases/sweep.ts for the bound). */
  requeued: number;
  stuckFailed: number;
}

/** Without an id from the scheduler, a tick is the calendar month: the schedule is monthly. */
export function tickOf(event: ScheduleEvent | null | undefined, now = new Date()): string {
  const given = typeof event?.tick === 'string' ? event.tick : typeof event?.time === 'string' ? event.time : undefined;
  if (given !== undefined && given.trim() !== '' && given.length <= 64) return given.trim();
  return now.toISOString().slice(0, 7);
}

/** The tick's calendar date in China (the re-plan's as-of date); today when the tick is no time. */
export function tickDate(tick: string, now = new Date()): string {
  const at = Date.parse(tick);
  return chinaDate(Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(tick) ? now : new Date(at));
}

/**
 * Sweeps unfinished versions past their bound (use-cases/sweep.ts), then, unless the
 * event asks for the sweep only, re-plans every plan of every province as of the tick's date. A plan whose
 * inputs did not change gets no version (SPEC 6.4), so a retried tick adds
 * nothing; a failure anywhere is rethrown at the end so the scheduler retries,
 * which only redoes what did not make it.
 */
export const makeHandler = ({ repo, queue, clock = systemClock, log: baseLog = createLogger({ function: 'scheduled-regenerate' }) }: HandlerDeps & { clock?: () => Date; log?: Logger }) =>
  middy<ScheduleEvent, TickReport, Error, LambdaContext>(async (event: ScheduleEvent) => {
    const now = clock();
    const tick = tickOf(event, now);
    const asOf = tickDate(tick, now);
    const log = baseLog.child({ tick, asOf });
    const report: TickReport = { tick, asOf, new: 0, unchanged: 0, busy: 0, failed: 0, requeued: 0, stuckFailed: 0 };
    for (const { province } of await repo.listProvinces()) {
      let cursor: string | undefined;
      do {
        const page = await repo.listPlans(province, { limit: 100, cursor });
        for (const header of page.items) {
          const planLog = log.child({ province, planId: header.planId });
          try {
            const swept = await sweepPlan({ repo, queue, log: planLog }, header, now);
            report.requeued += swept.requeued;
            report.stuckFailed += swept.failed;
            if (event?.sweep === true) continue;
            const outcome = await requestReplan({ repo, queue, clock, log: planLog }, header, { asOf, trigger: 'schedule', tick });
            if (outcome.created) report.new++;
            else report.unchanged++;
          } catch (error) {
            if (error instanceof ConcurrentUpdateError) {
              planLog.info('plan busy, skipped', { error });
              report.busy++;
            } else {
              planLog.error('re-plan failed', { error });
              report.failed++;
            }
          }
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    }
    log.info('tick done', { ...report });
    if (report.failed > 0) throw new Error(`Scheduled re-plan ${tick}: ${report.failed} plans failed`);
    return report;
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv(), queue: queueFromEnv() }));
