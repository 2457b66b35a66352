import { randomUUID } from 'node:crypto';
import { relativeGap, replanPlan, targetsMatrix, type Dataset, type Plan, type ReplanInput, type SolveOptions, type SolveProgress } from '../../solver/index.js';
import { msg, type MessageDetail } from '../../solver/messages.js';
import { ConcurrentUpdateError, PoisonMessageError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { LeaseHeld, PlanRepository } from '../lib/plan-repository.js';
import type { SolveJob } from '../lib/queue.js';
import type { VersionRecord } from '../lib/records.js';
import { FINAL_STATUSES, SELECTION_STATUSES, type VersionStatus } from '../lib/rules.js';

/*
 * The solve job's use case: take a version's lease, solve it from its inputs,
 * write its progress while solving, store the result (or the failure).
 */

/** Upper bound on one solve, seconds, unless configured; the remaining Lambda time usually binds first. */
export const DEFAULT_MAX_SOLVE_SECONDS = 600;
/** The best plan's cost so far is written to the version at most this often while solving. */
const PROGRESS_EVERY_MS = 5_000;
/** The best plan itself (the provisional plan) only once a solve runs this long, and then at most this often. */
export const PROVISIONAL_AFTER_MS = 5_000;
export const PROVISIONAL_EVERY_MS = 15_000;

/** What solving a version works with: the handler's settings, every one given. */
export interface SolveDeps {
  repo: PlanRepository;
  clock: () => Date;
  /** Cap on one solve, seconds. */
  maxSolveSeconds: number;
  locateHighsFile?: SolveOptions['locateHighsFile'];
  /** This runtime instance, recorded as the lease holder. */
  instanceId: string;
  /** Whether the holder of a lease is known to be dead, so its lease can be taken over at once. */
  isDeadHolder: (holder: string | undefined) => boolean;
  /** When and how often the best plan so far is stored while solving, ms. */
  provisional: { afterMs: number; everyMs: number };
}

/**
 * Time the solver may use: what is left of this invocation minus a reserve
 * for loading and storing (at least 5 s, or 15% of what is left).
 */
export function solveBudgetSeconds(remainingMs: number, maxSeconds = DEFAULT_MAX_SOLVE_SECONDS): number {
  const reserveMs = Math.max(5_000, remainingMs * 0.15);
  return Math.min(maxSeconds, Math.floor((remainingMs - reserveMs) / 100) / 10);
}

/** Thrown when there is too little time to solve now; the message is retried later. */
export class NoTimeLeftError extends Error {
  constructor(remainingMs: number) {
    super(`Only ${remainingMs} ms left in this invocation: too little to solve`);
    this.name = 'NoTimeLeftError';
  }
}

/** A solved plan's stored status: `unknown` (no plan within the time limit) is a failure. */
export function statusOf(plan: Plan, limitSeconds: number): { status: VersionStatus; failure?: MessageDetail } {
  if (plan.status === 'unknown') {
    return { status: 'failed', failure: msg('failure.timeLimit', { limitSeconds }) };
  }
  return { status: plan.status };
}

/**
 * What a version is solved from: its data set revision and, for a re-plan
 * (SPEC 6.3), its as-of date, the progress report it counts and the previous
 * version's plan (for `slipped`; none when that version has no plan).
 */
async function loadInputs(repo: PlanRepository, record: VersionRecord): Promise<{ dataset: Dataset; replan: ReplanInput }> {
  const dataset = await repo.loadDataset(record.planId, record);
  if (record.asOf == null) return { dataset, replan: {} };
  const reportRecord = record.progressReportId == null ? undefined : await repo.getReport(record.planId, record.progressReportId);
  if (record.progressReportId != null && reportRecord === undefined) {
    throw new PoisonMessageError(`Plan ${record.planId} v${record.version}: progress report ${record.progressReportId} is missing`);
  }
  const previousRecord = record.version > 1 ? await repo.getVersion(record.planId, record.version - 1) : undefined;
  const [progress, previous] = await Promise.all([
    reportRecord === undefined ? Promise.resolve(null) : repo.loadReport(reportRecord),
    previousRecord !== undefined && SELECTION_STATUSES.has(previousRecord.status) ? repo.loadPlan(previousRecord) : Promise.resolve(null),
  ]);
  return { dataset, replan: { asOf: record.asOf, progress, previous, dataRevision: record.dataRevision ?? 1 } };
}

/**
 * Solves one job: takes the version's lease (a queued version, one whose lease
 * ran out, or one whose holder is known dead), solves it, writes the best plan's
 * figures so far while solving, and stores the result under the lease.
 */
/**
 * The time a solve job may use now: what is left of the invocation, and the solver's limit within it.
 * Too little of this invocation left is a retry later; a small configured cap is the operator's choice.
 */
export function solveTime(deps: Pick<SolveDeps, 'maxSolveSeconds'>, remainingTimeMs: () => number): { remainingMs: number; limitSeconds: number } {
  const remainingMs = remainingTimeMs();
  if (solveBudgetSeconds(remainingMs, Number.POSITIVE_INFINITY) < 1) throw new NoTimeLeftError(remainingMs);
  return { remainingMs, limitSeconds: solveBudgetSeconds(remainingMs, deps.maxSolveSeconds) };
}

/** The lease a job may take over at once: a record's still `solving` under a holder known dead (a stopped local server's), else undefined. */
export function deadLease(deps: Pick<SolveDeps, 'instanceId' | 'isDeadHolder'>, record: { status: string; leaseId?: string; leaseHolder?: string }): string | undefined {
  const dead = record.status === 'solving' && record.leaseId !== undefined && record.leaseHolder !== deps.instanceId && deps.isDeadHolder(record.leaseHolder);
  return dead ? record.leaseId : undefined;
}

export async function solveVersion(deps: SolveDeps, job: SolveJob, remainingTimeMs: () => number, log: Logger): Promise<void> {
  const { repo } = deps;
  const record = await repo.getVersion(job.planId, job.version);
  if (record === undefined) throw new PoisonMessageError(`Plan ${job.planId} has no version ${job.version}`);
  if (FINAL_STATUSES.has(record.status)) {
    log.info('job already done, skipped', { status: record.status });
    return;
  }
  const { remainingMs, limitSeconds } = solveTime(deps, remainingTimeMs);

  const leaseId = randomUUID();
  const takeOver = deadLease(deps, record);
  // The lease lasts as long as this invocation can: if it dies, the next delivery may take over.
  const lease = await repo.startSolving({
    planId: job.planId,
    version: job.version,
    leaseId,
    leaseUntil: deps.clock().getTime() + remainingMs,
    now: deps.clock().toISOString(),
    holder: deps.instanceId,
    ...(takeOver === undefined ? {} : { takeOver }),
  });
  if (lease === undefined) {
    log.info('another delivery holds or finished this job, skipped');
    return;
  }
  if (takeOver !== undefined) log.warn('lease of a dead solver taken over', { holder: record.leaseHolder });
  const owned = { planId: job.planId, version: job.version, leaseId };
  try {
    const { dataset, replan } = await loadInputs(repo, lease);
    const progress = progressWriter(deps, owned, log);
    let plan: Plan;
    try {
      plan = await replanPlan(dataset, replan, {
        timeLimitSeconds: limitSeconds,
        ...(deps.locateHighsFile === undefined ? {} : { locateHighsFile: deps.locateHighsFile }),
        onProgress: progress.report,
      });
    } catch (error) {
      // The solver is deterministic: retrying the same data set would fail the same way.
      log.error('solver failed', { error });
      await progress.settled();
      await repo.markFailed({ ...owned, failure: msg('failure.solverFailed'), now: deps.clock().toISOString() });
      return;
    }
    await progress.settled();
    const { status, failure } = statusOf(plan, limitSeconds);
    // Per phase, how many regions meet their target: the versions list shows them without reading each plan.
    const targets = targetsMatrix(dataset, plan).phases;
    await repo.storeResult({ ...owned, plan, status, failure, targets, now: deps.clock().toISOString() });
    log.info('plan stored', { status, objective: plan.objective, gap: plan.gap, ms: plan.stats.ms, engine: plan.stats.engine, limitSeconds });
  } catch (error) {
    if (error instanceof ConcurrentUpdateError) {
      log.warn('lease lost, result dropped', { error });
      return;
    }
    // Transient (e.g. throttling): hand the job back so the redelivery can start at once.
    await repo.releaseLease({ ...owned, now: deps.clock().toISOString() }).catch((releaseError: unknown) =>
      log.warn('lease not released', { error: releaseError }),
    );
    throw error;
  }
}

/**
 * Writes the solve's progress to the version, one write at a time: the best
 * plan's cost, bound and gap at most every few seconds, and, once the solve has
 * run a while, the best plan itself (at most every `everyMs`), so a reader sees
 * a plan before the proof ends. A log line every 10 s shows the solve alive.
 */
function progressWriter({ repo, clock, provisional }: SolveDeps, owned: LeaseHeld, log: Logger) {
  let lastFigures = Number.NEGATIVE_INFINITY;
  let lastPlan = Number.NEGATIVE_INFINITY;
  let lastLog = 0;
  let bestWritten: number | undefined;
  let slot: 0 | 1 = 1;
  let pending: Promise<void> = Promise.resolve();
  return {
    report(progress: SolveProgress): void {
      if (progress.elapsedMs - lastLog >= 10_000 || progress.stage === 'done') {
        lastLog = progress.elapsedMs;
        log.info('solve progress', { stage: progress.stage, elapsedMs: progress.elapsedMs, incumbent: progress.incumbent ?? null, bound: progress.bound ?? null });
      }
      const best = progress.incumbent;
      if (progress.stage === 'done' || best == null || best === bestWritten) return;
      const planDue = progress.incumbentPlan !== undefined && progress.elapsedMs >= provisional.afterMs && progress.elapsedMs - lastPlan >= provisional.everyMs;
      if (!planDue && progress.elapsedMs - lastFigures < PROGRESS_EVERY_MS) return;
      const plan = planDue ? (progress.incumbentPlan?.() ?? null) : null;
      lastFigures = progress.elapsedMs;
      if (plan !== null) {
        lastPlan = progress.elapsedMs;
        slot = slot === 0 ? 1 : 0;
      }
      bestWritten = best;
      // With a plan, its own figures (the plan checker's cost), so the figures and the plan agree.
      const cost = plan?.objective ?? best;
      const bound = plan === null ? (progress.bound ?? null) : plan.bound;
      const gap = plan !== null ? plan.gap : bound === null ? null : relativeGap(cost, bound);
      const write = { ...owned, best: cost, bound, gap, now: clock().toISOString(), ...(plan === null ? {} : { provisional: { plan, slot } }) };
      pending = pending.then(() => repo.recordProgress(write)).catch((error: unknown) => log.warn('solve progress not recorded', { error }));
    },
    settled: () => pending,
  };
}
