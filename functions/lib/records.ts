import type { ReviewDecision, ReviewState, VersionStatus } from './rules.js';
import type { MessageDetail } from '../../solver/messages.js';
import type { PhaseTargets } from '../../solver/targets.js';

/*
 * The records the repository stores and returns, as the use cases see them
 * (an item without its keys). Types only: every part of the repository and
 * every use case imports them from here, so none imports another for a type.
 */

export type { ReviewDecision, ReviewState, VersionStatus };

export type VersionTrigger = 'submit' | 'regenerate' | 'schedule';

/** A plan's header item: its identity and the pointers to its latest version and revision. */
export interface PlanRecord {
  planId: string;
  province: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: number;
  latestStatus: VersionStatus;
  lastTick?: string;
  /** The data set's latest revision (SPEC 6.1); absent means 1. */
  latestRevision?: number;
  /** The latest version whose review state is approved (the plan of record). */
  planOfRecord?: number | null;
  /** Review state of the latest version. */
  latestReviewState?: ReviewState;
  /** The newest version with a decision and its state, so a newer unreviewed version never hides an open review. */
  lastReviewed?: { version: number; state: ReviewState } | null;
  /** Objective of the latest solved version. */
  latestObjective?: number | null;
}

/** What a version was solved from (SPEC 6.4): a re-plan with equal inputs makes no new version. */
export interface VersionInputs {
  dataRevision: number;
  /** The progress report counted, or null. */
  progressReportId: string | null;
  progressAsOf: string | null;
  /** Ids of the phases closed at the as-of date, in data set order. */
  closedPhases: string[];
  modelVersion: string;
}

export interface VersionRecord extends DatasetRef {
  planId: string;
  province: string;
  version: number;
  status: VersionStatus;
  trigger: VersionTrigger;
  tick?: string;
  createdAt: string;
  updatedAt: string;
  attempts: number;
  leaseId?: string;
  leaseUntil?: number;
  /** The runtime instance holding the lease. */
  leaseHolder?: string;
  /** How often a sweep put this version back in the queue (SPEC-silent: at most once). */
  sweeps?: number;
  /** While solving: the best plan's cost so far, its proven bound and gap, and when they were written. */
  best?: number;
  bestBound?: number | null;
  bestGap?: number | null;
  progressAt?: string;
  /** While solving: where the provisional (best so far) plan is stored, see recordProgress. */
  provisionalSlot?: 0 | 1;
  provisionalParts?: number;
  solvedAt?: string;
  objective?: number | null;
  bound?: number | null;
  gap?: number | null;
  /** The solver's SolveStats as JSON: a DynamoDB map would not keep its key order. */
  stats?: string;
  /** Why a version failed, in words safe to show the caller. */
  failure?: string;
  /** The failure's message code and params (absent on versions stored before codes). */
  failureDetail?: MessageDetail;
  phaseCount?: number;
  siteCount?: number;
  /** Once solved: per phase, how many regions meet their target (absent on versions solved before it was stored). */
  targets?: PhaseTargets[];
  /** The as-of date of a re-plan (SPEC 6.3); null for a plain plan (a submission's first version). */
  asOf?: string | null;
  dataRevision?: number;
  progressReportId?: string | null;
  progressAsOf?: string | null;
  closedPhases?: string[];
  modelVersion?: string;
  /** Idempotency-Key of the request that made this version, if any. */
  idemKey?: string;
  /** Who asked for this version by hand (a re-plan's POST .../regenerate); absent for a submission's first version and a scheduled re-plan. */
  requestedBy?: string;
  reviewState?: ReviewState;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface DatasetRef {
  datasetHash: string;
  datasetParts: number;
  serviceAreas: number;
}

export interface RevisionRecord extends DatasetRef {
  planId: string;
  revision: number;
  /** The data set's phases (id, year), so a re-plan knows its closed phases without loading the data set. */
  phases: { id: string; year: number }[];
  submittedBy: string;
  submittedAt: string;
  idemKey?: string;
}

export interface ReportRecord {
  planId: string;
  reportId: string;
  asOf: string;
  receivedAt: string;
  receivedBy: string;
  /** Service areas reported in service. */
  sites: number;
  parts: number;
}

export interface ReviewEntry {
  version: number;
  decision: ReviewDecision;
  comment: string;
  reviewer: string;
  at: string;
}

/** The idempotency record of a write (see use-cases/idempotency.ts). */
export interface WriteKey {
  bodyHash: string;
  target: string;
  now: string;
  /** The JSON answer of the completed write; absent while (or if) it did not complete. */
  result?: string;
}

/**
 * A what-if solve (SPEC 8): a scenario (`s1`) or one point of a trade-off curve
 * (`c1-3`, point 3 of curve 1). It is solved from its plan's data set revision
 * with its changes applied, like a version, but never becomes one.
 */
export interface WhatIfRecord extends DatasetRef, VersionInputs {
  planId: string;
  /** `s<n>` for a scenario, `c<n>-<k>` for point k of curve n. */
  id: string;
  name: string;
  changes: import('../../solver/scenario.js').ScenarioChanges;
  asOf: string | null;
  status: VersionStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The idempotency target of the request that made it. */
  requestId?: string;
  /** A curve point's value. */
  value?: number;
  /** A curve point's remedies time limit, seconds, when its curve set one (SPEC 7; default the solver's). */
  remediesTimeLimitSeconds?: number;
  leaseId?: string;
  leaseUntil?: number;
  /** The runtime instance holding the lease. */
  leaseHolder?: string;
  solvedAt?: string;
  failure?: string;
  failureDetail?: MessageDetail;
  /** Once solved: the curve figures of its plan (SPEC 8; a scenario has them too). */
  figures?: Omit<import('../../solver/curve.js').CurvePoint, 'value' | 'status'>;
  /** Parts of the stored plan (gzipped JSON). */
  planParts?: number;
}

/** A trade-off curve (SPEC 8): its question; its points are what-if records. */
export interface CurveRecord extends DatasetRef, VersionInputs {
  planId: string;
  curveId: string;
  vary: import('../../solver/curve.js').CurveVary;
  from: number;
  to: number;
  steps: number;
  /** Each infeasible point's remedies time limit, seconds, when the request set one. */
  remediesTimeLimitSeconds?: number;
  createdBy: string;
  createdAt: string;
  requestId?: string;
}
