import { gunzipSync, gzipSync } from 'node:zlib';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PhaseSummary, PhaseTargets, Plan, Remedies, SitePlan, SolveStats } from '../../solver/index.js';
import { plainDetails, type MessageDetail } from '../../solver/messages.js';
import { failureUpdate } from './failure-values.js';
import { ConcurrentUpdateError, StorageCorruptError } from './errors.js';
import { HEADER_SK, planPartPrefix, planPartSk, planPk, provisionalSlot, remedySitesSk, toVersion, versionSk, type RemedyName } from './item-keys.js';
import type { VersionRecord, VersionStatus } from './records.js';
import { groupParts, isConditionFailure, joinParts, type TableIo } from './table-io.js';
import type { SolveItems } from './plan-repository.js';

/*
 * Solving a version: its lease, its progress and best plan so far while it
 * solves, its result (or failure), and reading a stored plan back. Items:
 *
 *   PLAN#<id>   VERSION#000001               the version record: status, lease, progress, result figures (the commit)
 *   PLAN#<id>   V#000001#PHASE#00#000        one phase summary of the stored plan
 *   PLAN#<id>   V#000001#NOTES#000           warnings and diagnosis
 *   PLAN#<id>   V#000001#TOP#000             the plan's other top-level fields, key order kept
 *   PLAN#<id>   V#000001#SITE#00000#00       one site of the plan, in plan order
 *   PLAN#<id>   V#000001#REMEDY#<name>#000   an infeasible plan's remedy plan's sites (SPEC 7), kept out of TOP
 *   PLAN#<id>   P#000001#0#000               the best plan so far of a version still solving (gzipped JSON, slot 0 or 1)
 */
export function createSolveItems(io: TableIo): SolveItems {
  const { client, tableName, send, putAll, queryPrefix, partItems, updateIf, loadParts } = io;

  /**
   * Ends a solving lease by setting the version's status (and a failure text),
   * conditional on still holding the lease. False when the lease was lost.
   */
  async function endLease(
    input: { planId: string; version: number; leaseId: string; now: string },
    status: 'queued' | 'failed',
    failure?: MessageDetail,
  ): Promise<boolean> {
    const stored = failureUpdate(failure);
    try {
      await send('UpdateItem', () =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: planPk(input.planId), sk: versionSk(input.version) },
            UpdateExpression: `SET #status = :status, updatedAt = :now${stored.set} REMOVE leaseId, leaseUntil`,
            ConditionExpression: 'leaseId = :lease',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ':lease': input.leaseId,
              ':now': input.now,
              ...stored.values,
            },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Marks the header's status when `version` is still the latest; a newer version wins silently. */
  async function touchHeaderStatus(planId: string, version: number, status: VersionStatus, now: string, objective?: number | null) {
    try {
      await send('UpdateItem', () =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: planPk(planId), sk: HEADER_SK },
            UpdateExpression: `SET latestStatus = :status, updatedAt = :now${objective === undefined ? '' : ', latestObjective = :objective'}`,
            ConditionExpression: 'latestVersion = :version',
            ExpressionAttributeValues: { ':status': status, ':now': now, ':version': version, ...(objective === undefined ? {} : { ':objective': objective }) },
          }),
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * A solved version's plan as the solver returned it: the top-level fields in
   * their order (older versions stored only warnings and diagnosis beside the
   * version record), the phases, and the sites when asked for.
   */
  async function loadStoredPlan(record: VersionRecord, withSites: boolean): Promise<Plan> {
    const pk = planPk(record.planId);
    const [phaseItems, noteItems, topItems, siteItems] = await Promise.all([
      queryPrefix(pk, planPartPrefix(record.version, 'PHASE')),
      queryPrefix(pk, planPartPrefix(record.version, 'NOTES')),
      queryPrefix(pk, planPartPrefix(record.version, 'TOP')),
      withSites ? queryPrefix(pk, planPartPrefix(record.version, 'SITE')) : Promise.resolve([]),
    ]);
    const phases = groupParts(phaseItems) as PhaseSummary[];
    const notes = groupParts(noteItems)[0] as { warnings: string[]; diagnosis: string[] } | undefined;
    if (notes === undefined || phases.length !== record.phaseCount) {
      throw new StorageCorruptError(`Plan ${record.planId} v${record.version}: stored plan summary incomplete`);
    }
    const sites = groupParts(siteItems) as SitePlan[];
    if (withSites && sites.length !== record.siteCount) {
      throw new StorageCorruptError(`Plan ${record.planId} v${record.version}: ${sites.length} of ${record.siteCount} sites stored`);
    }
    const top = groupParts(topItems)[0] as Plan | undefined;
    // A plan stored before messages had codes gets each line as a `plain` message.
    if (top !== undefined) {
      if (withSites) await loadRemedySites(record, top.remedies);
      return Object.assign(top, {
        phases,
        sites,
        warningDetails: top.warningDetails ?? plainDetails(top.warnings),
        diagnosisDetails: top.diagnosisDetails ?? plainDetails(top.diagnosis),
      });
    }
    // Key order as the solver builds a Plan, so a stored plan serialises byte for byte like the original.
    return {
      status: record.status === 'optimal' || record.status === 'feasible' || record.status === 'infeasible' ? record.status : 'unknown',
      objective: record.objective ?? null,
      bound: record.bound ?? null,
      gap: record.gap ?? null,
      phases,
      sites,
      warnings: notes.warnings,
      diagnosis: notes.diagnosis,
      warningDetails: plainDetails(notes.warnings),
      diagnosisDetails: plainDetails(notes.diagnosis),
      stats: record.stats === undefined ? { ms: 0, engine: 'unknown', columns: 0, rows: 0 } : (JSON.parse(record.stats) as SolveStats),
    };
  }


  /** Puts each remedy plan's stored sites back in place (key order kept); versions stored before they were split keep theirs. */
  async function loadRemedySites(record: VersionRecord, remedies: Remedies | undefined): Promise<void> {
    for (const [name, remedyPlan] of remedyPlans(remedies)) {
      const sites = await loadParts(planPk(record.planId), remedySitesSk(record.version, name));
      if (sites !== undefined) remedyPlan.sites = sites as SitePlan[];
    }
  }

  return {
    /**
     * Takes the solving lease of a version: only a queued version, or one
     * whose previous solver's lease ran out (its Lambda died), can be taken.
     * Returns undefined when someone else holds it or it is already final.
     */
    async startSolving(input: {
      planId: string;
      version: number;
      leaseId: string;
      leaseUntil: number;
      now: string;
      /** Who solves: the runtime instance (a Lambda container, a local server process). */
      holder?: string;
      /** Take over this lease at once, though it has not run out: its holder is known to be dead. */
      takeOver?: string;
    }) {
      try {
        const output = await send('UpdateItem', () =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: planPk(input.planId), sk: versionSk(input.version) },
              UpdateExpression: `SET #status = :solving, leaseId = :lease, leaseUntil = :until, updatedAt = :now, attempts = attempts + :one${input.holder === undefined ? '' : ', leaseHolder = :holder'}`,
              ConditionExpression:
                'attribute_exists(pk) AND (#status = :queued OR (#status = :solving AND leaseUntil < :nowMs)' +
                (input.takeOver === undefined ? ')' : ' OR (#status = :solving AND leaseId = :dead))'),
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':solving': 'solving', ':queued': 'queued', ':lease': input.leaseId, ':until': input.leaseUntil,
                ':now': input.now, ':nowMs': Date.parse(input.now), ':one': 1,
                ...(input.holder === undefined ? {} : { ':holder': input.holder }),
                ...(input.takeOver === undefined ? {} : { ':dead': input.takeOver }),
              },
              ReturnValues: 'ALL_NEW',
            }),
          ),
        );
        await touchHeaderStatus(input.planId, input.version, 'solving', input.now);
        return toVersion(output.Attributes as Record<string, unknown>);
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    /**
     * Ends a version that can no longer finish (its job died in the dead-letter
     * queue, or it outlived the stuck bound): `failed` with a reason, whoever
     * holds its lease, as long as it is still queued or solving and, when
     * given, still at `expectedUpdatedAt` (nothing moved it meanwhile). False when it was not.
     */
    async failUnfinished(input: { planId: string; version: number; failure: MessageDetail; now: string; expectedUpdatedAt?: string }): Promise<boolean> {
      const stored = failureUpdate(input.failure);
      const failed = await updateIf({
        Key: { pk: planPk(input.planId), sk: versionSk(input.version) },
        UpdateExpression: `SET #status = :failed, updatedAt = :now${stored.set} REMOVE leaseId, leaseUntil`,
        ConditionExpression: `(#status = :queued OR #status = :solving)${input.expectedUpdatedAt === undefined ? '' : ' AND updatedAt = :seen'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':failed': 'failed', ...stored.values, ':now': input.now, ':queued': 'queued', ':solving': 'solving',
          ...(input.expectedUpdatedAt === undefined ? {} : { ':seen': input.expectedUpdatedAt }),
        },
      });
      if (!failed) return false;
      await touchHeaderStatus(input.planId, input.version, 'failed', input.now);
      return true;
    },

    /**
     * Puts a stuck version back in the queue once: status queued, lease cleared,
     * `sweeps` counted, conditional on nothing having moved it since it was seen.
     */
    async requeueStuck(input: { planId: string; version: number; now: string; expectedUpdatedAt: string }): Promise<boolean> {
      const requeued = await updateIf({
        Key: { pk: planPk(input.planId), sk: versionSk(input.version) },
        UpdateExpression: 'SET #status = :queued, updatedAt = :now, sweeps = if_not_exists(sweeps, :zero) + :one REMOVE leaseId, leaseUntil',
        ConditionExpression: '(#status = :queued OR #status = :solving) AND updatedAt = :seen',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':queued': 'queued', ':solving': 'solving', ':now': input.now, ':seen': input.expectedUpdatedAt, ':zero': 0, ':one': 1 },
      });
      if (!requeued) return false;
      await touchHeaderStatus(input.planId, input.version, 'queued', input.now);
      return true;
    },

    /**
     * The best plan cost, bound and gap of a solve in progress, written under its
     * lease; with `plan`, the best plan itself too (the provisional plan). It is
     * stored whole, gzipped, in one of two slots the writes alternate between, and
     * the version record names the slot and its part count as the commit, so a
     * reader reads one complete plan while the next one is written to the other slot.
     */
    async recordProgress(input: {
      planId: string;
      version: number;
      leaseId: string;
      best: number;
      bound: number | null;
      gap: number | null;
      now: string;
      provisional?: { plan: Plan; slot: 0 | 1 };
    }): Promise<void> {
      const pk = planPk(input.planId);
      let parts = 0;
      if (input.provisional !== undefined) {
        const text = gzipSync(JSON.stringify(input.provisional.plan)).toString('base64');
        const items = partItems(pk, provisionalSlot(input.version, input.provisional.slot), text, 3);
        await putAll(items);
        parts = items.length;
      }
      // A lost lease (the solve ended or moved on) simply drops this progress.
      await updateIf({
        Key: { pk, sk: versionSk(input.version) },
        UpdateExpression:
          'SET best = :best, bestBound = :bound, bestGap = :gap, progressAt = :now' +
          (input.provisional === undefined ? '' : ', provisionalSlot = :slot, provisionalParts = :parts'),
        ConditionExpression: 'leaseId = :lease AND #status = :solving',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':best': input.best, ':bound': input.bound, ':gap': input.gap, ':now': input.now, ':lease': input.leaseId, ':solving': 'solving',
          ...(input.provisional === undefined ? {} : { ':slot': input.provisional.slot, ':parts': parts }),
        },
      });
    },

    /** The provisional plan of a version still solving, or undefined when it has none (yet). */
    async loadProvisional(record: VersionRecord): Promise<Plan | undefined> {
      if (record.status !== 'solving' || record.provisionalSlot === undefined || record.provisionalParts === undefined) return undefined;
      const items = await queryPrefix(planPk(record.planId), `${provisionalSlot(record.version, record.provisionalSlot)}#`);
      // Only the parts the record committed: a longer earlier plan in this slot may have left more.
      const parts = items.slice(0, record.provisionalParts);
      if (parts.length !== record.provisionalParts) return undefined;
      const text = joinParts(parts.map((item) => item.d as Uint8Array));
      return JSON.parse(gunzipSync(Buffer.from(text, 'base64')).toString('utf8')) as Plan;
    },

    /** Gives a lease back (e.g. too little time left to solve), so the next delivery can take it at once. */
    async releaseLease(input: { planId: string; version: number; leaseId: string; now: string }): Promise<void> {
      if (await endLease(input, 'queued')) await touchHeaderStatus(input.planId, input.version, 'queued', input.now);
    },

    /**
     * Stores a solved plan: per-phase, notes and per-site items first, then the
     * version record's status as the commit, conditional on still holding the lease.
     */
    async storeResult(input: { planId: string; version: number; leaseId: string; plan: Plan; status: VersionStatus; failure?: MessageDetail; targets?: PhaseTargets[]; now: string }) {
      const stored = failureUpdate(input.failure);
      const pk = planPk(input.planId);
      const { plan } = input;
      const items: Record<string, unknown>[] = [
        ...plan.phases.flatMap((phase, index) => partItems(pk, planPartSk(input.version, 'PHASE', index), JSON.stringify(phase), 3)),
        ...partItems(pk, planPartSk(input.version, 'NOTES'), JSON.stringify({ warnings: plan.warnings, diagnosis: plan.diagnosis }), 3),
        // Every other top-level field in the solver's key order; phases and sites hold their places,
        // and so do the sites of the remedies' plans, stored apart so a summary never reads them.
        ...partItems(pk, planPartSk(input.version, 'TOP'), JSON.stringify({ ...withoutRemedySites(plan), phases: [], sites: [] }), 3),
        ...remedyPlans(plan.remedies).flatMap(([name, remedyPlan]) => partItems(pk, remedySitesSk(input.version, name), JSON.stringify(remedyPlan.sites), 3)),
        ...plan.sites.flatMap((site, index) => partItems(pk, planPartSk(input.version, 'SITE', index), JSON.stringify(site), 2)),
      ];
      await putAll(items);
      try {
        await send('UpdateItem', () =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk, sk: versionSk(input.version) },
              UpdateExpression:
                'SET #status = :status, objective = :objective, bound = :bound, gap = :gap, stats = :stats, ' +
                'phaseCount = :phases, siteCount = :sites, solvedAt = :now, updatedAt = :now' +
                stored.set +
                (input.targets === undefined ? '' : ', targets = :targets') +
                ' REMOVE leaseId, leaseUntil',
              ConditionExpression: 'leaseId = :lease AND #status = :solving',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':status': input.status, ':objective': plan.objective, ':bound': plan.bound, ':gap': plan.gap,
                ':stats': JSON.stringify(plan.stats), ':phases': plan.phases.length, ':sites': plan.sites.length, ':now': input.now,
                ':lease': input.leaseId, ':solving': 'solving',
                ...stored.values,
                ...(input.targets === undefined ? {} : { ':targets': input.targets }),
              },
            }),
          ),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new ConcurrentUpdateError(`Plan ${input.planId} v${input.version}: solving lease lost before commit`, { cause: error });
      }
      await touchHeaderStatus(input.planId, input.version, input.status, input.now, plan.objective);
    },

    /** Marks a version failed (no plan stored), conditional on holding the lease. */
    async markFailed(input: { planId: string; version: number; leaseId: string; failure: MessageDetail; now: string }): Promise<void> {
      if (!(await endLease(input, 'failed', input.failure))) {
        throw new ConcurrentUpdateError(`Plan ${input.planId} v${input.version}: solving lease lost`);
      }
      await touchHeaderStatus(input.planId, input.version, 'failed', input.now);
    },

    /** Phase summaries, warnings and diagnosis of a solved version, without its (possibly 5,000) sites. */
    async loadSummary(record: VersionRecord): Promise<Omit<Plan, 'sites'>> {
      const { sites: _sites, ...summary } = await loadStoredPlan(record, false);
      return summary;
    },

    /** The stored plan of a solved version, rebuilt exactly as the solver returned it. */
    async loadPlan(record: VersionRecord): Promise<Plan> {
      return loadStoredPlan(record, true);
    },

  };
}

/** The remedies that hold a plan (SPEC 7.1 unless unavailable, 7.2), by name. */
function remedyPlans(remedies: Remedies | undefined): [RemedyName, Plan][] {
  if (remedies === undefined) return [];
  const within = remedies.withinBudget;
  return [
    ...('plan' in within ? [['withinBudget', within.plan] as [RemedyName, Plan]] : []),
    ['extraBudget', remedies.extraBudget.plan],
  ];
}

/** The plan with its remedies' plans' sites emptied (every other field and the key order kept). */
function withoutRemedySites(plan: Plan): Plan {
  const remedies = plan.remedies;
  if (remedies === undefined) return plan;
  const within = remedies.withinBudget;
  return {
    ...plan,
    remedies: {
      ...remedies,
      withinBudget: 'plan' in within ? { ...within, plan: { ...within.plan, sites: [] } } : within,
      extraBudget: { ...remedies.extraBudget, plan: { ...remedies.extraBudget.plan, sites: [] } },
    },
  };
}
