import { randomUUID } from 'node:crypto';
import {
  closedPhaseIds,
  isIsoDate,
  pickReport,
  PLANNER_MODEL_VERSION,
  validateDataset,
  validateProgress,
  type Dataset,
  type Phase,
  type ProgressReport,
} from '../../solver/index.js';
import { requireReviewer, requireWrite, type Caller } from './auth.js';
import { ConcurrentUpdateError, IdempotencyKeyReusedError, PlanStateError, ValidationFailedError } from './errors.js';
import { enqueue, type Deps } from './plans.js';
import type { ReportRecord, ReviewDecision, ReviewEntry, RevisionRecord } from './cycle-items.js';
import { reviewStateOf } from './cycle-items.js';
import { canonicalJson, sha256, type PlanHeader, type VersionInputs, type VersionRecord, type VersionTrigger } from './repository.js';
import { LIMITS } from './limits.js';

/*
 * The planning cycle's use cases (SPEC section 6): revise a plan's data set,
 * report progress, re-plan as of a date, review a version. Handlers only
 * translate HTTP to these and back.
 */

type Repo = Deps['repo'];
/** Use cases that only store inputs need no queue. */
type StoreDeps = Pick<Deps, 'repo' | 'log'>;

/**
 * Runs a write at most once per Idempotency-Key: the key is claimed with the
 * write's target (chosen before anything is written), so a retry or a
 * concurrent duplicate completes the same write instead of making a second one,
 * and a completed write is answered from its record. A key used with another
 * body is refused.
 */
async function once<T>(
  repo: Repo,
  scope: string,
  key: string | undefined,
  body: unknown,
  newTarget: () => string,
  work: (target: string) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (key === undefined) return { result: await work(newTarget()), replayed: false };
  const bodyHash = sha256(canonicalJson(body ?? null));
  const claim = (await repo.findWriteKey(scope, key)) ?? (await repo.claimWriteKey(scope, key, { bodyHash, target: newTarget(), now: new Date().toISOString() }));
  if (claim.bodyHash !== bodyHash) throw new IdempotencyKeyReusedError(key);
  if (claim.result !== undefined) return { result: JSON.parse(claim.result) as T, replayed: true };
  const result = await work(claim.target);
  await repo.completeWriteKey(scope, key, result);
  return { result, replayed: false };
}

/** The plan's latest revision, with a fallback for plans stored before revisions existed. */
export async function latestRevision(repo: Repo, header: PlanHeader): Promise<RevisionRecord> {
  const number = header.latestRevision ?? 1;
  const stored = await repo.getRevision(header.planId, number);
  if (stored !== undefined) return stored;
  const first = await repo.getVersion(header.planId, 1);
  if (first === undefined) throw new PlanStateError(`Plan ${header.planId} has no data set`);
  const dataset = await repo.loadDataset(header.planId, first);
  return {
    planId: header.planId, revision: 1, datasetHash: first.datasetHash, datasetParts: first.datasetParts,
    serviceAreas: first.serviceAreas, phases: phaseYears(dataset.phases), submittedBy: 'unknown', submittedAt: header.createdAt,
  };
}

export const phaseYears = (phases: Phase[]) => phases.map(({ id, year }) => ({ id, year }));

export interface RevisionAccepted {
  planId: string;
  revision: number;
}

/** PUT /v1/plans/{planId}/dataset: stores a new revision of the plan's data set (SPEC 6.1); no new version. */
export async function reviseDataset(deps: StoreDeps, caller: Caller, header: PlanHeader, key: string, body: unknown): Promise<{ result: RevisionAccepted; replayed: boolean }> {
  requireWrite(caller, header.province);
  const checked = validateDataset(body);
  if (!checked.ok) throw new ValidationFailedError(checked.issues, 'The data set is not valid');
  const dataset = checked.dataset;
  if (dataset.province !== header.province) {
    throw new ValidationFailedError([{ path: 'province', message: `must be the plan's province ${header.province}, got ${dataset.province}` }]);
  }
  return once(deps.repo, `PLAN#${header.planId}#dataset`, key, body, () => '', async () => {
    const ref = await deps.repo.putDataset(header.planId, dataset);
    for (let attempt = 0; attempt < 20; attempt++) {
      // The pointer first, then the search: a concurrent retry with this key writes its revision before it
      // commits it, so once the pointer shows that commit the search is sure to find the revision.
      const current = (await deps.repo.getPlan(header.planId))?.latestRevision ?? 1;
      const mine = await deps.repo.findRevisionByKey(header.planId, key);
      if (mine !== undefined && mine.revision <= current) return { planId: header.planId, revision: mine.revision };
      const added = await deps.repo.addRevision({
        planId: header.planId, expectedLatest: current, ...ref, phases: phaseYears(dataset.phases),
        submittedBy: caller.subject, submittedAt: new Date().toISOString(), idemKey: key,
      });
      if (added !== undefined) {
        deps.log.info('data set revised', { planId: header.planId, province: header.province, revision: added.revision });
        return { planId: header.planId, revision: added.revision };
      }
    }
    throw new ConcurrentUpdateError(`Plan ${header.planId}: too many concurrent revisions, retry`);
  });
}

export interface ReportAccepted {
  planId: string;
  reportId: string;
  asOf: string;
  receivedAt: string;
  sites: number;
}

/** POST /v1/plans/{planId}/progress: validates a report against the latest revision and stores it (SPEC 6.2); no new version. */
export async function reportProgress(deps: StoreDeps, caller: Caller, header: PlanHeader, key: string, body: unknown): Promise<{ result: ReportAccepted; replayed: boolean }> {
  requireWrite(caller, header.province);
  const revision = await latestRevision(deps.repo, header);
  const dataset = await deps.repo.loadDataset(header.planId, revision);
  const checked = validateProgress(body, dataset);
  if (!checked.ok) throw new ValidationFailedError(checked.issues, 'The progress report is not valid');
  const report = checked.report;
  // Report ids sort by arrival, so a listing reads in the order reports came in.
  const newId = () => `${new Date().toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  return once(deps.repo, `PLAN#${header.planId}#progress`, key, body, newId, async (reportId) => {
    const stored = await deps.repo.putReport({
      planId: header.planId, reportId, asOf: report.asOf, receivedAt: new Date().toISOString(), receivedBy: caller.subject, report,
    });
    deps.log.info('progress reported', { planId: header.planId, province: header.province, reportId, asOf: report.asOf, sites: stored.sites });
    return { planId: header.planId, reportId, asOf: stored.asOf, receivedAt: stored.receivedAt, sites: stored.sites };
  });
}

/** The report a re-plan as of `asOf` counts (SPEC 6.3: latest asOf not after A, ties the later arrival). */
export function reportFor(reports: ReportRecord[], asOf: string): ReportRecord | undefined {
  const candidates = reports.map((record) => ({ record, receivedAt: record.receivedAt, report: { asOf: record.asOf, sites: [] } as ProgressReport }));
  return pickReport(candidates, asOf)?.record;
}

/**
 * What a version was solved from (SPEC 6.4). A version stored before its inputs
 * were recorded reads as revision 1, no report, nothing closed, and a model
 * version no planner has, so any re-plan of it counts as changed.
 */
export function inputsOf(record: VersionRecord): VersionInputs {
  return {
    dataRevision: record.dataRevision ?? 1,
    progressReportId: record.progressReportId ?? null,
    progressAsOf: record.progressAsOf ?? null,
    closedPhases: record.closedPhases ?? [],
    modelVersion: record.modelVersion ?? 'unrecorded',
  };
}

/** Which inputs differ between two versions: the one rule behind "unchanged" re-plans and the diff's `inputsChanged`. */
export function changedInputs(a: VersionInputs, b: VersionInputs) {
  return {
    dataRevision: a.dataRevision !== b.dataRevision,
    // The report counted, by identity: two reports may share an as-of date.
    progress: a.progressReportId !== b.progressReportId,
    closedPhases: JSON.stringify(a.closedPhases) !== JSON.stringify(b.closedPhases),
    modelVersion: a.modelVersion !== b.modelVersion,
  };
}

export function sameInputs(record: VersionRecord, inputs: VersionInputs): boolean {
  return !Object.values(changedInputs(inputsOf(record), inputs)).some(Boolean);
}

export type ReplanOutcome = { created: true; version: VersionRecord } | { created: false; version: VersionRecord };

/**
 * A re-plan as of `asOf` (SPEC 6.3/6.4): a new queued version when any input
 * differs from the latest version's (data set revision, report counted, closed
 * phases, model version), else the latest version, unchanged. A latest version
 * that failed is re-planned even with equal inputs, so a failure can be retried.
 * Of concurrent callers one makes the version and the others see it unchanged.
 */
export async function requestReplan(
  deps: Deps,
  header: PlanHeader,
  options: { asOf: string; trigger: Exclude<VersionTrigger, 'submit'>; tick?: string; idemKey?: string },
): Promise<ReplanOutcome> {
  let current = header;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [revision, reports, latest] = await Promise.all([
      latestRevision(deps.repo, current),
      deps.repo.listReports(current.planId),
      deps.repo.getVersion(current.planId, current.latestVersion),
    ]);
    if (latest === undefined) throw new PlanStateError(`Plan ${current.planId} has no version ${current.latestVersion}`);
    const report = reportFor(reports, options.asOf);
    const inputs: VersionInputs = {
      dataRevision: revision.revision,
      progressReportId: report?.reportId ?? null,
      progressAsOf: report?.asOf ?? null,
      closedPhases: closedPhaseIds({ phases: revision.phases } as Pick<Dataset, 'phases'> as Dataset, options.asOf),
      modelVersion: PLANNER_MODEL_VERSION,
    };
    // Made by an earlier attempt of this very request (its answer, or its enqueue, was lost): the same version again.
    if (options.idemKey !== undefined && latest.idemKey === options.idemKey) {
      if (latest.status === 'queued') await enqueue(deps.queue, { planId: latest.planId, version: latest.version });
      return { created: true, version: latest };
    }
    if (latest.status !== 'failed' && sameInputs(latest, inputs)) return { created: false, version: latest };
    try {
      const outcome = await deps.repo.addVersion({
        planId: current.planId,
        expectedLatest: current.latestVersion,
        trigger: options.trigger,
        tick: options.tick,
        now: new Date().toISOString(),
        source: { dataset: revision, asOf: options.asOf, inputs, ...(options.idemKey === undefined ? {} : { idemKey: options.idemKey }) },
      });
      if ('skipped' in outcome) {
        const fresh = await deps.repo.getPlan(current.planId);
        const done = fresh === undefined ? undefined : await deps.repo.getVersion(current.planId, fresh.latestVersion);
        if (done === undefined) throw new PlanStateError(`Plan ${current.planId} vanished`);
        return { created: false, version: done };
      }
      await enqueue(deps.queue, { planId: current.planId, version: outcome.version.version });
      deps.log.info('plan re-planned', { planId: current.planId, province: current.province, version: outcome.version.version, asOf: options.asOf, trigger: options.trigger });
      return { created: true, version: outcome.version };
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) throw error;
      // Someone else added a version meanwhile: look again; with the same inputs theirs serves.
      const fresh = await deps.repo.getPlan(current.planId);
      if (fresh === undefined) throw error;
      if (fresh.latestVersion === current.latestVersion) await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      current = fresh;
    }
  }
  throw new ConcurrentUpdateError(`Plan ${header.planId} is being re-planned by another request; retry`);
}

/** POST /v1/plans/{planId}/regenerate with an optional Idempotency-Key: a retried call never makes two versions. */
export async function regenerateByHand(
  deps: Deps,
  caller: Caller,
  header: PlanHeader,
  rawBody: unknown,
  today: string,
  key: string | undefined,
): Promise<{ result: { planId: string; version: number; status: string; unchanged: boolean }; replayed: boolean }> {
  requireWrite(caller, header.province);
  const body = parseRegenerateBody(rawBody, today);
  // The key is bound to the body as sent: a retry without a body on another day is the same request.
  return once(deps.repo, `PLAN#${header.planId}#regenerate`, key, rawBody, () => '', async () => {
    const outcome = await requestReplan(deps, header, { asOf: body.asOf, trigger: 'regenerate', ...(key === undefined ? {} : { idemKey: key }) });
    return { planId: header.planId, version: outcome.version.version, status: outcome.version.status, unchanged: !outcome.created };
  });
}

/** The body of a regenerate call: nothing, or `{ "asOf": "YYYY-MM-DD" }`. */
export function parseRegenerateBody(body: unknown, today: string): { asOf: string } {
  if (body === undefined || body === null) return { asOf: today };
  if (typeof body !== 'object' || Array.isArray(body)) throw new ValidationFailedError([{ path: '', message: 'must be an object such as {"asOf": "2026-01-15"}' }]);
  const issues = Object.keys(body).filter((name) => name !== 'asOf').map((name) => ({ path: name, message: 'is not a known field' }));
  const asOf = (body as { asOf?: unknown }).asOf;
  if (asOf !== undefined && !isIsoDate(asOf)) issues.push({ path: 'asOf', message: 'must be a calendar date YYYY-MM-DD' });
  if (issues.length > 0) throw new ValidationFailedError(issues);
  return { asOf: typeof asOf === 'string' ? asOf : today };
}

export interface ReviewView {
  state: ReturnType<typeof reviewStateOf>;
  history: ReviewEntry[];
}

export function reviewView(history: ReviewEntry[]): ReviewView {
  return { state: reviewStateOf(history.at(-1)?.decision), history };
}

/** Validates a review body: a decision, and a comment (required to request changes). */
export function parseReviewBody(body: unknown): { decision: ReviewDecision; comment: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationFailedError([{ path: '', message: 'must be an object {"decision": "approve" | "request-changes", "comment": "..."}' }]);
  }
  const record = body as Record<string, unknown>;
  const issues = Object.keys(record).filter((name) => name !== 'decision' && name !== 'comment').map((name) => ({ path: name, message: 'is not a known field' }));
  const { decision, comment } = record;
  if (decision !== 'approve' && decision !== 'request-changes') issues.push({ path: 'decision', message: 'must be "approve" or "request-changes"' });
  if (comment !== undefined && typeof comment !== 'string') issues.push({ path: 'comment', message: 'must be a string' });
  else if (typeof comment === 'string' && comment.length > LIMITS.reviewCommentChars) issues.push({ path: 'comment', message: `must be at most ${LIMITS.reviewCommentChars} characters` });
  if (decision === 'request-changes' && (typeof comment !== 'string' || comment.trim() === '')) issues.push({ path: 'comment', message: 'is required to request changes' });
  if (issues.length > 0) throw new ValidationFailedError(issues);
  return { decision: decision as ReviewDecision, comment: typeof comment === 'string' ? comment : '' };
}

/**
 * Records a reviewer's decision on a solved version (SPEC 6.6): kept beside every
 * earlier one; the version's state is its latest decision, and the plan of record
 * is the latest version whose state is approved.
 */
export async function reviewVersion(
  deps: StoreDeps,
  caller: Caller,
  header: PlanHeader,
  record: VersionRecord,
  body: unknown,
): Promise<ReviewView> {
  requireReviewer(caller);
  const { decision, comment } = parseReviewBody(body);
  if (record.status === 'queued' || record.status === 'solving') {
    throw new PlanStateError(`Version ${record.version} is still ${record.status}: review it once it is solved`);
  }
  const at = new Date().toISOString();
  await deps.repo.addReview(header.planId, { version: record.version, decision, comment, reviewer: caller.subject, at });
  const all = await deps.repo.listAllReviews(header.planId);
  const states = new Map<number, ReviewDecision>();
  for (const entry of all) states.set(entry.version, entry.decision);
  const approved = [...states].filter(([, d]) => d === 'approve').map(([v]) => v);
  const fresh = (await deps.repo.getPlan(header.planId)) ?? header;
  await deps.repo.setReviewState({
    planId: header.planId,
    version: record.version,
    state: reviewStateOf(decision),
    planOfRecord: approved.length === 0 ? null : Math.max(...approved),
    latestReviewState: reviewStateOf(states.get(fresh.latestVersion)),
    now: at,
  });
  deps.log.info('version reviewed', { planId: header.planId, province: header.province, version: record.version, decision });
  return reviewView(all.filter((entry) => entry.version === record.version));
}
