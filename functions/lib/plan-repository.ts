import type { Dataset, PhaseTargets, Plan, ProgressReport } from '../../solver/index.js';
import type { MessageDetail } from '../../solver/messages.js';
import type { PlanWrite } from './item-keys.js';
import type {
  DatasetRef,
  Page,
  PlanRecord,
  ReportRecord,
  ReviewEntry,
  ReviewState,
  RevisionRecord,
  CurveRecord,
  WhatIfRecord,
  VersionInputs,
  VersionRecord,
  VersionStatus,
  VersionTrigger,
  WriteKey,
} from './records.js';

/*
 * The repository's interface: what the use cases and the solve job may ask of
 * the plan table, by job. Each part is implemented by one module (named
 * beside it); repository.ts puts them together.
 */

/** Plans and their committed versions (plan-items.ts). */
export interface PlanItems {
  /**
   * Creates version 1 and then the header that commits it. Both writes are
   * conditional on absence, so a retry (or a concurrent duplicate) of the
   * same submission finishes an interrupted one instead of duplicating it.
   */
  createPlan(input: NewPlan): Promise<PlanRecord>;
  getPlan(planId: string): Promise<PlanRecord | undefined>;
  getVersion(planId: string, version: number): Promise<VersionRecord | undefined>;
  /** A province's plans, newest first. */
  listPlans(province: string, page: PageRequest): Promise<Page<PlanRecord>>;
  /** Committed versions of a plan, newest first. */
  listVersions(planId: string, latestVersion: number, page: PageRequest): Promise<Page<VersionRecord>>;
  /** The newest `limit` plans across every province (each province's newest, merged newest first), and the provinces with plans. */
  listNewestPlans(limit: number): Promise<{ provinces: string[]; items: PlanRecord[] }>;
  /** Every province with its newest plan id (for the scheduled regeneration). */
  listProvinces(): Promise<{ province: string; latestPlanId: string }[]>;
}

export interface NewPlan {
  planId: string;
  province: string;
  name: string;
  dataset: DatasetRef;
  now: string;
  /** The data set's phases, kept with revision 1. */
  phases?: { id: string; year: number }[];
  submittedBy?: string;
  modelVersion?: string;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** New versions of a plan and their review state (version-items.ts). */
export interface VersionItems {
  /**
   * Adds version expectedLatest + 1. Of two concurrent callers exactly one
   * gets a version, the other a ConcurrentUpdateError; a tick already done
   * is skipped.
   */
  addVersion(input: NewVersion): Promise<{ version: VersionRecord } | { skipped: 'tick-done' }>;
  /** Sets a version's review state (its latest decision) and the header's review fields. */
  setReviewState(input: { planId: string; version: number; state: ReviewState; planOfRecord: number | null; latestReviewState: ReviewState; lastReviewed?: { version: number; state: ReviewState }; now: string }): Promise<void>;
}

export interface NewVersion {
  planId: string;
  expectedLatest: number;
  trigger: VersionTrigger;
  tick?: string;
  now: string;
  /** What the new version is solved from; without it, the latest version's data set again. */
  source?: { dataset: DatasetRef; asOf: string; inputs: VersionInputs; idemKey?: string };
  /** The caller who asked for it by hand (the review rule keeps them from reviewing it); none for the schedule. */
  requestedBy?: string;
}

/** Data sets and the submission's idempotency records (dataset-items.ts). */
export interface DatasetItems {
  /** Stores a data set in parts keyed by its content hash: storing it again writes the same keys. */
  putDataset(planId: string, dataset: Dataset): Promise<DatasetRef>;
  loadDataset(planId: string, ref: DatasetRef): Promise<Dataset>;
  findIdempotencyKey(province: string, key: string): Promise<SubmissionKey | undefined>;
  /** Claims a submission's key for a province; the earlier claim when the key was already used. */
  claimIdempotencyKey(input: { province: string; key: string; bodyHash: string; planId: string; now: string }): Promise<SubmissionKey & { claimed: boolean }>;
}

export interface SubmissionKey {
  planId: string;
  bodyHash: string;
}

/** Solving a version: its lease, progress, best plan so far, result, and reading a stored plan (solve-items.ts). */
export interface SolveItems {
  /** Takes the version's lease: a queued version, one whose lease ran out, or `takeOver`'s. Undefined when another holds it. */
  startSolving(input: { planId: string; version: number; leaseId: string; leaseUntil: number; now: string; holder?: string; takeOver?: string }): Promise<VersionRecord | undefined>;
  /** Fails a version still queued or solving (and, when given, still at `expectedUpdatedAt`); false when it was not. */
  failUnfinished(input: { planId: string; version: number; failure: MessageDetail; now: string; expectedUpdatedAt?: string }): Promise<boolean>;
  /** Puts a stuck version back to queued, once; false when it moved meanwhile. */
  requeueStuck(input: { planId: string; version: number; now: string; expectedUpdatedAt: string }): Promise<boolean>;
  /** The best plan's figures so far, and optionally the plan itself, under the lease. */
  recordProgress(input: LeaseHeld & { best: number; bound: number | null; gap: number | null; now: string; provisional?: { plan: Plan; slot: 0 | 1 } }): Promise<void>;
  loadProvisional(record: VersionRecord): Promise<Plan | undefined>;
  releaseLease(input: LeaseHeld & { now: string }): Promise<void>;
  /** Stores a solved plan and commits it under the lease. */
  storeResult(input: LeaseHeld & { plan: Plan; status: VersionStatus; failure?: MessageDetail; targets?: PhaseTargets[]; now: string }): Promise<void>;
  markFailed(input: LeaseHeld & { failure: MessageDetail; now: string }): Promise<void>;
  loadSummary(record: VersionRecord): Promise<Omit<Plan, 'sites'>>;
  loadPlan(record: VersionRecord): Promise<Plan>;
}

export interface LeaseHeld {
  planId: string;
  version: number;
  leaseId: string;
}

/** The planning cycle's inputs and decisions: revisions, progress reports, reviews, write keys (cycle-items.ts). */
export interface CycleItems {
  /** Adds a revision after `expectedLatest`; undefined when another revision got there first. */
  addRevision(input: Omit<RevisionRecord, 'revision'> & { expectedLatest: number }): Promise<RevisionRecord | undefined>;
  getRevision(planId: string, revision: number): Promise<RevisionRecord | undefined>;
  /** The revision a request with this Idempotency-Key made, if any. */
  findRevisionByKey(planId: string, idemKey: string): Promise<RevisionRecord | undefined>;
  putReport(input: Omit<ReportRecord, 'parts' | 'sites'> & { report: ProgressReport }): Promise<ReportRecord>;
  listReports(planId: string): Promise<ReportRecord[]>;
  loadReport(record: ReportRecord): Promise<ProgressReport>;
  getReport(planId: string, reportId: string): Promise<ReportRecord | undefined>;
  addReview(planId: string, entry: ReviewEntry): Promise<void>;
  /** A version's decisions, oldest first. */
  listReviews(planId: string, version: number): Promise<ReviewEntry[]>;
  /** Every decision on a plan, oldest version first. */
  listAllReviews(planId: string): Promise<ReviewEntry[]>;
  findWriteKey(planId: string, write: PlanWrite, key: string): Promise<WriteKey | undefined>;
  /** Claims a key for a write with its target; the earlier claim when it was taken. */
  claimWriteKey(planId: string, write: PlanWrite, key: string, claim: { bodyHash: string; target: string; now: string }): Promise<WriteKey & { claimed: boolean }>;
  /** Records the answer of a completed write, so a retry replays it. */
  completeWriteKey(planId: string, write: PlanWrite, key: string, result: unknown): Promise<void>;
}

/** A what-if record before its id is given (the counter on the plan's header gives it). */
export type NewWhatIf = Omit<WhatIfRecord, 'id'>;

/** Scenarios, trade-off curves and their solves (SPEC 8), never versions (what-if-items.ts). */
export interface WhatIfItems {
  /** Adds the plan's next scenario (s1, s2, ...); a PlanStateError when the plan has `max` already. */
  addScenario(input: NewWhatIf, max: number): Promise<WhatIfRecord>;
  /** The plan's scenarios, oldest first. */
  listScenarios(planId: string): Promise<WhatIfRecord[]>;
  /** Adds the plan's next curve (c1, ...) with its points (c1-1, c1-2, ...); a PlanStateError beyond `max`. */
  addCurve(input: Omit<CurveRecord, 'curveId'>, points: NewWhatIf[], max: number): Promise<{ curve: CurveRecord; points: WhatIfRecord[] }>;
  /** The plan's curves, oldest first, without their points. */
  listCurves(planId: string): Promise<CurveRecord[]>;
  getCurve(planId: string, curve: number): Promise<{ curve: CurveRecord; points: WhatIfRecord[] } | undefined>;
  /** The plan's scenarios and curve points still `queued` or `solving` (for a restart to queue again). */
  listUnfinishedWhatIfs(planId: string): Promise<WhatIfRecord[]>;
  /** A scenario (`s1`) or a curve's point (`c1-3`). */
  getWhatIf(planId: string, id: string): Promise<WhatIfRecord | undefined>;
  /** Takes a what-if solve's lease (queued, solving with its lease run out, or `takeOver`'s); undefined when it cannot. */
  startWhatIf(input: { planId: string; id: string; leaseId: string; leaseUntil: number; now: string; holder?: string; takeOver?: string }): Promise<WhatIfRecord | undefined>;
  /** Stores the solved plan and commits it under the lease; false when the lease was lost. */
  storeWhatIfResult(input: { planId: string; id: string; leaseId: string; plan: Plan; status: VersionStatus; figures: WhatIfRecord['figures']; failure?: MessageDetail; now: string }): Promise<boolean>;
  /** Ends a what-if solve without a plan: under its lease, or (no lease given) whoever holds it while unfinished. */
  endWhatIf(input: { planId: string; id: string; status: 'queued' | 'failed'; failure?: MessageDetail; now: string; leaseId?: string; expectedUpdatedAt?: string }): Promise<boolean>;
  loadWhatIfPlan(record: WhatIfRecord): Promise<Plan>;
}

/** The plan table, as everything outside the repository sees it. */
export interface PlanRepository extends PlanItems, VersionItems, DatasetItems, SolveItems, CycleItems, WhatIfItems {
  readonly tableName: string;
}
