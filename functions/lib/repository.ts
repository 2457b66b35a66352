import { createCycleItems } from './cycle-items.js';
import { createDatasetItems } from './dataset-items.js';
import { createPlanItems } from './plan-items.js';
import type { PlanRepository } from './plan-repository.js';
import { createSolveItems } from './solve-items.js';
import { createTableIo, type TableIoOptions } from './table-io.js';
import { createVersionItems } from './version-items.js';
import { createWhatIfItems } from './what-if-items.js';

export type { PlanRepository } from './plan-repository.js';

/*
 * Single-table layout (pk / sk, GSI gsi1 on gsi1pk / gsi1sk):
 *
 *   PLAN#<id>            PLAN                          plan header: province, name, latestVersion (the commit pointer),
 *                                                      latestStatus, lastTick; gsi1 = PROVINCE#<p> / <createdAt>#<id>
 *   PLAN#<id>            VERSION#000001                one version: status, trigger, data set ref, objective, bound, gap, lease
 *   PLAN#<id>            DATASET#<hash>#0000           the data set's JSON, in parts of at most `partBytes`
 *   PLAN#<id>            V#000001#PHASE#00#000         one phase summary (per-phase item; split only if huge)
 *   PLAN#<id>            V#000001#NOTES#000            warnings and diagnosis
 *   PLAN#<id>            V#000001#TOP#000              the plan's other top-level fields (a re-plan's asOf, slipped, ...), key order kept
 *   PLAN#<id>            P#000001#0#000                the best plan so far of a version still solving (gzipped JSON, slot 0 or 1)
 *   PLAN#<id>            V#000001#SITE#00000#00        one site of the plan (per-site item), in plan order
 *   PLAN#<id>            REVISION# REPORT# REVIEW# ... the planning cycle's items (listed in cycle-items.ts)
 *   PLAN#<id>            SCENARIO# CURVE# W#...        scenarios, curves and their solved plans (listed in what-if-items.ts)
 *   IDEM#<p>#<key>       IDEM                          a submission's idempotency record: body hash -> plan id
 *   IDEM#PLAN#<id>#...   IDEM                          a write's idempotency record (listed in cycle-items.ts)
 *   PROVINCES            PROVINCE#<p>                  each province's newest plan, for the scheduled regeneration
 *
 * The repository is composed of five parts, each implementing one part of the
 * interface in plan-repository.ts: plans and their listings in plan-items.ts;
 * later versions and review states in version-items.ts; data sets and the
 * submission's idempotency in dataset-items.ts; solving (leases, progress,
 * stored plans) in solve-items.ts; the planning cycle's items (revisions,
 * progress reports, review decisions, write keys) in cycle-items.ts. Keys are
 * built in item-keys.ts; the records' types are in records.ts.
 *
 * Item sizes: no item can reach DynamoDB's 400 KB limit. Values of unbounded size
 * (data sets, reports, plan phases, notes, sites) are split into parts of at most
 * `partBytes` (100 KB). Every other item holds only text the API bounds before
 * anything is written: the data set's name (200 characters, so at most 800 bytes
 * in the header), ids (64 characters; a version or revision lists at most 10 phase
 * ids), the Idempotency-Key (128), the tick (64), a review comment (4,000) and
 * fixed failure texts. A test takes a plan with every text at its limit through
 * the whole cycle and measures every item: the largest outside the parts is about
 * 12 KB (a review with the longest comment).
 *
 * The embedded server has no transactions, so every multi-item change writes
 * its items first and then commits with one conditional update: a version
 * exists for readers only once the header's latestVersion reaches it, and a
 * solved plan only once its version record says so.
 */

export interface RepositoryOptions extends TableIoOptions {
  /** An uncommitted version record older than this may be taken over (its writer died). */
  staleVersionMs?: number;
}

/** The plan table's repository over a DynamoDB document client. */
export function createRepository(options: RepositoryOptions): PlanRepository {
  const io = createTableIo(options);
  return {
    tableName: options.tableName,
    ...createPlanItems(io),
    ...createVersionItems(io, { staleVersionMs: options.staleVersionMs ?? 15 * 60_000 }),
    ...createDatasetItems(io),
    ...createSolveItems(io),
    ...createCycleItems(io),
    ...createWhatIfItems(io),
  };
}
