import type { PlanRepository } from '../lib/plan-repository.js';
import { isUnfinished } from '../lib/rules.js';
import type { QueueJob } from '../lib/queue.js';

/*
 * One job: what the local runtime queues again when it starts. Its in-process
 * queue forgets jobs when the process stops, so every job left unfinished by
 * a stop (a plan's latest version, a scenario, a curve's point still `queued`
 * or `solving`) is sent again; the solve job takes over a dead holder's lease.
 */

/** Sends every unfinished solve job of the store to `send`; returns how many. */
export async function requeueUnfinished(repo: PlanRepository, send: (job: QueueJob) => Promise<unknown>): Promise<number> {
  let sent = 0;
  for (const { province } of await repo.listProvinces()) {
    let cursor: string | undefined;
    do {
      const page = await repo.listPlans(province, { limit: 100, cursor });
      for (const plan of page.items) {
        if (isUnfinished(plan.latestStatus)) {
          await send({ planId: plan.planId, version: plan.latestVersion });
          sent++;
        }
        for (const record of await repo.listUnfinishedWhatIfs(plan.planId)) {
          await send({ planId: plan.planId, whatIf: record.id });
          sent++;
        }
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  return sent;
}
